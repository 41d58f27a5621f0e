"""Papers as each other's neighbours by what they cite: for ``graph="text+citations"``, each
paper's papers that share most of its references (bibliographic coupling, the cosine of
their reference lists), added to the text's neighbour graph the areas are cut from."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .resolve import Citations

__all__ = ["coupled_neighbors", "joined_neighbors"]


def coupled_neighbors(citations: Citations, k: int, part: int = 2048
                      ) -> tuple[np.ndarray, np.ndarray]:
    """``(indices, distances)`` of each paper's ``k`` papers sharing most references
    (distance 1 - cosine of the binary reference lists); -1 and 1.0 where a paper shares
    references with fewer than ``k`` others."""
    matrix = sparse.csr_matrix(citations.matrix, dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scaled = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms),
                                    where=norms > 0)) @ matrix
    n = matrix.shape[0]
    indices = np.full((n, k), -1, dtype=np.int64)
    distances = np.ones((n, k), dtype=np.float32)
    transposed = scaled.T.tocsr()
    for lo in range(0, n, part):
        block = (scaled[lo:lo + part] @ transposed).tocsr()
        block.setdiag(0, k=lo)  # a paper is not its own neighbour
        block.eliminate_zeros()
        for row in range(block.shape[0]):
            start, end = block.indptr[row], block.indptr[row + 1]
            if start == end:
                continue
            cols, sims = block.indices[start:end], block.data[start:end]
            best = np.argsort(-sims, kind="stable")[:k]
            indices[lo + row, :len(best)] = cols[best]
            distances[lo + row, :len(best)] = 1.0 - sims[best]
    return indices, distances


def joined_neighbors(text: tuple[np.ndarray, np.ndarray],
                     cited: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The text's neighbours with the citation neighbours beside them (a missing citation
    neighbour is the paper's nearest text neighbour again, an edge it already has)."""
    (ti, td), (ci, cd) = text, cited
    missing = ci < 0
    ci = np.where(missing, ti[:, :1], ci)
    cd = np.where(missing, td[:, :1], cd)
    return np.hstack([ti, ci]), np.hstack([td, cd])
