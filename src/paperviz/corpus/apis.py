"""The JSON of the scholarly APIs, each record to one row in the corpus's common shape:
OpenAlex works (the abstract rebuilt from ``abstract_inverted_index``), Crossref works
(``message.items``) and Semantic Scholar Graph API papers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .countries import country_named
from .errors import CorpusError
from .source import read_text

__all__ = ["openalex_row", "semantic_scholar_row", "read_crossref"]


def openalex_row(record: dict) -> dict:
    """One OpenAlex work with its abstract rebuilt and its ids, authors, institutions,
    countries, times cited and cited works as the common columns."""
    work = {k: v for k, v in record.items() if not (isinstance(v, float) and v != v)}
    index = work.get("abstract_inverted_index") or {}
    positions = sorted((p, word) for word, ps in index.items() for p in ps)
    doi = (work.get("doi") or "").replace("https://doi.org/", "")
    authorships = work.get("authorships") or []
    authors = [(a.get("author") or {}).get("display_name", "") for a in authorships]
    places = [i.get("display_name", "") for a in authorships
              for i in a.get("institutions") or []]
    countries = [c for a in authorships for c in a.get("countries") or []]
    # one id per author, in order: the ORCID where there is one, else OpenAlex's own
    ids = [str((a.get("author") or {}).get("orcid") or (a.get("author") or {}).get("id")
               or "").rsplit("/", 1)[-1] for a in authorships]
    concepts = [c.get("display_name", "") for c in (work.get("concepts") or [])[:5]]
    keywords = [k.get("display_name", "") if isinstance(k, dict) else str(k)
                for k in [*(work.get("keywords") or []), *(work.get("topics") or [])]]
    source = ((work.get("primary_location") or {}).get("source") or {})
    return {
        "openalex_id": str(work.get("id") or "").rsplit("/", 1)[-1],
        "doi": doi, "title": work.get("title") or work.get("display_name") or "",
        "abstract": " ".join(word for _, word in positions),
        "authors": "; ".join(a for a in authors if a),
        "affiliations": "; ".join(dict.fromkeys(p for p in places if p)),
        "countries": "; ".join(dict.fromkeys(c for c in map(country_named, countries) if c)),
        "author_ids": "; ".join(ids) if all(ids) and authors else "",
        "year": work.get("publication_year"), "date": work.get("publication_date") or "",
        "url": work.get("doi") or work.get("id"), "venue": source.get("display_name") or "",
        "document_type": work.get("type") or "", "cited_by": work.get("cited_by_count"),
        "references": "; ".join(str(r).rsplit("/", 1)[-1]
                                for r in work.get("referenced_works") or []),
        "categories": "; ".join(concepts),
        "keywords": "; ".join(k for k in keywords if k),
    }


def semantic_scholar_row(record: dict) -> dict:
    """A Semantic Scholar Graph API paper with its DOI, authors, venue, times cited and
    references as the common columns."""
    out = {k: v for k, v in record.items()
           if k not in ("externalIds", "authors", "citations", "references")}
    ids = record.get("externalIds") or {}
    out.update(doi=ids.get("DOI", ""), arxiv_id=ids.get("ArXiv", ""),
               pmid=str(ids.get("PubMed", "") or ""),
               authors="; ".join(a.get("name", "") for a in record.get("authors") or []),
               cited_by=record.get("citationCount"))
    refs = [r for r in record.get("references") or [] if isinstance(r, dict)]
    if refs:
        out["references"] = "; ".join(r.get("title") or r.get("paperId") or "" for r in refs)
    return out


def _crossref_work(item: dict) -> dict:
    def first(key: str) -> str:
        value = item.get(key) or []
        return str(value[0]) if isinstance(value, list) and value else str(value or "")

    parts = ((item.get("issued") or item.get("published") or {}).get("date-parts")
             or [[None]])[0]
    references = item.get("reference") or []
    return {
        "doi": item.get("DOI", ""), "title": first("title"), "abstract": item.get("abstract",
                                                                                  ""),
        "authors": "; ".join(", ".join(p for p in (a.get("family"), a.get("given")) if p)
                             or a.get("name", "") for a in item.get("author") or []),
        "affiliations": "; ".join(dict.fromkeys(
            f.get("name", "") for a in item.get("author") or []
            for f in a.get("affiliation") or [] if f.get("name"))),
        "author_ids": "; ".join(str(a["ORCID"]).rsplit("/", 1)[-1]
                                for a in item.get("author") or [] if a.get("ORCID")),
        "date": "-".join(f"{int(p):02d}" for p in parts if p is not None),
        "venue": first("container-title"), "document_type": item.get("type", ""),
        "cited_by": item.get("is-referenced-by-count"), "url": item.get("URL", ""),
        "publisher": item.get("publisher", ""),
        "author_keywords": "; ".join(item.get("subject") or []),
        "references": "; ".join(" ".join(str(r.get(k)) for k in (
            "author", "year", "journal-title", "volume", "first-page") if r.get(k))
            + (f", DOI {r['DOI']}" if r.get("DOI") else "") if not r.get("unstructured")
            else str(r["unstructured"]) for r in references),
        "reference_dois": "; ".join(str(r["DOI"]).lower() for r in references
                                    if r.get("DOI")),
    }


def read_crossref(path: Path) -> pd.DataFrame:
    """Crossref REST API works: a work list (``message.items``), one work, or a list."""
    data = json.loads(read_text(path))
    message = data.get("message", data) if isinstance(data, dict) else data
    works = message.get("items", [message]) if isinstance(message, dict) else message
    if not works:
        raise CorpusError(f"{path}: a Crossref file with no works.")
    return pd.DataFrame([_crossref_work(w) for w in works])
