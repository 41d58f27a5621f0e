"""An area's name candidates, ranked: what people wrote (the papers' keywords, the phrases
of their titles and abstracts), kept when they can be name parts (noun phrases, not generic:
see :mod:`paperviz.describe.naming`), ordered by strength across resamples of the area's
papers (see :mod:`paperviz.describe.choose`)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse

from .choose import (
    KEYWORD_WEIGHT,
    ORDERED,
    TITLE_WEIGHT,
    Evidence,
    stable_order,
    strength,
)
from .naming import name_candidates
from .phrases import word_roots
from .words import english_zipf, is_noun_phrase, repeats, stands_alone

__all__ = ["Candidates", "genericness", "min_papers"]

_REFERENCES_KEPT = 16  # parents' phrase rates held at once (recomputed when asked again)
_RANKED = 24  # phrases, strongest first, offered to name_candidates per area
# General-English frequency (Zipf) from which a word says too little to stand alone as a
# name part ('rate', 'distance', 'feature', 'concerns'; 'robots', 'retrieval' are below),
# and from which both words of a two-word phrase do ('long time', 'real world').
_COMMON_WORD = 4.5
_COMMON_PAIR = 5.5


def min_papers(size: int) -> int:
    """Papers of an area a candidate needs: 5% of them, and 2 (1 in an area under 4)."""
    return max(2, int(np.ceil(0.05 * size))) if size >= 4 else 1


def genericness(doc_freq, sizes, n_papers) -> Callable[[str, int], bool]:
    """A test of the phrases that name no area of this level: used by at least 5% of the
    papers in half of the level's areas, or by 1% in four fifths of them ('future
    research', 'project page'; when the level has at least four areas), or so common
    in general English (wordfreq) that it says too little alone: a single word of Zipf
    frequency 4.5 or more, or two words of 5.5 or more each."""
    sizes = np.maximum(sizes, 1)
    memo: dict[int, bool] = {}

    def is_generic(phrase: str, column: int) -> bool:
        if column not in memo:
            words = phrase.split()
            share = doc_freq[:, column] / sizes
            memo[column] = bool(
                (len(sizes) >= 4 and ((share >= 0.05).mean() >= 0.5
                                      or (share >= 0.01).mean() >= 0.8))
                or (len(words) == 1 and english_zipf(phrase) >= _COMMON_WORD)
                or (len(words) == 2 and min(map(english_zipf, words)) >= _COMMON_PAIR))
        return memo[column]

    return is_generic


class Candidates:
    """The ranked name candidates of each area of one level.

    ``shared`` holds the papers' phrases (``docs``, ``titles``), the vocabulary and its
    index, how the corpus writes words, and the keywords; ``doc_freq`` (areas x phrases)
    how many papers of each area use each phrase; ``coarser`` the level above (each area's
    reference for lift is its parent's papers; at the top, the corpus). ``spanning``: the
    level below, for a level named after it (fields): a field's name is a term its areas
    share, not one most of whose uses lie in one of them ('Computer Vision', not 'Diffusion
    Models', for a large field where 'diffusion models' is one area's subject)."""

    def __init__(self, shared, labels: np.ndarray, ids: list[int], coarser, doc_freq,
                 sizes: np.ndarray, generic, spanning=None) -> None:
        self.shared, self.labels, self.ids = shared, labels, ids
        self.doc_freq, self.sizes, self.generic = doc_freq, sizes, generic
        self.coarser, self.spanning = coarser, spanning
        self.text = (shared.docs > 0).astype(np.float32).tocsr()
        self.corpus_uses = np.asarray(self.text.sum(axis=0)).ravel()
        self.n_words = np.array([1.0 + p.count(" ") for p in shared.vocab], dtype=np.float32)
        self.surface = dict(shared.surface)
        self._by_phrase = None  # the papers' phrases by phrase (for `_together`)
        self._reference: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}
        keywords = shared.keywords
        if keywords is not None:
            for term, written in keywords.written.items():
                if " " not in term:
                    self.surface.setdefault(term, written)
            inside = np.flatnonzero(np.isin(labels, ids))
            member = sparse.csr_matrix(
                (np.ones(len(inside), dtype=np.float32),
                 (np.searchsorted(ids, labels[inside]), inside)), shape=(len(ids), len(labels)))
            self.keyword_freq = (member @ keywords.presence).toarray()
            self.keyword_generic = genericness(self.keyword_freq, sizes, len(labels))

    def _reference_rates(self, row: int, members: np.ndarray):
        """The share of the reference papers using each phrase, and each keyword."""
        if self.coarser is None:
            key = -1
        else:
            key = int(np.bincount(self.coarser[members] + 1).argmax()) - 1
            if (self.coarser == key).sum() <= len(members):  # its parent's only child
                key = -1
        if key not in self._reference:
            if len(self._reference) >= _REFERENCES_KEPT:  # one vocabulary-long vector each:
                self._reference.pop(next(iter(self._reference)))  # hundreds would be GBs
            inside = np.ones(len(self.labels), bool) if key < 0 else self.coarser == key
            rates = (np.asarray(self.text[inside].sum(axis=0)).ravel() / inside.sum()
                     ).astype(np.float32)
            kw = None
            if self.shared.keywords is not None:
                kw = np.asarray(self.shared.keywords.presence[inside].sum(axis=0)).ravel() \
                    / inside.sum()
            self._reference[key] = (rates, kw)
        return self._reference[key]

    def candidates(self, row: int, members: np.ndarray, loose: bool = False
                   ) -> tuple[list[str], list[float], list[float]]:
        """The area's candidates, best first, their strengths across resamples, and the
        share of the area's papers using each (its abstract, title or keywords);
        ``loose``: generic ones too (for an area that has nothing else)."""
        shared, size = self.shared, len(members)
        df = np.asarray(self.doc_freq[row], dtype=np.float64).ravel()
        titles = np.asarray(shared.titles[members].sum(axis=0)).ravel()
        rates, keyword_rates = self._reference_rates(row, members)
        columns = np.flatnonzero(df >= min_papers(size))
        point = strength(df[columns] / size, titles[columns] / size, rates[columns],
                         self.n_words[columns], size)
        top = columns[np.argsort(-point, kind="stable")[:_RANKED]]
        top = [j for j in top if point[np.searchsorted(columns, j)] > 0]
        generic = (lambda *_: False) if loose else self.generic
        phrases = name_candidates([str(shared.vocab[j]) for j in top], index=shared.index,
                                  doc_freq=df, usage=shared.usage, surface=self.surface,
                                  generic=generic, area_min=max(2.0, 0.05 * size),
                                  together=self._together)
        pool = [(p, "phrase", column) for p, column in phrases]
        if shared.keywords is not None:
            pool += self._keyword_pool(row, size, loose)
        return self._ordered(pool, members, rates, keyword_rates)

    def _keyword_pool(self, row: int, size: int, loose: bool):
        """The area's keywords that can be name parts (as phrases must)."""
        shared = self.shared
        freq = self.keyword_freq[row]
        out = []
        for k in np.flatnonzero(freq >= min_papers(size)):
            term = shared.keywords.terms[k]
            if not term[:1].isalnum() or (" " not in term and not stands_alone(
                    term, self.surface.get(term))):
                continue
            if not is_noun_phrase(term, shared.usage, self.surface):
                continue
            if not loose and self.keyword_generic(term, k):
                continue
            out.append((term, "keyword", k))
        return out

    def _ordered(self, pool, members, rates, keyword_rates):
        """``pool`` ranked by point strength, the forms of one term as one (the papers using
        either; 'quantum field theory' and 'theories', shown as the corpus mostly writes
        it), a term whose words say nothing a stronger one of as many words or more does
        not dropped ('poses' beside 'pose estimation'; 'program synthesis' stays beside
        'neural program'), the best
        ``ORDERED`` reordered by resampling, and of those the keywords the authors gave that
        hold in every resample first (what people wrote before what was mined)."""
        if not pool:
            return [], [], []
        forms: dict[frozenset, list[int]] = {}
        for i, (term, _, _) in enumerate(pool):
            forms.setdefault(word_roots(term), []).append(i)
        groups = list(forms.values())
        phrase_cols = np.array([c for _, src, c in pool if src == "phrase"], dtype=int)
        inside_text = self.text[members][:, phrase_cols].toarray()
        inside_title = self.shared.titles[members][:, phrase_cols].toarray()
        keyword_cols = np.array([c for _, src, c in pool if src == "keyword"], dtype=int)
        inside_keywords = (self.shared.keywords.presence[members][:, keyword_cols].toarray()
                           if len(keyword_cols) else None)
        position, slot = {}, {"phrase": 0, "keyword": 0}
        for i, (_, src, _) in enumerate(pool):
            position[i] = slot[src]
            slot[src] += 1
        text = np.zeros((len(members), len(groups)), dtype=np.float32)
        title = np.zeros_like(text)
        reference = np.zeros(len(groups))
        terms = []
        given = np.array([any(pool[i][1] == "keyword" for i in items) for items in groups])
        for g, items in enumerate(groups):
            for i in items:
                _, src, column = pool[i]
                k = position[i]
                one_text = inside_text[:, k] if src == "phrase" else inside_keywords[:, k]
                one_title = inside_title[:, k] if src == "phrase" else \
                    inside_keywords[:, k] * (KEYWORD_WEIGHT / TITLE_WEIGHT)
                np.maximum(text[:, g], one_text, out=text[:, g])
                np.maximum(title[:, g], one_title, out=title[:, g])
                reference[g] = max(reference[g], rates[column] if src == "phrase"
                                   else keyword_rates[column])
            terms.append(self._written(pool[max(items, key=lambda i: (self._corpus_uses(pool[i]),
                                                                    -i))]))
        if self.spanning is not None:
            spread = self._spread(text, self.spanning[members])
            if (spread > 0).any():  # terms most of whose uses lie in one part go
                text[:, spread <= 0] = 0
        n_words = np.array([max(self.n_words[c] if src == "phrase" else 1.0 + t.count(" ")
                                for t, src, c in (pool[i] for i in items))
                            for items in groups], dtype=np.float32)  # those of its evidence
        point = strength(text.mean(axis=0), title.mean(axis=0), reference, n_words,
                         len(members))
        kept: list[int] = []
        for g in np.argsort(-point, kind="stable"):
            if point[g] <= 0 and kept:
                continue
            if any(repeats(terms[g], terms[k], self.surface)
                   and terms[g].count(" ") <= terms[k].count(" ") for k in kept):
                continue
            kept.append(int(g))
            if len(kept) == ORDERED:
                break
        kept_array = np.asarray(kept)
        order, held = stable_order(Evidence(text[:, kept_array], title[:, kept_array],
                                            reference[kept_array], n_words[kept_array]),
                                   self.shared.resamples[members])
        # what the authors wrote comes first: a term given as a keyword that holds in every
        # resample, before any phrase only mined from the abstracts
        order = sorted(order, key=lambda i: not (given[kept[i]] and held[i] > 0))
        cover = text[:, kept_array].mean(axis=0)
        return ([terms[kept[i]] for i in order], [float(held[i]) for i in order],
                [float(cover[i]) for i in order])

    @staticmethod
    def _spread(text: np.ndarray, parts: np.ndarray) -> np.ndarray:
        """1 for each term whose uses no single one of ``parts`` (the area's areas below, one
        label per paper) holds most of, else 0; all 1 for an area of one part."""
        ids, position = np.unique(parts, return_inverse=True)
        if len(ids) < 2:
            return np.ones(text.shape[1])
        per_part = np.zeros((len(ids), text.shape[1]))
        np.add.at(per_part, position, text)
        total = np.maximum(per_part.sum(axis=0), 1e-9)
        return (per_part.max(axis=0) <= 0.5 * total).astype(float)

    def _together(self, column: int, others: list[int]) -> np.ndarray:
        """The share of the corpus's papers using phrase ``column`` that use each of
        ``others`` too."""
        if self._by_phrase is None:
            self._by_phrase = self.text.tocsc()
        by_phrase = self._by_phrase

        def papers(j: int) -> np.ndarray:
            return by_phrase.indices[by_phrase.indptr[j]:by_phrase.indptr[j + 1]]

        own = papers(column)
        return np.array([len(np.intersect1d(own, papers(j), assume_unique=True))
                         for j in others]) / max(len(own), 1)

    def _written(self, item) -> str:
        """A phrase in the number and the spelling the corpus mostly writes it ('quantum
        field theory' over 'theories', 'pre-training' over 'pretraining' where it writes
        the hyphen more), whichever of the forms the area's candidates hold."""
        term, source, _ = item
        if source != "phrase":
            return term
        words = term.split()
        last = words[-1]
        forms = {last, last + "s", last[:-1] if last.endswith("s") else last,
                 last[:-3] + "y" if last.endswith("ies") else last,
                 last[:-1] + "ies" if last.endswith("y") else last}
        index = self.shared.index
        variants = {" ".join([*words[:-1], f]) for f in forms}
        joined = {v.replace("-", "") for v in variants}
        variants |= joined | {h for v in joined for h in index.hyphened.get(v, ())}
        return max((v for v in variants if v in index.column),
                   key=lambda v: (self.corpus_uses[index.column[v]], v == term, v),
                   default=term)  # a term longer than the vocabulary's (see `joined`)

    def _corpus_uses(self, item) -> float:
        _, source, column = item
        if source == "phrase":
            return float(self.corpus_uses[column])
        return float(self.shared.keywords.presence[:, column].sum())
