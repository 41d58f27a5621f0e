"""The pipeline in one call (`build_map`) and the object holding its result (`PaperMap`)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .cache import text_keys
from .cluster import cluster_areas, default_min_cluster_size
from .describe import describe_areas
from .embed import DEFAULT_MODEL, Embedder
from .plot import map_figure
from .reduce import default_n_neighbors, reduce_umap

__all__ = ["PaperMap", "build_map"]

_REQUIRED = ("paper_id", "title", "abstract", "text")


@dataclass
class PaperMap:
    """A finished run: papers with their map position and area, and the areas' summaries.

    Attributes
    ----------
    papers
        The corpus plus ``x``, ``y`` (map), ``area``, ``area_name``, ``strength``, ``outlier``.
    summaries
        One row per area (see :func:`paperviz.describe.describe_areas`).
    embeddings
        ``(n, d)`` float32 unit vectors, row-aligned with ``papers``.
    params
        The parameters the run used.
    """

    papers: pd.DataFrame
    summaries: pd.DataFrame
    embeddings: np.ndarray
    params: dict = field(default_factory=dict)

    def figure(self, **kwargs):
        """The interactive plotly map (see :func:`paperviz.plot.map_figure`)."""
        return map_figure(self.papers, self.summaries, **kwargs)

    def areas_table(self) -> pd.DataFrame:
        """Summaries for reading: list columns joined into text."""
        table = self.summaries.copy()
        for col in ("key_phrases", "representative_titles"):
            table[col] = table[col].map("; ".join)
        return table.drop(columns=["representative_ids"])

    def save(self, folder: str | Path) -> Path:
        """Write ``map.html`` (standalone, no network needed), ``areas.csv`` and the data
        (``papers.parquet``, ``summaries.parquet``, ``embeddings.npy``, ``params.json``)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.figure().write_html(folder / "map.html", include_plotlyjs=True, full_html=True)
        self.areas_table().to_csv(folder / "areas.csv", index=False)
        self.papers.to_parquet(folder / "papers.parquet", index=False)
        self.summaries.to_parquet(folder / "summaries.parquet", index=False)
        np.save(folder / "embeddings.npy", self.embeddings, allow_pickle=False)
        (folder / "params.json").write_text(json.dumps(self.params, indent=2))
        return folder / "map.html"

    @classmethod
    def load(cls, folder: str | Path) -> PaperMap:
        """Read a map written by :meth:`save`, without recomputing anything."""
        folder = Path(folder)
        summaries = pd.read_parquet(folder / "summaries.parquet")
        for col in ("key_phrases", "representative_ids", "representative_titles"):
            summaries[col] = summaries[col].map(list)
        return cls(
            papers=pd.read_parquet(folder / "papers.parquet"),
            summaries=summaries,
            embeddings=np.load(folder / "embeddings.npy", allow_pickle=False),
            params=json.loads((folder / "params.json").read_text()),
        )


def build_map(
    corpus: pd.DataFrame,
    *,
    model: str = DEFAULT_MODEL,
    embedder: Embedder | None = None,
    cache_dir: str | Path | None = None,
    random_state: int = 42,
    n_neighbors: int | None = None,
    cluster_dims: int = 2,
    min_cluster_size: int | None = None,
    assign_noise: bool = True,
    show_progress: bool | None = None,
    timings: dict | None = None,
) -> PaperMap:
    """Embed, reduce, cluster and describe ``corpus`` (as returned by ``load_corpus``).

    The result depends only on the papers and parameters, not on the row order: papers are
    processed in the order of their text's hash and the result is returned in input order.
    """
    missing = [c for c in _REQUIRED if c not in corpus.columns]
    if missing:
        raise ValueError(
            f"corpus lacks columns {missing}; it has {list(corpus.columns)}. "
            "Load it with paperviz.load_corpus()."
        )
    n = len(corpus)
    if n < 2:
        raise ValueError(f"a map needs at least 2 papers; the corpus has {n}.")
    timings = {} if timings is None else timings
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    embedder = embedder or Embedder(model, cache_dir=cache_dir, show_progress=show_progress)
    texts = corpus["text"].tolist()
    order = np.argsort(text_keys(texts), kind="stable")  # a canonical order: row-order invariant
    emb = embedder.encode([texts[i] for i in order])
    lap("embed")
    if embedder.load_seconds:
        timings["model load"] = embedder.load_seconds
        timings["embed"] -= embedder.load_seconds

    params = {
        "model": embedder.model_key,
        "random_state": random_state,
        "n_neighbors": n_neighbors or default_n_neighbors(n),
        "cluster_dims": cluster_dims,
        "min_cluster_size": min_cluster_size or default_min_cluster_size(n),
        "assign_noise": assign_noise,
    }
    xy = reduce_umap(emb, 2, n_neighbors=params["n_neighbors"], min_dist=0.0,
                     random_state=random_state)
    # By default the areas are found on the map itself, so colours and positions agree;
    # a separate, higher-dimensional space measured no better (see the README).
    space = xy if cluster_dims == 2 else reduce_umap(
        emb, cluster_dims, n_neighbors=params["n_neighbors"], min_dist=0.0,
        random_state=random_state)
    found = cluster_areas(space, min_cluster_size=params["min_cluster_size"],
                          assign_noise=assign_noise)
    lap("umap + hdbscan")

    inverse = np.empty(n, dtype=int)
    inverse[order] = np.arange(n)
    emb, xy, found = emb[inverse], xy[inverse], found.iloc[inverse].reset_index(drop=True)
    papers = corpus.reset_index(drop=True).copy()
    summaries = describe_areas(papers, found["area"].to_numpy(), emb)
    names = dict(zip(summaries["area"], summaries["name"], strict=False))
    papers["x"], papers["y"] = xy[:, 0], xy[:, 1]
    papers["area"] = found["area"].to_numpy()
    papers["area_name"] = papers["area"].map(names).fillna("Unassigned")
    papers["strength"] = found["strength"].to_numpy()
    papers["outlier"] = found["outlier"].to_numpy()
    lap("describe")
    return PaperMap(papers=papers, summaries=summaries, embeddings=emb, params=params)
