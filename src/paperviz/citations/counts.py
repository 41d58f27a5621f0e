"""What a group of papers cites, and how groups draw on each other: the works an area
cites most (with their lift over the whole corpus), and area-by-area bibliographic coupling
(shared references) or co-citation (cited together), all on sparse matrices."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from .resolve import Citations, readable

__all__ = ["cited_works", "area_links", "KINDS"]

KINDS = ("coupling", "cocitation")


def cited_works(citations: Citations, inside: np.ndarray, k: int = 10) -> pd.DataFrame:
    """The ``k`` works the papers ``inside`` (a boolean per paper) cite most: ``reference``,
    ``citing`` (how many of them cite it), ``share`` (of them), ``lift`` (that share over
    the share of all papers citing it), ``doi``, ``year`` and ``paper_id`` (where the work
    is a paper of the corpus). Ties go to the work cited more over the whole corpus."""
    n_in = int(inside.sum())
    columns = ["reference", "citing", "share", "lift", "doi", "year", "paper_id"]
    if n_in == 0 or citations.matrix.shape[1] == 0:
        return pd.DataFrame(columns=columns)
    citing = np.asarray(citations.matrix[np.flatnonzero(inside)].sum(axis=0)).ravel()
    works = citations.works
    order = np.lexsort((np.arange(len(citing)), -works["citing"].to_numpy(), -citing))
    order = order[citing[order] > 0][:k]
    table = works.iloc[order][["doi", "year", "paper_id"]].reset_index(drop=True)
    table.insert(0, "reference", readable(works["text"].iloc[order]))
    table.insert(1, "citing", citing[order].astype(int))
    table.insert(2, "share", table["citing"] / n_in)
    overall = works["citing"].to_numpy()[order] / citations.matrix.shape[0]
    table.insert(3, "lift", table["share"].to_numpy() / overall)
    return table[columns]


def _members(labels: np.ndarray, areas: list[int]) -> sparse.csr_matrix:
    """Papers by areas, 1 where the paper is in the area (papers in none: no row entry)."""
    col = pd.Series(range(len(areas)), index=areas).reindex(labels).to_numpy()
    rows = np.flatnonzero(~np.isnan(col))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, col[rows].astype(int))),
                             shape=(len(labels), len(areas)))


def _cosine(counts: sparse.spmatrix) -> np.ndarray:
    """Row-by-row cosine of a non-negative matrix (0 for an empty row)."""
    product = (counts @ counts.T).toarray().astype(float)
    norm = np.sqrt(np.diag(product))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = product / np.outer(norm, norm)
    return np.nan_to_num(out)


def area_links(citations: Citations, labels: np.ndarray, areas: list[int],
               kind: str = "coupling") -> np.ndarray:
    """Area by area (in the order of ``areas``; ``labels`` each paper's area): with
    ``kind="coupling"`` bibliographic coupling, the cosine of the areas' counts of citing
    papers per work (1 for two areas citing the same works in the same proportions, 0 for
    two sharing none); with ``kind="cocitation"`` the cosine of how often each citing paper
    cites each area's papers (areas whose papers are cited together). Symmetric."""
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r}: choose one of {KINDS}.")
    members = _members(labels, areas)
    if kind == "coupling":
        counts = members.T @ citations.matrix  # areas by works
    else:
        counts = (citations.inside() @ members).T  # areas by citing papers
    return _cosine(sparse.csr_matrix(counts))
