"""Does a change to the naming code change what it writes? The describe stage alone, run by
two versions of paperviz on the same inputs, its whole output compared.

Three steps, so that an earlier paperviz can describe the same maps (its ``src`` first on
``PYTHONPATH``):

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/describe_same.py save --dir /tmp/inputs \\
        --backend torch --corpora bundled,dev,2007,openreview,openreview-kw,ijcai
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/describe_same.py save --dir /tmp/inputs \\
        --backend static-minilm --corpora 40k  # vectors in minutes, not hours
    git worktree add /tmp/base <commit>
    HF_HUB_OFFLINE=1 PYTHONPATH=/tmp/base/src .venv/bin/python benchmarks/describe_same.py \\
        describe --dir /tmp/inputs --out old.json
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/describe_same.py describe --dir /tmp/inputs \\
        --out new.json
    .venv/bin/python benchmarks/describe_same.py diff old.json new.json

``save`` builds each corpus's map with the defaults and keeps what the describe stage reads:
the papers, each level's areas, the vectors and each paper's matched discipline. ``describe``
runs :func:`paperviz.describe.describe_levels` on them as the pipeline does (the authors'
keywords withheld, except for a corpus whose name ends in ``-kw``) and writes every
summary (name, key phrases, representative papers, similar areas, ...) with its seconds.
``diff`` counts the summaries that differ, per corpus, and prints the first few; with
``--names``, every area whose name moved, both names with their support.

Beyond ``benchmarks/names.py``'s corpora: ``ijcai`` (IJCAI 2020-2023; a paperviz before
52a6254 loads 863 of its 3,212 papers), ``2007-fields`` (the 2007 set with ``n_fields=3``:
a level named after the one below it), ``<corpus>-seed7`` for dev, 2007, openreview,
ijcai and 40k (the same papers, the areas of another seed: ``benchmarks/names_score.py``
counts the names kept), and ``colm`` (COLM 2024, 299 papers) and ``corl`` (CoRL 2021-2024,
807) from openreview-keywords: corpora of one subject, judged by their authors' keywords;
``cstail``, ``csCL`` and ``hcrogr``, slices of arXiv-cs-2025 the rules were never tuned on
(``corpora.arxiv_2025_slice``; no keywords: read blind). Exports
of other fields, as their databases write them, with ``save --file NAME=PATH``
(repeatable): the file loaded as a user would, its ``keywords`` the authors' own
(Web of Science's DE, PubMed's and Scopus's author keywords), withheld from the namer and
judged by ``names_score.py``. Session 26 used four real exports fetched from public
repositories (docs/names.md, "Exports of other fields").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import arxiv_2025_slice  # noqa: E402
from names import CORPORA, ROOT, SHARED, venue  # noqa: E402

CORPORA = {**CORPORA, "ijcai": lambda: pd.read_parquet(SHARED / "ijcai-2020-2023.parquet"),
           "2007-fields": CORPORA["2007"],
           # the venues with their keywords, which names_score.py judges by
           "colm": lambda: venue("colm", keywords=True),
           "corl": lambda: venue("corl", keywords=True),
           # never tuned on (session 40): slices of arXiv-cs-2025, read blind
           **{name: partial(arxiv_2025_slice, name) for name in ("cstail", "csCL", "hcrogr")}}
OPTIONS = {"2007-fields": {"n_fields": 3}}  # a level named after the one below it
for _name in ("dev", "2007", "openreview", "ijcai", "40k"):  # the same papers, another
    CORPORA[f"{_name}-seed7"] = CORPORA[_name]  # seed's areas
    OPTIONS[f"{_name}-seed7"] = {"random_state": 7}
LEVELS = ("field", "area", "subarea", "topic")


def save(names: list[str], backend: str, folder: Path, cache_dir: Path | None,
         files: dict[str, Path] | None = None) -> None:
    """Each corpus of ``names``, and each export of ``files`` (name: path, loaded as a user
    would and judged by its authors' keywords), mapped and saved under ``folder``."""
    import paperviz
    from paperviz.corpus import from_dataframe
    from paperviz.describe.disciplines import paper_disciplines, vocabulary

    embedder = _embedder(backend, cache_dir)
    files = files or {}
    for name in [*names, *files]:
        if name in files:
            corpus = _export(files[name])
        else:
            raw = CORPORA[name]()
            corpus = (paperviz.load_corpus(ROOT / "data" / "trending-papers.txt") if raw is None
                      else from_dataframe(raw))
        start = time.perf_counter()
        pmap = paperviz.build_map(corpus, embedder=embedder, **OPTIONS.get(name, {}))
        out = folder / name
        out.mkdir(parents=True, exist_ok=True)
        levels = [lv for lv in LEVELS if lv in pmap.papers]
        keep = [c for c in ("paper_id", "title", "text", "keywords") if c in pmap.papers]
        pmap.papers[keep + levels].to_parquet(out / "papers.parquet")
        vectors = np.asarray(pmap.embeddings, dtype=np.float32)
        np.save(out / "vectors.npy", vectors)
        paper_disciplines(vectors, vocabulary(embedder)).to_parquet(out / "disciplines.parquet")
        (out / "levels.json").write_text(json.dumps(levels))
        print(f"{name}: {len(corpus)} papers, levels {levels}, "
              f"{time.perf_counter() - start:.0f} s", flush=True)


def _embedder(backend: str, cache_dir: Path | None = None):
    """The embedder of ``backend`` ('static-minilm' is a model of its own)."""
    from paperviz import Embedder

    if backend == "static-minilm":
        return Embedder("static-minilm", cache_dir=cache_dir, show_progress=False)
    return Embedder(backend=backend, cache_dir=cache_dir)


def _export(path: Path) -> pd.DataFrame:
    """An export file loaded as a user would, its ``keywords`` the authors' own where the
    database keeps them apart from its indexers' (Web of Science's DE, Scopus's and
    PubMed's author keywords): what ``names_score.py`` judges names by."""
    import paperviz

    corpus = paperviz.load_corpus(path)
    if "author_keywords" in corpus:
        corpus["keywords"] = corpus["author_keywords"]
    return corpus


def describe(folder: Path, out: Path, only: list[str] | None, terms: str = "") -> None:
    """Every saved map of ``folder`` (or those of ``only``) described, its summaries written
    to ``out``; ``terms``, the backend that made the saved vectors: its model embeds the
    name candidates (``describe_levels``' ``term_vectors``, since session 27)."""
    from paperviz.describe import describe_levels

    extra = {"term_vectors": _embedder(terms).encode} if terms else {}
    result = {}
    for path in sorted(p for p in folder.iterdir() if (p / "levels.json").exists()):
        if only and path.name not in only:
            continue
        papers = pd.read_parquet(path / "papers.parquet")
        if not path.name.endswith("-kw"):  # judged against them, so withheld from the namer
            papers = papers.drop(columns=["keywords"], errors="ignore")
        levels = json.loads((path / "levels.json").read_text())
        vectors = np.load(path / "vectors.npy")
        matched = pd.read_parquet(path / "disciplines.parquet")
        matched = matched.astype(object).where(matched.notna(), None)
        start = time.perf_counter()
        summaries = describe_levels(papers, {lv: papers[lv].to_numpy() for lv in levels},
                                    vectors, core=("area", "subarea"), disciplines=matched,
                                    **extra)
        seconds = time.perf_counter() - start
        rows = json.loads(summaries.to_json(orient="records"))
        result[path.name] = {"seconds": seconds, "rows": rows}
        print(f"{path.name}: {len(papers)} papers, {len(rows)} areas, describe {seconds:.1f} s",
              flush=True)
    out.write_text(json.dumps(result))


def diff(old_path: Path, new_path: Path, show: int = 5) -> int:
    old, new = json.loads(old_path.read_text()), json.loads(new_path.read_text())
    differing = 0
    for name in old:
        if name not in new:
            print(f"{name}: missing from {new_path}")
            differing += 1
            continue
        a, b = old[name]["rows"], new[name]["rows"]
        changed = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
        changed += [(x, None) for x in a[len(b):]] + [(None, y) for y in b[len(a):]]
        differing += len(changed)
        print(f"{name}: {len(a)} summaries, {len(changed)} differ; describe "
              f"{old[name]['seconds']:.1f} s -> {new[name]['seconds']:.1f} s")
        for x, y in changed[:show]:
            keys = sorted({k for row in (x or {}, y or {}) for k in row
                           if (x or {}).get(k) != (y or {}).get(k)})
            print("   ", {k: ((x or {}).get(k), (y or {}).get(k)) for k in keys})
    return differing


def moved_names(old_path: Path, new_path: Path) -> int:
    """Print every area whose name moved between two describes (matched by level and area
    number: the same saved map), with its size and both names' support; return how many."""
    old, new = json.loads(old_path.read_text()), json.loads(new_path.read_text())
    moved = 0
    for name in old:
        before = {(r["level"], r["area"]): r for r in old[name]["rows"]}
        for row in new.get(name, {}).get("rows", []):
            was = before.get((row["level"], row["area"]))
            if was is not None and was["name"] != row["name"]:
                moved += 1
                print(f"{name:16s} {row['level']:8s} {row['size']:5d}  {was['name']} "
                      f"({was['support'] or 0:.2f}) -> {row['name']} ({row['support'] or 0:.2f})")
    return moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    one = steps.add_parser("save")
    one.add_argument("--corpora", default="bundled,dev,2007,openreview,openreview-kw,ijcai")
    one.add_argument("--backend", default="torch")
    one.add_argument("--dir", type=Path, required=True)
    one.add_argument("--cache-dir", type=Path, help="the embedding cache (default: the user's)")
    one.add_argument("--file", action="append", default=[], metavar="NAME=PATH",
                     help="an export file to map as corpus NAME (judged by its authors' keywords)")
    two = steps.add_parser("describe")
    two.add_argument("--dir", type=Path, required=True)
    two.add_argument("--out", type=Path, required=True)
    two.add_argument("--only", default="", help="comma-separated corpora (default: all)")
    two.add_argument("--terms", default="", metavar="BACKEND",
                     help="the backend that made the saved vectors, to embed name candidates")
    three = steps.add_parser("diff")
    three.add_argument("old", type=Path)
    three.add_argument("new", type=Path)
    three.add_argument("--names", action="store_true",
                       help="list every area whose name moved, not the first rows that differ")
    args = parser.parse_args()
    if args.step == "save":
        files = dict(item.split("=", 1) for item in args.file)
        save([c for c in args.corpora.split(",") if c], args.backend, args.dir, args.cache_dir,
             {name: Path(path) for name, path in files.items()})
    elif args.step == "describe":
        describe(args.dir, args.out, [c for c in args.only.split(",") if c], args.terms)
    elif args.names:
        print(f"{moved_names(args.old, args.new)} names moved")
    else:
        sys.exit(1 if diff(args.old, args.new) else 0)


if __name__ == "__main__":
    main()
