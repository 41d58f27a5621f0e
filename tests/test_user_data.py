"""The user's data is safe at loading: every paper of every file, their columns, exports in
the shapes real tools write them (Web of Science, Scopus, OpenAlex), refused when unreadable."""

import json

import pandas as pd
import pytest

from paperviz import CorpusError, load_corpus

# Web of Science, plain text: "FN"/"VR" header, two-letter tags, continuation lines indented
# by three spaces, "ER" after each record and "EF" at the end.
WOS_PLAIN = """\ufeffFN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Doe, J
   Roe, R
AF Doe, Jane
   Roe, Richard
TI Graph neural networks for
   organic molecules
SO JOURNAL OF CHEMICAL LEARNING
LA English
DT Article
DE graph neural networks; molecules; message
   passing
ID NETWORKS; PREDICTION
AB We study message passing on organic molecules and show that it
   predicts their properties.
C1 [Doe, Jane] Univ A, Dept Chem, Springfield, USA.
PY 2020
VL 12
DI 10.1000/gnn.2020
UT WOS:000123456700001
ER

PT J
AU Roe, R
AF Roe, Richard
TI Protein folding at scale
SO BIOINFORMATICS
DT Article
AB Folding proteins with transformers at the scale of whole proteomes.
PY 2021
UT WOS:000123456700002
ER

EF
"""

_TAGS = ["PT", "AU", "BA", "BE", "GP", "AF", "BF", "CA", "TI", "SO", "SE", "BS", "LA", "DT",
         "CT", "CY", "CL", "SP", "HO", "DE", "ID", "AB", "C1", "RP", "EM", "RI", "OI", "FU",
         "FX", "CR", "NR", "TC", "Z9", "U1", "U2", "PU", "PI", "PA", "SN", "EI", "BN", "J9",
         "JI", "PD", "PY", "VL", "IS", "PN", "SU", "SI", "MA", "BP", "EP", "AR", "DI", "D2",
         "EA", "PG", "WC", "SC", "GA", "UT", "PM", "OA", "HC", "HP", "DA"]


def _wos_tab() -> str:
    """Two records in the shape of WoS's "Tab-delimited (Win, UTF-8)" export: a row of tags,
    one row per record, every row ending in a tab."""
    rows = [{"PT": "J", "AU": "Doe, J; Roe, R", "AF": "Doe, Jane; Roe, Richard",
             "TI": "Graph neural networks for organic molecules",
             "SO": "JOURNAL OF CHEMICAL LEARNING", "DT": "Article",
             "DE": "graph neural networks; molecules; message passing",
             "ID": "NETWORKS; PREDICTION",
             "AB": 'We study "message passing" on organic molecules.', "PY": "2020",
             "DI": "10.1000/gnn.2020", "UT": "WOS:000123456700001", "DA": "2024-05-01"},
            {"PT": "J", "AU": "Roe, R", "AF": "Roe, Richard", "TI": "Protein folding at scale",
             "SO": "BIOINFORMATICS", "AB": "Folding proteins with transformers.",
             "PY": "2021", "UT": "WOS:000123456700002", "DA": "2024-05-01"}]
    lines = ["\t".join(_TAGS) + "\t"]
    lines += ["\t".join(r.get(t, "") for t in _TAGS) + "\t" for r in rows]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def _check_wos(df: pd.DataFrame) -> None:
    assert df["title"].tolist() == ["Graph neural networks for organic molecules",
                                    "Protein folding at scale"]
    assert df["abstract"].iloc[0].startswith("We study")
    assert df["authors"].iloc[0] == "Doe, Jane; Roe, Richard"
    assert df["authors_short"].iloc[0] == "Doe, J; Roe, R"  # kept, not dropped
    assert df["year"].astype(int).tolist() == [2020, 2021]
    assert df["doi"].iloc[0] == "10.1000/gnn.2020"
    assert df["paper_id"].tolist() == ["10.1000/gnn.2020", "WOS:000123456700002"]
    # the authors' keywords name areas; Keywords Plus, made by the database, stay apart,
    # in the case the corpus writes its words
    assert df["keywords"].iloc[0] == "graph neural networks; molecules; message passing"
    assert df["keywords_plus"].iloc[0] == "networks; prediction"
    assert df["venue"].tolist() == ["JOURNAL OF CHEMICAL LEARNING", "BIOINFORMATICS"]


@pytest.mark.parametrize("name", ["savedrecs.txt", "savedrecs.csv", "export"])
def test_web_of_science_plain_text_is_read_whatever_the_extension(tmp_path, name):
    (tmp_path / name).write_text(WOS_PLAIN)
    df = load_corpus(tmp_path / name, format=None if "." in name else "wos")
    _check_wos(df)
    assert df["abstract"].iloc[0].endswith("and show that it predicts their properties.")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_web_of_science_tab_delimited_is_read(tmp_path, encoding):
    (tmp_path / "savedrecs.txt").write_bytes(_wos_tab().encode(encoding))
    df = load_corpus(tmp_path / "savedrecs.txt")
    _check_wos(df)
    assert df["abstract"].iloc[0] == 'We study "message passing" on organic molecules.'
    assert "PT" in df.columns and "TI" not in df.columns  # other tags kept, known ones named


def test_a_text_file_that_is_no_listing_is_refused(tmp_path):
    (tmp_path / "titles.txt").write_text("A first paper\nA second paper\nA third one\n")
    with pytest.raises(CorpusError, match="not a paper listing.*list of titles"):
        load_corpus(tmp_path / "titles.txt")
    (tmp_path / "table.txt").write_text("title\tabstract\nA\tB\nC\tD\n")
    with pytest.raises(CorpusError, match="tabs.*format='tsv'"):
        load_corpus(tmp_path / "table.txt")


def test_numbered_exports_keep_every_paper(tmp_path):
    """Two exports each numbering its rows 1..n: row 1 of one is not row 1 of the other."""
    pd.DataFrame({"id": [1, 2], "title": ["Alpha paper", "Beta paper"],
                  "abstract": ["About alpha.", "About beta."]}).to_csv(tmp_path / "a.csv",
                                                                     index=False)
    pd.DataFrame({"id": [1, 2], "title": ["Gamma paper", "Beta paper"],
                  "abstract": ["About gamma.", "About beta, longer."]}).to_csv(
        tmp_path / "b.csv", index=False)
    df = load_corpus(tmp_path)
    assert sorted(df["title"]) == ["Alpha paper", "Beta paper", "Gamma paper"]
    report = df.attrs["load_report"]
    assert report["duplicates_merged"] == 1
    assert report["merged"] == {"same title": {"count": 1, "examples": ["Beta paper"]}}
    assert df["paper_id"].is_unique and set(df["paper_id"]) <= {"a.csv:1", "a.csv:2",
                                                                "b.csv:1", "b.csv:2"}
    assert sorted(df["id"].astype(int)) == [1, 1, 2]  # their own column, as it was
    # within one file, the same id is the same paper
    pd.DataFrame({"id": [7, 7], "title": ["Delta paper", "Delta paper, v2"],
                  "abstract": ["Short.", "A longer abstract."]}).to_csv(tmp_path / "c.csv",
                                                                      index=False)
    one = load_corpus(tmp_path / "c.csv")
    assert one["abstract"].tolist() == ["A longer abstract."]
    assert one.attrs["load_report"]["merged"]["same id within one file"]["count"] == 1


def test_a_file_that_numbers_each_years_papers_anew_loses_none(tmp_path):
    """IJCAI's lists of 2020-2023 number each year's papers from 1: 'paper69' is four
    papers. An id shared by papers whose titles have nothing in common is no duplicate
    (3,212 papers had become 863); the clashes are kept apart, counted, and given ids of
    their own."""
    pd.DataFrame({"id": ["paper1", "paper2", "paper1", "paper2", "paper1"],
                  "year": [2020, 2020, 2021, 2021, 2021],
                  "title": ["Spectral object segmentation", "Graph coloring heuristics",
                            "Auction design for ad markets", "Graph coloring heuristics",
                            "Spectral object segmentation, revised"],
                  "abstract": ["About video.", "About graphs.", "About auctions.",
                               "About graphs, a longer abstract.", "About video again."]}
                 ).to_csv(tmp_path / "ijcai.csv", index=False)
    df = load_corpus(tmp_path / "ijcai.csv")
    assert sorted(df["title"]) == ["Auction design for ad markets", "Graph coloring heuristics",
                                   "Spectral object segmentation, revised"]
    assert df["paper_id"].is_unique
    merged = df.attrs["load_report"]["merged"]
    assert merged["same id within one file"]["count"] == 2  # a revision, a repeat
    assert merged["same id within one file, other title: kept apart"]["count"] == 1
    assert df.attrs["load_report"]["duplicates_merged"] == 2


def test_global_ids_merge_across_files(tmp_path):
    pd.DataFrame({"id": ["2101.00001"], "title": ["Alpha"], "abstract": ["A."]}).to_csv(
        tmp_path / "a.csv", index=False)
    pd.DataFrame({"id": ["2101.00001"], "title": ["Alpha (revised)"],
                  "abstract": ["A longer one."]}).to_csv(tmp_path / "b.csv", index=False)
    df = load_corpus(tmp_path)
    assert df["paper_id"].tolist() == ["2101.00001"]
    assert df.attrs["load_report"]["merged"] == {
        "same arXiv id": {"count": 1, "examples": ["Alpha"]}}


def test_scopus_and_zotero_keywords_land_in_one_column(tmp_path):
    pd.DataFrame({"Title": ["A paper"], "Abstract": ["Its abstract."],
                  "Author Keywords": ["deep learning; Graphs"],
                  "Index Keywords": ["graphs; chemistry"], "EID": ["2-s2.0-85000000001"],
                  "Source": ["Scopus"]}).to_csv(tmp_path / "scopus.csv", index=False)
    df = load_corpus(tmp_path / "scopus.csv")
    assert df["keywords"].iloc[0] == "deep learning; Graphs"  # the authors' own
    assert df["index_keywords"].iloc[0] == "graphs; chemistry"  # Scopus's, apart
    assert df["paper_id"].iloc[0] == "2-s2.0-85000000001"
    pd.DataFrame({"Title": ["A paper"], "Abstract Note": ["Its abstract."],
                  "Manual Tags": ["reading; to cite"], "Automatic Tags": ["Graphs"]}).to_csv(
        tmp_path / "zotero.csv", index=False)
    assert load_corpus(tmp_path / "zotero.csv")["keywords"].iloc[0] == ("reading; to cite; "
                                                                        "Graphs")


def test_openalex_keywords_and_topics(tmp_path):
    works = {"results": [{"id": "https://openalex.org/W123", "title": "A paper",
                          "abstract_inverted_index": {"Words.": [0]},
                          "keywords": [{"id": "k1", "display_name": "Graph theory",
                                        "score": 0.6}],
                          "topics": [{"id": "T1", "display_name": "Molecular learning"}]}]}
    (tmp_path / "works.json").write_text(json.dumps(works))
    df = load_corpus(tmp_path / "works.json")
    assert df["keywords"].iloc[0] == "Graph theory; Molecular learning"


def test_source_columns_named_like_the_kits_are_kept_under_new_names(tmp_path):
    cols = {"title": ["A paper", "B paper"], "abstract": ["About A.", "About B."],
            "text": ["full text A", "full text B"], "source": ["lib", "web"],
            "area": ["chem", "bio"], "x": [1.5, 2.5], "field": ["f1", "f2"]}
    pd.DataFrame(cols).to_csv(tmp_path / "mine.csv", index=False)
    df = load_corpus(tmp_path / "mine.csv")
    report = df.attrs["load_report"]
    assert report["renamed"] == {"text": "corpus_text", "source": "corpus_source",
                                 "area": "corpus_area", "x": "corpus_x",
                                 "field": "corpus_field"}
    assert df["corpus_text"].tolist() == ["full text A", "full text B"]
    assert df["corpus_area"].tolist() == ["chem", "bio"]
    assert "area" not in df and "x" not in df


# --- the map keeps the user's columns --------------------------------------------------------

USER = ["field", "topic", "area", "x", "y", "weak", "level", "label", "text", "placed"]
RENAMED = {"field", "topic", "area", "x", "y", "weak", "text", "placed"}  # named like ours



def _user_values(n: int) -> dict:
    """A value per paper for each of ``USER``, different in every row, as a user's
    spreadsheet would hold them (their own field and topic names, their own coordinates)."""
    return {"field": [f"field {i % 3}" for i in range(n)],
            "topic": [f"topic {i}" for i in range(n)], "area": [f"a{i % 5}" for i in range(n)],
            "x": [i * 0.5 for i in range(n)], "y": [-i for i in range(n)],
            "weak": ["yes" if i % 2 else "no" for i in range(n)],
            "level": [i % 4 for i in range(n)], "label": [f"L{i}" for i in range(n)],
            "text": [f"my note {i}" for i in range(n)], "placed": [f"shelf {i}" for i in range(n)]}


@pytest.fixture(scope="module")
def user_corpus(bundled, tmp_path_factory):
    """The bundled papers in a CSV that also has columns named like the map's own."""
    frame = bundled[["title", "abstract"]].assign(**_user_values(len(bundled)))
    path = tmp_path_factory.mktemp("user") / "mine.csv"
    frame.to_csv(path, index=False)
    return load_corpus(path), frame


def _kept(papers: pd.DataFrame, frame: pd.DataFrame) -> None:
    """Every paper of ``papers`` carries its user values, under ``corpus_<name>`` where the
    name is one of the kit's, else under their own name."""
    expected = frame.set_index("title")
    got = papers.set_index("title")
    for name in USER:
        column = f"corpus_{name}" if name in RENAMED else name
        assert (got[column].astype(str) == expected.loc[got.index, name].astype(str)).all(), name


def test_a_corpus_with_the_maps_column_names_is_mapped_saved_placed_and_rebuilt(
        user_corpus, cache_dir, tmp_path):
    import paperviz

    corpus, frame = user_corpus
    assert corpus.attrs["load_report"]["renamed"] == {n: f"corpus_{n}" for n in USER
                                                      if n in RENAMED}
    built = paperviz.build_map(corpus.iloc[:-30].reset_index(drop=True), cache_dir=cache_dir)
    assert built.levels == ["area", "subarea"] == built.params["levels"]
    assert built.papers["area"].dtype.kind == "i" and "area_name" in built.papers
    _kept(built.papers, frame)
    built.save(tmp_path / "map")
    back = paperviz.PaperMap.load(tmp_path / "map")
    assert back.levels == ["area", "subarea"]
    _kept(back.papers, frame)
    finer = back.recluster(0)
    assert {"finer", "finer_name"} <= set(finer.columns)
    _kept(finer, frame)
    html = (tmp_path / "map" / "map.html").read_text()
    assert "Unassigned" not in html and len(back.figure().data) > 1
    placed = back.place(corpus.iloc[-30:].reset_index(drop=True))
    assert len(placed.papers) == len(corpus) and placed.papers["placed"].dtype == bool
    _kept(placed.papers, frame)
    placed.save(tmp_path / "map")  # onto itself
    again = paperviz.PaperMap.load(tmp_path / "map")
    _kept(again.papers, frame)
    rebuilt, walk = again.rebuild(cache_dir=cache_dir)
    assert len(rebuilt.papers) == len(corpus) and not walk.empty
    _kept(rebuilt.papers, frame)
    assert "corpus_corpus_area" not in rebuilt.papers  # kept apart once, not again


def test_build_map_sets_apart_columns_of_a_frame_made_by_hand(bundled, cache_dir):
    import paperviz

    frame = bundled.assign(field=["mine"] * len(bundled), area="my area")
    with pytest.warns(UserWarning, match="'field' -> 'corpus_field'"):
        pmap = paperviz.build_map(frame, cache_dir=cache_dir)
    assert pmap.params["renamed_columns"] == {"area": "corpus_area", "field": "corpus_field"}
    assert (pmap.papers["corpus_field"] == "mine").all() and "field_name" not in pmap.papers
    assert "corpus_field" not in frame and "x" not in frame  # the caller's frame untouched
    pmap.figure()  # the map of a corpus with a "field" column draws (it raised KeyError)


def test_placing_a_second_numbered_export_keeps_its_papers(bundled, cache_dir):
    """Papers of another export whose ids ("1", "2", ...) are on the map are other papers."""
    import paperviz

    first = paperviz.from_dataframe(bundled[["title", "abstract"]].iloc[:200].assign(
        id=[str(i) for i in range(200)]))
    second = paperviz.from_dataframe(bundled[["title", "abstract"]].iloc[200:220].assign(
        id=[str(i) for i in range(20)]))
    built = paperviz.build_map(first, cache_dir=cache_dir)
    placed = built.place(second)
    assert placed.placement["placed"] == 20 and placed.placement["ids_renamed"] == 20
    assert placed.papers["paper_id"].is_unique
    assert placed.place(first.iloc[:5]).placement["already_on_map"] == 5  # same id and title


# --- saves are whole or absent ---------------------------------------------------------------

_SLOW_SAVE = """
import sys, time
import numpy as np
import paperviz, paperviz.saved as saved
old = paperviz.PaperMap.load(sys.argv[1])
# another map: ten papers fewer, so that a mix of its files and the old one's shows
pmap = paperviz.PaperMap(papers=old.papers.iloc[:-10], summaries=old.summaries,
                         embeddings=old.embeddings[:-10], params={**old.params, "note": "new"})
real = np.save
def slow(*args, **kwargs):  # the vectors come after the papers: stop between the two
    print("writing", flush=True)
    time.sleep(120)
    return real(*args, **kwargs)
saved.np.save = slow
pmap.save(sys.argv[2])
"""


def test_a_save_killed_midway_leaves_the_old_map_whole(bundled_map, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    import paperviz

    source, target = tmp_path / "source", tmp_path / "target"
    bundled_map.save(source)
    bundled_map.save(target)
    (target / "my notes.txt").write_text("mine")
    child = subprocess.Popen([sys.executable, "-c", _SLOW_SAVE, str(source), str(target)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    back = paperviz.PaperMap.load(target)  # the old map, whole: no new file in it
    n = len(bundled_map.papers)
    assert "note" not in back.params and len(back.papers) == len(back.embeddings) == n
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    assert leftovers  # what the killed run wrote, beside the target, never inside it
    assert (target / "my notes.txt").read_text() == "mine"
    pmap = paperviz.PaperMap.load(source)
    pmap.params["note"] = "new"
    pmap.save(target)  # the next save clears what the killed run left
    assert paperviz.PaperMap.load(target).params["note"] == "new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    assert (target / "my notes.txt").read_text() == "mine"  # not the map's: kept


def test_a_map_saved_before_levels_were_recorded_loads_and_places(bundled_map, bundled,
                                                                   tmp_path):
    import paperviz

    bundled_map.save(tmp_path / "old")
    params = json.loads((tmp_path / "old" / "params.json").read_text())
    for key in ("levels", "asked"):
        params.pop(key)
    (tmp_path / "old" / "params.json").write_text(json.dumps(params))
    old = paperviz.PaperMap.load(tmp_path / "old")
    assert old.levels == ["area", "subarea"]
    placed = old.place(bundled.head(3).assign(paper_id=lambda d: d["paper_id"] + "-new"))
    assert placed.placement["placed"] == 3 and placed.papers["subarea_name"].notna().all()
    placed.save(tmp_path / "old")
    assert len(paperviz.PaperMap.load(tmp_path / "old").papers) == len(bundled) + 3


def test_without_a_one_step_swap_a_failed_save_puts_the_old_map_back(bundled_map, tmp_path,
                                                                     monkeypatch):
    """Where the system cannot swap two folders at once: two renames, and when the second
    fails the old map goes back under its name (it was left under a temporary one)."""
    import os

    import paperviz
    import paperviz.files as files

    target = tmp_path / "map"
    bundled_map.save(target)
    monkeypatch.setattr(files, "_exchange", lambda a, b: False)
    real, failed = os.rename, []

    def rename(src, dst):
        if str(dst) == str(target) and not failed:  # the new folder into place
            failed.append(src)
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(files.os, "rename", rename)
    small = paperviz.PaperMap(papers=bundled_map.papers.iloc[:-10],
                              summaries=bundled_map.summaries,
                              embeddings=bundled_map.embeddings[:-10], params=bundled_map.params)
    with pytest.raises(OSError, match="disk full"):
        small.save(target)
    assert failed and len(paperviz.PaperMap.load(target).papers) == len(bundled_map.papers)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    monkeypatch.setattr(files.os, "rename", real)
    small.save(target)  # two renames, when nothing fails
    assert len(paperviz.PaperMap.load(target).papers) == len(bundled_map.papers) - 10


def test_a_save_over_a_map_leaves_nothing_stale_and_refuses_other_folders(
        bundled_map, bundled, cache_dir, tmp_path):
    import paperviz

    with_fields = paperviz.build_map(bundled, cache_dir=cache_dir, n_fields=3)
    with_fields.save(tmp_path / "map")
    assert (tmp_path / "map" / "fields.csv").exists()
    bundled_map.save(tmp_path / "map")
    assert not (tmp_path / "map" / "fields.csv").exists()
    assert paperviz.PaperMap.load(tmp_path / "map").levels == ["area", "subarea"]
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "thesis.tex").write_text("mine")
    with pytest.raises(FileExistsError, match="holds files and no saved map.*thesis.tex"):
        bundled_map.save(tmp_path / "work")
    assert (tmp_path / "work" / "thesis.tex").read_text() == "mine"


def test_model_load_time_is_counted_in_the_call_that_loaded_it(bundled, cache_dir):
    import paperviz

    embedder = paperviz.Embedder(use_cache=False, show_progress=False)  # it must run the model
    first, second = {}, {}
    paperviz.build_map(bundled.iloc[:20], embedder=embedder, timings=first)
    paperviz.build_map(bundled.iloc[:20], embedder=embedder, timings=second)
    assert first["model load"] > 0 and first["embed"] > 0
    assert "model load" not in second and second["embed"] > 0  # nothing loaded the second time


def test_notes_in_a_folder_of_exports_are_skipped_and_reported(tmp_path):
    pd.DataFrame({"title": ["A paper"], "abstract": ["About it."]}).to_csv(tmp_path / "a.csv",
                                                                          index=False)
    (tmp_path / "README.txt").write_text("Exported from Zotero\nOn Monday\nBy me\n")
    with pytest.warns(UserWarning, match="skipped .*README.txt"):
        df = load_corpus(tmp_path)
    assert df["title"].tolist() == ["A paper"]
    assert list(df.attrs["load_report"]["skipped_files"]) == [str(tmp_path / "README.txt")]


def test_a_rebuild_keeps_the_sizes_the_user_chose(bundled, cache_dir):
    """graph_neighbors given by the user survives a rebuild; the ones left to the default
    are resolved again for the grown corpus."""
    import paperviz

    built = paperviz.build_map(bundled.iloc[:200].reset_index(drop=True), cache_dir=cache_dir,
                               graph_neighbors=7)
    assert built.params["graph_neighbors"] == 7
    asked = {k: built.params["asked"][k] for k in ("graph_neighbors", "min_area_size",
                                                    "map_neighbors")}
    assert asked == {"graph_neighbors": 7, "min_area_size": None, "map_neighbors": None}
    assert built.options.asked.graph_neighbors == 7 and built.options.min_area_size == 2
    grown = built.place(bundled.iloc[200:].reset_index(drop=True))
    rebuilt, _ = grown.rebuild(cache_dir=cache_dir)
    assert rebuilt.params["graph_neighbors"] == 7
    assert rebuilt.params["min_area_size"] == paperviz.MapOptions().resolved(
        len(bundled)).min_area_size
    again, _ = grown.rebuild(cache_dir=cache_dir, graph_neighbors=9)  # asked again: taken
    assert again.params["graph_neighbors"] == 9


def test_a_map_that_recorded_only_the_asked_sizes_reads_the_rest_as_resolved():
    """Maps saved by session 8's paperviz kept only the three sizes under "asked"."""
    from paperviz.options import MapOptions

    params = {**MapOptions(n_areas=4).resolved(500).to_dict(),
              "asked": {"graph_neighbors": None, "min_area_size": 3, "map_neighbors": None}}
    options = MapOptions.from_params(params)
    assert options.graph_neighbors == 22 and options.min_area_size == 5
    assert options.asked.graph_neighbors is None and options.asked.min_area_size == 3
    assert options.asked.n_areas == 4  # not recorded apart: asked as resolved
    assert options.asked.resolved(2000).graph_neighbors == 30  # a rebuild resolves again
