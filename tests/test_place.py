"""A living map: new papers placed onto a saved map without moving it, drift, rebuilds with
a crosswalk, and trends over time with intervals."""

import json

import numpy as np
import pandas as pd
import pytest

from paperviz import PaperMap, build_map, from_dataframe
from paperviz.cli import main
from paperviz.explore import emerging, trends
from paperviz.place import crosswalk
from paperviz.show import read_map_figure

MAP_COLUMNS = ["x", "y", "area", "area_name", "subarea", "subarea_name", "strength", "weak"]
OFF_TOPIC = [
    "Slow-roasted lamb shoulder with rosemary. A recipe for a Sunday family lunch with garlic, "
    "potatoes and a red wine gravy, cooked for five hours.",
    "The offside rule in association football, explained for new referees: positions, timing "
    "and the role of the assistant referee.",
    "Pruning apple trees in late winter: which branches to cut, how to shape the crown, and how "
    "to keep the orchard healthy.",
    "A walking guide to the coastal path of Cornwall: cliffs, harbours, tea rooms and where to "
    "stay overnight.",
    "Knitting a cable-pattern jumper: choosing wool, reading the chart, and blocking the "
    "finished pieces.",
    "Baroque opera in eighteenth-century Venice: theatres, castrati, librettists and the "
    "audiences who paid for them.",
]


@pytest.fixture(scope="module")
def split_map(bundled, cache_dir):
    """A map of the bundled corpus without its last 40 papers, and those 40."""
    built = build_map(bundled.iloc[:-40].reset_index(drop=True), cache_dir=cache_dir)
    return built, bundled.iloc[-40:].reset_index(drop=True)


def test_placed_papers_join_the_map_and_nothing_on_it_moves(split_map):
    built, new = split_map
    result = built.place(new)
    before = built.papers
    after = result.papers
    assert len(after) == len(before) + 40 and len(result.embeddings) == len(after)
    pd.testing.assert_frame_equal(after.iloc[: len(before)][MAP_COLUMNS],
                                  before[MAP_COLUMNS])
    counts = ["size", "share", "weak_share", "placed"]  # counted: the placed papers join
    pd.testing.assert_frame_equal(result.summaries.drop(columns=counts),
                                  built.summaries.drop(columns=counts))  # names unchanged
    areas = result.summaries.query("level == 'area'").set_index("area")
    assert areas["size"].to_dict() == result.papers["area"].value_counts().to_dict()
    assert areas["placed"].sum() == len(result.papers) - len(built.papers)
    placed = after.iloc[len(before):]
    assert placed["placed"].all() and not after.iloc[: len(before)]["placed"].any()
    assert placed["placed_on"].notna().all()
    assert set(placed["area"]) <= set(before["area"])
    for level in ("area", "subarea"):
        names = dict(zip(before[level], before[f"{level}_name"], strict=False))
        assert (placed[f"{level}_name"] == placed[level].map(names)).all()
    subs_of = before.groupby("subarea")["area"].first()
    assert (placed["subarea"].map(subs_of) == placed["area"]).all()  # sub-area inside area
    assert placed["strength"].between(0, 1).all()
    xs, ys = before["x"], before["y"]
    assert placed["x"].between(xs.min(), xs.max()).all()
    assert placed["y"].between(ys.min(), ys.max()).all()
    report = result.placement
    assert report["placed"] == 40 and report["already_on_map"] == 0
    assert result.params["placements"][-1]["placed"] == 40


def test_a_paper_placed_again_lands_in_its_own_area(split_map):
    """Papers already on the map, placed under new ids from their own vectors' neighbours,
    mostly get the area they were built in (the map's own agreement, not 100%)."""
    built, _ = split_map
    again = built.papers.head(60).assign(paper_id=lambda d: "copy-" + d["paper_id"])
    result = built.place(again)
    placed = result.papers.iloc[len(built.papers):]
    agree = (placed["area"].to_numpy() == built.papers.head(60)["area"].to_numpy()).mean()
    assert agree >= 0.8


def test_papers_already_on_the_map_are_not_added_twice(split_map):
    built, new = split_map
    same = built.place(built.papers.head(10))
    assert same.placement["placed"] == 0 and "already on the map" in same.placement["message"]
    assert len(same.papers) == len(built.papers)
    mixed = built.place(pd.concat([built.papers.head(10), new.head(5)], ignore_index=True))
    assert mixed.placement["placed"] == 5 and mixed.placement["already_on_map"] == 10


def test_papers_from_another_field_are_far_and_call_for_a_rebuild(split_map):
    built, _ = split_map
    corpus = from_dataframe(pd.DataFrame({"title": [t.split(".")[0] for t in OFF_TOPIC],
                                          "abstract": OFF_TOPIC}))
    with pytest.warns(UserWarning, match="rebuild is due"):
        result = built.place(corpus)
    report = result.placement
    assert report["far_share"] >= 0.5 and report["rebuild_due"]
    assert any("far from every paper" in r for r in report["reasons"])


def test_a_placed_map_saves_loads_and_shows_its_placed_papers(split_map, tmp_path):
    built, new = split_map
    result = built.place(new)
    html = result.save(tmp_path / "placed")
    again = PaperMap.load(tmp_path / "placed")
    assert int(again.papers["placed"].sum()) == 40
    assert json.loads((tmp_path / "placed" / "params.json").read_text())["placements"]
    names = [trace.get("name") for trace in read_map_figure(html)["data"]]
    assert "placed later (40)" in names


def test_placing_needs_the_maps_backend_and_says_so(split_map, tmp_path):
    from paperviz import Embedder

    built, new = split_map
    old = PaperMap(papers=built.papers, summaries=built.summaries,
                   embeddings=built.embeddings,
                   params={k: v for k, v in built.params.items() if k != "backend"})
    with pytest.raises(ValueError, match="earlier paperviz.*rebuild it"):
        old.place(new)
    other = "bf16" if built.params["backend"] != "bf16" else "torch"
    with pytest.raises(ValueError, match="cannot share a map"):
        built.place(new, embedder=Embedder(backend=other, cache_dir=tmp_path))


def test_the_place_command(split_map, tmp_path, capsys):
    built, new = split_map
    built.save(tmp_path / "built")
    new.drop(columns=["text", "has_abstract"]).to_csv(tmp_path / "new.csv", index=False)
    assert main(["place", str(tmp_path / "built"), str(tmp_path / "new.csv"),
                 "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "Placed 40 new papers" in out and (tmp_path / "out" / "map.html").exists()
    assert main(["place", str(tmp_path / "out"), str(tmp_path / "new.csv"),
                 "--out", str(tmp_path / "out2")]) == 0
    assert "All 40 papers are already on the map" in capsys.readouterr().out
    assert main(["place", str(tmp_path / "nowhere"), str(tmp_path / "new.csv"),
                 "--out", str(tmp_path / "x")]) == 2
    assert "is not a saved map" in capsys.readouterr().err


def test_a_rebuild_says_where_each_old_area_went(split_map, cache_dir):
    built, new = split_map
    placed = built.place(new)
    rebuilt, walk = placed.rebuild(cache_dir=cache_dir)
    assert len(rebuilt.papers) == len(placed.papers)
    assert "placed" not in rebuilt.papers
    shares = walk.groupby("area_old")["share"].sum()
    np.testing.assert_allclose(shares.to_numpy(), 1.0)
    assert walk["main"].sum() == placed.papers["area"].nunique()
    assert set(walk["area_new"]) <= set(rebuilt.papers["area"])


def _dated(shares_before: dict, shares_after: dict, n: int = 2000) -> pd.DataFrame:
    """Papers with an area and a date: ``n`` in 2024 and ``n`` in 2025 in the given shares."""
    rows = []
    for year, shares in (("2024", shares_before), ("2025", shares_after)):
        for area, share in shares.items():
            for i in range(round(share * n)):
                rows.append({"area": area, "area_name": f"area {area}",
                             "date": f"{year}-{1 + i % 12:02d}-15"})
    return pd.DataFrame(rows)


def test_an_area_that_doubles_is_emerging_and_a_flat_one_is_not():
    papers = _dated({0: 0.10, 1: 0.30, 2: 0.6}, {0: 0.20, 1: 0.30, 2: 0.5})
    ranked = emerging(papers).set_index("area")
    assert ranked.loc[0, "trend"] == "growing" and ranked.loc[0, "low"] > 0
    assert ranked.loc[1, "trend"] == "steady" and ranked.loc[1, "low"] < 0 < ranked.loc[1, "high"]
    assert ranked.loc[2, "trend"] == "shrinking"
    assert ranked.index[0] == 0 and ranked.loc[0, "ratio"] == pytest.approx(2.0)


def test_three_papers_becoming_six_is_not_a_trend():
    papers = _dated({0: 0.003, 1: 0.997}, {0: 0.006, 1: 0.994}, n=1000)
    ranked = emerging(papers).set_index("area")
    assert (ranked.loc[0, "before"], ranked.loc[0, "after"]) == (3, 6)
    assert ranked.loc[0, "trend"] == "steady" and ranked.loc[0, "low"] < 0


def test_trends_count_every_area_in_every_period_and_report_unparsable_dates():
    papers = _dated({0: 0.5, 1: 0.5}, {0: 0.25, 1: 0.75}, n=100)
    papers.loc[[0, 1], "date"] = ["not a date", ""]
    table = trends(papers, freq="Q")
    assert table.attrs["dates"]["unparsable"] == 1 and table.attrs["dates"]["missing"] == 1
    assert table["count"].sum() == len(papers) - 2
    per_period = table.groupby("period")["share"].sum()
    np.testing.assert_allclose(per_period.to_numpy(), 1.0)
    assert len(table) == table["period"].nunique() * 2  # zero counts included
    corpus = from_dataframe(pd.DataFrame({"title": ["A paper", "B paper", "C paper"],
                                          "abstract": ["x y", "y z", "z w"],
                                          "year": ["2021", "sometime", None]}))
    assert corpus.attrs["load_report"]["dates"]["unparsable"] == 1
    assert len(corpus) == 3  # nothing dropped for a bad date


def test_trends_of_a_map_and_its_figures(split_map):
    built, _ = split_map
    papers = built.papers.assign(year=np.where(np.arange(len(built.papers)) % 2, "2024", "2025"))
    dated = PaperMap(papers=papers, summaries=built.summaries, embeddings=built.embeddings,
                     params=built.params)
    figures = dated.trend_figures(freq="Y")
    assert set(figures) == {"stacked", "small", "emerging"}
    assert len(figures["stacked"].data) == min(13, papers["area"].nunique())
    days = pd.date_range("2024-01-01", "2025-12-31", periods=len(papers)).strftime("%Y-%m-%d")
    daily = PaperMap(papers=papers.assign(year=days), summaries=built.summaries,
                     embeddings=built.embeddings, params=built.params)
    coloured = [t for t in daily.figure(color="date").data if t.meta == "papers"]
    assert [t.name for t in coloured] == ["date"]  # one trace on a colour scale
    shades = list(coloured[0].marker.color)
    assert len(shades) == len(papers) and shades[0] != shades[-1]
    with pytest.raises(ValueError, match="no date column"):
        built.trends()


def test_crosswalk_shares():
    old = pd.DataFrame({"paper_id": list("abcd"), "area": [0, 0, 0, 1],
                        "area_name": ["A", "A", "A", "B"]})
    new = pd.DataFrame({"paper_id": list("abcd"), "area": [5, 5, 6, 6],
                        "area_name": ["X", "X", "Y", "Y"]})
    walk = crosswalk(old, new)
    first = walk[walk["area_old"] == 0]
    assert first["papers"].tolist() == [2, 1] and first["main"].tolist() == [True, False]
    assert first["share"].tolist() == pytest.approx([2 / 3, 1 / 3])


def test_the_bf16_candidate_search_finds_the_exact_neighbours():
    from paperviz.areas import neighbors_among

    rng = np.random.default_rng(0)
    base = rng.standard_normal((3000, 64)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    queries = base[:500] + 0.3 * rng.standard_normal((500, 64)).astype(np.float32)
    exact = neighbors_among(queries, base, 15, bf16=False)
    fast = neighbors_among(queries, base, 15, bf16=True)
    np.testing.assert_array_equal(fast[0], exact[0])
    np.testing.assert_allclose(fast[1], exact[1], rtol=1e-5)
    truth = np.argsort(-(queries @ base.T), axis=1, kind="stable")[:, :15]
    np.testing.assert_array_equal(exact[0], truth)
