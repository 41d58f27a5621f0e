"""Command line: ``paperviz map CORPUS --out DIR``, ``paperviz place SAVED_MAP CORPUS --out
DIR``, ``paperviz export SAVED_MAP --out FILE``, ``paperviz figure SAVED_MAP --out FILE`` and
``paperviz cache info|clear``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from .budget import MIN_TOKENS
from .corpus import FORMATS, CorpusError, load_corpus
from .corpus.source import describe_formats
from .embedding import (
    BACKENDS,
    DEFAULT_MODEL,
    Embedder,
    cache_summary,
    clear_cache,
    default_cache_dir,
    text_keys,
)
from .embedding.calibrate import read_records
from .levels import TITLES, levels_of
from .progress import STARTED

__all__ = ["main"]


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _budget(value: str) -> int:
    if not value.isdigit() or int(value) < MIN_TOKENS:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of word pieces of "
                                         f"{MIN_TOKENS} or more")
    return int(value)


_FORMATS_HELP = ("formats read (known by their content as well as their extension; "
                 "--format names one):\n" + describe_formats())


def _corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="read the corpus as this format (default: from its content)")
    parser.add_argument("--title-col", default=None, metavar="NAME",
                        help="a table's title column, where its name is not recognised")
    parser.add_argument("--abstract-col", default=None, metavar="NAME",
                        help="a table's abstract column, where its name is not recognised")


def _load(args: argparse.Namespace):
    return load_corpus(args.corpus, format=args.format, title_col=args.title_col,
                       abstract_col=args.abstract_col)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paperviz", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("map", help="build the map of research areas of a corpus",
                       description="Build the map of research areas of a corpus.",
                       epilog=_FORMATS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    m.add_argument("corpus", type=Path, help="a file, a folder or a glob in any of the formats "
                                             "below (known by content and extension)")
    _corpus_options(m)
    m.add_argument("--out", type=Path, default=Path("paperviz-output"), help="output folder")
    m.add_argument("--model", default=DEFAULT_MODEL, help="sentence-transformers model or folder")
    m.add_argument("--backend", choices=BACKENDS, default="auto",
                   help="how the model runs: auto (on a CPU, the fastest faithful one, "
                        "measured once per machine; see `paperviz cache info`), torch "
                        "(fp32; fp16 on a GPU), bf16 (CPU) or int8 (bundled model only)")
    m.add_argument("--max-tokens", type=_budget, default=None, metavar="N",
                   help="read at most N word pieces of each paper (default: the model's "
                        "limit, 256 for MiniLM); 128 embeds about twice as fast, at a cost "
                        "to the map measured in docs/budgets.md")
    m.add_argument("--cache-dir", type=Path, default=None, help="embedding cache folder")
    m.add_argument("--seed", type=int, default=42, help="random state for UMAP and the areas")
    m.add_argument("--areas", type=_positive, default=None, metavar="N",
                   help="find N areas (default: as many as the neighbour graph holds)")
    m.add_argument("--library", type=Path, default=None, metavar="LIB",
                   help="your own papers (a Zotero export as .bib, .ris, .json or .csv; any "
                        "format the corpus may have): found on the map or placed onto it, "
                        "and ringed")
    m.add_argument("--llm-url", default=None, metavar="URL",
                   help="name areas with a language model at this OpenAI-compatible "
                        "endpoint (e.g. http://localhost:11434/v1); off by default")
    m.add_argument("--llm-model", default=None, metavar="NAME",
                   help="the model to ask at --llm-url")
    m.add_argument("--llm-key-env", default="OPENAI_API_KEY", metavar="VAR",
                   help="environment variable holding the endpoint's key, if it needs one")
    _map_tools(sub)
    return parser


def _map_tools(sub) -> None:
    """The commands that work on a saved map (place, export, figure) and on the cache."""
    p = sub.add_parser("place", help="place new papers onto a saved map (nothing on it moves)")
    p.add_argument("saved_map", type=Path, help="a folder written by `paperviz map --out`")
    p.add_argument("corpus", type=Path, help="the new papers (any format `map` reads)")
    _corpus_options(p)
    p.add_argument("--out", type=Path, required=True,
                   help="folder for the map with the new papers (may be the saved map's)")
    e = sub.add_parser("export", help="write a saved map's papers (all, some areas, a search) "
                                      "as .bib, .ris, .json (CSL-JSON) or .csv")
    e.add_argument("saved_map", type=Path, help="a folder written by `paperviz map --out`")
    e.add_argument("--out", type=Path, required=True,
                   help="the file to write; its extension sets the format")
    e.add_argument("--area", action="append", default=None, metavar="NAME_OR_NUMBER",
                   help="only the papers of this area (a name of any level, or an area's "
                        "number); repeat for several")
    e.add_argument("--search", default=None, metavar="QUERY",
                   help="only the papers closest in meaning to QUERY (within --area if given)")
    e.add_argument("--k", type=_positive, default=50, help="papers a --search keeps (50)")
    f = sub.add_parser("figure", help="a static picture of a saved map (.png, .svg, .pdf) "
                                      "with every area named, for a paper or a talk")
    f.add_argument("saved_map", type=Path, help="a folder written by `paperviz map --out`")
    f.add_argument("--out", type=Path, required=True, help="the picture; its extension sets "
                                                           "the format")
    f.add_argument("--level", default=None, help="the level to name (default: the top one)")
    f.add_argument("--width", type=float, default=10.0, help="width in inches (10)")
    f.add_argument("--title", default=None, help="the picture's title")
    c = sub.add_parser("cache", help="inspect or clear the embedding cache")
    c.add_argument("action", choices=["info", "clear"])
    c.add_argument("--cache-dir", type=Path, default=None)


def _run_map(args: argparse.Namespace) -> int:
    from .describe import llm_namer
    from .papermap import build_map

    timings = {}
    t0 = time.perf_counter()
    corpus = _load(args)
    report = corpus.attrs["load_report"]
    timings["load"] = time.perf_counter() - t0
    _print_load(report, args.corpus)
    t0 = time.perf_counter()
    embedder = Embedder(args.model, cache_dir=args.cache_dir, backend=args.backend,
                        max_tokens=args.max_tokens)
    cache = embedder.prepare().cache  # the backend: on a CPU, measured on first use here
    timings["embedder setup (calibration on first use)"] = time.perf_counter() - t0
    keys = np.unique(text_keys(corpus["text"].fillna("").astype(str).tolist()))
    new = len(keys) - (int(cache.lookup(keys)[0].sum()) if cache is not None else 0)
    namer = None
    if args.llm_url or args.llm_model:
        if not (args.llm_url and args.llm_model):
            raise ValueError("give both --llm-url and --llm-model to name areas with a "
                             "language model.")
        namer = llm_namer(args.llm_url, args.llm_model, api_key_env=args.llm_key_env)
    paper_map = build_map(corpus, embedder=embedder, random_state=args.seed,
                          n_areas=args.areas, timings=timings, namer=namer,
                          library=args.library)
    t0 = time.perf_counter()
    html = paper_map.save(args.out)
    timings["write"] = time.perf_counter() - t0
    print(f"Embedded {new} new papers ({len(corpus) - new} from the cache).")
    if "library" in paper_map.params:
        message = paper_map.params["library"]["message"]
        print(message[0].upper() + message[1:] + ".")  # not capitalize(): "DOI" stays
    _print_levels(paper_map.summaries)
    print(_timings(timings, args.started))
    print(f"\nMap written to {html.resolve()}")
    print(f"Areas table: {(args.out / 'areas.csv').resolve()}")
    return 0


def _timings(timings: dict, started: float) -> str:
    """Each step's seconds, the start-up before them and the rest, adding up to the wall
    time from the command's start."""
    wall = time.perf_counter() - STARTED
    steps = {"start-up": started - STARTED, **timings}
    steps["other"] = wall - sum(steps.values())
    return ("Timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in steps.items()
                                    if v >= 0.05 or k != "other")
            + f" = {wall:.1f}s wall time")


def _print_levels(summaries) -> None:
    """Each area of the top level with its size, the areas of the next levels indented
    under it, down to the sub-areas (topics, hundreds of them, are only counted)."""
    levels = levels_of(summaries)
    listed = [level for level in levels if level != "topic"]
    print(" > ".join(TITLES[level] for level in listed) + " (papers):")

    def show(depth: int, parent: int | None) -> None:
        rows = summaries[summaries["level"] == listed[depth]]
        if parent is not None:
            rows = rows[rows["parent"] == parent]
        for _, row in rows.iterrows():
            print(f"  {' ' * 4 * depth}{row['size']:>6}  {row['name']}")
            if depth + 1 < len(listed):
                show(depth + 1, row["area"])

    show(0, None)
    if "topic" in levels:
        print(f"and {(summaries['level'] == 'topic').sum()} topics inside the sub-areas "
              "(topics.csv).")


def _print_load(report: dict, path: Path) -> None:
    print(f"Loaded {report['papers']} papers from {path} "
          f"({report['rows_read']} rows read, {report['duplicates_merged']} duplicates merged, "
          f"dropped: {report['dropped'] or 'none'}).")
    for reason, merge in report.get("merged", {}).items():
        verb = "kept" if merge.get("kept") else "merged"
        print(f"  {verb} {merge['count']} ({reason}), e.g. {merge['examples'][0]!r}")
    for file in report.get("per_file", []):
        name = Path(file["file"]).name
        if file.get("format"):
            counted = file.get("records_counted")
            print(f"  {name}: read as {file['format']}"
                  + (f", {counted} records counted in its text" if counted is not None else ""))
        for how, count in file.get("repaired", {}).items():
            print(f"  {name}: {count} kept with a repair: {how}")
        if file.get("abstracts_of_page_text"):
            print(f"  {name}: {file['abstracts_of_page_text']} abstracts were a publisher's web "
                  "page (kept as abstract_original; those papers are mapped by their title)")
        if file.get("count_mismatch"):
            print(f"  {name}: WARNING {file['count_mismatch']}")
    for file in report.get("skipped_files", {}):
        print(f"  skipped {file}: a text file that holds no papers")
    if report.get("renamed"):
        print("  columns named like the map's own, kept under new names: "
              + ", ".join(f"{old} -> {new}" for old, new in report["renamed"].items()))
    dates = report.get("dates", {})
    if dates.get("unparsable"):
        print(f"  {dates['unparsable']} dates in column {dates['column']!r} do not parse (e.g. "
              f"{dates['examples']}); those papers are mapped but left out of trends.")


def _run_place(args: argparse.Namespace) -> int:
    from .papermap import PaperMap

    saved = PaperMap.load(args.saved_map)
    corpus = _load(args)
    report = corpus.attrs["load_report"]
    _print_load(report, args.corpus)
    result = saved.place(corpus)
    print(result.placement["message"].capitalize() + ".")
    if result.placement["placed"]:
        added = result.papers.tail(result.placement["placed"])  # this run's, not earlier ones
        print("Where they landed (papers):")
        for name, count in added["area_name"].value_counts().items():
            print(f"  {count:>6}  {name}")
        html = result.save(args.out)
        print(f"\nMap written to {html.resolve()}")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from .papermap import PaperMap

    saved = PaperMap.load(args.saved_map)
    papers = saved.papers_of(areas=args.area)
    if args.search:
        found = saved.search(args.search, k=len(saved.papers))
        found = found[found["paper_id"].isin(set(papers["paper_id"]))].head(args.k)
        papers = saved.papers_of(found)
    path = saved.export(papers, args.out)
    print(f"Wrote {len(papers)} of the map's {len(saved.papers)} papers to {path}.")
    return 0


def _run_figure(args: argparse.Namespace) -> int:
    from .papermap import PaperMap

    saved = PaperMap.load(args.saved_map)
    path = saved.save_figure(args.out, level=args.level, width=args.width, title=args.title)
    print(f"Picture written to {path.resolve()}")
    return 0


def _run_cache(args: argparse.Namespace) -> int:
    root = args.cache_dir or default_cache_dir()
    if args.action == "clear":
        print(f"Cleared {clear_cache(root)} model(s) from {root}.")
        return 0
    print(f"Cache folder: {root}")
    models = cache_summary(root)
    for info in models:
        print(f"  {info['model']}: {info['vectors']} vectors in {info['chunks']} chunks, "
              f"{info['bytes'] / 1e6:.1f} MB")
    if not models:
        print("  (empty)")
    _print_calibrations(root)
    return 0


def _print_calibrations(root: Path) -> None:
    """The backend each model runs on with ``--backend auto``, and what was measured."""
    records = [r for r in read_records(root).values() if isinstance(r, dict)]
    if not records:
        return
    print("Backend choices (measured on first use; delete calibration.json to measure again):")
    for record in records:
        try:
            sig, cosines = record["signature"], record["mean_cosine"]
            rates = ", ".join(f"{b} {rate:.1f}/s (cosine {cosines[b]:.5f})"
                              for b, rate in record["rates"].items())
            bf16 = "native bf16" if record.get("native_bf16") else "no native bf16"
            budget = f" at {sig['max_tokens']} word pieces" if "max_tokens" in sig else ""
            print(f"  {sig['model']}{budget} on {sig['cpu']} ({bf16}), {sig['threads']} threads, "
                  f"{record['measured']}: {record['choice']}; {rates}")
            for backend, why in record.get("skipped", {}).items():
                print(f"    {backend} not measured: {why}")
        except (KeyError, TypeError, ValueError, AttributeError):
            print("  (a record that does not read; it is measured again on next use)")


@contextmanager
def _steps_shown():
    """While a command runs, the package's logged steps (a calibration on first use) go to
    stderr, once (not again through a root handler some library may have set up)."""
    log = logging.getLogger("paperviz")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    before = (log.level, log.propagate)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(before[0])
        log.propagate = before[1]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``paperviz`` command."""
    started = time.perf_counter()
    args = _parser().parse_args(argv)
    args.started = started
    with _steps_shown():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The command ``args`` names; a bad input is an error message and exit status 2."""
    try:
        if args.command == "map":
            return _run_map(args)
        if args.command == "place":
            return _run_place(args)
        if args.command == "export":
            return _run_export(args)
        if args.command == "figure":
            return _run_figure(args)
        return _run_cache(args)
    except (CorpusError, ValueError, FileNotFoundError, FileExistsError) as exc:
        print(f"paperviz: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\npaperviz: interrupted. The papers embedded so far are in the cache; run the "
              "same command again to go on from there.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
