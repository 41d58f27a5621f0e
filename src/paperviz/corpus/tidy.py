"""From raw records to papers: recognise the columns, clean the text, merge duplicates,
give every paper a stable id. Whatever is dropped is counted in the report."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..columns import RESERVED, set_apart
from .clean import clean_text
from .errors import CorpusError

__all__ = ["normalise", "deduplicate", "finish", "normalised_titles", "is_global_id",
           "scope_local_ids"]

_NAMES = {
    "title": ("title", "ti", "paper_title", "primary_title", "name", "display_name"),
    "abstract": ("abstract", "ab", "summary", "description", "abstract_text", "abstractnote",
                 "abstract note", "notes_abstract"),
    "authors": ("authors", "author", "au", "creators", "first_authors"),
    "year": ("year", "py", "date", "published", "publication_year", "publication year",
             "publication_date"),
    "url": ("url", "link", "ur", "pdf_url", "landing_page_url"),
    "doi": ("doi", "do"),
    "categories": ("categories", "subjects"),
}
# Keywords people gave the papers, from every column that holds them (author keywords,
# indexers' keywords, tags), joined into one ``keywords`` column: ``"; "``-separated.
_KEYWORD_NAMES = ("keywords", "kw", "author keywords", "index keywords", "keywords plus",
                  "tags", "manual tags", "automatic tags", "author_keywords", "keywords_plus")
# A paper's id: the first of these it has (per paper), else a hash of its title.
_ID_NAMES = ("paper_id", "arxiv_id", "doi", "id", "paperid", "openalex_id", "wos_id", "ut",
             "eid")
# Columns whose ids name one paper anywhere; any other id column's value does so only when it
# has the shape of such an id (see ``is_global_id``), else it means a row of its own file.
_GLOBAL_ID_NAMES = ("arxiv_id", "doi", "openalex_id", "wos_id", "ut", "eid")
_GLOBAL_SHAPES = {  # what an id of each kind looks like, wherever it stands
    "doi": r"10\.\d{4,9}/\S+",
    "arxiv_id": r"\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[a-z]{2})?/\d{7}(?:v\d+)?",
    "openalex_id": r"w\d{4,}",
    "wos_id": r"wos:\d{15}",
    "eid": r"2-s2\.0-\d{6,}",
}

def _find_column(df: pd.DataFrame, wanted: str | None, names: tuple[str, ...]) -> str | None:
    if wanted is not None:
        if wanted not in df.columns:
            raise CorpusError(f"column {wanted!r} not found; the columns are {list(df.columns)}.")
        return wanted
    lower = {str(c).strip().lower(): c for c in df.columns}
    return next((lower[n] for n in names if n in lower), None)


def normalised_titles(titles: pd.Series) -> pd.Series:
    """Titles lower-cased, with every run of other than letters and digits a single space:
    the key that finds the same paper written twice."""
    return titles.str.lower().str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()


def id_kinds(values: pd.Series) -> pd.Series:
    """The kind of each id by its shape: ``"doi"``, ``"arxiv_id"``, ``"openalex_id"``,
    ``"wos_id"`` or ``"eid"`` (Scopus) for one that names a paper anywhere, ``"local"`` for
    any other (it tells the rows of one file apart)."""
    values = values.astype("string").fillna("").str.strip()
    kinds = pd.Series("local", index=values.index, dtype=object)
    for kind, shape in _GLOBAL_SHAPES.items():
        kinds = kinds.where(~values.str.fullmatch(shape, case=False).fillna(False), kind)
    return kinds


def is_global_id(values: pd.Series) -> pd.Series:
    """Whether each id has the shape of one that names a paper anywhere (a DOI, an arXiv,
    OpenAlex, Web of Science or Scopus id), not just a row of one file."""
    return id_kinds(values) != "local"


def _one_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):  # OpenAlex's {"display_name": ...} and the like
        value = next((value[k] for k in ("display_name", "name", "term", "value")
                      if k in value), "")
    if isinstance(value, (list, tuple, np.ndarray)):  # Parquet's lists come as arrays
        return "; ".join(t for t in map(_one_text, list(value)) if t)
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _as_text(series: pd.Series) -> pd.Series:
    return series.map(_one_text)


def _keywords(raw: pd.DataFrame, columns: list) -> pd.Series:
    """Every paper's keywords from all of ``columns``, each once (first spelling kept, in
    order), ``"; "``-separated. A cell is split at semicolons, or at commas when it has none
    (BibTeX writes ``keywords = {a, b}``)."""
    def split(cell: str) -> list[str]:
        parts = cell.split(";") if ";" in cell else cell.split(",")
        return [" ".join(p.split()) for p in parts if p.strip()]

    cells = [_as_text(raw[c]) for c in columns]
    out = []
    for row in zip(*cells, strict=True):
        seen: dict[str, str] = {}
        for cell in row:
            for word in split(cell):
                seen.setdefault(word.lower(), word)
        out.append("; ".join(seen.values()))
    return pd.Series(out, index=raw.index, dtype=object)


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
    lower = {str(c).strip().lower(): c for c in raw.columns if c not in used}
    keyword_cols = [lower[n] for n in _KEYWORD_NAMES if n in lower]
    if keyword_cols:
        df["keywords"] = _keywords(raw, keyword_cols)
        used.update(keyword_cols)
    df["_source_id"], df["_id_kind"] = _source_ids(raw)
    rest = raw.drop(columns=[c for c in raw.columns if c in used or c in df
                             or c in ("paper_id", "has_abstract")])
    rest, renamed = set_apart(rest, RESERVED)
    if renamed:
        report["renamed"] = renamed
    df = pd.concat([df, rest], axis=1)
    if (title != title_raw.str.strip()).any():
        df["title_original"] = title_raw
    if (abstract != abstract_raw.str.strip()).any():
        df["abstract_original"] = abstract_raw
    df = df[~empty]
    report.update(papers=len(df), untitled=int(untitled.sum()))
    return df, report


def _source_ids(raw: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each row's first non-empty id among the ``_ID_NAMES`` columns ("" if none), and what
    kind of id it is: the column's name for ids that name a paper anywhere, ``"local"`` for
    one that only tells the rows of this file apart ("" for none)."""
    lower = {str(c).strip().lower(): c for c in raw.columns}
    ids = pd.Series("", index=raw.index, dtype=object)
    kinds = pd.Series("", index=raw.index, dtype=object)
    for name in reversed(_ID_NAMES):  # earlier names win
        if name in lower:
            value = _as_text(raw[lower[name]]).str.strip()
            value = value.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
            present = value != ""
            kind = (pd.Series(name, index=raw.index, dtype=object)
                    if name in _GLOBAL_ID_NAMES else id_kinds(value))
            ids, kinds = value.where(present, ids), kind.where(present, kinds)
    return ids, kinds


def scope_local_ids(df: pd.DataFrame, source: str) -> pd.DataFrame:
    """Ids that only tell the rows of one file apart, prefixed with that file's name
    (``"a.csv:1"``), so that row 1 of one export never meets row 1 of another."""
    local = df["_id_kind"] == "local"
    if not local.any():
        return df
    return df.assign(_source_id=df["_source_id"].where(~local, source + ":" + df["_source_id"]))


_REASONS = {"doi": "same DOI", "arxiv_id": "same arXiv id", "openalex_id": "same OpenAlex id",
            "wos_id": "same Web of Science id", "ut": "same Web of Science id",
            "eid": "same Scopus id",
            "local": "same id within one file", "title": "same title"}


def _dedup_keys(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """One key per paper and its kind: its DOI, else its source id (file-scoped when local),
    else its normalised title."""
    key = "t:" + normalised_titles(df["title"])
    kind = pd.Series("title", index=df.index, dtype=object)
    if "_source_id" in df:
        value = df["_source_id"].astype("string").fillna("").str.strip().str.lower()
        has = value != ""
        key = key.where(~has, "id:" + value)
        kind = kind.where(~has, df["_id_kind"])
    if "doi" in df:
        value = df["doi"].astype("string").fillna("").str.strip().str.lower()
        value = value.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
        key = key.where(value == "", "doi:" + value)
        kind = kind.where(value == "", "doi")
    return key, kind


def deduplicate(df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Merge the same paper read twice (same DOI, same global id, same id within one file,
    or the same normalised title), keeping the record with the longer abstract; returns the
    frame and the merges by reason, each with its count and up to three example titles."""
    order = np.argsort(-df["abstract"].str.len().to_numpy(), kind="stable")  # richer first
    keys, kinds = (s.to_numpy()[order] for s in _dedup_keys(df))
    by_key = pd.Series(keys).duplicated().to_numpy()
    first_by_id = order[~by_key]
    titles = normalised_titles(df["title"]).to_numpy()[first_by_id]
    by_title = pd.Series(titles).duplicated().to_numpy()
    kept = np.sort(first_by_id[~by_title])
    merged: dict[str, dict] = {}
    gone = [(kinds[by_key], order[by_key]), (np.full(by_title.sum(), "title"),
                                            first_by_id[by_title])]
    for reasons, rows in gone:
        for reason, row in zip(reasons, rows, strict=True):
            entry = merged.setdefault(_REASONS[reason], {"count": 0, "examples": []})
            entry["count"] += 1
            if len(entry["examples"]) < 3:
                entry["examples"].append(str(df["title"].iloc[row]))
    return df.iloc[kept], merged


def finish(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``paper_id``, ``text`` and ``has_abstract`` in front."""
    hashed = "t" + normalised_titles(df["title"]).map(
        lambda t: hashlib.sha1(t.encode()).hexdigest()[:12])
    source = df.pop("_source_id").astype("string").fillna("").str.strip()
    df = df.drop(columns="_id_kind")
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
