"""Which columns are the kit's own, and how a corpus column of the same name is kept apart.

A corpus keeps every column its source had. The loader adds the corpus columns
(``CORPUS_COLUMNS``: ``paper_id``, ``title``, ``abstract``, ``text`` ...) and a map adds its
own (``MAP_COLUMNS``: ``x``, ``y``, a number and a name per level, ``strength``, ``weak``,
``placed``, ``placed_on``, ``in_library``). A source column that has one of these names is renamed
``corpus_<name>`` (``corpus_corpus_<name>`` if that is taken too), its values kept, and the
rename is reported: in ``load_report["renamed"]`` by :func:`paperviz.load_corpus`, and in
``params["renamed_columns"]`` (with a warning) by :func:`paperviz.build_map` for a frame
that did not come through the loader.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .levels import LEVELS

__all__ = ["CORPUS_COLUMNS", "MAP_COLUMNS", "LEADER_COLUMNS", "RESERVED", "PREFIX", "renames",
           "set_apart"]

CORPUS_COLUMNS = ("paper_id", "title", "abstract", "text", "has_abstract", "title_original",
                  "abstract_original", "source", "keywords")
MAP_COLUMNS = ("x", "y", *LEVELS, *(f"{level}_name" for level in LEVELS), "strength", "weak",
               "placed", "placed_on", "in_library")
RESERVED = (*CORPUS_COLUMNS, *MAP_COLUMNS)
# The summaries' lists of what each area builds on and who works in it, where the corpus
# carries references and addresses (paperviz.citations.leaders), and how they are labelled.
LEADER_COLUMNS = {"top_cited": "Most cited", "top_authors": "Authors",
                  "top_institutions": "Institutions", "top_countries": "Countries"}
PREFIX = "corpus_"


def renames(columns: Iterable, reserved: Iterable[str] = MAP_COLUMNS) -> dict[str, str]:
    """``{old: new}`` for each of ``columns`` named like one of ``reserved``: the new name
    is ``corpus_<old>``, prefixed again until it is free."""
    columns = list(columns)
    taken = set(columns)
    out = {}
    for name in columns:
        if name in reserved:
            new = PREFIX + str(name)
            while new in taken or new in reserved:
                new = PREFIX + new
            taken.add(new)
            out[name] = new
    return out


def set_apart(frame: pd.DataFrame, reserved: Iterable[str] = MAP_COLUMNS
              ) -> tuple[pd.DataFrame, dict[str, str]]:
    """``frame`` with its columns named like one of ``reserved`` renamed (see
    :func:`renames`; a copy, the caller's frame is untouched), and the renames."""
    mapping = renames(frame.columns, tuple(reserved))
    return (frame.rename(columns=mapping) if mapping else frame), mapping
