"""Every record of every database export comes through, with its own title: files written
in the shapes PubMed, IEEE Xplore, Scopus, SpringerLink, Dimensions and Web of Science
write (line ends, byte-order marks, stray quotes, repeated keys, extra fields), and the
common columns they carry (references, affiliations, countries, times cited, ids)."""

import warnings

import pandas as pd
import pytest

from paperviz import CorpusError, load_corpus

# PubMed's "PubMed" format (.nbib / .txt): four-letter tags padded to "XXXX- ", continuation
# lines indented by six spaces, a blank line between records; CR LF as PubMed writes it now.
MEDLINE = """PMID- 31000001
OWN - NLM
STAT- MEDLINE
DP  - 2019 Mar 15
TI  - Sleep architecture in progressive supranuclear palsy: a polysomnographic
      study.
LID - 10.1000/sleep.2019.1 [doi]
AB  - BACKGROUND: Sleep is disturbed in progressive supranuclear palsy. METHODS: We
      recorded 40 patients.
FAU - Doe, Jane
AU  - Doe J
AD  - Department of Neurology, Mayo Clinic, Rochester, MN, USA.
AUID- ORCID: 0000-0002-1825-0097
FAU - Roe, Richard
AU  - Roe R
AD  - Sleep Unit, Charite, Berlin, Germany. rroe@example.org.
LA  - eng
PT  - Journal Article
TA  - Sleep Med
JT  - Sleep medicine
MH  - Humans
MH  - *Polysomnography
MH  - Supranuclear Palsy, Progressive/*physiopathology
OT  - REM sleep
AID - 10.1000/sleep.2019.1 [doi]
AID - S1389-9457(19)00001-1 [pii]

PMID- 31000002
DP  - 2020 Jan-Feb
TI  - Melatonin for insomnia in older adults.
AB  - A trial of melatonin.
FAU - Poe, Edgar
AD  - Dept of Psychiatry, University of Oxford, Oxford, UK.
PT  - Randomized Controlled Trial
JT  - Journal of sleep research
MH  - *Sleep Initiation and Maintenance Disorders/drug therapy
MH  - Aged
""".replace("\n", "\r\n")

PUBMED_XML = """<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" "x.dtd">
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">31000001</PMID>
<Article><Journal><JournalIssue><PubDate><Year>2019</Year><Month>Mar</Month></PubDate>
</JournalIssue><Title>Sleep medicine</Title></Journal>
<ArticleTitle>Sleep architecture in <i>progressive</i> supranuclear palsy.</ArticleTitle>
<Abstract><AbstractText Label="BACKGROUND">Sleep is disturbed.</AbstractText>
<AbstractText Label="METHODS">We recorded 40 patients.</AbstractText></Abstract>
<AuthorList><Author><LastName>Doe</LastName><ForeName>Jane</ForeName>
<Identifier Source="ORCID">0000-0002-1825-0097</Identifier>
<AffiliationInfo><Affiliation>Mayo Clinic, Rochester, MN, USA.</Affiliation></AffiliationInfo>
</Author></AuthorList></Article>
<MeshHeadingList><MeshHeading><DescriptorName MajorTopicYN="Y">Polysomnography</DescriptorName>
</MeshHeading><MeshHeading><DescriptorName MajorTopicYN="N">Humans</DescriptorName>
</MeshHeading></MeshHeadingList></MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="pubmed">31000001</ArticleId>
<ArticleId IdType="doi">10.1000/sleep.2019.1</ArticleId></ArticleIdList>
<ReferenceList><Reference><Citation>Roe R. Sleep in PSP. Neurology. 2010.</Citation>
<ArticleIdList><ArticleId IdType="doi">10.1000/psp.2010</ArticleId></ArticleIdList></Reference>
</ReferenceList></PubmedData></PubmedArticle>
</PubmedArticleSet>
"""


def _check_pubmed(df: pd.DataFrame) -> None:
    first = df.iloc[0]
    assert first["title"].startswith("Sleep architecture in progressive supranuclear palsy")
    assert first["pmid"] == "31000001" and first["doi"] == "10.1000/sleep.2019.1"
    assert first["paper_id"] == "10.1000/sleep.2019.1"
    assert first["year"] == 2019 and first["date"].startswith("2019-03")
    assert first["author_ids"] == "0000-0002-1825-0097"
    assert first["countries"].startswith("USA")
    assert "Polysomnography" in first["keywords"]  # a major MeSH topic names areas
    assert "Humans" not in first["keywords"] and "Humans" in first["mesh"]  # a check tag


@pytest.mark.parametrize("name", ["pubmed-set.nbib", "pubmed-set.txt", "export"])
def test_pubmed_medline_is_read_whatever_the_extension(tmp_path, name):
    (tmp_path / name).write_bytes(MEDLINE.encode())
    df = load_corpus(tmp_path / name, format=None if "." in name else "medline")
    assert len(df) == 2
    _check_pubmed(df)
    first, second = df.iloc[0], df.iloc[1]
    assert first["title"].endswith("a polysomnographic study.")  # a continuation line
    assert first["authors"] == "Doe, Jane; Roe, Richard"
    assert first["countries"] == "USA; Germany"  # an e-mail after the address is no country
    assert first["keywords"] == ("REM sleep; Polysomnography; Progressive Supranuclear "
                                 "Palsy")  # the authors' own first; MeSH as people write it
    assert second["date"] == "2020-01" and second["countries"] == "United Kingdom"
    assert second["paper_id"] == "31000002"  # no DOI: the PubMed id
    report = df.attrs["load_report"]["per_file"][0]
    assert report["records_counted"] == report["rows_read"] == 2


def test_pubmed_xml(tmp_path):
    (tmp_path / "pubmed.xml").write_text(PUBMED_XML)
    df = load_corpus(tmp_path / "pubmed.xml")
    _check_pubmed(df)
    assert df["abstract"].iloc[0] == "Background: Sleep is disturbed. Methods: We recorded 40 " \
                                     "patients."
    assert df["references"].iloc[0] == "Roe R. Sleep in PSP. Neurology. 2010."
    assert df["reference_dois"].iloc[0] == "10.1000/psp.2010"


def test_a_record_the_parser_runs_together_is_said(tmp_path):
    """A MEDLINE file whose records lost the blank line between them: the parser reads one
    record where the text holds two, and the report and a warning say so."""
    (tmp_path / "p.txt").write_text("PMID- 1\nTI  - First paper.\nPMID- 2\nTI  - Second.\n")
    with pytest.warns(UserWarning, match="2 records counted in the file's text, 1 read"):
        df = load_corpus(tmp_path / "p.txt")
    assert df.attrs["load_report"]["per_file"][0]["count_mismatch"]


# IEEE Xplore's RIS: CR LF line ends, and between records "ER  - \r\n\n\r" (a stray CR
# before each "TY  -"), which rispy alone reads as one record.
IEEE_RIS = "".join(
    f"TY  - CONF\r\nTI  - Paper number {i}\r\nT2  - 2020 IEEE Conference\r\nSP  - 1\r\n"
    f"AU  - Doe, J.\r\nPY  - 2020\r\nAB  - Abstract {i} about robots.\r\n"
    f"DO  - 10.1109/conf.2020.{i}\r\nER  - \r\n\n\r" for i in range(25))

IEEE_CSV = (
    '"Document Title",Authors,"Author Affiliations","Publication Title",Date Added To Xplore,'
    '"Publication Year","Abstract","DOI","Author Keywords","IEEE Terms",Article Citation Count,'
    '"Reference Count",Document Identifier\n'
    '"GPU programming for Chapel","A. Hayashi; V. Sarkar","Georgia Institute of Technology '
    'Atlanta,Georgia,USA","2017 IEEE Workshop","26 Dec 2017","2017","We study GPUs.",'
    '"10.1109/x.2017.1","GPU; Chapel","Graphics processing units","12","30",'
    '"IEEE Conferences"\n'
    '"Power-aware scheduling","P. So","University of Victoria, Victoria, BC, Canada. email: '
    'p@uvic.ca","EUROCON 2007 - The International Conference on "Computer as a Tool"",'
    '"26 Dec 2007","2007","Scheduling under a power cap.","10.1109/x.2007.2","scheduling",'
    '"Power demand","3","10","IEEE Conferences"\n')


def test_ieee_xplore_ris_with_stray_carriage_returns_keeps_every_record(tmp_path):
    (tmp_path / "export.ris").write_bytes(IEEE_RIS.encode())
    df = load_corpus(tmp_path / "export.ris")
    assert len(df) == 25
    assert sorted(df["title"]) == sorted(f"Paper number {i}" for i in range(25))
    assert df["venue"].iloc[0] == "2020 IEEE Conference"


def test_ieee_xplore_csv_with_its_stray_quotes(tmp_path):
    (tmp_path / "export2023.csv").write_text(IEEE_CSV)
    df = load_corpus(tmp_path / "export2023.csv")
    assert df["title"].tolist() == ["GPU programming for Chapel", "Power-aware scheduling"]
    assert df["cited_by"].tolist() == [12, 3] and df["year"].tolist() == [2017, 2007]
    assert df["countries"].tolist() == ["USA", "Canada"]
    assert df["keywords"].iloc[0] == "GPU; Chapel"
    assert df["index_keywords"].iloc[0] == "Graphics processing units"
    assert df["venue"].iloc[1].startswith("EUROCON 2007")


SCOPUS_HEADER = ("Authors,Author(s) ID,Title,Year,Source title,Cited by,DOI,Link,Affiliations,"
                 "Abstract,Author Keywords,Index Keywords,Funding Details,Funding Text 1,"
                 "References,Document Type,Source,EID")


def _scopus_row(i: int, funding_texts: int) -> str:
    texts = ",".join(f'"Funded by grant {i}.{k}"' for k in range(funding_texts))
    return (f'"Liu W., Chen Y.","5720{i};5730{i}","Polymer paper {i}",2021,"Macromolecules",'
            f'{i},10.1021/ma.{i},https://www.scopus.com/x?eid=2-s2.0-8510{i},'
            f'"Dept Chem, Tsinghua Univ, Beijing, China; MIT, Cambridge, MA, United States",'
            f'"Abstract {i}.","conjugated polymers","Polymers","NSFC",{texts},'
            f'"Smith J., (2010) Nature, 465, p. 1. , DOI: 10.1038/nature09000; Doe A., (2012) '
            f'Science, 335, p. 2",Article,Scopus,2-s2.0-8510{i}')


def test_scopus_csv_rows_one_field_longer_than_the_header_are_kept_aligned(tmp_path):
    """A newer Scopus export under an older header: two funding-text fields where the
    header names one. Every row is kept, the columns after the shift read right."""
    rows = [_scopus_row(i, 2) for i in range(4)] + [_scopus_row(9, 1)]
    (tmp_path / "scopus.csv").write_bytes(("\ufeff" + SCOPUS_HEADER + "\n"
                                           + "\n".join(rows) + "\n").encode())
    df = load_corpus(tmp_path / "scopus.csv")
    assert len(df) == 5 and df.attrs["load_report"]["dropped"] == {}
    assert df["document_type"].tolist() == ["Article"] * 5  # read after the shift
    assert df["paper_id"].iloc[0] == "10.1021/ma.0"
    assert df["reference_dois"].iloc[0] == "10.1038/nature09000"
    assert df["references"].iloc[0].split("; ")[1] == "Doe A., (2012) Science, 335, p. 2"
    assert df["countries"].iloc[0] == "China; USA"
    assert df["author_ids"].iloc[0] == "57200;57300"
    assert df["cited_by"].tolist() == [0, 1, 2, 3, 9]
    assert "Funded by grant 0.1" in df["Funding Text 1"].iloc[0]


SCOPUS_BIB = """\ufeffScopus
EXPORT DATE: 08 July 2023

@ARTICLE{Liu2024,
\tauthor = {Liu, W. and Chen, Y.},
\ttitle = {First polymer paper},
\tyear = {2024},
\tjournal = {Macromolecules},
\tnote = {Cited by: 5},
\tfunding_details = {NSFC},
\tfunding_details = {MOST},
\tsource = {Scopus}
}

@ARTICLE{Liu2024,
\tauthor = {Liu, X.},
\ttitle = {Second polymer paper},
\tyear = {2024},
\tsource = {Scopus}
}
"""


def test_scopus_bibtex_repeated_keys_and_fields_keep_every_paper(tmp_path):
    (tmp_path / "scopus.bib").write_bytes(SCOPUS_BIB.encode())
    df = load_corpus(tmp_path / "scopus.bib")
    assert df["title"].tolist() == ["First polymer paper", "Second polymer paper"]
    assert df["paper_id"].tolist() == ["Liu2024", "Liu2024-2"]
    assert df["funding_details"].iloc[0] == "NSFC; MOST"
    report = df.attrs["load_report"]
    assert report["dropped"] == {} and report["per_file"][0]["repaired"]


def test_springerlink_and_dimensions_csv(tmp_path):
    (tmp_path / "SearchResults.csv").write_text(
        "Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,"
        "Item DOI,Authors,Publication Year,URL,Content Type\n"
        "Fuzzy sets in decision making,Soft Computing,,12,3,10.1007/s1,"
        "Araz R. AlievNigar T. Ismayilova,2019,http://link.springer.com/10.1007/s1,Article\n")
    df = load_corpus(tmp_path / "SearchResults.csv")
    assert df["title"].tolist() == ["Fuzzy sets in decision making"]
    assert df["venue"].iloc[0] == "Soft Computing" and df["document_type"].iloc[0] == "Article"
    (tmp_path / "dimensions.csv").write_text(
        '"About the data: Exported on Oct 14, 2025. Criteria: sleep. © 2025 Digital Science"\n'
        "Rank,Publication ID,DOI,PMID,Title,Abstract,Source title,PubYear,Times cited\n"
        '1,pub.1,10.1/a,123,Sleep and memory,"Sleep helps.",Nature,2024,7\n')
    df = load_corpus(tmp_path / "dimensions.csv")
    assert df["title"].tolist() == ["Sleep and memory"] and df["cited_by"].tolist() == [7]
    assert df.attrs["load_report"]["per_file"][0]["notes_above_header"].startswith("About")


WOS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AF Li, Wei
   Wang, Jun
TI Phase behavior of block copolymers
SO MACROMOLECULES
DE block copolymers; phase behavior
ID MONTE-CARLO-SIMULATION; DYNAMIC LIGHT-SCATTERING; DNA
AB We simulate the phase behavior of block copolymers and DNA mixtures.
C1 [Li, Wei; Wang, Jun] Tsinghua Univ, Dept Chem, Beijing 100084, Peoples R China.
   [Wang, Jun] Stanford Univ, Dept Chem, Stanford, CA 94305 USA.
CR Smith J, 2010, NATURE, V465, P1, DOI 10.1038/nature09000
   Doe A, 2012, SCIENCE, V335, P2
TC 42
PD DEC 24
PY 2012
DI 10.1021/ma.2012.1
UT WOS:000312345600001
ER

PT J
AF Li, Wei
TI Phase behavior of block copolymers
SO POLYMER
AB A second paper of the same title in another journal.
PD MAR
PY 2013
DI 10.1016/j.polymer.2013.1
UT WOS:000312345600002
ER

EF
"""


def test_web_of_science_symbols_written_out_are_symbols_again(tmp_path):
    """Web of Science writes a title's '·' as 'center dot' (a real export: 'Pt center dot
    center dot center dot Pt' for Pt···Pt), and a chemistry sub-area was named 'Center Dot
    Pt'."""
    text = WOS.replace("TI Phase behavior of block copolymers\nSO MACROMOLECULES",
                       "TI Pt center dot center dot center dot Pt stacking in block "
                       "copolymers\nSO MACROMOLECULES")
    (tmp_path / "savedrecs.txt").write_text(text)
    df = load_corpus(tmp_path / "savedrecs.txt")
    assert df.iloc[0]["title"] == "Pt\u00b7\u00b7\u00b7Pt stacking in block copolymers"


def test_web_of_science_years_keywords_references_and_countries(tmp_path):
    (tmp_path / "savedrecs.txt").write_bytes(("\ufeff" + WOS).encode())
    df = load_corpus(tmp_path / "savedrecs.txt")
    assert len(df) == 2  # one title, two DOIs: two papers
    assert df.attrs["load_report"]["merged"]["same title, other DOI or id: kept apart"][
        "count"] == 1
    assert df["year"].tolist() == [2012, 2013] and str(df["year"].dtype) == "Int64"
    assert df["date"].tolist() == ["2012-12-24", "2013-03"]
    assert (df["year"] >= 2013).tolist() == [False, True]
    first = df.iloc[0]
    assert first["keywords"] == "block copolymers; phase behavior"
    assert first["keywords_plus"] == "monte-carlo-simulation; dynamic light-scattering; DNA"
    assert first["affiliations"] == ("Tsinghua Univ, Dept Chem, Beijing 100084, Peoples R "
                                     "China.; Stanford Univ, Dept Chem, Stanford, CA 94305 USA.")
    assert first["countries"] == "China; USA"
    assert first["references"].split("; ")[1] == "Doe A, 2012, SCIENCE, V335, P2"
    assert first["reference_dois"] == "10.1038/nature09000"
    assert first["cited_by"] == 42


def test_an_unknown_column_gets_the_nearest_names(tmp_path):
    columns = {f"Column {i}": ["x"] for i in range(90)}
    pd.DataFrame({**columns, "Document Name": ["A paper"], "Summary Text": ["Its text."]}
                 ).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path / "t.csv", title_col="Document name")
    assert "Document Name" in str(caught.value) and "Column 42" not in str(caught.value)
    df = load_corpus(tmp_path / "t.csv", title_col="Document Name", abstract_col="Summary Text")
    assert df["title"].tolist() == ["A paper"]


def test_clean_utf8_exports_load_without_warnings(tmp_path):
    (tmp_path / "a.nbib").write_bytes(MEDLINE.encode())
    (tmp_path / "b.ris").write_bytes(IEEE_RIS.encode())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = load_corpus(tmp_path)
    assert len(df) == 27


@pytest.mark.parametrize("suffix", [".bib", ".ris", ".csv"])
def test_exports_keep_what_the_database_gave(tmp_path, suffix):
    from paperviz.export import export_papers

    (tmp_path / "savedrecs.txt").write_text(WOS)
    corpus = load_corpus(tmp_path / "savedrecs.txt")
    back = load_corpus(export_papers(corpus, tmp_path / f"list{suffix}"))
    first = back.set_index("doi").loc["10.1021/ma.2012.1"]
    assert first["cited_by"] == 42 and first["countries"] == "China; USA"
    assert first["reference_dois"] == "10.1038/nature09000"


def test_the_command_line_names_every_format_and_takes_column_names(tmp_path, capsys):
    from paperviz.cli import _parser

    helped = _parser().parse_args
    with pytest.raises(SystemExit):
        helped(["map", "--help"])
    shown = capsys.readouterr().out
    assert all(name in shown for name in ("medline", "PubMed", "IEEE Xplore", "Scopus",
                                          "Web of Science", "Dimensions", "SpringerLink"))
    args = helped(["map", "x.csv", "--title-col", "Name", "--abstract-col", "Text"])
    assert (args.title_col, args.abstract_col) == ("Name", "Text")


def test_the_hover_says_times_cited_where_the_export_gave_it(tmp_path):
    from paperviz.show.mapfigure import HOVER_FIELDS, hover_parts

    (tmp_path / "savedrecs.txt").write_text(WOS)
    corpus = load_corpus(tmp_path / "savedrecs.txt").assign(area_name="Block Copolymers")
    byline = hover_parts(corpus)[:, HOVER_FIELDS.index("byline")]
    assert "2012 · cited 42" in byline[0] and "cited" not in byline[1]
