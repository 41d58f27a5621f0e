"""Scores: how strongly each candidate names its area, and their order.

1. **strength**: what a phrase says about the area. Its papers' evidence for it (1 for a
   paper whose abstract uses it, 3 when its title does too, 4 when its authors gave it as
   a keyword: people write their subject in titles and keywords), averaged over the area's
   papers (coverage), times the log of its lift over the area's parent (or over the corpus
   at the top), so that a phrase every sibling uses says nothing; phrases of several words
   count more ("Stochastic Differential Equations" over "Equation").
2. **order** (:func:`rank`): the forms of one term as one; the ``ORDERED`` strongest
   ranked by how strong each stays when the area's papers are resampled (bootstrap), so
   that a name does not hang on a few papers: a second map of the same papers from
   slightly different vectors keeps it; a keyword the authors gave that holds in every
   resample before any phrase only mined from the abstracts; of those nearly as strong as
   the first and used by half as many papers again, the strongest goes first
   (:func:`wider_first`).
3. **meaning** (where the phrases' vectors in the papers' model are given): below the top,
   of the first candidates, one nearer in meaning to the area's papers and used as widely
   (half as widely, where the first says little of them) goes first (:func:`nearer_first`);
   a first one far from them gives way to a near one (:func:`near_first`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .phrases import title_case, word_roots
from .words import repeats

__all__ = ["Evidence", "Ranked", "strength", "stable_order", "rank", "wider_first",
           "near_first", "nearer_first", "meaning", "support", "users", "TITLE_WEIGHT",
           "KEYWORD_WEIGHT", "WORDS_POWER",
           "ORDERED", "NEARLY_AS_STRONG", "MORE_PAPERS", "SPREAD_SHARE", "FAR", "NEAR",
           "NEAR_FIRST", "NEAR_COVER", "NEARER_FIRST", "USE_WEIGHT", "NEARER_BY", "FAINT",
           "FAINT_USE", "without_common", "COMMON_YIELD", "much_nearer_first", "VERY_NEAR",
           "NEARER_BY_FAR", "VERY_NEAR_USE", "met_centrally", "CENTRAL_MET", "CENTRAL"]

TITLE_WEIGHT = 2.0  # a phrase in a paper's title counts 1 + this
KEYWORD_WEIGHT = 3.0  # a keyword the paper's authors gave counts 1 + this
WORDS_POWER = 1.5  # strength grows with words ** this (0.5 and 1.0 gave more lone words)
ORDERED = 8  # candidates ranked by resampling
NEARLY_AS_STRONG = 0.75  # a second candidate this strong, and used by
MORE_PAPERS = 1.5  # this many times the first's papers, goes first (see wider_first)
SPREAD_SHARE = 0.5  # a field's term: no one of its areas holds more than this of its uses
# A first candidate whose meaning lies this far from its area's papers (cosine to their
# mean direction, in the papers' own model) gives way to one of the next NEAR_FIRST that
# lies this near them (see near_first)
FAR, NEAR, NEAR_FIRST = 0.25, 0.45, 3
NEAR_COVER = 0.1  # of the area's papers the near one is used by, at least
# Of an area's first NEARER_FIRST candidates, those used by as many of its papers as the
# first, the one of the highest cosine to the papers plus USE_WEIGHT x (share of the papers
# using it + share whose titles do) goes first where that beats the first's by NEARER_BY
# (see nearer_first; docs/names.md, session 28)
NEARER_FIRST, USE_WEIGHT, NEARER_BY = 6, 0.5, 0.05
# A first candidate this far from its papers (cosine under FAINT) says little of them: one
# used by FAINT_USE times as many papers (not as many) may go before it
FAINT, FAINT_USE = 0.3, 0.5
COMMON_YIELD = 0.25  # a method common to the corpus yields to a candidate this wide
# Of an area's first NEARER_FIRST candidates, one at cosine VERY_NEAR or more from its
# papers, NEARER_BY_FAR nearer than the first, used by VERY_NEAR_USE times as many papers
# and met among the papers nearest the centre goes first (see much_nearer_first)
VERY_NEAR, NEARER_BY_FAR, VERY_NEAR_USE = 0.65, 0.2, 1 / 3
# A term a reader of the central titles meets: used by 2 of the area's 10 papers nearest
# its centre, or 3 of the 20 nearest (see met_centrally)
CENTRAL_MET = ((2, 10), (3, 20))
CENTRAL = max(nearest for _, nearest in CENTRAL_MET)


@dataclass(frozen=True)
class Evidence:
    """One column per candidate, one row per paper of the area: does its abstract use the
    candidate (``text``), does its title or its keywords (``title``); and the share of the
    reference papers (the parent's, or all) that use it (``reference``)."""

    text: np.ndarray  # papers x candidates, 0/1
    title: np.ndarray  # papers x candidates, 0/1
    reference: np.ndarray  # candidates
    n_words: np.ndarray  # candidates


class Ranked(NamedTuple):
    """An area's name parts, best first, the share of the area's papers using each (its
    evidence), which of them use each in any written form (papers x terms), the share
    whose titles (or keywords) use each, and the share of the reference papers (the
    parent's, or all) using each."""

    terms: list[str]
    covers: list[float]
    uses: np.ndarray
    titles: list[float] | None = None
    references: list[float] | None = None

    def reordered(self, order: list[int]) -> Ranked:
        """The same candidates in ``order`` (positions of this order)."""
        return Ranked([self.terms[k] for k in order], [self.covers[k] for k in order],
                      self.uses[:, order],
                      None if self.titles is None else [self.titles[k] for k in order],
                      None if self.references is None else [self.references[k]
                                                            for k in order])


def strength(cover: np.ndarray, title_cover: np.ndarray, reference: np.ndarray,
             n_words: np.ndarray, size: int) -> np.ndarray:
    """Coverage (titles weighted) times log-lift over the reference, times words to the
    ``WORDS_POWER``; 0 for a phrase no more common in the area than in its reference."""
    lift = (cover + 0.5 / max(size, 1)) / np.maximum(reference, 1e-9)
    return (cover + TITLE_WEIGHT * title_cover) * np.log(np.maximum(lift, 1.0)) \
        * n_words ** WORDS_POWER


def stable_order(evidence: Evidence, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidates' order (best first) by how strong each stays when the area's papers
    are resampled (``weights``: the area's papers x resamples, see
    :func:`paperviz.describe.counts.resample_weights`): the mean strength less one standard
    deviation, so that a name holding in every resample beats one a few papers carry (and
    a map of the same papers from slightly other vectors keeps it); and those strengths."""
    n, k = evidence.text.shape
    if k == 0:
        return np.zeros(0, dtype=int), np.zeros(0)
    weights = weights.T.astype(np.float64)  # resamples x papers
    weights /= np.maximum(weights.sum(axis=1), 1.0)[:, None]
    scores = strength(weights @ evidence.text, weights @ evidence.title,
                      evidence.reference[None, :], evidence.n_words[None, :], n)
    held = scores.mean(axis=0) - scores.std(axis=0)
    return np.lexsort((np.arange(k), -held)), held


def rank(candidates: list, weights: np.ndarray, surface: dict[str, str],
         parts: np.ndarray | None = None) -> Ranked:
    """``candidates`` (see :class:`paperviz.describe.candidates.Candidate`) ordered: the
    forms of one term as one (the papers using either; 'quantum field theory' and
    'theories', shown as the corpus mostly writes it); by point strength, a term whose
    words say nothing a stronger one of as many words or more does not dropped ('poses'
    beside 'pose estimation'; 'program synthesis' stays beside 'neural program'); the best
    ``ORDERED`` reordered by resampling (``weights``: the area's papers x resamples), and of
    those the keywords the authors gave that hold in every resample first (what people
    wrote before what was mined). ``parts``: for a level named after the one below
    (fields), each paper's area there: a term most of whose uses lie in one of them goes
    (see :func:`_spread`)."""
    if not candidates:
        return Ranked([], [], np.zeros((len(weights), 0), dtype=bool))
    terms, evidence, given, used = _merged(candidates)
    text = evidence.text
    if parts is not None:
        spread = _spread(text, parts)
        if (spread > 0).any():  # terms most of whose uses lie in one part go
            text[:, spread <= 0] = 0
    point = strength(text.mean(axis=0), evidence.title.mean(axis=0), evidence.reference,
                     evidence.n_words, len(text))
    kept: list[int] = []
    for g in np.argsort(-point, kind="stable"):
        if point[g] <= 0 and kept:
            continue
        if any(repeats(terms[g], terms[k], surface)
               and terms[g].count(" ") <= terms[k].count(" ") for k in kept):
            continue
        kept.append(int(g))
        if len(kept) == ORDERED:
            break
    kept_array = np.asarray(kept)
    order, held = stable_order(Evidence(text[:, kept_array], evidence.title[:, kept_array],
                                        evidence.reference[kept_array],
                                        evidence.n_words[kept_array]), weights)
    order = sorted(order, key=lambda i: not (given[kept[i]] and held[i] > 0))
    cover = text[:, kept_array].mean(axis=0)
    titled = (evidence.title[:, kept_array] > 0).mean(axis=0)
    order = wider_first(order, held, cover, given[kept_array] & (held > 0))
    return Ranked([terms[kept[i]] for i in order], [float(cover[i]) for i in order],
                  used[:, kept_array[np.asarray(order, dtype=int)]],
                  [float(titled[i]) for i in order],
                  [float(evidence.reference[kept[i]]) for i in order])


def wider_first(order: list[int], held: np.ndarray, cover: np.ndarray,
                kept_keyword: np.ndarray) -> list[int]:
    """``order`` (best first) with, of the later candidates nearly as strong as its first
    (``NEARLY_AS_STRONG`` of the first's resampled strength) that ``MORE_PAPERS`` times as
    many of the area's papers use, the strongest before it ('XAI', 27%, over 'Counterfactual
    Explanations', 16%; 'Recommender Systems' over 'Online Learning'; 'Social Media',
    third, 13%, over 'Emotion Recognition', 8%, for 1,780 papers of the 40k map on hate
    speech, bias, politics and emotion: session 33, where only the second was compared
    before), unless only the first is a keyword the authors gave that holds
    (``kept_keyword``, per candidate)."""
    if len(order) < 2 or held[order[0]] <= 0:
        return order
    first = order[0]
    wider = [k for k in order[1:] if held[k] >= NEARLY_AS_STRONG * held[first]
             and cover[k] >= MORE_PAPERS * cover[first]
             and not (kept_keyword[first] and not kept_keyword[k])]
    if wider:  # (the strongest of them: the earliest)
        return [wider[0], *[k for k in order if k != wider[0]]]
    return order


def near_first(ranked: Ranked, cosines: np.ndarray, skip: frozenset[int] = frozenset()
               ) -> Ranked:
    """``ranked`` with, where its first candidate (of those not in ``skip``: the positions of
    candidates that repeat the parent's name) lies far in meaning from the area's papers
    (``cosines``: each candidate's vector against their mean direction, under ``FAR``), the
    nearest of its next ``NEAR_FIRST`` candidates put before it if that one lies near them
    (over ``NEAR``) and a theme of the area (``NEAR_COVER`` of its papers use it):
    'Electric Field' (0.06) gives way to 'DNA Electrophoresis' (0.60) for eleven papers on
    DNA in nanochannels, 'Collaboration' (0.22) to 'Language Agent' (0.58). Only a far
    first one gives way, and only to a near one: the model knows few recent terms
    ('diffusion models' lies at 0.21 from a sub-area on them), so nearness alone is no
    proof of a name."""
    open_ = [k for k in range(len(ranked.terms)) if k not in skip]
    if len(open_) < 2 or cosines[open_[0]] >= FAR:
        return ranked
    near = [k for k in open_[1:NEAR_FIRST + 1] if ranked.covers[k] >= NEAR_COVER]
    nearest = max(near, key=lambda k: cosines[k], default=None)
    if nearest is None or cosines[nearest] <= NEAR:
        return ranked
    return ranked.reordered(_put_before(len(ranked.terms), nearest, open_[0]))


def nearer_first(ranked: Ranked, cosines: np.ndarray, skip: frozenset[int] = frozenset()
                 ) -> tuple[Ranked, np.ndarray]:
    """``ranked`` (and ``cosines``, in its order) with, of its first ``NEARER_FIRST``
    candidates not in ``skip`` (they repeat the parent's name), one used by as many of the
    area's papers as the first put before it where it says the area better: its cosine to
    the papers' mean direction plus ``USE_WEIGHT`` times the shares of the papers using it
    and whose titles do beats the first's by ``NEARER_BY``. What the papers write most
    strongly is often a by-word or a corner of the group: 'Deep Neural Networks' (cosine
    0.43) for 85 IJCAI papers on adversarial attacks, 'Class Incremental Learning' for
    continual learning, 'Action Space' for legged locomotion; the term as widely used and
    nearest what the papers are about names it ('Adversarial Examples', 0.69; 'Catastrophic
    Forgetting', 'Legged Locomotion'). Only as widely used, and only by a margin: the
    nearest of the six with neither named more groups as their authors do (0.43 -> 0.53 of
    the sub-areas of eight corpora) but narrower and less stably across seeds
    (docs/names.md, session 28). Where the first lies under ``FAINT`` from the papers it
    says little of them ('Neural Network', 0.22, for 51 CoRL papers on safe control), and a
    candidate used by ``FAINT_USE`` times as many papers may go first ('Model Predictive
    Control', 0.48; session 29)."""
    open_ = [k for k in range(len(ranked.terms)) if k not in skip][:NEARER_FIRST]
    if len(open_) < 2:
        return ranked, cosines
    says = meaning(ranked, cosines)
    first = open_[0]
    bound = ranked.covers[first] * (FAINT_USE if cosines[first] < FAINT else 1.0)
    wide = [k for k in open_[1:] if ranked.covers[k] >= bound]
    best = max(wide, key=lambda k: says[k], default=None)
    if best is None or says[best] < says[first] + NEARER_BY:
        return ranked, cosines
    order = _put_before(len(ranked.terms), best, first)
    return ranked.reordered(order), cosines[order]


def much_nearer_first(ranked: Ranked, cosines: np.ndarray,
                      central: np.ndarray | None = None, skip: frozenset[int] = frozenset()
                      ) -> tuple[Ranked, np.ndarray]:
    """``ranked`` (and ``cosines``, in its order) with, of its first ``NEARER_FIRST``
    candidates not in ``skip``, one very near the area's papers put before the first: at
    ``VERY_NEAR`` or more from their mean direction and ``NEARER_BY_FAR`` nearer than the
    first, used by ``VERY_NEAR_USE`` times as many of them and met among those nearest the
    centre (:func:`met_centrally`; ``central``: their positions among the area's papers);
    of several, the one that says the area best (:func:`meaning`). The strongest phrase
    can be a by-word or a facet of what the papers study: 'Global Model' (cosine 0.26, 28%
    of 32 IJCAI papers) gives way to 'Personalized Federated Learning' (0.74, 9%), 'Finite
    Traces' (0.32) to 'Linear Temporal Logic' (0.68), 'Link Prediction' (0.45) to
    'Knowledge Graph Embedding' (0.72). Only a very near one, and only where the central
    papers use it: nearness alone names corners ('Cosmological Model' for dark energy,
    used by one of its twenty central papers; docs/names.md, session 36)."""
    open_ = [k for k in range(len(ranked.terms)) if k not in skip][:NEARER_FIRST]
    if len(open_) < 2:
        return ranked, cosines
    first = open_[0]
    near = [k for k in open_[1:] if cosines[k] >= VERY_NEAR
            and cosines[k] >= cosines[first] + NEARER_BY_FAR
            and ranked.covers[k] >= VERY_NEAR_USE * ranked.covers[first]
            and (central is None or met_centrally(ranked.uses[:, k], central))]
    if not near:
        return ranked, cosines
    says = meaning(ranked, cosines)
    order = _put_before(len(ranked.terms), max(near, key=lambda k: says[k]), first)
    return ranked.reordered(order), cosines[order]


def met_centrally(using: np.ndarray, central: np.ndarray) -> bool:
    """Do enough of an area's papers nearest its centre use a term (``using``: per paper;
    ``central``: the positions of the nearest, nearest first): 2 of the 10 nearest, or 3
    of the 20 (``CENTRAL_MET``)? Ten papers alone are a small sample: the 40k map's 'Peer
    Review' gained '& Scientific Literature' on one seed only (session 35)."""
    using = np.asarray(using, dtype=bool)
    return any(using[central[:nearest]].sum() >= papers for papers, nearest in CENTRAL_MET)


def without_common(ranked: Ranked, common: Callable[[str], bool],
                   skip: frozenset[int] = frozenset()) -> Ranked:
    """``ranked`` without the candidates that are methods ``common`` to the corpus (see
    :func:`paperviz.describe.disciplines.common_methods`) where a candidate that is none
    (and not in ``skip``) is used by ``COMMON_YIELD`` times as many of the area's papers:
    'Deep Neural Networks' (43% of 30 IJCAI papers on quantising networks) gives way to
    'Quantization' (40%), 'Deep Learning' (30% of 499 papers on crops and land) to
    'Precision Agriculture' (9%), and joins neither as a second theme; where none is that
    wide, the method stays ('Neural Networks', 39% of a mixed group, not 'Graph Neural
    Networks', 6%)."""
    widest = max((c for k, (t, c) in enumerate(zip(ranked.terms, ranked.covers, strict=True))
                  if k not in skip and not common(t)), default=0.0)
    kept = [k for k, (t, c) in enumerate(zip(ranked.terms, ranked.covers, strict=True))
            if not common(t) or widest < COMMON_YIELD * c]
    return ranked if len(kept) == len(ranked.terms) else ranked.reordered(kept)


def _put_before(n: int, moved: int, first: int) -> list[int]:
    """The order of ``n`` candidates with ``moved`` just before ``first``."""
    order = [k for k in range(n) if k != moved]
    order.insert(order.index(first), moved)
    return order


def meaning(ranked: Ranked, cosines: np.ndarray) -> np.ndarray:
    """How well each candidate says what the area is about: its cosine to the papers' mean
    direction (``cosines``, in ``ranked``'s order) plus ``USE_WEIGHT`` times the shares of
    the papers using it and whose titles do (see :func:`nearer_first`)."""
    titles = ranked.titles if ranked.titles is not None else [0.0] * len(ranked.terms)
    return np.asarray(cosines, dtype=np.float64) + USE_WEIGHT * (
        np.asarray(ranked.covers, dtype=np.float64) + np.asarray(titles, dtype=np.float64))


def support(name: str, ranked: Ranked, surface: dict[str, str]) -> float:
    """The share of the area's papers that use ``name``: one of its parts (joined by '&')
    in the abstract, the title or the keywords. 0 for a part not among ``ranked``."""
    using = users(name, ranked, surface)
    return float(using.mean()) if len(using) else 0.0


def users(name: str, ranked: Ranked, surface: dict[str, str]) -> np.ndarray:
    """Which of the area's papers use ``name`` (see :func:`support`), in their order."""
    written = {title_case(t, surface): i for i, t in enumerate(ranked.terms)}
    columns = [written[p] for p in name.split(" & ") if p in written]
    if not columns:
        return np.zeros(len(ranked.uses), dtype=bool)
    return np.asarray(ranked.uses[:, columns].any(axis=1), dtype=bool)


def _merged(candidates: list) -> tuple[list[str], Evidence, np.ndarray, np.ndarray]:
    """The candidates' terms with their forms as one (same word roots): each term as its
    most used form writes it, its evidence the papers using any form (the strongest),
    whether the authors gave any form as a keyword, and the papers using it (papers x
    terms)."""
    forms: dict[frozenset, list[int]] = {}
    for i, candidate in enumerate(candidates):
        forms.setdefault(word_roots(candidate.term), []).append(i)
    groups = list(forms.values())
    text = np.zeros((len(candidates[0].text), len(groups)), dtype=np.float32)
    title = np.zeros_like(text)
    reference = np.zeros(len(groups))
    terms = []
    for g, items in enumerate(groups):
        for i in items:
            np.maximum(text[:, g], candidates[i].text, out=text[:, g])
            np.maximum(title[:, g], candidates[i].title, out=title[:, g])
            reference[g] = max(reference[g], candidates[i].reference)
        terms.append(candidates[max(items, key=lambda i: (candidates[i].uses, -i))].written)
    n_words = np.array([max(candidates[i].n_words for i in items) for items in groups],
                       dtype=np.float32)
    given = np.array([any(candidates[i].given for i in items) for items in groups])
    used = np.column_stack([np.any([candidates[i].used for i in items], axis=0)
                            for items in groups])
    return terms, Evidence(text, title, reference, n_words), given, used


def _spread(text: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """1 for each term whose uses no single one of ``parts`` (the area's areas below, one
    label per paper) holds more than ``SPREAD_SHARE`` of, else 0; all 1 for an area of one
    part."""
    ids, position = np.unique(parts, return_inverse=True)
    if len(ids) < 2:
        return np.ones(text.shape[1])
    per_part = np.zeros((len(ids), text.shape[1]))
    np.add.at(per_part, position, text)
    total = np.maximum(per_part.sum(axis=0), 1e-9)
    return (per_part.max(axis=0) <= SPREAD_SHARE * total).astype(float)
