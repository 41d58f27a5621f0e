"""Find research areas with HDBSCAN and place every paper in one.

HDBSCAN leaves papers in sparse regions as noise. By default each such paper joins the area
most common among its nearest clustered neighbours; it keeps ``outlier=True`` and a
``strength`` equal to that neighbour agreement, so weakly placed papers stay visible.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["cluster_areas", "default_min_cluster_size"]


def default_min_cluster_size(n: int) -> int:
    """HDBSCAN's smallest area for ``n`` papers: grows like sqrt(n), at least 2."""
    return int(max(2, min(n // 2, round(np.sqrt(n) / 2))))


def cluster_areas(
    points: np.ndarray,
    *,
    min_cluster_size: int | None = None,
    min_samples: int | None = None,
    assign_noise: bool = True,
    n_neighbors: int = 10,
) -> pd.DataFrame:
    """Cluster ``points`` (the UMAP cluster space) into areas.

    Returns a DataFrame with one row per point: ``area`` (0, 1, ...; -1 only for noise when
    ``assign_noise=False``), ``strength`` in [0, 1] and ``outlier`` (HDBSCAN called it noise).
    Areas are numbered by size, largest first.
    """
    x = np.asarray(points, dtype=np.float64)
    n = len(x)
    if n < 2:
        raise ValueError(f"need at least 2 papers to find areas; got {n}.")
    mcs = min_cluster_size or default_min_cluster_size(n)
    if mcs < 2:
        raise ValueError(f"min_cluster_size must be >= 2; got {mcs}.")
    if np.ptp(x, axis=0).max() < 1e-9:  # all papers at one point (identical texts): one area
        labels, strength = np.zeros(n, dtype=int), np.ones(n)
    else:
        labels, strength = _hdbscan(x, mcs, min_samples)
    outlier = labels < 0
    if outlier.all():  # no structure found: one area holding everything
        labels = np.zeros(n, dtype=int)
        strength = np.zeros(n)
    elif assign_noise and outlier.any():
        labels, strength = _assign_to_nearest(x, labels, strength, n_neighbors)
    labels = _renumber_by_size(labels)
    return pd.DataFrame({"area": labels, "strength": strength, "outlier": outlier})


def _hdbscan(x: np.ndarray, mcs: int, min_samples: int | None) -> tuple[np.ndarray, np.ndarray]:
    import hdbscan

    model = hdbscan.HDBSCAN(
        min_cluster_size=mcs,
        min_samples=min_samples,
        cluster_selection_method="eom",
        allow_single_cluster=len(x) < 4 * mcs,
    )
    model.fit(x)
    return model.labels_.astype(int), np.nan_to_num(model.probabilities_.astype(float))


def _assign_to_nearest(x, labels, strength, k):
    from sklearn.neighbors import NearestNeighbors

    clustered = np.flatnonzero(labels >= 0)
    noise = np.flatnonzero(labels < 0)
    k = min(k, len(clustered))
    nn = NearestNeighbors(n_neighbors=k).fit(x[clustered])
    dist, idx = nn.kneighbors(x[noise])
    votes = labels[clustered][idx]
    weights = 1.0 / (dist + 1e-9)
    areas = np.unique(labels[clustered])
    scores = np.stack([(weights * (votes == a)).sum(axis=1) for a in areas], axis=1)
    best = scores.argmax(axis=1)
    labels, strength = labels.copy(), strength.copy()
    labels[noise] = areas[best]
    # Halved so that a reassigned paper never reads as firmly placed, even when its
    # neighbours agree.
    strength[noise] = (votes == areas[best][:, None]).mean(axis=1) * 0.5
    return labels, strength


def _renumber_by_size(labels: np.ndarray) -> np.ndarray:
    """Number areas 0.. by decreasing size (ties by old number); noise stays -1."""
    valid = labels[labels >= 0]
    if len(valid) == 0:
        return labels
    old, counts = np.unique(valid, return_counts=True)
    order = old[np.lexsort((old, -counts))]
    mapping = {o: i for i, o in enumerate(order)}
    return np.array([mapping.get(v, -1) for v in labels], dtype=int)
