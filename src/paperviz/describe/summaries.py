"""Describe each area: a readable name, key phrases, representative papers, similar areas.

The table of contents of naming, level by level (docs/names.md has the rule of each step):
:mod:`~paperviz.describe.counts` (the phrases of every paper, once) ->
:mod:`~paperviz.describe.keyphrases` (c-TF-IDF) -> :mod:`~paperviz.describe.candidates`
(what people wrote) -> :mod:`~paperviz.describe.filters` (what can be a name part) ->
:mod:`~paperviz.describe.scores` (strength, resampling, order) ->
:mod:`~paperviz.describe.choice` (one name per area, unique across the level) ->
:mod:`~paperviz.describe.themes` (below the top: second themes, a parent's subject first);
:mod:`~paperviz.describe.broad` (the top levels' broad names, then the rules that read
several levels).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from ..areas.neighbors import area_centres
from .broad import broad_names, dimensions_qualified, map_names
from .candidates import AreaCandidates
from .choice import CLAIM_FLOOR, name_level
from .counts import PhraseCounts, narrowed, phrase_counts
from .disciplines import common_methods
from .keyphrases import KeyPhrases
from .namers import Namer
from .phrases import pretty
from .scores import (
    CENTRAL,
    NEAR_FIRST,
    NEARER_FIRST,
    Ranked,
    meaning,
    much_nearer_first,
    near_first,
    nearer_first,
    rank,
    support,
    users,
    without_common,
)
from .themes import refine_below_top
from .topicnames import WEAK
from .words import repeats_any

__all__ = ["describe_levels", "Namer", "COLUMNS"]

COLUMNS = ["level", "area", "name", "support", "parent", "children", "size", "share",
           "key_phrases", "representative_ids", "representative_titles", "similar_areas"]
REPRESENTATIVE = 3  # papers listed per area, nearest its mean direction
NAMER_TITLES = 12  # titles an optional namer reads per area, nearest its mean direction
SIMILAR = 3  # areas listed per area, of the nearest means

def describe_levels(
    corpus: pd.DataFrame,
    levels: dict[str, np.ndarray],
    embeddings: np.ndarray,
    *,
    n_phrases: int = 8,
    namer: Namer | None = None,
    core: tuple[str, str] | None = None,
    disciplines: pd.DataFrame | None = None,
    term_vectors: Callable[[list[str]], np.ndarray] | None = None,
) -> pd.DataFrame:
    """Summaries of every area at every level: one row per (level, area).

    Parameters
    ----------
    corpus
        Needs ``paper_id``, ``title`` and ``text``.
    levels
        Level name to one area number per paper, coarse to fine (``{"area": ...,
        "subarea": ...}``); each finer area lies inside one area of the level before.
        Papers numbered -1 (unassigned) are in no area.
    embeddings
        Unit vectors, row-aligned with ``corpus``: representative papers are the ones
        nearest their area's mean direction, similar areas the ones with the nearest means.
    n_phrases
        How many key phrases to list (``REPRESENTATIVE`` representative papers and
        ``SIMILAR`` similar areas are listed).
    namer
        Optional namer, e.g. :func:`paperviz.llm_namer` (a language model), or any
        ``namer(key_phrases, representative_titles) -> name``. Not called unless given; a
        name it does not give, or that is empty, too long or taken, falls back to the
        built-in one (see :mod:`paperviz.describe.namers`).
    disciplines
        Each paper's ``subfield`` and ``field`` (row-aligned with ``corpus``; see
        :func:`paperviz.describe.disciplines.paper_disciplines`): an area of the top level
        that is plainly one discipline is named by it (see
        :mod:`paperviz.describe.disciplines`); and its ``topic``: below the top, a method
        common to the corpus ('deep learning') yields to a candidate a quarter as wide (see
        :func:`~paperviz.describe.scores.without_common`). None: every name is mined from
        the papers.
    term_vectors
        Unit vectors of phrases in the model that made ``embeddings`` (e.g. the embedder's
        ``encode``): below the core's top level, of an area's first candidates one nearer in
        meaning to its papers and used as widely goes first, and a first one far from them
        gives way to a near one (see :func:`paperviz.describe.scores.nearer_first`,
        :func:`~paperviz.describe.scores.near_first`). None: candidates are ordered by what
        the papers write alone.

    Returns
    -------
    DataFrame
        Columns ``level``, ``area``, ``name`` (a noun phrase, two joined by '&' where
        another area of the level has the first or, below the top, where a second theme
        makes the name hold for more of its papers; unique within its level: see
        :mod:`paperviz.describe.choice` and :mod:`paperviz.describe.themes`), ``support``
        (the share of the area's papers the name holds for: that use one of its parts, in
        any written form, in the title, abstract or keywords; for a discipline's name, that
        match the discipline; None for a namer's), ``parent`` (area number in the level
        before; -1 at the top), ``children``, ``size``, ``share``, ``key_phrases``,
        ``representative_ids``, ``representative_titles``, ``similar_areas`` (names of the
        most similar areas of the same level). A sub-area's name also differs from every
        name of the level above and repeats no part of its parent's, except where it is its
        parent's only child (the same papers): then it has its parent's name; and where most
        of its papers use a part of its parent's name and few its own: then that part comes
        first ('Fairness & Sensitive Attributes', see
        :func:`~paperviz.describe.themes.parents_subject_first`).
    """
    names = list(levels)
    if not names:
        return pd.DataFrame(columns=COLUMNS)
    counts = phrase_counts(corpus)
    common = (common_methods(disciplines["topic"])  # (asked below the core's top only)
              if disciplines is not None and "topic" in disciplines else None)
    # The core levels are named as a map of those levels alone would name them; levels
    # below the core after it, each inside its parent; levels above it last, after the level
    # below them. Adding fields or topics to a map leaves its areas' names as they were.
    lo, hi = (names.index(core[0]), names.index(core[-1])) if core else (0, len(names) - 1)
    labels = [np.asarray(levels[name]) for name in names]
    parts: dict[int, pd.DataFrame] = {}
    centres: dict[int, np.ndarray] = {}
    for depth in [*range(lo, len(names)), *range(lo - 1, -1, -1)]:
        plan = _plan(labels, parts, depth, lo, hi)
        table, centres[depth] = _describe_level(corpus, counts, embeddings, plan,
                                                n_phrases=n_phrases, term_vectors=term_vectors,
                                                common=common if depth > lo else None)
        if depth == lo:  # its broad names before the level below avoids them
            table = broad_names(table, labels[lo], disciplines,
                                labels[lo + 1] if lo < hi else None, counts)
        table = dimensions_qualified(table, labels[depth], disciplines)  # '3D' -> '3D ...'
        parts[depth] = table.assign(level=names[depth])
    _link_outside_core(parts, labels, lo, hi)
    tables = map_names([parts[d] for d in range(len(names))], labels, lo, names,
                       disciplines, namer)
    for depth, table in enumerate(tables):
        table["similar_areas"] = _similar(table["name"].tolist(), centres[depth], SIMILAR)
    return pd.concat(tables, ignore_index=True)[COLUMNS]


@dataclass(frozen=True)
class _Level:
    """One level to describe, and where it sits among the others."""

    labels: np.ndarray  # its area per paper (-1: none)
    finer: np.ndarray | None  # the level below, named with it (its areas' coverage counts)
    coarser: np.ndarray | None  # the level above, named before it (siblings, parents)
    parent_names: dict  # names of the level above, by area: no name repeats its parent's parts
    taken: frozenset  # names (lower case) its names must differ from
    spanning: bool  # named after the level below it: its names are terms its areas share
    child_names: dict = field(default_factory=dict)  # spanning: the level below's names


def _plan(labels: list[np.ndarray], named: dict[int, pd.DataFrame], depth: int, lo: int,
          hi: int) -> _Level:
    """How level ``depth`` is named, given the levels ``named`` so far: inside the core
    and below it, after the level above (its parents); above the core, after the level
    below, whose names it must not take."""
    if depth < lo:
        below = named[depth + 1]
        return _Level(labels[depth], labels[depth + 1], None, {},
                      frozenset(n.lower() for n in below["name"]), spanning=True,
                      child_names=dict(zip(below["area"], below["name"], strict=True)))
    above = named.get(depth - 1) if depth > lo else None
    parents = {} if above is None else dict(zip(above["area"], above["name"], strict=True))
    finer = labels[depth + 1] if depth != hi and depth + 1 < len(labels) else None
    return _Level(labels[depth], finer, labels[depth - 1] if depth > lo else None, parents,
                  frozenset(p.strip().lower() for n in parents.values()  # and each part
                            for p in [n, *n.split(" & ")]), spanning=False)  # of a name


def _link_outside_core(parts: dict[int, pd.DataFrame], labels: list[np.ndarray], lo: int,
                       hi: int) -> None:
    """Parents and children across the core's edges (the core links its own levels as it
    names them)."""
    for depth in range(len(labels) - 1):
        if depth < lo or depth == hi:
            pairs = pd.DataFrame({"upper": labels[depth], "lower": labels[depth + 1]})
            parent = pairs.groupby("lower")["upper"].first()
            children = pairs.drop_duplicates().groupby("upper")["lower"].agg(sorted)
            parts[depth + 1]["parent"] = [int(parent[a]) for a in parts[depth + 1]["area"]]
            parts[depth]["children"] = [[int(c) for c in children[a]]
                                        for a in parts[depth]["area"]]


def _describe_level(corpus: pd.DataFrame, counts: PhraseCounts, embeddings: np.ndarray,
                    level: _Level, *, n_phrases: int,
                    term_vectors: Callable[[list[str]], np.ndarray] | None = None,
                    common: Callable[[str], bool] | None = None
                    ) -> tuple[pd.DataFrame, np.ndarray]:
    """Summaries of one level (without ``similar_areas``), and the areas' centres
    (``common``: methods common to the corpus, which yield to a wide candidate here)."""
    labels = level.labels
    ids = sorted(int(a) for a in np.unique(labels) if a >= 0)
    if not ids:
        return pd.DataFrame(columns=[c for c in COLUMNS if c != "similar_areas"]), \
            np.zeros((0, embeddings.shape[1]), dtype=np.float32)
    counts = narrowed(counts, labels, ids)
    sizes = np.array([(labels == a).sum() for a in ids])
    tops, doc_freq = KeyPhrases(n_phrases).fit(counts).top(
        labels, ids, sizes, coarser=level.coarser, finer=level.finer)
    sources = AreaCandidates(counts, labels, ids, level.coarser, doc_freq, sizes)
    spanning = level.finer if level.spanning else None

    def ranked(row: int, loose: bool = False) -> Ranked:
        papers = np.flatnonzero(labels == ids[row])
        return rank(sources.of(row, papers, loose), counts.resamples[papers], counts.surface,
                    None if spanning is None else spanning[papers])

    centres = area_centres(embeddings, labels, ids)
    rows, found, avoid, central = [], [], [], []
    for row, area in enumerate(ids):
        papers = np.flatnonzero(labels == area)
        nearest = np.argsort(-(embeddings[papers] @ centres[row]), kind="stable")
        central.append(nearest[:CENTRAL])  # (positions among the area's papers)
        rows.append(_area_row(corpus, level, area, papers[nearest],
                              [pretty(p, counts.surface) for p in tops[row]]))
        found.append(_held_widely(ranked(row), partial(ranked, row, True), level.taken)
                     if level.spanning else ranked(row))  # (a field's: held by many)
        avoid.append(_avoided(level, rows[-1]["parent"], papers))
    found, says, near = (_below_top(found, avoid, centres, central, counts.surface, common,
                                    term_vectors)  # (the top's candidates are broad)
                         if level.coarser is not None else (found, None, None))
    names = name_level([r.terms for r in found], [r.covers for r in found], avoid,
                       level.taken, counts.surface, lambda row: ranked(row, True).terms, ids,
                       says)
    if level.coarser is not None:  # themes joined, a parent's subject first
        names = refine_below_top(names, found, None if says is None else (says, near), avoid,
                                 counts.surface, level.taken, central, _parent_sizes(level, rows))
    for row, name in enumerate(names):
        rows[row]["name"] = name
        rows[row]["support"] = (support(name, found[row], counts.surface)  # a fallback's
                                or support(name, ranked(row, True), counts.surface))  # parts
        if level.coarser is None and level.finer is not None and not level.spanning:
            rows[row]["child_support"] = _child_support(
                users(name, found[row], counts.surface), level.finer[labels == ids[row]])
    return pd.DataFrame(rows), centres


def _area_row(corpus: pd.DataFrame, level: _Level, area: int, papers: np.ndarray,
              key_phrases: list[str]) -> dict:
    """One area's summary before it is named (``papers``: its papers' rows in ``corpus``,
    nearest its centre first): its parent, children, size, key phrases, representative
    papers, and the central titles an optional namer reads (no column of the summaries)."""
    return {
        "area": area, "name": None,
        "parent": (int(pd.Series(level.coarser[papers]).mode().iloc[0])
                   if level.coarser is not None else -1),
        "size": len(papers),
        "children": (sorted(int(c) for c in np.unique(level.finer[papers]))
                     if level.finer is not None else []),
        "share": len(papers) / len(level.labels), "key_phrases": key_phrases,
        "representative_ids": corpus["paper_id"].iloc[papers[:REPRESENTATIVE]].tolist(),
        "representative_titles": corpus["title"].iloc[papers[:REPRESENTATIVE]].tolist(),
        "central_titles": corpus["title"].iloc[papers[:NAMER_TITLES]].tolist(),
    }


def _parent_sizes(level: _Level, rows: list[dict]) -> list[int]:
    """The papers of each area's parent (``rows``: the level's areas, with their parents)."""
    return [int(np.sum(level.coarser == row["parent"])) for row in rows]


def _below_top(found: list[Ranked], avoid: list[tuple[str, ...]], centres: np.ndarray,
               central: list[np.ndarray], surface: dict[str, str],
               common: Callable[[str], bool] | None,
               term_vectors: Callable[[list[str]], np.ndarray] | None
               ) -> tuple[list[Ranked], list[dict] | None, list[dict] | None]:
    """The candidates of a level below the top (``found``, ``avoid``: each area's parent's
    name parts; ``central``: its papers nearest its centre): without the methods ``common``
    to the corpus where a candidate that is none is as wide
    (:func:`~paperviz.describe.scores.without_common`), then, given ``term_vectors``,
    ordered by meaning (see :func:`_by_meaning`, and its ``says`` and ``near``; None
    without them)."""
    if common is not None:
        found = [without_common(r, common, _skipped(r, a, surface))
                 for r, a in zip(found, avoid, strict=True)]
    if term_vectors is None:
        return found, None, None
    return _by_meaning(found, centres, central, avoid, term_vectors, surface)


def _held_widely(found: Ranked, loose: Callable[[], Ranked], taken: frozenset) -> Ranked:
    """A field's candidates (``found``, named after the level below, whose names are
    ``taken``): where none free holds for ``WEAK`` of its papers, its ``loose`` candidates
    (generic ones too) if one free holds for ``CLAIM_FLOOR`` of them. The 40k map's field
    of 15,557 language papers read 'Social Media' (2% of them) where its areas' names took
    its three candidates; 'Language Models' holds for 64%, a phrase used so widely across
    the corpus that it was set aside as generic."""
    if any(c >= WEAK for t, c in zip(found.terms, found.covers, strict=True) if t not in taken):
        return found
    wide = loose()
    held = any(c >= CLAIM_FLOOR for t, c in zip(wide.terms, wide.covers, strict=True)
               if t not in taken)
    return wide if held else found


def _child_support(using: np.ndarray, children: np.ndarray) -> float:
    """The largest share of one child's papers using the name (``using``: per paper of the
    area; ``children``: each one's area below): a name that is a corner of its area (see
    :func:`paperviz.describe.broad.broad_names`)."""
    return max((float(using[children == c].mean()) for c in np.unique(children)),
               default=0.0)


def _by_meaning(found: list[Ranked], centres: np.ndarray, central: list[np.ndarray],
                avoid: list[tuple[str, ...]], term_vectors: Callable[[list[str]], np.ndarray],
                surface: dict[str, str]
                ) -> tuple[list[Ranked], list[dict[str, float]], list[dict[str, float]]]:
    """Each area's candidates (``found``; ``avoid``: its parent's name parts, which it may
    not repeat; ``central``: its papers nearest its centre) reordered by meaning:
    :func:`~paperviz.describe.scores.nearer_first`, then
    :func:`~paperviz.describe.scores.much_nearer_first`, then
    :func:`~paperviz.describe.scores.near_first`; the first ones it may use of every area
    embedded at once (``centres``: the areas' unit mean directions, row-aligned). Also, per
    area, how well each of those says what it is about (:func:`~paperviz.describe.scores.
    meaning`), for the choice when the level's rules set its first candidate aside, and
    each one's cosine to the papers (for :func:`~paperviz.describe.themes.second_themes`)."""
    skips = [_skipped(r, parts, surface) for r, parts in zip(found, avoid, strict=True)]
    n_head = max(NEAR_FIRST + 1, NEARER_FIRST)  # of each area's candidates, embedded
    heads = [[k for k in range(len(r.terms)) if k not in skip][:n_head]
             for r, skip in zip(found, skips, strict=True)]
    wanted = sorted({r.terms[k] for r, head in zip(found, heads, strict=True) for k in head})
    if not wanted:
        return found, [{} for _ in found], [{} for _ in found]
    vectors = np.asarray(term_vectors(wanted), dtype=np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    row_of = {t: i for i, t in enumerate(wanted)}
    out, says, near = [], [], []
    for r, centre, middle, head, skip in zip(found, centres, central, heads, skips,
                                             strict=True):
        cosines = np.zeros(len(r.terms))
        cosines[head] = vectors[[row_of[r.terms[k]] for k in head]] @ centre
        embedded = {r.terms[k] for k in head}
        near.append({r.terms[k]: float(cosines[k]) for k in head})
        if head:
            skipped = {r.terms[k] for k in skip}
            r, cosines = nearer_first(r, cosines, skip)
            skip = frozenset(k for k, t in enumerate(r.terms) if t in skipped)
            says.append({t: float(v) for t, v in zip(r.terms, meaning(r, cosines),
                                                     strict=True) if t in embedded})
            r, cosines = much_nearer_first(r, cosines, middle, skip)
            skip = frozenset(k for k, t in enumerate(r.terms) if t in skipped)
            r = near_first(r, cosines, skip)
        else:
            says.append({})
        out.append(r)
    return out, says, near


def _skipped(ranked: Ranked, avoid: tuple[str, ...], surface: dict[str, str]
             ) -> frozenset[int]:
    """The positions of an area's candidates that repeat its parent's name (``avoid``)."""
    return frozenset(k for k, t in enumerate(ranked.terms) if repeats_any(t, avoid, surface))


def _avoided(level: _Level, parent: int, members: np.ndarray) -> tuple[str, ...]:
    """The name parts an area's name may not merely repeat: its parent's; for a level named
    after the one below (fields), those of its own areas when it holds several ('Phase
    Transition' and 'Entanglement': not 'Transition')."""
    names = [level.parent_names.get(parent, "")]
    if level.spanning and level.finer is not None:
        children = np.unique(level.finer[members])
        if len(children) > 1:
            names = [level.child_names.get(int(c), "") for c in children]
    return tuple(part.strip().lower() for name in names for part in name.split("&")
                 if part.strip())


def _similar(names: list[str], centres: np.ndarray, n_similar: int) -> list[list[str]]:
    """For each area, the names of the ``n_similar`` areas with the nearest centres."""
    sims = centres @ centres.T
    np.fill_diagonal(sims, -np.inf)
    return [[names[j] for j in np.argsort(-sims[i], kind="stable")[:n_similar]
             if np.isfinite(sims[i, j])] for i in range(len(names))]
