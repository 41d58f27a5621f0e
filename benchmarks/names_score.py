"""Names judged on the maps of ``benchmarks/describe_same.py`` (the describe stage alone,
on saved maps: seconds a corpus), old and new side by side:

    .venv/bin/python benchmarks/names_score.py --inputs /tmp/inputs old.json new.json

Per corpus and level: names with a hit (a part among the area's ten most characteristic
keywords the authors gave, withheld from the namer: openreview-keywords, and IJCAI
2020-2023's ticked topics; IJCAI's top level also against the IJCAI areas its papers
ticked; ``colm``, ``corl`` and an export saved with ``describe_same.py save --file``, the
papers' own authors' keywords),
the share of name parts found, each name's support (the share of its area's
papers whose title and abstract use every content word of one of its parts, anywhere),
and the namer's own support (the name's phrase in any written form): the medians, and the
areas of 50 papers or more under 25%; the same support among the area's ten most central
papers (nearest its mean vector), its median and the names under half; where a corpus was
also mapped with another seed (``<corpus>-seed7``), the names its matched areas keep.
``--names FILE`` writes every name, old beside new, with its support; ``--unkept`` lists
the matched areas whose names differ across the seeds; ``--misses FILE`` writes each judged
group whose new name misses, with its top keywords and key phrases.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402
from judge import (  # noqa: E402
    content_words,
    found_share,
    hit_share,
    matched_areas,
    names_kept,
    paper_keywords,
    support,
    top_keywords,
)

TRUTH = {"openreview": ("openreview-keywords", "keywords"),
         "openreview-kw": ("openreview-keywords", "keywords"),
         "ijcai": ("ijcai-2020-2023", "keywords")}
TOP_TRUTH = {"ijcai": ("ijcai-2020-2023", "areas")}
BIG = 50  # papers: an area this large must have support >= LOW
LOW = 0.25
CENTRAL = 10  # papers nearest an area's centre: does its name describe most of them?


def _truth(corpus: str, papers: pd.DataFrame, table: dict) -> list[list[str]] | None:
    """Each paper's keywords to judge names by: a labelled corpus's (``table``), or an
    export's own authors' keywords (``describe_same.py save --file``); None without."""
    corpus = corpus.removesuffix("-seed7")
    if corpus not in table:
        if table is TRUTH and "keywords" in papers and papers["keywords"].notna().any():
            return paper_keywords(papers["keywords"])
        return None
    file, column = table[corpus]
    raw = pd.read_parquet(SHARED / f"{file}.parquet")
    by_title = dict(zip(raw["title"], raw[column], strict=False))
    return paper_keywords(papers["title"].map(by_title))


def score(inputs: Path, result: dict) -> list[dict]:
    rows = []
    for corpus, entry in result.items():
        papers = pd.read_parquet(inputs / corpus / "papers.parquet")
        words = [content_words(t) for t in papers["text"]]
        levels = json.loads((inputs / corpus / "levels.json").read_text())
        vectors = np.load(inputs / corpus / "vectors.npy")
        table = pd.DataFrame(entry["rows"])
        for depth, level in enumerate(levels):
            if level == "topic":
                continue
            labels = papers[level].to_numpy()
            part = table[table["level"] == level]
            names = dict(zip(part["area"].astype(int), part["name"], strict=True))
            sup = {a: support(n, [words[i] for i in np.flatnonzero(labels == a)])
                   for a, n in names.items()}
            sizes = {a: int((labels == a).sum()) for a in names}
            central = {a: support(n, [words[i] for i in _central(vectors, labels, a)])
                       for a, n in names.items()}
            row = {"corpus": corpus, "level": level, "names": len(names),
                   "words in text (median)": float(np.median(list(sup.values()))),
                   f"central {CENTRAL} (median)": float(np.median(list(central.values()))),
                   "central under half": sum(c < 0.5 for c in central.values())}
            if "support" in part:  # the namer's own: the name's phrase, any written form
                held = dict(zip(part["area"].astype(int), part["support"], strict=True))
                row["support (median)"] = float(np.nanmedian(
                    np.array(list(held.values()), dtype=float)))
                row[f">= {BIG} under {LOW:.0%}"] = sum(
                    sizes[a] >= BIG and held[a] is not None and held[a] < LOW for a in names)
            truth = _truth(corpus, papers, TOP_TRUTH if depth == 0 and corpus in TOP_TRUTH
                           else TRUTH)
            if truth is not None:
                tops = top_keywords(truth, labels)
                row["hit"] = hit_share(names, tops)
                row["parts found"] = found_share(names, tops)
            rows.append(row)
    return rows


def _central(vectors: np.ndarray, labels: np.ndarray, area: int) -> np.ndarray:
    """The ``CENTRAL`` papers of ``area`` nearest its mean direction (cosine)."""
    members = np.flatnonzero(labels == area)
    unit = vectors[members] / np.linalg.norm(vectors[members], axis=1, keepdims=True)
    return members[np.argsort(-(unit @ unit.mean(axis=0)), kind="stable")[:CENTRAL]]


def _seed_pairs(inputs: Path, result: dict):
    """For each corpus mapped twice (``name`` and ``name-seed7``: the same papers, the areas
    of another seed) and each level but topics: the corpus, the level, each map's areas
    per paper (in the first map's paper order) and each map's names by area."""
    for corpus in result:
        other = f"{corpus}-seed7"
        if other not in result:
            continue
        one = pd.read_parquet(inputs / corpus / "papers.parquet")
        two = pd.read_parquet(inputs / other / "papers.parquet").set_index("paper_id")
        for level in json.loads((inputs / corpus / "levels.json").read_text()):
            if level == "topic":
                continue
            names = [{r["area"]: r["name"] for r in result[c]["rows"] if r["level"] == level}
                     for c in (corpus, other)]
            yield (corpus, level, one[level].to_numpy(),
                   two.loc[one["paper_id"], level].to_numpy(), *names)


def stability(inputs: Path, result: dict) -> list[dict]:
    """For each corpus mapped twice, the share of matched areas (papers overlapping with
    Jaccard >= 0.5) that keep their name."""
    rows = []
    for corpus, level, one, two, names_one, names_two in _seed_pairs(inputs, result):
        kept, matched = names_kept(one, names_one, two, names_two)
        rows.append({"corpus": corpus, "level": level, "matched": matched,
                     "names kept": kept / max(matched, 1)})
    return rows


def unkept(inputs: Path, result: dict) -> list[dict]:
    """The matched areas of the two seeds whose names differ, largest first: what the
    names kept across seeds leave out."""
    rows = []
    for corpus, level, one, two, names_one, names_two in _seed_pairs(inputs, result):
        for a, b in matched_areas(one, two):
            if names_one[a].lower() != names_two[b].lower():
                rows.append({"corpus": corpus, "level": level, "papers": int((one == a).sum()),
                             "name": names_one[a], "seed 7": names_two[b]})
    return sorted(rows, key=lambda r: (r["corpus"], r["level"], -r["papers"]))


def misses(inputs: Path, result: dict) -> list[dict]:
    """Every judged group whose name has no part among its top keywords (see :func:`score`),
    largest first, with those keywords and its key phrases: what a judged corpus's hits
    leave out (a part in three names or more of the level counts as a miss here too)."""
    rows = []
    for corpus, entry in result.items():
        papers = pd.read_parquet(inputs / corpus / "papers.parquet")
        levels = json.loads((inputs / corpus / "levels.json").read_text())
        table = pd.DataFrame(entry["rows"])
        for depth, level in enumerate(levels):
            truth = _truth(corpus, papers, TOP_TRUTH if depth == 0 and corpus in TOP_TRUTH
                           else TRUTH)
            if level == "topic" or truth is None:
                continue
            tops = top_keywords(truth, papers[level].to_numpy())
            for row in table[table["level"] == level].itertuples():
                if hit_share({row.area: row.name}, {row.area: tops.get(row.area, [])}):
                    continue
                rows.append({"corpus": corpus, "level": level, "papers": row.size,
                             "name": row.name, "support": row.support,
                             "keywords": "; ".join(tops.get(row.area, [])),
                             "key phrases": ", ".join(row.key_phrases[:8])})
    return sorted(rows, key=lambda r: (r["corpus"], r["level"], -r["papers"]))


def names_table(inputs: Path, old: dict, new: dict) -> str:
    lines = []
    for corpus, entry in new.items():
        papers = pd.read_parquet(inputs / corpus / "papers.parquet")
        words = [content_words(t) for t in papers["text"]]
        before = pd.DataFrame(old.get(corpus, {"rows": []})["rows"])
        table = pd.DataFrame(entry["rows"])
        lines += [f"\n### {corpus}\n", "| level | area | papers | before | support | now | "
                  "support |", "|---|---|---|---|---|---|---|"]
        for row in table.itertuples():
            if row.level == "topic":
                continue
            members = [words[i] for i in np.flatnonzero(papers[row.level].to_numpy()
                                                        == row.area)]
            was = before[(before["level"] == row.level) & (before["area"] == row.area)]
            was_name = was["name"].iloc[0] if len(was) else ""
            lines.append(f"| {row.level} | {row.area} | {row.size} | {was_name} | "
                         f"{support(was_name, members):.2f} | {row.name} | "
                         f"{support(row.name, members):.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=Path, required=True)
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--names", type=Path, help="write every name here (Markdown)")
    parser.add_argument("--unkept", action="store_true",
                        help="list the matched areas whose names differ across seeds (new)")
    parser.add_argument("--misses", type=Path,
                        help="write the judged groups whose names miss (new) here (Markdown)")
    args = parser.parse_args()
    old, new = json.loads(args.old.read_text()), json.loads(args.new.read_text())
    a, b = pd.DataFrame(score(args.inputs, old)), pd.DataFrame(score(args.inputs, new))
    both = a.merge(b.drop(columns="names"), on=["corpus", "level"], suffixes=(" old", " new"))
    print(both.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    kept = pd.DataFrame(stability(args.inputs, new))
    if len(kept):
        print("\nNames kept across seeds (new):")
        print(kept.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.unkept:
        print("\nMatched areas whose names differ across seeds (new):")
        print(pd.DataFrame(unkept(args.inputs, new)).to_string(index=False))
    if args.names:
        args.names.write_text(names_table(args.inputs, old, new) + "\n")
    if args.misses:
        args.misses.write_text(pd.DataFrame(misses(args.inputs, new)).to_markdown(
            index=False, floatfmt=".2f") + "\n")


if __name__ == "__main__":
    main()
