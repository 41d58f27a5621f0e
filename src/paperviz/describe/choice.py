"""Choice: one name per area of a level from its ordered candidates, unique across the level.

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

One part rather than two: a second part added whenever it was at least half as strong kept
fewer names from fp32 to bf16 vectors, and fewer of the parts were among the authors' own
keywords (`benchmarks/names.py`; docs/names.md). What a level below the top does once it
has chosen (second themes, its parent's subject first) is :mod:`paperviz.describe.themes`;
the broad names of the top levels and the rules that read several levels,
:mod:`paperviz.describe.broad`.
"""

from __future__ import annotations

from collections.abc import Callable

from .filters import COMMON_WORD
from .phrases import title_case
from .scores import NEARER_BY
from .words import ends_with, english_zipf, is_acronym_of, repeats_any, same_idea, within

__all__ = ["level_names", "name_level", "MAX_PART_USES", "MAX_NAME_WORDS", "CLAIM_FLOOR",
           "CLAIM_RATIO", "KIND_SHARE"]

MAX_PART_USES = 2  # a part in this many names of the level goes in no more
MAX_NAME_WORDS = 5  # words of a name of two parts, at most
CLAIM_FLOOR = 0.5  # a part this share of an area's papers use is its subject
CLAIM_RATIO = 2.0  # an area using a part this many times as often chooses first
KIND_SHARE = 0.6  # a kind of its parent's subject goes first if this share as many use it
_MAX_DEPTH = 100  # areas choosing before another, one before the next, at most


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
