"""From raw records to papers: recognise the columns, clean the text, merge duplicates,
give every paper a stable id. Whatever is dropped is counted in the report."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from .clean import clean_text
from .errors import CorpusError

__all__ = ["normalise", "deduplicate", "finish"]

_NAMES = {
    "title": ("title", "ti", "paper_title", "primary_title", "name", "display_name"),
    "abstract": ("abstract", "ab", "summary", "description", "abstract_text", "abstractnote",
                 "abstract note", "notes_abstract"),
    "authors": ("authors", "author", "au", "creators", "first_authors"),
    "year": ("year", "py", "date", "published", "publication_year", "publication year",
             "publication_date"),
    "url": ("url", "link", "ur", "pdf_url", "landing_page_url"),
    "doi": ("doi", "do"),
    "categories": ("categories", "keywords", "kw", "tags", "subjects", "manual tags"),
}
# A paper's id: the first of these it has (per paper), else a hash of its title.
_ID_NAMES = ("paper_id", "arxiv_id", "doi", "id", "paperid", "openalex_id")

def _find_column(df: pd.DataFrame, wanted: str | None, names: tuple[str, ...]) -> str | None:
    if wanted is not None:
        if wanted not in df.columns:
            raise CorpusError(f"column {wanted!r} not found; the columns are {list(df.columns)}.")
        return wanted
    lower = {str(c).strip().lower(): c for c in df.columns}
    return next((lower[n] for n in names if n in lower), None)


def _norm_titles(titles: pd.Series) -> pd.Series:
    """Titles lower-cased, with every run of other than letters and digits a single space:
    the key that finds the same paper written twice."""
    return titles.str.lower().str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()


def _as_text(series: pd.Series) -> pd.Series:
    def one(value) -> str:
        if isinstance(value, (list, tuple)):
            return "; ".join(map(str, value))
        return "" if value is None or (isinstance(value, float) and value != value) else str(value)

    return series.map(one)


def normalise(raw: pd.DataFrame, path: Path, *, title_col, abstract_col):
    """Map columns, clean the text and drop empty rows (counted) for one file."""
    t_col = _find_column(raw, title_col, _NAMES["title"])
    a_col = _find_column(raw, abstract_col, _NAMES["abstract"])
    if t_col is None and a_col is None:
        raise CorpusError(
            f"{path}: found no title or abstract column. Columns found: {list(raw.columns)}. "
            "Rename them or pass title_col= and abstract_col=."
        )
    report: dict = {"file": str(path), "rows_read": len(raw) + raw.attrs.get("ragged_rows", 0),
                    "dropped": {}}
    if raw.attrs.get("ragged_rows"):
        report["dropped"]["malformed row (wrong number of fields)"] = raw.attrs["ragged_rows"]
    if raw.attrs.get("unparsed_entries"):
        report["dropped"]["unparsable BibTeX entry"] = raw.attrs["unparsed_entries"]
        report["rows_read"] += raw.attrs["unparsed_entries"]
    title_raw = _as_text(raw[t_col]) if t_col else pd.Series("", index=raw.index)
    abstract_raw = _as_text(raw[a_col]) if a_col else pd.Series("", index=raw.index)
    title, abstract = title_raw.map(clean_text), abstract_raw.map(clean_text)

    empty = (title == "") & (abstract == "")
    if empty.any():
        report["dropped"]["no title and no abstract"] = int(empty.sum())
    untitled = (title == "") & ~empty
    title = title.where(~untitled, abstract.str.slice(0, 80).str.rsplit(" ", n=1).str[0] + " …")

    df = pd.DataFrame({"title": title, "abstract": abstract})
    used = {t_col, a_col}
    for name in ("authors", "year", "url", "doi", "categories"):
        col = _find_column(raw, None, _NAMES[name])
        if col is not None and col not in used and name not in df:
            df[name] = _as_text(raw[col]) if raw[col].dtype == object else raw[col]
            used.add(col)
    df["_source_id"] = _source_ids(raw)
    rest = raw.drop(columns=[c for c in raw.columns if c in used or c in df
                             or c in ("paper_id", "text", "has_abstract")])
    df = pd.concat([df, rest], axis=1)
    if (title != title_raw.str.strip()).any():
        df["title_original"] = title_raw
    if (abstract != abstract_raw.str.strip()).any():
        df["abstract_original"] = abstract_raw
    df = df[~empty]
    report.update(papers=len(df), untitled=int(untitled.sum()))
    return df, report


def _source_ids(raw: pd.DataFrame) -> pd.Series:
    """Each row's first non-empty id among the ``_ID_NAMES`` columns ("" if none)."""
    lower = {str(c).strip().lower(): c for c in raw.columns}
    ids = pd.Series("", index=raw.index, dtype=object)
    for name in reversed(_ID_NAMES):  # earlier names win
        if name in lower:
            value = _as_text(raw[lower[name]]).str.strip()
            value = value.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
            ids = value.where(value != "", ids)
    return ids


def _dedup_keys(df: pd.DataFrame) -> pd.Series:
    """One key per paper: its DOI or arXiv id when it has one, else its normalised title."""
    key = "t:" + _norm_titles(df["title"])
    for col, prefix in (("_source_id", "id:"), ("doi", "doi:")):
        if col in df:
            value = df[col].astype("string").fillna("").str.strip().str.lower()
            value = value.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
            key = key.where(value == "", prefix + value)
    return key


def deduplicate(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Merge the same paper read twice (same id or DOI, or the same normalised title),
    keeping the record with the longer abstract; returns the frame and how many merged."""
    order = np.argsort(-df["abstract"].str.len().to_numpy(), kind="stable")  # richer first
    keys = _dedup_keys(df).to_numpy()[order]
    first_by_id = order[~pd.Series(keys).duplicated().to_numpy()]
    titles = _norm_titles(df["title"]).to_numpy()[first_by_id]
    kept = np.sort(first_by_id[~pd.Series(titles).duplicated().to_numpy()])
    return df.iloc[kept], len(df) - len(kept)


def finish(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``paper_id``, ``text`` and ``has_abstract`` in front."""
    hashed = "t" + _norm_titles(df["title"]).map(
        lambda t: hashlib.sha1(t.encode()).hexdigest()[:12])
    source = df.pop("_source_id").astype("string").fillna("").str.strip()
    ids = source.where(source != "", hashed)
    counts = ids.groupby(ids).cumcount()  # unique: number repeats in order
    ids = ids.where(counts == 0, ids + "-" + (counts + 1).astype(str))
    has_abstract = df["abstract"] != ""
    sep = df["title"].str.contains(r"[.?!:]$", regex=True).map({True: " ", False: ". "})
    text = (df["title"] + sep + df["abstract"]).where(has_abstract, df["title"])
    front = pd.DataFrame({"paper_id": ids.to_numpy(), "title": df["title"].to_numpy(),
                          "abstract": df["abstract"].to_numpy(), "text": text.to_numpy(),
                          "has_abstract": has_abstract.to_numpy()}, index=df.index)
    return pd.concat([front, df.drop(columns=["title", "abstract"])], axis=1)
