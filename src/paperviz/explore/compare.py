"""Compare two areas: the phrases that most set them apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from ..describe.phrases import phrases, pretty, surface_forms

__all__ = ["compare_areas"]


def compare_areas(papers: pd.DataFrame, first: int, second: int, *, level: str = "area",
                  n: int = 10) -> pd.DataFrame:
    """The phrases that most set two areas apart: for each, the share of its papers using
    the phrase against the share in the other, ranked by smoothed log-odds.

    Returns one row per phrase: ``favours`` (the area's name), ``phrase``, ``share_first``,
    ``share_second`` and ``log_odds`` (positive: more typical of ``first``)."""
    names = papers.groupby(level)[f"{level}_name"].first()
    for area in (first, second):
        if area not in names.index:
            raise ValueError(f"no {level} {area}; there are {sorted(names.index.tolist())}.")
    a = papers[papers[level] == first]["text"].tolist()
    b = papers[papers[level] == second]["text"].tolist()
    vec = CountVectorizer(analyzer=phrases, binary=True)
    docs = vec.fit_transform(a + b)
    vocab = vec.get_feature_names_out()
    in_a = np.asarray(docs[: len(a)].sum(axis=0)).ravel()
    in_b = np.asarray(docs[len(a) :].sum(axis=0)).ravel()
    share_a, share_b = (in_a + 0.5) / (len(a) + 1), (in_b + 0.5) / (len(b) + 1)
    log_odds = np.log(share_a / (1 - share_a)) - np.log(share_b / (1 - share_b))
    surface = surface_forms(pd.Series(a + b))
    rows = []
    for sign, area in ((1, first), (-1, second)):
        for j in np.argsort(-sign * log_odds, kind="stable")[:n]:
            rows.append({"favours": names[area], "phrase": pretty(vocab[j], surface),
                         "share_first": in_a[j] / len(a), "share_second": in_b[j] / len(b),
                         "log_odds": float(log_odds[j])})
    return pd.DataFrame(rows)
