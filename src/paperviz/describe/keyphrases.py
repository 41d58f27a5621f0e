"""Key phrases of groups of papers by class-based TF-IDF (c-TF-IDF): frequent in the group,
rare in the corpus.

A phrase is a run of up to three words with no stop word inside (see
:func:`paperviz.describe.phrases.phrases`), so it is something the authors wrote ("graph
neural networks"), never a bridge across a removed word. Its score in a group is its share
of the group's phrases times its rarity across the corpus's papers (not across the groups,
too few for a sharp idf), times the square root of its number of words (a longer phrase is
rarer and says more). Where the groups are the sub-areas of coarser ones, rarity among the
parent's papers weighs too (a sub-area is told apart from its siblings); where they hold
finer groups, phrases those share (a heading, not the largest part). A second pass weighs
down a word that leads many groups' lists: it tells them apart from none.

Usable on any grouping, from a notebook::

    keys = KeyPhrases(n_phrases=8).fit(pmap.papers)
    keys.transform(pmap.papers["area"])  # group, size, key_phrases
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .counts import MANY_AREAS, PhraseCounts, members, phrase_counts
from .phrases import drop_nested, no_subject, pretty, stem

__all__ = ["KeyPhrases", "MIN_SHARE", "CHILD_SHARE", "TIES"]

MIN_SHARE = 0.1  # of a group's papers a key phrase is used by (2 at least)
CHILD_SHARE = 0.1  # of a finer group's papers that use a phrase, for it to span that group
TIES = 1e-6  # scores within this share of the best of each other are ties, broken by column
_LONGLIST = 400  # columns ranked per group (a partial sort of the vocabulary)


class KeyPhrases:
    """c-TF-IDF key phrases, fit on a corpus's papers and read for any grouping of them.

    ``fit`` learns the vocabulary and each phrase's rarity across the papers (``idf_``);
    ``transform`` gives each group's ``n_phrases`` best phrases; :meth:`top` does the same
    for the describe stage, with each phrase's papers per group."""

    def __init__(self, n_phrases: int = 8, min_share: float = MIN_SHARE) -> None:
        self.n_phrases, self.min_share = n_phrases, min_share

    def fit(self, papers: pd.DataFrame | PhraseCounts) -> KeyPhrases:
        """Learn from ``papers`` (``paper_id``, ``title``, ``text``; or their
        :class:`PhraseCounts`)."""
        self.counts_ = papers if isinstance(papers, PhraseCounts) else phrase_counts(papers)
        docs = self.counts_.docs
        corpus_df = np.asarray((docs > 0).sum(axis=0)).ravel()
        self.idf_ = np.log((1 + docs.shape[0]) / (1 + corpus_df))
        self.forms_ = {j for j, p in enumerate(self.counts_.vocab) if " " in p
                       and no_subject(p)}
        return self

    def transform(self, labels, *, coarser=None, finer=None) -> pd.DataFrame:
        """Each group's key phrases (``labels``: one group per paper, -1 in none;
        ``coarser``/``finer``: the groups above and below, where the grouping is one level
        of several): a row per group with ``group``, ``size`` and ``key_phrases``."""
        labels = np.asarray(labels)
        ids = sorted(int(a) for a in np.unique(labels) if a >= 0)
        sizes = np.array([(labels == a).sum() for a in ids])
        tops, _ = self.top(labels, ids, sizes, coarser=coarser, finer=finer)
        surface = self.counts_.surface
        return pd.DataFrame({"group": ids, "size": sizes,
                             "key_phrases": [[pretty(p, surface) for p in t] for t in tops]})

    def top(self, labels: np.ndarray, ids: list[int], sizes: np.ndarray, *, coarser=None,
            finer=None) -> tuple[list[list[str]], np.ndarray]:
        """Each group's key phrases (lower case), and each phrase's papers per group
        (groups x vocabulary; sparse rows on a level of many groups with none below)."""
        counts = self.counts_
        sparse_rows = len(ids) > MANY_AREAS and finer is None
        scores, doc_freq = self._ctfidf(labels, ids, sparse_rows)
        if coarser is not None:
            scores = scores * _sibling_idf(counts.docs, labels, coarser, ids,
                                           dense=not sparse_rows)
        if finer is not None:
            scores = scores * (0.5 + _coverage(counts.docs, labels, finer, ids))
        tops = self._best(scores, doc_freq, sizes)
        # Second pass: a word that leads many areas' lists tells them apart from none; weigh
        # it down so each area keeps the phrases that are its own.
        spread = Counter(w for top in tops for w in {stem(w) for p in top for w in p.split()})
        penalty = np.array([max((spread[stem(w)] for w in p.split()), default=1)
                            for p in counts.vocab])
        scores = scores / np.sqrt(np.maximum(penalty, 1))
        return self._best(scores, doc_freq, sizes), doc_freq

    def _ctfidf(self, labels: np.ndarray, ids: list[int], sparse_rows: bool):
        """Class-based TF-IDF of each phrase in each group, and its document frequency
        there, as dense arrays or, with ``sparse_rows``, :class:`_SparseRows`."""
        counts = self.counts_
        member = members(labels, ids)
        in_group = member @ counts.docs
        doc_freq = member @ (counts.docs > 0).astype(np.float32)
        group_totals = np.maximum((member @ counts.totals).astype(np.float32), 1)
        if sparse_rows:
            from scipy import sparse

            tf = sparse.diags(1 / group_totals) @ in_group
            scores = tf.multiply(self.idf_[None, :]).multiply(np.sqrt(counts.n_words)[None, :])
            return _SparseRows(scores), _SparseRows(doc_freq.astype(np.int32))
        scores = in_group.toarray() / group_totals[:, None]
        doc_freq = doc_freq.toarray().astype(np.int32)
        scores = scores * self.idf_
        scores *= np.sqrt(counts.n_words)
        return scores, doc_freq

    def _best(self, scores, doc_freq, sizes) -> list[list[str]]:
        """Each group's ``n_phrases`` best phrases: used by at least ``min_share`` of its
        papers (2 at least, unless the group is tiny), overlapping phrases merged, none
        the form of a paper ('extended abstract')."""
        vocab, tops = self.counts_.vocab, []
        for row, size in enumerate(sizes):
            min_docs = max(2, int(np.ceil(self.min_share * size))) if size >= 4 else 1
            row_scores, row_df = scores[row], doc_freq[row]
            best = [j for j in _ranked(row_scores)
                    if row_scores[j] > 0 and row_df[j] >= min_docs and j not in self.forms_]
            tops.append(drop_nested([vocab[j] for j in best],
                                    {vocab[j]: int(row_df[j]) for j in best},
                                    limit=self.n_phrases)[:self.n_phrases])
        return tops


def _ranked(row_scores: np.ndarray) -> np.ndarray:
    """The columns of the ``_LONGLIST`` highest scores, best first, ties by column (a
    partial sort: the whole vocabulary is sorted for no group). Scores within :data:`TIES`
    of the best of each other are ties: the dense and the sparse paths sum in other orders,
    and must not order two phrases differently by a last bit."""
    k = min(_LONGLIST, len(row_scores))
    if k == 0:
        return np.zeros(0, dtype=int)
    top = np.argpartition(-row_scores, k - 1)[:k]
    scale = max(float(np.max(row_scores[top])), 1e-30)
    rounded = np.round(np.asarray(row_scores[top], dtype=np.float64) / scale,
                       int(round(-np.log10(TIES))))
    return top[np.lexsort((top, -rounded))]


def _sibling_idf(docs, labels: np.ndarray, coarser: np.ndarray, ids: list[int],
                 dense: bool = True):
    """Rarity of each phrase among the papers of the group's parent: a sub-area is named by
    what sets it apart from its siblings, not by what the whole parent area shares. A
    (groups x phrases) array, or (``dense=False``) one ``(rows, rarity)`` pair per parent
    (rows: its groups' positions in ``ids``)."""
    present = docs > 0
    parent_of = pd.Series(coarser).groupby(labels).first()  # each group's parent
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


def _coverage(docs, labels: np.ndarray, finer: np.ndarray, ids: list[int]) -> np.ndarray:
    """For each group and phrase: the share of the group's papers that lie in finer groups
    where at least :data:`CHILD_SHARE` of the papers use the phrase. A parent named by
    phrases its sub-areas share reads as their common heading rather than as its largest
    sub-area."""
    out = np.zeros((len(ids), docs.shape[1]), dtype=np.float32)
    present = docs > 0
    for row, area in enumerate(ids):
        inside = labels == area
        for child in np.unique(finer[inside]):
            in_child = finer == child
            share = np.asarray(present[in_child].sum(axis=0)).ravel() / in_child.sum()
            out[row] += (share >= CHILD_SHARE) * in_child.sum()
        out[row] /= max(inside.sum(), 1)
    return out


class _SparseRows:
    """A (groups x phrases) matrix kept sparse that reads like the dense one: ``m[row]`` a
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
