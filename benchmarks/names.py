"""Names as a user meets them, judged against what people wrote, old and new side by side.

Two steps, so that an earlier paperviz can name the same corpora (its ``src`` first on
``PYTHONPATH``):

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/names.py run --backend bf16 --out new.json
    git worktree add /tmp/base c2ac1eb
    HF_HUB_OFFLINE=1 PYTHONPATH=/tmp/base/src .venv/bin/python benchmarks/names.py run \\
        --backend bf16 --out old.json
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/names.py run --backend torch --out fp32.json
    HF_HUB_OFFLINE=1 PYTHONPATH=/tmp/base/src .venv/bin/python benchmarks/names.py run \\
        --backend torch --out old-fp32.json
    .venv/bin/python benchmarks/names.py judge old.json new.json --fp32 fp32.json \\
        --old-fp32 old-fp32.json

``run`` builds each corpus's map with the defaults (``build_map``, vectors from the cache
of ``--backend``) and writes every level's names and every paper's areas. ``judge`` prints,
per corpus and level:
- with the authors' keywords (openreview-keywords): the share of name parts found among the
  area's ten most characteristic keywords (count x lift; see ``judge.found_share``), with
  the keywords withheld from the namer (``openreview``; its venues ``colm`` and ``corl``
  alone) and given to it (``openreview-kw``);
- fields against arXiv categories: each top-level area of which >= 60% of the papers have
  one category, its name beside the category's official name;
- with ``--fp32``: the share of matched areas (same papers, Jaccard >= 0.5) whose name the
  fp32 map keeps;
and the seconds of the describe stage; and writes ``benchmarks/results/names.md`` with
every name, old beside new.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED, arxiv_2007, dev_sample  # noqa: E402
from judge import (  # noqa: E402
    found_share,
    hit_share,
    names_kept,
    paper_keywords,
    top_keywords,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

# Official arXiv names of the categories and archives the labelled corpora hold (arxiv.org
# category taxonomy), to read beside the field names.
ARXIV_NAMES = {
    "cs.CV": "Computer Vision and Pattern Recognition", "cs.CL": "Computation and Language",
    "cs.AI": "Artificial Intelligence", "cs.LG": "Machine Learning", "cs.GR": "Graphics",
    "eess.IV": "Image and Video Processing", "cs.RO": "Robotics",
    "cs.HC": "Human-Computer Interaction", "cs.IR": "Information Retrieval",
    "cs.SD": "Sound", "cs.CR": "Cryptography and Security", "astro-ph": "Astrophysics",
    "math": "Mathematics", "cond-mat": "Condensed Matter", "physics": "Physics",
    "hep-ph": "High Energy Physics - Phenomenology", "hep-th": "High Energy Physics - Theory",
    "quant-ph": "Quantum Physics", "cs": "Computer Science",
    "gr-qc": "General Relativity and Quantum Cosmology", "nucl-th": "Nuclear Theory",
    "math-ph": "Mathematical Physics", "hep-ex": "High Energy Physics - Experiment",
    "nlin": "Nonlinear Sciences", "q-bio": "Quantitative Biology",
    "nucl-ex": "Nuclear Experiment", "q-fin": "Quantitative Finance",
    "hep-lat": "High Energy Physics - Lattice", "stat": "Statistics",
}


def _openreview(keywords: bool) -> pd.DataFrame:
    frame = pd.read_parquet(SHARED / "openreview-keywords.parquet")
    return frame if keywords else frame.drop(columns=["keywords"])


def venue(prefix: str, keywords: bool = False) -> pd.DataFrame:
    """The papers of one venue's years in openreview-keywords ('colm': COLM 2024, 'corl':
    CoRL 2021-2024): a corpus of one subject, judged by its authors' keywords."""
    frame = _openreview(keywords)
    return frame[frame["venue"].str.startswith(prefix)].reset_index(drop=True)


CORPORA = {
    "bundled": lambda: None,
    "dev": dev_sample,
    "2007": arxiv_2007,
    "openreview": lambda: _openreview(False),
    "openreview-kw": lambda: _openreview(True),
    "40k": lambda: pd.read_parquet(SHARED / "arxiv-cs-2025.parquet"),
    # IJCAI's own taxonomy, withheld: the topics ticked judge the sub-areas, the areas
    # ticked the top level
    "ijcai": lambda: pd.read_parquet(SHARED / "ijcai-2020-2023.parquet").drop(
        columns=["keywords"]),
    "colm": lambda: venue("colm"),
    "corl": lambda: venue("corl"),
}
TRUTH = {"dev": "label", "2007": "archive", "40k": "label"}


def _versions() -> dict[str, str]:
    """The installed libraries the areas depend on: the same code finds other areas with
    others (a fresh install of 2026-12-02 did), so a run records them."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("igraph", "umap-learn", "numpy", "pandas", "scipy", "torch",
                    "sentence-transformers", "numba", "pynndescent"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "absent"
    return found


def run(names: list[str], backend: str, out: Path) -> None:
    import paperviz
    from paperviz import Embedder
    from paperviz.corpus import from_dataframe

    embedder = Embedder(backend=backend)
    result = {"paperviz": str(Path(paperviz.__file__).parent), "backend": backend,
              "versions": _versions(), "corpora": {}}
    for name in names:
        raw = CORPORA[name]()
        corpus = (paperviz.load_corpus(ROOT / "data" / "trending-papers.txt") if raw is None
                  else from_dataframe(raw))
        timings: dict = {}
        start = time.perf_counter()
        pmap = paperviz.build_map(corpus, embedder=embedder, timings=timings)
        levels = [lv for lv in ("field", "area", "subarea", "topic") if lv in pmap.papers]
        s = pmap.summaries
        entry = {"seconds": time.perf_counter() - start, "timings": timings,
                 "paper_id": pmap.papers["paper_id"].astype(str).tolist(),
                 "titles": pmap.papers["title"].astype(str).tolist(),
                 "levels": {lv: {"labels": pmap.papers[lv].astype(int).tolist(),
                                 "names": {str(int(r.area)): r.name for r in
                                           s[s["level"] == lv].itertuples()},
                                 "parents": {str(int(r.area)): int(r.parent) for r in
                                             s[s["level"] == lv].itertuples()},
                                 "support": {str(int(r.area)): getattr(r, "support", None)
                                             for r in s[s["level"] == lv].itertuples()}}
                            for lv in levels}}
        result["corpora"][name] = entry
        print(f"{name}: {len(corpus)} papers, levels {levels}, {entry['seconds']:.0f} s "
              f"(describe {timings.get('describe', float('nan')):.0f} s)", flush=True)
    out.write_text(json.dumps(result))


def _names(level: dict) -> dict[int, str]:
    return {int(a): n for a, n in level["names"].items()}


# What judges each corpus's names: (file, column for the top level, column below it)
JUDGED = {"openreview": ("openreview-keywords", "keywords", "keywords"),
          "openreview-kw": ("openreview-keywords", "keywords", "keywords"),
          "ijcai": ("ijcai-2020-2023", "areas", "keywords"),
          "colm": ("openreview-keywords", "keywords", "keywords"),
          "corl": ("openreview-keywords", "keywords", "keywords")}


def _keyword_rows(old: dict, new: dict) -> list[dict]:
    """Per corpus, namer and level: the names with a part among the area's ten most
    characteristic keywords (withheld from the namer but for ``openreview-kw``), and the
    share of name parts found."""
    rows = []
    for corpus, (file, top_column, column) in JUDGED.items():
        frame = pd.read_parquet(SHARED / f"{file}.parquet")
        by_title = frame.drop_duplicates("title").set_index("title")
        for label, result in (("before", old), ("now", new)):
            entry = result["corpora"].get(corpus)
            if entry is None:
                continue
            titles = entry.get("titles")
            for depth, (level, data) in enumerate(entry["levels"].items()):
                wanted = top_column if depth == 0 else column
                if titles is None:  # runs before titles were kept: ids are unique here
                    order = frame.set_index(frame["id"].astype(str))
                    cells = order.loc[entry["paper_id"], wanted]
                else:
                    cells = by_title[wanted].reindex(titles)  # a title the loader
                    # cleaned is judged against no keywords
                labels = np.asarray(data["labels"])
                tops = top_keywords(paper_keywords(cells), labels)
                rows.append({"corpus": corpus, "namer": label, "level": level,
                             "areas": len(data["names"]),
                             "names with a hit": hit_share(_names(data), tops),
                             "parts found": found_share(_names(data), tops)})
    return rows


def _field_rows(old: dict, new: dict) -> list[str]:
    lines = ["| corpus | top level | papers | category (share) | before | now |",
             "|---|---|---|---|---|---|"]
    for corpus, column in TRUTH.items():
        if corpus not in new["corpora"]:
            continue
        entry = new["corpora"][corpus]
        raw = CORPORA[corpus]()
        ids = raw["id"].astype(str)
        truth = pd.Series(raw[column].to_numpy(), index=ids).loc[entry["paper_id"]].to_numpy()
        top = next(iter(entry["levels"]))
        labels = np.asarray(entry["levels"][top]["labels"])
        before = old["corpora"].get(corpus, {}).get("levels", {}).get(top)
        for area, name in _names(entry["levels"][top]).items():
            inside = truth[labels == area]
            counts = pd.Series(inside).value_counts()
            share = counts.iloc[0] / len(inside)
            mark = f"{ARXIV_NAMES.get(counts.index[0], counts.index[0])} ({share:.0%})"
            was = _names(before).get(area, "") if before else ""
            lines.append(f"| {corpus} | {top} | {len(inside)} | "
                         f"{mark if share >= 0.6 else '(mixed: ' + mark + ')'} | {was} | {name} |")
    return lines


def _stability_rows(new: dict, fp32: dict) -> list[dict]:
    rows = []
    for corpus, entry in new["corpora"].items():
        other = fp32["corpora"].get(corpus)
        if other is None:
            continue
        # the same papers in the same order in both runs (build_map returns input order)
        assert entry["paper_id"] == other["paper_id"]
        for level, data in entry["levels"].items():
            if level not in other["levels"]:
                continue
            kept, matched = names_kept(np.asarray(data["labels"]), _names(data),
                                       np.asarray(other["levels"][level]["labels"]),
                                       _names(other["levels"][level]))
            rows.append({"corpus": corpus, "level": level, "matched": matched,
                         "names kept": kept / max(matched, 1)})
    return rows


def _support_rows(old: dict, new: dict) -> list[dict]:
    """Per corpus and level: the median support of the names (the share of an area's papers
    using its name) and the areas of 50 papers or more under 25%, before and now."""
    rows = []
    for corpus, entry in new["corpora"].items():
        for level in entry["levels"]:
            row = {"corpus": corpus, "level": level}
            for label, result in (("before", old), ("now", new)):
                got = result["corpora"].get(corpus, {}).get("levels", {}).get(level, {})
                labels = np.asarray(got.get("labels", []))
                held = {int(a): v for a, v in got.get("support", {}).items() if v is not None}
                row[f"median {label}"] = float(np.median(list(held.values()))) if held \
                    else float("nan")
                row[f">=50 under 25% {label}"] = sum(
                    (labels == a).sum() >= 50 and v < 0.25 for a, v in held.items())
            rows.append(row)
    return rows


def _area_rows(entry: dict, before: dict | None, depth: int, parent: int | None) -> list[str]:
    """The names of one level (the areas of ``parent``), each followed by its own areas'."""
    levels = list(entry["levels"])
    level = levels[depth]
    data = entry["levels"][level]
    labels = np.asarray(data["labels"])
    rows = []
    for area, name in sorted(_names(data).items(), key=lambda kv: -(labels == kv[0]).sum()):
        if parent is not None and data["parents"][str(area)] != parent:
            continue
        was = ""
        if before and level in before["levels"]:
            was = before["levels"][level]["names"].get(str(area), "")
        rows.append(f"| {level} | {(labels == area).sum()} | {was} | {name} |")
        if depth + 1 < len(levels) and levels[depth + 1] != "topic":
            rows += _area_rows(entry, before, depth + 1, area)
    return rows


def _side_by_side(old: dict, new: dict) -> list[str]:
    md = []
    for corpus, entry in new["corpora"].items():
        md += [f"\n### {corpus}\n", "| level | papers | before | now |", "|---|---|---|---|",
               *_area_rows(entry, old["corpora"].get(corpus), 0, None)]
    return md


def judge(old_path: Path, new_path: Path, fp32_path: Path | None,
          old_fp32_path: Path | None = None) -> None:
    old, new = json.loads(old_path.read_text()), json.loads(new_path.read_text())
    md = ["# Area names: before and now\n",
          "Written by `benchmarks/names.py judge` (see its docstring for the commands).\n"]
    keyword = pd.DataFrame(_keyword_rows(old, new))
    if len(keyword):
        md += ["## Names among the authors' top-10 keywords (openreview-keywords; IJCAI's "
               "ticked topics, and its areas at the top level)\n",
               keyword.to_markdown(index=False, floatfmt=".3f"), ""]
    md += ["## Top level against arXiv categories\n", *_field_rows(old, new), ""]
    md += ["## Support: the share of each area's papers that use its name\n",
           pd.DataFrame(_support_rows(old, new)).to_markdown(index=False, floatfmt=".2f"), ""]
    if fp32_path is not None:
        stable = pd.DataFrame(_stability_rows(new, json.loads(fp32_path.read_text())))
        if old_fp32_path is not None:
            before = pd.DataFrame(_stability_rows(old, json.loads(old_fp32_path.read_text())))
            stable.insert(2, "kept before", before.set_index(["corpus", "level"])[
                "names kept"].reindex(pd.MultiIndex.from_frame(stable[["corpus", "level"]]))
                .to_numpy())
        md += ["## Names kept from bf16 to fp32 vectors (matched areas)\n",
               stable.to_markdown(index=False, floatfmt=".3f"), ""]
    timing = [{"corpus": c, "describe s before": old["corpora"].get(c, {}).get(
        "timings", {}).get("describe"), "describe s now": e["timings"].get("describe")}
              for c, e in new["corpora"].items()]
    md += ["## Seconds\n", pd.DataFrame(timing).to_markdown(index=False,
                                                                  floatfmt=".0f"), ""]
    md += ["## Every name\n", *_side_by_side(old, new)]
    text = "\n".join(md) + "\n"
    print(text[: text.find("## Every name")])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "names.md").write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("run")
    one.add_argument("--corpora",
                     default="bundled,dev,2007,openreview,openreview-kw,ijcai,colm,corl")
    one.add_argument("--backend", default="bf16")
    one.add_argument("--out", type=Path, required=True)
    two = sub.add_parser("judge")
    two.add_argument("old", type=Path)
    two.add_argument("new", type=Path)
    two.add_argument("--fp32", type=Path, help="the new namer's run on fp32 vectors")
    two.add_argument("--old-fp32", type=Path, help="the old namer's run on fp32 vectors")
    args = parser.parse_args()
    if args.command == "run":
        run(args.corpora.split(","), args.backend, args.out)
    else:
        judge(args.old, args.new, args.fp32, args.old_fp32)


if __name__ == "__main__":
    main()
