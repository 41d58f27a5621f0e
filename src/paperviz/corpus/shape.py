"""The corpus's common shape for what exports carry beyond title and abstract, whatever the
database: ``year`` an integer, ``date`` with the month where there is one, ``cited_by`` a
count, ``references`` one item per cited work (``"; "``-separated, as the databases write
them) with their DOIs taken out into ``reference_dois``, ``countries`` from the
``affiliations``, keywords written in the case the field writes them."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .countries import countries_of

__all__ = ["split_outside_brackets", "readable_case", "years", "counts", "dois_in",
           "add_common_columns", "items"]

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def items(cell: object) -> list[str]:
    """A ``"; "``-separated cell's items (none for an empty or missing cell)."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [part.strip() for part in cell.split(";") if part.strip()]


def split_outside_brackets(text: str) -> list[str]:
    """``text`` split at each ``;`` that is not inside square brackets (Web of Science's
    ``"[Doe, J; Roe, R] Univ A; [Poe, E] Univ B"``)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(str(text)):
        depth += (char == "[") - (char == "]")
        if char == ";" and depth <= 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(str(text)[start:])
    return [p.strip() for p in parts if p.strip()]


def readable_case(cells: pd.Series, texts: pd.Series) -> pd.Series:
    """Keywords a database writes in capitals (``"MONTE-CARLO-SIMULATION; DNA"``) in the
    case the corpus's own titles and abstracts write each word (``"monte-carlo-simulation;
    DNA"``); a word they never write is lower-cased. Cells not all in capitals are kept."""
    written: dict[str, Counter] = {}
    for text in texts.astype(str):
        for word in _WORD.findall(text):
            written.setdefault(word.lower(), Counter())[word] += 1

    def case(word: str) -> str:
        forms = written.get(word.lower())
        if not forms:
            return word.lower()
        best = forms.most_common(1)[0][0]  # "DNA" stays DNA; "Monte" at a sentence start
        return best if best.isupper() else word.lower()

    def one(cell: object) -> object:
        if not isinstance(cell, str) or cell != cell.upper() or not re.search("[A-Z]", cell):
            return cell
        return _WORD.sub(lambda m: case(m.group()), cell)

    return cells.map(one)


def years(values: pd.Series) -> pd.Series:
    """Each value's year (``2021``, ``"2021"``, ``"2021-03-15"``, ``"Mar 2021"``) as a
    nullable integer; missing where it holds none."""
    def one(value: object) -> object:
        if isinstance(value, (int, float)) and value == value:
            return int(value) if 1500 <= value < 2100 else pd.NA
        found = _YEAR.search(str(value)) if isinstance(value, str) else None
        return int(found.group()) if found else pd.NA

    return pd.array([one(v) for v in values], dtype="Int64")


def counts(values: pd.Series) -> pd.Series:
    """A count column (times cited, ``"1,024"`` read as 1024) as a nullable integer;
    missing where empty or not a whole number."""
    text = values.astype("string").str.replace(",", "").str.strip()
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    whole = numbers.where(numbers == numbers.round())
    return pd.array(whole, dtype="Int64")


def dois_in(text: str) -> list[str]:
    """The DOIs written in ``text``, lower-cased, each once (a trailing full stop or
    bracket dropped)."""
    found = (m.group(1).rstrip(".,;)]}").lower() for m in _DOI.finditer(str(text)))
    return list(dict.fromkeys(found))


def add_common_columns(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the common columns derived where their sources are there: ``year`` an
    integer, ``cited_by`` a count, ``reference_dois`` from ``references``, ``countries``
    from ``affiliations``. A copy; what the source wrote stays as it was."""
    df = df.copy()
    if "year" in df:
        found = years(df["year"])
        given = df["year"].astype("string").fillna("").str.strip() != ""
        if not (given & found.isna()).any():  # else kept as written: the report names them
            df["year"] = found
    elif "date" in df:
        df["year"] = years(df["date"])
    if "cited_by" in df:
        found = counts(df["cited_by"])
        given = df["cited_by"].astype("string").fillna("").str.strip() != ""
        if not (given & pd.isna(found)).any():
            df["cited_by"] = found
    if "references" in df and "reference_dois" not in df:
        df["reference_dois"] = df["references"].map(
            lambda cell: "; ".join(dict.fromkeys(d for ref in items(cell)
                                                 for d in dois_in(ref))))
    if "affiliations" in df and "countries" not in df:
        df["countries"] = df["affiliations"].map(
            lambda cell: "; ".join(countries_of(items(cell))))
    return df
