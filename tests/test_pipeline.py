import html
import re
import shutil

import numpy as np
import pandas as pd
import pytest

from paperviz import PaperMap, build_map
from paperviz.describe import STOP_WORDS
from paperviz.mapdata import MapData
from paperviz.show import read_map_figure


def _corpus(texts: list[tuple[str, str]]) -> pd.DataFrame:
    df = pd.DataFrame(texts, columns=["title", "abstract"])
    df.insert(0, "paper_id", [f"p{i}" for i in range(len(df))])
    df["text"] = df["title"] + ". " + df["abstract"]
    return df


def test_bundled_map_has_named_areas_and_every_paper_placed(bundled_map, bundled):
    papers, summaries = bundled_map.papers, bundled_map.summaries
    assert len(papers) == len(bundled) == 255
    assert papers["paper_id"].tolist() == bundled["paper_id"].tolist()  # input order kept
    assert (papers["area"] >= 0).all() and (papers["subarea"] >= 0).all()
    areas = summaries[summaries["level"] == "area"]
    subareas = summaries[summaries["level"] == "subarea"]
    assert 2 <= len(areas) <= 15 and len(areas) < len(subareas) <= 40
    for level in (areas, subareas):
        assert level["size"].sum() == 255
        assert level["name"].is_unique
    # each sub-area lies inside its parent area
    for _, row in subareas.iterrows():
        members = papers[papers["subarea"] == row["area"]]
        assert (members["area"] == row["parent"]).all()
    for name in summaries["name"]:
        words = {w.lower() for w in name.replace("&", " ").split()}
        assert not words & {"the", "of", "and", "we", "a", "in", "for"}, name
    for _, row in summaries.iterrows():
        assert len(row["representative_ids"]) == 3
        assert set(row["representative_ids"]) <= set(
            papers.loc[papers[row["level"]] == row["area"], "paper_id"])
        assert row["key_phrases"] and not set(row["key_phrases"][0].lower().split()) <= STOP_WORDS


def test_key_phrases_come_from_the_areas_own_papers(bundled_map):
    papers = bundled_map.papers
    for _, row in bundled_map.summaries.iterrows():
        own = " ".join(papers.loc[papers[row["level"]] == row["area"], "text"]).lower()
        for phrase in row["key_phrases"]:
            assert phrase.lower() in own


def test_figure_and_save_load_round_trip(bundled_map, tmp_path):
    fig = bundled_map.figure()
    n_areas = (bundled_map.summaries["level"] == "area").sum()
    assert len(fig.data) >= n_areas
    assert len(fig.layout.annotations) == len(bundled_map.summaries)  # sub-areas too
    assert sum(bool(a.visible) for a in fig.layout.annotations) == n_areas
    html = bundled_map.save(tmp_path)
    text = html.read_text()
    assert not re.findall(r"<script[^>]*\ssrc=|<link[^>]*href=", text)  # nothing fetched
    assert 'id="pv-plotly"' in text and len(text) > 1_000_000  # plotly.js is inside
    figure = read_map_figure(html)
    assert len(figure["data"]) == len(fig.data) and figure["layout"]["annotations"]
    back = PaperMap.load(tmp_path)
    pd.testing.assert_frame_equal(back.papers, bundled_map.papers)
    pd.testing.assert_frame_equal(back.summaries, bundled_map.summaries)
    assert back.params == bundled_map.params
    np.testing.assert_array_equal(back.embeddings, bundled_map.embeddings)
    assert (tmp_path / "areas.csv").exists()


def test_the_page_and_the_figure_read_the_point_fields_from_one_list(bundled_map):
    """map.js reads a point's fields by name (F.title ...), from the figure's list, which is
    HOVER_FIELDS; the hover template and every row of customdata follow the same list."""
    from importlib import resources

    from paperviz.show.mapfigure import HOVER_FIELDS

    app = (resources.files("paperviz.show") / "assets" / "map.js").read_text()
    used = set(re.findall(r"\bF\.(\w+)", app))
    assert used and used <= set(HOVER_FIELDS), used - set(HOVER_FIELDS)
    assert not re.search(r"customdata\)?\[\d", app)  # no field taken by its position
    fig = bundled_map.figure()
    assert list(fig.layout.meta["pv_fields"]) == list(HOVER_FIELDS)
    papers = next(t for t in fig.data if t.meta == "papers")
    row = dict(zip(HOVER_FIELDS, papers.customdata[0], strict=True))
    first = bundled_map.papers.set_index("paper_id").loc[papers.ids[0]]
    assert html.unescape(row["title"].replace("<br>", " ")) == first["title"]
    assert row["area"] == html.escape(first["area_name"])
    slot = {name: f"customdata[{i}]" for i, name in enumerate(HOVER_FIELDS)}
    assert slot["title"] in papers.hovertemplate and slot["abstract"] in papers.hovertemplate


def _embeddings_only(cache_dir, tmp_path):
    """A cache holding the embeddings, models and backend calibration but no stored layouts
    or areas, so they are recomputed (with the same backend: a fresh calibration on a busy
    machine may choose another, whose vectors give another map)."""
    for part in ("embeddings", "models"):
        shutil.copytree(cache_dir / part, tmp_path / part)
    shutil.copy(cache_dir / "calibration.json", tmp_path / "calibration.json")
    return tmp_path


def test_row_order_does_not_change_the_areas(bundled, bundled_map, cache_dir, tmp_path):
    shuffled = bundled.sample(frac=1.0, random_state=7)
    other = build_map(shuffled, cache_dir=_embeddings_only(cache_dir, tmp_path))
    a = bundled_map.papers.set_index("paper_id")
    b = other.papers.set_index("paper_id").loc[a.index]
    np.testing.assert_allclose(a[["x", "y"]].to_numpy(), b[["x", "y"]].to_numpy(), atol=1e-4)
    assert (a["area_name"] == b["area_name"]).all()
    assert (a["subarea_name"] == b["subarea_name"]).all()


def test_same_input_same_map_recomputed_or_from_the_cache(bundled, bundled_map, cache_dir,
                                                          tmp_path):
    timings = {}
    again = build_map(bundled, cache_dir=_embeddings_only(cache_dir, tmp_path), timings=timings)
    assert "umap" in timings  # recomputed
    pd.testing.assert_frame_equal(again.papers, bundled_map.papers)
    timings = {}
    cached = build_map(bundled, cache_dir=cache_dir, timings=timings)
    assert "layout + areas (cached)" in timings and "umap" not in timings
    pd.testing.assert_frame_equal(cached.papers, bundled_map.papers)


def test_other_parameters_are_not_served_from_the_cache(bundled, cache_dir):
    timings = {}
    build_map(bundled, cache_dir=cache_dir, resolution=1.5, timings=timings)
    assert "umap" in timings


def test_quality_report(bundled_map):
    report = bundled_map.quality().set_index("measure")["value"]
    assert report["areas"] == (bundled_map.summaries["level"] == "area").sum()
    assert 0 <= report["weakly placed"] <= 1
    assert -1 <= report["silhouette"] <= 1
    assert 0 < report["stability across seeds"] <= 1


def test_two_obvious_topics_are_separated(cache_dir):
    astro = [(f"Galaxy survey {i}", f"We observe {w} galaxies and dark matter with a telescope.")
             for i, w in enumerate(["spiral", "elliptical", "dwarf", "distant", "merging",
                                    "lensed", "red", "blue", "barred", "active", "young", "old"])]
    cook = [(f"Baking bread {i}", f"A recipe for {w} bread with flour, yeast, an oven and butter.")
            for i, w in enumerate(["rye", "wheat", "sourdough", "sweet", "flat", "brown",
                                   "white", "corn", "soda", "banana", "garlic", "milk"])]
    result = build_map(_corpus(astro + cook), cache_dir=cache_dir)
    areas = result.papers["area"].to_numpy()
    assert len(set(areas[:12])) == 1 and len(set(areas[12:])) == 1
    assert areas[0] != areas[12]


@pytest.mark.parametrize("n", [2, 5, 20])
def test_tiny_corpora_give_a_map(bundled, cache_dir, n):
    result = build_map(bundled.head(n), cache_dir=cache_dir)
    assert len(result.papers) == n
    assert np.isfinite(result.papers[["x", "y"]].to_numpy()).all()
    assert (result.papers["area"] >= 0).all()
    assert len(result.summaries) >= 1
    fig = result.figure()  # every paper drawn once, every area named on the map
    drawn = [pid for trace in fig.data if trace.meta == "papers" for pid in trace.ids]
    assert sorted(drawn) == sorted(result.papers["paper_id"].astype(str))
    labels = {html.unescape(a.text.replace("<b>", "").replace("</b>", ""))
              for a in fig.layout.annotations}
    assert set(result.summaries["name"]) <= labels


def test_identical_abstracts(cache_dir):
    corpus = _corpus([("Same title", "Same abstract about proteins.")] * 12)
    corpus["paper_id"] = [f"p{i}" for i in range(12)]
    result = build_map(corpus, cache_dir=cache_dir)
    assert result.papers["area"].nunique() == 1
    assert result.papers["subarea"].nunique() == 1
    assert np.isfinite(result.papers[["x", "y"]].to_numpy()).all()


def test_one_paper_is_a_clear_error(bundled, cache_dir):
    with pytest.raises(ValueError, match="at least 2 papers"):
        build_map(bundled.head(1), cache_dir=cache_dir)


def test_missing_columns_is_a_clear_error():
    with pytest.raises(ValueError, match="load_corpus"):
        build_map(pd.DataFrame({"title": ["a", "b"]}))


def test_embedding_the_titles_only(bundled, cache_dir):
    result = build_map(bundled.head(30), cache_dir=cache_dir, text="title")
    assert result.params["text"] == "title"
    with pytest.raises(ValueError, match="no such column"):
        build_map(bundled.head(30), cache_dir=cache_dir, text="nope")


def test_a_corpus_beyond_the_memory_budget_still_maps(bundled, bundled_map, cache_dir,
                                                      tmp_path):
    from paperviz import Embedder

    small = Embedder(cache_dir=_embeddings_only(cache_dir, tmp_path), memory_budget=10_000)
    result = build_map(bundled, embedder=small)
    assert isinstance(result.embeddings, np.memmap)
    pd.testing.assert_frame_equal(result.papers, bundled_map.papers)


def test_the_stability_of_a_map_asked_for_n_areas_reruns_n_areas(bundled, cache_dir):
    """Stability compares like with like: runs with other seeds are asked for 3 areas too
    (compared with the 6 the graph gives by itself, it read 0.54)."""
    result = build_map(bundled, cache_dir=cache_dir, n_areas=3)
    report = result.quality().set_index("measure")["value"]
    assert report["areas"] == 3
    assert report["stability across seeds"] > 0.8


@pytest.mark.parametrize(("option", "message"), [
    ({"n_areas": 0}, "n_areas=0: give a number from 1"),
    ({"n_areas": 3, "method": "hdbscan"}, "with method='leiden'"),
    ({"graph_neighbors": 0}, "graph_neighbors=0: give 1 or more"),
])
def test_a_bad_area_option_fails_before_anything_is_embedded(bundled, empty_cache, option,
                                                              message):
    from paperviz import Embedder

    embedder = Embedder(cache_dir=empty_cache)
    with pytest.raises(ValueError, match=message):
        build_map(bundled.head(20), embedder=embedder, **option)
    assert embedder.texts_embedded == 0


def test_the_stability_of_an_hdbscan_map_is_measured_with_hdbscan(bundled_map):
    """The reruns of an HDBSCAN map are HDBSCAN runs on the same map (they were Leiden's,
    which read 0.18 against HDBSCAN's areas here): HDBSCAN takes no seed, so its reruns on
    the same map agree exactly."""
    from dataclasses import replace

    from paperviz.areas import find_areas, nearest_neighbors, quality_report

    options = replace(bundled_map.options, method="hdbscan")
    found = find_areas(nearest_neighbors(bundled_map.embeddings, options.graph_neighbors),
                       options, points=bundled_map.papers[["x", "y"]].to_numpy())
    papers = bundled_map.papers.assign(area=found["area"].to_numpy(),
                                       subarea=found["subarea"].to_numpy(),
                                       weak=found["weak"].to_numpy())
    data = MapData(papers, bundled_map.summaries, bundled_map.embeddings, bundled_map.params)
    report = quality_report(data, options=options, subsample=0.9).set_index("measure")["value"]
    assert report["stability across seeds"] == 1.0


def test_recluster_keeps_the_map_options(bundled_map):
    finer = bundled_map.recluster(0, n_areas=2)
    assert finer["finer"].nunique() == 2
    assert (finer["area"] == 0).all() and finer["finer_name"].notna().all()


def test_an_embedder_and_options_that_disagree_with_it_are_an_error(bundled, cache_dir,
                                                                    tmp_path):
    from paperviz import Embedder

    embedder = Embedder(cache_dir=cache_dir)
    with pytest.raises(ValueError, match="model='static-minilm'.*Give the embedder alone"):
        build_map(bundled.head(20), embedder=embedder, model="static-minilm")
    with pytest.raises(ValueError, match="cache_dir="):
        build_map(bundled.head(20), embedder=embedder, cache_dir=tmp_path)
    with pytest.raises(TypeError, match="unknown options"):
        build_map(bundled.head(20), embedder=embedder, resolutoin=2.0)
    assert embedder.texts_embedded == 0
    # agreeing is fine
    build_map(bundled.head(20), embedder=embedder, model=embedder.model_name,
              cache_dir=cache_dir)


def test_options_are_resolved_once_and_saved(bundled_map, tmp_path):
    from paperviz import MapOptions

    options = bundled_map.options
    assert isinstance(options, MapOptions)
    assert options.graph_neighbors == 16 and options.min_area_size == 2
    assert options == options.resolved(len(bundled_map.papers))
    assert options.asked.graph_neighbors is None  # left to the default
    bundled_map.save(tmp_path)
    assert PaperMap.load(tmp_path).options == options
    assert PaperMap.load(tmp_path).options.asked == options.asked


def test_the_result_cache_is_keyed_by_the_options_declared_to_shape_the_areas():
    from paperviz import MapOptions

    assert set(MapOptions().key_values()) == {
        "text", "method", "graph", "graph_neighbors", "resolution", "n_areas", "min_area_size",
        "map_neighbors", "assign_noise", "random_state"}  # naming, fields, budget apart


def test_given_vectors_skip_embedding_and_are_checked(bundled, bundled_map, cache_dir):
    pmap = build_map(bundled, cache_dir=cache_dir,
                     embeddings=bundled_map.embeddings * 3.0)  # scaled: normalised
    assert (pmap.papers["area"] == bundled_map.papers["area"]).all()
    assert np.allclose(pmap.embeddings, bundled_map.embeddings, atol=1e-6)
    with pytest.raises(ValueError, match="one row per paper"):
        build_map(bundled, cache_dir=cache_dir, embeddings=bundled_map.embeddings[:5])
    with pytest.raises(ValueError, match="makes 384"):
        build_map(bundled, cache_dir=cache_dir, embeddings=bundled_map.embeddings[:, :100])
