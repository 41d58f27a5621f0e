"""From raw records to papers: recognise the columns, clean the text, merge duplicates,
give every paper a stable id. Whatever is dropped is counted in the report."""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..columns import RESERVED, set_apart
from .clean import clean_text
from .errors import CorpusError
from .shape import add_common_columns

__all__ = ["normalise", "deduplicate", "finish", "normalised_titles", "is_global_id",
           "scope_local_ids"]

_NAMES = {
    "title": ("title", "ti", "paper_title", "primary_title", "document title", "item title",
              "article title", "name", "display_name"),
    "abstract": ("abstract", "ab", "summary", "description", "abstract_text", "abstractnote",
                 "abstract note", "notes_abstract"),
    "authors": ("authors", "author", "au", "creators", "first_authors", "author full names"),
    "year": ("year", "py", "publication_year", "publication year", "pubyear"),
    "date": ("date", "published", "publication_date", "publication date", "date published",
             "issued", "cover date"),
    "url": ("url", "link", "ur", "pdf_url", "landing_page_url", "pdf link", "source linkout"),
    "doi": ("doi", "do", "item doi"),
    "categories": ("categories", "subjects"),
    "venue": ("venue", "source title", "publication title", "journal", "journal title",
              "container-title", "booktitle", "secondary_title", "journal_name",
              "source_title"),
    "document_type": ("document_type", "document type", "publication type", "content type",
                      "type_of_reference", "entry_type", "document identifier"),
    "cited_by": ("cited_by", "cited by", "times cited", "article citation count",
                 "citation count", "citationcount", "citations", "times-cited"),
    "references": ("references", "cited references", "cited_references"),
    "reference_dois": ("reference_dois",),
    "affiliations": ("affiliations", "author affiliations", "affiliation",
                     "authors (raw affiliation)", "author_address"),
    "countries": ("countries", "country", "country of research organization"),
    "author_ids": ("author_ids", "author(s) id", "author ids", "orcid", "orcids"),
    "pmid": ("pmid", "pubmed id", "pubmed_id"),
    "author_keywords": ("author_keywords", "author keywords"),
    "index_keywords": ("index_keywords", "index keywords", "ieee terms",
                       "inspec controlled terms", "mesh terms", "mesh_terms"),
}
# What a column of the common shape is for, in the order ``normalise`` looks for them.
_COMMON = tuple(n for n in _NAMES if n not in ("title", "abstract"))
# Keywords people gave the papers (the authors' keywords, tags, a table's own keywords, the
# major MeSH topics an indexer gave), joined into one ``keywords`` column, ``"; "``-separated,
# the authors' first. Keywords a database made (Keywords Plus, Scopus's index keywords, IEEE
# terms) stay in columns of their own.
_KEYWORD_NAMES = ("author_keywords", "author keywords", "keywords", "kw", "tags",
                  "manual tags", "automatic tags", "mesh_major")
# A paper's id: the first of these it has (per paper), else a hash of its title.
_ID_NAMES = ("paper_id", "arxiv_id", "doi", "id", "paperid", "openalex_id", "wos_id", "ut",
             "eid", "pmid")
# Columns whose ids name one paper anywhere; any other id column's value does so only when it
# has the shape of such an id (see ``is_global_id``), else it means a row of its own file.
_GLOBAL_ID_NAMES = ("arxiv_id", "doi", "openalex_id", "wos_id", "ut", "eid", "pmid")
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
            raise CorpusError(f"column {wanted!r} not found; the nearest are "
                              f"{nearest_columns(df.columns, wanted)} (of {len(df.columns)}).")
        return wanted
    lower = {str(c).strip().lower(): c for c in df.columns}
    return next((lower[n] for n in names if n in lower), None)


def nearest_columns(columns, wanted: str, n: int = 5) -> list[str]:
    """The ``n`` column names most like ``wanted`` (its spelling, or holding it)."""
    names = [str(c) for c in columns]
    lower = {name.lower(): name for name in names}
    holding = [name for name in names if wanted.lower() in name.lower()]
    close = [lower[c] for c in difflib.get_close_matches(wanted.lower(), list(lower), n, 0.4)]
    return list(dict.fromkeys(holding + close))[:n]


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


def _no_text_columns(raw: pd.DataFrame, path: Path) -> CorpusError:
    near = list(dict.fromkeys(nearest_columns(raw.columns, "title")
                              + nearest_columns(raw.columns, "abstract")))
    return CorpusError(
        f"{path}: found no title or abstract column among its {len(raw.columns)} columns "
        f"(the nearest: {near or list(raw.columns)[:8]}). Pass title_col= and abstract_col= "
        "(--title-col / --abstract-col), or rename them.")


def _file_report(raw: pd.DataFrame, path: Path) -> dict:
    """The report of one file before its rows are looked at: rows read, what its reader
    dropped (unparsable entries) and repaired."""
    report: dict = {"file": str(path), "format": raw.attrs.get("format", ""),
                    "rows_read": len(raw), "dropped": {}}
    if raw.attrs.get("unparsed_entries"):
        report["dropped"]["unparsable BibTeX entry"] = raw.attrs["unparsed_entries"]
        report["rows_read"] += raw.attrs["unparsed_entries"]
    if raw.attrs.get("repairs"):
        report["repaired"] = dict(raw.attrs["repairs"])
    if raw.attrs.get("notes"):
        report["notes_above_header"] = raw.attrs["notes"]
    return report


def _common_columns(raw: pd.DataFrame, df: pd.DataFrame, used: set) -> pd.DataFrame:
    """``df`` with the recognised columns of ``raw`` under the common shape's names, and
    ``keywords``; the columns taken are added to ``used``."""
    for name in _COMMON:
        col = _find_column(raw, None, _NAMES[name])
        if col is not None and col not in used and name not in df:
            df[name] = _as_text(raw[col]) if raw[col].dtype == object else raw[col]
            used.add(col)
    lower = {str(c).strip().lower(): c for c in raw.columns}
    keyword_cols = [lower[n] for n in _KEYWORD_NAMES if n in lower]
    if keyword_cols:
        df["keywords"] = _keywords(raw, keyword_cols)
        used.update(keyword_cols)
    return add_common_columns(df)


# An "abstract" that is a publisher's web page scraped whole (OpenAlex has them for some
# Wiley, Oxford and other journals' pages, with their links to each author's other works
# and each reference's PubMed and Google Scholar entries): in no real abstract.
_PUBLISHER_PAGE = (r"Search for more papers by this author|Share Full-text access|"
                   r"Please review our Terms and Conditions of Use|"
                   r"Search for other works by this author|PubMed Google Scholar")


def normalise(raw: pd.DataFrame, path: Path, *, title_col, abstract_col):
    """Map columns, clean the text and drop empty rows (counted) for one file."""
    t_col = _find_column(raw, title_col, _NAMES["title"])
    a_col = _find_column(raw, abstract_col, _NAMES["abstract"])
    if t_col is None and a_col is None:
        raise _no_text_columns(raw, path)
    report = _file_report(raw, path)
    title_raw = _as_text(raw[t_col]) if t_col else pd.Series("", index=raw.index)
    abstract_raw = _as_text(raw[a_col]) if a_col else pd.Series("", index=raw.index)
    title, abstract = title_raw.map(clean_text), abstract_raw.map(clean_text)
    page = abstract.str.contains(_PUBLISHER_PAGE, regex=True)
    if page.any():  # kept in abstract_original; the paper is mapped by its title
        abstract = abstract.where(~page, "")
        report["abstracts_of_page_text"] = int(page.sum())

    empty = (title == "") & (abstract == "")
    if empty.any():
        report["dropped"]["no title and no abstract"] = int(empty.sum())
    untitled = (title == "") & ~empty
    title = title.where(~untitled, abstract.str.slice(0, 80).str.rsplit(" ", n=1).str[0] + " …")

    used = {t_col, a_col}
    df = _common_columns(raw, pd.DataFrame({"title": title, "abstract": abstract}), used)
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


def _same_title(first: str, other: str) -> bool:
    """Could two normalised titles be one paper's (a revision: 'delta paper' and 'delta
    paper v2')? One's words hold the other's, or they share half their words."""
    a, b = set(first.split()), set(other.split())
    return a <= b or b <= a or len(a & b) >= 0.5 * len(a | b)


def _local_clashes(ids: pd.Series, titles: pd.Series) -> pd.Series:
    """True for each row whose file-local id an earlier row of another paper has: the same
    id, a title no revision of that row's (a file of several years numbering each year's
    papers from 1, as IJCAI's lists do)."""
    first = titles.groupby(ids).transform("first")
    return pd.Series([not _same_title(f, t) for f, t in zip(first, titles, strict=True)],
                     index=ids.index, dtype=bool)


def _dedup_keys(df: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """One key per paper and its kind: its DOI, else its source id (file-scoped when local;
    a local id that another paper of the file has too, with its title), else its
    normalised title; and which rows' local ids clashed."""
    titles = normalised_titles(df["title"])
    key = "t:" + titles
    kind = pd.Series("title", index=df.index, dtype=object)
    clash = pd.Series(False, index=df.index)
    if "_source_id" in df:
        value = df["_source_id"].astype("string").fillna("").str.strip().str.lower()
        has = value != ""
        local = has & (df["_id_kind"] == "local")
        if local.any():
            clash = _local_clashes(value[local], titles[local]).reindex(df.index,
                                                                       fill_value=False)
            value = value.where(~clash, value + "\t" + titles)
        key = key.where(~has, "id:" + value)
        kind = kind.where(~has, df["_id_kind"])
    if "doi" in df:
        value = df["doi"].astype("string").fillna("").str.strip().str.lower()
        value = value.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
        key = key.where(value == "", "doi:" + value)
        kind = kind.where(value == "", "doi")
        clash &= value == ""
    return key, kind, clash


def deduplicate(df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Merge the same paper read twice (same DOI, same global id, same id within one file,
    or the same normalised title), keeping the record with the longer abstract; returns the
    frame and the merges by reason, each with its count and up to three example titles
    (every title for the merges by title alone). Two records with different DOIs or
    database ids are never merged for sharing a title: they are counted apart."""
    order = np.argsort(-df["abstract"].str.len().to_numpy(), kind="stable")  # richer first
    keys, kinds, clash = _dedup_keys(df)
    keys, kinds = keys.to_numpy()[order], kinds.to_numpy()[order]
    by_key = pd.Series(keys).duplicated().to_numpy()
    first_by_id = order[~by_key]
    titles = pd.Series(normalised_titles(df["title"]).to_numpy()[first_by_id])
    has_id = pd.Series(kinds[~by_key]).isin([*_GLOBAL_ID_NAMES, "doi"]).to_numpy()
    shared = titles.duplicated().to_numpy()
    # in a group of one title, every record with its own id is kept; one without merges
    # into the group's first record with an id (else into the group's first record)
    group_has_id = pd.Series(has_id).groupby(titles).transform("any").to_numpy()
    by_title = ~has_id & (shared | group_has_id)
    df = _richer_abstracts(df, titles, first_by_id, has_id, by_title)
    kept = np.sort(first_by_id[~by_title])
    merged: dict[str, dict] = {}
    gone = [(kinds[by_key], order[by_key]), (np.full(by_title.sum(), "title"),
                                            first_by_id[by_title])]
    for reasons, rows in gone:
        for reason, row in zip(reasons, rows, strict=True):
            entry = merged.setdefault(_REASONS[reason], {"count": 0, "examples": []})
            entry["count"] += 1
            if len(entry["examples"]) < 3 or reason == "title":
                entry["examples"].append(str(df["title"].iloc[row]))
    if clash.any():
        merged["same id within one file, other title: kept apart"] = {
            "count": int(clash.sum()), "kept": True,
            "examples": df["title"][clash].astype(str).head(3).tolist()}
    apart = shared & has_id
    if apart.any():
        merged["same title, other DOI or id: kept apart"] = {
            "count": int(apart.sum()), "kept": True,
            "examples": [str(df["title"].iloc[r]) for r in first_by_id[apart][:3]]}
    return df.iloc[kept], merged


def _richer_abstracts(df: pd.DataFrame, titles: pd.Series, rows: np.ndarray,
                      has_id: np.ndarray, merged: np.ndarray) -> pd.DataFrame:
    """``df`` where a record kept for its id takes the abstract of a richer record of the
    same title merged into it (one without an id of its own)."""
    donors = pd.Series(rows[merged], index=titles[merged].to_numpy())
    takers = pd.Series(rows[has_id], index=titles[has_id].to_numpy())
    takers = takers[~takers.index.duplicated()]
    pairs = [(takers[t], d) for t, d in donors.items() if t in takers.index]
    if not pairs:
        return df
    df = df.copy()
    lengths = df["abstract"].str.len().to_numpy()
    column = df.columns.get_loc("abstract")
    for taker, donor in pairs:
        if lengths[donor] > lengths[taker]:
            df.iloc[taker, column] = df.iloc[donor, column]
    return df


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
