"""What a map is, without its methods: the one value the later stages take first.

``MapData`` holds a map's papers (the corpus with each paper's position and areas), the
areas' summaries, the vectors and the record of how it was made (``params``). Placement,
reclustering, the quality report and the companion figures each take one, as
``stage(data, ...)``; :class:`paperviz.PaperMap` is a ``MapData`` with the methods that call
them.
"""

from __future__ import annotations

import difflib
import numbers
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .levels import levels_of
from .options import MapOptions

__all__ = ["MapData", "counted", "FAR_NAME"]

# The name of the no-area of a paper placed far from every paper of the map (a library paper
# of another field): it is on the map, in no area.
FAR_NAME = "Far from this map"


def counted(summaries: pd.DataFrame, papers: pd.DataFrame) -> pd.DataFrame:
    """``summaries`` with each area's ``size`` and ``share`` counted from ``papers`` (the
    papers placed since the build included), and ``weak_share`` (of its papers, those
    placed weakly) and ``placed`` (how many were placed later): every listing of an area's
    papers agrees with them."""
    out = summaries.copy()
    weak = papers["weak"].astype("boolean").fillna(False).astype(float)
    later = (papers["placed"].astype("boolean").fillna(False).astype(int)
             if "placed" in papers else pd.Series(0, index=papers.index))
    for level in levels_of(summaries):
        rows = out["level"] == level
        size = papers[level].value_counts()
        areas = out.loc[rows, "area"]
        out.loc[rows, "size"] = areas.map(size).fillna(0).astype(int).to_numpy()
        out.loc[rows, "share"] = (out.loc[rows, "size"] / len(papers)).to_numpy()
        out.loc[rows, "weak_share"] = areas.map(weak.groupby(papers[level]).mean()).fillna(
            0.0).round(4).to_numpy()
        out.loc[rows, "placed"] = areas.map(later.groupby(papers[level]).sum()).fillna(
            0).to_numpy()
    return out.astype({"size": int, "placed": int})


@dataclass
class MapData:
    """A map's papers, summaries, vectors and parameters.

    Attributes
    ----------
    papers
        The corpus plus ``x``, ``y`` (map), a number and a name per level (``area``,
        ``area_name``, ``subarea``, ``subarea_name``; on large maps also ``field``,
        ``field_name`` and ``topic``, ``topic_name``: see :attr:`levels`), ``strength`` and
        ``weak`` (fewer than half of the paper's neighbours share its area).
    summaries
        One row per area of every level (see :func:`paperviz.describe.describe_levels`).
    embeddings
        ``(n, d)`` float32 unit vectors, row-aligned with ``papers``.
    params
        How the map was made: the model and backend, the options (see :attr:`options`),
        the levels, placements and the library's report.
    """

    papers: pd.DataFrame
    summaries: pd.DataFrame
    embeddings: np.ndarray
    params: dict = field(default_factory=dict)

    @property
    def options(self) -> MapOptions:
        """The options the map was built with, resolved, with what the user asked for as
        ``options.asked`` (see :class:`paperviz.MapOptions`)."""
        return MapOptions.from_params(self.params)

    @property
    def levels(self) -> list[str]:
        """The map's levels, coarse to fine: ``["area", "subarea"]``, with ``"field"`` first
        and ``"topic"`` last where the corpus is large enough (see :mod:`paperviz.levels`)."""
        return levels_of(self.summaries)

    @property
    def max_tokens(self) -> int | None:
        """The word pieces read of each paper when the map was embedded (None for maps saved
        before budgets were recorded: those read up to the model's own limit)."""
        return self.params.get("max_tokens")

    def area_of(self, area: str | int, level: str | None = None) -> tuple[str, int]:
        """The level and number of an area given by its name (any level, case ignored; the
        coarsest where two levels share it) or its number (of ``level``, default
        ``"area"``). Raises a ValueError naming the nearest names when there is none."""
        levels = [level] if level else self.levels
        if level is not None and level not in self.levels:
            raise ValueError(f"level={level!r} is not one of this map's levels {self.levels}.")
        known = self.summaries[self.summaries["level"].isin(levels)]
        if isinstance(area, numbers.Integral) or str(area).strip().isdigit():
            level = level or "area"
            numbers_ = set(known.loc[known["level"] == level, "area"].astype(int))
            if int(area) not in numbers_:
                raise ValueError(f"no {level} {area}: the {level}s are numbered "
                                 f"{min(numbers_)} to {max(numbers_)}.")
            return level, int(area)
        wanted = str(area).strip().lower()
        for name in levels:
            rows = known[(known["level"] == name) & (known["name"].str.lower() == wanted)]
            if len(rows):
                return name, int(rows["area"].iloc[0])
        near = difflib.get_close_matches(str(area), known["name"].tolist(), 5, 0.4)
        raise ValueError(f"no area {area!r} on the map ({', '.join(levels)}); the nearest "
                         f"names: {near or sorted(known['name'])[:6]}.")
