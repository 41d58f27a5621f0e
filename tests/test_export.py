"""Papers out to reference managers: BibTeX, RIS, CSL-JSON and CSV that read back (with the
libraries Zotero's formats are read by, and with load_corpus) as the same papers."""

import json

import bibtexparser
import pandas as pd
import pytest
import rispy

from paperviz import PaperMap, from_dataframe, load_corpus
from paperviz.cli import main
from paperviz.export import citation_keys, export_papers

PAPERS = pd.DataFrame({
    "id": ["10.1000/alpha.1", "10.1000/beta.2", "2401.01234"],
    "title": ["Attention Is All You Need Again", "Graph Networks for Molecules: {A} Survey",
              "Attention Is All You Need Again, Revisited"],
    "abstract": ["We revisit attention, 100% of it, with braces {x} and a \\LaTeX{} command.",
                 "Molecules as graphs; a survey of message passing.",
                 "A second look at the same idea, by the same first author."],
    "authors": ["Ashish Vaswani; Noam Shazeer", "Doe, Jane; Roe, Richard", "Ashish Vaswani"],
    "year": ["2017", "2021-05-03", "2017"],
    "doi": ["10.1000/alpha.1", "10.1000/beta.2", ""],
    "url": ["https://example.org/a", "", "https://arxiv.org/abs/2401.01234"],
    "journal": ["NeurIPS", "Chemical Reviews", ""],
    "keywords": ["attention; transformers", "graph neural networks; chemistry", ""],
})


@pytest.fixture(scope="module")
def corpus():
    return from_dataframe(PAPERS)


def _same_papers(a: pd.DataFrame, b: pd.DataFrame) -> None:
    a, b = a.set_index("paper_id"), b.set_index("paper_id")
    assert sorted(a.index) == sorted(b.index)
    for column in [c for c in ("title", "abstract", "doi") if c in a]:
        assert a[column].fillna("").to_dict() == b.loc[a.index, column].fillna("").to_dict()


@pytest.mark.parametrize("suffix", [".bib", ".ris", ".json", ".csv"])
def test_every_format_loads_back_as_the_same_papers(corpus, tmp_path, suffix):
    path = export_papers(corpus, tmp_path / f"list{suffix}")
    back = load_corpus(path)
    _same_papers(corpus, back)
    assert back.set_index("paper_id").loc["10.1000/beta.2", "authors"] in (
        "Doe, Jane; Roe, Richard", "Jane Doe; Richard Roe")
    assert "graph neural networks" in back.set_index("paper_id").loc["10.1000/beta.2",
                                                                   "keywords"]


def test_bibtex_reads_back_with_bibtexparser_with_stable_keys(corpus, tmp_path):
    library = bibtexparser.parse_file(str(export_papers(corpus, tmp_path / "l.bib")))
    assert not library.failed_blocks and len(library.entries) == 3
    keys = [e.key for e in library.entries]
    # two papers share vaswani2017attention: both take a hash of their paper_id
    assert keys[0].startswith("vaswani2017attention-") and keys[2].startswith(
        "vaswani2017attention-") and keys[0] != keys[2]
    assert keys[1] == "doe2021graph"
    alone = citation_keys(corpus.iloc[[0, 1]].reset_index(drop=True))
    assert alone.tolist() == ["vaswani2017attention", "doe2021graph"]
    entry = library.entries[1]
    assert entry.entry_type == "article" and entry["journal"] == "Chemical Reviews"
    assert entry["author"] == "Doe, Jane and Roe, Richard" and entry["doi"] == "10.1000/beta.2"


def test_ris_and_csl_json_carry_the_fields_reference_managers_read(corpus, tmp_path):
    entries = rispy.load(export_papers(corpus, tmp_path / "l.ris"), encoding="utf-8")
    assert [e["title"] for e in entries] == corpus["title"].tolist()
    assert entries[1]["authors"] == ["Doe, Jane", "Roe, Richard"]
    assert entries[1]["doi"] == "10.1000/beta.2" and entries[0]["year"] == "2017"
    items = json.loads(export_papers(corpus, tmp_path / "l.json").read_text())
    items[1]["issued"]["date-parts"] = [[2021, 5, 3]]  # as Zotero writes a full date
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps(items))
    back = load_corpus(path).set_index("paper_id")
    assert back.loc["10.1000/beta.2", "date"] == "2021-05-03"
    assert back.loc["10.1000/beta.2", "year"] == 2021
    items = json.loads(export_papers(corpus, tmp_path / "l.json").read_text())
    assert items[1]["author"] == [{"family": "Doe", "given": "Jane"},
                                  {"family": "Roe", "given": "Richard"}]
    assert items[1]["issued"] == {"date-parts": [[2021]]} and items[1]["DOI"] == "10.1000/beta.2"
    assert items[0]["author"][0] == {"family": "Vaswani", "given": "Ashish"}


def test_a_bibtex_entry_goes_out_exactly_as_it_came_in(tmp_path):
    entry = ("@inproceedings{smith2020deep,\n  title = {Deep {L}earning for {C}ells},\n"
             "  author = {Smith, A. and Jones, B.},\n  booktitle = {Proc. CVPR},\n"
             "  year = 2020,\n  abstract = {Cells, segmented.},\n  note = {oral}\n}")
    source = tmp_path / "in.bib"
    source.write_text(entry + "\n")
    corpus = load_corpus(source)
    out = export_papers(corpus, tmp_path / "out.bib").read_text()
    assert entry in out
    _same_papers(corpus, load_corpus(tmp_path / "out.bib"))


def test_unknown_extensions_and_ids_are_refused(corpus, tmp_path, bundled_map):
    with pytest.raises(ValueError, match=r"\.bib, \.bibtex, \.ris, \.json, \.csv"):
        export_papers(corpus, tmp_path / "list.docx")
    with pytest.raises(ValueError, match="not on the map"):
        bundled_map.export(["no-such-paper"], tmp_path / "x.bib")
    with pytest.raises(ValueError, match="no area 'Underwater Basket Weaving'"):
        bundled_map.papers_of(areas="Underwater Basket Weaving")


def test_a_maps_area_and_search_export_and_load_back(bundled_map, tmp_path):
    name = bundled_map.summaries.query("level == 'area'")["name"].iloc[0]
    area = bundled_map.papers_of(areas=name)
    assert len(area) and (area["area_name"] == name).all()
    assert len(bundled_map.papers_of(areas=0)) == (bundled_map.papers["area"] == 0).sum()
    first = bundled_map.papers["area"].iloc[0]  # a numpy integer, as a user takes it
    assert (bundled_map.papers_of(areas=first)["area"] == first).all()
    found = bundled_map.search("graph neural networks", k=5)
    chosen = bundled_map.papers_of(found)
    assert chosen["paper_id"].tolist() == found["paper_id"].tolist()  # in the search's order
    back = load_corpus(bundled_map.export(area, tmp_path / "area.bib"))
    _same_papers(area[["paper_id", "title", "abstract"]], back)


def test_the_export_command(bundled_map, tmp_path, capsys):
    bundled_map.save(tmp_path / "saved")
    name = bundled_map.summaries.query("level == 'area'")["name"].iloc[1]
    assert main(["export", str(tmp_path / "saved"), "--area", name, "--search",
                 "language models", "--k", "3", "--out", str(tmp_path / "some.ris")]) == 0
    assert "Wrote 3 of the map's" in capsys.readouterr().out
    entries = rispy.load(tmp_path / "some.ris", encoding="utf-8")
    saved = PaperMap.load(tmp_path / "saved").papers.set_index("paper_id")
    assert len(entries) == 3 and all(saved.loc[e["id"], "area_name"] == name for e in entries)
    assert main(["export", str(tmp_path / "saved"), "--area", "Nowhere", "--out",
                 str(tmp_path / "x.bib")]) == 2
    assert "no area 'Nowhere'" in capsys.readouterr().err
