"""Split one area of a finished map again, on its own papers' neighbour graph."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .areas import find_areas, nearest_neighbors
from .describe import describe_levels
from .mapdata import MapData

__all__ = ["recluster"]


def recluster(data: MapData, area: int, *, resolution: float = 1.0, n_areas: int | None = None,
              graph_neighbors: int | None = None, level: str = "area") -> pd.DataFrame:
    """The papers of ``area`` (at ``level``) with ``finer`` (numbered by size) and
    ``finer_name``: the area split on its own papers' neighbour graph, with the map's
    options (its method, its seed) but ``resolution``, ``n_areas`` and ``graph_neighbors``
    as given, and the sizes the defaults give for the area's size."""
    papers, embeddings = data.papers, data.embeddings
    rows = np.flatnonzero(papers[level].to_numpy() == area)
    if len(rows) < 2:
        raise ValueError(f"{level} {area} has {len(rows)} papers; at least 2 are needed.")
    emb = embeddings[rows]
    options = replace(data.options, resolution=resolution, n_areas=n_areas,
                      graph_neighbors=graph_neighbors, min_area_size=None,
                      map_neighbors=None).resolved(len(rows))
    found = find_areas(nearest_neighbors(emb, options.graph_neighbors), options,
                       points=papers[["x", "y"]].to_numpy()[rows])
    names = describe_levels(papers.iloc[rows].reset_index(drop=True),
                            {"finer": found["area"].to_numpy()}, emb)
    out = papers.iloc[rows].copy()
    out["finer"] = found["area"].to_numpy()
    out["finer_name"] = out["finer"].map(dict(zip(names["area"], names["name"], strict=True)))
    return out
