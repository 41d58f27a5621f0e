"""Choice: one name per area from its ordered candidates, unique across the level.

The strongest candidate (see :mod:`paperviz.describe.scores`) that says what no other name
of the level says (not a name taken, its acronym, a part of it), alone; where none is left,
the first candidate with another ("Language Models & Reasoning"). Names are unique within
the level, and no part is in more than two of them. Areas choose largest first, except that
an area most of whose papers use its first candidate chooses before one whose papers use it
less than half as often: a term names the area it is the subject of. An area most of whose
papers use its parent's name is named by the kind of it they study, where a candidate says
which (:func:`_kind_of_parent_first`: 'Cross-silo Federated Learning' under 'Federated
Learning'). Where an area's first candidate is set aside, the next is compared by meaning
with the later ones, as the first was (:func:`_nearer`).

The core's top level, once chosen and before the level below chooses, takes its broad
names (:func:`broad_names`): a top-level area plainly one discipline takes the discipline's
name (:mod:`paperviz.describe.disciplines`), a weakly named one the term its papers'
topics share (:mod:`paperviz.describe.topicnames`) or, failing that, the word most of
its papers use across its sub-areas (:mod:`paperviz.describe.wordnames`). After every
level has chosen, the rules that read several levels at once (:func:`map_names`): an area
that holds a single area of the level below has that area's name; a map's top above the
core takes disciplines' names; a weakly named area above the core, the names of its two
largest areas where they hold most of it; an optional namer (a language model) is offered
every area; an only child has its parent's name.

One part rather than two: a second part added whenever it was at least half as strong kept
fewer names from fp32 to bf16 vectors, and fewer of the parts were among the authors' own
keywords (`benchmarks/names.py`; docs/names.md). Below the top, a name few of its papers
use gains the group's second theme where one is as wide and near its papers
(:func:`second_themes`), a group about its parent's subject puts that subject first
(:func:`parents_subject_first`), and a group whose name holds for few of its papers gains
the theme with which it holds for a quarter of them (:func:`wide_themes`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import pandas as pd

from .counts import PhraseCounts
from .disciplines import common_names, discipline_names, main_discipline, names_a_topic
from .filters import COMMON_WORD
from .namers import AreaBrief, Namer, apply_namer
from .phrases import title_case
from .scores import NEARER_BY, Ranked, met_centrally
from .topicnames import CORNER_RATIO, CORNER_SHARE, NEAR_SHARE, SHARE, WEAK, topic_names
from .wordnames import dimension_names, pair_names, term_forms, word_names
from .words import (
    a_dimension,
    ends_with,
    english_zipf,
    is_acronym_of,
    repeats_any,
    roots,
    same_idea,
    within,
)

__all__ = ["level_names", "name_level", "second_themes", "wide_themes", "narrower_themes",
           "parents_subject_first", "refine_below_top",
           "broad_names", "map_names", "dimensions_qualified", "PARENT_UNDER", "CORNER_HELD",
           "MAX_PART_USES", "MAX_NAME_WORDS", "CLAIM_FLOOR", "CLAIM_RATIO", "KIND_SHARE",
           "TWO_THEMES", "THEME_UNDER", "THEME_NEAR", "THEME_LIFT", "THEME_OVERLAP",
           "THEME_FEW", "THEME_HALF"]

MAX_PART_USES = 2  # a part in this many names of the level goes in no more
MAX_NAME_WORDS = 5  # words of a name of two parts, at most
CLAIM_FLOOR = 0.5  # a part this share of an area's papers use is its subject
CLAIM_RATIO = 2.0  # an area using a part this many times as often chooses first
KIND_SHARE = 0.6  # a kind of its parent's subject goes first if this share as many use it
TWO_THEMES = 2 / 3  # a weak field is named by its two largest areas where they hold this
_MAX_DEPTH = 100  # areas choosing before another, one before the next, at most
# A name fewer than THEME_UNDER of its group's papers use gains a second theme: a term of
# two words or more as widely used, THEME_LIFT times as often as in the parent, at least
# THEME_NEAR from the papers (cosine), under THEME_OVERLAP of whose users use the name,
# used by as many of the group's papers nearest its centre as one of scores.CENTRAL_MET
# says (2 of the 10 nearest, or 3 of the 20 nearest: a theme a little off the very centre)
THEME_UNDER, THEME_NEAR, THEME_LIFT, THEME_OVERLAP = 0.2, 0.45, 2.0, 0.5
# A name fewer than WEAK (topicnames) of its group's papers use gains a theme held to the
# tests above, save being as widely used, with which it holds for WEAK of them (wide_themes)
# A name fewer than THEME_FEW of its group's papers use, still alone after those, gains a
# theme held to the same tests used by THEME_HALF as many papers as it (narrower_themes)
THEME_FEW, THEME_HALF = 0.3, 0.5
# A group CLAIM_FLOOR of whose papers use its parent's name, and fewer than PARENT_UNDER its
# own, puts the parent's subject first
PARENT_UNDER = 0.25
CORNER_HELD = 0.75  # or a quarter use it and it holds this share of its parent's that do


def _options(parts: list[str], avoid: tuple[str, ...], surface: dict[str, str]):
    """Names from ordered parts, best first: each part alone, then each with a later part
    that says something else."""
    fresh = [p for p in parts if not repeats_any(p, avoid, surface)]
    yield from ((p,) for p in fresh)
    for i, first in enumerate(fresh):
        yield from ((first, p) for p in fresh[i + 1:] if not same_idea(p, first, surface)
                    and len(first.split()) + len(p.split()) <= MAX_NAME_WORDS)


def _nearer(part: str, fresh: list[str], says: dict[str, float], cover: dict[str, float],
            usable: Callable[[str], bool]) -> str:
    """``part``, the area's candidate next in line, or a later one (of ``fresh``, those not
    repeating its parent) as widely used, ``usable``, that says the area better by
    ``NEARER_BY`` (``says``: see :func:`paperviz.describe.scores.meaning`): 'Summarization'
    for COLM's summarization papers, whose first candidate was taken and whose next read
    'Diffusion Model'."""
    if part not in says:
        return part
    later = [p for p in fresh[fresh.index(part) + 1:] if p in says
             and cover.get(p, 0.0) >= cover.get(part, 0.0) and usable(p)]
    best = max(later, key=lambda p: says[p], default=None)
    return best if best is not None and says[best] >= says[part] + NEARER_BY else part


def _claims(parts: list[list[str]], avoid: list[tuple[str, ...]],
            covers: list[list[float]], surface: dict[str, str]) -> dict[str, tuple[int, float]]:
    """Each part that is an area's first candidate (of those not repeating its parent's
    name) and that at least ``CLAIM_FLOOR`` of its papers use: the area whose papers use
    it most, and their share."""
    claims: dict[str, tuple[int, float]] = {}
    for area, (area_parts, area_avoid, area_covers) in enumerate(zip(parts, avoid, covers,
                                                                     strict=True)):
        for part, cover in zip(area_parts, area_covers, strict=True):
            if not repeats_any(part, area_avoid, surface):
                if cover >= CLAIM_FLOOR and cover > claims.get(part, (-1, -1.0))[1]:
                    claims[part] = (area, cover)
                break
    return claims


def level_names(parts: list[list[str]], surface: dict[str, str], used: set[str],
                avoid: list[tuple[str, ...]], covers: list[list[float]] | None = None,
                says: list[dict[str, float]] | None = None) -> list[str | None]:
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
    larger one where a fifth are).

    ``says``, how well each of an area's first candidates says what it is about (see
    :func:`paperviz.describe.scores.meaning`): where the area's first candidate is set aside
    (taken, claimed, saying nothing new), of the later ones it may use, one as widely used
    as the one next in line that says the area better by ``NEARER_BY`` is chosen instead,
    as :func:`paperviz.describe.scores.nearer_first` chooses the first."""
    claims = {} if covers is None else _claims(parts, avoid, covers, surface)
    taken = {n.lower() for n in used}
    ideas: set[str] = set()  # the parts of the level's names so far
    part_uses: dict[str, int] = {}
    names: list[str | None] = [None] * len(parts)
    started = [False] * len(parts)
    finished = [False] * len(parts)

    def says_nothing_new(option: tuple[str, ...]) -> bool:
        return any(part_uses.get(p, 0) >= MAX_PART_USES for p in option) or (
            len(option) == 1 and any(within(option[0], idea)
                                     or is_acronym_of(option[0], idea, surface)
                                     or is_acronym_of(idea, option[0], surface)
                                     for idea in ideas))
        # 'MRI' taken: not 'Magnetic Resonance'; 'Mathematical Reasoning': not 'Reasoning';
        # 'Deep Reinforcement Learning': 'Deep Learning' still says something else

    def usable(area: int, part: str) -> bool:  # alone, now, and no other area's subject
        return not (says_nothing_new((part,)) or title_case(part, surface).lower() in taken
                    or claims.get(part, (area, 0.0))[0] != area)

    def name(area: int, depth: int = 0) -> None:
        started[area] = True
        cover = dict(zip(parts[area], covers[area], strict=True)) if covers else {}
        fresh = [p for p in parts[area] if not repeats_any(p, avoid[area], surface)]
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
            if says and len(option) == 1 and option[0] != fresh[0]:  # the first set aside
                option = (_nearer(option[0], fresh, says[area], cover,
                                  lambda p, a=area: usable(a, p)),)
                text = title_case(option[0], surface)
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


def name_level(parts: list[list[str]], covers: list[list[float]], avoid: list[tuple],
               taken: frozenset, surface: dict[str, str],
               loose: Callable[[int], list[str]], ids: list[int],
               says: list[dict[str, float]] | None = None) -> list[str]:
    """One name per area (see :func:`level_names`), unique within the level and apart from
    ``taken``; an area with nothing but generic words gets the best of those (``loose``:
    an area's row to its candidates, generic ones too), rather than no name; one without
    even those its number ('Area 3'; ``ids``: the areas' numbers)."""
    ordered = [_kind_of_parent_first(p, c, a, surface)
               for p, c, a in zip(parts, covers, avoid, strict=True)]
    parts, covers = [o[0] for o in ordered], [o[1] for o in ordered]
    names = level_names(parts, surface, set(taken), avoid, covers, says)
    used = {n.lower() for n in names if n} | set(taken)
    for row, name in enumerate(names):
        if name is None:
            name = level_names([loose(row)], surface, used, [()])[0]
            name = name or f"Area {ids[row] + 1}"
            used.add(name.lower())
            names[row] = name
    return names


def _position(name: str, ranked: Ranked, surface: dict[str, str]) -> int | None:
    """Where a one-part ``name`` is among an area's ranked candidates (as written, case
    aside), or None."""
    return next((k for k, t in enumerate(ranked.terms)
                 if title_case(t, surface).lower() == name.lower()), None)


class _Group(NamedTuple):
    """One group's evidence for a second theme: its ranked candidates, how well each of its
    first ones says it and how near each lies to its papers (see :func:`second_themes`),
    its parent's name parts, and its papers nearest its centre (positions; or None)."""

    ranked: Ranked
    says: dict[str, float]
    near: dict[str, float]
    avoid: tuple[str, ...]
    central: np.ndarray | None


def second_themes(names: list[str | None], found: list[Ranked],
                  says: list[dict[str, float]], near: list[dict[str, float]],
                  avoid: list[tuple[str, ...]], surface: dict[str, str],
                  used: frozenset[str] = frozenset(),
                  central: list[np.ndarray] | None = None) -> list[str | None]:
    """``names`` (one per area of a level below the top) with a second theme joined to a
    name fewer than ``THEME_UNDER`` of its papers use, where the area has one: of its
    candidates embedded by meaning (``says``: how well each says the area, ``near``: its
    cosine to the papers; ``found``: the areas' ranked candidates), one of two words or
    more, used by as many of its papers as the name and ``THEME_LIFT`` times as often as
    by its parent's papers, at least ``THEME_NEAR`` from the papers, used mostly by other
    papers than the name (under ``THEME_OVERLAP`` of them use both), by as many of the
    papers nearest its centre as one of ``CENTRAL_MET`` asks (``central``: the positions
    of its ``CENTRAL`` nearest among the area's papers, nearest first; a theme a reader of
    those titles meets), another idea than the name, its parent's, every part of the
    level's names and of ``used`` (the level above's, lower case); the one that says the
    area best. 'Visual Question Answering' (10% of 113 IJCAI papers) -> 'Visual Question
    Answering & Image Captioning'; 'Scene Reconstruction & View Synthesis' for 3D Gaussian
    splatting. Five words at most (``MAX_NAME_WORDS``)."""
    def as_wide(ranked: Ranked, first: int) -> Callable[[int], bool] | None:
        if ranked.covers[first] >= THEME_UNDER:
            return None
        return lambda k: ranked.covers[k] >= ranked.covers[first]

    return _join_themes(names, _groups(found, says, near, avoid, central), surface, used,
                        as_wide)


def wide_themes(names: list[str | None], found: list[Ranked],
                says: list[dict[str, float]], near: list[dict[str, float]],
                avoid: list[tuple[str, ...]], surface: dict[str, str],
                used: frozenset[str] = frozenset(),
                central: list[np.ndarray] | None = None) -> list[str | None]:
    """``names`` (as for :func:`second_themes`) with a second theme joined to a name fewer
    than ``WEAK`` of its group's papers use: of the themes :func:`second_themes` would
    take, save that it may be used by fewer papers than the name, one with which the name
    holds for ``WEAK`` of them; the one that says the group best. 'Classical Planning'
    (18% of 112 IJCAI papers) -> 'Classical Planning & Heuristic Search' (26%); 'Transfer
    Learning' (23% of 13 papers on diffusion guidance) -> 'Transfer Learning &
    Classifier-free Guidance'. Run after the level's other rules: a group whose name holds
    for few of its papers is what a reader of its titles finds named by a corner of it."""
    def widening(ranked: Ranked, first: int) -> Callable[[int], bool] | None:
        using = ranked.uses[:, first].astype(bool)
        if using.mean() >= WEAK:
            return None
        return lambda k: (using | ranked.uses[:, k].astype(bool)).mean() >= WEAK

    return _join_themes(names, _groups(found, says, near, avoid, central), surface, used,
                        widening)


def narrower_themes(names: list[str | None], found: list[Ranked],
                    says: list[dict[str, float]], near: list[dict[str, float]],
                    avoid: list[tuple[str, ...]], surface: dict[str, str],
                    used: frozenset[str] = frozenset(),
                    central: list[np.ndarray] | None = None) -> list[str | None]:
    """``names`` (as for :func:`second_themes`) with a second theme joined to a name still
    alone that fewer than ``THEME_FEW`` of its group's papers use: of the themes
    :func:`second_themes` would take, save that ``THEME_HALF`` as many papers as use the
    name are enough, the one that says the group best. 'KV Cache' (9% of 104 papers on
    efficient attention) -> 'KV Cache & Sparse Attention', 'Description Logics' (36% of 47
    IJCAI papers) -> 'Description Logics & Ontology-mediated Query Answering', 'Fake News
    Detection' -> '... & Evidence Retrieval'. Run last: a colleague naming such a group
    from its titles names its two themes (docs/names.md, session 38)."""
    def half_as_wide(ranked: Ranked, first: int) -> Callable[[int], bool] | None:
        if ranked.covers[first] >= THEME_FEW:
            return None
        return lambda k: ranked.covers[k] >= THEME_HALF * ranked.covers[first]

    return _join_themes(names, _groups(found, says, near, avoid, central), surface, used,
                        half_as_wide)


def _groups(found: list[Ranked], says: list[dict[str, float]], near: list[dict[str, float]],
            avoid: list[tuple[str, ...]], central: list[np.ndarray] | None) -> list[_Group]:
    """Each area's evidence for a second theme, in the level's order."""
    return [_Group(r, s, n, a, None if central is None else central[row])
            for row, (r, s, n, a) in enumerate(zip(found, says, near, avoid, strict=True))]


def _join_themes(names: list[str | None], groups: list[_Group], surface: dict[str, str],
                 used: frozenset[str],
                 wanted: Callable[[Ranked, int], Callable[[int], bool] | None]
                 ) -> list[str | None]:
    """``names`` with, for each one-part name whose area ``wanted`` a theme for (given its
    ranked candidates and the name's position among them: None, or which candidates
    serve), the theme of :func:`_themes` that serves and says the area best."""
    parts = {p.lower() for name in names if name for p in name.split(" & ")} | set(used)
    out = list(names)
    for row, (name, group) in enumerate(zip(names, groups, strict=True)):
        if not name or " & " in name:
            continue
        first = _position(name, group.ranked, surface)
        if first is None or group.ranked.terms[first] not in group.says:
            continue
        serves = wanted(group.ranked, first)
        if serves is None:
            continue
        options = [k for k in _themes(group, first, surface, parts) if serves(k)]
        best = max(options, key=lambda k: group.says[group.ranked.terms[k]], default=None)
        if best is not None:
            second = title_case(group.ranked.terms[best], surface)
            out[row] = f"{name} & {second}"
            parts.add(second.lower())
    return out


def _themes(group: _Group, first: int, surface: dict[str, str], parts: set[str]) -> list[int]:
    """The candidates of ``group`` that could join its name (at ``first``) as a second
    theme: of two words or more, five words with the name at most, ``THEME_LIFT`` times as
    often used as by the parent's papers, ``THEME_NEAR`` or nearer its papers, mostly used
    by others than the name's users, used by enough of its central papers (see
    :func:`~paperviz.describe.scores.met_centrally`), another idea than the name, no part
    of its parent's name nor of ``parts`` (taken)."""
    ranked, term = group.ranked, group.ranked.terms[first]
    using = ranked.uses[:, first]
    options = []
    for k, other in enumerate(ranked.terms):
        if k == first or other not in group.says or len(other.split()) < 2 or \
                len(term.split()) + len(other.split()) > MAX_NAME_WORDS:
            continue
        if ranked.references is not None and \
                ranked.covers[k] < THEME_LIFT * ranked.references[k]:
            continue  # its parent's as much as its own
        if group.near.get(other, 0.0) < THEME_NEAR or \
                (ranked.uses[:, k] & using).sum() >= THEME_OVERLAP * ranked.uses[:, k].sum():
            continue
        if group.central is not None and not met_centrally(ranked.uses[:, k],
                                                           group.central):
            continue  # a theme of papers far from the group's centre
        if same_idea(other, term, surface) or repeats_any(other, group.avoid, surface) \
                or title_case(other, surface).lower() in parts:
            continue
        options.append(k)
    return options


def parents_subject_first(names: list[str | None], found: list[Ranked],
                          avoid: list[tuple[str, ...]], surface: dict[str, str],
                          parent_sizes: list[int] | None = None) -> list[str | None]:
    """``names`` (one per area of a level below the top; ``found``: the areas' ranked
    candidates, ``avoid``: each one's parent's name parts) with the parent's subject put
    before a name that names a corner of a group about that subject: where ``CLAIM_FLOOR``
    of its papers use a part of its parent's name and fewer than ``PARENT_UNDER`` its own
    name, that part as its papers write it, then the name: 'Fairness & Sensitive
    Attributes' (86% and 21% of 29 IJCAI papers), 'Spiking Neural Networks & Neuromorphic
    Hardware' (none of its central titles on hardware), 'Imitation Learning & Motion
    Planning'. So too where a quarter of its papers (``WEAK``) use the part and the group
    holds ``CORNER_HELD`` of its parent's papers that do (``parent_sizes``: each group's
    parent's papers; None: not asked), the parent named after it: 'Speculative Decoding &
    Diffusion Language Models' (17 of the 19 papers of a 276-paper area named 'Speculative
    Decoding'). A sub-area's name otherwise repeats no part of its parent's (see
    :func:`paperviz.describe.summaries.describe_levels`). Not where the name shares a word
    with the part (it says which kind of it already: 'Deep Reinforcement Learning') or a
    stem ('Persuasiveness'), has two parts, would pass ``MAX_NAME_WORDS`` words, or the part
    is in ``MAX_PART_USES`` names of the level already."""
    out = list(names)
    uses = Counter(p.lower() for name in names if name for p in name.split(" & "))
    for row, (name, ranked) in enumerate(zip(names, found, strict=True)):
        if not name or " & " in name:
            continue
        first = _position(name, ranked, surface)
        if first is None or ranked.covers[first] >= PARENT_UNDER:
            continue
        refs = ranked.references if ranked.references is not None else [0.0] * len(
            ranked.terms)
        held = parent_sizes[row] if parent_sizes is not None else np.inf
        subject = next((t for t, cover, ref in zip(ranked.terms, ranked.covers, refs,
                                                   strict=True)
                        if repeats_any(t, avoid[row], surface) and (
                            cover >= CLAIM_FLOOR or (cover >= WEAK and cover * len(
                                ranked.uses) >= CORNER_HELD * ref * held))), None)
        if subject is None:
            continue
        part = title_case(subject, surface)
        joined = f"{part} & {name}"
        if roots(part) & roots(name) or _shared_stems(part, name) or \
                len(joined.split()) - 1 > MAX_NAME_WORDS or uses[part.lower()] >= MAX_PART_USES:
            continue
        out[row] = joined
        uses[part.lower()] += 1
    return out


def _shared_stems(one: str, other: str, letters: int = 6) -> bool:
    """Do two names hold words of one stem their roots tell apart ('Persuasion',
    'Persuasiveness'): words of ``letters`` or more that begin alike?"""
    def stems(name: str) -> set[str]:
        return {w[:letters] for w in name.lower().replace("-", " ").split() if len(w) >= letters}
    return bool(stems(one) & stems(other))


def refine_below_top(names: list[str | None], found: list[Ranked],
                     meaning: tuple[list[dict[str, float]], list[dict[str, float]]] | None,
                     avoid: list[tuple[str, ...]], surface: dict[str, str],
                     used: frozenset[str] = frozenset(),
                     central: list[np.ndarray] | None = None,
                     parent_sizes: list[int] | None = None) -> list[str | None]:
    """The rules of a level below the top once it has chosen (``meaning``: the ``says``
    and ``near`` of :func:`second_themes`, None where its candidates were not embedded;
    the other arguments as for it, and ``parent_sizes`` as for
    :func:`parents_subject_first`): a name few of its papers use gains a second theme as
    wide (:func:`second_themes`), a group about its parent's subject puts it first
    (:func:`parents_subject_first`), then a group its name holds for few of gains the
    theme that holds it (:func:`wide_themes`), and a name still alone that few use, a
    narrower theme (:func:`narrower_themes`)."""
    if meaning is not None:
        names = second_themes(names, found, *meaning, avoid, surface, used, central)
    names = parents_subject_first(names, found, avoid, surface, parent_sizes)
    if meaning is not None:
        names = wide_themes(names, found, *meaning, avoid, surface, used, central)
        names = narrower_themes(names, found, *meaning, avoid, surface, used, central)
    return names


def _kind_of_parent_first(parts: list[str], covers: list[float], avoid: tuple[str, ...],
                          surface: dict[str, str]) -> tuple[list[str], list[float]]:
    """An area's candidates (``parts``, ``covers``: the share of its papers using each) with,
    where at least ``CLAIM_FLOOR`` of its papers use a name part of its parent (``avoid``:
    it is about its parent's subject), the best kind of it first: the candidate that is the
    parent's part after words saying which kind (see :func:`_a_kind_of`; 'Cross-silo
    Federated Learning' under 'Federated Learning', where 'Model Training' came first), if
    at least ``KIND_SHARE`` as many papers use it as use any candidate before it that does
    not repeat the parent, and the first of those is no kind of it already."""
    repeated = [repeats_any(part, avoid, surface) for part in parts]
    if not any(r and cover >= CLAIM_FLOOR for r, cover in zip(repeated, covers, strict=True)):
        return parts, covers
    fresh = [k for k, r in enumerate(repeated) if not r]
    if not fresh or any(_a_kind_of(parts[fresh[0]], a, everyday=True) for a in avoid):
        return parts, covers  # its first candidate already says which kind
    kinds = [k for k in fresh if any(_a_kind_of(parts[k], a) for a in avoid)]
    if not kinds:
        return parts, covers
    best = max(kinds, key=lambda k: (covers[k], -parts[k].count(" ")))
    before = [covers[k] for k in fresh if k < best]
    if not before or covers[best] < KIND_SHARE * max(before):
        return parts, covers
    order = [best, *[k for k in range(len(parts)) if k != best]]
    return [parts[k] for k in order], [covers[k] for k in order]


def _a_kind_of(term: str, part: str, everyday: bool = False) -> bool:
    """Is ``term`` ``part`` after words that say which kind, none of them everyday English
    (:data:`~paperviz.describe.filters.COMMON_WORD`) unless ``everyday``: 'cross-silo
    federated learning' of 'federated learning', not 'capable GUI agents' of 'GUI agents'?"""
    if not ends_with(term, part):
        return False
    return everyday or all(english_zipf(w) < COMMON_WORD
                           for w in term.split()[:-len(part.split())])


def broad_names(top: pd.DataFrame, labels: np.ndarray,
                disciplines: pd.DataFrame | None, finer: np.ndarray | None = None,
                counts: PhraseCounts | None = None) -> pd.DataFrame:
    """The core's top level (``top``; ``labels``: its area per paper) as soon as it is
    named, before the level below is (so that a sub-area no longer avoids a name its parent
    gave up): its areas plainly one discipline take its name (:func:`_named_by_discipline`),
    with fields above them or without (the same areas, the same names); then its weakly
    named areas, and those its disciplines named, take the term their papers' topics share
    (:mod:`~paperviz.describe.topicnames`; ``disciplines``: each paper's ``topic``,
    ``subfield`` and ``field``, or None); then those still weakly named, the word most of
    their papers use, or two words their topics join (:func:`_named_by_word`; ``finer``:
    each paper's area on the level below, ``counts``: the corpus's phrases; either None:
    not)."""
    named = top
    if disciplines is not None:
        named = _named_by_discipline([top], labels, disciplines)
        by_discipline = set(named["area"][named["name"] != top["name"]].astype(int))
        if "topic" in disciplines:
            named = _named_by_topics([named], labels, disciplines["topic"], by_discipline)
    if finer is not None and counts is not None:
        topics = disciplines["topic"] if disciplines is not None and \
            "topic" in disciplines else None
        named = _named_by_word(named, labels, finer, counts, topics)
        if disciplines is not None:
            named = _named_by_dimension(named, labels, finer, counts, disciplines)
    return named


def _named_by_dimension(top: pd.DataFrame, labels: np.ndarray, finer: np.ndarray,
                        counts: PhraseCounts, disciplines: pd.DataFrame) -> pd.DataFrame:
    """``top`` with each area still weakly named that most of its papers call by a number of
    dimensions (:func:`~paperviz.describe.wordnames.dimension_names`) named by it before
    its papers' discipline: '3D Computer Vision' (see :func:`dimensions_qualified`); its
    support, the share of its papers writing the dimension."""
    weak = {int(row.area): float(row.support) for row in top.itertuples()
            if pd.notna(row.support) and row.support < WEAK}
    top = top.copy()
    taken = {n.lower() for n in top["name"]}
    for area, (word, share) in dimension_names(labels, finer, counts, weak).items():
        subject = main_discipline(np.asarray(labels) == area, disciplines)
        name = f"{word} {subject}" if subject else None
        if name is not None and name.lower() not in taken:
            i = top.index[top["area"] == area][0]
            top.at[i, "name"], top.at[i, "support"] = name, share
            taken.add(name.lower())
    return top


def dimensions_qualified(table: pd.DataFrame, labels: np.ndarray,
                         disciplines: pd.DataFrame | None) -> pd.DataFrame:
    """``table`` (a level, once named; ``labels``: its area per paper) with each name part
    that is a number of dimensions alone ('3D': see :func:`~paperviz.describe.words.
    a_dimension`) put before the discipline most of its area's papers match, in its
    researchers' words (:func:`~paperviz.describe.disciplines.main_discipline`): a
    dimension says which kind of a subject, and IJCAI's 78 papers on depth, point clouds
    and 3D detection read '3D' under 'Computer Vision' (its authors' topic: '3D Computer
    Vision'). Left as it is where no discipline qualifies, ``disciplines`` is None, or the
    name is taken."""
    if disciplines is None:
        return table
    table = table.copy()
    taken = {n.lower() for n in table["name"]}
    for i, row in table.iterrows():
        parts = row["name"].split(" & ")
        if not any(a_dimension(p) for p in parts):
            continue
        subject = main_discipline(np.asarray(labels) == row["area"], disciplines)
        name = " & ".join(f"{p} {subject}" if a_dimension(p) and subject else p
                          for p in parts)
        if name.lower() not in taken:
            table.at[i, "name"] = name
            taken.add(name.lower())
    return table


def _named_by_word(top: pd.DataFrame, labels: np.ndarray, finer: np.ndarray,
                   counts: PhraseCounts, topics: pd.Series | None = None) -> pd.DataFrame:
    """``top`` with each area its name's words hold for under ``WEAK`` of its papers named
    by the noun most of them use, where one qualifies (see :mod:`~paperviz.describe.
    wordnames`: 'Agents' for 58% of the papers of an area named 'Reinforcement Learning'),
    else by two words its papers' OpenAlex topics join (``topics``: each paper's, or None:
    not; 'Logic & Reasoning'), where no name of the level has it; its support, the share
    of its papers using it."""
    weak = {int(row.area): float(row.support) for row in top.itertuples()
            if pd.notna(row.support) and row.support < WEAK}
    forms = term_forms(counts.vocab) if weak else []  # (made once for both rules)
    found = word_names(labels, finer, counts, weak, forms)
    if topics is not None:
        found |= pair_names(labels, finer, counts,
                            {a: s for a, s in weak.items() if a not in found}, topics, forms)
    top = top.copy()
    taken = {n.lower() for n in top["name"]}
    for i, row in top.iterrows():
        name, share = found.get(int(row["area"]), (None, 0.0))
        if name is not None and name.lower() not in taken:
            top.at[i, "name"], top.at[i, "support"] = name, share
            taken.add(name.lower())
    return top


def map_names(tables: list[pd.DataFrame], labels: list[np.ndarray], core_top: int,
              levels: list[str], disciplines: pd.DataFrame | None,
              namer: Namer | None) -> list[pd.DataFrame]:
    """The rules that read several levels, on every level's table (``labels``: each
    level's area per paper) once all are named (the core's top has had its
    :func:`broad_names`), in order: a level above the core (``core_top``) takes, for an
    area that holds a single area of the level below, that area's name; where the map's top
    is above the core, its areas plainly one discipline take its name (``disciplines``:
    each paper's ``subfield`` and ``field``, or None); a weakly named area above the core,
    the names of its two largest areas (:func:`_named_by_two_largest`); the ``namer`` (or
    None) is offered every area; an only child has its parent's name. The core's names are
    the same with levels above it or without."""
    tables = list(tables)
    for depth in range(core_top - 1, -1, -1):
        tables[depth] = _named_as_only_child(tables[depth], tables[depth + 1])
    if disciplines is not None and core_top > 0:
        tables[0] = _named_by_discipline(tables, labels[0], disciplines)
    for depth in range(core_top - 1, -1, -1):
        tables[depth] = _named_by_two_largest(tables[depth], tables[depth + 1])
    if namer is not None:
        tables = _rename(tables, levels, namer)
    for depth in range(core_top + 1, len(tables)):
        tables[depth] = _only_children(tables[depth], tables[depth - 1])
    return tables


def _named_as_only_child(top: pd.DataFrame, below: pd.DataFrame) -> pd.DataFrame:
    """A top-level area (named last) that holds a single area of the level below takes that
    area's name: the same papers under one name on both levels."""
    names = dict(zip(below["area"], below["name"], strict=True))
    held = dict(zip(below["area"], below["support"], strict=True))
    top = top.copy()
    only = [len(row.children) == 1 for row in top.itertuples()]
    top["name"] = [names[row.children[0]] if one else row.name
                   for row, one in zip(top.itertuples(), only, strict=True)]
    top["support"] = [held[row.children[0]] if one else row.support
                      for row, one in zip(top.itertuples(), only, strict=True)]
    return top


def _named_by_two_largest(top: pd.DataFrame, below: pd.DataFrame) -> pd.DataFrame:
    """A level above the core (``top``, named after the level ``below``) with each weakly
    named area (its name used by under ``WEAK`` of its papers) whose two largest areas hold
    ``TWO_THEMES`` of its papers named by theirs, the larger first: 'Medical Image
    Segmentation & Remote Sensing' for a field whose areas share only 'Convolutional Neural
    Networks', used by 6% of its papers; of an area named in two parts, its first, the one
    it is named by ('Reinforcement Learning & Logic' for IJCAI's field of planning and
    knowledge representation, whose second area reads 'Logic & Reasoning'). Its support,
    the share of its papers in those two areas. Not where the two names have more than
    ``MAX_NAME_WORDS`` words or the level has the name already."""
    names = {area: name.split(" & ")[0] for area, name in zip(below["area"], below["name"],
                                                              strict=True)}
    sizes = dict(zip(below["area"], below["size"], strict=True))
    top = top.copy()
    taken = {n.lower() for n in top["name"]}
    for i, row in top.iterrows():
        if len(row["children"]) < 2 or (pd.notna(row["support"]) and row["support"] >= WEAK):
            continue  # (a support of None or NaN: no papers found using the name)
        first, second = sorted(row["children"], key=lambda c: (-sizes[c], c))[:2]
        held = (sizes[first] + sizes[second]) / row["size"]
        name = f"{names[first]} & {names[second]}"
        if held >= TWO_THEMES and names[first].lower() != names[second].lower() and \
                len(name.split()) - 1 <= MAX_NAME_WORDS and name.lower() not in taken:
            top.at[i, "name"], top.at[i, "support"] = name, held
            taken.add(name.lower())
    return top


def _only_children(table: pd.DataFrame, above: pd.DataFrame) -> pd.DataFrame:
    """An area that holds all of its parent's papers (its only child) takes the parent's
    name: the same papers under one name on every level, not a second name that had to
    avoid the first."""
    whole = {int(row.area): (row.name, row.support) for row in above.itertuples()
             if len(row.children) == 1}
    sizes = dict(zip(above["area"], above["size"], strict=True))
    table = table.copy()
    for i, row in table.iterrows():
        if row["parent"] in whole and sizes[row["parent"]] == row["size"]:
            table.at[i, "name"], table.at[i, "support"] = whole[row["parent"]]
    return table


def _named_by_discipline(tables: list[pd.DataFrame], labels: np.ndarray,
                         disciplines: pd.DataFrame) -> pd.DataFrame:
    """The top level (``tables[0]``) with each area that is plainly one discipline named
    by it, in the words its researchers use (:func:`common_names`), unless a name of the
    top level or the level below already says it (a field would hold an area of its name)
    or the area's own name is its subject (see :func:`_is_subject`); its support, the
    share of the area's papers matched to it. A deeper group's name does not bar it: a
    topic of 68 papers named 'Computer Vision' left the field of 21,455 computer-vision
    papers on the 40k map 'Object Detection' (5% of them use it)."""
    # a domain beyond the corpus's own field names only an area its mined name holds weakly
    weak = [row.area for row in tables[0].itertuples()
            if pd.isna(row.support) or row.support < WEAK]
    found = discipline_names(labels, disciplines, weak)
    common = common_names()
    taken = {n.lower() for table in tables[:2] for n in table["name"]}
    top = tables[0].copy()
    for i, row in top.iterrows():
        label = found.get(row["area"])
        name = common.get(label, label)
        if label is None or {name.lower(), label.lower()} & taken or \
                _is_subject(row["name"], row["support"]):
            continue  # ('Recommender Systems', not 'Information Systems')
        inside = np.asarray(labels) == row["area"]
        matched = float(((disciplines["subfield"].to_numpy()[inside] == label) | (
            disciplines["field"].to_numpy()[inside] == label)).mean())
        top.at[i, "name"], top.at[i, "support"] = name, matched
    return top


def _named_by_topics(tables: list[pd.DataFrame], labels: np.ndarray,
                     topics: pd.Series, by_discipline: frozenset[int] | set[int] = frozenset()
                     ) -> pd.DataFrame:
    """The first of ``tables`` (a level, ``labels`` its area per paper; the levels below
    it after) with each weakly named area (its name used by under ``WEAK`` of its papers)
    named by the term its papers' OpenAlex topics share, where one qualifies (see
    :mod:`paperviz.describe.topicnames`) and no name of these levels has it (an area whose
    own name it is keeps it, its support the share). An area named by its discipline
    (``by_discipline``) takes a term that nearly as many of its papers match as match the
    discipline (``NEAR_SHARE`` of them), and at least ``WEAK`` of them: 'Game Theory' (41%)
    for IJCAI's 'Economics' (32%), 'Reinforcement Learning' (63%) for CoRL's 'Artificial
    Intelligence' (67%). An area named by a corner, the subject of one of its sub-areas
    (``CLAIM_FLOOR`` of that sub-area's papers use its name: the table's
    ``child_support``), takes a term
    ``CORNER_RATIO`` times as many of its papers match as use its name (``CORNER_SHARE`` at
    least; ``SHARE`` always does): 'Natural Language Processing' (18%) for 'Federated
    Learning' (6%), the subject of its privacy sub-area."""
    top = tables[0].copy()
    weak = {int(row.area): float(row.support) * (NEAR_SHARE if row.area in by_discipline else 1)
            for row in top.itertuples()
            if row.support is not None and (row.support < WEAK or row.area in by_discipline)}
    taken = {n.lower() for table in tables for n in table["name"]}
    least = {area: WEAK for area in by_discipline}
    for row in top.itertuples():  # named by a corner: its sub-area's subject
        if row.area in weak and row.area not in by_discipline and \
                getattr(row, "child_support", 0.0) >= CLAIM_FLOOR:
            least[int(row.area)] = min(SHARE, max(CORNER_SHARE, CORNER_RATIO * row.support))
    found = topic_names(labels, topics, weak, least)
    for i, row in top.iterrows():
        term, share = found.get(int(row["area"]), (None, 0.0))
        if term is not None and term.lower() == row["name"].lower():
            top.at[i, "support"] = max(share, row["support"])  # its name, by its topics
        elif term is not None and term.lower() not in taken:
            top.at[i, "name"], top.at[i, "support"] = term, share
            taken.add(term.lower())
    return top


def _is_subject(name: str, support: float | None) -> bool:
    """Is an area's mined name its subject, before the discipline it lies in: used by at
    least ``CLAIM_FLOOR`` of its papers, and a term people name research by (see
    :func:`~paperviz.describe.disciplines.names_a_topic`): 'Recommendation' in
    'Information Systems', where 'Conjecture' in 'Mathematics' is no subject."""
    return support is not None and support >= CLAIM_FLOOR and names_a_topic(name)


def _rename(parts: list[pd.DataFrame], levels: list[str], namer: Namer) -> list[pd.DataFrame]:
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
                parent_name=parent_name.get(row.parent),
                central_titles=list(getattr(row, "central_titles", row.representative_titles))))
        taken = set() if coarser is None else {n.lower() for n in coarser["name"]}
        names = apply_namer(namer, briefs, taken)
        out.append(table.assign(name=names, support=[
            held if name == old else None
            for name, old, held in zip(names, table["name"], table["support"], strict=True)]))
    return out
