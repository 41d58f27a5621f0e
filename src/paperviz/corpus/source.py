"""A corpus file's text and format: decoded as the databases write them (UTF-8 with or
without a byte-order mark, UTF-16, Latin-1), and known by its content as well as its
extension (a ``.txt`` that is a PubMed or Web of Science export, a RIS or BibTeX file under
another name)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from .errors import CorpusError

__all__ = ["FORMATS", "EXTENSIONS", "read_text", "detect_format", "describe_formats"]

FORMATS = ("listing", "csv", "tsv", "json", "jsonl", "parquet", "bibtex", "ris", "arxiv",
           "openalex", "crossref", "wos", "wos-tab", "medline", "pubmed-xml")
EXTENSIONS = {
    ".txt": "listing", ".md": "listing", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
    ".pq": "parquet", ".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".xml": "arxiv",
    ".atom": "arxiv", ".nbib": "medline", ".medline": "medline", ".ciw": "wos",
}
# What each format is, for ``--help`` and the error that lists them.
_SAYS = {
    "listing": "the bundled listing (a title line, then its abstract line)",
    "csv": "CSV: Scopus, IEEE Xplore, SpringerLink, Dimensions, Zotero, any table",
    "tsv": "TSV", "json": "JSON records, CSL-JSON (Zotero), Semantic Scholar",
    "jsonl": "JSON lines", "parquet": "Parquet", "bibtex": "BibTeX (Zotero, Scopus, ACM)",
    "ris": "RIS (IEEE Xplore, Scopus, Zotero, EndNote)", "arxiv": "arXiv API Atom",
    "openalex": "OpenAlex works JSON", "crossref": "Crossref works JSON",
    "wos": "Web of Science plain text", "wos-tab": "Web of Science tab-delimited",
    "medline": "PubMed MEDLINE (.txt, .nbib)", "pubmed-xml": "PubMed XML",
}
# Web of Science: tab-delimited exports start with a row of field tags, "PT", "AU", ...;
# plain-text ones with "FN <database>" and "VR 1.0", or straight with a record's "PT J".
_WOS_TAB = re.compile(r"^\s*PT\t(?:[A-Z][A-Z0-9]\t)+")
_WOS_PLAIN = re.compile(r"^\s*(?:FN [^\n]*\r?\nVR |PT [A-Z]\r?\n)")
_MEDLINE = re.compile(r"^\s*PMID- *\d")
_RIS = re.compile(r"^\s*TY  - ")
_BIBTEX = re.compile(r"^\s*(?:%[^\n]*\n\s*)*@[A-Za-z]+\s*[{(]")


def describe_formats() -> str:
    """Every format, one per line, as ``--help`` shows them."""
    return "\n".join(f"  {name:<10} {_SAYS[name]}" for name in FORMATS)


def read_text(path: Path, head: bool = False) -> str:
    """The file's text (UTF-8, UTF-16 with its byte-order mark, else Latin-1 with a
    warning); with ``head``, only its first few thousand characters, without warning."""
    if head:
        with open(path, "rb") as fh:
            data = fh.read(8192)
    else:
        data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Web of Science's older exports
        return data.decode("utf-16", errors="ignore" if head else "strict").lstrip("\ufeff")
    if b"\x00" in data[:8192]:
        raise CorpusError(f"{path} looks like a binary file, not a text corpus.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if head:
            return data.decode("utf-8-sig", errors="ignore")
        warnings.warn(f"{path} is not valid UTF-8; read as Latin-1. Check accented "
                      "characters, or save the file as UTF-8.", stacklevel=5)
        return data.decode("latin-1")


def detect_format(path: Path, format: str | None) -> str:
    """``format`` if given (checked), else the format the file's content shows, else the
    one its extension names."""
    if format is not None:
        if format not in FORMATS:
            raise CorpusError(f"format={format!r} is not supported; use one of {FORMATS}.")
        return format
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt == "parquet":
        return fmt
    head = read_text(path, head=True)
    by_content = _by_content(head, fmt)
    if by_content is not None:
        return by_content
    if fmt is None:
        raise CorpusError(
            f"{path}: cannot tell the format from the extension {path.suffix!r} nor from "
            f"its first lines. Rename the file or pass format= (one of {FORMATS}).")
    return fmt


def _by_content(head: str, fmt: str | None) -> str | None:
    """The format the first lines show, where they show one."""
    if _WOS_TAB.match(head):  # the databases' own exports, whatever the extension
        return "wos-tab"
    if _WOS_PLAIN.match(head):
        return "wos"
    if _MEDLINE.match(head):
        return "medline"
    if _RIS.match(head):
        return "ris"
    if "<PubmedArticleSet" in head[:2000] or "<PubmedArticle>" in head[:2000]:
        return "pubmed-xml"
    if fmt in ("json", None) and head.lstrip()[:1] in "[{":
        if '"abstract_inverted_index"' in head or '"openalex.org' in head:
            return "openalex"
        if '"message-type"' in head and ('"work-list"' in head or '"work"' in head):
            return "crossref"
        return "json" if fmt is None else None
    if fmt in ("listing", None) and _BIBTEX.match(head):
        return "bibtex"
    return None
