"""The levels of a map, coarse to fine, and which of them a map has.

Every map has ``area`` and ``subarea``; a large one (more than 12 areas, at least 1,000
papers) also has ``field`` above its areas (see :func:`paperviz.areas.find_fields`), and one
whose sub-areas hold hundreds of papers ``topic`` below them (see
:func:`paperviz.areas.find_areas`). Each
level is a pair of columns in ``PaperMap.papers``: ``<level>`` (a number, 0 the largest) and
``<level>_name``; summaries have one row per area of every level (column ``level``). Which
levels a map has is read from its summaries, or from ``params["levels"]``, never from the
papers' column names: a corpus may have a column ``field`` or ``topic`` of its own (see
:mod:`paperviz.columns`). Maps saved before fields existed have two levels and load as they
are.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["LEVELS", "TITLES", "levels_of", "recorded_levels"]

LEVELS = ("field", "area", "subarea", "topic")  # coarse to fine
TITLES = {"field": "Fields", "area": "Areas", "subarea": "Sub-areas", "topic": "Topics"}


def levels_of(summaries: pd.DataFrame) -> list[str]:
    """The levels a map's ``summaries`` hold (their ``level`` values), coarse to fine."""
    present = set(summaries["level"].unique())
    return [level for level in LEVELS if level in present]


def recorded_levels(params: dict, papers: pd.DataFrame) -> list[str]:
    """The levels a map's ``params`` record; for a map saved before they were recorded,
    the levels among its papers' columns (such a map's corpus columns could not share those
    names: its build would have failed)."""
    if params.get("levels"):
        return list(params["levels"])
    return [level for level in LEVELS if level in papers.columns]
