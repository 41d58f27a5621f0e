"""Every corpus format loads to the expected papers and ids; bad input gives a clear error
or a valid corpus whose report counts what was dropped."""

import json
import warnings

import pandas as pd
import pytest

from paperviz import CorpusError, load_corpus

BIBTEX = r"""
@article{doe2020,
  title = {Graph Neural Networks for {M}olecules},
  author = {Doe, Jane and Roe, Richard},
  year = {2020},
  abstract = {We study message passing on {\"o}rganic molecules.},
  doi = {10.1000/gnn.2020},
  keywords = {graphs, chemistry}
}
@inproceedings{roe2021,
  title = "Protein Folding at Scale",
  author = "Roe, Richard",
  year = 2021,
  url = {https://example.org/folding}
}
"""

RIS = """TY  - JOUR
TI  - Graph Neural Networks for Molecules
AU  - Doe, Jane
AU  - Roe, Richard
PY  - 2020
AB  - We study message passing on organic molecules.
DO  - 10.1000/gnn.2020
KW  - graphs
ER  -
TY  - CONF
TI  - Protein Folding at Scale
AU  - Roe, Richard
PY  - 2021
UR  - https://example.org/folding
ER  -
""".replace("ER  -\n", "ER  - \n")  # RIS wants the space after the dash

ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2401.00001v2</id>
    <published>2024-01-01T00:00:00Z</published>
    <title>Graph Neural Networks
      for Molecules</title>
    <summary>We study message passing on organic molecules with $O(n)$ cost.</summary>
    <author><name>Jane Doe</name></author>
    <author><name>Richard Roe</name></author>
    <category term="cs.LG"/><category term="q-bio.BM"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.00002v1</id>
    <published>2024-01-02T00:00:00Z</published>
    <title>Protein Folding at Scale</title>
    <summary>Folding proteins with transformers.</summary>
    <author><name>Richard Roe</name></author>
  </entry>
</feed>
"""

OPENALEX = {"results": [
    {"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1000/gnn.2020",
     "title": "Graph Neural Networks for Molecules", "publication_year": 2020,
     "abstract_inverted_index": {"We": [0], "study": [1], "message": [2], "passing.": [3]},
     "authorships": [{"author": {"display_name": "Jane Doe"}}]},
    {"id": "https://openalex.org/W2", "doi": None, "title": "Protein Folding at Scale",
     "publication_year": 2021, "abstract_inverted_index": None, "authorships": []},
]}


def test_bibtex(tmp_path):
    (tmp_path / "refs.bib").write_text(BIBTEX)
    df = load_corpus(tmp_path / "refs.bib")
    assert df["title"].tolist() == ["Graph Neural Networks for Molecules",
                                    "Protein Folding at Scale"]
    assert df["abstract"].iloc[0] == "We study message passing on örganic molecules."
    assert df["paper_id"].tolist() == ["10.1000/gnn.2020", "roe2021"]  # DOI, else the key
    assert df["authors"].iloc[0] == "Doe, Jane; Roe, Richard"  # as every format has it
    assert df["year"].tolist() == [2020, 2021] and df["doi"].iloc[0] == "10.1000/gnn.2020"
    assert df["has_abstract"].tolist() == [True, False]
    assert df["text"].iloc[1] == "Protein Folding at Scale"  # embedded from its title


def test_ris(tmp_path):
    (tmp_path / "refs.ris").write_text(RIS)
    df = load_corpus(tmp_path / "refs.ris")
    assert df["title"].tolist() == ["Graph Neural Networks for Molecules",
                                    "Protein Folding at Scale"]
    assert df["authors"].iloc[0] == "Doe, Jane; Roe, Richard"
    assert df["abstract"].iloc[0].startswith("We study")
    assert df["paper_id"].iloc[0] == "10.1000/gnn.2020"  # the DOI
    assert df["paper_id"].iloc[1].startswith("t")  # no DOI: a hash of the title


def test_arxiv_atom(tmp_path):
    (tmp_path / "query.xml").write_text(ATOM)
    df = load_corpus(tmp_path / "query.xml")
    assert df["paper_id"].tolist() == ["2401.00001", "2401.00002"]
    assert df["title"].iloc[0] == "Graph Neural Networks for Molecules"
    assert df["abstract"].iloc[0].endswith("with O(n) cost.")
    assert df["categories"].iloc[0] == "cs.LG q-bio.BM" and df["year"].iloc[0] == 2024
    assert df["url"].iloc[0] == "http://arxiv.org/abs/2401.00001v2"


def test_openalex(tmp_path):
    (tmp_path / "works.json").write_text(json.dumps(OPENALEX))
    df = load_corpus(tmp_path / "works.json")
    assert df["abstract"].tolist() == ["We study message passing.", ""]
    assert df["paper_id"].tolist() == ["10.1000/gnn.2020", "W2"]  # DOI, else the work id
    assert df["doi"].iloc[0] == "10.1000/gnn.2020"
    assert df["authors"].iloc[0] == "Jane Doe"


def test_sniffed_delimiter_bom_and_latin1(tmp_path):
    (tmp_path / "semi.csv").write_text("\ufefftitle;abstract\nA paper;Its abstract\n")
    assert load_corpus(tmp_path / "semi.csv")["abstract"].tolist() == ["Its abstract"]
    (tmp_path / "latin.csv").write_bytes("title,abstract\nCaf\xe9 study,R\xe9sum\xe9\n"
                                         .encode("latin-1"))
    with pytest.warns(UserWarning, match="Latin-1"):
        df = load_corpus(tmp_path / "latin.csv")
    assert df["title"].tolist() == ["Café study"]


def test_folder_and_glob_load_as_one_corpus(tmp_path):
    (tmp_path / "a.bib").write_text(BIBTEX)
    (tmp_path / "b.ris").write_text(RIS)
    (tmp_path / "notes.docx").write_text("ignored")
    df = load_corpus(tmp_path)
    report = df.attrs["load_report"]
    assert report["files"] == 2 and report["rows_read"] == 4
    assert len(df) == 2 and report["duplicates_merged"] == 2  # same DOI / same titles
    assert set(df["source"]) <= {"a.bib", "b.ris"}
    assert [r["file"].rsplit("/", 1)[-1] for r in report["per_file"]] == ["a.bib", "b.ris"]
    assert len(load_corpus(tmp_path / "*.bib")) == 2


def test_the_richer_duplicate_is_kept(tmp_path):
    (tmp_path / "a.bib").write_text(BIBTEX)
    (tmp_path / "c.csv").write_text("title,abstract\nProtein folding at scale!,"
                                    "A long abstract about folding proteins.\n")
    df = load_corpus(tmp_path)
    folding = df[df["title"].str.startswith("Protein")]
    assert len(folding) == 1 and folding["has_abstract"].iloc[0]


def test_drop_missing_abstract_is_counted(tmp_path):
    (tmp_path / "refs.bib").write_text(BIBTEX)
    df = load_corpus(tmp_path / "refs.bib", drop_missing_abstract=True)
    assert len(df) == 1
    assert df.attrs["load_report"]["dropped"] == {"no abstract (drop_missing_abstract=True)": 1}


# --- bad input ------------------------------------------------------------------------------


def test_a_csv_row_longer_than_its_header_is_kept_and_said(tmp_path):
    (tmp_path / "r.csv").write_text("title,abstract\nA,a\nB,b,extra,fields\nC,c\n")
    df = load_corpus(tmp_path / "r.csv")
    report = df.attrs["load_report"]
    assert df["title"].tolist() == ["A", "B", "C"]
    assert df["abstract"].iloc[1] == "b extra fields"  # the extra joined, nothing lost
    assert report["rows_read"] == 3 and report["dropped"] == {}
    assert report["per_file"][0]["repaired"] == {
        "a row 2 field(s) longer than the header, the extra joined into 'abstract'": 1}


def test_huge_abstract(tmp_path):
    big = "word " * 10_000_000  # 50 MB
    pd.DataFrame({"title": ["Huge"], "abstract": [big]}).to_parquet(tmp_path / "h.parquet")
    df = load_corpus(tmp_path / "h.parquet")
    assert len(df) == 1 and len(df["abstract"].iloc[0]) == len(big) - 1


def test_titles_with_markup_and_quotes_are_kept_as_text(tmp_path):
    titles = ['<script>alert("x")</script> Attacks', 'The "Quoted" and \'single\' paper']
    pd.DataFrame({"title": titles, "abstract": ["a", "b"]}).to_csv(tmp_path / "q.csv",
                                                                   index=False)
    assert load_corpus(tmp_path / "q.csv")["title"].tolist() == titles


def test_empty_abstract_column(tmp_path):
    (tmp_path / "e.csv").write_text("title,abstract\nOne,\nTwo,\n")
    df = load_corpus(tmp_path / "e.csv")
    assert df["title"].tolist() == ["One", "Two"] and not df["has_abstract"].any()
    assert df.attrs["load_report"]["without_abstract"] == 2


def test_folder_with_no_papers(tmp_path):
    (tmp_path / "readme.docx").write_text("x")
    with pytest.raises(CorpusError, match="no corpus files"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="matches no files"):
        load_corpus(tmp_path / "*.bib")


def test_bad_json_and_xml_name_the_file(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"title": "a"}\n{"title": \n')
    with pytest.raises(CorpusError, match=r"bad.jsonl: line 2"):
        load_corpus(tmp_path / "bad.jsonl")
    (tmp_path / "bad.xml").write_text("<feed><entry>")
    with pytest.raises(CorpusError, match=r"bad.xml.*XML"):
        load_corpus(tmp_path / "bad.xml")
    (tmp_path / "obj.json").write_text('{"a": 1, "b": 2}')
    with pytest.raises(CorpusError, match="obj.json.*list of paper records"):
        load_corpus(tmp_path / "obj.json")


def test_no_warning_for_clean_utf8(tmp_path):
    (tmp_path / "u.csv").write_text("title,abstract\nÜber alles,Straße\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_corpus(tmp_path / "u.csv")["title"].tolist() == ["Über alles"]
