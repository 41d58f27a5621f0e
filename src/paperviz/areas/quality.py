"""How good and how stable are a run's areas? Internal measures, no labels needed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, silhouette_score

from ..mapdata import MapData
from ..options import MapOptions
from .cluster import find_areas
from .neighbors import nearest_neighbors

__all__ = ["quality_report"]


def quality_report(
    data: MapData,
    *,
    options: MapOptions | None = None,
    seeds: tuple[int, ...] = (1, 2),
    subsample: float = 0.9,
    max_points: int = 5000,
) -> pd.DataFrame:
    """One row per measure: areas and sub-areas, share of weakly placed papers, silhouette
    (cosine, on the embeddings), DBCV relative validity (HDBSCAN's, on the 2-D map), and
    stability: ARI of the areas between this run and runs with other ``seeds``, and between
    this run and runs on ``subsample`` of the papers (on the papers both share).

    Silhouette and DBCV use at most ``max_points`` papers (a seeded sample), so the report
    stays quick on large corpora. The reruns use ``options`` (default: the map's own: its
    method, ``n_areas`` and sizes, other seeds aside).
    """
    papers, embeddings = data.papers, data.embeddings
    n = len(papers)
    area = papers["area"].to_numpy()
    rng = np.random.default_rng(0)
    sample = np.sort(rng.choice(n, min(n, max_points), replace=False))
    rows = [
        ("areas", float(len(np.unique(area))), "number of areas"),
        ("sub-areas", float(papers["subarea"].nunique()), "number of sub-areas"),
        ("weakly placed", float(papers["weak"].mean()),
         "share of papers with under half their neighbours in their area"),
        ("silhouette", _silhouette(embeddings[sample], area[sample]),
         "cosine, -1 to 1; near 0 is usual for text"),
        ("DBCV", _dbcv(papers[["x", "y"]].to_numpy()[sample], area[sample]),
         "density-based validity on the map, -1 to 1"),
    ]
    options = (options or data.options).resolved(n)
    points = papers[["x", "y"]].to_numpy()
    neighbors = nearest_neighbors(embeddings, options.graph_neighbors)
    seed_ari = [
        adjusted_rand_score(area, find_areas(neighbors, replace(options, random_state=s),
                                             points=points)["area"])
        for s in seeds
    ]
    rows.append(("stability across seeds", float(np.mean(seed_ari)), "ARI, 1 = identical"))
    keep = np.sort(rng.choice(n, max(2, int(subsample * n)), replace=False))
    sub = find_areas(nearest_neighbors(embeddings[keep], options.graph_neighbors), options,
                     points=points[keep])["area"]
    rows.append((f"stability on {subsample:.0%} subsamples",
                 float(adjusted_rand_score(area[keep], sub)), "ARI, 1 = identical"))
    return pd.DataFrame(rows, columns=["measure", "value", "meaning"])


def _silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    if not 1 < len(np.unique(labels)) < len(labels):
        return float("nan")
    return float(silhouette_score(x, labels, metric="cosine"))


def _dbcv(points: np.ndarray, labels: np.ndarray) -> float:
    from hdbscan.validity import validity_index

    if not 1 < len(np.unique(labels)) < len(labels):
        return float("nan")
    try:
        return float(validity_index(points.astype(np.float64), labels))
    except (ValueError, ZeroDivisionError, FloatingPointError):
        return float("nan")
