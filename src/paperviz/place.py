"""Place new papers onto a finished map without moving anything already on it.

A new paper is embedded with the map's own model and backend, then:

- its position is a weighted mean of the positions of its ``map_neighbors`` nearest papers
  on the map (by cosine of the vectors), each weighted ``exp(SHARPNESS * (similarity -
  best similarity))``: close to its nearest paper, pulled a little toward the next ones.
  This kept more of a paper's nearest papers on the map than plain similarity weights and
  than UMAP's own ``transform`` (``benchmarks/place.py``; docs/placement-and-trends.md),
  and does not need the UMAP model, which a saved map does not keep;
- its area is the one most of its ``graph_neighbors`` nearest papers are in (ties: the
  larger summed similarity), its sub-area the one most of those in that area are in;
- its ``strength`` is the share of those neighbours in its area, as for a built paper, and
  it is ``weak`` below 0.5.

Existing papers, area numbers and names are unchanged. :func:`drift` says how well the new
papers fit: how many are weak, and how many are farther from every paper of the map than
almost all built papers are from their nearest one; past a threshold, a rebuild is due.
"""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pandas as pd

from .areas import neighbors_among
from .columns import set_apart
from .corpus import is_global_id, normalised_titles
from .embedding import Embedder
from .levels import recorded_levels
from .mapdata import MapData, counted
from .options import MapOptions

__all__ = ["place_papers", "place_vectors", "drift", "crosswalk",
           "FAR_QUANTILE", "REBUILD_FAR_SHARE", "REBUILD_WEAK_EXCESS", "REBUILD_GROWTH",
           "SHARPNESS"]

FAR_QUANTILE = 0.05  # a new paper is "far" when its nearest built paper is less similar than
# this share of built papers are to theirs
REBUILD_FAR_SHARE = 0.15  # three times the share of built papers that are that far
REBUILD_WEAK_EXCESS = 0.15  # weak share above the built papers' by this much
REBUILD_GROWTH = 0.5  # placed papers over this share of the built ones
SHARPNESS = 200.0  # a neighbour 0.01 less similar than the nearest weighs exp(-2) = 0.14


def _vote(labels: np.ndarray, weights: np.ndarray, counted: np.ndarray | None = None
          ) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the label most of the row's (``counted``) neighbours carry, ties going to the
    larger summed weight, and the share of the row's neighbours that carry it."""
    n, k = labels.shape
    counted = np.ones_like(labels, dtype=bool) if counted is None else counted
    values, codes = np.unique(labels, return_inverse=True)
    codes = codes.reshape(n, k)
    rows = np.repeat(np.arange(n), k).reshape(n, k)
    counts = np.zeros((n, len(values)))
    mass = np.zeros((n, len(values)))
    np.add.at(counts, (rows[counted], codes[counted]), 1.0)
    np.add.at(mass, (rows[counted], codes[counted]), weights[counted])
    # counts decide; the summed similarity (within -k..k) only breaks their ties
    best = np.argmax(counts * (4 * k + 1) + mass, axis=1)
    return values[best], counts[np.arange(n), best] / k


def place_vectors(papers: pd.DataFrame, embeddings: np.ndarray, new: np.ndarray,
                  options: MapOptions, levels: list[str] | None = None) -> pd.DataFrame:
    """Map columns for new papers with vectors ``new``: ``x``, ``y``, ``area``,
    ``subarea`` (and ``topic`` when ``levels``, the map's, hold topics), ``strength``,
    ``weak``, ``nearest_similarity`` (to the closest paper on the map); one row per new
    vector."""
    k_map = options.map_neighbors or 15
    k_graph = options.graph_neighbors or 15
    idx, sim = neighbors_among(new, embeddings, max(k_map, k_graph))
    xy = papers[["x", "y"]].to_numpy(dtype=float)
    w = np.exp(SHARPNESS * (sim[:, :k_map] - sim[:, :1]))
    pos = (xy[idx[:, :k_map]] * w[..., None]).sum(axis=1) / w.sum(axis=1, keepdims=True)
    area_of = papers["area"].to_numpy()
    sub_of = papers["subarea"].to_numpy()
    near, near_sim = idx[:, :k_graph], sim[:, :k_graph]
    area, strength = _vote(area_of[near], near_sim)
    sub = _vote(sub_of[near], near_sim, counted=area_of[near] == area[:, None])[0]
    out = pd.DataFrame({"x": pos[:, 0], "y": pos[:, 1], "area": area, "subarea": sub,
                        "strength": strength, "weak": strength < 0.5,
                        "nearest_similarity": sim[:, 0]})
    if "topic" in (levels or []):  # the vote of the neighbours inside the sub-area
        topic_of = papers["topic"].to_numpy()
        out["topic"] = _vote(topic_of[near], near_sim,
                             counted=sub_of[near] == sub[:, None])[0]
    return out


def drift(papers: pd.DataFrame, embeddings: np.ndarray, placed: pd.DataFrame) -> dict:
    """How well placed papers fit the map: a report with ``placed``, ``weak_share`` (and the
    built papers' ``built_weak_share``), ``far_share`` (nearest built paper less similar
    than for 95% of built papers), ``far_threshold``, each area's share of the new papers,
    and ``rebuild_due`` with the ``reasons``."""
    built = ~papers.get("placed", pd.Series(False, index=papers.index)).to_numpy(dtype=bool)
    base = embeddings[np.flatnonzero(built)]
    # each built paper's similarity to its nearest other paper (on a sample of 2,000: the
    # nearest of a sampled paper's two is itself)
    sample = np.random.default_rng(0).permutation(len(base))[:2000]
    own = neighbors_among(base[sample], base, 2)[1][:, 1]
    threshold = float(np.quantile(own, FAR_QUANTILE))
    n = len(placed)
    weak_share = float(placed["weak"].mean()) if n else 0.0
    built_weak = float(papers.loc[built, "weak"].mean())
    far_share = float((placed["nearest_similarity"] < threshold).mean()) if n else 0.0
    reasons = []
    if far_share > REBUILD_FAR_SHARE:
        reasons.append(f"{far_share:.0%} of the new papers are far from every paper of the map "
                       f"(over {REBUILD_FAR_SHARE:.0%}): a new topic the map does not have")
    if weak_share > built_weak + REBUILD_WEAK_EXCESS:
        reasons.append(f"{weak_share:.0%} of the new papers sit between areas (weak), against "
                       f"{built_weak:.0%} of the built ones")
    total_placed = n + int((~built).sum())
    if total_placed > REBUILD_GROWTH * built.sum():
        reasons.append(f"the map has grown by {total_placed / built.sum():.0%} since it was "
                       "built")
    return {"placed": n, "weak_share": round(weak_share, 4),
            "built_weak_share": round(built_weak, 4), "far_share": round(far_share, 4),
            "far_threshold": round(threshold, 4),
            "by_area": {int(a): round(float(s), 4)
                        for a, s in placed["area"].value_counts(normalize=True).items()},
            "rebuild_due": bool(reasons), "reasons": reasons,
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def crosswalk(old: pd.DataFrame, new: pd.DataFrame, level: str = "area") -> pd.DataFrame:
    """Where each old area's papers went in a rebuild: one row per (old, new) pair with
    ``papers`` and ``share`` of the old area's papers, largest first, matched by
    ``paper_id``; ``main`` marks each old area's largest destination."""
    merged = old[["paper_id", level, f"{level}_name"]].merge(
        new[["paper_id", level, f"{level}_name"]], on="paper_id", suffixes=("_old", "_new"))
    counts = (merged.groupby([f"{level}_old", f"{level}_name_old", f"{level}_new",
                              f"{level}_name_new"]).size().rename("papers").reset_index())
    counts["share"] = counts["papers"] / counts.groupby(f"{level}_old")["papers"].transform("sum")
    counts = counts.sort_values([f"{level}_old", "papers"], ascending=[True, False])
    counts["main"] = ~counts.duplicated(f"{level}_old")
    return counts.reset_index(drop=True)


def _new_papers(papers: pd.DataFrame, corpus: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """The papers of ``corpus`` not on the map yet, how many were, and how many new ones had
    an id of the map's and got another. A paper is on the map when its ``paper_id`` is, and
    the id names a paper anywhere (a DOI, an arXiv id ...) or its title is the one there: an
    id like ``"1"`` from another export is another paper's."""
    on_map = dict(zip(papers["paper_id"].astype(str), normalised_titles(papers["title"]),
                      strict=False))
    ids = corpus["paper_id"].astype(str)
    there = ids.map(on_map)
    same = there.notna() & (is_global_id(ids) | (there == normalised_titles(corpus["title"])))
    fresh = corpus[~same.to_numpy()].reset_index(drop=True)
    clash = fresh["paper_id"].astype(str).isin(on_map).to_numpy()
    if clash.any():
        taken = set(on_map) | set(fresh["paper_id"].astype(str))
        new_ids = fresh["paper_id"].astype(str).to_numpy().copy()
        for i in np.flatnonzero(clash):
            suffix = 2
            while f"{new_ids[i]}-{suffix}" in taken:
                suffix += 1
            new_ids[i] = f"{new_ids[i]}-{suffix}"
            taken.add(new_ids[i])
        fresh = fresh.assign(paper_id=new_ids)
    return fresh, int(same.sum()), int(clash.sum())


def place_papers(data: MapData, corpus: pd.DataFrame, *, embedder: Embedder | None = None,
                 show_progress: bool | None = None) -> tuple[MapData, dict]:
    """The map ``data`` with the new papers of ``corpus`` added (papers whose ``paper_id``
    is already on the map are left out and counted), nothing of it moved or renamed, and
    the placement report (:func:`drift`, plus ``already_on_map`` and ``message``), which
    is also added to the new map's ``params["placements"]``. The new papers carry
    ``placed=True`` and ``placed_on`` (today, UTC); the built ones ``placed=False``."""
    papers, embeddings, params = data.papers, data.embeddings, data.params
    options = data.options
    missing = [c for c in ("paper_id", options.text) if c not in corpus.columns]
    if missing:
        raise ValueError(f"the new corpus lacks columns {missing}; load it with "
                         "paperviz.load_corpus().")
    if "backend" not in params or "model_name" not in params:
        raise ValueError("this map was saved by an earlier paperviz that did not record its "
                         "model's backend, so new papers cannot be embedded the same way; "
                         "rebuild it with `paperviz map` (or build_map) and place onto that.")
    embedder = _same_embedder(params, embedder, show_progress)
    corpus = set_apart(corpus)[0]  # its own "area", "x" ... kept apart, as build_map does
    fresh, already, clashes = _new_papers(papers, corpus)
    base = papers.copy()
    if "placed" not in base:
        base["placed"] = False
        base["placed_on"] = None
    if fresh.empty:
        report = {"placed": 0, "already_on_map": already, "rebuild_due": False, "reasons": [],
                  "message": f"all {already} papers are already on the map: nothing added"}
        return _placed_map(data, base, embeddings, report), report
    vectors = embedder.encode(fresh[options.text].fillna("").astype(str).tolist())
    if vectors.shape[1] != embeddings.shape[1]:
        raise ValueError(f"new vectors have {vectors.shape[1]} dimensions, the map's "
                         f"{embeddings.shape[1]}: not the same model.")
    levels = recorded_levels(params, base)
    placed = place_vectors(base, embeddings, vectors, options, levels)
    report = drift(base, embeddings, placed)
    report["already_on_map"] = already
    report["ids_renamed"] = clashes
    names = {level: dict(zip(base[level], base[f"{level}_name"], strict=False))
             for level in levels}
    added = fresh.copy()
    for col in ("x", "y", "area", "subarea", "topic", "strength", "weak"):
        if col in placed:
            added[col] = placed[col].to_numpy().astype(base[col].dtype)
    if "field" in levels:  # fields hold whole areas: a paper's field is its area's
        field_of = dict(zip(base["area"], base["field"], strict=False))
        added["field"] = added["area"].map(field_of).fillna(-1).astype(base["field"].dtype)
    for level in levels:
        added[f"{level}_name"] = added[level].map(names[level]).fillna("Unassigned")
    added["placed"] = True
    added["placed_on"] = datetime.now(timezone.utc).date().isoformat()
    report["message"] = (f"placed {len(added)} new papers ({already} already on the map"
                         + (f"; {clashes} of them had the id of another paper on it and got "
                            "a new one" if clashes else "") + "); "
                         f"{report['weak_share']:.0%} weakly, {report['far_share']:.0%} far "
                         "from every paper of the map"
                         + ("; a rebuild is due: " + "; ".join(report["reasons"])
                            if report["rebuild_due"] else ""))
    out = pd.concat([base, added[[c for c in added.columns if c in base.columns]
                                 + [c for c in added.columns if c not in base.columns]]],
                    ignore_index=True)
    return _placed_map(data, out, np.vstack([np.asarray(embeddings), vectors]), report), report


def _same_embedder(params: dict, embedder: Embedder | None,
                   show_progress: bool | None) -> Embedder:
    """The embedder that embedded the map (its model, backend and word-piece budget), or
    ``embedder`` where it is that one; else an error saying what differs."""
    budget = params.get("max_tokens")  # None (maps saved before budgets): full length
    if embedder is None:
        return Embedder(params["model_name"], backend=params["backend"],
                        show_progress=show_progress, max_tokens=budget)
    if ((embedder.model_name, embedder.prepare().backend)
            != (params["model_name"], params["backend"])):
        raise ValueError(f"the map was embedded with {params['model_name']!r} on "
                         f"{params['backend']!r}; the embedder given runs "
                         f"{embedder.model_name!r} on {embedder.backend!r}. Their vectors "
                         "cannot share a map.")
    if embedder.max_tokens != embedder.budget(budget):
        raise ValueError(f"the map's papers were embedded reading {embedder.budget(budget)} "
                         "word pieces each; "
                         f"the embedder given reads {embedder.max_tokens}. Give "
                         f"Embedder(..., max_tokens={budget}), or no embedder.")
    return embedder


def _placed_map(data: MapData, papers: pd.DataFrame, embeddings: np.ndarray,
                report: dict) -> MapData:
    """``data`` with these papers and vectors, the placement recorded in its params."""
    record = {k: v for k, v in report.items() if k != "by_area"}
    params = {**data.params, "placements": [*data.params.get("placements", []), record]}
    return MapData(papers=papers, summaries=counted(data.summaries, papers),
                   embeddings=embeddings, params=params)
