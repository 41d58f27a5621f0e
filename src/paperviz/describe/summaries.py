"""Describe each area: a readable name, key phrases (c-TF-IDF), representative papers.

Key phrases are runs of up to three words that contain no stop word, so a phrase is
something the authors wrote ("graph neural networks"), never a bridge across a removed word.
They are scored by class-based TF-IDF: frequent in the area, rare in the others. Names are
chosen from the same ranking (see :mod:`paperviz.describe.naming`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from ..areas.neighbors import area_centres
from .candidates import Candidates, genericness
from .choose import level_names, resample_weights
from .disciplines import discipline_names
from .keywords import Keywords, paper_keywords
from .namers import AreaBrief, Namer, apply_namer
from .naming import PhraseIndex
from .phrases import drop_nested, phrases, pretty, stem, surface_forms
from .words import WordUsage, word_usage

__all__ = ["describe_levels", "Namer", "COLUMNS"]

COLUMNS = ["level", "area", "name", "parent", "children", "size", "share", "key_phrases",
           "representative_ids", "representative_titles", "similar_areas"]
_MANY = 200
_SPARSE_FROM = _MANY  # areas of a level with none below, from which its arrays stay sparse

def describe_levels(
    corpus: pd.DataFrame,
    levels: dict[str, np.ndarray],
    embeddings: np.ndarray,
    *,
    n_phrases: int = 8,
    n_representative: int = 3,
    n_similar: int = 3,
    namer: Namer | None = None,
    core: tuple[str, str] | None = None,
    disciplines: pd.DataFrame | None = None,
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
    n_phrases, n_representative, n_similar
        How many key phrases, representative papers and similar areas to list.
    namer
        Optional namer, e.g. :func:`paperviz.llm_namer` (a language model), or any
        ``namer(key_phrases, representative_titles) -> name``. Not called unless given; a
        name it does not give, or that is empty, too long or taken, falls back to the
        built-in one (see :mod:`paperviz.describe.namers`).
    disciplines
        Each paper's ``subfield`` and ``field`` (row-aligned with ``corpus``; see
        :func:`paperviz.describe.disciplines.paper_disciplines`): an area of the top level
        that is plainly one discipline is named by it (see
        :mod:`paperviz.describe.disciplines`). None: every name is mined from the papers.

    Returns
    -------
    DataFrame
        Columns ``level``, ``area``, ``name`` (a noun phrase, two joined by '&' where
        another area of the level has the first; unique within its level: see
        :mod:`paperviz.describe.choose`), ``parent`` (area number in the level before; -1
        at the top), ``children``, ``size``, ``share``, ``key_phrases``, ``representative_ids``,
        ``representative_titles``, ``similar_areas`` (names of the most similar areas of the
        same level). A sub-area's name also differs from every name of the level above and
        repeats no part of its parent's, except where it is its parent's only child (the
        same papers): then it has its parent's name.
    """
    names = list(levels)
    if not names:
        return pd.DataFrame(columns=COLUMNS)
    shared = _shared_counts(corpus)
    # The core levels are named as a map of those levels alone would name them; levels
    # below the core after it, each inside its parent; levels above it last, after the level
    # below them. Adding fields or topics to a map leaves its areas' names as they were.
    lo, hi = (names.index(core[0]), names.index(core[-1])) if core else (0, len(names) - 1)
    labels = [np.asarray(levels[name]) for name in names]
    parts: dict[int, pd.DataFrame] = {}
    centres: dict[int, np.ndarray] = {}
    for depth in [*range(lo, len(names)), *range(lo - 1, -1, -1)]:
        plan = _plan(labels, parts, depth, lo, hi)
        table, centres[depth] = _describe_level(corpus, shared, embeddings, plan,
                                                n_phrases=n_phrases,
                                                n_representative=n_representative)
        parts[depth] = table.assign(level=names[depth])
    _link_outside_core(parts, labels, lo, hi)
    for depth in range(lo - 1, -1, -1):
        parts[depth] = _named_as_only_child(parts[depth], parts[depth + 1])
    tables = [parts[d] for d in range(len(names))]
    if disciplines is not None:
        tables[0] = _named_by_discipline(tables, labels[0], disciplines)
    if namer is not None:
        tables = _rename(tables, names, namer)
    for depth in range(lo + 1, len(tables)):
        tables[depth] = _only_children(tables[depth], tables[depth - 1])
    for depth, table in enumerate(tables):
        table["similar_areas"] = _similar(table["name"].tolist(), centres[depth], n_similar)
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
                  frozenset(n.lower() for n in parents.values()), spanning=False)


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


def _shared_counts(corpus: pd.DataFrame) -> _Shared:
    """The phrase counts and word facts every level's description reads."""
    texts = corpus["text"]  # read one at a time, never copied into a list
    # A phrase in a single paper names no area; dropping those keeps the vocabulary (and the
    # areas x phrases arrays) small on large corpora.
    vectorizer = CountVectorizer(analyzer=phrases, dtype=np.float32,
                                 min_df=2 if len(texts) >= 50 else 1)
    docs = vectorizer.fit_transform(texts).tocsr()
    vocab = vectorizer.get_feature_names_out()
    titles = CountVectorizer(analyzer=phrases, vocabulary=vocab, binary=True,
                             dtype=np.float32).fit_transform(corpus["title"].fillna("")).tocsr()
    return _Shared(docs=docs, vocab=vocab, surface=surface_forms(corpus["text"]),
                   usage=word_usage(docs, vocab, getattr(vectorizer, "stop_words_", ())),
                   index=PhraseIndex(vocab),
                   totals=np.asarray(docs.sum(axis=1), dtype=np.float64).ravel(),
                   titles=titles, keywords=paper_keywords(corpus.get("keywords")),
                   resamples=resample_weights(pd.util.hash_pandas_object(
                       corpus["paper_id"].astype(str), index=False).to_numpy()))


def _named_as_only_child(top: pd.DataFrame, below: pd.DataFrame) -> pd.DataFrame:
    """A top-level area (named last) that holds a single area of the level below takes that
    area's name: the same papers under one name on both levels."""
    names = dict(zip(below["area"], below["name"], strict=True))
    top = top.copy()
    top["name"] = [names[row.children[0]] if len(row.children) == 1 else row.name
                   for row in top.itertuples()]
    return top


def _only_children(table: pd.DataFrame, above: pd.DataFrame) -> pd.DataFrame:
    """An area that holds all of its parent's papers (its only child) takes the parent's
    name: the same papers under one name on every level, not a second name that had to
    avoid the first."""
    whole = {int(row.area): row.name for row in above.itertuples()
             if len(row.children) == 1}
    sizes = dict(zip(above["area"], above["size"], strict=True))
    table = table.copy()
    for i, row in table.iterrows():
        if row["parent"] in whole and sizes[row["parent"]] == row["size"]:
            table.at[i, "name"] = whole[row["parent"]]
    return table


@dataclass(frozen=True)
class _Shared:
    """What every level's description reads: the papers' phrase counts (``docs``, papers x
    ``vocab``), each word's written form, how the corpus writes each word, and where each
    phrase is."""

    docs: object
    vocab: np.ndarray
    surface: dict[str, str]
    usage: WordUsage
    index: PhraseIndex
    totals: np.ndarray  # each paper's phrase count over the whole vocabulary
    titles: object  # papers x vocab: 1 where the paper's title has the phrase
    keywords: Keywords | None  # the papers' own keywords, where the corpus has them
    resamples: np.ndarray  # papers x resamples: each paper's weight in each (by its id)


def _narrowed(shared: _Shared, labels: np.ndarray, ids: list[int]) -> _Shared:
    """On a level of more than ``_MANY`` areas (and none under 4 papers), the vocabulary cut
    to the phrases at least 2 papers of some area use: no other leads an area's list (it
    could only lengthen a name), and the level's arrays hold the rest for each of hundreds
    of areas (docs/decisions.md, "Topics' vocabulary")."""
    sizes = np.bincount(labels[labels >= 0])
    if len(ids) <= _MANY or sizes[sizes > 0].min() < 4:
        return shared
    used = _members(labels, ids) @ (shared.docs > 0).astype(np.float32)
    keep = np.asarray(used.max(axis=0).todense()).ravel() >= 2
    vocab = shared.vocab[keep]
    return _Shared(docs=shared.docs[:, keep], vocab=vocab, surface=shared.surface,
                   usage=shared.usage, index=PhraseIndex(vocab), totals=shared.totals,
                   titles=shared.titles[:, keep], keywords=shared.keywords,
                   resamples=shared.resamples)


def _members(labels: np.ndarray, ids: list[int]):
    """A sparse (areas x papers) matrix, 1 where the paper is in the area."""
    from scipy import sparse

    inside = np.flatnonzero(np.isin(labels, ids))
    return sparse.csr_matrix(
        (np.ones(len(inside), dtype=np.float32), (np.searchsorted(ids, labels[inside]), inside)),
        shape=(len(ids), len(labels)))


def _describe_level(corpus: pd.DataFrame, shared: _Shared, embeddings: np.ndarray,
                    level: _Level, *, n_phrases: int,
                    n_representative: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Summaries of one level (without ``similar_areas``), and the areas' centres."""
    labels = level.labels
    ids = sorted(int(a) for a in np.unique(labels) if a >= 0)
    if not ids:
        return pd.DataFrame(columns=[c for c in COLUMNS if c != "similar_areas"]), \
            np.zeros((0, embeddings.shape[1]), dtype=np.float32)
    shared = _narrowed(shared, labels, ids)
    sizes = np.array([(labels == a).sum() for a in ids])
    tops, doc_freq = _key_phrases(shared, level, ids, sizes, n_phrases)
    naming = Candidates(shared, labels, ids, level.coarser, doc_freq, sizes,
                        genericness(doc_freq, sizes, len(labels)),
                        spanning=level.finer if level.spanning else None)
    centres = area_centres(embeddings, labels, ids)
    rows, parts, covers, avoid = [], [], [], []
    for row, area in enumerate(ids):
        members = np.flatnonzero(labels == area)
        rep = members[np.argsort(-(embeddings[members] @ centres[row]), kind="stable")]
        rep = rep[:n_representative]
        parent = (int(pd.Series(level.coarser[members]).mode().iloc[0])
                  if level.coarser is not None else -1)
        terms, _, cover = naming.candidates(row, members)
        parts.append(terms)
        covers.append(cover)
        avoid.append(_avoided(level, parent, members))
        rows.append({
            "area": area, "name": None, "parent": parent,
            "children": (sorted(int(c) for c in np.unique(level.finer[members]))
                         if level.finer is not None else []),
            "size": len(members), "share": len(members) / len(labels),
            "key_phrases": [pretty(p, shared.surface) for p in tops[row]],
            "representative_ids": corpus["paper_id"].iloc[rep].tolist(),
            "representative_titles": corpus["title"].iloc[rep].tolist(),
        })
    for row, name in enumerate(_level_names(naming, labels, ids, parts, covers, avoid,
                                                level.taken)):
        rows[row]["name"] = name
    return pd.DataFrame(rows), centres


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


def _key_phrases(shared: _Shared, level: _Level, ids: list[int], sizes: np.ndarray,
                 n_phrases: int) -> tuple[list[list[str]], np.ndarray]:
    """Each area's key phrases by c-TF-IDF (against its siblings where the level has a
    level above; favouring phrases that span its sub-areas where it has one below), and
    each phrase's papers per area."""
    docs, vocab, labels = shared.docs, shared.vocab, level.labels
    n_words = np.array([1.0 + phrase.count(" ") for phrase in vocab], dtype=np.float32)
    # a level of hundreds of areas with none below (topics) keeps its (areas x phrases)
    # arrays sparse
    sparse_rows = len(ids) > _SPARSE_FROM and level.finer is None
    scores, doc_freq = _ctfidf(docs, labels, ids, n_words, shared.totals, sparse_rows)
    if level.coarser is not None:
        scores = scores * _sibling_idf(docs, labels, level.coarser, ids, dense=not sparse_rows)
    if level.finer is not None:
        scores = scores * (0.5 + _coverage(docs, labels, level.finer, ids))
    tops = _top_phrases(scores, doc_freq, vocab, sizes, n_phrases)
    # Second pass: a word that leads many areas' lists tells them apart from none; weigh it
    # down so each area keeps the phrases that are its own.
    spread = Counter(w for top in tops for w in {stem(w) for p in top for w in p.split()})
    penalty = np.array([max((spread[stem(w)] for w in p.split()), default=1) for p in vocab])
    scores = scores / np.sqrt(np.maximum(penalty, 1))
    return _top_phrases(scores, doc_freq, vocab, sizes, n_phrases), doc_freq


def _level_names(naming: Candidates, labels: np.ndarray, ids: list[int], parts: list,
                 covers: list, avoid: list[tuple], taken: frozenset) -> list[str]:
    """One name per area (see :func:`paperviz.describe.choose.level_names`), unique within
    the level and apart from ``taken``; an area with nothing but generic words gets the best
    of those, rather than no name."""
    names = level_names(parts, naming.surface, set(taken), avoid, covers)
    used = {n.lower() for n in names if n} | set(taken)
    for row, name in enumerate(names):
        if name is None:
            loose = naming.candidates(row, np.flatnonzero(labels == ids[row]), loose=True)
            name = level_names([loose[0]], naming.surface, used, [()])[0]
            name = name or f"Area {ids[row] + 1}"
            used.add(name.lower())
            names[row] = name
    return names


def _similar(names: list[str], centres: np.ndarray, n_similar: int) -> list[list[str]]:
    """For each area, the names of the ``n_similar`` areas with the nearest centres."""
    sims = centres @ centres.T
    np.fill_diagonal(sims, -np.inf)
    return [[names[j] for j in np.argsort(-sims[i], kind="stable")[:n_similar]
             if np.isfinite(sims[i, j])] for i in range(len(names))]


def _named_by_discipline(tables: list[pd.DataFrame], labels: np.ndarray,
                         disciplines: pd.DataFrame) -> pd.DataFrame:
    """The top level (``tables[0]``) with each area that is plainly one discipline named
    by it, unless a name of the map already says it."""
    found = discipline_names(labels, disciplines)
    taken = {n.lower() for table in tables for n in table["name"]}
    top = tables[0]
    names = [found[a] if a in found and found[a].lower() not in taken else name
             for a, name in zip(top["area"], top["name"], strict=True)]
    return top.assign(name=names)


def _rename(parts: list[pd.DataFrame], levels: list[str], namer) -> list[pd.DataFrame]:
    """Offer every area to ``namer`` with what it needs to know (see :class:`AreaBrief`),
    level by level, keeping the built-in name wherever the namer gives none usable."""
    out = []
    for depth, table in enumerate(parts):
        finer = parts[depth + 1] if depth + 1 < len(parts) else None
        coarser = out[-1] if out else None
        parent_name = {} if coarser is None else dict(zip(coarser["area"], coarser["name"],
                                                          strict=True))
        briefs = []
        for row in table.itertuples():
            siblings = table[(table["parent"] == row.parent) & (table["area"] != row.area)]
            children = (finer[finer["area"].isin(row.children)]["name"].tolist()
                        if finer is not None else [])
            briefs.append(AreaBrief(
                level=levels[depth], area=int(row.area), size=int(row.size),
                key_phrases=list(row.key_phrases), titles=list(row.representative_titles),
                builtin_name=row.name, subarea_names=children,
                sibling_names=siblings["name"].tolist(),
                parent_name=parent_name.get(row.parent)))
        taken = set() if coarser is None else {n.lower() for n in coarser["name"]}
        out.append(table.assign(name=apply_namer(namer, briefs, taken)))
    return out


def _top_phrases(scores, doc_freq, vocab, sizes, n_phrases,
                 min_share: float = 0.1, rows=None) -> list[list[str]]:
    """Each area's ``n_phrases`` best phrases: used by at least ``min_share`` of its papers
    (2 at least, unless the area is tiny), overlapping phrases merged. ``rows``: only
    those areas (by position)."""
    tops = []
    for row, size in enumerate(sizes):
        if rows is not None and row not in rows:
            tops.append([])
            continue
        min_docs = max(2, int(np.ceil(min_share * size))) if size >= 4 else 1
        row_scores, row_df = scores[row], doc_freq[row]
        best = [j for j in _best_400(row_scores)
                if row_scores[j] > 0 and row_df[j] >= min_docs]
        tops.append(drop_nested([vocab[j] for j in best],
                                {vocab[j]: int(row_df[j]) for j in best},
                                limit=n_phrases)[:n_phrases])
    return tops


def _best_400(row_scores: np.ndarray) -> np.ndarray:
    """The columns of the 400 highest scores, best first, ties by column (a partial sort:
    the whole vocabulary is sorted for no area). Scores within a millionth of the best of
    each other are ties: the dense and the sparse paths sum in other orders, and must not
    order two phrases differently by a last bit."""
    k = min(400, len(row_scores))
    if k == 0:
        return np.zeros(0, dtype=int)
    top = np.argpartition(-row_scores, k - 1)[:k]
    scale = max(float(np.max(row_scores[top])), 1e-30)
    rounded = np.round(np.asarray(row_scores[top], dtype=np.float64) / scale, 6)
    return top[np.lexsort((top, -rounded))]


def _sibling_idf(docs, labels: np.ndarray, coarser: np.ndarray, ids: list[int],
                 dense: bool = True):
    """Rarity of each phrase among the papers of the area's parent: a sub-area is named by
    what sets it apart from its siblings, not by what the whole parent area shares. An
    (areas x phrases) array, or (``dense=False``) one ``(rows, rarity)`` pair per parent
    (rows: its areas' positions in ``ids``)."""
    present = docs > 0
    parent_of = pd.Series(coarser).groupby(labels).first()  # each area's parent
    rows_of = pd.Series(np.arange(len(ids))).groupby(parent_of.reindex(ids).to_numpy())
    groups = []
    for parent, rows in rows_of:
        inside = coarser == parent
        df = np.asarray(present[inside].sum(axis=0)).ravel()
        groups.append((rows.to_numpy(), np.log((1 + inside.sum()) / (1 + df)) + 1.0))
    if not dense:
        return groups
    out = np.ones((len(ids), docs.shape[1]), dtype=np.float32)
    for rows, rarity in groups:
        out[rows] = rarity
    return out


class _SparseRows:
    """An (areas x phrases) matrix kept sparse that reads like the dense one: ``m[row]`` a
    dense row, ``m[:, column]`` a dense column; ``m * v`` and ``m / v`` scale every row by
    the phrases' vector ``v``, ``m * [(rows, v), ...]`` those rows by each ``v``."""

    def __init__(self, matrix) -> None:
        self.matrix = matrix.tocsr()
        self._columns = None

    def __getitem__(self, key):
        if isinstance(key, tuple):  # [:, column]
            if self._columns is None:
                self._columns = self.matrix.tocsc()
            return self._columns[:, key[1]].toarray().ravel()
        return self.matrix[key].toarray().ravel()

    def __mul__(self, other) -> _SparseRows:
        from scipy import sparse

        if isinstance(other, list):
            parts = [None] * self.matrix.shape[0]
            for rows, factor in other:
                block = self.matrix[rows].multiply(np.asarray(factor)[None, :]).tocsr()
                for k, r in enumerate(rows):
                    parts[r] = block[k]
            return _SparseRows(sparse.vstack(parts))
        return _SparseRows(self.matrix.multiply(np.asarray(other)[None, :]))

    def __truediv__(self, other) -> _SparseRows:
        return self * (1.0 / np.asarray(other, dtype=np.float64))


def _coverage(docs, labels: np.ndarray, finer: np.ndarray, ids: list[int]) -> np.ndarray:
    """For each area and phrase: the share of the area's papers that lie in sub-areas where
    at least 10% of the papers use the phrase. A parent named by phrases its sub-areas
    share reads as their common heading rather than as its largest sub-area."""
    out = np.zeros((len(ids), docs.shape[1]), dtype=np.float32)
    present = docs > 0
    for row, area in enumerate(ids):
        inside = labels == area
        for child in np.unique(finer[inside]):
            members = finer == child
            share = np.asarray(present[members].sum(axis=0)).ravel() / members.sum()
            out[row] += (share >= 0.1) * members.sum()
        out[row] /= max(inside.sum(), 1)
    return out


def _ctfidf(docs, labels: np.ndarray, ids: list[int], n_words: np.ndarray,
            totals: np.ndarray, sparse_rows: bool = False):
    """Class-based TF-IDF of each phrase in each area, and its document frequency there
    (``totals``: each paper's phrase count over the whole vocabulary, of which ``docs`` may
    hold a part), as dense arrays or, with ``sparse_rows``, :class:`_SparseRows`."""
    member = _members(labels, ids)
    counts = member @ docs
    doc_freq = member @ (docs > 0).astype(np.float32)
    area_totals = np.maximum((member @ totals).astype(np.float32), 1)
    # Rarity across papers (not across areas, which are too few for a sharp idf): a word in
    # half of all abstracts ("learning", "model") names no area.
    corpus_df = np.asarray((docs > 0).sum(axis=0)).ravel()
    idf = np.log((1 + docs.shape[0]) / (1 + corpus_df))
    if sparse_rows:
        from scipy import sparse

        tf = sparse.diags(1 / area_totals) @ counts
        scores = tf.multiply(idf[None, :]).multiply(np.sqrt(n_words)[None, :])
        return _SparseRows(scores), _SparseRows(doc_freq.astype(np.int32))
    tf = counts.toarray() / area_totals[:, None]
    doc_freq = doc_freq.toarray().astype(np.int32)
    # Multi-word phrases are rarer but say more than their words: weight by length.
    scores = tf * idf
    del tf
    scores *= np.sqrt(n_words)
    return scores, doc_freq
