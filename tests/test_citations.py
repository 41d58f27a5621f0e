"""Citations and people: references read in each database's style and joined across
spellings into works, what an area cites most, area-by-area coupling, and the authors,
institutions and countries of each format's records, on the map and in what a user reads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_exports import MEDLINE, SCOPUS_HEADER, WOS, _scopus_row

from paperviz import load_corpus
from paperviz.citations import (
    area_links,
    authors_of,
    cited_works,
    countries_of_papers,
    institution,
    institutions_of,
    parse_references,
    people_table,
    readable,
    resolve_references,
)
from paperviz.show import read_map_figure


def test_each_database_style_is_read_into_its_parts():
    parsed = parse_references(pd.Series([
        "Blei DM, 2003, J MACH LEARN RES, V3, P993, DOI 10.1162/jmlr.2003.3.4-5.993",
        "Blei, D.M., Ng, A.Y., (2003) J. Mach. Learn. Res., 3, pp. 993-1022",
        "Blei D.M., Ng A.Y., Latent Dirichlet allocation, J Mach Learn Res, 3, pp. "
        "993-1022, (2003)",
        "J Mach Learn Res. 2003 Jan;3:993-1022",
        "W1880262756",
    ]))
    assert parsed["doi"].iloc[0] == "10.1162/jmlr.2003.3.4-5.993"
    assert parsed["surname"].tolist()[:3] == ["Blei"] * 3
    assert parsed["year"].tolist()[:4] == ["2003"] * 4
    assert parsed["page"].tolist()[:4] == ["993"] * 4
    assert parsed["volume"].tolist()[:4] == ["3"] * 4
    # the abbreviation, the dotted one and the full title give one source key
    assert parsed["work_key"].iloc[:3].nunique() == 1
    assert parsed["work_key"].iloc[0] == "blei d|2003|jmlr"
    assert parsed["doi_key"].iloc[4] == "w1880262756"


def _corpus(references: list[str], **columns) -> pd.DataFrame:
    return pd.DataFrame({"paper_id": [f"p{i}" for i in range(len(references))],
                         "title": [f"Paper {i}" for i in range(len(references))],
                         "references": references, **columns})


def test_spellings_of_one_work_are_joined_and_different_works_kept_apart():
    corpus = _corpus([
        "Blei DM, 2003, J MACH LEARN RES, V3, P993, DOI 10.1162/jmlr.2003.3.4-5.993; "
        "Smith J, 2010, NATURE, V465, P1",
        "BLEI DM, 2003, J MACH LEARN RES, V3, P993; Smith J, 2010, NATURE, V465, P77",
        "Blei David M, 2003, J MACH LEARN RES, V3; Smith J, 2010, NATURE, V465, P1",
        "Blei, D., 2003, JMLR, V3, P993, DOI 10.1162/JMLR.2003.3.4-5.993",
        "",
    ])
    found = resolve_references(corpus)
    # Blei (4 spellings: by DOI, by author-year-source), Smith P1 (2), Smith P77 apart
    assert found.report["references"] == 7 and found.report["spellings"] == 6
    assert found.report["works_by_doi"] == 5  # the DOI joins only the two written with it
    assert found.report["works"] == 3
    works = found.works.assign(reference=readable(found.works["text"])).set_index("reference")
    assert works.loc["Blei DM (2003) J Mach Learn Res", "citing"] == 4
    assert works.loc["Blei DM (2003) J Mach Learn Res", "doi"] == "10.1162/jmlr.2003.3.4-5.993"
    assert sorted(works["citing"]) == [1, 2, 4]
    assert found.matrix.shape == (5, 3) and found.matrix[4].sum() == 0


def test_a_cited_work_that_is_on_the_map_is_found_and_the_top_works_ranked():
    corpus = _corpus(["Doe A, 2019, NATURE, V1, P5, DOI 10.1000/a; Roe B, 2015, CELL, V2, P9",
                      "Roe B, 2015, CELL, V2, P9", "Roe B, 2015, CELL, V2, P9",
                      "Doe A, 2019, NATURE, V1, P5"],
                     doi=["10.1000/x", "10.1000/y", "10.1000/z", "10.1000/A"])
    found = resolve_references(corpus)
    inside = np.array([True, True, True, False])
    table = cited_works(found, inside, k=5)
    assert table.columns.tolist() == ["reference", "citing", "share", "lift", "doi", "year",
                                      "paper_id"]
    assert table["reference"].tolist() == ["Roe B (2015) Cell", "Doe A (2019) Nature"]
    assert table["citing"].tolist() == [3, 1]
    assert table["share"].iloc[0] == 1.0
    assert table["lift"].iloc[0] == pytest.approx(1 / (3 / 4))
    assert table["paper_id"].isna().tolist() == [True, False]
    assert table["paper_id"].iloc[1] == "p3"  # the cited DOI is paper p3's
    assert found.inside().nnz == 1  # p0 cites p3


def test_coupling_is_symmetric_and_zero_for_areas_that_share_no_reference():
    corpus = _corpus(["A a, 2001, J ONE, V1, P1; B b, 2002, J TWO, V1, P1",
                      "A a, 2001, J ONE, V1, P1", "B b, 2002, J TWO, V1, P1",
                      "C c, 2003, J SIX, V1, P1", "C c, 2003, J SIX, V1, P1; D d, 2004, X, V1"])
    found = resolve_references(corpus)
    labels = np.array([0, 0, 1, 2, 2])
    links = area_links(found, labels, [0, 1, 2])
    assert np.allclose(links, links.T)
    assert links[0, 2] == 0 and links[1, 2] == 0  # area 2 cites nothing the others cite
    assert 0 < links[0, 1] < 1 and np.allclose(np.diag(links), 1)
    with pytest.raises(ValueError, match="kind='bogus'"):
        area_links(found, labels, [0, 1, 2], kind="bogus")


def test_cocitation_counts_map_papers_cited_together():
    corpus = _corpus(["Roe B, 2015, CELL, V2, P9; Doe A, 2019, NATURE, V1, P5",
                      "Roe B, 2015, CELL, V2, P9; Doe A, 2019, NATURE, V1, P5", "", "", ""],
                     authors=["X, Y", "X, Z", "Roe, B", "Doe, A", "Poe, E"],
                     year=[2020, 2021, 2015, 2019, 2019],
                     venue=["Q", "Q", "Cell", "Nature", "Science"])
    found = resolve_references(corpus)
    assert found.works["paper_id"].notna().all()  # found by author, year and source
    links = area_links(found, np.array([0, 0, 1, 2, 3]), [1, 2, 3], kind="cocitation")
    assert links[0, 1] == pytest.approx(1.0) and links[0, 2] == 0 and links[2, 2] == 0


def test_authors_institutions_and_countries_of_each_format(tmp_path):
    (tmp_path / "savedrecs.txt").write_bytes(WOS.encode())
    (tmp_path / "pubmed.nbib").write_bytes(MEDLINE.encode())
    (tmp_path / "scopus.csv").write_text(SCOPUS_HEADER + "\n" + _scopus_row(1, 1) + "\n")
    wos, pubmed, scopus = (load_corpus(tmp_path / n) for n in
                           ("savedrecs.txt", "pubmed.nbib", "scopus.csv"))
    people = authors_of(wos)
    assert people["key"].tolist() == ["name:li w", "name:wang j", "name:li w"]
    assert institutions_of(wos)["name"].tolist() == ["Tsinghua Univ", "Stanford Univ"]
    assert countries_of_papers(wos)["name"].tolist() == ["China", "USA"]
    assert institutions_of(pubmed)["name"].tolist()[:2] == ["Mayo Clinic", "Charite"]
    assert countries_of_papers(pubmed)["name"].tolist()[:2] == ["USA", "Germany"]
    found = authors_of(scopus)  # Scopus gives an id per author, in order
    assert found["key"].tolist() == ["id:57201", "id:57301"]
    assert found["name"].tolist() == ["Liu W.", "Chen Y."]
    assert institutions_of(scopus)["name"].tolist() == ["Tsinghua Univ", "MIT"]


@pytest.mark.parametrize(("address", "expected"), [
    ("Dept Chem, Univ Hong Kong, Hong Kong, Peoples R China", "Univ Hong Kong"),
    ("Department of Surgery, King's College Hospital, London, UK.", "King's College Hospital"),
    ("Institute of Medical Science, University of Toronto, Toronto, Canada. Electronic "
     "address: a@b.ca.", "University of Toronto"),
    ("R Adams Cowley Shock Trauma Center, Baltimore, Maryland, USA.",
     "R Adams Cowley Shock Trauma Center"),
])
def test_the_institution_of_an_address(address, expected):
    assert institution(address) == expected


def test_one_person_across_spellings_and_ids():
    papers = pd.DataFrame({"authors": ["Aria, Massimo; Cuccurullo, Corrado", "Aria, M.",
                                       "Aria M.; Smith J.", "Wang, J", "Wang, J"],
                           "author_ids": ["Aria, Massimo/0000-0002-8517-9411", "", "", "",
                                          ""]})
    found = authors_of(papers)
    table = people_table(found, np.ones(5, dtype=bool), "author", 3)
    # the ORCID marks one paper's Aria; the others are joined by surname and initial
    assert table["author"].tolist()[0] in ("Aria, M.", "Aria M.")
    assert table["papers"].tolist()[:2] == [2, 2]
    assert set(found["key"]) >= {"id:0000-0002-8517-9411", "name:aria m", "name:wang j"}


def _cited_corpus(bundled: pd.DataFrame) -> pd.DataFrame:
    """The bundled listing's first 120 papers given references, addresses and times cited."""
    corpus = bundled.head(120).copy()
    n = len(corpus)
    shared = "Vaswani A, 2017, ADV NEUR IN, V30, DOI 10.5555/3295222.3295349"
    own = [chr(97 + i // 26) + chr(97 + i % 26) for i in range(n)]  # cited once each
    corpus["references"] = [shared + (f"; Own{own[i]} X, 2020, J {own[i]}, V1, P1" if i % 2
                                      else "")
                            if i % 3 else "Devlin J, 2019, P NAACL, V1, P4171" for i in range(n)]
    corpus["affiliations"] = ["Univ Oxford, Dept CS, Oxford, England" if i % 2 else
                              "Tsinghua Univ, Beijing, Peoples R China" for i in range(n)]
    corpus["countries"] = ["United Kingdom" if i % 2 else "China" for i in range(n)]
    corpus["cited_by"] = range(n)
    return corpus


def test_a_map_with_references_names_its_works_and_people(tmp_path, bundled, cache_dir):
    """The map's methods answer, the cards, the areas table and the map page name what
    each area cites and who works there."""
    import paperviz

    corpus = _cited_corpus(bundled)
    n = len(corpus)
    pmap = paperviz.build_map(corpus, cache_dir=cache_dir)
    top = pmap.cited(k=2)
    assert top["reference"].tolist() == ["Vaswani A (2017) Adv Neur In",
                                         "Devlin J (2019) P Naacl"]
    assert top["citing"].tolist() == [sum(1 for i in range(n) if i % 3),
                                      sum(1 for i in range(n) if not i % 3)]
    area = pmap.summaries.query("level == 'area'")["name"].iloc[0]
    assert len(pmap.cited(area, k=3)) >= 1
    countries = pmap.people(by="country")
    assert countries.columns.tolist() == ["country", "papers", "share", "lift", "cited_by"]
    assert set(countries["country"]) == {"China", "United Kingdom"}
    assert pmap.people(by="institution")["institution"].tolist()[0] in ("Univ Oxford",
                                                                      "Tsinghua Univ")
    links = pmap.coupling()
    assert np.allclose(links.to_numpy(), links.to_numpy().T) and links.index.name == "area"
    assert pmap.coupling_figure().data[0].type == "heatmap"
    assert {"top_cited", "top_countries", "top_institutions"} <= set(pmap.summaries.columns)
    assert "most cited: Vaswani A (2017)" in pmap.cards().text
    pmap.save(tmp_path / "cited")
    table = pd.read_csv(tmp_path / "cited" / "areas.csv")
    assert table["top_countries"].str.contains("China").any()
    labels = read_map_figure(tmp_path / "cited" / "map.html")["layout"]["annotations"]
    about = [a.get("hovertext", "") for a in labels]  # an area's label hover names them
    assert all("<b>Most cited</b>: " in text for text in about)
    assert all("Vaswani A (2017)" in text or "Devlin J (2019)" in text for text in about)
    assert all("<b>Countries</b>:" in text for text in about)
    again = paperviz.PaperMap.load(tmp_path / "cited")
    assert again.summaries["top_cited"].map(type).eq(list).all()


def test_a_corpus_without_references_or_addresses_looks_as_before(bundled_map, tmp_path):
    assert not {"top_cited", "top_authors", "top_institutions",
                "top_countries"} & set(bundled_map.summaries.columns)
    assert "most cited" not in bundled_map.cards().text
    with pytest.raises(ValueError, match="carry no cited references.*Web of Science"):
        bundled_map.cited()
    with pytest.raises(ValueError, match="no 'affiliations'"):
        bundled_map.people(by="institution")


def _openalex_work(n: int, abstract: str, orcid: str | None) -> dict:
    words = {w: [i] for i, w in enumerate(abstract.split())}
    return {"id": f"https://openalex.org/W10000{n}", "title": f"Malaria vectors {n}",
            "publication_year": 2020 + n, "abstract_inverted_index": words,
            "referenced_works": ["https://openalex.org/W99", f"https://openalex.org/W10000{1 - n}"],
            "authorships": [{"author": {"id": "https://openalex.org/A50001",
                                        "display_name": "Ana Silva" if n else "A. Silva",
                                        "orcid": orcid},
                             "institutions": [{"display_name": "Mahidol University",
                                               "country_code": "TH"}],
                             "countries": ["TH"]}]}


def test_openalex_works_one_a_line_give_people_and_references(tmp_path):
    import json

    page = ("Journal Volume 2 p. 283 A case R. Money Search for more papers by this author "
            "Share Full-text access")
    lines = [_openalex_work(0, "Anopheles larvae were sampled weekly", None),
             _openalex_work(1, page, None)]
    (tmp_path / "works.jsonl").write_text("\n".join(json.dumps(w) for w in lines))
    df = load_corpus(tmp_path / "works.jsonl")
    assert df["abstract"].tolist() == ["Anopheles larvae were sampled weekly", ""]
    assert df.attrs["load_report"]["per_file"][0]["abstracts_of_page_text"] == 1
    assert df["abstract_original"].iloc[1].startswith("Journal Volume 2")
    assert df["countries"].tolist() == ["Thailand", "Thailand"]
    # one person, written two ways, by OpenAlex's author id
    assert authors_of(df)["key"].tolist() == ["id:A50001", "id:A50001"]
    found = resolve_references(df)
    assert found.report["works"] == 3 and found.inside().nnz == 2  # they cite each other


def test_papers_sharing_references_are_neighbours_and_can_join_the_graph(bundled, cache_dir):
    import paperviz
    from paperviz.citations import coupled_neighbors, joined_neighbors

    found = resolve_references(_corpus(["A a, 2001, J ONE, V1, P1; B b, 2002, J TWO, V1, P1",
                                        "A a, 2001, J ONE, V1, P1; B b, 2002, J TWO, V1, P1",
                                        "A a, 2001, J ONE, V1, P1", "Z z, 1999, J SIX, V2"]))
    indices, distances = coupled_neighbors(found, k=2)
    assert indices[0].tolist() == [1, 2] and distances[0, 0] == pytest.approx(0.0, abs=1e-6)
    assert indices[3].tolist() == [-1, -1]  # shares nothing
    text = (np.array([[1, 2], [0, 2], [0, 1], [2, 1]]), np.full((4, 2), 0.3))
    joined = joined_neighbors(text, (indices, distances))
    assert joined[0][3].tolist() == [2, 1, 2, 2] and joined[0].min() >= 0

    corpus = _cited_corpus(bundled)
    pmap = paperviz.build_map(corpus, graph="text+citations", cache_dir=cache_dir)
    assert pmap.options.graph == "text+citations" and pmap.params["graph"] == "text+citations"
    with pytest.raises(ValueError, match="needs cited references"):
        paperviz.build_map(bundled.head(30), graph="text+citations", cache_dir=cache_dir)
    with pytest.raises(ValueError, match="graph='both'"):
        paperviz.MapOptions(graph="both").check(10)
