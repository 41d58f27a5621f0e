"""The works a corpus cites, one per work however many ways it is spelled: the references
of every paper read (see :mod:`.references`), spellings joined into works by two rules, the
DOI first, then the same first author, year and source (the first letters of its words, so
``"J MATER CHEM"`` is ``"Journal of Materials Chemistry"``) where that names one work only
(no two DOIs or first pages under it), and a sparse paper-by-work matrix.

Measured on real exports (``benchmarks/citations.py``): docs/citations-and-people.md."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .people import author_names, person
from .references import name_key, parse_references, source_key

__all__ = ["Citations", "resolve_references", "has_references", "readable"]

_ID_COLUMNS = ("openalex_id", "pmid", "wos_id", "paper_id", "lens_id")


@dataclass(frozen=True)
class Citations:
    """A corpus's cited works: ``matrix`` (papers by works, 1 where the paper cites the
    work; sparse), ``works`` (a row a work: ``text`` as most of its citing papers write it
    (:func:`readable` makes it ``"Blei DM (2003) J Mach Learn Res"``), ``doi``, ``year``,
    ``citing`` how many papers cite it, ``spellings`` how many ways it is written, and
    ``paper_id`` where the work is itself a paper of the corpus), and ``report`` (how many
    spellings, and how many works after each rule)."""

    matrix: sparse.csr_matrix
    works: pd.DataFrame
    report: dict = field(default_factory=dict)

    def inside(self) -> sparse.csr_matrix:
        """Papers by papers: 1 where a paper cites another paper of the corpus."""
        on_map = self.works["row"].to_numpy()
        cols = np.flatnonzero(on_map >= 0)
        pick = sparse.csr_matrix((np.ones(len(cols)), (cols, on_map[cols])),
                                 shape=(self.matrix.shape[1], self.matrix.shape[0]))
        out = (self.matrix @ pick).tocsr()
        out.setdiag(0)
        out.eliminate_zeros()
        return out


def has_references(papers: pd.DataFrame) -> bool:
    """Whether the corpus carries cited references (a ``references`` column not all empty)."""
    return "references" in papers and bool(
        papers["references"].astype("string").fillna("").str.strip().ne("").any())


_VOWEL = re.compile("[AEIOUY]")
_ACRONYMS = {"USA", "UK", "IEEE", "ACM", "ACS", "AIP", "RSC", "SIAM", "EMBO", "BMC", "BMJ",
             "JAMA", "PLOS", "AI", "NY", "II", "III", "IV"}


def _readable_case(text: str) -> str:
    """A source Web of Science writes in capitals, in title case, its acronyms kept ("P NATL
    ACAD SCI USA" -> "P Natl Acad Sci USA"); one written otherwise as it is."""
    if text != text.upper():
        return text
    return " ".join(w if w in _ACRONYMS or (len(w) <= 3 and not _VOWEL.search(w))
                    else w.capitalize() for w in text.split())


def readable(texts: pd.Series) -> list[str]:
    """Each reference as a reader cites it: ``"Blei DM (2003) J Mach Learn Res"``, or the
    text as written (cut at 120 characters) where its parts are not known."""
    parsed = parse_references(texts)
    out = []
    for text, surname, given, year, source in zip(
            list(texts), *(parsed[c].astype(object).tolist()
                           for c in ("surname", "given", "year", "source")), strict=True):
        if isinstance(year, str) and isinstance(source, str) and source and surname:
            family = surname.title() if surname == surname.upper() else surname
            author = f"{family} {str(given or '').replace('.', '').replace(' ', '')}"
            out.append(f"{author.strip()} ({year}) {_readable_case(source)}")
        else:
            out.append(text if len(text) <= 120 else text[:117] + "…")
    return out


def _union(n: int, groups: list[np.ndarray]) -> np.ndarray:
    """Component labels of ``n`` items joined wherever they share a group id (-1: none)."""
    rows, cols = [], []
    for ids in groups:
        has = np.flatnonzero(ids >= 0)
        first = pd.Series(has).groupby(ids[has]).transform("first").to_numpy()
        rows.append(has)
        cols.append(first)
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _work_groups(parsed: pd.DataFrame) -> np.ndarray:
    """Group ids joining spellings by first author, year and source: the whole group where
    it holds at most one DOI and one first page; else only those sharing a page (or a DOI),
    the rest each a work of its own."""
    key = parsed["work_key"]
    has = key.notna().to_numpy()
    page = parsed["page"].where(parsed["page"].notna(), "doi:" + parsed["doi_key"])
    many = (parsed[has].groupby(key[has])[["doi_key", "page"]].nunique() > 1).any(axis=1)
    clear = has & ~key.map(many).eq(True).to_numpy(dtype=bool)  # NaN: a key of none
    pinned = has & ~clear & page.notna().to_numpy()
    full = key.where(clear, key + "|" + page.fillna("")).where(clear | pinned)
    return pd.factorize(full, use_na_sentinel=True)[0]


def _cells(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each reference of each paper: the paper's row, and the text."""
    lists = [[part.strip() for part in cell.split("; ") if part.strip()]
             if isinstance(cell, str) else [] for cell in column.astype(object).tolist()]
    rows = np.repeat(np.arange(len(lists)), [len(refs) for refs in lists])
    texts = np.array([ref for refs in lists for ref in refs], dtype=object)
    return rows, texts


def _on_the_map(papers: pd.DataFrame, n_works: int, keys: pd.DataFrame) -> np.ndarray:
    """The row of the corpus paper each work is (by DOI, id, or first author, year and
    source, where one paper only matches), else -1."""
    row = np.full(n_works, -1)
    n = np.arange(len(papers))
    by = {}
    if "doi" in papers:
        doi = papers["doi"].astype("string").str.lower().str.strip()
        by.update(dict(zip(doi.dropna(), n[doi.notna().to_numpy()], strict=True)))
    for col in _ID_COLUMNS:
        if col in papers:
            ids = papers[col].astype("string").str.lower().str.strip()
            by.update({k: v for k, v in zip(ids.dropna(), n[ids.notna().to_numpy()],
                                            strict=True) if k})
    hit = keys["doi_key"].map(by)
    firsts = papers["authors"].map(author_names) if "authors" in papers else None
    if firsts is not None and "year" in papers:
        venue = papers.get("J9", papers.get("venue", pd.Series("", index=papers.index)))
        own = [f"{name_key(*person(f[0]))}|{y}|{source_key(v)}" if f and pd.notna(y) else None
               for f, y, v in zip(firsts, papers["year"].astype("string"),
                                  venue.astype("string").fillna(""), strict=True)]
        own = pd.Series(own)
        unique = own[own.notna() & ~own.duplicated(keep=False)]
        hit = hit.fillna(keys["work_key"].map(dict(zip(unique, unique.index, strict=True))))
    found = hit.groupby(keys["work"]).first()
    row[found.index.to_numpy()] = found.fillna(-1).astype(int).to_numpy()
    return row


def _ids_written_out(works: pd.DataFrame, papers: pd.DataFrame) -> pd.Series:
    """Each work's text, a bare id (OpenAlex's ``W...``) of a corpus paper written as a
    reference to it is (``"Silva A, 2021, Malaria Journal"``), so a reader can tell it."""
    texts = works["text"].copy()
    bare = texts.str.fullmatch(r"\S+") & (works["row"] >= 0)
    for i in np.flatnonzero(bare.to_numpy()):
        paper = papers.iloc[int(works["row"].iloc[i])]
        names = author_names(paper.get("authors"))
        surname, given = person(names[0]) if names else ("", "")
        initials = "".join(w[0] for w in given.replace(".", " ").split())
        year = paper.get("year")
        where = paper.get("venue") or str(paper.get("title"))[:60]
        if pd.notna(year) and surname:
            texts.iloc[i] = f"{surname} {initials}, {int(year)}, {where}"
    return texts


def resolve_references(papers: pd.DataFrame, column: str = "references") -> Citations:
    """The works cited by ``papers`` (the ``"; "``-separated ``column``), each once however
    it is spelled (see the module's rules), as :class:`Citations`."""
    n = len(papers)
    if column not in papers:
        empty = pd.DataFrame(columns=["text", "doi", "year", "citing", "spellings",
                                      "paper_id", "row"])
        return Citations(sparse.csr_matrix((n, 0)), empty, {"references": 0})
    rows, texts = _cells(papers[column].reset_index(drop=True))
    codes, spellings = pd.factorize(texts)
    spellings = pd.Series(spellings)
    parsed = parse_references(spellings)
    by_doi = pd.factorize(parsed["doi_key"], use_na_sentinel=True)[0]
    doi_only = _union(len(spellings), [by_doi])
    work = _union(len(spellings), [by_doi, _work_groups(parsed)])
    n_works = int(work.max()) + 1 if len(work) else 0
    matrix = sparse.csr_matrix((np.ones(len(codes), dtype=np.float32), (rows, work[codes])),
                               shape=(n, n_works))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    uses = np.bincount(codes, minlength=len(spellings))
    parsed = parsed.assign(work=work, uses=uses, text=spellings)
    top = parsed.sort_values(["work", "uses"], ascending=[True, False]).drop_duplicates("work")
    works = pd.DataFrame({
        "text": top["text"].to_numpy(),
        "doi": parsed.groupby("work")["doi"].first().reindex(top["work"]).to_numpy(),
        "year": pd.array(pd.to_numeric(top["year"], errors="coerce"), dtype="Int64"),
        "citing": np.asarray(matrix.sum(axis=0)).ravel().astype(int),
        "spellings": np.bincount(work, minlength=n_works),
    })
    works["row"] = _on_the_map(papers.reset_index(drop=True), n_works, parsed)
    works["text"] = _ids_written_out(works, papers.reset_index(drop=True))
    ids = papers["paper_id"].astype(str).to_numpy() if "paper_id" in papers else None
    works["paper_id"] = pd.array([ids[r] if ids is not None and r >= 0 else None
                                  for r in works["row"]], dtype="string")
    report = {"references": len(codes), "spellings": len(spellings),
              "works_by_doi": int(doi_only.max()) + 1 if len(doi_only) else 0,
              "works": n_works, "on_the_map": int((works["row"] >= 0).sum())}
    return Citations(matrix, works, report)
