"""Choosing an area's name from its candidates, in three steps:

1. **strength**: what a phrase says about the area. Its papers' evidence for it (1 for a
   paper whose abstract uses it, 3 when its title does too, 4 when its authors gave it as
   a keyword: people write their subject in titles and keywords), averaged over the area's
   papers (coverage), times the log of its lift over the area's parent (or over the corpus
   at the top), so that a phrase every sibling uses says nothing; phrases of several words
   count more ("Stochastic Differential Equations" over "Equation").
2. **order**: the candidates ranked by how strong each stays when the area's papers are
   resampled (bootstrap), so that a name does not hang on a few papers: a second map of the
   same papers from slightly different vectors keeps it.
3. **name**: the strongest candidate that says what no other name of the level says (not
   a name taken, its acronym, a part of it), alone; where none is left, the first
   candidate with another ("Language Models & Reasoning"). Names are unique within
   the level, and no part is in more than two of them. Areas choose largest first, except
   that an area most of whose papers use its first candidate chooses before one whose
   papers use it less than half as often: a term names the area it is the subject of.

One part rather than two: a second part added whenever it was at least half as strong kept
fewer names from fp32 to bf16 vectors, and fewer of the parts were among the authors' own
keywords (`benchmarks/names.py`; docs/names.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .phrases import title_case
from .words import is_acronym_of, repeats, same_idea

__all__ = ["Evidence", "strength", "resample_weights", "stable_order", "level_names",
           "TITLE_WEIGHT",
           "KEYWORD_WEIGHT"]

TITLE_WEIGHT = 2.0  # a phrase in a paper's title counts 1 + this
KEYWORD_WEIGHT = 3.0  # a keyword the paper's authors gave counts 1 + this
RESAMPLES = 50
ORDERED = 8  # candidates ranked by resampling
MAX_PART_USES = 2  # a part in this many names of the level goes in no more
MAX_WORDS = 5
CLAIM_FLOOR = 0.5  # a part this share of an area's papers use is its subject
CLAIM_RATIO = 2.0  # an area using a part this many times as often chooses first
_MAX_DEPTH = 100  # areas choosing before another, one before the next, at most
WORDS_POWER = 1.5  # strength grows with words ** this (0.5 and 1.0 gave more lone words)


@dataclass(frozen=True)
class Evidence:
    """One column per candidate phrase, one row per paper of the area: does its abstract
    use the phrase (``text``), does its title or its keywords (``title``); and the share of
    the reference papers (the parent's, or all) that use it (``reference``)."""

    text: np.ndarray  # papers x candidates, 0/1
    title: np.ndarray  # papers x candidates, 0/1
    reference: np.ndarray  # candidates
    n_words: np.ndarray  # candidates


def strength(cover: np.ndarray, title_cover: np.ndarray, reference: np.ndarray,
             n_words: np.ndarray, size: int) -> np.ndarray:
    """Coverage (titles weighted) times log-lift over the reference, times words to the
    ``WORDS_POWER``; 0 for a phrase no more common in the area than in its reference."""
    lift = (cover + 0.5 / max(size, 1)) / np.maximum(reference, 1e-9)
    return (cover + TITLE_WEIGHT * title_cover) * np.log(np.maximum(lift, 1.0)) \
        * n_words ** WORDS_POWER


def resample_weights(keys: np.ndarray) -> np.ndarray:
    """Each paper's weight in each of ``RESAMPLES`` resamples (papers x resamples): a Poisson
    bootstrap, the count of each paper drawn from Poisson(1) by a hash of its key, so that
    a paper weighs the same whatever the row order and whichever other papers share its
    area (a map from other vectors moves a few papers; the rest resample as before)."""
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


def stable_order(evidence: Evidence, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidates' order (best first) by how strong each stays when the area's papers
    are resampled (``weights``: the area's papers x resamples, see
    :func:`resample_weights`): the mean strength less one standard deviation, so that a
    name holding in every resample beats one a few papers carry (and a map of the same
    papers from slightly other vectors keeps it); and those strengths."""
    n, k = evidence.text.shape
    if k == 0:
        return np.zeros(0, dtype=int), np.zeros(0)
    weights = weights.T.astype(np.float64)  # resamples x papers
    weights /= np.maximum(weights.sum(axis=1), 1.0)[:, None]
    scores = strength(weights @ evidence.text, weights @ evidence.title,
                      evidence.reference[None, :], evidence.n_words[None, :], n)
    held = scores.mean(axis=0) - scores.std(axis=0)
    return np.lexsort((np.arange(k), -held)), held


def _options(parts: list[str], avoid: tuple[str, ...], surface: dict[str, str]):
    """Names from ordered parts, best first: each part alone, then each with a later part
    that says something else."""
    fresh = [p for p in parts if not any(repeats(p, a, surface) for a in avoid)]
    yield from ((p,) for p in fresh)
    for i, first in enumerate(fresh):
        yield from ((first, p) for p in fresh[i + 1:] if not same_idea(p, first, surface)
                    and len(first.split()) + len(p.split()) <= MAX_WORDS)


def _claims(parts: list[list[str]], avoid: list[tuple[str, ...]],
            covers: list[list[float]], surface: dict[str, str]) -> dict[str, tuple[int, float]]:
    """Each part that is an area's first candidate (of those not repeating its parent's
    name) and that at least ``CLAIM_FLOOR`` of its papers use: the area whose papers use
    it most, and their share."""
    claims: dict[str, tuple[int, float]] = {}
    for area, (area_parts, area_avoid, area_covers) in enumerate(zip(parts, avoid, covers,
                                                                     strict=True)):
        for part, cover in zip(area_parts, area_covers, strict=True):
            if not any(repeats(part, a, surface) for a in area_avoid):
                if cover >= CLAIM_FLOOR and cover > claims.get(part, (-1, -1.0))[1]:
                    claims[part] = (area, cover)
                break
    return claims


def level_names(parts: list[list[str]], surface: dict[str, str], used: set[str],
                avoid: list[tuple[str, ...]], covers: list[list[float]] | None = None
                ) -> list[str | None]:
    """One name per area from its ordered candidate ``parts``: the first option (see
    :func:`_options`) that, alone, says what no name before it says, whose name no area
    before it has taken (nor
    ``used``, the level above's), that repeats no part of its parent's name (``avoid``),
    and none of whose parts two names of the level already have. None where nothing fits.

    ``covers``, the share of each area's papers using each of its parts: areas are named
    in their order, except that an area whose first candidate is a part of this area's
    option, and whose papers use it ``CLAIM_RATIO`` times as often (and at least
    ``CLAIM_FLOOR`` of them), is named first
    ('Imitation Learning' for the sub-area where half the papers are about it, before a
    larger one where a fifth are)."""
    claims = {} if covers is None else _claims(parts, avoid, covers, surface)
    taken = {n.lower() for n in used}
    ideas: set[str] = set()  # the parts of the level's names so far
    part_uses: dict[str, int] = {}
    names: list[str | None] = [None] * len(parts)
    started = [False] * len(parts)
    finished = [False] * len(parts)

    def says_nothing_new(option: tuple[str, ...]) -> bool:
        return any(part_uses.get(p, 0) >= MAX_PART_USES for p in option) or (
            len(option) == 1 and any(repeats(option[0], idea, surface)
                                     or is_acronym_of(idea, option[0], surface)
                                     for idea in ideas))
        # 'MRI' taken: not 'Magnetic Resonance'; 'Mathematical Reasoning': not 'Reasoning'

    def name(area: int, depth: int = 0) -> None:
        started[area] = True
        cover = dict(zip(parts[area], covers[area], strict=True)) if covers else {}
        for option in _options(parts[area], avoid[area], surface):
            waiting = False  # an area more about a part, still choosing its own name
            for p in option:
                other, share = claims.get(p, (area, 0.0))
                if other != area and share >= CLAIM_RATIO * cover.get(p, 0.0) and (
                        started[other] or depth < _MAX_DEPTH):
                    if not started[other]:  # its subject more than this area's: it
                        name(other, depth + 1)  # chooses first
                    waiting |= not finished[other]
            text = " & ".join(title_case(p, surface) for p in sorted(option))
            if waiting or says_nothing_new(option) or text.lower() in taken:
                continue
            names[area] = text
            taken.add(text.lower())
            for p in option:
                part_uses[p] = part_uses.get(p, 0) + 1
                ideas.add(p)
            break
        finished[area] = True

    for area in range(len(parts)):
        if not started[area]:
            name(area)
    return names
