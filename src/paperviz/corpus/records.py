"""How many records a file holds, counted from its text without its parser (``TY  -``,
``PMID-``, ``@article``, ``ER``, CSV rows): where the parser read fewer or more, the load
report says so. None for formats whose records only their parser can tell apart."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .source import read_text

__all__ = ["count_records"]

_MARKS = {
    "ris": re.compile(r"^\s*TY  -", re.MULTILINE),
    "medline": re.compile(r"^PMID-", re.MULTILINE),
    "wos": re.compile(r"^ER\s*$", re.MULTILINE),
    "bibtex": re.compile(r"^\s*@(?!(?:comment|string|preamble)\b)[A-Za-z]+\s*[{(]",
                         re.MULTILINE | re.IGNORECASE),
    "pubmed-xml": re.compile(r"<PubmedArticle>"),
    "arxiv": re.compile(r"<entry[\s>]"),
}


def _rows(text: str, sep: str, notes: int) -> int:
    """Rows of a delimited table below its header (and ``notes`` lines above it), blank
    lines not counted."""
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=sep) if row]
    return max(len(rows) - 1 - notes, 0)


def count_records(path: Path, fmt: str, sep: str | None = None, notes: int = 0) -> int | None:
    """The records ``path`` holds as ``fmt``, counted from its text; None where only the
    parser can tell."""
    if fmt in _MARKS:
        text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
        return len(_MARKS[fmt].findall(text))
    if fmt == "wos-tab":
        return sum(1 for line in read_text(path).splitlines()[1:] if line.strip())
    if fmt in ("csv", "tsv") and sep:
        return _rows(read_text(path), sep, notes)
    if fmt == "jsonl":
        return sum(1 for line in read_text(path).splitlines() if line.strip())
    return None
