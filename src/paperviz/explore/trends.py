"""Areas over time: how many papers each area has per period, and which areas grow.

Dates come from the corpus's date or year column (:func:`paperviz.corpus.paper_dates`): a
bare year counts as 1 January of it; values that do not parse are counted and left out of
the trends, never guessed.

:func:`emerging` compares each area's share of the papers before and after a split date
(by default the median date, so both halves hold as many papers), with a 95% interval on
the change (Newcombe's hybrid score interval for a difference of two proportions, built
from Wilson intervals): an area is called growing or shrinking only when the interval
excludes zero, so 3 papers becoming 6 in a thousand is not a trend.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from ..corpus import paper_dates

__all__ = ["trends", "emerging", "wilson", "newcombe"]

def trends(papers: pd.DataFrame, *, level: str = "area", freq: str = "M",
           date_column: str | None = None) -> pd.DataFrame:
    """Papers per period and area: ``period`` (its start), ``<level>``, ``name``,
    ``count``, ``total`` (dated papers in the period) and ``share``; every area appears in
    every period (zero counts included). ``freq``: a pandas period code (``"M"``, ``"Q"``,
    ``"Y"``, ``"W"``). ``attrs["dates"]`` holds :func:`paper_dates`'s report."""
    dates, report = paper_dates(papers, date_column)
    ok = dates.notna().to_numpy()
    periods = dates[ok].dt.to_period(freq).dt.start_time
    frame = pd.DataFrame({"period": periods.to_numpy(), level: papers[level].to_numpy()[ok]})
    counts = frame.groupby(["period", level]).size()
    full = pd.MultiIndex.from_product([sorted(frame["period"].unique()),
                                       sorted(papers[level].unique())],
                                      names=["period", level])
    out = counts.reindex(full, fill_value=0).rename("count").reset_index()
    out["total"] = out.groupby("period")["count"].transform("sum")
    out["share"] = out["count"] / out["total"].where(out["total"] > 0)
    names = dict(zip(papers[level], papers[f"{level}_name"], strict=False))
    out.insert(2, "name", out[level].map(names))
    out.attrs["dates"] = report
    return out


def wilson(count: np.ndarray, total: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval ``(low, high)`` of the proportions ``count / total``."""
    count, total = np.asarray(count, float), np.asarray(total, float)
    p = count / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * np.sqrt(p * (1 - p) / total + z * z / (4 * total**2)) / (1 + z * z / total)
    return centre - half, centre + half


def newcombe(k1, n1, k2, n2, z: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The change ``k2/n2 - k1/n1`` and its hybrid score interval ``(change, low, high)``."""
    p1, p2 = np.asarray(k1, float) / n1, np.asarray(k2, float) / n2
    l1, u1 = wilson(k1, n1, z)
    l2, u2 = wilson(k2, n2, z)
    change = p2 - p1
    return (change, change - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2),
            change + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2))


def emerging(papers: pd.DataFrame, *, level: str = "area", split=None,
             date_column: str | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Areas ranked by the change of their share of the papers from before ``split`` (a
    date; default the median date) to after it: ``<level>``, ``name``, ``before`` and
    ``after`` (papers), ``share_before``, ``share_after``, ``change`` with ``low`` and
    ``high`` (its ``confidence`` interval), ``ratio`` (share after / before) and
    ``trend``: ``"growing"`` or ``"shrinking"`` when the interval excludes 0, else
    ``"steady"``. ``attrs`` hold the split date and the date report."""
    dates, report = paper_dates(papers, date_column)
    ok = dates.notna().to_numpy()
    if ok.sum() < 2:
        raise ValueError(f"emerging needs dated papers; {report['dated']} of {len(papers)} "
                         f"have a date in {report['column']!r}.")
    when = dates[ok]
    split = when.median() if split is None else pd.Timestamp(split)
    late = (when >= split).to_numpy()
    if late.all() or not late.any():
        raise ValueError(f"every dated paper falls on one side of {split.date()}; choose a "
                         "split between the first and last date.")
    labels = papers[level].to_numpy()[ok]
    areas = np.unique(labels)
    before = np.array([(labels[~late] == a).sum() for a in areas])
    after = np.array([(labels[late] == a).sum() for a in areas])
    n1, n2 = int((~late).sum()), int(late.sum())
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    change, low, high = newcombe(before, n1, after, n2, z)
    share1, share2 = before / n1, after / n2
    names = dict(zip(papers[level], papers[f"{level}_name"], strict=False))
    out = pd.DataFrame({level: areas, "name": [names.get(a) for a in areas],
                        "before": before, "after": after, "share_before": share1,
                        "share_after": share2, "change": change, "low": low, "high": high,
                        "ratio": np.where(share1 > 0, share2 / np.where(share1 > 0, share1, 1),
                                          np.inf)})
    out["trend"] = np.select([low > 0, high < 0], ["growing", "shrinking"], "steady")
    out = out.sort_values("change", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs.update(split=str(split.date()), before=n1, after=n2, dates=report)
    return out
