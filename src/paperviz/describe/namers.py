"""Namers: a way to propose area names other than the built-in one (a language model, a
function of your own), and the checks every proposed name passes before it is used.

A namer is either an object with ``name_areas(briefs) -> list[str | None]`` (it sees every
area of a level at once, as :class:`AreaBrief`; :func:`paperviz.llm_namer` is one), or a
plain function ``namer(key_phrases, representative_titles) -> str`` called per area.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, Union

__all__ = ["AreaBrief", "Namer", "LevelNamer", "apply_namer", "clean_proposal", "MAX_CHARS",
           "MAX_WORDS"]

MAX_CHARS = 60
MAX_WORDS = 8


@dataclass(frozen=True)
class AreaBrief:
    """What a namer is told about one area."""

    level: str
    area: int
    size: int
    key_phrases: list[str]
    titles: list[str]  # its representative papers' titles
    builtin_name: str
    subarea_names: list[str] = field(default_factory=list)  # the built-in names below it
    sibling_names: list[str] = field(default_factory=list)  # same level, same parent
    parent_name: str | None = None
    central_titles: list[str] = field(default_factory=list)  # up to 12 nearest its centre


class LevelNamer(Protocol):
    def name_areas(self, briefs: Sequence[AreaBrief]) -> list[str | None]:
        """One proposed name per brief (None: keep the built-in name)."""


Namer = Union[LevelNamer, Callable[[list[str], list[str]], str]]  # noqa: UP007


def clean_proposal(text: object) -> str | None:
    """A proposed name tidied (quotes, a 'Name:' prefix, a final full stop removed), or
    None when it is empty or too long to be a name (over 60 characters or 8 words)."""
    if text is None:
        return None
    name = str(text).strip().splitlines()[0].strip() if str(text).strip() else ""
    if ":" in name[:12]:
        name = name.split(":", 1)[1].strip()
    name = name.strip(" \"'`*").rstrip(".").strip()
    if not name or len(name) > MAX_CHARS or len(name.split()) > MAX_WORDS:
        return None
    return name


def apply_namer(namer: Namer, briefs: Sequence[AreaBrief], taken: set[str]) -> list[str]:
    """The names of one level: the namer's where usable, else the built-in ones. A proposal
    is unusable when it is empty, too long, or the name of an area before it in this level
    or of the level above (``taken``); one warning counts them (a namer that answers None for
    an area has said why itself, as :func:`paperviz.llm_namer` does)."""
    level_namer = hasattr(namer, "name_areas")
    if level_namer:
        proposals = list(namer.name_areas(briefs))
    else:
        proposals = [namer(list(b.key_phrases), list(b.titles)) for b in briefs]
    if len(proposals) != len(briefs):
        raise ValueError(f"the namer gave {len(proposals)} names for {len(briefs)} areas.")
    cleaned = [clean_proposal(p) for p in proposals]
    names, used, rejected = [], {n.lower() for n in taken}, 0
    for brief, proposal, name in zip(briefs, proposals, cleaned, strict=True):
        if not name or name.lower() in used:  # the first area given a name keeps it
            rejected += proposal is not None or not level_namer
            name = brief.builtin_name
            if name.lower() in used:  # the namer gave another area this built-in name
                name = f"{name} ({brief.area + 1})"
        used.add(name.lower())
        names.append(name)
    if rejected:
        level = briefs[0].level if briefs else ""
        warnings.warn(f"the namer gave no usable name for {rejected} of the {len(briefs)} "
                      f"areas of level '{level}' (empty, too long, or not unique); those "
                      "keep the built-in name.", stacklevel=3)
    return names
