"""The phrase counts that key phrases and names both read, made once per corpus
(:func:`phrase_counts`): which paper uses which phrase in its title and abstract, the
vocabulary and where each phrase is in it, how the corpus writes each word, the papers' own
keywords, and each paper's weight in each resample.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from .keywords import Keywords, paper_keywords
from .phrases import BRIDGES, bridged_phrases, phrases, surface_forms
from .words import WordUsage, WrittenForms, acronym_definitions, word_usage

__all__ = ["PhraseCounts", "PhraseIndex", "phrase_counts", "members", "narrowed",
           "resample_weights", "RESAMPLES", "MANY_AREAS", "SMALL_CORPUS"]

RESAMPLES = 50  # resamples of an area's papers a name must hold in (see scores.stable_order)
# A level of more areas than this (topics) is named from a narrower vocabulary, and keeps
# its (areas x phrases) arrays sparse (docs/decisions.md, "Topics' vocabulary").
MANY_AREAS = 200
SMALL_CORPUS = 50  # below this many papers, a phrase of one paper stays in the vocabulary


class PhraseIndex:
    """Where each phrase of the vocabulary is, which longer phrases begin with it, which
    end with each word, which phrases of several words are one word more than it at their
    start (``preceding``), and the hyphenated spellings of each phrase ('pre-training' of
    'pretraining', under ``hyphened['pretraining']``)."""

    def __init__(self, vocab: np.ndarray) -> None:
        self.vocab = vocab
        self.column = {p: j for j, p in enumerate(vocab)}
        self.longer: dict[str, list[int]] = {}
        self.ending: dict[str, list[int]] = {}
        self.hyphened: dict[str, list[str]] = {}
        self.preceding: dict[str, list[int]] = {}
        for j, phrase in enumerate(vocab):
            if "-" in phrase:
                self.hyphened.setdefault(phrase.replace("-", ""), []).append(phrase)
            words = phrase.split()
            for cut in range(1, len(words)):
                self.longer.setdefault(" ".join(words[:cut]), []).append(j)
            if len(words) > 1:
                self.ending.setdefault(words[-1], []).append(j)
                self.preceding.setdefault(" ".join(words[1:]), []).append(j)


@dataclass(frozen=True)
class PhraseCounts:
    """The papers' phrases and the facts about them that naming reads.

    ``docs``: papers x ``vocab`` counts (title and abstract); ``titles``: papers x ``vocab``,
    1 where the title has the phrase; ``totals``: each paper's phrase count over the whole
    vocabulary (``docs`` may hold a part of it, see :func:`narrowed`); ``surface``: each
    word as the corpus mostly writes it (its texts, then its keywords); ``keywords``: the
    papers' own, where the corpus has them; ``resamples``: papers x :data:`RESAMPLES`,
    each paper's weight in each resample."""

    docs: sparse.csr_matrix
    vocab: np.ndarray
    surface: dict[str, str]
    usage: WordUsage
    index: PhraseIndex
    totals: np.ndarray
    titles: sparse.csr_matrix
    keywords: Keywords | None
    resamples: np.ndarray
    bridges: sparse.csr_matrix | None = None  # papers x bridge_vocab, 1 where used
    bridge_vocab: np.ndarray | None = None  # phrases with 'and' or 'of' inside

    @cached_property
    def present(self) -> sparse.csr_matrix:
        """Papers x phrases, 1 where the paper uses the phrase (float32)."""
        return (self.docs > 0).astype(np.float32).tocsr()

    @cached_property
    def n_words(self) -> np.ndarray:
        """Each phrase's number of words (float32)."""
        return np.array([1.0 + phrase.count(" ") for phrase in self.vocab], dtype=np.float32)

    @cached_property
    def corpus_uses(self) -> np.ndarray:
        """How many of the corpus's papers use each phrase."""
        return np.asarray(self.present.sum(axis=0)).ravel()

    @cached_property
    def _by_phrase(self) -> sparse.csc_matrix:
        return self.present.tocsc()

    @cached_property
    def _bridged(self) -> tuple[dict[str, list[int]], np.ndarray]:
        """Each phrase of one or two words: the bridged phrases it begins before an 'and'
        ('simultaneous localization and mapping'), or ends after an 'of' ('zone of
        proximal development'); and how many papers use each bridged phrase. Not the other
        two: before an 'of' comes mostly its object ('pose estimation of hands'), after an
        'and' one of two modifiers ('quantitative and qualitative metrics')."""
        where: dict[str, list[int]] = {}
        if self.bridges is None:
            return where, np.zeros(0)
        for j, phrase in enumerate(self.bridge_vocab):
            words = phrase.split()
            cut = next(i for i, w in enumerate(words) if w in BRIDGES and 0 < i)
            key = " ".join(words[:cut]) if words[cut] == "and" else " ".join(words[cut + 1:])
            where.setdefault(key, []).append(j)
        return where, np.asarray(self.bridges.sum(axis=0)).ravel()

    def bridged(self, phrase: str) -> list[tuple[str, float]]:
        """The phrases that continue ``phrase`` across an 'and', or lead to it across an
        'of' ('simultaneous localization and mapping' for 'simultaneous localization', 'zone
        of proximal development' for 'proximal development'), each with how many of the
        corpus's papers use it."""
        where, uses = self._bridged
        return [(str(self.bridge_vocab[j]), float(uses[j])) for j in where.get(phrase, [])]

    def together(self, column: int, others: list[int]) -> np.ndarray:
        """The share of the corpus's papers using phrase ``column`` that use each of
        ``others`` too."""
        by_phrase = self._by_phrase

        def papers(j: int) -> np.ndarray:
            return by_phrase.indices[by_phrase.indptr[j]:by_phrase.indptr[j + 1]]

        own = papers(column)
        return np.array([len(np.intersect1d(own, papers(j), assume_unique=True))
                         for j in others]) / max(len(own), 1)


def phrase_counts(corpus: pd.DataFrame) -> PhraseCounts:
    """The phrase counts of ``corpus`` (``paper_id``, ``title``, ``text``, and
    ``keywords`` where it has them)."""
    texts = corpus["text"]  # read one at a time, never copied into a list
    # A phrase in a single paper names no area; dropping those keeps the vocabulary (and the
    # areas x phrases arrays) small on large corpora.
    vectorizer = CountVectorizer(analyzer=phrases, dtype=np.float32,
                                 min_df=2 if len(texts) >= SMALL_CORPUS else 1)
    docs = vectorizer.fit_transform(texts).tocsr()
    vocab = vectorizer.get_feature_names_out()
    titles = CountVectorizer(analyzer=phrases, vocabulary=vocab, binary=True,
                             dtype=np.float32).fit_transform(corpus["title"].fillna("")).tocsr()
    bridging = CountVectorizer(analyzer=bridged_phrases, binary=True, dtype=np.float32,
                               min_df=2 if len(texts) >= SMALL_CORPUS else 1)
    try:
        bridges = bridging.fit_transform(texts).tocsr()
        bridge_vocab = bridging.get_feature_names_out()
    except ValueError:  # no phrase with 'and' or 'of' inside in two papers
        bridges, bridge_vocab = None, None
    keywords = paper_keywords(corpus.get("keywords"))
    surface = WrittenForms(surface_forms(corpus["text"]), acronym_definitions(corpus["text"]))
    if keywords is not None:  # a keyword's one word the texts never write
        for term, written in keywords.written.items():
            if " " not in term:
                surface.setdefault(term, written)
    return PhraseCounts(docs=docs, vocab=vocab, surface=surface,
                        usage=word_usage(docs, vocab),
                        index=PhraseIndex(vocab),
                        totals=np.asarray(docs.sum(axis=1), dtype=np.float64).ravel(),
                        titles=titles, keywords=keywords,
                        resamples=resample_weights(pd.util.hash_pandas_object(
                            corpus["paper_id"].astype(str), index=False).to_numpy()),
                        bridges=bridges, bridge_vocab=bridge_vocab)


def members(labels: np.ndarray, ids: list[int]) -> sparse.csr_matrix:
    """A sparse (areas x papers) matrix, 1 where the paper is in the area (``ids``: the
    areas, sorted)."""
    inside = np.flatnonzero(np.isin(labels, ids))
    return sparse.csr_matrix(
        (np.ones(len(inside), dtype=np.float32), (np.searchsorted(ids, labels[inside]), inside)),
        shape=(len(ids), len(labels)))


def narrowed(counts: PhraseCounts, labels: np.ndarray, ids: list[int]) -> PhraseCounts:
    """On a level of more than :data:`MANY_AREAS` areas (and none under 4 papers), the
    vocabulary cut to the phrases at least 2 papers of some area use: no other leads an
    area's list (it could only lengthen a name), and the level's arrays hold the rest for
    each of hundreds of areas (docs/decisions.md, "Topics' vocabulary")."""
    sizes = np.bincount(labels[labels >= 0])
    if len(ids) <= MANY_AREAS or sizes[sizes > 0].min() < 4:
        return counts
    used = members(labels, ids) @ (counts.docs > 0).astype(np.float32)
    keep = np.asarray(used.max(axis=0).todense()).ravel() >= 2
    vocab = counts.vocab[keep]
    return replace(counts, docs=counts.docs[:, keep], vocab=vocab, index=PhraseIndex(vocab),
                   titles=counts.titles[:, keep])


def resample_weights(keys: np.ndarray) -> np.ndarray:
    """Each paper's weight in each of :data:`RESAMPLES` resamples (papers x resamples): a
    Poisson bootstrap, the count of each paper drawn from Poisson(1) by a hash of its key,
    so that a paper weighs the same whatever the row order and whichever other papers share
    its area (a map from other vectors moves a few papers; the rest resample as before)."""
    keys = np.asarray(keys, dtype=np.uint64)[:, None]
    x = keys * np.uint64(0x9E3779B97F4A7C15) + \
        (np.arange(1, RESAMPLES + 1, dtype=np.uint64)[None, :] * np.uint64(0xBF58476D1CE4E5B9))
    for shift, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB)):  # splitmix64
        x ^= x >> np.uint64(shift)
        x *= np.uint64(factor)
    x ^= x >> np.uint64(31)
    uniform = (x >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    cdf = np.cumsum([np.exp(-1.0) / np.prod(np.arange(1, k + 1)) for k in range(12)])
    return np.searchsorted(cdf, uniform).astype(np.uint8)  # 50 bytes a paper
