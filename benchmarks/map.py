"""The HTML map: file size, build time, and time until the page is interactive in Chromium.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/map.py [--sizes 1000 10000 40712]
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/map.py --browse 100000 --saved OUT
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/map.py --compare OUT --datamapplot-python PY

``--compare OUT``: the saved map as Chromium shows it on opening, beside datamapplot's
picture of the same coordinates and area names, in ``results/map-vs-datamapplot.png``
(datamapplot runs under ``PY``, a venv of its own: it needs pandas below 3).

``--browse N --saved OUT``: a map saved by ``paperviz map ... --out OUT`` repeated up to N
papers (new ids, positions moved by 0.3% of the map's width so no two points coincide), and
in Chromium: seconds until interactive (and, on the way, until the figure was inflated,
parsed and drawn by plotly), then until a hover over one paper shows its title, until a
search for words of that title counts it (the first search also gathers the texts it
searches), and until a box drawn around it lists it.

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


def open_map(pw, html: Path, timeout_ms: int = 600_000):
    """A page of Chromium (network off) with ``html`` drawn and wired; returns ``(browser,
    page, seconds from navigation until the page's script was ready)``."""
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    local = ("file:", "blob:", "data:")
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(local)
               else r.abort())
    page.goto(html.resolve().as_uri(), timeout=timeout_ms)
    page.wait_for_function("window.__pvReadyAt !== undefined", timeout=timeout_ms)
    return browser, page, page.evaluate("window.__pvReadyAt") / 1000


def interactive_seconds(html: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser, _, seconds = open_map(pw, html, 300_000)
        browser.close()
    return seconds


def browse(saved: Path, n: int) -> dict:
    """Interactions timed on ``saved`` repeated up to ``n`` papers (see the module's
    description)."""
    import numpy as np
    from playwright.sync_api import sync_playwright

    pmap = PaperMap.load(saved)
    reps = int(np.ceil(n / len(pmap.papers)))
    papers = pd.concat([pmap.papers] * reps, ignore_index=True).head(n)
    papers["paper_id"] = [f"p{i}" for i in range(n)]
    rng = np.random.default_rng(0)
    for axis in ("x", "y"):
        spread = float(np.ptp(pmap.papers[axis]))
        papers[axis] = papers[axis].astype(float)
        moved = papers.index >= len(pmap.papers)
        papers.loc[moved, axis] += rng.normal(0, 0.003 * spread, int(moved.sum()))
    # the target: the built paper farthest from any other, so the hover under the pointer
    # is its own (or a copy's, with the same title)
    from sklearn.neighbors import NearestNeighbors

    xy = pmap.papers[["x", "y"]].to_numpy()
    gap = NearestNeighbors(n_neighbors=2).fit(xy).kneighbors(xy)[0][:, 1]
    target = papers.iloc[int(np.argmax(gap))]
    words = " ".join(str(target["title"]).split()[:4])
    out = {"papers": n}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        html = write_map_html(map_figure(papers, pmap.summaries), Path(tmp) / "map.html")
        out["build s"] = time.perf_counter() - start
        out["HTML MB"] = html.stat().st_size / 1e6
        with sync_playwright() as pw:
            browser, page, out["interactive s"] = open_map(pw, html)
            marks = page.evaluate("window.__pvMarks")  # ms from navigation
            out["inflated s"] = marks["inflated"] / 1000
            out["parsed s"] = marks["parsed"] / 1000
            out["drawn s"] = marks["drawn"] / 1000
            # the target paper's place on the screen
            px, py = page.evaluate(
                f"""() => {{ const gd = document.getElementById('pv-map');
                const L = gd._fullLayout, box = gd.getBoundingClientRect();
                return [box.left + L._size.l + L.xaxis.l2p({float(target["x"])}),
                        box.top + L._size.t + L.yaxis.l2p({float(target["y"])})]; }}""")
            start = time.perf_counter()
            page.mouse.move(px - 2, py - 2)
            page.mouse.move(px, py)
            page.wait_for_selector(".hovertext", timeout=120_000)
            out["hover s"] = time.perf_counter() - start
            shown = " ".join((page.locator(".hovertext").first.text_content() or "").split())
            out["hover shows the title"] = words.lower() in shown.lower()
            start = time.perf_counter()
            page.fill("#pv-search", words)
            page.wait_for_function("Number(document.querySelector('#pv-count').dataset.count"
                                   " || 0) > 0", timeout=120_000)
            out["search s"] = time.perf_counter() - start
            out["search matches"] = int(page.evaluate(
                "document.querySelector('#pv-count').dataset.count"))
            page.fill("#pv-search", "")
            page.locator('.modebar-btn[data-val="select"]').click()
            start = time.perf_counter()
            page.mouse.move(px - 15, py - 15)
            page.mouse.down()
            page.mouse.move(px + 15, py + 15, steps=5)
            page.mouse.up()
            page.wait_for_function("document.querySelectorAll('#pv-selected li').length > 0",
                                   timeout=120_000)
            out["box select s"] = time.perf_counter() - start
            listed = page.locator("#pv-selected li").all_inner_texts()
            out["selected"] = len(listed)
            out["target listed"] = str(target["title"]).strip() in {t.strip() for t in listed}
            browser.close()
    return out


def compare(saved: Path, python: str, out: Path) -> Path:
    """paperviz's map of ``saved`` as Chromium shows it on opening, and datamapplot's
    picture of the same coordinates and area names, side by side in ``out`` (PNG).
    ``python`` runs ``datamapplot_side.py``: a Python with datamapplot installed."""
    import subprocess

    import numpy as np
    from playwright.sync_api import sync_playwright

    pmap = PaperMap.load(saved)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html = write_map_html(pmap.figure(), Path(tmp) / "map.html")
        ours = Path(tmp) / "paperviz.png"
        with sync_playwright() as pw:
            browser, page, _ = open_map(pw, html)
            page.locator("#pv-map").screenshot(path=str(ours))
            browser.close()
        points = Path(tmp) / "points.npz"
        np.savez(points, x=pmap.papers["x"].to_numpy(float), y=pmap.papers["y"].to_numpy(float),
                 label=pmap.papers["area_name"].astype(str).to_numpy().astype("U"))
        subprocess.run([python, str(Path(__file__).with_name("datamapplot_side.py")),
                        str(points), str(ours), str(out)], check=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 40712])
    parser.add_argument("--browse", type=int, nargs="+", default=None,
                        help="time hover, search and box selection at these sizes")
    parser.add_argument("--saved", default=None, help="the saved map --browse repeats")
    parser.add_argument("--size-check", type=int, default=100_000,
                        help="also report the HTML size at this many papers (0: skip)")
    parser.add_argument("--compare", default=None, metavar="SAVED",
                        help="paperviz's map of SAVED beside datamapplot's (see compare)")
    parser.add_argument("--datamapplot-python", default=sys.executable,
                        help="a Python with datamapplot installed, for --compare")
    args = parser.parse_args()
    if args.compare:
        print(compare(Path(args.compare), args.datamapplot_python,
                      Path(__file__).parent / "results" / "map-vs-datamapplot.png"))
        return
    if args.browse:
        rows = [browse(Path(args.saved), n) for n in args.browse]
        print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".2f"))
        return
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
