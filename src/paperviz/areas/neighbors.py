"""Nearest neighbours of each paper by cosine similarity, shared by the layout and the areas."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cpu import has_native_bf16

__all__ = ["nearest_neighbors", "neighbors_among", "nearest_papers", "area_centres"]

_EXACT_LIMIT = 50_000  # above this, approximate neighbours (pynndescent) are used
_BLOCK = 2048
_SHOW = ["paper_id", "title", "area_name", "subarea_name"]


def nearest_neighbors(
    embeddings: np.ndarray, n_neighbors: int, *, random_state: int = 42
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``n_neighbors`` nearest other rows, by cosine distance.

    ``embeddings`` must have unit-length rows. Returns ``(indices, distances)``, both of
    shape ``(n, n_neighbors)``, nearest first, the row itself excluded. Exact (blockwise
    matrix products, no n x n matrix) up to 50,000 papers, approximate above.
    """
    x = np.ascontiguousarray(embeddings, dtype=np.float32)
    n = len(x)
    k = int(min(n_neighbors, n - 1))
    if k < 1:
        raise ValueError(f"need at least 2 papers for neighbours; got {n}.")
    if n > _EXACT_LIMIT:
        return _approximate(x, k, random_state)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float32)
    for lo in range(0, n, _BLOCK):
        sims = x[lo : lo + _BLOCK] @ x.T
        rows = np.arange(sims.shape[0])
        sims[rows, lo + rows] = -np.inf  # not one's own neighbour
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        part_sims = np.take_along_axis(sims, part, axis=1)
        # nearest first; ties broken by index so the result never depends on sort internals
        order = np.lexsort((part, -part_sims), axis=1)
        indices[lo : lo + len(rows)] = np.take_along_axis(part, order, axis=1)
        distances[lo : lo + len(rows)] = 1.0 - np.take_along_axis(part_sims, order, axis=1)
    np.clip(distances, 0.0, 2.0, out=distances)
    return indices, distances


def _approximate(x: np.ndarray, k: int, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    from pynndescent import NNDescent

    index = NNDescent(x, n_neighbors=k + 1, metric="cosine", random_state=random_state)
    idx, dist = index.neighbor_graph
    return idx[:, 1:].astype(np.int64), dist[:, 1:].astype(np.float32)


def neighbors_among(queries: np.ndarray, base: np.ndarray, k: int, *,
                    bf16: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` rows of ``base`` nearest (cosine) to each row of ``queries``, nearest first:
    ``(indices, similarities)``, in blocks (no full matrix), picked with torch's ``topk``
    (faster than numpy's ``argpartition``: docs/decisions.md, "Neighbours").

    ``bf16`` (default: when the CPU multiplies bf16 natively) finds ``k + 32`` candidates
    with a bf16 product (faster than fp32 on such CPUs), then ranks them by their exact fp32
    similarity."""
    import torch

    if bf16 is None:
        bf16 = has_native_bf16()
    k = int(min(k, len(base)))
    wide = int(min(k + 32, len(base))) if bf16 else k
    q = torch.from_numpy(np.ascontiguousarray(queries, dtype=np.float32))
    b = torch.from_numpy(np.ascontiguousarray(base, dtype=np.float32))
    coarse = b.to(torch.bfloat16) if bf16 else b
    idx = np.empty((len(q), k), dtype=np.int64)
    sim = np.empty((len(q), k), dtype=np.float32)
    with torch.inference_mode():
        for lo in range(0, len(q), _BLOCK):
            block = q[lo : lo + _BLOCK]
            values, where = torch.topk(block.to(coarse.dtype) @ coarse.T, wide, dim=1)
            if bf16:  # exact similarities of the candidates, best k of them
                values = torch.einsum("nd,nkd->nk", block, b[where])
                values, pick = torch.topk(values, k, dim=1)
                where = torch.gather(where, 1, pick)
            idx[lo : lo + len(values)] = where.numpy()
            sim[lo : lo + len(values)] = values.numpy()
    return idx, sim


def nearest_papers(papers: pd.DataFrame, embeddings: np.ndarray, vector: np.ndarray,
                   k: int = 10, exclude: int | None = None) -> pd.DataFrame:
    """The ``k`` papers whose embeddings are closest (cosine) to ``vector``, best first,
    with a ``similarity`` column; ``exclude`` leaves one row position out."""
    if k < 1:
        raise ValueError(f"k must be >= 1; got {k}.")
    scores = embeddings @ np.asarray(vector, dtype=np.float32).ravel()
    if exclude is not None:
        scores[exclude] = -np.inf
    k = min(k, int(np.isfinite(scores).sum()))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.lexsort((top, -scores[top]))]
    cols = [c for c in _SHOW if c in papers] + [c for c in ("abstract",) if c in papers]
    out = papers.iloc[top][cols].copy()
    out.insert(0, "similarity", scores[top])
    out.index.name = "row"
    return out


def area_centres(embeddings: np.ndarray, labels: np.ndarray, ids: list[int]) -> np.ndarray:
    """The unit mean direction of each area in ``ids`` (one row each)."""
    centres = np.stack([embeddings[labels == a].mean(axis=0) for a in ids])
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    return centres / np.where(norms > 0, norms, 1.0)
