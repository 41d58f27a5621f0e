import json

import pandas as pd
import pytest
from conftest import BUNDLED

from paperviz import CorpusError, load_corpus

PAPERS = pd.DataFrame({
    "Title": ["Graph Neural Networks for Molecules", "A Study of {\\\"o}ptimal Transport"],
    "Abstract": ["We study GNNs on molecules.", "Transport &amp; <i>optimal</i> maps."],
    "year": [2020, 2021],
})


def test_bundled_corpus_has_255_papers_without_page_chrome(bundled):
    assert len(bundled) == 255
    assert bundled["title"].iloc[0] == (
        "Enabling First-Order Gradient-Based Learning for Equilibrium Computation in Markets"
    )
    for col in ("title", "abstract"):
        assert not bundled[col].str.contains("Get trending papers").any()
        assert not bundled[col].str.startswith("Subscribe").any()
    assert bundled["paper_id"].is_unique
    assert (bundled["abstract"] != "").all()
    assert bundled["text"].iloc[0].startswith(bundled["title"].iloc[0] + ". ")


def test_bundled_corpus_latex_is_cleaned(bundled):
    atari = bundled[bundled["abstract"].str.contains("train Atari in")]
    assert "~4 hours" in atari["abstract"].iloc[0]
    assert not bundled["abstract"].str.contains("scriptstyle").any()
    assert bundled["abstract"].str.contains("Böhm").any()
    assert "abstract_original" in bundled  # the text before cleaning stays available
    assert bundled["abstract_original"].str.contains("scriptstyle").any()


def _write(df: pd.DataFrame, path, fmt):
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "tsv":
        df.to_csv(path, index=False, sep="\t")
    elif fmt == "json":
        path.write_text(df.to_json(orient="records"))
    elif fmt == "json-under-key":
        path.write_text(json.dumps({"papers": json.loads(df.to_json(orient="records"))}))
    elif fmt == "jsonl":
        df.to_json(path, orient="records", lines=True)
    elif fmt == "parquet":
        df.to_parquet(path)


@pytest.mark.parametrize(
    "fmt,suffix",
    [("csv", ".csv"), ("tsv", ".tsv"), ("json", ".json"), ("json-under-key", ".json"),
     ("jsonl", ".jsonl"), ("parquet", ".parquet")],
)
def test_each_format_loads_the_same_papers(tmp_path, fmt, suffix):
    path = tmp_path / f"papers{suffix}"
    _write(PAPERS, path, fmt)
    df = load_corpus(path)
    assert df["title"].tolist() == ["Graph Neural Networks for Molecules",
                                    "A Study of öptimal Transport"]
    assert df["abstract"].tolist() == ["We study GNNs on molecules.", "Transport & optimal maps."]
    assert df["year"].astype(int).tolist() == [2020, 2021]  # other columns are kept
    assert df["paper_id"].is_unique
    # ids come from the title, so they survive re-ordering
    again = load_corpus(path)
    assert again["paper_id"].tolist() == df["paper_id"].tolist()


def test_source_ids_are_kept_and_duplicates_merged(tmp_path):
    df = pd.DataFrame({
        "id": ["2101.00001", "2101.00002", "2101.00003"],
        "title": ["Paper One", "Paper Two", "paper  one"],
        "abstract": ["short", "Two's abstract", "a longer abstract of paper one"],
    })
    path = tmp_path / "p.csv"
    df.to_csv(path, index=False)
    out = load_corpus(path)
    # two arXiv ids are two papers, however alike their titles: kept apart, and said
    assert len(out) == 3 and out.attrs["load_report"]["duplicates_merged"] == 0
    assert out.attrs["load_report"]["merged"]["same title, other DOI or id: kept apart"][
        "count"] == 1
    df.loc[2, "id"] = ""  # without an id of its own, the same title is the same paper
    df.to_csv(path, index=False)
    out = load_corpus(path)
    assert len(out) == 2 and out.attrs["load_report"]["duplicates_merged"] == 1
    one = out[out["title"].str.lower() == "paper one"].iloc[0]
    assert one["abstract"] == "a longer abstract of paper one"  # the richer copy is kept


def test_rows_without_text_are_counted_not_silently_lost(tmp_path):
    path = tmp_path / "p.csv"
    pd.DataFrame({"title": ["A", "", "C"], "abstract": ["x", "", ""]}).to_csv(path, index=False)
    out = load_corpus(path)
    report = out.attrs["load_report"]
    assert report["rows_read"] == 3 and report["papers"] == 2
    assert report["dropped"] == {"no title and no abstract": 1}
    assert report["without_abstract"] == 1
    assert out.loc[out["title"] == "C", "text"].iloc[0] == "C"


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope.csv")


def test_empty_file(tmp_path):
    (tmp_path / "e.csv").write_text("")
    with pytest.raises(CorpusError, match="empty"):
        load_corpus(tmp_path / "e.csv")


def test_table_without_title_or_abstract_lists_its_columns(tmp_path):
    pd.DataFrame({"name_of_thing": ["a"], "body": ["b"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(CorpusError, match=r"name_of_thing.*body"):
        load_corpus(tmp_path / "t.csv")


def test_column_override(tmp_path):
    pd.DataFrame({"heading": ["A title"], "body": ["text"]}).to_csv(tmp_path / "t.csv", index=False)
    df = load_corpus(tmp_path / "t.csv", title_col="heading", abstract_col="body")
    assert df["text"].tolist() == ["A title. text"]


def test_unknown_extension_and_binary_and_truncated_json(tmp_path):
    (tmp_path / "x.docx").write_text("hello")
    with pytest.raises(CorpusError, match="extension"):
        load_corpus(tmp_path / "x.docx")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(CorpusError, match="binary"):
        load_corpus(tmp_path / "b.txt")
    (tmp_path / "t.json").write_text('[{"title": "a", "abstract": "b"}, {"title": ')
    with pytest.raises(CorpusError, match="t.json"):
        load_corpus(tmp_path / "t.json")


def test_listing_chrome_only_is_an_error(tmp_path):
    path = tmp_path / "l.txt"
    path.write_text("Get trending papers in your email inbox!\n\n")
    with pytest.raises(CorpusError, match="no papers"):
        load_corpus(path)


def test_bundled_path_constant_points_at_data():
    assert BUNDLED.exists()
