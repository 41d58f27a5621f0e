"""Reduce embeddings with UMAP: a 2-D layout for the map, a few dimensions for clustering.

When RAPIDS cuML is installed (``pip install -e '.[gpu]'`` on a CUDA machine), its GPU UMAP is
used; if it cannot run, paperviz warns and uses umap-learn on the CPU.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..options import default_map_neighbors

__all__ = ["reduce_umap", "layout_engine"]

_MIN_UMAP = 10  # below this many papers UMAP's graph is meaningless: use PCA instead
# From this many papers UMAP starts from the data's first principal components instead of
# the graph's spectral layout, whose eigensolver (ARPACK) may not finish on graphs this
# large; both starts keep each paper's neighbours on the map equally well
# (docs/decisions.md, "Layout start").
SPECTRAL_UNTIL = 100_000


def reduce_umap(
    embeddings: np.ndarray,
    n_components: int = 2,
    *,
    n_neighbors: int | None = None,
    min_dist: float = 0.1,
    metric: str = "cosine",
    random_state: int = 42,
    neighbors: tuple[np.ndarray, np.ndarray] | None = None,
    gpu: bool | None = None,
) -> np.ndarray:
    """Project ``embeddings`` to ``n_components`` dimensions, seeded and deterministic.

    ``neighbors``, the ``(indices, distances)`` of :func:`paperviz.areas.nearest_neighbors`
    with at least ``n_neighbors - 1`` columns, saves UMAP its own neighbour search.
    Corpora of fewer than 10 papers are projected with PCA, which needs no neighbour graph.
    UMAP starts from the spectral layout of its graph; umap-learn starts from PCA instead
    from ``SPECTRAL_UNTIL`` (100,000) papers, where the spectral one can take longer than
    the whole map (cuML offers no PCA start, and its spectral one runs on the GPU).
    ``gpu``: None (default) uses cuML's UMAP when it is installed, True insists on it (an
    error if it is missing), False always uses umap-learn. cuML's layout is not promised to
    be identical run after run as umap-learn's seeded one is.
    Returns a float32 array of shape ``(n, n_components)``.
    """
    x = np.asarray(embeddings, dtype=np.float32)
    if x.ndim != 2 or len(x) < 2:
        raise ValueError(f"need an (n, d) array with n >= 2 papers; got shape {x.shape}.")
    if n_components < 1:
        raise ValueError(f"n_components must be >= 1; got {n_components}.")
    n = len(x)
    if n < _MIN_UMAP or np.ptp(x, axis=0).max() < 1e-6:
        return _pca(x, n_components)
    k = n_neighbors or default_map_neighbors(n)
    init = "spectral" if n > n_components + 10 else "random"
    gpu_umap = _cuml_umap() if gpu is not False else None
    if gpu and gpu_umap is None:
        raise ValueError("gpu=True needs RAPIDS cuML: pip install -e '.[gpu]' "
                         "--extra-index-url https://pypi.nvidia.com")
    if gpu_umap is not None:
        try:
            reducer = gpu_umap(n_components=n_components, n_neighbors=k, min_dist=min_dist,
                               metric=metric, random_state=random_state, init=init,
                               output_type="numpy")
            return np.asarray(reducer.fit_transform(x), dtype=np.float32)
        except Exception as exc:  # a GPU that cannot run it: say so, then use the CPU
            if gpu:
                raise
            warnings.warn(f"cuML's UMAP failed ({exc}); using umap-learn on the CPU.",
                          stacklevel=2)
    return _umap_learn(x, n_components, k, min_dist, metric, random_state, neighbors,
                       "pca" if init == "spectral" and n >= SPECTRAL_UNTIL else init)


def _umap_learn(x: np.ndarray, n_components: int, k: int, min_dist: float, metric: str,
                random_state: int, neighbors, init: str) -> np.ndarray:
    """umap-learn's layout of ``x``, seeded, from ``neighbors`` where they are enough."""
    import umap

    n = len(x)
    precomputed = None
    if neighbors is not None and neighbors[0].shape[1] >= k - 1:
        # UMAP counts each point as its own nearest neighbour
        idx, dist = neighbors[0][:, : k - 1], neighbors[1][:, : k - 1]
        precomputed = (
            np.column_stack([np.arange(n), idx]).astype(np.int32),
            np.column_stack([np.zeros(n), dist]).astype(np.float32),
            None,
        )
    reducer = umap.UMAP(
        n_components=n_components,
        n_neighbors=k,
        precomputed_knn=precomputed or (None, None, None),
        min_dist=min_dist,
        metric=metric,
        random_state=random_state,
        init=init,
    )
    with warnings.catch_warnings():
        # Seeding disables UMAP's parallelism and it says so; that is the point here.
        warnings.filterwarnings("ignore", message=".*n_jobs value 1 overridden.*")
        warnings.filterwarnings("ignore", message=".*Graph is not fully connected.*")
        warnings.filterwarnings("ignore", message=".*knn_search_index.*")
        out = reducer.fit_transform(x)
    return np.asarray(out, dtype=np.float32)


def layout_engine() -> str:
    """``"cuml"`` when cuML's UMAP is available (and used by default), else ``"umap-learn"``."""
    return "cuml" if _cuml_umap() is not None else "umap-learn"


def _cuml_umap():
    """cuML's UMAP class, or None when cuML is not installed or cannot load (no GPU)."""
    try:
        from cuml.manifold import UMAP
    except Exception:  # ImportError, or a CUDA runtime error while loading
        return None
    return UMAP


def _pca(x: np.ndarray, n_components: int) -> np.ndarray:
    centred = x - x.mean(axis=0)
    # SVD signs are fixed by making the largest entry of each component positive.
    u, s, vt = np.linalg.svd(centred, full_matrices=False)
    signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
    signs[signs == 0] = 1
    coords = (u * s * signs)[:, :n_components]
    out = np.zeros((len(x), n_components), dtype=np.float32)
    out[:, : coords.shape[1]] = coords
    return out
