"""A researcher's first hour: every method that takes an area takes its name or number of
any level, a map prints as one short line, cards read as text outside a notebook."""

import pandas as pd
import pytest


def _two_areas(pmap, level="area"):
    table = pmap.summaries[pmap.summaries["level"] == level].sort_values("area")
    return table["name"].iloc[0], table["name"].iloc[1], table["area"].iloc[:2].tolist()


def test_compare_takes_names_as_papers_of_does(bundled_map):
    first, second, numbers = _two_areas(bundled_map)
    by_name = bundled_map.compare(first, second.upper())  # case ignored, as papers_of
    by_number = bundled_map.compare(*numbers)
    pd.testing.assert_frame_equal(by_name, by_number)
    sub_a, sub_b, _ = _two_areas(bundled_map, "subarea")
    assert set(bundled_map.compare(sub_a, sub_b)["favours"]) == {sub_a, sub_b}
    with pytest.raises(ValueError, match="one level"):
        bundled_map.compare(first, sub_a)
    with pytest.raises(ValueError, match="nearest names.*" + first[:5]):
        bundled_map.compare(first[:-2] + "xx", second)


def test_every_method_that_takes_an_area_takes_its_name(bundled_map):
    first, _, numbers = _two_areas(bundled_map)
    sub, _, sub_numbers = _two_areas(bundled_map, "subarea")
    assert bundled_map.area_of(first) == ("area", numbers[0])
    assert bundled_map.area_of(sub) == ("subarea", sub_numbers[0])
    assert bundled_map.area_of(str(numbers[1])) == ("area", numbers[1])
    bars = bundled_map.key_phrases(first)
    assert bars.layout.title.text == f"Key phrases of {first}"
    assert bundled_map.key_phrases(sub).layout.title.text == f"Key phrases of {sub}"
    finer = bundled_map.recluster(first, n_areas=2)
    assert len(finer) == len(bundled_map.papers_of(areas=first))
    cards = bundled_map.cards(areas=[first, sub])
    assert str(cards).count("key phrases:") == 2 and sub in str(cards)
    with pytest.raises(ValueError, match="no area 999: the areas are numbered"):
        bundled_map.key_phrases(999)


def test_a_map_prints_as_one_short_line(bundled_map, tmp_path):
    line = repr(bundled_map)
    assert line.startswith(f"PaperMap: {len(bundled_map.papers)} papers; ")
    assert "areas > " in line and "sub-areas" in line and "all-MiniLM-L6-v2" in line
    assert "\n" not in line and len(line) < 200 and "array" not in line
    bundled_map.save(tmp_path / "m")
    again = type(bundled_map).load(tmp_path / "m")
    assert repr(again).endswith(f"saved at {tmp_path / 'm'}")


def test_cards_print_as_text(bundled_map):
    text = str(bundled_map.cards())
    first = bundled_map.summaries.query("level == 'area'")["name"].iloc[0]
    assert text.startswith(first) and "<" not in text and "style" not in text
    assert bundled_map.cards()._repr_html_().startswith("<style>")


SLEEP = [
    ("Sleep architecture in progressive supranuclear palsy",
     "Polysomnography of 40 patients with progressive supranuclear palsy shows reduced REM "
     "sleep, fragmented slow-wave sleep and frequent arousals compared with controls."),
    ("Melatonin for insomnia in older adults: a randomised trial",
     "Prolonged-release melatonin improved sleep onset latency and sleep quality in adults "
     "aged over 65 with primary insomnia, without next-day sedation."),
    ("Photoperiod and seasonal body weight in Siberian hamsters",
     "Short day lengths reduce body mass and food intake in hamsters through hypothalamic "
     "thyroid hormone signalling, independent of melatonin receptor density."),
    ("Mindfulness meditation and nocturnal blood pressure",
     "Eight weeks of mindfulness-based stress reduction lowered nocturnal systolic blood "
     "pressure and improved subjective sleep in adults with prehypertension."),
    ("Obstructive sleep apnoea and atrial fibrillation recurrence after ablation",
     "Untreated obstructive sleep apnoea doubled the recurrence of atrial fibrillation after "
     "catheter ablation; continuous positive airway pressure reduced it."),
    ("Circadian misalignment in night-shift nurses",
     "Actigraphy and salivary melatonin of 120 nurses on rotating night shifts show phase "
     "delays and shortened sleep that persist over days off."),
]


@pytest.fixture(scope="module")
def far_library_map(bundled, cache_dir, tmp_path_factory):
    """The bundled map (machine learning) with a library of sleep medicine and three of
    the corpus's own papers."""
    import paperviz

    own = bundled.iloc[[0, 5, 9]][["title", "abstract"]]
    library = pd.concat([own, pd.DataFrame(SLEEP, columns=["title", "abstract"])])
    return paperviz.build_map(bundled, cache_dir=cache_dir,
                              library=paperviz.from_dataframe(library))


def test_a_library_paper_far_from_the_map_is_in_no_area(far_library_map):
    from paperviz.mapdata import FAR_NAME

    papers = far_library_map.papers
    sleep = papers[papers["title"].isin([t for t, _ in SLEEP])]
    assert len(sleep) == len(SLEEP) and sleep["in_library"].all()
    assert (sleep["area"] == -1).all() and (sleep["subarea"] == -1).all()
    assert (sleep["area_name"] == FAR_NAME).all() and sleep["weak"].all()
    report = far_library_map.params["library"]
    assert report["found"]["title"] == 3 and report["far"] == len(SLEEP)
    assert "in no area" in report["message"]
    with pytest.warns(UserWarning, match="far from every paper of this map"):
        table = far_library_map.suggest(k=2)
    assert "nearest neighbour" in table.attrs["far"]


def test_every_listing_of_an_area_agrees_on_who_is_in_it(far_library_map, tmp_path):
    pmap = far_library_map
    for level in pmap.levels:
        table = pmap.areas_table(level)
        for _, row in table.iterrows():
            members = pmap.papers_of(areas=row["area"], level=level)
            assert len(members) == row["size"], (level, row["name"])
        assert table["weak_share"].between(0, 1).all()
    total = pmap.areas_table("area")["size"].sum()
    assert total == len(pmap.papers) - len(SLEEP)  # the far papers are in no area
    first = pmap.areas_table("area").iloc[0]
    from paperviz import load_corpus

    exported = load_corpus(pmap.export(pmap.papers_of(areas=first["name"]), tmp_path / "a.bib"))
    assert len(exported) == first["size"]
    assert not set(exported["title"]) & {t for t, _ in SLEEP}
    assert f"{first['size']} papers" in str(pmap.cards(areas=first["name"]))


def test_weak_papers_are_drawn_in_their_area_s_colour(far_library_map):
    fig = far_library_map.figure()
    names = [t.name for t in fig.data if t.meta == "papers"]
    assert "weakly placed" not in names and f"far from this map ({len(SLEEP)})" in names
    papers = far_library_map.papers
    drawn = sum(len(t.x) for t in fig.data if t.meta == "papers")
    assert drawn == len(papers)  # every paper once, the weak ones too
    weak_area = papers.loc[papers["weak"] & (papers["area"] >= 0), "area_name"].iloc[0]
    trace = next(t for t in fig.data if t.meta == "papers" and t.name.startswith(weak_area))
    assert isinstance(trace.marker.color, str) and len(set(trace.marker.opacity)) == 2


def test_long_steps_show_their_progress_unless_asked_not_to(bundled, cache_dir, monkeypatch,
                                                            capfd):
    import paperviz
    from paperviz.embedding import Embedder

    monkeypatch.delenv("PAPERVIZ_QUIET")
    corpus = bundled.iloc[:250]
    paperviz.build_map(corpus, cache_dir=cache_dir)
    said = capfd.readouterr().err
    assert "Building the map, " in said and "umap" in said and "describe" in said
    texts = [f"A paper about topic number {i} and its many methods." for i in range(70)]
    Embedder(cache_dir=cache_dir).encode(texts)  # 70 new texts: a bar from the first
    assert "Embedding" in capfd.readouterr().err
    paperviz.build_map(corpus, cache_dir=cache_dir, show_progress=False)
    assert "Building the map" not in capfd.readouterr().err  # asked: quiet
    monkeypatch.setenv("PAPERVIZ_QUIET", "1")
    paperviz.build_map(corpus, cache_dir=cache_dir)
    assert capfd.readouterr().err == ""
