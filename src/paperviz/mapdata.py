"""What a map is, without its methods: the one value the later stages take first.

``MapData`` holds a map's papers (the corpus with each paper's position and areas), the
areas' summaries, the vectors and the record of how it was made (``params``). Placement,
reclustering, the quality report and the companion figures each take one, as
``stage(data, ...)``; :class:`paperviz.PaperMap` is a ``MapData`` with the methods that call
them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .levels import levels_of
from .options import MapOptions

__all__ = ["MapData"]


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
