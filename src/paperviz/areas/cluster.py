"""Find research areas and their sub-areas; place every paper in one of each.

Default method, ``"leiden"``: community detection (Leiden, modularity) on the graph of each
paper's nearest neighbours in the full embedding space. It picks the number of areas itself;
each area is split again the same way into sub-areas. Alternative, ``"hdbscan"``: HDBSCAN on
the 2-D map, areas from its excess-of-mass clusters and sub-areas from its leaf clusters,
with noise papers joined to the area of their nearest neighbours (cuML's HDBSCAN when RAPIDS
cuML is installed, with the CPU's as the fallback). The benchmarks in
``benchmarks/quality.py`` compare both; Leiden measured better (docs/benchmarks.md).

Large corpora get one level more: where the sub-areas still hold hundreds of papers (a median
of ``TOPICS_FROM``, 200, or more), each is split the same way again into ``topic``s.

Every paper gets a ``strength``: the share of its nearest neighbours that are in its area
(for HDBSCAN, its membership probability). Papers below 0.5 are flagged ``weak``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..options import MapOptions

__all__ = ["find_areas", "renumber_by_size", "AREAS_VERSION", "SUB_MIN", "TOPICS_FROM",
           "CONSENSUS_RUNS", "PARALLEL_FROM"]

_WEAK = 0.5
# Leiden runs per consensus: enough that maps cut from nearly equal vectors of the same papers
# (fp32 and bf16) agree; fewer runs agreed less, at the same agreement with the labels
# (docs/decisions.md, "Consensus runs").
CONSENSUS_RUNS = 30
# From this many papers a consensus's runs are shared among processes, one per core (up to
# four), the same seeds, the same counts: at 40,712 papers the 30 runs on the whole graph
# took 47 of find_areas' 70 s on one core (docs/decisions.md, "Consensus runs").
PARALLEL_FROM = 15_000
SUB_MIN = 5  # papers: a smaller group is too small to read as a sub-area
TOPICS_FROM = 200  # median papers per sub-area from which sub-areas are split into topics
# Part of the key of cached layouts and areas: raise it whenever a change here finds other
# areas for the same parameters, so that results cached before are not served.
AREAS_VERSION = 4


def find_areas(
    neighbors: tuple[np.ndarray, np.ndarray],
    options: MapOptions | None = None,
    *,
    points: np.ndarray | None = None,
) -> pd.DataFrame:
    """Areas and sub-areas of the papers.

    Parameters
    ----------
    neighbors
        ``(indices, distances)`` from :func:`paperviz.areas.nearest_neighbors`; the graph
        uses all their columns.
    options
        A :class:`paperviz.MapOptions` (its ``method``, ``resolution``, ``n_areas``,
        ``min_area_size``, ``assign_noise``, ``random_state``); default ``MapOptions()``.
        With ``n_areas``, Leiden's resolution is raised (x1.5 at a time) until it finds at
        least that many areas; then the two areas whose merge raises modularity (at
        ``resolution``) most are merged, again and again, until ``n_areas`` are left.
        Fewer are returned, with a warning, when the graph cannot be cut that finely (areas
        under ``min_area_size`` papers are merged away first). Sub-areas have at least a
        quarter of ``min_area_size`` and at least ``SUB_MIN`` (5) papers.
    points
        The 2-D map coordinates: what ``method="hdbscan"`` clusters.

    Returns
    -------
    DataFrame
        One row per paper: ``area`` and ``subarea`` (numbered from 0 by size, largest
        first; sub-areas numbered across the corpus), ``topic`` when the sub-areas are
        split again (Leiden only; see the module's description), ``strength`` in [0, 1],
        ``weak``.
    """
    indices, distances = neighbors
    n = len(indices)
    if n < 2:
        raise ValueError(f"need at least 2 papers to find areas; got {n}.")
    options = (options or MapOptions()).resolved(n)
    min_size = options.min_area_size
    seed = options.random_state
    if options.method == "hdbscan":
        if points is None:
            raise ValueError("method='hdbscan' needs points= (the 2-D map coordinates).")
        area, sub, strength = _hdbscan_levels(points, indices, min_size, options.assign_noise)
    else:
        graph = _graph(indices, distances)
        if options.n_areas is None:
            area = _leiden(graph, np.arange(n), options.resolution, min_size, seed)
        else:
            area = _leiden_n(graph, options.n_areas, options.resolution, min_size, seed)
        sub = np.empty(n, dtype=int)
        for a in np.unique(area):
            members = np.flatnonzero(area == a)
            sub[members] = a * n + _leiden(graph, members, options.resolution,
                                           _sub_min(min_size), seed)
        strength = _neighbour_agreement(indices, area)
    area = renumber_by_size(area)
    sub = renumber_by_size(sub)
    found = pd.DataFrame({"area": area, "subarea": sub, "strength": strength,
                          "weak": strength < _WEAK})
    if options.method != "hdbscan":
        topic = _topics(graph, sub, options.resolution, _sub_min(min_size), seed)
        if topic is not None:
            found.insert(2, "topic", topic)
    return found


def _topics(graph, sub: np.ndarray, resolution: float, sub_min: int,
            seed: int) -> np.ndarray | None:
    """Each sub-area split on its own papers' graph into topics of at least a quarter of
    the smallest sub-area's size (and ``SUB_MIN``), when the median sub-area holds
    ``TOPICS_FROM`` papers or more; else None."""
    if np.median(np.bincount(sub)) < TOPICS_FROM:
        return None
    n = len(sub)
    topic = np.empty(n, dtype=np.int64)
    for s in np.unique(sub):
        members = np.flatnonzero(sub == s)
        topic[members] = s * n + _leiden(graph, members, resolution,
                                         max(SUB_MIN, sub_min // 4), seed)
    return renumber_by_size(topic)


def _sub_min(min_size: int) -> int:
    """Smallest sub-area: a quarter of the smallest area, and never under ``SUB_MIN`` papers."""
    return max(SUB_MIN, min_size // 4)


def _graph(indices: np.ndarray, distances: np.ndarray):
    """Undirected kNN graph weighted by cosine similarity (igraph)."""
    import igraph as ig

    n, k = indices.shape
    src = np.repeat(np.arange(n), k)
    dst = indices.ravel()
    weight = np.clip(1.0 - distances.ravel(), 1e-3, None)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    edges = pd.DataFrame({"lo": lo, "hi": hi, "w": weight}).groupby(["lo", "hi"])["w"].max()
    keys = edges.index
    # numpy pairs, not a list of lists, which at a million papers takes gigabytes
    graph = ig.Graph(n=n, edges=np.column_stack([keys.get_level_values(0),
                                                 keys.get_level_values(1)]))
    graph.es["weight"] = edges.to_numpy().tolist()
    return graph


def _leiden(graph, members: np.ndarray, resolution: float, min_size: int, seed: int):
    """Consensus Leiden communities of the subgraph on ``members``, small ones merged away.

    Leiden is run ``CONSENSUS_RUNS`` times with different seeds; each edge is then weighted by
    how often its two papers fell in one community, and Leiden runs once more on that
    consensus graph: a single run depends on its seed far more than the consensus does
    (docs/decisions.md, "Consensus runs")."""
    import igraph as ig

    if len(members) < 2 * min_size:
        return np.zeros(len(members), dtype=int)
    sub = graph.induced_subgraph(members.tolist()) if len(members) < graph.vcount() else graph
    edges = np.asarray(sub.get_edgelist())
    if len(edges) == 0:
        return np.zeros(len(members), dtype=int)
    weights = np.asarray(sub.es["weight"])
    seeds = [seed * 1000 + i for i in range(CONSENSUS_RUNS)]
    agree = _together(sub, edges, weights, resolution, seeds) / CONSENSUS_RUNS
    consensus = ig.Graph(n=sub.vcount(), edges=edges)
    consensus.es["weight"] = (weights * agree + 1e-6).tolist()
    return _merge_small(sub, _leiden_once(consensus, resolution, seed), min_size)


def _together(graph, edges: np.ndarray, weights: np.ndarray, resolution: float,
              seeds: list[int]) -> np.ndarray:
    """How many of the seeded Leiden runs put each edge's two papers together: in this
    process, or on a large graph shared with other processes (each rebuilds the graph from
    its edges, in their order, and runs its share of the seeds; the counts add up to the
    same numbers)."""
    import os

    workers = min(os.cpu_count() or 1, 4)
    if graph.vcount() < PARALLEL_FROM or workers < 2:
        return _count_together(graph.vcount(), edges, weights, resolution, seeds, graph)
    from joblib.externals.loky import get_reusable_executor

    # loky's workers start fresh (no fork of a process running threads) without running
    # the user's script again, and are kept for the next call
    shares = [seeds[i::workers] for i in range(workers)]
    try:
        pool = get_reusable_executor(max_workers=workers - 1)
        others = [pool.submit(_count_together, graph.vcount(), edges, weights, resolution,
                              share) for share in shares[1:]]
    except OSError:  # no processes to be had here (a sandbox): the same counts, in turn
        return _count_together(graph.vcount(), edges, weights, resolution, seeds, graph)
    together = _count_together(graph.vcount(), edges, weights, resolution, shares[0], graph)
    for other in others:
        together += other.result()
    return together


def _count_together(n: int, edges: np.ndarray, weights: np.ndarray, resolution: float,
                    seeds: list[int], graph=None) -> np.ndarray:
    """Runs of Leiden with ``seeds`` on the graph (given, or built from ``edges`` and
    ``weights``), one at a time (every run's labels held would add up): how many put each
    edge's two ends together."""
    if graph is None:
        import igraph as ig

        graph = ig.Graph(n=n, edges=edges)
        graph.es["weight"] = weights.tolist()
    together = np.zeros(len(edges))
    for run_seed in seeds:
        labels = _leiden_once(graph, resolution, run_seed)
        together += labels[edges[:, 0]] == labels[edges[:, 1]]
    return together


def _leiden_n(graph, n_areas: int, resolution: float, min_size: int, seed: int) -> np.ndarray:
    """``n_areas`` areas: Leiden at a resolution raised until it finds at least that many,
    then merged down to ``n_areas`` by modularity at the resolution asked for (see
    :func:`find_areas`)."""
    members = np.arange(graph.vcount())
    labels = _leiden(graph, members, resolution, min_size, seed)
    finer = resolution
    for _ in range(16):  # up to 1.5**16 (~650) times the resolution asked for
        if len(np.unique(labels)) >= n_areas:
            return _merge_to(graph, labels, n_areas, resolution)
        finer *= 1.5
        labels = _leiden(graph, members, finer, min_size, seed)
    if len(np.unique(labels)) < n_areas:
        import warnings

        warnings.warn(f"asked for {n_areas} areas, but the neighbour graph splits into only "
                      f"{len(np.unique(labels))} with areas of at least {min_size} papers; "
                      "lower min_area_size for more.", stacklevel=3)
    return _merge_to(graph, labels, n_areas, resolution)


def _merge_to(graph, labels: np.ndarray, n_areas: int, resolution: float) -> np.ndarray:
    """Merge communities, the pair whose merge raises modularity most (at ``resolution``)
    first, until at most ``n_areas`` are left."""
    _, labels = np.unique(labels, return_inverse=True)
    edges = np.asarray(graph.get_edgelist()).reshape(-1, 2)
    weights = np.asarray(graph.es["weight"], dtype=float)
    total = weights.sum()
    while labels.max() + 1 > n_areas:
        k = labels.max() + 1
        a, b = labels[edges[:, 0]], labels[edges[:, 1]]
        strength = np.bincount(a, weights, k) + np.bincount(b, weights, k)
        between = np.zeros((k, k))
        np.add.at(between, (a, b), weights)
        between += between.T
        gain = between / total - resolution * np.outer(strength, strength) / (2 * total**2)
        np.fill_diagonal(gain, -np.inf)
        i, j = sorted(np.unravel_index(np.argmax(gain), gain.shape))
        labels[labels == j] = i
        labels[labels > j] -= 1
    return labels


def _leiden_once(graph, resolution: float, seed: int) -> np.ndarray:
    """One seeded run of igraph's Leiden (modularity). igraph draws from one process-wide
    random generator: it is seeded for the call and handed back to Python's afterwards."""
    import random

    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        partition = graph.community_leiden(objective_function="modularity", weights="weight",
                                           resolution=resolution, n_iterations=2)
    finally:
        ig.set_random_number_generator(random)
    return np.asarray(partition.membership)


def _merge_small(graph, labels: np.ndarray, min_size: int) -> np.ndarray:
    """Merge each community smaller than ``min_size``, smallest first (ties: lowest label),
    into the community it shares the most edge weight with (ties: lowest label); one with
    no edge to another joins the largest (ties: lowest label).

    The edges are summed once into a graph of the communities, and merging updates only the
    merged community's entries there, so a million papers' graph is read once, not once per
    merge."""
    import heapq

    ids, compact = np.unique(labels, return_inverse=True)
    sizes = np.bincount(compact).tolist()
    edges = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    a, b = compact[edges[:, 0]], compact[edges[:, 1]]
    cross = a != b
    weights = np.asarray(graph.es["weight"], dtype=float)[cross] if len(edges) else np.zeros(0)
    pairs = pd.Series(weights).groupby([np.minimum(a, b)[cross], np.maximum(a, b)[cross]]).sum()
    links: list[dict[int, float]] = [{} for _ in sizes]
    for (i, j), w in pairs.items():
        links[i][j] = links[j][i] = w
    into = list(range(len(sizes)))  # each community's final community
    alive = set(range(len(sizes)))
    queue = [(size, c) for c, size in enumerate(sizes)]
    heapq.heapify(queue)
    while len(alive) > 1 and queue:
        size, small = heapq.heappop(queue)
        if small not in alive or size != sizes[small]:
            continue  # merged away, or grown since it was queued
        if size >= min_size:
            break
        if links[small]:
            best = max(links[small].values())
            target = min(c for c, w in links[small].items() if w == best)
        else:  # isolated: the largest community
            target = min(alive - {small}, key=lambda c: (-sizes[c], c))
        gone, links[small] = links[small], {}
        for other, w in gone.items():
            del links[other][small]
            if other != target:
                links[target][other] = links[other][target] = links[target].get(other, 0.0) + w
        alive.discard(small)
        into[small] = target
        sizes[target] += sizes[small]
        heapq.heappush(queue, (sizes[target], target))
    final = np.array(into)
    for _ in range(len(final)):  # follow chains of merges to their end
        nxt = final[final]
        if np.array_equal(nxt, final):
            break
        final = nxt
    return ids[final][compact]


def _neighbour_agreement(indices: np.ndarray, labels: np.ndarray) -> np.ndarray:
    return (labels[indices] == labels[:, None]).mean(axis=1)


def _cpu_hdbscan(x: np.ndarray, settings: dict):
    import hdbscan

    model = hdbscan.HDBSCAN(**settings).fit(x)
    return model.labels_, model.probabilities_


def _gpu_hdbscan(x: np.ndarray, settings: dict):
    """cuML's HDBSCAN when it is installed, else None; a GPU that fails warns and gives None,
    so the CPU's hdbscan runs instead."""
    try:
        from cuml.cluster.hdbscan import HDBSCAN
    except Exception:  # not installed, or no usable GPU
        return None
    try:
        model = HDBSCAN(**settings, output_type="numpy").fit(x)
        return model.labels_, model.probabilities_
    except Exception as exc:
        import warnings

        warnings.warn(f"cuML's HDBSCAN failed ({exc}); using hdbscan on the CPU.", stacklevel=3)
        return None


def _hdbscan_levels(points, indices, min_size, assign_noise):
    x = np.asarray(points, dtype=np.float64)
    n = len(x)
    if np.ptp(x, axis=0).max() < 1e-9:  # every paper at one point (identical texts)
        zeros = np.zeros(n, dtype=int)
        return zeros, zeros, np.ones(n)
    results = []
    for selection in ("eom", "leaf"):
        settings = {"min_cluster_size": max(2, min_size),
                    "cluster_selection_method": selection,
                    "allow_single_cluster": selection == "eom"}
        labels, probabilities = _gpu_hdbscan(x, settings) or _cpu_hdbscan(x, settings)
        results.append((np.asarray(labels).astype(int),
                        np.nan_to_num(np.asarray(probabilities, dtype=float))))
    (area, strength), (leaf, _) = results
    noise = area < 0
    if noise.all():  # no structure found: one area
        area, strength = np.zeros(n, dtype=int), np.zeros(n)
    elif assign_noise:
        area = _join_nearest(indices, area)
    leaf = _join_nearest(indices, leaf) if (leaf >= 0).any() else np.zeros(n, dtype=int)
    sub = np.where(area < 0, -1, area * (leaf.max() + 1) + leaf)  # sub-areas nest in areas
    return area, sub, np.where(noise, 0.0, strength)


def _join_nearest(indices: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Give each unlabelled (-1) paper the label most common among its labelled neighbours,
    repeating so that labels spread to papers whose neighbours were all unlabelled."""
    labels = labels.copy()
    for _ in range(len(labels)):
        todo = np.flatnonzero(labels < 0)
        if len(todo) == 0:
            break
        neigh = labels[indices[todo]]
        changed = False
        for row, paper in zip(neigh, todo, strict=True):
            known = row[row >= 0]
            if len(known):
                values, counts = np.unique(known, return_counts=True)
                labels[paper] = values[np.argmax(counts)]
                changed = True
        if not changed:  # nothing labelled is reachable: one more area for the rest
            labels[todo] = labels.max() + 1
    return labels


def renumber_by_size(labels: np.ndarray) -> np.ndarray:
    """Number labels 0.. by decreasing size (ties by old label); -1 stays -1."""
    labels = np.asarray(labels)
    valid = labels[labels >= 0]
    if len(valid) == 0:
        return labels.astype(int)
    old, counts = np.unique(valid, return_counts=True)
    order = old[np.lexsort((old, -counts))]
    lookup = dict(zip(order.tolist(), range(len(order)), strict=True))
    return np.array([lookup.get(v, -1) for v in labels.tolist()], dtype=int)
