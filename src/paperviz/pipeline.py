"""The stages of a map, composed: :func:`build` checks the corpus and the options, embeds,
lays out and finds areas (or reads them from the result cache), adds fields, describes
every level and marks the researcher's library. Each stage is a function of its own;
:func:`paperviz.build_map` calls :func:`build` and wraps the result in a ``PaperMap``.

Papers are processed in the order of their text's hash (a canonical order, so the map does
not depend on the row order of the corpus) and returned in input order.
"""

from __future__ import annotations

import hashlib
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from .areas import (
    AREAS_VERSION,
    ResultCache,
    find_areas,
    find_fields,
    layout_engine,
    nearest_neighbors,
    neighbors_among,
    reduce_umap,
)
from .citations import (
    NO_REFERENCES,
    coupled_neighbors,
    has_references,
    joined_neighbors,
    leaders,
    resolve_references,
)
from .columns import set_apart
from .corpus import load_corpus
from .describe import Namer, describe_levels
from .describe.disciplines import paper_disciplines, vocabulary
from .embedding import DEFAULT_MODEL, Embedder, text_keys
from .levels import LEVELS
from .library import library_report, match_library
from .mapdata import FAR_NAME, MapData, counted
from .options import MapOptions
from .place import place_papers
from .progress import Steps, wanted

__all__ = ["build", "Stopwatch"]

REQUIRED = ("paper_id", "title", "abstract", "text")
STEPS_FROM = 200  # papers from which a build shows its stages as they end (tens of seconds)


class Stopwatch:
    """Seconds per stage, added into ``timings`` as each stage ends; with ``show``, a bar
    (see :class:`paperviz.progress.Steps`) says each stage as it ends and how long it took."""

    def __init__(self, timings: dict | None = None, show: bool = False) -> None:
        self.timings = {} if timings is None else timings
        self._clock = time.perf_counter()
        self._steps = Steps(show)

    def lap(self, stage: str) -> None:
        """Count the time since the last lap as ``stage``'s."""
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._clock
        self._clock = now
        self._steps.done(stage, self.timings[stage])

    def close(self) -> None:
        self._steps.close()


def build(corpus: pd.DataFrame, options: MapOptions, *, embedder: Embedder | None = None,
          model: str | None = None, cache_dir: str | Path | None = None, client=None,
          show_progress: bool | None = None, namer: Namer | None = None,
          embeddings: np.ndarray | None = None,
          library: pd.DataFrame | str | Path | None = None,
          timings: dict | None = None) -> tuple[MapData, Embedder]:
    """The map of ``corpus`` and the embedder that made its vectors: see
    :func:`paperviz.build_map` for the arguments. Everything the user gave is checked
    before the first long step."""
    corpus, renamed = checked_corpus(corpus)
    options = options.resolved(len(corpus))
    check_text_column(corpus, options)
    if options.graph == "text+citations" and not has_references(corpus):
        raise ValueError("graph='text+citations' needs cited references: " + NO_REFERENCES)
    if library is not None and not isinstance(library, pd.DataFrame):
        library = load_corpus(library)
    watch = Stopwatch(timings, show=wanted(show_progress, len(corpus), STEPS_FROM))
    embedder = choose_embedder(embedder, model, cache_dir, client, show_progress,
                               options.max_tokens)
    watch.lap("embedder setup")  # a calibration on first use here, else nothing
    order, vectors = embed_stage(corpus, options, embedder, embeddings, watch)
    params = run_record(embedder, options, renamed)
    cited = citation_graph(corpus, order, options)
    xy, found = areas_stage(vectors, options, params, embedder.cache_root, watch, cited)
    found = with_fields(vectors, found, options)
    vectors, xy, found = in_input_order(order, vectors, xy, found, embedder)
    matched = (paper_disciplines(vectors, vocabulary(embedder))
               if options.disciplines and embeddings is None else None)
    data = describe_stage(corpus, xy, found, vectors, params, options, namer, matched,
                          embedder.encode if embeddings is None else None)
    data = replace(data, summaries=counted(data.summaries, data.papers))
    data = replace(data, summaries=leaders(data))  # works cited and people, where given
    watch.lap("describe")
    if library is not None:
        data = with_library(data, library, embedder)
        watch.lap("library")
    watch.close()
    return data, embedder


def checked_corpus(corpus: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The corpus, with its own columns named like the map's (``area``, ``x`` ...) set
    apart (warned, and returned as ``{old: new}``); a ValueError names what is missing."""
    missing = [c for c in REQUIRED if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus lacks columns {missing}; it has {list(corpus.columns)}. "
                         "Load it with paperviz.load_corpus().")
    if len(corpus) < 2:
        raise ValueError(f"a map needs at least 2 papers; the corpus has {len(corpus)}.")
    corpus, renamed = set_apart(corpus)
    if renamed:
        warnings.warn("the corpus has columns named like the map's own; they are kept as "
                      + ", ".join(f"{old!r} -> {new!r}" for old, new in renamed.items()),
                      stacklevel=4)
    return corpus, renamed


def check_text_column(corpus: pd.DataFrame, options: MapOptions) -> None:
    """Raise a ValueError when the column to embed is not in the corpus."""
    if options.text not in corpus.columns:
        raise ValueError(f"text={options.text!r}: no such column; use 'text' (title and "
                         f"abstract), 'title', or one of {list(corpus.columns)}.")


def choose_embedder(embedder: Embedder | None, model: str | None, cache_dir, client,
                    show_progress: bool | None, max_tokens: int | None) -> Embedder:
    """The embedder to use, prepared (its backend decided: see :meth:`Embedder.prepare`):
    the one given (then ``model``, ``cache_dir``, ``client`` and the budget, if given, must
    agree with it: they would otherwise be silently ignored), or a new one."""
    if embedder is None:
        return Embedder(model or DEFAULT_MODEL, cache_dir=cache_dir,
                        show_progress=show_progress, client=client,
                        max_tokens=max_tokens).prepare()
    embedder.prepare()
    clashes = []
    if max_tokens is not None and embedder.budget(max_tokens) != embedder.max_tokens:
        clashes.append(f"max_tokens={max_tokens!r} (the embedder reads "
                       f"{embedder.max_tokens} word pieces)")
    if model is not None and model != embedder.model_name:
        clashes.append(f"model={model!r} (the embedder's is {embedder.model_name!r})")
    if cache_dir is not None and Path(cache_dir) != embedder.cache_root:
        clashes.append(f"cache_dir={str(cache_dir)!r} (the embedder's is "
                       f"{str(embedder.cache_root)!r})")
    if client is not None and client is not embedder.client:
        clashes.append("client= (the embedder has its own)")
    if clashes:
        raise ValueError("build_map got an embedder and also " + ", ".join(clashes)
                         + ". Give the embedder alone, or these options without it.")
    return embedder


def texts_of(corpus: pd.DataFrame, options: MapOptions) -> list[str]:
    """The text embedded of each paper (the ``options.text`` column)."""
    return corpus[options.text].fillna("").astype(str).tolist()


def embed_stage(corpus: pd.DataFrame, options: MapOptions, embedder: Embedder,
                given: np.ndarray | None, watch: Stopwatch) -> tuple[np.ndarray, np.ndarray]:
    """The canonical order of the papers (by their text's hash: the map does not depend on
    row order) and their vectors in it: embedded (cached ones read), or the ``given`` ones
    checked against the model. The model's load is timed apart from embedding."""
    loaded_before = embedder.load_seconds  # the model loads once: time this call's load only
    texts = texts_of(corpus, options)  # held only here, while embedding
    order = np.argsort(text_keys(texts), kind="stable")
    if given is None:
        vectors = embedder.encode([texts[i] for i in order])
    else:
        vectors = given_vectors(given, len(corpus))[order]
        width = embedder.encode(["a paper's title"]).shape[1]
        if width != vectors.shape[1]:
            raise ValueError(f"embeddings has {vectors.shape[1]} columns; "
                             f"{embedder.model_name} makes {width}. Give the model the "
                             "vectors were made with.")
    watch.lap("embed")
    if embedder.load_seconds > loaded_before:
        watch.timings["model load"] = embedder.load_seconds - loaded_before
        watch.timings["embed"] -= watch.timings["model load"]
    return order, vectors


def given_vectors(embeddings: np.ndarray, n: int) -> np.ndarray:
    """Vectors given to :func:`paperviz.build_map`, checked (one row per paper) and scaled
    to unit length, as float32."""
    vectors = np.asarray(embeddings, dtype=np.float32)
    if vectors.ndim != 2 or len(vectors) != n:
        raise ValueError(f"embeddings has shape {vectors.shape}; give one row per paper of "
                         f"the corpus ({n} rows).")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    if not np.all(np.isfinite(norms)) or (norms == 0).any():
        raise ValueError("embeddings has rows of zeros or of non-finite numbers: "
                         f"{int((~np.isfinite(norms) | (norms == 0)).sum())} of them.")
    return vectors / norms


def run_record(embedder: Embedder, options: MapOptions, renamed: dict) -> dict:
    """The map's ``params``: the model, backend and budget, the options (resolved and as
    asked), the layout engine and the version of the areas' method."""
    return {
        "model": embedder.model_key,
        "model_name": embedder.model_name,
        "backend": embedder.backend,
        **options.to_dict(),
        "max_tokens": embedder.max_tokens,
        **({"renamed_columns": renamed} if renamed else {}),
        "layout": layout_engine(),
        "areas_version": AREAS_VERSION,
    }


def citation_graph(corpus: pd.DataFrame, order: np.ndarray, options: MapOptions
                   ) -> tuple[np.ndarray, np.ndarray] | None:
    """With ``graph="text+citations"``, each paper's papers sharing most references, in
    the canonical order (see :func:`embed_stage`); else None."""
    if options.graph != "text+citations":
        return None
    found = resolve_references(corpus.iloc[order].reset_index(drop=True))
    return coupled_neighbors(found, options.graph_neighbors)  # resolved: never None


def areas_stage(vectors: np.ndarray, options: MapOptions, params: dict,
                cache_root: Path | None, watch: Stopwatch,
                cited: tuple[np.ndarray, np.ndarray] | None = None
                ) -> tuple[np.ndarray, pd.DataFrame]:
    """The 2-D map and the areas and sub-areas (cut from the text's neighbours, and the
    ``cited`` ones where given), read from the result cache when these vectors were mapped
    with these options (and citations) before, else computed and stored."""
    results = ResultCache(cache_root) if cache_root else None
    recipe = {"model": params["model"], "model_name": params["model_name"],
              "backend": params["backend"], **options.key_values(),
              "layout": params["layout"], "areas_version": params["areas_version"]}
    if cited is not None:
        recipe["citations"] = hashlib.sha256(cited[0].tobytes()).hexdigest()
    key = ResultCache.key(vectors, recipe)
    stored = results.load(key) if results else None
    if stored is not None:
        xy = stored.pop("xy")
        watch.lap("layout + areas (cached)")
        return xy, pd.DataFrame(stored)
    xy, found = layout_and_areas(vectors, options, watch, cited)
    if results:
        results.save(key, {"xy": xy, **{c: found[c].to_numpy() for c in found.columns}})
    return xy, found


def layout_and_areas(vectors: np.ndarray, options: MapOptions, watch: Stopwatch,
                     cited: tuple[np.ndarray, np.ndarray] | None = None
                     ) -> tuple[np.ndarray, pd.DataFrame]:
    """Neighbours (one search, shared), the UMAP layout and the areas cut from the graph
    (the text's neighbours, and the ``cited`` ones beside them where given)."""
    k = options.graph_neighbors
    neighbors = nearest_neighbors(vectors, max(k, options.map_neighbors))
    watch.lap("neighbours")
    xy = reduce_umap(vectors, 2, n_neighbors=options.map_neighbors, min_dist=0.0,
                     random_state=options.random_state, neighbors=neighbors)
    watch.lap("umap")
    graph = (neighbors[0][:, :k], neighbors[1][:, :k])
    if cited is not None:
        graph = joined_neighbors(graph, cited)
    found = find_areas(graph, options, points=xy)
    watch.lap("areas")
    return xy, found


def with_fields(vectors: np.ndarray, found: pd.DataFrame, options: MapOptions) -> pd.DataFrame:
    """``found`` with a ``field`` column first where the corpus has fields."""
    field = find_fields(vectors, found["area"].to_numpy(), options.n_fields)
    if field is not None:
        found = found.copy()
        found.insert(0, "field", field)
    return found


def in_input_order(order: np.ndarray, vectors: np.ndarray, xy: np.ndarray,
                   found: pd.DataFrame, embedder: Embedder
                   ) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Vectors, positions and areas back from the canonical order to the corpus's."""
    inverse = np.empty(len(order), dtype=int)
    inverse[order] = np.arange(len(order))
    return (reordered(vectors, inverse, embedder), xy[inverse],
            found.iloc[inverse].reset_index(drop=True))


def reordered(vectors: np.ndarray, rows: np.ndarray, embedder: Embedder,
              part: int = 4096) -> np.ndarray:
    """``vectors[rows]``; memory-mapped vectors (larger than the embedder's memory budget)
    are copied part by part into a new mapped array, never whole in memory."""
    if not isinstance(vectors, np.memmap):
        return vectors[rows]
    out = embedder.allocate(*vectors.shape)
    for lo in range(0, len(rows), part):
        out[lo : lo + part] = vectors[rows[lo : lo + part]]
    return out


def describe_stage(corpus: pd.DataFrame, xy: np.ndarray, found: pd.DataFrame,
                   vectors: np.ndarray, params: dict, options: MapOptions,
                   namer: Namer | None, disciplines: pd.DataFrame | None = None,
                   term_vectors: Callable[[list[str]], np.ndarray] | None = None) -> MapData:
    """The map: the corpus with positions, each level's area and name, strength and weak;
    the summaries of every level (the top level named by ``disciplines``, each paper's
    matched subfield and field, where an area is plainly one; name candidates embedded by
    ``term_vectors``, the model of ``vectors``, where given); the params, with the levels
    recorded."""
    papers = corpus.reset_index(drop=True).copy()
    papers["x"], papers["y"] = xy[:, 0], xy[:, 1]
    levels = [level for level in LEVELS if level in found.columns]
    summaries = describe_levels(papers, {level: found[level].to_numpy() for level in levels},
                                vectors, n_phrases=options.n_phrases, namer=namer,
                                core=("area", "subarea"), disciplines=disciplines,
                                term_vectors=term_vectors)
    for level in levels:
        rows = summaries[summaries["level"] == level]
        names = dict(zip(rows["area"], rows["name"], strict=True))
        papers[level] = found[level].to_numpy()
        papers[f"{level}_name"] = papers[level].map(names).fillna("Unassigned")
    papers["strength"] = found["strength"].to_numpy()
    papers["weak"] = found["weak"].to_numpy()
    return MapData(papers=papers, summaries=summaries, embeddings=vectors,
                   params={**params, "levels": levels})


def with_library(data: MapData, library: pd.DataFrame, embedder: Embedder) -> MapData:
    """``data`` with the library's papers marked ``in_library``: found on the map, or
    placed onto it; what matched and what was placed is ``params["library"]``."""
    rows, how = match_library(data.papers, library)
    marked = replace(data, papers=data.papers.assign(in_library=False))
    marked.papers.loc[marked.papers.index[rows[rows >= 0]], "in_library"] = True
    missing = library[rows < 0].reset_index(drop=True)
    placed, far, renamed = 0, 0, 0
    if len(missing):
        marked, report = place_papers(marked, missing, embedder=embedder)
        column = marked.papers["in_library"].astype("boolean").fillna(True).astype(bool)
        marked.papers["in_library"] = column
        placed = report.get("placed", 0)
        renamed = report.get("ids_renamed", 0)
        marked, far = far_from_the_map(marked, placed, report.get("far_threshold", -1.0))
    return replace(marked, params={**marked.params,
                                   "library": library_report(how, placed, far, renamed)})


def far_from_the_map(data: MapData, placed: int, threshold: float) -> tuple[MapData, int]:
    """``data`` where each of its last ``placed`` papers (the library's, just placed) whose
    nearest built paper is less similar than ``threshold`` (the placement's "far") belongs
    to no area: on the map, marked weak, every level ``-1`` and named ``FAR_NAME``; and how
    many they are."""
    if not placed:
        return data, 0
    papers, vectors = data.papers.copy(), np.asarray(data.embeddings)
    built = np.flatnonzero(~papers["placed"].astype("boolean").fillna(False).to_numpy(bool))
    new = np.arange(len(papers) - placed, len(papers))
    nearest = neighbors_among(vectors[new], vectors[built], 1)[1][:, 0]
    far = new[nearest < threshold]
    levels = [lv for lv in LEVELS if lv in papers]
    for level in levels:
        papers.iloc[far, papers.columns.get_loc(level)] = -1
        papers.iloc[far, papers.columns.get_loc(f"{level}_name")] = FAR_NAME
    papers.iloc[far, papers.columns.get_loc("weak")] = True
    return replace(data, papers=papers, summaries=counted(data.summaries, papers)), len(far)
