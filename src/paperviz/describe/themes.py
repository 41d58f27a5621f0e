"""Themes: the rules of a level below the top once it has chosen (:func:`refine_below_top`).

A name few of its group's papers use gains the group's second theme where one is as wide
and near its papers (:func:`second_themes`: 'Visual Question Answering & Image
Captioning'); a group about its parent's subject puts that subject first
(:func:`parents_subject_first`: 'Fairness & Sensitive Attributes'); a group whose name
holds for few of its papers gains the theme with which it holds for a quarter of them
(:func:`wide_themes`); and a name still alone that few use, a narrower theme
(:func:`narrower_themes`: 'KV Cache & Sparse Attention'). Each theme is a candidate of two
words or more, lifted over the parent, near the papers, used by other papers than the name
and met among the papers nearest the group's centre (:func:`_themes`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .choice import CLAIM_FLOOR, MAX_NAME_WORDS, MAX_PART_USES
from .phrases import title_case
from .scores import Ranked, met_centrally
from .topicnames import WEAK
from .words import repeats_any, roots, same_idea

__all__ = ["refine_below_top", "second_themes", "wide_themes", "narrower_themes",
           "parents_subject_first", "THEME_UNDER", "THEME_NEAR", "THEME_LIFT",
           "THEME_OVERLAP", "THEME_FEW", "THEME_HALF", "PARENT_UNDER", "CORNER_HELD"]

# A name fewer than THEME_UNDER of its group's papers use gains a second theme: a term of
# two words or more as widely used, THEME_LIFT times as often as in the parent, at least
# THEME_NEAR from the papers (cosine), under THEME_OVERLAP of whose users use the name,
# used by as many of the group's papers nearest its centre as one of scores.CENTRAL_MET
# says (2 of the 10 nearest, or 3 of the 20 nearest: a theme a little off the very centre)
THEME_UNDER, THEME_NEAR, THEME_LIFT, THEME_OVERLAP = 0.2, 0.45, 2.0, 0.5
# A name fewer than WEAK (topicnames) of its group's papers use gains a theme held to the
# tests above, save being as widely used, with which it holds for WEAK of them (wide_themes)
# A name fewer than THEME_FEW of its group's papers use, still alone after those, gains a
# theme held to the same tests used by THEME_HALF as many papers as it (narrower_themes);
# a name half of them use is their subject (CLAIM_FLOOR) and needs none (session 41)
THEME_FEW, THEME_HALF = CLAIM_FLOOR, 1 / 3
# A group CLAIM_FLOOR of whose papers use its parent's name, and fewer than PARENT_UNDER its
# own, puts the parent's subject first
PARENT_UNDER = 0.25
CORNER_HELD = 0.75  # or a quarter use it and it holds this share of its parent's that do


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
    alone that fewer than ``THEME_FEW`` (half) of its group's papers use: of the themes
    :func:`second_themes` would take, save that ``THEME_HALF`` as many papers as use the
    name are enough, the one that says the group best. 'KV Cache' (9% of 104 papers on
    efficient attention) -> 'KV Cache & Sparse Attention', 'Description Logics' (36% of 47
    IJCAI papers) -> 'Description Logics & Ontology-mediated Query Answering', 'Generative
    Models' (35% of 34 papers, most on VAEs) -> '... & Variational Autoencoders'. Run last:
    a colleague naming such a group from its titles names its two themes (docs/names.md,
    sessions 38 and 41)."""
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
    :func:`~paperviz.describe.scores.met_centrally`), another idea than the name and no
    word of its stem ('Creativity & Creative Writing', 'Image Generation & Generative
    Models': :func:`_shared_stems`), no part of its parent's name nor of ``parts``
    (taken)."""
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
        if same_idea(other, term, surface) or _shared_stems(other, term) or \
                repeats_any(other, group.avoid, surface) or \
                title_case(other, surface).lower() in parts:
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
    'Persuasiveness'; 'Neurosymbolic', 'Neuro-symbolic'): words of ``letters`` or more, or
    hyphenated words written as one, that begin alike?"""
    def stems(name: str) -> set[str]:
        words = name.lower().split()
        words += [w.replace("-", "") for w in words if "-" in w]
        return {w[:letters] for w in " ".join(words).replace("-", " ").split()
                if len(w) >= letters}
    return bool(stems(one) & stems(other))
