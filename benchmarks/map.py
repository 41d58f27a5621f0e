"""The HTML map: file size, build time, and time until the page is interactive in Chromium.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/map.py [--sizes 1000 10000 40712]

Papers are sampled (random_state=0) from arxiv-cs-2025 and mapped with the static embedder
(the map's size and speed do not depend on the embedding model). Build time: the figure and
the HTML file from a finished map. Interactive: from navigation start until the page's
script has wired search, labels and selection onto the drawn plot (headless Debian
Chromium, no GPU, network off). PaperMap.load: reading the saved map back (best of 3).
Run on an idle machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402

from paperviz import PaperMap, build_map, load_corpus  # noqa: E402
from paperviz.show import map_figure, write_map_html  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def interactive_seconds(html: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        local = ("file:", "blob:", "data:")
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(local)
                   else r.abort())
        page.goto(html.resolve().as_uri(), timeout=300_000)
        page.wait_for_function("window.__pvReadyAt !== undefined", timeout=300_000)
        seconds = page.evaluate("window.__pvReadyAt") / 1000
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 40712])
    parser.add_argument("--size-check", type=int, default=100_000,
                        help="also report the HTML size at this many papers (0: skip)")
    args = parser.parse_args()
    corpus = load_corpus(SHARED / "arxiv-cs-2025.parquet")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            part = corpus.sample(min(n, len(corpus)), random_state=0).reset_index(drop=True)
            pmap = build_map(part, model="static-minilm", cache_dir=Path(tmp) / "cache",
                             show_progress=False)
            start = time.perf_counter()
            html = write_map_html(pmap.figure(), Path(tmp) / f"map-{n}.html")
            build = time.perf_counter() - start
            saved = Path(tmp) / f"saved-{n}"
            pmap.save(saved)
            loads = []
            for _ in range(3):
                start = time.perf_counter()
                PaperMap.load(saved)
                loads.append(time.perf_counter() - start)
            rows.append({"papers": len(part), "WebGL": len(part) > 5000,
                         "HTML MB": html.stat().st_size / 1e6, "build s": build,
                         "interactive s": interactive_seconds(html),
                         "PaperMap.load s": min(loads)})
            print(rows[-1], flush=True)
            if len(part) == len(corpus) and args.size_check:
                print(f"HTML size at {args.size_check:,} papers: "
                      f"{size_check(pmap, args.size_check, Path(tmp)):.1f} MB", flush=True)
    print()
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".2f"))


def size_check(pmap: PaperMap, n: int, folder: Path) -> float:
    """HTML size for ``n`` papers: the map's papers repeated (with new ids) up to ``n`` rows,
    since no larger labelled corpus is at hand; size depends on rows, not on content."""
    import numpy as np

    reps = int(np.ceil(n / len(pmap.papers)))
    papers = pd.concat([pmap.papers] * reps, ignore_index=True).head(n)
    papers["paper_id"] = [f"p{i}" for i in range(n)]
    html = write_map_html(map_figure(papers, pmap.summaries), folder / f"map-{n}.html")
    return html.stat().st_size / 1e6


if __name__ == "__main__":
    main()
