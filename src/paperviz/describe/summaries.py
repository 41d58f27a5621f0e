"""Describe each area: a readable name, key phrases (c-TF-IDF), representative papers.

Key phrases are runs of up to three words that contain no stop word, so a phrase is
something the authors wrote ("graph neural networks"), never a bridge across a removed word.
They are scored by class-based TF-IDF: frequent in the area, rare in the others. Names are
chosen from the same ranking (see :mod:`paperviz.describe.naming`).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from ..areas.neighbors import area_centres
from .namers import AreaBrief, Namer, apply_namer
from .naming import PhraseIndex, choose_name, name_candidates
from .phrases import drop_nested, phrases, pretty, stem, surface_forms
from .words import english_zipf, word_usage

__all__ = ["describe_levels", "Namer", "COLUMNS"]

COLUMNS = ["level", "area", "name", "parent", "children", "size", "share", "key_phrases",
           "representative_ids", "representative_titles", "similar_areas"]
_RANKED = 20  # phrases ranked per area for its name
# General-English frequency (Zipf) from which a word says too little to stand alone as a
# name part ('rate', 'distance', 'feature', 'concerns'; 'robots', 'retrieval' are below),
# and from which both words of a two-word phrase do ('long time', 'real world').
_COMMON_WORD = 4.5
_COMMON_PAIR = 5.5


def describe_levels(
    corpus: pd.DataFrame,
    levels: dict[str, np.ndarray],
    embeddings: np.ndarray,
    *,
    n_phrases: int = 8,
    n_representative: int = 3,
    n_similar: int = 3,
    namer: Namer | None = None,
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

    Returns
    -------
    DataFrame
        Columns ``level``, ``area``, ``name`` (one or two noun phrases, unique within its
        level), ``parent`` (area number in the level before; -1 at the top), ``children``,
        ``size``, ``share``, ``key_phrases``, ``representative_ids``,
        ``representative_titles``, ``similar_areas`` (names of the most similar areas of the
        same level). A sub-area's name also differs from every name of the level above and
        repeats no part of its parent's.
    """
    texts = corpus["text"].tolist()
    # A phrase in a single paper names no area; dropping those keeps the vocabulary (and the
    # areas x phrases arrays below) small on large corpora.
    vectorizer = CountVectorizer(analyzer=phrases, dtype=np.float32,
                                 min_df=2 if len(texts) >= 50 else 1)
    docs = vectorizer.fit_transform(texts).tocsr()
    vocab = vectorizer.get_feature_names_out()
    shared = _Shared(docs=docs, vocab=vocab, surface=surface_forms(corpus["text"]),
                     usage=word_usage(docs, vocab), index=PhraseIndex(vocab))
    names = list(levels)
    parts: list[pd.DataFrame] = []
    centres: list[np.ndarray] = []
    for depth, level in enumerate(names):
        labels = np.asarray(levels[level])
        finer = np.asarray(levels[names[depth + 1]]) if depth + 1 < len(names) else None
        coarser = np.asarray(levels[names[depth - 1]]) if depth > 0 else None
        above = parts[-1] if parts else None
        table, centre = _describe_level(corpus, shared, labels, embeddings, finer, coarser,
                                        above, n_phrases=n_phrases,
                                        n_representative=n_representative)
        parts.append(table.assign(level=level))
        centres.append(centre)
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    if namer is not None:
        parts = _rename(parts, names, namer)
    for table, centre in zip(parts, centres, strict=True):
        table["similar_areas"] = _similar(table["name"].tolist(), centre, n_similar)
    return pd.concat(parts, ignore_index=True)[COLUMNS]


class _Shared:
    """What every level's description reads: the phrase counts and facts about words."""

    def __init__(self, **parts) -> None:
        self.__dict__.update(parts)


def _describe_level(corpus, shared, labels, embeddings, finer, coarser, above, *,
                    n_phrases, n_representative) -> tuple[pd.DataFrame, np.ndarray]:
    """Summaries of one level (without ``similar_areas``), and the areas' centres. Names
    avoid the names of the level ``above`` and the parts of their parent's name."""
    docs, vocab, surface = shared.docs, shared.vocab, shared.surface
    ids = sorted(int(a) for a in np.unique(labels) if a >= 0)
    if not ids:
        return pd.DataFrame(columns=[c for c in COLUMNS if c != "similar_areas"]), \
            np.zeros((0, embeddings.shape[1]), dtype=np.float32)
    n_words = np.array([1.0 + phrase.count(" ") for phrase in vocab], dtype=np.float32)
    scores, doc_freq = _ctfidf(docs, labels, ids, n_words)
    if coarser is not None:
        scores = scores * _sibling_idf(docs, labels, coarser, ids)
    sizes = np.array([(labels == a).sum() for a in ids])
    cover = None
    if finer is not None:
        cover = _coverage(docs, labels, finer, ids)
        scores = scores * (0.5 + cover)
    tops = _top_phrases(scores, doc_freq, vocab, sizes, n_phrases)
    # Second pass: a word that leads many areas' lists tells them apart from none; weigh it
    # down so each area keeps the phrases that are its own.
    spread = Counter(w for top in tops for w in {stem(w) for p in top for w in p.split()})
    penalty = np.array([max((spread[stem(w)] for w in p.split()), default=1) for p in vocab])
    scores = scores / np.sqrt(np.maximum(penalty, 1))
    tops = _top_phrases(scores, doc_freq, vocab, sizes, n_phrases)
    # Names are ranked apart: phrases of several words count more (a name reads better as
    # "Speech Recognition" than as "Speech"), and a coarse area's name comes from phrases
    # that most of its sub-areas use, even when under 10% of all its papers do.
    name_scores = scores * np.sqrt(n_words)
    if cover is not None:
        name_scores = name_scores * cover ** 2
    ranked = _top_phrases(name_scores, doc_freq, vocab, sizes, _RANKED,
                          min_share=0.1 if cover is None else 0.03)
    generic = _genericness(doc_freq, sizes, len(labels))
    centres = area_centres(embeddings, labels, ids)
    parent_names = {} if above is None else dict(zip(above["area"], above["name"],
                                                     strict=True))
    rows, used = [], {n.lower() for n in parent_names.values()}
    used_parts: set[str] = set()
    for row, area in enumerate(ids):
        members = np.flatnonzero(labels == area)
        rep = members[np.argsort(-(embeddings[members] @ centres[row]), kind="stable")]
        rep = rep[:n_representative]
        parent = int(pd.Series(coarser[members]).mode().iloc[0]) if coarser is not None else -1
        candidates = name_candidates(ranked[row], index=shared.index, doc_freq=doc_freq[row],
                                     usage=shared.usage, surface=surface, generic=generic)
        covering = {p: doc_freq[row, shared.index.column[p]] / len(members)
                    for p in candidates}
        if cover is not None:  # a coarse area: first the phrases most of its sub-areas use
            broad = [p for p in candidates
                     if " " in p and cover[row, shared.index.column[p]] >= 0.3]
            candidates = broad + [p for p in candidates if p not in broad]
        avoid = tuple(part.strip().lower() for part in
                      parent_names.get(parent, "").split("&") if part.strip())
        name = choose_name(candidates, surface, used, avoid=avoid, coverage=covering,
                           used_parts=used_parts)
        if not name:  # nothing but generic words: the best of those, rather than no name
            name = choose_name(name_candidates(ranked[row], index=shared.index,
                                               doc_freq=doc_freq[row], usage=shared.usage,
                                               surface=surface, generic=lambda *_: False),
                               surface, used, avoid=avoid, coverage=covering)
        name = name or f"Area {area + 1}"
        used.add(name.lower())
        used_parts.update(p.strip().lower() for p in name.split("&"))
        rows.append({
            "area": area,
            "name": name,
            "parent": parent,
            "children": sorted(int(c) for c in np.unique(finer[members])) if finer is not None
            else [],
            "size": len(members),
            "share": len(members) / len(labels),
            "key_phrases": [pretty(p, surface) for p in tops[row]],
            "representative_ids": corpus["paper_id"].iloc[rep].tolist(),
            "representative_titles": corpus["title"].iloc[rep].tolist(),
        })
    return pd.DataFrame(rows), centres


def _genericness(doc_freq, sizes, n_papers):
    """A test of the phrases that name no area of this level: used by at least 5% of the
    papers in half of the level's areas or more (when it has at least four), or so common
    in general English (wordfreq) that it says too little alone: a single word of Zipf
    frequency 4.5 or more, or two words of 5.5 or more each."""
    sizes = np.maximum(sizes, 1)
    memo: dict[int, bool] = {}

    def is_generic(phrase: str, column: int) -> bool:
        if column not in memo:
            words = phrase.split()
            spread = (doc_freq[:, column] / sizes >= 0.05).mean()
            memo[column] = bool(
                (len(sizes) >= 4 and spread >= 0.5)
                or (len(words) == 1 and english_zipf(phrase) >= _COMMON_WORD)
                or (len(words) == 2 and min(map(english_zipf, words)) >= _COMMON_PAIR))
        return memo[column]

    return is_generic


def _similar(names: list[str], centres: np.ndarray, n_similar: int) -> list[list[str]]:
    """For each area, the names of the ``n_similar`` areas with the nearest centres."""
    sims = centres @ centres.T
    np.fill_diagonal(sims, -np.inf)
    return [[names[j] for j in np.argsort(-sims[i], kind="stable")[:n_similar]
             if np.isfinite(sims[i, j])] for i in range(len(names))]


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
                 min_share: float = 0.1) -> list[list[str]]:
    """Each area's ``n_phrases`` best phrases: used by at least ``min_share`` of its papers
    (2 at least, unless the area is tiny), overlapping phrases merged."""
    tops = []
    for row, size in enumerate(sizes):
        min_docs = max(2, int(np.ceil(min_share * size))) if size >= 4 else 1
        best = [j for j in np.argsort(-scores[row], kind="stable")[:400]
                if scores[row, j] > 0 and doc_freq[row, j] >= min_docs]
        tops.append(drop_nested([vocab[j] for j in best],
                                 {vocab[j]: int(doc_freq[row, j]) for j in best})[:n_phrases])
    return tops


def _sibling_idf(docs, labels: np.ndarray, coarser: np.ndarray, ids: list[int]) -> np.ndarray:
    """Rarity of each phrase among the papers of the area's parent: a sub-area is named by
    what sets it apart from its siblings, not by what the whole parent area shares."""
    out = np.ones((len(ids), docs.shape[1]), dtype=np.float32)
    present = docs > 0
    for parent in np.unique(coarser):
        inside = coarser == parent
        df = np.asarray(present[inside].sum(axis=0)).ravel()
        idf = np.log((1 + inside.sum()) / (1 + df)) + 1.0
        for row, area in enumerate(ids):
            if coarser[labels == area][0] == parent:
                out[row] = idf
    return out


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


def _ctfidf(docs, labels: np.ndarray, ids: list[int], n_words: np.ndarray):
    """Class-based TF-IDF of each phrase in each area, and its document frequency there."""
    counts = np.vstack([np.asarray(docs[labels == a].sum(axis=0)).ravel() for a in ids])
    doc_freq = np.vstack([np.asarray((docs[labels == a] > 0).sum(axis=0)).ravel() for a in ids])
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    # Rarity across papers (not across areas, which are too few for a sharp idf): a word in
    # half of all abstracts ("learning", "model") names no area.
    corpus_df = np.asarray((docs > 0).sum(axis=0)).ravel()
    idf = np.log((1 + docs.shape[0]) / (1 + corpus_df))
    # Multi-word phrases are rarer but say more than their words: weight by length.
    return tf * idf * np.sqrt(n_words), doc_freq
