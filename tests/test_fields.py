"""Fields, the level above areas: when a map gets them, that they nest, and that every part
of the kit (summaries, figures, the HTML map, save/load, placement) takes the extra level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

import paperviz
from paperviz import MapOptions
from paperviz.areas import find_areas, find_fields, nearest_neighbors


def _vectors(n_fields: int, per_field: int, per_area: int, seed: int = 0):
    """Unit vectors in ``n_fields`` groups of ``per_field`` areas: areas of one field share
    a direction; returns vectors, each paper's area and field."""
    rng = np.random.default_rng(seed)
    dim = 64
    fields = rng.normal(size=(n_fields, dim))
    centres = np.repeat(fields, per_field, axis=0) + 0.55 * rng.normal(size=(n_fields *
                                                                            per_field, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    area = np.repeat(np.arange(len(centres)), per_area)
    vectors = centres[area] + 0.09 * rng.normal(size=(len(area), dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), area, area // per_field


def test_three_fields_of_three_areas_are_found_and_nest():
    vectors, true_area, true_field = _vectors(3, 3, 130)
    found = find_areas(nearest_neighbors(vectors, 20), MapOptions())
    assert adjusted_rand_score(true_area, found["area"]) == 1.0  # the nine areas
    field = find_fields(vectors, found["area"].to_numpy())
    assert field is not None and adjusted_rand_score(true_field, field) == 1.0
    # each field holds whole areas, three of them
    pairs = pd.DataFrame({"field": field, "area": found["area"]}).drop_duplicates()
    assert pairs["area"].is_unique and (pairs.groupby("field").size() == 3).all()
    # numbered by size, largest first
    sizes = np.bincount(field)
    assert (np.diff(sizes) <= 0).all()


def test_small_corpora_and_unclear_groups_keep_two_levels():
    vectors, _, _ = _vectors(3, 3, 60)  # 540 papers: clear fields, but under 1,000
    area = np.repeat(np.arange(9), 60)
    assert find_fields(vectors, area) is None
    # eight areas with no fields among them (independent directions): none
    rng = np.random.default_rng(1)
    flat = rng.normal(size=(8, 64))[np.repeat(np.arange(8), 150)]
    flat += 0.1 * rng.normal(size=flat.shape)
    flat /= np.linalg.norm(flat, axis=1, keepdims=True)
    assert find_fields(flat, np.repeat(np.arange(8), 150)) is None


def test_many_areas_get_five_to_twelve_fields():
    rng = np.random.default_rng(2)
    centres = rng.normal(size=(20, 64))
    area = np.repeat(np.arange(20), 60)
    vectors = centres[area] + 0.1 * rng.normal(size=(len(area), 64))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    field = find_fields(vectors, area)
    assert field is not None and 5 <= len(np.unique(field)) <= 12


def test_n_fields_asks_for_a_number_or_none():
    vectors, _, _ = _vectors(3, 3, 60)
    area = np.repeat(np.arange(9), 60)
    assert len(np.unique(find_fields(vectors, area, n_fields=2))) == 2  # given: any size
    assert find_fields(vectors, area, n_fields=0) is None
    with pytest.warns(UserWarning, match="not fewer than the 9 areas"):
        assert find_fields(vectors, area, n_fields=9) is None
    with pytest.raises(ValueError, match="n_fields=-1"):
        MapOptions(n_fields=-1).check(10)


@pytest.fixture(scope="module")
def fields_map(bundled, cache_dir):
    """The bundled corpus with three fields asked for: real vectors, names and layout."""
    return paperviz.build_map(bundled, cache_dir=cache_dir, n_fields=3)


def test_a_map_with_fields_has_three_nested_named_levels(fields_map, bundled_map):
    papers, summaries = fields_map.papers, fields_map.summaries
    assert fields_map.levels == ["field", "area", "subarea"]
    assert bundled_map.levels == ["area", "subarea"]  # 255 papers: no fields by default
    # the areas are the same as without fields; fields hold whole areas
    assert (papers["area"] == bundled_map.papers["area"]).all()
    assert papers.groupby("area")["field"].nunique().max() == 1
    assert papers["field"].nunique() == 3
    fields = summaries[summaries["level"] == "field"]
    assert len(fields) == 3 and fields["name"].is_unique and (fields["parent"] == -1).all()
    areas = summaries[summaries["level"] == "area"]
    for _, row in areas.iterrows():  # each area's parent is its papers' field
        assert (papers.loc[papers["area"] == row["area"], "field"] == row["parent"]).all()
    assert sorted(a for c in fields["children"] for a in c) == sorted(areas["area"])
    names = dict(zip(fields["area"], fields["name"], strict=True))
    assert (papers["field_name"] == papers["field"].map(names)).all()
    # an area alone in its field has the field's name (the same papers); others differ
    for _, row in areas.iterrows():
        alone = len(fields.set_index("area").loc[row["parent"], "children"]) == 1
        assert (row["name"] == names[row["parent"]]) == alone
    # summaries for reading take the level
    assert len(fields_map.areas_table("field")) == 3
    assert fields_map.markdown().index("## Fields") < fields_map.markdown().index("## Areas")
    with pytest.raises(ValueError, match="not one of this map's levels"):
        bundled_map.areas_table("field")


def test_the_figures_take_three_levels(fields_map):
    fig = fields_map.figure()
    names = {a.name for a in fig.layout.annotations}
    assert names == {"field", "area", "subarea"}
    visible = [a for a in fig.layout.annotations if a.visible]
    assert len(visible) == 3 and {a.name for a in visible} == {"field"}
    assert fig.layout.meta["pv_levels"] == ["field", "area", "subarea"]
    papers = [t for t in fig.data if t.meta == "papers" and t.legendgroup]
    # the legend lists the areas under their field, each field titled once
    titles = [t.legendgrouptitle.text for t in papers if t.legendgrouptitle.text]
    assert sorted(titles) == sorted(fields_map.summaries.query("level == 'field'")["name"])
    # hovering a paper says its field and area
    assert " › " in papers[0].customdata[0][4]
    sunburst = fields_map.figures()["hierarchy"].data[0]
    assert sum(1 for p in sunburst.parents if p == "") == 3
    assert len(sunburst.ids) == len(fields_map.summaries)


@pytest.mark.filterwarnings("ignore:placed 5 new papers")
def test_a_map_with_fields_saves_loads_and_places(fields_map, bundled, tmp_path):
    fields_map.save(tmp_path)
    assert (tmp_path / "fields.csv").exists()
    back = paperviz.PaperMap.load(tmp_path)
    assert back.levels == ["field", "area", "subarea"]
    pd.testing.assert_frame_equal(back.papers, fields_map.papers)
    # a placed paper's field is its area's field
    new = bundled.head(5).assign(paper_id=lambda d: d["paper_id"].astype(str) + "-new")
    placed = fields_map.place(new).papers
    added = placed[placed["placed"]]
    field_of = dict(zip(fields_map.papers["area"], fields_map.papers["field"], strict=False))
    assert len(added) == 5 and (added["field"] == added["area"].map(field_of)).all()
    assert added["field_name"].isin(fields_map.papers["field_name"]).all()


def test_maps_saved_with_two_levels_still_load(bundled_map, tmp_path):
    bundled_map.save(tmp_path)
    back = paperviz.PaperMap.load(tmp_path)
    assert back.levels == ["area", "subarea"] and "field" not in back.papers
    assert not (tmp_path / "fields.csv").exists()
    fig = back.figure()
    assert fig.layout.meta["pv_levels"] == ["area", "subarea"]
    assert {a.name for a in fig.layout.annotations if a.visible} == {"area"}


def test_colouring_by_one_level_gives_each_area_its_own_colour(fields_map):
    fig = fields_map.figure(level="area")
    papers = [t for t in fig.data if t.meta == "papers"
              and not t.name.startswith("far from")]
    assert not any(t.legendgroup for t in papers)
    assert len({t.marker.color for t in papers}) == len(papers)
    assert {a.name for a in fig.layout.annotations if a.visible} == {"area"}
    with pytest.raises(ValueError, match="not one of this map's levels"):
        fields_map.figure(level="topic")


def test_big_sub_areas_are_split_into_topics_that_nest(monkeypatch):
    from paperviz.areas import cluster

    vectors, _, _ = _vectors(3, 3, 130)
    neighbors = nearest_neighbors(vectors, 20)
    assert "topic" not in find_areas(neighbors, MapOptions())  # sub-areas of tens of papers
    monkeypatch.setattr(cluster, "TOPICS_FROM", 10)  # as if they held hundreds
    found = find_areas(neighbors, MapOptions())
    assert list(found.columns[:3]) == ["area", "subarea", "topic"]
    assert found.groupby("topic")["subarea"].nunique().max() == 1  # each in one sub-area
    assert found["topic"].nunique() > found["subarea"].nunique()
    assert found["topic"].value_counts().min() >= cluster.SUB_MIN


@pytest.mark.filterwarnings("ignore:placed 3 new papers")
def test_a_map_of_four_levels(monkeypatch, bundled, empty_cache, tmp_path):
    """Fields, areas, sub-areas and topics (topics from sub-areas of 8 papers or more here,
    where they would take hundreds): nested, named, drawn, saved and placed."""
    from paperviz.areas import cluster

    monkeypatch.setattr(cluster, "TOPICS_FROM", 8)
    pmap = paperviz.build_map(bundled, cache_dir=empty_cache, n_fields=3)
    assert pmap.levels == ["field", "area", "subarea", "topic"]
    papers, summaries = pmap.papers, pmap.summaries
    assert papers.groupby("topic")["subarea"].nunique().max() == 1
    topics = summaries[summaries["level"] == "topic"]
    assert len(topics) == papers["topic"].nunique() and topics["name"].is_unique
    for _, row in topics.iterrows():
        assert (papers.loc[papers["topic"] == row["area"], "subarea"] == row["parent"]).all()
    # the areas and sub-areas are named as on the map without fields and topics
    plain = paperviz.build_map(bundled, cache_dir=empty_cache, n_fields=0)
    for level in ("area", "subarea"):
        mine = summaries[summaries["level"] == level]["name"].tolist()
        assert mine == plain.summaries[plain.summaries["level"] == level]["name"].tolist()
    fig = pmap.figure()
    assert fig.layout.meta["pv_levels"] == ["field", "area", "subarea", "topic"]
    assert len(fig.layout.meta["pv_zoom"]) == 4
    pmap.save(tmp_path / "map")
    assert paperviz.PaperMap.load(tmp_path / "map").levels == pmap.levels
    assert (tmp_path / "map" / "topics.csv").exists()
    new = bundled.head(3).assign(paper_id=lambda d: d["paper_id"].astype(str) + "-new")
    placed = pmap.place(new).papers
    added = placed[placed["placed"]]
    sub_of = papers.groupby("topic")["subarea"].first()
    assert (added["topic"].map(sub_of) == added["subarea"]).all()
