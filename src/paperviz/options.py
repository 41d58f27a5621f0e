"""The options of a map, in one frozen object, and the defaults that depend on corpus size.

``MapOptions`` is resolved once for a corpus (:meth:`MapOptions.resolved` fills in every
size-dependent default and keeps what the user asked for as ``asked``), then handed to each
stage that needs it: the layout, every call of :func:`paperviz.areas.find_areas` (the map,
``recluster``, the quality report's reruns) and the description. :meth:`to_dict` is what
``params.json`` holds (the resolved values, and the asked ones under ``"asked"``, so a
rebuild on more papers resolves again only what the user left to the defaults);
:meth:`key_values` is what the result cache is keyed by: the fields declared to shape the
layout and the areas (``metadata={"key": True}``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np

from .budget import check_budget

__all__ = ["MapOptions", "METHODS", "GRAPHS", "default_graph_neighbors", "default_min_area_size",
           "default_map_neighbors"]

METHODS = ("leiden", "hdbscan")
GRAPHS = ("text", "text+citations")


def default_min_area_size(n: int) -> int:
    """Smallest area for ``n`` papers: 1% of the corpus, at least 2."""
    return int(max(2, n // 100))


def default_graph_neighbors(n: int) -> int:
    """Neighbours per paper in the graph areas are cut from: about sqrt(n), from 5 to 30.

    Below a thousand papers, 30 neighbours tie most papers to most others and areas
    merge; from about a thousand papers up, 30 scores best against the labels
    (``benchmarks/sizes.py``, docs/decisions.md, "Graph neighbours")."""
    return int(np.clip(round(np.sqrt(n)), 5, 30))


def default_map_neighbors(n: int) -> int:
    """UMAP neighbours for ``n`` papers: 15 (UMAP's default), fewer for tiny corpora."""
    return int(max(2, min(15, n - 1)))


# the fields that shape the layout and the areas: the result cache is keyed by them
_KEY = {"key": True}


@dataclass(frozen=True)
class MapOptions:
    """How a map is built. ``None`` means "the default for the corpus's size".

    Parameters
    ----------
    text
        The corpus column to embed (``"text"``: title and abstract).
    method
        ``"leiden"`` (communities of the neighbour graph, the default) or ``"hdbscan"``
        (density clusters of the 2-D map).
    graph
        What the neighbour graph the areas are cut from holds: ``"text"`` (each paper's
        nearest papers in meaning, the default) or ``"text+citations"`` (also, for
        corpora with cited references, the papers sharing most of its references; Leiden
        only; measured in docs/citations-and-people.md, off by default). The map's layout
        is the text's either way.
    graph_neighbors
        Neighbours per paper in the graph areas are cut from (default
        :func:`default_graph_neighbors`).
    resolution
        Leiden's resolution: above 1 more, smaller areas; below 1 fewer, larger ones.
    n_areas
        Leiden only: ask for this many areas instead of letting the graph decide.
    n_fields
        Fields, the level above areas (see :func:`paperviz.areas.find_fields`): None lets
        the corpus decide (from 1,000 papers: 5 to 12 fields when it has more than 12
        areas, or fewer fields that stand out clearly), 0 gives no field level, a number
        asks for that many.
    min_area_size
        Smaller areas are merged into their best-connected neighbour (default
        :func:`default_min_area_size`); sub-areas a quarter of it, at least 5 papers.
    map_neighbors
        UMAP's neighbours for the 2-D map (default :func:`default_map_neighbors`).
    assign_noise
        HDBSCAN only: join noise papers to an area (True) or leave them in area -1.
    random_state
        Seed for UMAP and Leiden: the same input and options give the same map.
    n_phrases
        Key phrases listed per area.
    disciplines
        Name an area of the top level by its discipline (an OpenAlex subfield or field)
        where it is plainly one (see :mod:`paperviz.describe.disciplines`); False: every
        name is mined from the papers. Not used on vectors given with ``embeddings=``
        (the model that made them is not known).
    max_tokens
        The token budget: at most this many word pieces of each paper's text are embedded
        (see :mod:`paperviz.budget`); None: the embedder's (by default the model's own
        limit). The map's ``params["max_tokens"]`` holds the number read.
    asked
        Set by :meth:`resolved`: the options as the user gave them, before the defaults
        that depend on the corpus size were filled in (None on options not resolved).
    """

    text: str = field(default="text", metadata=_KEY)
    method: str = field(default="leiden", metadata=_KEY)
    graph: str = field(default="text", metadata=_KEY)
    graph_neighbors: int | None = field(default=None, metadata=_KEY)
    resolution: float = field(default=1.0, metadata=_KEY)
    n_areas: int | None = field(default=None, metadata=_KEY)
    n_fields: int | None = None  # fields are found from the areas, after the cache
    min_area_size: int | None = field(default=None, metadata=_KEY)
    map_neighbors: int | None = field(default=None, metadata=_KEY)
    assign_noise: bool = field(default=True, metadata=_KEY)
    random_state: int = field(default=42, metadata=_KEY)
    n_phrases: int = 8
    disciplines: bool = True  # names only: not in the key
    max_tokens: int | None = None  # the vectors, which are keyed, say what was read
    asked: MapOptions | None = field(default=None, compare=False, repr=False,
                                     metadata={"record": False})

    def check(self, n: int) -> None:
        """Raise a ValueError that says what to give when an option cannot work for ``n``
        papers (called before the expensive steps, so a bad option fails at once)."""
        if self.method not in METHODS:
            raise ValueError(f"method={self.method!r} is not one of {METHODS}.")
        if self.graph not in GRAPHS or (self.graph != "text" and self.method != "leiden"):
            raise ValueError(f"graph={self.graph!r}: give one of {GRAPHS} (citations join "
                             "the graph of method='leiden' only).")
        if self.n_areas is not None and (self.method != "leiden"
                                         or not 1 <= self.n_areas <= n):
            raise ValueError(f"n_areas={self.n_areas!r}: give a number from 1 to the number "
                             f"of papers ({n}), with method='leiden'.")
        if self.n_fields is not None and self.n_fields < 0:
            raise ValueError(f"n_fields={self.n_fields!r}: give 0 (no field level), a number "
                             "of fields, or None to let the corpus decide.")
        for name in ("graph_neighbors", "min_area_size", "map_neighbors"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name}={value!r}: give 1 or more, or None for the default "
                                 "(which depends on the number of papers).")
        if not self.resolution > 0:
            raise ValueError(f"resolution={self.resolution!r}: give a number above 0.")
        if self.n_phrases < 1:
            raise ValueError(f"n_phrases={self.n_phrases!r}: give 1 or more.")
        if self.max_tokens is not None:
            check_budget(self.max_tokens)

    def resolved(self, n: int) -> MapOptions:
        """A copy for ``n`` papers, checked, with every size-dependent default filled in and
        these options, as given, kept as ``asked``."""
        given = replace(self, asked=None)
        given.check(n)
        return replace(
            given,
            graph_neighbors=given.graph_neighbors or default_graph_neighbors(n),
            min_area_size=given.min_area_size or default_min_area_size(n),
            map_neighbors=given.map_neighbors or default_map_neighbors(n),
            asked=given,
        )

    def to_dict(self) -> dict:
        """Plain values, for ``params.json``: every option, and under ``"asked"`` the ones
        the user gave (when these options were resolved)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)
               if f.metadata.get("record", True)}
        if self.asked is not None:
            out["asked"] = self.asked.to_dict()
        return out

    def key_values(self) -> dict:
        """The options the layout and the areas depend on, for the result cache's key."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("key")}

    @classmethod
    def from_params(cls, params: dict) -> MapOptions:
        """The options recorded in a map's ``params`` (other keys are ignored; options a map
        saved before they existed take their defaults), with what the user asked for as
        ``asked``: from ``params["asked"]``; maps that recorded only the asked sizes, or
        nothing, count the rest as asked as resolved."""
        names = {f.name for f in fields(cls) if f.metadata.get("record", True)}
        options = cls(**{k: v for k, v in params.items() if k in names})
        given = params.get("asked")
        if not isinstance(given, dict):
            return replace(options, asked=options)
        asked = replace(options, **{k: v for k, v in given.items() if k in names})
        return replace(options, asked=asked)
