"""The papers' own keywords (author keywords, indexers' keywords, tags: the ``keywords``
column, ``"; "``-separated) as candidates for names: terms people chose for their papers.

Spellings of one keyword are one term ("Large Language Models", "large language model"),
written as most papers write it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from .phrases import stem

__all__ = ["Keywords", "paper_keywords"]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Keywords:
    """Which paper has which keyword (``presence``: papers x ``terms``, 0/1), each term in
    lower case, and its most common written form."""

    presence: sparse.csr_matrix
    terms: list[str]
    written: dict[str, str]


def _key(term: str) -> str:
    return " ".join(stem(w) for w in term.replace("-", " ").split())


def paper_keywords(column: pd.Series | None) -> Keywords | None:
    """The keywords of ``column`` (one cell per paper), or None when no paper has any."""
    if column is None:
        return None
    cells = [[_SPACE.sub(" ", k).strip() for k in str(c).split(";")] if isinstance(c, str)
             else [] for c in column]
    forms: Counter[str] = Counter(k for cell in cells for k in cell if k)
    if not forms:
        return None
    lower: dict[str, Counter[str]] = {}
    for form, count in forms.items():
        lower.setdefault(_key(form.lower()), Counter())[form] += count
    # each term: its most common spelling, lower-cased for matching, as written for display
    best = {key: spellings.most_common(1)[0][0] for key, spellings in lower.items()}
    terms = sorted({b.lower() for b in best.values()})
    column_of = {t: j for j, t in enumerate(terms)}
    rows, cols = [], []
    for i, cell in enumerate(cells):
        for j in {column_of[best[_key(k.lower())].lower()] for k in cell if k}:
            rows.append(i)
            cols.append(j)
    presence = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                                 shape=(len(cells), len(terms)))
    return Keywords(presence, terms, {b.lower(): b for b in best.values()})
