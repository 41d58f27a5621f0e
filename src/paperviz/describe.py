"""Describe each area: a readable name, key phrases (c-TF-IDF), representative papers.

Key phrases are runs of up to three words that contain no stop word, so a phrase is
something the authors wrote ("graph neural networks"), never a bridge across a removed word.
They are scored by class-based TF-IDF: frequent in the area, rare in the others.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

__all__ = ["describe_areas", "STOP_WORDS", "phrases"]

# Words every abstract uses: they say nothing about what an area studies.
RESEARCH_WORDS = frozenset(
    """paper papers propose proposed proposes method methods result results approach approaches
    novel new show shows shown demonstrate demonstrates present presents introduce introduces
    study studies work works use used using based existing state art performance task tasks
    experiments experimental extensive significantly significant outperforms outperform
    effective effectiveness efficient improve improved improves improvement problem problems
    framework frameworks technique techniques achieve achieves achieved different various
    set sets able way ways recent recently well also however furthermore moreover paper's
    github com https http code available provide provides provided key important propose
    analysis analyze investigate evaluate evaluation demonstrated benchmark benchmarks
    datasets dataset strong simple make makes allow allows enable enables given high low
    large small number challenge challenges challenging existing previous prior like
    art sota many first second general specific particular potential including include""".split()
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | RESEARCH_WORDS | {"et", "al", "e.g", "i.e", "vs"}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]{}\"/]|\s-\s|\s'|'\s")


def phrases(text: str, max_words: int = 3) -> list[str]:
    """Lower-cased phrases of 1..``max_words`` words with no stop word and no punctuation
    inside: 'language models (LLMs)' gives 'language models' and 'llms', never 'models llms'."""
    out: list[str] = []
    for clause in _PUNCTUATION.split(text.lower()):
        run: list[str] = []
        for token in [*_TOKEN.findall(clause), ""]:
            if token and token not in STOP_WORDS and len(token) > 1:
                run.append(token)
                continue
            for size in range(1, max_words + 1):
                out.extend(" ".join(run[i : i + size]) for i in range(len(run) - size + 1))
            run = []
    return out


def describe_areas(
    corpus: pd.DataFrame,
    areas: np.ndarray,
    embeddings: np.ndarray,
    *,
    n_phrases: int = 8,
    n_representative: int = 3,
) -> pd.DataFrame:
    """One row per area: ``area``, ``name``, ``size``, ``share``, ``key_phrases``,
    ``representative_ids`` and ``representative_titles``.

    ``corpus`` needs ``paper_id``, ``title`` and ``text``; ``areas`` holds one area number
    per paper (-1 for unassigned papers, which get no row).
    """
    areas = np.asarray(areas)
    ids = sorted(a for a in np.unique(areas) if a >= 0)
    if not ids:
        return pd.DataFrame(columns=["area", "name", "size", "share", "key_phrases",
                                     "representative_ids", "representative_titles"])
    scores, vocab, doc_freq = _ctfidf(corpus["text"].tolist(), areas, ids)
    surface = _surface_forms(corpus["text"])
    rows, used_names = [], set()
    for row, area in enumerate(ids):
        members = np.flatnonzero(areas == area)
        min_docs = 2 if len(members) >= 4 else 1  # a phrase must recur unless the area is tiny
        best = [j for j in np.argsort(-scores[row], kind="stable")[:400]
                if scores[row, j] > 0 and doc_freq[row, j] >= min_docs]
        top = _drop_nested([vocab[j] for j in best],
                           {vocab[j]: int(doc_freq[row, j]) for j in best})[:n_phrases]
        rep = _representatives(embeddings, members, n_representative)
        name = _name(top, surface, used_names) or f"Area {area}"
        used_names.add(name.lower())
        rows.append({
            "area": int(area),
            "name": name,
            "size": len(members),
            "share": len(members) / len(areas),
            "key_phrases": [_pretty(p, surface) for p in top],
            "representative_ids": corpus["paper_id"].iloc[rep].tolist(),
            "representative_titles": corpus["title"].iloc[rep].tolist(),
        })
    return pd.DataFrame(rows)


def _ctfidf(texts: list[str], areas: np.ndarray, ids: list[int]):
    vec = CountVectorizer(analyzer=phrases, min_df=1, dtype=np.float32)
    docs = vec.fit_transform(texts)
    vocab = vec.get_feature_names_out()
    counts = np.vstack([np.asarray(docs[areas == a].sum(axis=0)).ravel() for a in ids])
    doc_freq = np.vstack([np.asarray((docs[areas == a] > 0).sum(axis=0)).ravel() for a in ids])
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    # Rarity across papers (not across areas, which are too few for a sharp idf): a word in
    # half of all abstracts ("learning", "model") names no area.
    corpus_df = np.asarray((docs > 0).sum(axis=0)).ravel()
    idf = np.log((1 + len(texts)) / (1 + corpus_df))
    # Multi-word phrases are rarer but say more than their words: weight by length.
    words = np.array([len(v.split()) for v in vocab], dtype=np.float32)
    return tf * idf * np.sqrt(words), vocab, doc_freq


def _stem(word: str) -> str:
    """A crude singular: 'networks' -> 'network', 'classes' -> 'class'; enough to spot repeats."""
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(phrase: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in phrase.split())


def _drop_nested(ranked: list[str], doc_freq: dict[str, int], limit: int = 20) -> list[str]:
    """Merge overlapping phrases, best-ranked first.

    A phrase whose words a kept phrase already covers is skipped ('neural networks' after
    'graph neural networks', 'embedding' after 'embeddings'); a longer phrase that extends a
    kept one and is used by at least half as many papers replaces it ('dense' becomes
    'dense retrieval')."""
    kept: list[str] = []
    for phrase in ranked:
        words = _words(phrase)
        covered = next((i for i, k in enumerate(kept) if words <= _words(k)), None)
        if covered is not None:
            continue
        extends = [i for i, k in enumerate(kept) if _words(k) < words]
        if extends:
            i = extends[0]
            if doc_freq[phrase] * 2 >= doc_freq[kept[i]] and phrase not in kept:
                kept[i] = phrase
                kept = [k for j, k in enumerate(kept) if j == i or not _words(k) < words]
            continue
        kept.append(phrase)
        if len(kept) >= limit:
            break
    return kept


def _surface_forms(texts: pd.Series) -> dict[str, str]:
    """Most common written form of each word, to restore acronyms (LLMs, GAN, 3D)."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(_TOKEN.findall(text))
    best: dict[str, tuple[int, str]] = {}
    for word, count in counter.items():
        low = word.lower()
        if count > best.get(low, (0, ""))[0]:
            best[low] = (count, word)
    return {low: word for low, (_, word) in best.items()}


def _pretty(phrase: str, surface: dict[str, str]) -> str:
    return " ".join(surface.get(w, w) for w in phrase.split())


def _title(phrase: str, surface: dict[str, str]) -> str:
    words = []
    for w in phrase.split():
        form = surface.get(w, w)
        words.append(form if any(c.isupper() for c in form[1:]) else form[:1].upper() + form[1:])
    return " ".join(words)


def _name(top: list[str], surface: dict[str, str], used: set[str], max_words: int = 5) -> str:
    """The leading phrase, with the next one that fits in ``max_words`` words joined by '&'
    ('Dense Retrieval & Passage Ranking'); further phrases are tried when a name is taken."""
    candidates = [_title(p, surface) for p in top]
    options = []
    for i, first in enumerate(candidates):
        options += [f"{first} & {c}" for c in candidates[i + 1 :]
                    if len(first.split()) + len(c.split()) <= max_words]
        options.append(first)
    return next((o for o in options if o.lower() not in used), "")


def _representatives(embeddings: np.ndarray, members: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` members closest (cosine) to the area's mean direction."""
    vecs = embeddings[members]
    centre = vecs.mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    order = np.argsort(-(vecs @ centre), kind="stable")
    return members[order[:k]]
