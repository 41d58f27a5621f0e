"""The levels of a map, coarse to fine, and which of them a map has.

Every map has ``area`` and ``subarea``; a large one (more than 12 areas, at least 1,000
papers) also has ``field`` above its areas (see :func:`paperviz.areas.find_fields`), and one
whose sub-areas hold hundreds of papers ``topic`` below them (see
:func:`paperviz.areas.find_areas`). Each
level is a pair of columns in ``PaperMap.papers``: ``<level>`` (a number, 0 the largest) and
``<level>_name``; summaries have one row per area of every level (column ``level``). Maps
saved before fields existed have two levels and load as they are.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["LEVELS", "TITLES", "levels_of"]

LEVELS = ("field", "area", "subarea", "topic")  # coarse to fine
TITLES = {"field": "Fields", "area": "Areas", "subarea": "Sub-areas", "topic": "Topics"}


def levels_of(frame: pd.DataFrame) -> list[str]:
    """The levels a map's ``papers`` (its columns) or ``summaries`` (its ``level`` values)
    hold, coarse to fine."""
    if "level" in frame.columns and "x" not in frame.columns:
        present = set(frame["level"].unique())
    else:
        present = set(frame.columns)
    return [level for level in LEVELS if level in present]
