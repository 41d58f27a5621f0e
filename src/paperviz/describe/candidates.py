"""Candidates: what an area could be named, from what people wrote: the phrases of its
papers' titles and abstracts, and the keywords its authors gave. Each is one
:class:`Candidate`, a term with its evidence (which of the area's papers use it, in the
abstract, the title or the keywords, and how common it is among the reference papers),
whatever its source; :mod:`paperviz.describe.filters` decides which can be name parts and
:mod:`paperviz.describe.scores` orders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from .counts import PhraseCounts, members
from .filters import genericness, keyword_part, phrase_parts, whole_term
from .scores import KEYWORD_WEIGHT, TITLE_WEIGHT, strength
from .words import ES_PLURAL_OF, not_a_plural, plurals

__all__ = ["Candidate", "AreaCandidates", "min_papers", "AREA_SHARE", "RANKED"]

AREA_SHARE = 0.05  # of an area's papers a candidate is used by (2 at least)
RANKED = 24  # phrases, strongest first, offered to the filters per area
_REFERENCES_KEPT = 16  # parents' phrase rates held at once (recomputed when asked again)


def min_papers(size: int) -> int:
    """Papers of an area a candidate needs: ``AREA_SHARE`` of them, and 2 (1 in an area
    under 4)."""
    return max(2, int(np.ceil(AREA_SHARE * size))) if size >= 4 else 1


@dataclass(frozen=True)
class Candidate:
    """One possible name part of an area, and its evidence over the area's papers."""

    term: str  # lower case
    written: str  # as the corpus mostly writes it ('quantum field theory' over 'theories')
    text: np.ndarray  # per paper: 1 where its abstract (or its keywords) use it
    title: np.ndarray  # per paper: 1 where its title does; a keyword counts more (weights)
    reference: float  # the share of the reference papers (the parent's, or all) using it
    n_words: float  # the words of its evidence's phrase
    uses: float  # the corpus's papers using it (of a term's forms, the commonest is shown)
    given: bool  # the authors gave it as a keyword
    used: np.ndarray  # per paper: True where it uses the term in any written form (support)


class AreaCandidates:
    """The candidates of each area of one level.

    ``doc_freq`` (areas x phrases): how many papers of each area use each phrase;
    ``coarser``: the level above (each area's reference for lift is its parent's papers;
    at the top, the corpus)."""

    def __init__(self, counts: PhraseCounts, labels: np.ndarray, ids: list[int], coarser,
                 doc_freq, sizes: np.ndarray) -> None:
        self.counts, self.labels, self.coarser = counts, labels, coarser
        self.doc_freq, self.generic = doc_freq, genericness(doc_freq, sizes)
        self._reference: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}
        if counts.keywords is not None:
            self.keyword_freq = (members(labels, ids) @ counts.keywords.presence).toarray()
            self.keyword_generic = genericness(self.keyword_freq, sizes)

    def of(self, row: int, area_papers: np.ndarray, loose: bool = False) -> list[Candidate]:
        """The candidates of the area in ``row`` (``area_papers``: its papers' rows):
        phrases first, strongest first, then keywords; ``loose``: generic ones too (for an
        area that has nothing else)."""
        rates, keyword_rates = self._reference_rates(area_papers)
        found = self._phrases(row, area_papers, rates, loose)
        if self.counts.keywords is not None:
            found += self._keywords(row, area_papers, keyword_rates, loose)
        return found

    def _phrases(self, row: int, area_papers: np.ndarray, rates: np.ndarray,
                 loose: bool) -> list[Candidate]:
        """The area's ``RANKED`` strongest phrases that pass the filters (made whole, made
        specific), each with the papers of the vocabulary phrase that is its evidence, and
        those that use it in any written form ('language model' or 'language models')."""
        counts, size = self.counts, len(area_papers)
        df = np.asarray(self.doc_freq[row], dtype=np.float64).ravel()
        titles = np.asarray(counts.titles[area_papers].sum(axis=0)).ravel()
        columns = np.flatnonzero(df >= min_papers(size))
        point = strength(df[columns] / size, titles[columns] / size, rates[columns],
                         counts.n_words[columns], size)
        top = columns[np.argsort(-point, kind="stable")[:RANKED]]
        top = [j for j in top if point[np.searchsorted(columns, j)] > 0]
        generic = (lambda *_: False) if loose else partial(self.generic, row=row)
        parts = phrase_parts([str(counts.vocab[j]) for j in top], counts=counts,
                             doc_freq=df, generic=generic, area_min=max(2.0, AREA_SHARE * size),
                             made_whole=lambda phrase: whole_term(phrase, counts),
                             occurrences=lambda: np.asarray(
                                 counts.docs[area_papers].sum(axis=0)).ravel(),
                             below_top=self.coarser is not None)
        forms = [self._forms(c) for _, c in parts]
        cols = np.array([c for group in forms for c in group], dtype=int)
        text = counts.present[area_papers][:, cols].toarray()
        title = counts.titles[area_papers][:, cols].toarray()
        found, start = [], 0
        for (term, c), group in zip(parts, forms, strict=True):
            block = slice(start, start + len(group))
            start += len(group)
            k = block.start
            found.append(Candidate(term, self._written(term), text[:, k], title[:, k],
                                   float(rates[c]), float(counts.n_words[c]),
                                   float(counts.corpus_uses[c]), False,
                                   text[:, block].max(axis=1) > 0))
        return found

    def _keywords(self, row: int, area_papers: np.ndarray, rates: np.ndarray,
                  loose: bool) -> list[Candidate]:
        """The area's keywords that can be name parts (as phrases must)."""
        counts, keywords = self.counts, self.counts.keywords
        freq = self.keyword_freq[row]
        cols = [k for k in np.flatnonzero(freq >= min_papers(len(area_papers)))
                if keyword_part(keywords.terms[k], counts.usage, counts.surface)
                and (loose or not self.keyword_generic(keywords.terms[k], k, row))]
        given = keywords.presence[area_papers][:, np.array(cols, dtype=int)].toarray()
        return [Candidate(keywords.terms[c], keywords.terms[c], given[:, k],
                          given[:, k] * (KEYWORD_WEIGHT / TITLE_WEIGHT), float(rates[c]),
                          1.0 + keywords.terms[c].count(" "),
                          float(keywords.presence[:, c].sum()), True, given[:, k] > 0)
                for k, c in enumerate(cols)]

    def _reference_rates(self, area_papers: np.ndarray):
        """The share of the reference papers (the parent's; the corpus's at the top or for
        an only child) using each phrase, and each keyword."""
        if self.coarser is None:
            key = -1
        else:
            key = int(np.bincount(self.coarser[area_papers] + 1).argmax()) - 1
            if (self.coarser == key).sum() <= len(area_papers):  # its parent's only child
                key = -1
        if key not in self._reference:
            if len(self._reference) >= _REFERENCES_KEPT:  # one vocabulary-long vector each:
                self._reference.pop(next(iter(self._reference)))  # hundreds would be GBs
            inside = np.ones(len(self.labels), bool) if key < 0 else self.coarser == key
            rates = (np.asarray(self.counts.present[inside].sum(axis=0)).ravel()
                     / inside.sum()).astype(np.float32)
            kw = None
            if self.counts.keywords is not None:
                kw = np.asarray(self.counts.keywords.presence[inside].sum(axis=0)).ravel() \
                    / inside.sum()
            self._reference[key] = (rates, kw)
        return self._reference[key]

    def _variants(self, term: str) -> list[str]:
        """The forms of ``term`` in the vocabulary: singular and plural ('process',
        'processes'), with and without hyphens ('pre-training', 'pretraining'). A noun of
        its own in '-s' has no singular ('semantics', 'robotics': not 'semantic', an
        adjective), nor is it the plural of the word without its 's'."""
        words = term.split()
        last = words[-1]
        ends = {last, *plurals(last),
                last[:-1] if last.endswith("s") and not not_a_plural(last) else last,
                last[:-3] + "y" if last.endswith("ies") else last,
                last[:-2] if last.endswith("es") and last[:-2].endswith(ES_PLURAL_OF) else last}
        index = self.counts.index
        variants = {" ".join([*words[:-1], f]) for f in ends}
        joined = {v.replace("-", "") for v in variants}
        variants |= joined | {h for v in joined for h in index.hyphened.get(v, ())}
        return sorted(v for v in variants if v in index.column)

    def _forms(self, column: int) -> list[int]:
        """The vocabulary columns of every form of the phrase in ``column``, itself first."""
        index = self.counts.index
        phrase = str(index.vocab[column])
        return [column, *(index.column[v] for v in self._variants(phrase) if v != phrase)]

    def _written(self, term: str) -> str:
        """A phrase in the number and the spelling the corpus mostly writes it ('quantum
        field theory' over 'theories', 'pre-training' over 'pretraining' where it writes
        the hyphen more)."""
        index, uses = self.counts.index, self.counts.corpus_uses
        return max(self._variants(term), key=lambda v: (uses[index.column[v]], v == term, v),
                   default=term)  # a term longer than the vocabulary's (see `joined`)
