"""Citations at scale, and the resolution rules measured on real exports.

    .venv/bin/python benchmarks/citations.py scale [--papers 100000 --refs 40]
    .venv/bin/python benchmarks/citations.py real FILE [FILE ...]
    .venv/bin/python benchmarks/citations.py graph FILE [FILE ...]

``scale``: a corpus of ``--papers`` papers citing ``--refs`` works each, written as Web of
Science writes cited references (most works cited once, as in real exports, a few by many;
a fifth of the citations spelled another way: capitals, full given
names, no DOI, no page), resolved into works and counted: the whole map's most-cited works,
per-area counts for 30 areas, area-by-area coupling. Target on this 2-core machine: under a
minute in all. Run on an idle machine.

``graph``: per export file, the map built with ``graph="text"`` and with
``graph="text+citations"``, scored against the Web of Science research area (``SC``, the
first one) where the export has it (NMI, ARI), and the mean coupling between its areas.

``real``: per export file, the references read, their distinct spellings, the works after
joining by DOI only, after DOI and first author + year + source, and the works that are
papers of the same export.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

import numpy as np
import pandas as pd

from paperviz import load_corpus
from paperviz.citations import area_links, cited_works, resolve_references


def _spelling(rng: np.random.Generator, work: int) -> str:
    """Work ``work`` as Web of Science cites it, one time in five spelled otherwise."""
    surname = f"Auth{chr(97 + work % 26)}{chr(97 + work // 26 % 26)}{chr(97 + work // 676 % 26)}"
    year, source = 1980 + work % 45, f"J {chr(65 + work % 7)}{chr(65 + work // 7 % 11)}"
    volume, page = work % 300 + 1, work % 9000 + 1
    doi = f"10.{1000 + work % 9000}/w{work}"
    way = rng.integers(0, 10)
    if way == 0:
        return f"{surname.upper()} AB, {year}, {source.upper()}, V{volume}, P{page}"
    if way == 1:
        return f"{surname} Alan B, {year}, {source}, V{volume}"
    return f"{surname} AB, {year}, {source}, V{volume}, P{page}, DOI {doi}"


def scale(papers: int, refs: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    # as in real exports, most cited works are cited once: 70% drawn from 20 x papers works,
    # 30% from a long-tailed few
    spread = rng.integers(0, 20 * papers, size=(papers, refs))
    works = np.where(rng.random((papers, refs)) < 0.3, rng.zipf(1.3, size=(papers, refs))
                     % (20 * papers), spread)
    start = time.perf_counter()
    cells = ["; ".join(_spelling(rng, int(w)) for w in row) for row in works]
    corpus = pd.DataFrame({"paper_id": [f"p{i}" for i in range(papers)], "references": cells})
    made = time.perf_counter() - start
    start = time.perf_counter()
    found = resolve_references(corpus)
    resolved = time.perf_counter() - start
    start = time.perf_counter()
    labels = rng.integers(0, 30, size=papers)
    cited_works(found, np.ones(papers, dtype=bool), k=10)
    for area in range(30):
        cited_works(found, labels == area, k=10)
    links = area_links(found, labels, list(range(30)))
    counted = time.perf_counter() - start
    print(f"{papers:,} papers x {refs} references ({found.report['references']:,} in all, "
          f"{found.report['spellings']:,} spellings, {found.report['works']:,} works; "
          f"made in {made:.1f} s)")
    print(f"resolve: {resolved:.1f} s; cited (map + 30 areas) and coupling 30x30: "
          f"{counted:.1f} s; total {resolved + counted:.1f} s (target < 60 s)")
    assert np.allclose(links, links.T)


def _loaded(file: str) -> pd.DataFrame | None:
    """The export's papers, its warnings kept quiet; None (said) for a file that needs
    ``format=`` given."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return load_corpus(file)
        except ValueError as error:
            print(f"| {file.rsplit('/', 1)[-1]} | not read: {str(error)[:60]}… |")
            return None


def real(files: list[str]) -> None:
    print("| file | papers | references | spellings | works by DOI | works | on the map |")
    print("|---|---|---|---|---|---|---|")
    for file in files:
        corpus = _loaded(file)
        if corpus is None:
            continue
        report = resolve_references(corpus).report
        if not report.get("references"):
            continue
        print(f"| {file.rsplit('/', 1)[-1]} | {len(corpus)} | {report['references']} | "
              f"{report['spellings']} | {report['works_by_doi']} | {report['works']} | "
              f"{report['on_the_map']} |")


def graph(files: list[str]) -> None:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from paperviz import build_map

    print("| export | graph | areas | NMI | ARI | mean coupling between areas |")
    print("|---|---|---|---|---|---|")
    for file in files:
        corpus = _loaded(file)
        if corpus is None:
            continue
        labels = (corpus["SC"].str.split(";").str[0].str.strip().to_numpy()
                  if "SC" in corpus else None)
        for kind in ("text", "text+citations"):
            pmap = build_map(corpus, graph=kind, show_progress=False)
            areas = pmap.papers["area"].to_numpy()
            links = area_links(pmap.citations(), areas, sorted(set(areas)))
            between = links[~np.eye(len(links), dtype=bool)].mean()
            scores = (f"{normalized_mutual_info_score(labels, areas):.3f} | "
                      f"{adjusted_rand_score(labels, areas):.3f}" if labels is not None
                      else " | ")
            print(f"| {file.rsplit('/', 1)[-1]} | {kind} | {len(set(areas))} | {scores} | "
                  f"{between:.3f} |")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("scale")
    one.add_argument("--papers", type=int, default=100_000)
    one.add_argument("--refs", type=int, default=40)
    for name in ("real", "graph"):
        sub.add_parser(name).add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    if args.what == "scale":
        scale(args.papers, args.refs)
    elif args.what == "real":
        real(args.files)
    else:
        graph(args.files)


if __name__ == "__main__":
    main(sys.argv[1:])
