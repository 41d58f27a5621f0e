"""Web of Science exports, plain text (``savedrecs.txt``: two-letter tags, continuation lines
indented by three spaces, ``ER`` after each record) and tab-delimited (a row of tags, a row
per record), to the corpus's common shape: the known tags under readable names, the date
from ``PY`` with the month of ``PD``, the authors' keywords (``DE``) apart from Keywords Plus
(``ID``, written in the case the corpus writes its words, not in capitals), the addresses of
``C1`` without their bracketed author lists. Every other tag stays a column of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .errors import CorpusError
from .shape import readable_case, split_outside_brackets
from .source import read_text

__all__ = ["read_wos_plain", "read_wos_tab", "wos_date"]

_LINE = re.compile(r"^([A-Z][A-Z0-9]) (.*)$")
_BARE_TAG = re.compile(r"^([A-Z][A-Z0-9])$")
_FIELDS = {"TI": "title", "AB": "abstract", "AF": "authors", "AU": "authors_short",
           "DI": "doi", "DE": "author_keywords", "ID": "keywords_plus", "UT": "wos_id",
           "SO": "venue", "DT": "document_type", "CR": "references", "TC": "cited_by",
           "PM": "pmid", "NR": "n_references"}
# Fields whose lines are items of a list (one author a line); other fields' lines are one text.
_LISTS = ("AU", "AF", "CR", "C1", "BA", "BF", "ED", "CA")
# Symbols Web of Science writes out in words ('Pt center dot center dot center dot Pt' for
# 'Pt···Pt' in a title): each back to its symbol in the title and abstract
_SYMBOL_WORDS = re.compile(r"\s*\bcenter dot\b\s*")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_SEASONS = {"SPR": 3, "SUM": 6, "FAL": 9, "WIN": 12}


def wos_date(year: str, published: str) -> str:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` from ``PY`` and ``PD`` (``"DEC 24"``,
    ``"MAR"``, ``"JAN-FEB"``, ``"SPR"``, ``"2012"``); "" without a year."""
    year = str(year).strip()
    if not re.fullmatch(r"\d{4}", year):
        return ""
    words = re.split(r"[\s-]+", str(published).strip().upper())
    month = next((_MONTHS.index(w[:3]) + 1 for w in words if w[:3] in _MONTHS), None)
    month = month or next((_SEASONS[w[:3]] for w in words if w[:3] in _SEASONS), None)
    if month is None:
        return year
    day = next((w for w in words[1:] if w.isdigit() and 1 <= int(w) <= 31), "")
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def _addresses(c1: str) -> str:
    """``C1``'s addresses without the bracketed authors each starts with, each once."""
    places = [re.sub(r"^\[[^\]]*\]\s*", "", a).strip() for a in split_outside_brackets(c1)]
    return "; ".join(dict.fromkeys(p for p in places if p))


def _frame(records: list[dict]) -> pd.DataFrame:
    """Records (tag to value) as a raw frame in the common shape, fields no record fills
    left out (``authors`` the full names, ``AF``; the short ones, ``AU``, as
    ``authors_short``, or as ``authors`` where there are no full ones)."""
    df = pd.DataFrame(records).replace("", None).dropna(axis=1, how="all").fillna("")
    if "AF" not in df and "AU" in df:
        df = df.rename(columns={"AU": "AF"})
    if "PY" in df:
        df["date"] = [wos_date(y, p) for y, p in zip(
            df["PY"], df["PD"] if "PD" in df else [""] * len(df), strict=True)]
    for tag in ("TI", "AB"):
        if tag in df:
            df[tag] = df[tag].str.replace(_SYMBOL_WORDS, "\u00b7", regex=True)
    if "C1" in df:
        df["affiliations"] = df["C1"].map(_addresses)
    if "ID" in df:
        words = (df.get("TI", pd.Series("", index=df.index)) + " "
                 + df.get("AB", pd.Series("", index=df.index)))
        df["ID"] = readable_case(df["ID"], words)
    for tag in ("OI", "RI"):  # ORCID and ResearcherID: "Name/id" items
        if tag in df:
            df[tag] = df[tag].str.replace(r"\s*;\s*", "; ", regex=True)
    if "OI" in df:
        df["author_ids"] = df["OI"]
    return df.rename(columns={**_FIELDS, "PY": "year"})


def read_wos_tab(path: Path) -> pd.DataFrame:
    """A tab-delimited Web of Science export (UTF-8 or UTF-16)."""
    lines = [line.split("\t") for line in read_text(path).splitlines() if line.strip()]
    header = [tag.strip() for tag in lines[0]]
    while header and not header[-1]:  # every row ends in a tab
        header.pop()
    records = [dict(zip(header, fields, strict=False)) for fields in lines[1:]]
    return _frame(records)


def read_wos_plain(path: Path) -> pd.DataFrame:
    """A plain-text Web of Science export."""
    records, record, tag = [], {}, None
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("   ") and tag is not None:  # the field goes on
            value = line.strip()
            record[tag] = (f"{record[tag]}; {value}" if tag in _LISTS
                           else f"{record[tag]} {value}")
            continue
        if line.rstrip() in ("ER", "EF"):
            if line.rstrip() == "ER" and record:
                records.append(record)
            record, tag = {}, None
            continue
        match = _LINE.match(line.rstrip()) or _BARE_TAG.match(line.rstrip())
        if match is None:
            raise CorpusError(f"{path}: line {number} is not a Web of Science field "
                              f"(a two-letter tag, a space, the value): {line[:60]!r}.")
        tag = match.group(1)
        if tag not in ("FN", "VR"):
            record[tag] = (match.group(2) if match.lastindex == 2 else "").strip()
    if record:  # a last record without its "ER"
        records.append(record)
    if not records:
        raise CorpusError(f"{path}: a Web of Science export with no records.")
    return _frame(records)
