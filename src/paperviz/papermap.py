"""The pipeline in one call (`build_map`) and the object holding its result (`PaperMap`)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .cache import ResultCache, text_keys
from .cluster import (
    AREAS_VERSION,
    check_area_options,
    default_graph_neighbors,
    default_min_area_size,
    find_areas,
)
from .describe import Namer, describe_levels
from .embed import DEFAULT_MODEL, Embedder
from .figures import area_sizes, hierarchy, key_phrase_bars, similarity_heatmap
from .helpers import compare_areas, nearest_papers
from .neighbors import nearest_neighbors
from .plot import map_figure, write_map_html
from .quality import quality_report
from .reduce import default_n_neighbors, layout_engine, reduce_umap
from .report import summaries_markdown, summary_cards

__all__ = ["PaperMap", "build_map"]

_REQUIRED = ("paper_id", "title", "abstract", "text")
LEVELS = ("area", "subarea")  # coarse to fine


@dataclass
class PaperMap:
    """A finished run: papers with their map position and area, and the areas' summaries.

    Attributes
    ----------
    papers
        The corpus plus ``x``, ``y`` (map), ``area``, ``area_name``, ``subarea``, ``strength``
        and ``weak`` (fewer than half of the paper's neighbours share its area).
    summaries
        One row per area and per sub-area (see :func:`paperviz.describe.describe_levels`).
    embeddings
        ``(n, d)`` float32 unit vectors, row-aligned with ``papers``.
    params
        The parameters the run used.
    """

    papers: pd.DataFrame
    summaries: pd.DataFrame
    embeddings: np.ndarray
    params: dict = field(default_factory=dict)
    _embedder: Embedder | None = field(default=None, init=False, repr=False, compare=False)
    _selected: list = field(default_factory=list, init=False, repr=False, compare=False)

    def figure(self, **kwargs):
        """The interactive plotly map (see :func:`paperviz.plot.map_figure`)."""
        return map_figure(self.papers, self.summaries, **kwargs)

    def _row(self, paper: str | int) -> int:
        """Row position of a paper given by ``paper_id`` (or by position)."""
        if isinstance(paper, str):
            hits = np.flatnonzero(self.papers["paper_id"].to_numpy() == paper)
            if not len(hits):
                raise KeyError(f"no paper with paper_id {paper!r}.")
            return int(hits[0])
        if not 0 <= int(paper) < len(self.papers):
            raise IndexError(f"row {paper} is outside 0..{len(self.papers) - 1}.")
        return int(paper)

    def similar(self, paper: str | int, k: int = 10) -> pd.DataFrame:
        """The ``k`` papers most similar to one paper (its ``paper_id`` or row number)."""
        row = self._row(paper)
        return nearest_papers(self.papers, self.embeddings, self.embeddings[row], k,
                              exclude=row)

    def search(self, query: str, k: int = 10) -> pd.DataFrame:
        """The ``k`` papers closest in meaning to ``query``, embedded with the map's model."""
        if not str(query).strip():
            raise ValueError("search needs a non-empty query.")
        if self._embedder is None:
            self._embedder = Embedder(self.params.get("model_name", DEFAULT_MODEL),
                                      use_cache=False, show_progress=False,
                                      backend=self.params.get("backend", "auto"))
        vector = self._embedder.encode([str(query)])[0]
        return nearest_papers(self.papers, self.embeddings, vector, k)

    def compare(self, first: int, second: int, level: str = "area", n: int = 10):
        """Phrases that set two areas apart (see :func:`paperviz.helpers.compare_areas`)."""
        return compare_areas(self.papers, first, second, level=level, n=n)

    def recluster(self, area: int, *, resolution: float = 1.0, n_areas: int | None = None,
                  graph_neighbors: int | None = None, level: str = "area") -> pd.DataFrame:
        """Split one area again, on its own papers' neighbour graph, into finer areas.

        Returns the area's papers with ``finer`` (numbered by size) and ``finer_name``;
        raise ``resolution`` for more, smaller pieces, or ask for ``n_areas`` of them. The
        graph has ``graph_neighbors`` per paper (default: by the area's size, see
        :func:`paperviz.cluster.default_graph_neighbors`)."""
        rows = np.flatnonzero(self.papers[level].to_numpy() == area)
        if len(rows) < 2:
            raise ValueError(f"{level} {area} has {len(rows)} papers; at least 2 are needed.")
        emb = self.embeddings[rows]
        k = graph_neighbors or default_graph_neighbors(len(rows))
        found = find_areas(nearest_neighbors(emb, k),
                           resolution=resolution, n_areas=n_areas,
                           min_area_size=max(2, len(rows) // 50),
                           random_state=self.params.get("random_state", 42))
        papers = self.papers.iloc[rows].reset_index(drop=True)
        names = describe_levels(papers, {"finer": found["area"].to_numpy()}, emb)
        out = self.papers.iloc[rows].copy()
        out["finer"] = found["area"].to_numpy()
        out["finer_name"] = out["finer"].map(dict(zip(names["area"], names["name"],
                                                      strict=True)))
        return out

    def widget(self, **kwargs):
        """The map as a ``plotly.graph_objects.FigureWidget``: box or lasso selections in
        the notebook become :meth:`selection`."""
        import plotly.graph_objects as go

        fig = go.FigureWidget(self.figure(**kwargs))

        def remember(trace, points, selector):
            # each trace reports its own points: replace this trace's share of the selection
            mine = set() if trace.ids is None else set(trace.ids)
            others = [p for p in self._selected if p not in mine]
            self._selected[:] = others + [trace.ids[i] for i in points.point_inds]

        for trace in fig.data:
            if trace.meta == "papers":
                trace.on_selection(remember)
        return fig

    def selection(self) -> pd.DataFrame:
        """The papers selected in the last :meth:`widget` (empty before any selection)."""
        chosen = set(self._selected)
        return self.papers[self.papers["paper_id"].astype(str).isin(chosen)]

    def figures(self) -> dict:
        """Companion figures: ``sizes``, ``similarity``, ``hierarchy`` (plotly figures)."""
        return {
            "sizes": area_sizes(self.summaries),
            "similarity": similarity_heatmap(self.summaries, self.papers, self.embeddings),
            "hierarchy": hierarchy(self.summaries),
        }

    def key_phrases(self, area: int, level: str = "area"):
        """Bars of one area's key phrases and how many of its papers use each."""
        return key_phrase_bars(self.summaries, self.papers, area, level)

    def quality(self, **kwargs) -> pd.DataFrame:
        """Internal quality and stability of the areas (see :func:`paperviz.quality_report`)."""
        return quality_report(self.embeddings, self.papers, self.params, **kwargs)

    def cards(self, level: str = "area"):
        """The summaries of ``level`` as HTML cards (rendered in notebooks)."""
        return summary_cards(self.summaries, level)

    def markdown(self) -> str:
        """All summaries, both levels, as Markdown."""
        return summaries_markdown(self.summaries)

    def areas_table(self, level: str | None = "area") -> pd.DataFrame:
        """Summaries of one level (``"area"``, ``"subarea"``, or None for both), for
        reading: list columns joined into text."""
        if level is not None and level not in LEVELS:
            raise ValueError(f"level={level!r} is not one of {LEVELS} or None.")
        table = self.summaries
        table = table[table["level"] == level].copy() if level else table.copy()
        for col in ("key_phrases", "representative_titles", "similar_areas"):
            table[col] = table[col].map("; ".join)
        return table.drop(columns=["representative_ids", "children"])

    def save(self, folder: str | Path, *, include_plotlyjs: bool | str = True) -> Path:
        """Write ``map.html`` (standalone, no network needed), the summaries (``areas.csv``,
        ``subareas.csv``, ``areas.md``, ``areas.html``) and the data (``papers.parquet``,
        ``summaries.parquet``, ``embeddings.npy``, ``params.json``)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        write_map_html(self.figure(), folder / "map.html", include_plotlyjs=include_plotlyjs)
        self.areas_table().to_csv(folder / "areas.csv", index=False)
        self.areas_table("subarea").to_csv(folder / "subareas.csv", index=False)
        (folder / "areas.md").write_text(self.markdown())
        (folder / "areas.html").write_text(
            "<!doctype html><meta charset='utf-8'><title>Areas</title>"
            + self.cards("area") + "<h2>Sub-areas</h2>" + self.cards("subarea"))
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
        for col in ("children", "key_phrases", "representative_ids", "representative_titles",
                    "similar_areas"):
            summaries[col] = summaries[col].map(list)
        return cls(
            papers=pd.read_parquet(folder / "papers.parquet"),
            summaries=summaries,
            embeddings=np.load(folder / "embeddings.npy", allow_pickle=False),
            params=json.loads((folder / "params.json").read_text()),
        )


def _layout_and_areas(emb: np.ndarray, params: dict, lap) -> tuple[np.ndarray, pd.DataFrame]:
    k = params["graph_neighbors"]
    neighbors = nearest_neighbors(emb, max(k, params["map_neighbors"]))
    lap("neighbours")
    xy = reduce_umap(emb, 2, n_neighbors=params["map_neighbors"], min_dist=0.0,
                     random_state=params["random_state"], neighbors=neighbors)
    lap("umap")
    found = find_areas((neighbors[0][:, :k], neighbors[1][:, :k]), method=params["method"],
                       points=xy, resolution=params["resolution"],
                       n_areas=params["n_areas"], min_area_size=params["min_area_size"],
                       assign_noise=params["assign_noise"], random_state=params["random_state"])
    lap("areas")
    return xy, found


def build_map(
    corpus: pd.DataFrame,
    *,
    model: str = DEFAULT_MODEL,
    embedder: Embedder | None = None,
    cache_dir: str | Path | None = None,
    text: str = "text",
    method: str = "leiden",
    graph_neighbors: int | None = None,
    resolution: float = 1.0,
    n_areas: int | None = None,
    min_area_size: int | None = None,
    map_neighbors: int | None = None,
    assign_noise: bool = True,
    random_state: int = 42,
    namer: Namer | None = None,
    client=None,
    show_progress: bool | None = None,
    timings: dict | None = None,
) -> PaperMap:
    """Embed, lay out, find areas and sub-areas, and describe ``corpus``.

    Parameters
    ----------
    corpus
        As returned by :func:`paperviz.load_corpus` (``paper_id``, ``title``, ``abstract``,
        ``text``).
    model, embedder, cache_dir
        The sentence-transformers model (or a ready :class:`Embedder`) and its cache.
    text
        The column to embed: ``"text"`` (title and abstract, the default), ``"title"``, or
        any other column of the corpus.
    method, graph_neighbors, resolution, n_areas, min_area_size, assign_noise
        How areas are found; see :func:`paperviz.cluster.find_areas`. ``n_areas`` asks for
        that many areas instead of letting the neighbour graph decide. ``graph_neighbors``
        is the number of neighbours per paper in the graph the areas are cut from (default:
        about the square root of the number of papers, from 5 to 30; see
        :func:`paperviz.cluster.default_graph_neighbors`).
    map_neighbors
        UMAP's neighbours for the 2-D map (default 15, fewer for tiny corpora).
    random_state
        Seed for UMAP and Leiden: the same input and parameters give the same map.
    namer
        Optional ``namer(key_phrases, representative_titles) -> name`` (e.g. a language
        model call); see :func:`paperviz.describe.describe_levels`. None by default: nothing
        leaves the machine.
    client
        A ``dask.distributed.Client`` or scheduler address: embedding runs on its workers
        (see :class:`paperviz.Embedder`).
    timings
        A dict that receives each stage's seconds.

    The result does not depend on the row order: papers are processed in the order of their
    text's hash, and returned in input order.
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
    check_area_options(n, method=method, n_areas=n_areas, graph_neighbors=graph_neighbors)
    timings = {} if timings is None else timings
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    embedder = embedder or Embedder(model, cache_dir=cache_dir, show_progress=show_progress,
                                    client=client)
    if text not in corpus.columns and text != "title":
        raise ValueError(f"text={text!r}: no such column; use 'text' (title and abstract), "
                         f"'title', or one of {list(corpus.columns)}.")
    texts = corpus[text].fillna("").astype(str).tolist()
    order = np.argsort(text_keys(texts), kind="stable")  # a canonical order: row-order invariant
    emb = embedder.encode([texts[i] for i in order])
    lap("embed")
    if embedder.load_seconds:
        timings["model load"] = embedder.load_seconds
        timings["embed"] -= embedder.load_seconds

    params = {
        "model": embedder.model_key,
        "model_name": embedder.model_name,
        "backend": embedder.backend,
        "text": text,
        "method": method,
        "graph_neighbors": graph_neighbors or default_graph_neighbors(n),
        "resolution": resolution,
        "n_areas": n_areas,
        "min_area_size": min_area_size or default_min_area_size(n),
        "map_neighbors": map_neighbors or default_n_neighbors(n),
        "assign_noise": assign_noise,
        "random_state": random_state,
        "layout": layout_engine(),
        "areas_version": AREAS_VERSION,
    }
    results = ResultCache(embedder.cache_root) if embedder.cache_root else None
    key = ResultCache.key(emb, params)
    stored = results.load(key) if results else None
    if stored is not None:
        xy = stored.pop("xy")
        found = pd.DataFrame(stored)
        lap("layout + areas (cached)")
    else:
        xy, found = _layout_and_areas(emb, params, lap)
        if results:
            results.save(key, {"xy": xy, **{c: found[c].to_numpy() for c in found.columns}})

    inverse = np.empty(n, dtype=int)
    inverse[order] = np.arange(n)
    if isinstance(emb, np.memmap):  # reorder part by part, never the whole matrix in memory
        ordered = embedder._allocate(*emb.shape)
        for lo in range(0, n, 4096):
            ordered[lo : lo + 4096] = emb[inverse[lo : lo + 4096]]
        emb = ordered
    else:
        emb = emb[inverse]
    xy, found = xy[inverse], found.iloc[inverse].reset_index(drop=True)
    papers = corpus.reset_index(drop=True).copy()
    papers["x"], papers["y"] = xy[:, 0], xy[:, 1]
    summaries = describe_levels(papers, {level: found[level].to_numpy() for level in LEVELS},
                                emb, namer=namer)
    for level in LEVELS:
        rows = summaries[summaries["level"] == level]
        names = dict(zip(rows["area"], rows["name"], strict=True))
        papers[level] = found[level].to_numpy()
        papers[f"{level}_name"] = papers[level].map(names).fillna("Unassigned")
    papers["strength"] = found["strength"].to_numpy()
    papers["weak"] = found["weak"].to_numpy()
    lap("describe")
    result = PaperMap(papers=papers, summaries=summaries, embeddings=emb, params=params)
    if embedder.client is None:  # search with the same model, cache and built models
        result._embedder = embedder
    return result
