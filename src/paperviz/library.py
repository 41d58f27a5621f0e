"""A researcher's own library (a Zotero export, a reading list) on the map of a corpus.

Each library paper is looked for among the map's papers by its DOI, then its arXiv id, then
its title (lower-cased, punctuation and spacing ignored; titles of three words or more). Map
papers found get ``in_library=True``; library papers not found are placed onto the map as
:mod:`paperviz.place` places new papers, and marked too. :func:`suggest` lists the papers
nearest the library that are not in it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .corpus import id_kinds, normalised_titles

__all__ = ["match_library", "library_report", "suggest"]

_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:v\d+)?(?:\.pdf)?$", re.I)


def _dois(papers: pd.DataFrame) -> pd.Series:
    """Each paper's DOI, lower-cased ("" when it has none): its ``doi``, else a DOI-shaped
    ``paper_id``."""
    ids = papers["paper_id"].astype(str)
    found = ids.where(id_kinds(ids) == "doi", "")
    if "doi" in papers:
        given = papers["doi"].astype("string").fillna("").str.strip()
        given = given.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
        found = given.where(given != "", found)
    return found.str.lower()


def _arxiv_ids(papers: pd.DataFrame) -> pd.Series:
    """Each paper's arXiv id without its version ("" when it has none): from an
    arXiv-shaped ``paper_id`` or ``arxiv_id``, else an arxiv.org ``url``."""
    ids = papers["paper_id"].astype(str)
    found = ids.where(id_kinds(ids) == "arxiv_id", "")
    if "arxiv_id" in papers:
        own = papers["arxiv_id"].astype("string").fillna("").str.strip()
        found = own.where(own != "", found)
    if "url" in papers:
        from_url = papers["url"].astype("string").fillna("").str.extract(_ARXIV_URL)[0]
        found = found.where(found != "", from_url.fillna(""))
    return found.str.lower().str.replace(r"v\d+$", "", regex=True)


def _titles(papers: pd.DataFrame) -> pd.Series:
    titles = normalised_titles(papers["title"].astype(str))
    return titles.where(titles.str.count(" ") >= 2, "")  # three words or more


def match_library(papers: pd.DataFrame, library: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For each library paper, the row of ``papers`` that is the same paper (-1 when none)
    and how it was found (``"doi"``, ``"arxiv_id"``, ``"title"`` or ``""``)."""
    rows = np.full(len(library), -1)
    how = np.full(len(library), "", dtype=object)
    for kind, keys in (("doi", _dois), ("arxiv_id", _arxiv_ids), ("title", _titles)):
        on_map = keys(papers)
        row_of = pd.Series(np.arange(len(papers)), index=on_map.to_numpy())
        row_of = row_of[row_of.index != ""]
        row_of = row_of[~row_of.index.duplicated()]
        wanted = keys(library).to_numpy()
        hit = (rows < 0) & (wanted != "") & np.isin(wanted, row_of.index.to_numpy())
        rows[hit] = row_of[wanted[hit]].to_numpy()
        how[hit] = kind
    return rows, how


def library_report(how: np.ndarray, placed: int, far: int, renamed: int = 0) -> dict:
    """What matched and what was placed (and how many placed papers had the id of another
    paper on the map, so got ``<id>-2``), for ``params["library"]`` and for reading."""
    found = {kind: int((how == kind).sum()) for kind in ("doi", "arxiv_id", "title")}
    n = len(how)
    message = (f"{n} library papers: {sum(found.values())} found on the map (by DOI "
               f"{found['doi']}, arXiv id {found['arxiv_id']}, title {found['title']}), "
               f"{placed} placed onto it" + (f", {far} of them far from every paper of the "
                                              "map (shown, in no area)" if far else "")
               + (f"; {renamed} placed papers had the id of another paper on the map and "
                  "got a new one (<id>-2)" if renamed else ""))
    return {"library_papers": n, "found": found, "placed": placed, "far": far,
            "ids_renamed": renamed, "message": message}


def suggest(papers: pd.DataFrame, embeddings: np.ndarray, k: int = 5,
            near: int = 3) -> pd.DataFrame:
    """Per area, the ``k`` papers not in the library nearest to it (by their highest
    cosine to a library paper), with the ``near`` library papers each is closest to; areas
    ordered by how many library papers they hold, then by size."""
    if "in_library" not in papers or not papers["in_library"].any():
        raise ValueError("this map has no library: build it with build_map(corpus, "
                         "library=...) or `paperviz map CORPUS --library LIB`.")
    if k < 1 or near < 1:
        raise ValueError(f"k={k} and near={near}: give 1 or more.")
    mine = np.flatnonzero(papers["in_library"].to_numpy(dtype=bool))
    others = np.flatnonzero(~papers["in_library"].to_numpy(dtype=bool))
    sims = np.asarray(embeddings[others]) @ np.asarray(embeddings[mine]).T
    best = sims.max(axis=1)
    closest = np.argsort(-sims, axis=1)[:, :near]
    titles = papers["title"].astype(str).to_numpy()[mine]
    table = papers.iloc[others][["paper_id", "title", "area", "area_name"]].assign(
        similarity=best,
        near_library=[list(titles[row]) for row in closest])
    held = papers.iloc[mine]["area"].value_counts()
    size = papers["area"].value_counts()
    table = table.assign(_held=table["area"].map(held).fillna(0),
                         _size=table["area"].map(size))
    table = table.sort_values(["_held", "_size", "area", "similarity"],
                              ascending=[False, False, True, False])
    return table.groupby("area", sort=False).head(k).drop(columns=["_held", "_size"])
