"""The exported HTML map in a real browser (Debian's chromium), with the network off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from paperviz import build_map

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (apt-get install chromium)"
)
_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_map(browser):
    """Open an HTML file offline; collect page errors, dialogs and attempted requests."""
    pages = []

    def _open(path: Path):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.seen = {"errors": [], "dialogs": [], "requests": []}

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:")):
                return r.continue_()
            page.seen["requests"].append(r.request.url)
            return r.abort()

        context.route("**/*", route)
        page.on("pageerror", lambda e: page.seen["errors"].append(str(e)))
        page.on("dialog", lambda d: (page.seen["dialogs"].append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("#pv-search")
        page.wait_for_selector(".scatterlayer .point")
        pages.append(context)
        return page

    yield _open
    for context in pages:
        context.close()


@pytest.fixture(scope="module")
def bundled_html(bundled_map, tmp_path_factory):
    return bundled_map.save(tmp_path_factory.mktemp("map"))


def _hover_first_point(page) -> str:
    point = page.locator(".scatterlayer .trace:nth-child(2) .point").first
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
    return page.locator(".hoverlayer .hovertext").first.text_content()


def test_map_works_offline_hover_search_zoom_select(open_map, bundled_html, bundled_map):
    page = open_map(bundled_html)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))

    # hover: the tooltip shows a paper's title
    tooltip = " ".join(_hover_first_point(page).split())
    titles = [" ".join(t.split()) for t in bundled_map.papers["title"]]
    assert any(t[:40] in tooltip for t in titles), tooltip

    # search: the highlighted count changes with the query
    page.fill("#pv-search", "retrieval")
    page.wait_for_function("document.querySelector('#pv-count').dataset.count > 0")
    many = int(page.locator("#pv-count").get_attribute("data-count"))
    expected = bundled_map.papers["title"].str.lower().str.contains("retrieval").sum()
    assert many >= expected > 0
    rings = page.evaluate("""() => { const gd = document.getElementById('pv-map');
        const t = gd.data.find((d) => d.meta === 'search');
        return Array.from(t.x).filter((v) => Number.isFinite(v)).length; }""")
    assert rings == many  # every match ringed at its point (not at an undefined position)
    page.fill("#pv-search", "retrieval dense")
    page.wait_for_function(f"document.querySelector('#pv-count').dataset.count < {many}")
    page.fill("#pv-search", "zzzqqq")
    page.wait_for_function("document.querySelector('#pv-count').dataset.count === '0'")
    page.fill("#pv-search", "")

    # zoom: sub-area names replace area names
    areas = set(bundled_map.summaries.query("level == 'area'")["name"])
    subareas = set(bundled_map.summaries.query("level == 'subarea'")["name"])

    def shown():
        return {t.strip() for t in page.locator(".annotation").all_text_contents() if t.strip()}

    assert shown() & areas and not shown() & subareas
    plot = page.locator("#pv-map .nsewdrag").first.bounding_box()
    page.mouse.move(plot["x"] + plot["width"] * 0.5, plot["y"] + plot["height"] * 0.5)
    for _ in range(12):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(60)
    page.wait_for_function(
        "document.getElementById('pv-map').layout.annotations.some("
        "a => a.name === 'subarea' && a.visible)")
    page.wait_for_timeout(300)
    assert shown() & subareas and not shown() & areas
    page.screenshot(path=str(ARTIFACTS / "map-zoomed.png"))

    # select: a box over the map lists the papers inside it
    page.reload()
    page.wait_for_selector(".scatterlayer .point")
    page.locator('.modebar-btn[data-val="select"]').click()
    plot = page.locator("#pv-map .nsewdrag").first.bounding_box()
    page.mouse.move(plot["x"] + 5, plot["y"] + 5)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] * 0.6, plot["y"] + plot["height"] * 0.6, steps=10)
    page.mouse.up()
    page.wait_for_function("document.querySelectorAll('#pv-selected li').length > 0")
    listed = page.locator("#pv-selected li").all_inner_texts()
    assert set(listed) <= set(bundled_map.papers["title"])
    assert page.locator("#pv-selected-count").get_attribute("data-count") == str(len(listed))

    assert page.seen["errors"] == [] and page.seen["requests"] == []


def test_a_title_with_html_shows_as_text_and_runs_nothing(open_map, bundled, cache_dir,
                                                          tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    corpus = bundled.head(30).copy()
    corpus.loc[0, "title"] = evil
    corpus.loc[0, "text"] = evil + ". " + corpus.loc[0, "abstract"]
    corpus.loc[1, "title"] = "<script>alert(2)</script> and <b>bold</b>"
    corpus.loc[2, "title"] = """Tom & Jerry's "cat" > dog"""
    result = build_map(corpus, cache_dir=cache_dir)
    html = result.save(tmp_path).read_text()
    assert evil not in html and "<script>alert(2)" not in html
    page = open_map(tmp_path / "map.html")
    # search reads the text as written: every character html.escape turns into an entity
    for words in ("onerror", "<script>alert(2)", """tom & jerry's "cat" > dog"""):
        page.fill("#pv-search", "")
        page.wait_for_function("(document.querySelector('#pv-count').dataset.count || '0') === '0'")
        page.fill("#pv-search", words)
        page.wait_for_function("document.querySelector('#pv-count').dataset.count === '1'")
    # hover the paper itself (found by its id among the traces; hovering every point on
    # the screen misses it when another point lies on top): its tooltip shows the markup
    # as text, and nothing runs
    page.evaluate("""(id) => {
        const gd = document.querySelector('.js-plotly-plot');
        gd.data.forEach((trace, curve) => (trace.ids || []).forEach((pid, point) => {
            if (pid === id) Plotly.Fx.hover(gd, [{curveNumber: curve, pointNumber: point}]);
        }));
    }""", str(result.papers["paper_id"].iloc[0]))
    page.wait_for_selector(".hoverlayer .hovertext")
    shown = page.locator(".hoverlayer .hovertext").all_text_contents()
    assert any("<img src=x onerror=alert(1)>" in " ".join(s.split()) for s in shown), shown
    assert page.locator("#pv-map img").count() == 0
    assert page.seen["dialogs"] == [] and page.seen["errors"] == []


def test_clicking_a_point_opens_its_url(open_map, bundled, cache_dir, tmp_path):
    corpus = bundled.head(20).copy()
    corpus["url"] = [f"https://arxiv.org/abs/2401.{i:05d}" for i in range(20)]
    result = build_map(corpus, cache_dir=cache_dir)
    page = open_map(result.save(tmp_path))
    page.evaluate("window.open = (u) => { window.__opened = u; }")
    point = page.locator(".scatterlayer .trace .point").first
    point.click(force=True)
    opened = page.wait_for_function("window.__opened").json_value()
    assert opened in set(corpus["url"])


def test_plotly_can_be_referenced_instead_of_inlined(bundled_map, tmp_path):
    html = bundled_map.save(tmp_path, include_plotlyjs="cdn").read_text()
    assert len(html) < 1_000_000 and "plotly" in html


def test_dataframe_of_urls_from_doi():
    from paperviz.show import paper_urls

    assert paper_urls(pd.DataFrame({"doi": ["10.1/x", None]})) == ["https://doi.org/10.1/x", ""]


@pytest.fixture(scope="module")
def authored(bundled, cache_dir, tmp_path_factory):
    """A map of papers with authors and years, as most exports have them."""
    corpus = bundled.head(60).copy()
    corpus["authors"] = [f"Ada Lovelace{i}, Alan Turingson" for i in range(60)]
    corpus.loc[corpus.index[5], "authors"] += ("; Barbara Liskovian; Donald Knuthson; Edsger "
                                               "Dijkstrason; Frances Allenby; Grace Hopperfield")
    corpus["year"] = 2025
    result = build_map(corpus, cache_dir=cache_dir)
    return result, result.save(tmp_path_factory.mktemp("authored"))


def test_copy_titles_copies_the_titles_only_when_papers_have_authors(open_map, authored):
    result, html_path = authored
    page = open_map(html_path)
    page.evaluate("""() => { window.__copied = null;
        navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); };
    }""")
    page.locator('.modebar-btn[data-val="select"]').click()
    plot = page.locator("#pv-map .nsewdrag").first.bounding_box()
    page.mouse.move(plot["x"] + 2, plot["y"] + 2)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] - 2, plot["y"] + plot["height"] - 2, steps=10)
    page.mouse.up()
    page.wait_for_function("document.querySelectorAll('#pv-selected li').length > 0")
    page.click("#pv-copy")
    copied = page.wait_for_function("window.__copied").json_value().split("\n")
    assert len(copied) > 10
    assert set(copied) <= set(result.papers["title"]), copied[:3]
    assert not any("Lovelace" in line for line in copied)
    assert page.locator("#pv-selected li").all_inner_texts() == copied


def test_search_matches_title_authors_and_abstract_but_not_the_area_name(open_map, authored):
    result, html_path = authored
    papers = result.papers
    page = open_map(html_path)

    def count(query: str) -> int:
        page.fill("#pv-search", query)
        page.wait_for_function("document.querySelector('#pv-count').dataset.count !== undefined")
        page.wait_for_timeout(400)
        return int(page.locator("#pv-count").get_attribute("data-count"))

    assert count("lovelace7") == 1  # authors are searched
    assert count("hopperfield") == 1  # all of them, past where the hover cuts the list
    # a word of an area's name, which some papers of that area do not write where the map
    # shows them (title, authors, start of the abstract): only the papers that do match
    shown = (papers["title"] + " " + papers["authors"] + " "
             + papers["abstract"].str.slice(0, 300)).str.lower()
    for name, members in papers.groupby("area_name"):
        for word in name.lower().replace("&", " ").split():
            expected = int(shown.str.contains(word, regex=False).sum())
            if len(word) > 3 and expected < len(members):
                assert count(word) == expected, (word, name)
                return
    pytest.fail("no area word to test with")


def test_the_selection_downloads_as_bibtex_and_ris_that_their_readers_read(open_map,
                                                                           authored):
    import bibtexparser
    import rispy

    from paperviz.corpus import normalised_titles

    result, html_path = authored
    page = open_map(html_path)
    page.locator('.modebar-btn[data-val="select"]').click()
    _drag(page, page.locator("#pv-map .nsewdrag").first.bounding_box(), 0.002, 0.002,
          0.998, 0.998)
    page.wait_for_function("document.querySelectorAll('#pv-selected li').length > 0")
    listed = page.locator("#pv-selected li").all_inner_texts()
    with page.expect_download() as bib:
        page.click("#pv-bib")
    assert bib.value.suggested_filename == "selection.bib"
    library = bibtexparser.parse_string(Path(bib.value.path()).read_text(encoding="utf-8"))
    assert not library.failed_blocks and len(library.entries) == len(listed) > 10
    titles = set(normalised_titles(result.papers["title"]))
    got = normalised_titles(pd.Series([e["title"] for e in library.entries]))
    assert set(got) <= titles and set(got) == set(normalised_titles(pd.Series(listed)))
    assert all(e["author"].startswith("Ada Lovelace") and e["year"] == "2025"
               for e in library.entries)
    with page.expect_download() as ris:
        page.click("#pv-ris")
    entries = rispy.loads(Path(ris.value.path()).read_text(encoding="utf-8"))
    assert sorted(e["id"] for e in entries) == sorted(e["paper_id"] for e in library.entries)
    assert not page.seen["errors"] and not page.seen["requests"]


@pytest.fixture(scope="module")
def dated_placed_html(bundled_map, tmp_path_factory):
    """The bundled map with dates over two years, and 20 papers placed onto it later."""
    papers = bundled_map.papers.copy()
    days = pd.date_range("2024-01-01", "2025-12-31", periods=len(papers))
    papers["year"] = days.strftime("%Y-%m-%d")
    dated = type(bundled_map)(papers=papers, summaries=bundled_map.summaries,
                              embeddings=bundled_map.embeddings, params=bundled_map.params)
    later = papers.head(20).assign(paper_id=lambda d: "later-" + d["paper_id"],
                                   year="2026-01-15")
    placed = dated.place(later)
    return placed.save(tmp_path_factory.mktemp("dated")), len(placed.papers)


def test_the_date_histogram_filters_the_points_and_placed_papers_show(open_map,
                                                                      dated_placed_html):
    path, total = dated_placed_html
    page = open_map(path)
    page.wait_for_selector("#pv-dates .nsewdrag")
    ringed = page.evaluate("""() => { const gd = document.getElementById('pv-map');
        const t = gd._fullData.find((d) => d.meta === 'placed'); return [t.name, t._length]; }""")
    assert ringed == ["placed later (20)", 20]
    assert "placed later (20)" in page.locator(".legend").text_content()
    box = page.locator("#pv-dates .nsewdrag").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.05, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=12)
    page.mouse.up()
    page.wait_for_function(
        "() => document.getElementById('pv-date-count').dataset.count > 0", timeout=5000)
    shown = int(page.locator("#pv-date-count").get_attribute("data-count"))
    assert 0 < shown < total
    kept = [p for _, p in _shown(page, path)]
    assert sum(map(len, kept)) == shown
    assert "papers from 2024-" in page.locator("#pv-date-count").text_content()
    page.screenshot(path=str(ARTIFACTS / "map-dates-filtered.png"))
    assert not page.seen["errors"] and not page.seen["requests"]


def _drag(page, box, x0, y0, x1, y1):
    page.mouse.move(box["x"] + box["width"] * x0, box["y"] + box["height"] * y0)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * x1, box["y"] + box["height"] * y1, steps=12)
    page.mouse.up()


def _shown(page, path) -> list[tuple[set, set]]:
    """Per paper trace: the points plotly shows selected (box or lasso), and the points
    shown at full strength (the date period's; all of them without a period), each against
    its own opacity (weakly placed papers are fainter)."""
    from paperviz.show import read_map_figure

    base = [t["marker"].get("opacity", 1) for t in read_map_figure(path)["data"]
            if t.get("meta") == "papers"]
    return [(set(sel or []), set(full)) for sel, full in page.evaluate(
        """(base) => { const gd = document.getElementById('pv-map');
        return gd.data.filter((t) => t.meta === 'papers').map((t, k) => {
            const o = t.marker.opacity;
            const all = Array.isArray(o) ? o : new Array(t.customdata.length).fill(o);
            return [t.selectedpoints,
                    all.map((v, p) => (v >= (Array.isArray(base[k]) ? base[k][p] : base[k])
                                       ? p : -1)).filter((p) => p >= 0)]; }); }""",
        base)]


def test_the_date_filter_and_a_box_selection_compose(open_map, dated_placed_html):
    """A box selection inside a chosen period lists the period's papers in the box only and
    keeps the others of the period shown; clearing the box keeps the period; the period's
    papers stay at full strength throughout."""
    path, total = dated_placed_html
    page = open_map(path)
    page.wait_for_selector("#pv-dates .nsewdrag")
    _drag(page, page.locator("#pv-dates .nsewdrag").bounding_box(), 0.05, 0.5, 0.45, 0.5)
    page.wait_for_function(
        "() => document.getElementById('pv-date-count').dataset.count > 0")
    period = [full for _, full in _shown(page, path)]
    in_period = sum(map(len, period))
    assert 0 < in_period < total
    page.locator('.modebar-btn[data-val="select"]').click()
    _drag(page, page.locator("#pv-map .nsewdrag").first.bounding_box(), 0.01, 0.01, 0.7, 0.99)
    page.wait_for_function(
        "() => document.getElementById('pv-selected-count').dataset.count > 0")
    shown = _shown(page, path)
    boxed = sum(len(sel) for sel, _ in shown)
    both = sum(len(sel & full) for sel, full in shown)
    listed = int(page.locator("#pv-selected-count").get_attribute("data-count"))
    assert 0 < both == listed < boxed  # the box held papers of other periods too
    assert [full for _, full in shown] == period  # the period still shows
    assert page.locator("#pv-selected li").count() == min(listed, 500)
    assert "papers from 2024-" in page.locator("#pv-date-count").text_content()
    page.screenshot(path=str(ARTIFACTS / "map-dates-and-box.png"))
    # a double-click on the map clears the box: the list empties, the period stays (on a
    # busy machine plotly may take a slow double-click for two clicks: up to three tries)
    from playwright.sync_api import TimeoutError as Slow

    plot = page.locator("#pv-map .nsewdrag").first.bounding_box()
    for attempt in range(3):
        page.mouse.dblclick(plot["x"] + plot["width"] * 0.9, plot["y"] + plot["height"] * 0.5)
        try:
            page.wait_for_function(
                "() => document.getElementById('pv-selected-count').dataset.count === '0'",
                timeout=10000)
            break
        except Slow:
            if attempt == 2:
                raise
    assert [full for _, full in _shown(page, path)] == period
    assert not page.seen["errors"] and not page.seen["requests"]


def test_a_map_with_fields_names_each_level_at_its_zoom(open_map, bundled, cache_dir,
                                                        tmp_path):
    """Zoomed out the fields are named; zooming in, the areas, then the sub-areas."""
    pmap = build_map(bundled, cache_dir=cache_dir, n_fields=3)
    page = open_map(pmap.save(tmp_path))
    script = ("[...new Set(document.getElementById('pv-map').layout.annotations"
              ".filter(a => a.visible).map(a => a.name))].join()")
    fields = set(pmap.summaries.query("level == 'field'")["name"])
    shown = {t.strip() for t in page.locator(".annotation").all_text_contents() if t.strip()}
    assert page.evaluate(script) == "field" and shown and shown <= fields
    plot = page.locator("#pv-map .nsewdrag").first.bounding_box()
    page.mouse.move(plot["x"] + plot["width"] * 0.5, plot["y"] + plot["height"] * 0.5)
    seen = ["field"]
    for _ in range(20):
        page.mouse.wheel(0, -150)
        page.wait_for_timeout(120)
        now = page.evaluate(script)
        if now != seen[-1]:
            seen.append(now)
    assert seen == ["field", "area", "subarea"]
    assert page.seen["errors"] == [] and page.seen["requests"] == []
