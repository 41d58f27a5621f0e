import numpy as np
import pytest
from plotly.callbacks import BoxSelector, Points


def test_similar_papers_are_ranked_and_exclude_the_paper(bundled_map):
    first = bundled_map.papers["paper_id"].iloc[0]
    out = bundled_map.similar(first, k=5)
    assert len(out) == 5 and 0 not in out.index
    assert out["similarity"].is_monotonic_decreasing
    assert out.equals(bundled_map.similar(0, k=5))
    with pytest.raises(KeyError, match="no paper"):
        bundled_map.similar("nope")


def test_semantic_search_finds_the_topic(bundled_map):
    hits = bundled_map.search("dense passage retrieval for question answering", k=5)
    assert hits["title"].str.contains("Retriev|Passage|Search|Ranking", case=False).sum() >= 3
    fig = bundled_map.figure(highlight=hits.index)
    ringed = [t for t in fig.data if t.name == "highlighted"][0]
    assert len(ringed.x) == 5
    with pytest.raises(ValueError, match="non-empty"):
        bundled_map.search("  ")


def test_compare_areas_phrases_favour_each_side(bundled_map):
    table = bundled_map.compare(0, 1)
    names = bundled_map.summaries.query("level == 'area'").set_index("area")["name"]
    first, second = table[table["favours"] == names[0]], table[table["favours"] == names[1]]
    assert (first["share_first"] > first["share_second"]).all()
    assert (second["share_second"] > second["share_first"]).all()
    with pytest.raises(ValueError, match="no area 99"):
        bundled_map.compare(0, 99)


def test_selection_in_the_widget_comes_back_as_a_dataframe(bundled_map):
    widget = bundled_map.widget()
    first, second = [t for t in widget.data if t.meta == "papers"][-2:]
    box = BoxSelector(xrange=[0, 1], yrange=[0, 1])

    def select(trace, rows):
        points = Points(point_inds=rows, xs=[], ys=[], trace_name=trace.name, trace_index=0)
        trace._dispatch_on_selection(points, box)

    select(first, [0, 1])
    assert sorted(bundled_map.selection()["paper_id"]) == sorted(first.ids[:2])
    select(second, [0])  # a selection spans traces: each adds its own points
    assert set(bundled_map.selection()["paper_id"]) == {*first.ids[:2], second.ids[0]}
    select(first, [2])  # a new selection replaces that trace's points
    assert set(bundled_map.selection()["paper_id"]) == {first.ids[2], second.ids[0]}


def test_companion_figures(bundled_map):
    figs = bundled_map.figures()
    n_areas = (bundled_map.summaries["level"] == "area").sum()
    assert len(figs["sizes"].data[0].y) == n_areas
    assert np.allclose(np.diag(figs["similarity"].data[0].z), 1.0, atol=1e-5)
    assert len(figs["hierarchy"].data[0].ids) == len(bundled_map.summaries)
    bars = bundled_map.key_phrases(0)
    assert all(0 < x <= 1 for x in bars.data[0].x)


def test_colour_by_a_column(bundled_map):
    papers = bundled_map.papers.assign(year=[2020 + i % 4 for i in range(len(bundled_map.papers))])
    from paperviz.show import map_figure

    fig = map_figure(papers, bundled_map.summaries, color="year")
    assert {t.name.split(" ")[0] for t in fig.data if t.meta == "papers"} == {
        "2020", "2021", "2022", "2023"}
    with pytest.raises(ValueError, match="no column"):
        map_figure(papers, bundled_map.summaries, color="nope")


def test_search_uses_the_cache_the_map_was_built_with(bundled, empty_cache, tmp_path,
                                                     monkeypatch):
    """A map built with cache_dir= searches through that cache and its built models: nothing
    is built or written in the default cache."""
    from paperviz import build_map

    pmap = build_map(bundled.head(30), cache_dir=empty_cache)
    default = tmp_path / "default-cache"
    monkeypatch.setenv("PAPERVIZ_CACHE", str(default))
    assert len(pmap.search("graph neural networks", k=3)) == 3
    assert not default.exists()
