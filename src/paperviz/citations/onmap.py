"""Citations and people of a map's areas: what :class:`paperviz.PaperMap`'s ``cited``,
``coupling`` and ``people`` return, and the few leading works and people each area's
summary names (cards, ``areas.csv``, the map page)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from ..levels import levels_of
from ..mapdata import MapData
from .counts import area_links, cited_works
from .people import PEOPLE, authors_of, countries_of_papers, institutions_of, people_table
from .resolve import Citations, has_references, readable, resolve_references

__all__ = ["map_citations", "cited", "coupling", "people", "leaders", "citation_links",
           "NO_REFERENCES"]

NO_REFERENCES = ("this map's papers carry no cited references (no 'references' column, or "
                 "an empty one). Exports that carry them: Web of Science (plain text or "
                 "tab-delimited, 'Full Record and Cited References'), Scopus (CSV, RIS or "
                 "BibTeX with 'References'), OpenAlex JSON, Crossref JSON, PubMed XML.")
# What each of the summaries' leader lists (paperviz.columns.LEADER_COLUMNS) counts.
_COUNTS = {"top_authors": "author", "top_institutions": "institution",
           "top_countries": "country"}
_FINDERS = {"author": authors_of, "institution": institutions_of,
            "country": countries_of_papers}
_SOURCES = {"author": "authors", "institution": "affiliations", "country": "countries"}


def map_citations(data: MapData) -> Citations:
    """The works the map's papers cite, resolved across spellings; a ValueError naming
    the exports that carry references where the corpus has none."""
    if not has_references(data.papers):
        raise ValueError(NO_REFERENCES[0].upper() + NO_REFERENCES[1:])
    return resolve_references(data.papers)


def _inside(data: MapData, area, level: str | None) -> np.ndarray:
    """Whether each paper is in ``area`` (a name or number, see ``MapData.area_of``; None:
    every paper)."""
    if area is None:
        return np.ones(len(data.papers), dtype=bool)
    level, number = data.area_of(area, level)
    return (data.papers[level] == number).to_numpy()


def cited(data: MapData, citations: Citations, area=None, level: str | None = None,
          k: int = 10) -> pd.DataFrame:
    """The ``k`` works ``area``'s papers cite most (see
    :func:`paperviz.citations.cited_works`)."""
    return cited_works(citations, _inside(data, area, level), k)


def coupling(data: MapData, citations: Citations, level: str = "area",
             kind: str = "coupling") -> pd.DataFrame:
    """Area by area of ``level``, named, the coupling or co-citation of
    :func:`paperviz.citations.area_links` (areas by number order)."""
    if level not in data.levels:
        raise ValueError(f"level={level!r} is not one of this map's levels {data.levels}.")
    rows = data.summaries[data.summaries["level"] == level].sort_values("area")
    values = area_links(citations, data.papers[level].to_numpy(), rows["area"].tolist(), kind)
    names = pd.Index(rows["name"], name=level)
    return pd.DataFrame(values, index=names, columns=names.rename(None))


def people(data: MapData, area=None, by: str = "author", level: str | None = None,
           k: int = 10) -> pd.DataFrame:
    """The ``k`` leading authors, institutions or countries of ``area`` (None: the whole
    map; see :func:`paperviz.citations.people_table`)."""
    if by not in PEOPLE:
        raise ValueError(f"by={by!r}: choose one of {PEOPLE}.")
    source = _SOURCES[by]
    if source not in data.papers or not data.papers[source].astype("string").fillna(
            "").str.strip().ne("").any():
        raise ValueError(f"this map's papers have no {source!r}: people(by={by!r}) needs "
                         "them (exports from Web of Science, Scopus, PubMed, OpenAlex carry "
                         "authors and addresses).")
    cites = data.papers["cited_by"] if "cited_by" in data.papers else None
    return people_table(_FINDERS[by](data.papers), _inside(data, area, level), by, k, cites)


def _top_per_area(found: pd.DataFrame, labels: np.ndarray, k: int) -> dict[int, list[str]]:
    """Per area, the names of its ``k`` most frequent keys (by papers, then name), each in
    two of its papers at least."""
    if found.empty:
        return {}
    found = found.drop_duplicates(["row", "key"])
    found = found.assign(area=labels[found["row"].to_numpy()])
    spelled = (found.groupby(["key", "name"]).size().sort_values(ascending=False)
               .reset_index().drop_duplicates("key").set_index("key")["name"])
    counts = found.groupby(["area", "key"]).size().rename("n").reset_index()
    counts["name"] = counts["key"].map(spelled)
    counts = counts.sort_values(["area", "n", "name"], ascending=[True, False, True])
    counts = counts[counts["n"] > 1]  # two papers at least: no list of one-paper authors
    return {int(a): g["name"].head(k).tolist() for a, g in counts.groupby("area")}


def _top_cited(citations: Citations, labels: np.ndarray, k: int) -> dict[int, list[str]]:
    """Per area, its ``k`` most-cited works (by citing papers, then by the whole map's)."""
    areas = np.unique(labels[labels >= 0])
    out = {}
    matrix, overall = citations.matrix, citations.works["citing"].to_numpy()
    texts = citations.works["text"]
    for area in areas:
        counts = np.asarray(matrix[np.flatnonzero(labels == area)].sum(axis=0)).ravel()
        best = [i for i in np.lexsort((-overall, -counts))[:k] if counts[i] > 1]
        out[int(area)] = readable(texts.iloc[best]) if best else []
    return out


def leaders(data: MapData, k: int = 3) -> pd.DataFrame:
    """``data.summaries`` with, where the corpus carries them, each area's ``k``
    most-cited works, leading authors, institutions and countries (each named by two of its
    papers at least) (the list columns of :data:`paperviz.columns.LEADER_COLUMNS`);
    unchanged otherwise."""
    summaries = data.summaries.copy()
    papers = data.papers
    found = {}
    if has_references(papers):
        citations = resolve_references(papers)
        found["top_cited"] = lambda labels: _top_cited(citations, labels, k)
    for column, by in _COUNTS.items():
        if _SOURCES[by] in papers:
            rows = _FINDERS[by](papers)
            if not rows.empty:
                found[column] = lambda labels, rows=rows: _top_per_area(rows, labels, k)
    for column, finder in found.items():
        values = {}
        for level in levels_of(summaries):
            tops = finder(papers[level].to_numpy())
            values.update({(level, a): v for a, v in tops.items()})
        summaries[column] = [values.get((lv, int(a)), []) for lv, a in
                             zip(summaries["level"], summaries["area"], strict=True)]
    return summaries


def citation_links(citations: Citations) -> np.ndarray:
    """Pairs of rows ``(citing, cited)`` of the map's papers that cite each other."""
    inside = sparse.coo_matrix(citations.inside())
    return np.column_stack([inside.row, inside.col])
