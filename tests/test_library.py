"""A researcher's library on the map: found by DOI, arXiv id or title, the rest placed,
ringed on the map, and suggestions of what is near it and not in it."""

import pandas as pd
import pytest

from paperviz import PaperMap, build_map, from_dataframe
from paperviz.cli import main
from paperviz.export import export_papers
from paperviz.library import match_library

NEW = [
    ("Protein structure prediction with geometric deep learning",
     "We predict the three-dimensional structure of proteins from their amino acid sequence "
     "with an equivariant graph network trained on solved structures, and compare it with "
     "template-based modelling on a benchmark of recent protein releases."),
    ("Sparse mixture-of-experts language models at low cost",
     "We train sparse mixture-of-experts transformers whose experts are chosen per token, "
     "and show that they reach the quality of dense language models at a fraction of the "
     "training compute, with a study of routing collapse and load balancing."),
]


@pytest.fixture(scope="module")
def with_dois(bundled):
    """The bundled corpus with a DOI for every paper, as a CSV-loaded corpus would have."""
    frame = bundled[["title", "abstract"]].assign(
        doi=[f"10.5555/bundled.{i}" for i in range(len(bundled))])
    return from_dataframe(frame)


@pytest.fixture(scope="module")
def library(with_dois, tmp_path_factory):
    """Ten papers as a Zotero export would hold them: 4 with DOIs (their titles written
    otherwise), 4 without (titles in other case and punctuation), 2 not in the corpus."""
    by_doi = with_dois.iloc[[0, 10, 20, 30]].assign(
        title=lambda d: d["title"].str.upper() + " (preprint)")
    by_title = with_dois.iloc[[40, 50, 60, 70]].assign(
        title=lambda d: d["title"].str.lower().str.replace(" ", "  ") + ".", doi="")
    new = pd.DataFrame(NEW, columns=["title", "abstract"]).assign(doi="")
    frame = pd.concat([by_doi, by_title], ignore_index=True)[["title", "abstract", "doi"]]
    rows = from_dataframe(pd.concat([frame, new], ignore_index=True))
    path = tmp_path_factory.mktemp("library") / "zotero.ris"
    export_papers(rows, path)
    return path, with_dois["paper_id"].iloc[[0, 10, 20, 30, 40, 50, 60, 70]].tolist()


@pytest.fixture(scope="module")
def library_map(with_dois, library, cache_dir):
    return build_map(with_dois, cache_dir=cache_dir, library=library[0])


def test_library_papers_are_found_by_doi_and_title_and_the_rest_placed(library_map, library):
    report = library_map.params["library"]
    assert report["found"] == {"doi": 4, "arxiv_id": 0, "title": 4}
    assert report["placed"] == 2 and report["library_papers"] == 10
    assert "8 found on the map" in report["message"]
    papers = library_map.papers
    assert papers["in_library"].sum() == 10
    assert set(papers.loc[papers["in_library"] & ~papers["placed"], "paper_id"]) == set(library[1])
    placed = papers[papers["placed"]]
    assert len(placed) == 2 and placed["in_library"].all()
    assert len(library_map.embeddings) == len(papers)


def test_matching_prefers_doi_then_arxiv_id_then_title():
    papers = from_dataframe(pd.DataFrame({
        "title": ["Deep nets for cells in microscopy", "A survey of graph networks", "Short"],
        "abstract": ["a", "b", "c"], "doi": ["10.1/x", "", ""],
        "url": ["", "https://arxiv.org/abs/2101.00001v3", ""]}))
    mine = from_dataframe(pd.DataFrame({
        "title": ["Something else entirely here", "another title for it", "short",
                  "DEEP NETS, FOR CELLS IN MICROSCOPY!"],
        "abstract": ["x", "y", "z", "w"], "doi": ["https://doi.org/10.1/X", "", "", ""],
        "url": ["", "http://arxiv.org/pdf/2101.00001.pdf", "", ""]}))
    rows, how = match_library(papers, mine)
    by_id = dict(zip(papers["title"], range(3), strict=True))
    assert list(how) == ["doi", "arxiv_id", "", "title"]  # one-word titles never match
    assert rows.tolist() == [by_id["Deep nets for cells in microscopy"],
                             by_id["A survey of graph networks"], -1,
                             by_id["Deep nets for cells in microscopy"]]


def test_the_map_rings_the_library_and_keeps_it_when_saved(library_map, tmp_path):
    names = [trace.name for trace in library_map.figure().data]
    assert "your library (10)" in names
    library_map.save(tmp_path / "saved")
    loaded = PaperMap.load(tmp_path / "saved")
    assert loaded.papers["in_library"].sum() == 10
    assert loaded.params["library"] == library_map.params["library"]


def test_a_rebuild_keeps_the_library_marked(library_map):
    rebuilt, _ = library_map.rebuild()
    mine = library_map.papers.loc[library_map.papers["in_library"], "paper_id"]
    assert set(rebuilt.papers.loc[rebuilt.papers["in_library"], "paper_id"]) == set(mine)
    assert rebuilt.params["library"] == library_map.params["library"]


def test_suggestions_are_near_the_library_and_never_in_it(library_map):
    table = library_map.suggest(k=2, near=2)
    mine = set(library_map.papers.loc[library_map.papers["in_library"], "paper_id"])
    assert len(table) and not set(table["paper_id"]) & mine
    assert table.groupby("area").size().max() <= 2
    library_titles = set(library_map.papers.loc[library_map.papers["in_library"], "title"])
    assert all(len(near) == 2 and set(near) <= library_titles for near in table["near_library"])
    # the first area listed holds the most library papers
    held = library_map.papers[library_map.papers["in_library"]]["area"].value_counts()
    assert held[table["area"].iloc[0]] == held.max()
    # each suggestion is at least as close to the library as the papers of its area left out
    emb = library_map.embeddings
    lib = emb[library_map.papers["in_library"].to_numpy()]
    area = table["area"].iloc[0]
    rest = library_map.papers[(library_map.papers["area"] == area)
                              & ~library_map.papers["in_library"]
                              & ~library_map.papers["paper_id"].isin(table["paper_id"])]
    if len(rest):
        best_rest = (emb[rest.index] @ lib.T).max()
        assert table[table["area"] == area]["similarity"].min() >= best_rest - 1e-6


def test_a_map_without_a_library_says_how_to_give_one(bundled_map):
    with pytest.raises(ValueError, match="library="):
        bundled_map.suggest()


def test_the_map_command_takes_a_library(with_dois, library, tmp_path, capsys):
    corpus_path = tmp_path / "corpus.csv"
    with_dois[["paper_id", "title", "abstract", "doi"]].to_csv(corpus_path, index=False)
    assert main(["map", str(corpus_path), "--library", str(library[0]),
                 "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "10 library papers: 8 found on the map (by DOI 4, arXiv id 0, title 4), 2 placed" \
        in out
    assert PaperMap.load(tmp_path / "out").papers["in_library"].sum() == 10


def test_a_library_paper_with_the_id_of_another_map_paper_is_placed_renamed_and_said(
        bundled, cache_dir):
    """Local ids ("1", "2") from two exports name different papers: the library's "1" is
    not the map's "1"; it is placed as "1-2", marked, and the report says so."""
    corpus = from_dataframe(bundled[["title", "abstract"]].head(60).assign(
        id=[str(i) for i in range(1, 61)]))
    mine = from_dataframe(pd.DataFrame({"id": ["1"], "title": [NEW[0][0]],
                                        "abstract": [NEW[0][1]]}))
    pmap = build_map(corpus, cache_dir=cache_dir, library=mine)
    papers = pmap.papers.set_index("paper_id")
    assert papers.loc["1-2", "in_library"] and papers.loc["1-2", "title"] == NEW[0][0]
    assert not papers.loc["1", "in_library"]  # the map's own paper "1" is another paper
    report = pmap.params["library"]
    assert report["placed"] == 1 and report["ids_renamed"] == 1
    assert "got a new one" in report["message"]
