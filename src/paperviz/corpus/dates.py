"""Each paper's date, from whichever date or year column the corpus has."""

from __future__ import annotations

import pandas as pd

__all__ = ["DATE_COLUMNS", "paper_dates"]

DATE_COLUMNS = ("date", "published", "publication_date", "year", "publication_year", "py",
                "created", "submitted")


def paper_dates(papers: pd.DataFrame, column: str | None = None
                ) -> tuple[pd.Series, dict]:
    """Each paper's date (``datetime64``, NaT where missing or unparsable) and a report:
    ``column``, ``dated``, ``missing`` (empty), ``unparsable`` (with up to 3 ``examples``).
    Raises ValueError when the papers have no date column (or not ``column``)."""
    if column is None:
        lower = {str(c).lower(): c for c in papers.columns}
        column = next((lower[c] for c in DATE_COLUMNS if c in lower), None)
        if column is None:
            raise ValueError(f"no date column: trends need one of {list(DATE_COLUMNS)}; the "
                             f"columns are {list(papers.columns)}. Pass date_column=.")
    elif column not in papers.columns:
        raise ValueError(f"no column {column!r}; the columns are {list(papers.columns)}.")
    raw = papers[column]
    if pd.api.types.is_datetime64_any_dtype(raw):
        dates = pd.to_datetime(raw, utc=True).dt.tz_localize(None)
        empty = raw.isna()
    else:
        text = raw.astype("string").str.strip()
        empty = text.isna() | (text == "")
        text = text.str.replace(r"^(\d{4})(\.0)?$", r"\1-01-01", regex=True)
        dates = pd.to_datetime(text, errors="coerce", utc=True, format="mixed")
        dates = dates.dt.tz_localize(None)
    bad = dates.isna() & ~empty
    report = {"column": str(column), "dated": int(dates.notna().sum()),
              "missing": int(empty.sum()), "unparsable": int(bad.sum()),
              "examples": raw[bad].astype(str).head(3).tolist()}
    return pd.Series(dates.to_numpy(), index=papers.index, name="date"), report
