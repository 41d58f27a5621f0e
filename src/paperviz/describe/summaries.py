"""Describe each area: a readable name, key phrases (c-TF-IDF), representative papers.

Key phrases are runs of up to three words that contain no stop word, so a phrase is
something the authors wrote ("graph neural networks"), never a bridge across a removed word.
They are scored by class-based TF-IDF: frequent in the area, rare in the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from ..areas.neighbors import area_centres
from .naming import choose_name, extend_modifiers, find_modifiers
from .phrases import drop_nested, phrases, pretty, stem, surface_forms

__all__ = ["describe_levels", "Namer", "COLUMNS"]


Namer = Callable[[list[str], list[str]], str]
COLUMNS = ["level", "area", "name", "parent", "children", "size", "share", "key_phrases",
           "representative_ids", "representative_titles", "similar_areas"]


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
        Optional ``namer(key_phrases, representative_titles) -> name``, for instance a call
        to a language model. Not called unless given; a name it returns that is empty or
        already taken falls back to the built-in one.

    Returns
    -------
    DataFrame
        Columns ``level``, ``area``, ``name`` (2-5 words, unique within its level),
        ``parent`` (area number in the level before; -1 at the top), ``children``, ``size``,
        ``share``, ``key_phrases``, ``representative_ids``, ``representative_titles``,
        ``similar_areas`` (names of the most similar areas of the same level). A sub-area's
        name also differs from every name of the level above.
    """
    texts = corpus["text"].tolist()
    # A phrase in a single paper names no area; dropping those keeps the vocabulary (and the
    # areas x phrases arrays below) small on large corpora.
    vectorizer = CountVectorizer(analyzer=phrases, dtype=np.float32,
                                 min_df=2 if len(texts) >= 50 else 1)
    docs = vectorizer.fit_transform(texts).tocsr()
    vocab = vectorizer.get_feature_names_out()
    surface = surface_forms(corpus["text"])
    modifiers = find_modifiers(docs, vocab)
    names = list(levels)
    parts: list[pd.DataFrame] = []
    for depth, level in enumerate(names):
        labels = np.asarray(levels[level])
        finer = np.asarray(levels[names[depth + 1]]) if depth + 1 < len(names) else None
        coarser = np.asarray(levels[names[depth - 1]]) if depth > 0 else None
        taken = {n.lower() for n in parts[-1]["name"]} if parts else set()
        parts.append(_describe_level(
            corpus, docs, vocab, surface, labels, embeddings, finer, coarser,
            n_phrases=n_phrases, n_representative=n_representative, n_similar=n_similar,
            namer=namer, taken=taken, modifiers=modifiers,
        ).assign(level=level))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def _describe_level(corpus, docs, vocab, surface, labels, embeddings, finer, coarser, *,
                    n_phrases, n_representative, n_similar, namer, taken,
                    modifiers=None) -> pd.DataFrame:
    """Summaries of one level; names avoid ``taken`` (the names of the level above)."""
    ids = sorted(int(a) for a in np.unique(labels) if a >= 0)
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    n_words = np.array([1.0 + phrase.count(" ") for phrase in vocab], dtype=np.float32)
    scores, doc_freq = _ctfidf(docs, labels, ids, n_words)
    if coarser is not None:
        scores = scores * _sibling_idf(docs, labels, coarser, ids)
    if finer is not None:
        scores = scores * (0.5 + _coverage(docs, labels, finer, ids))
    sizes = np.array([(labels == a).sum() for a in ids])
    tops = _top_phrases(scores, doc_freq, vocab, sizes, n_phrases)
    # Second pass: a word that leads many areas' lists tells them apart from none; weigh it
    # down so each area keeps the phrases that are its own.
    spread = Counter(w for top in tops for w in {stem(w) for p in top for w in p.split()})
    penalty = np.array([max((spread[stem(w)] for w in p.split()), default=1) for p in vocab])
    tops = _top_phrases(scores / np.sqrt(np.maximum(penalty, 1)), doc_freq, vocab, sizes,
                        n_phrases)
    centres = area_centres(embeddings, labels, ids)
    rows, used = [], set(taken)
    for row, area in enumerate(ids):
        members = np.flatnonzero(labels == area)
        top = tops[row]
        rep = members[np.argsort(-(embeddings[members] @ centres[row]), kind="stable")]
        rep = rep[:n_representative]
        key_phrases = [pretty(p, surface) for p in top]
        titles = corpus["title"].iloc[rep].tolist()
        name = choose_name(extend_modifiers(top, modifiers or {}, doc_freq[row], vocab), surface,
                     used)
        if namer is not None:
            proposed = str(namer(key_phrases, titles) or "").strip()
            name = proposed if proposed and proposed.lower() not in used else name
        name = name or f"Area {area + 1}"
        used.add(name.lower())
        rows.append({
            "area": area,
            "name": name,
            "parent": int(pd.Series(coarser[members]).mode().iloc[0]) if coarser is not None
            else -1,
            "children": sorted(int(c) for c in np.unique(finer[members])) if finer is not None
            else [],
            "size": len(members),
            "share": len(members) / len(labels),
            "key_phrases": key_phrases,
            "representative_ids": corpus["paper_id"].iloc[rep].tolist(),
            "representative_titles": titles,
        })
    table = pd.DataFrame(rows)
    sims = centres @ centres.T
    np.fill_diagonal(sims, -np.inf)
    table["similar_areas"] = [
        [table["name"].iloc[j] for j in np.argsort(-sims[i], kind="stable")[:n_similar]
         if np.isfinite(sims[i, j])]
        for i in range(len(ids))
    ]
    return table


def _top_phrases(scores, doc_freq, vocab, sizes, n_phrases) -> list[list[str]]:
    """Each area's best phrases: used by at least 10% of its papers (2 at least, unless the
    area is tiny), overlapping phrases merged."""
    tops = []
    for row, size in enumerate(sizes):
        min_docs = max(2, int(np.ceil(0.1 * size))) if size >= 4 else 1
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
    """For each area and phrase: the share of the area's sub-areas in which at least 10% of
    the papers use the phrase. A parent named by phrases its sub-areas share reads as their
    common heading rather than as its largest sub-area."""
    out = np.zeros((len(ids), docs.shape[1]), dtype=np.float32)
    present = docs > 0
    for row, area in enumerate(ids):
        children = np.unique(finer[labels == area])
        for child in children:
            members = finer == child
            share = np.asarray(present[members].sum(axis=0)).ravel() / members.sum()
            out[row] += share >= 0.1
        out[row] /= max(len(children), 1)
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
