"""Fields: the level above areas, for corpora with more areas than a reader takes in at once.

Areas are grouped by their mean directions: average-linkage agglomeration (scipy) of the
areas' unit centres on cosine distance, cut where the groups are clearest (the best
silhouette of the centres, cosine) among the counts a reader can use:

- a corpus with more than ``FIELDS_MAX`` (12) areas gets ``FIELDS_MIN`` to ``FIELDS_MAX``
  (5 to 12) fields, or fewer where those fewer stand out clearly (silhouette at least
  ``CLEAR``, 0.5);
- one with 12 areas or fewer gets fields only where they stand out that clearly (papers of
  two disciplines, say);
- under ``MIN_PAPERS`` (1,000) papers, never.

Average linkage was chosen over Ward linkage, merging areas by modularity and Leiden at
lower resolutions by agreement with arXiv's categories (docs/decisions.md, "Fields").
"""

from __future__ import annotations

import warnings

import numpy as np

from .cluster import renumber_by_size
from .neighbors import area_centres

__all__ = ["find_fields", "FIELDS_MIN", "FIELDS_MAX", "MIN_PAPERS", "CLEAR"]

FIELDS_MIN, FIELDS_MAX = 5, 12
MIN_PAPERS = 1000
CLEAR = 0.5


def find_fields(embeddings: np.ndarray, area: np.ndarray,
                n_fields: int | None = None) -> np.ndarray | None:
    """Each paper's field (numbered from 0 by size; -1 where its area is -1), or None when
    the corpus gets no field level.

    ``n_fields``: None lets the corpus decide (see the module's description), 0 means no
    field level, a number asks for that many (None, with a warning, when that is not fewer
    than the areas). Every area lies in one field, so the levels nest exactly."""
    area = np.asarray(area)
    ids = sorted(int(a) for a in np.unique(area) if a >= 0)
    if n_fields == 0 or len(ids) < 3 or (n_fields is None and len(area) < MIN_PAPERS):
        return None
    if n_fields is not None and n_fields >= len(ids):
        warnings.warn(f"n_fields={n_fields} is not fewer than the {len(ids)} areas: the map "
                      "gets no field level.", stacklevel=3)
        return None
    from scipy.cluster.hierarchy import fcluster, linkage

    centres = area_centres(embeddings, area, ids)
    tree = linkage(centres, method="average", metric="cosine")
    if n_fields is None:
        n_fields = _clearest(centres, tree, many=len(ids) > FIELDS_MAX)
        if n_fields is None:
            return None
    groups = fcluster(tree, n_fields, criterion="maxclust") - 1
    field = np.full(len(area), -1)
    inside = area >= 0
    field[inside] = groups[np.searchsorted(ids, area[inside])]
    return renumber_by_size(field)


def _clearest(centres: np.ndarray, tree, many: bool) -> int | None:
    """The number of fields (see the module's description): among 2 to ``FIELDS_MAX``
    groups of the centres, those with a silhouette of at least ``CLEAR`` and, when there
    are ``many`` areas, every count from ``FIELDS_MIN`` on; the one with the best
    silhouette (the fewer groups on ties), or None when no count qualifies."""
    from scipy.cluster.hierarchy import fcluster
    from sklearn.metrics import silhouette_score

    best, best_score = None, -np.inf
    for k in range(2, min(FIELDS_MAX, len(centres) - 1) + 1):
        groups = fcluster(tree, k, criterion="maxclust")
        if len(np.unique(groups)) < 2:
            continue
        score = silhouette_score(centres, groups, metric="cosine")
        if (score >= CLEAR or (many and k >= FIELDS_MIN)) and score > best_score + 1e-12:
            best, best_score = k, score
    return best
