"""Readers: one function per format, each from a file to a raw DataFrame of its records.

Formats, detected from the extension (and the content, for ``.json``), or named with
``format=``: the plain listing of the bundled corpus (a title line, then its abstract line),
CSV and TSV (delimiter sniffed), JSON (records, or records under one key), JSONL, Parquet,
BibTeX, RIS, arXiv API Atom XML and OpenAlex works JSON.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import CorpusError, NotPapers

__all__ = ["FORMATS", "EXTENSIONS", "read_file"]

FORMATS = ("listing", "csv", "tsv", "json", "jsonl", "parquet", "bibtex", "ris", "arxiv",
           "openalex", "wos", "wos-tab")
EXTENSIONS = {
    ".txt": "listing", ".md": "listing", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
    ".pq": "parquet", ".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".xml": "arxiv",
    ".atom": "arxiv",
}
_CHROME_LINE = re.compile(r"^\s*Get trending papers in your email inbox", re.IGNORECASE)
_CHROME_PREFIX = re.compile(r"^\s*Subscribe(?=\S)")
_ARXIV_ID = re.compile(r"arxiv\.org/abs/([^\s?#]+?)(v\d+)?$")
_ATOM = "{http://www.w3.org/2005/Atom}"
_BARE_BRACES = re.compile(r"(?<![\\A-Za-z])\{([^{}\\]*)\}")
# Web of Science: tab-delimited exports start with a row of field tags, "PT", "AU", ...;
# plain-text ones with "FN <database>" and "VR 1.0", or straight with a record's "PT J".
_WOS_TAB = re.compile(r"^\s*PT\t(?:[A-Z][A-Z0-9]\t)+")
_WOS_PLAIN = re.compile(r"^\s*(?:FN [^\n]*\r?\nVR |PT [A-Z]\r?\n)")
_WOS_LINE = re.compile(r"^([A-Z][A-Z0-9]) (.*)$")
# The Web of Science field tags given readable names; the other tags stay as they are.
_WOS_FIELDS = {"TI": "title", "AB": "abstract", "AF": "authors", "AU": "authors_short",
               "PY": "year", "DI": "doi",
               "DE": "author_keywords", "ID": "keywords_plus", "UT": "wos_id", "SO": "venue",
               "PD": "publication_date", "DT": "document_type"}
# Fields whose lines are items of a list (one author a line); other fields' lines are one text.
_WOS_LISTS = ("AU", "AF", "CR", "C1", "BA", "BF", "ED")



def read_file(path: Path, format: str | None) -> pd.DataFrame:
    """The raw records of one file, read as ``format`` (default: from its extension)."""
    if path.stat().st_size == 0:
        raise CorpusError(f"{path} is empty: it holds no papers.")
    fmt = _detect_format(path, format)
    try:
        return _READERS[fmt](path)
    except CorpusError:
        raise
    except Exception as exc:  # a library's own message, with the file and format named
        raise CorpusError(f"{path}: cannot read it as {fmt}: {exc}") from exc


def _detect_format(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise CorpusError(f"format={format!r} is not supported; use one of {FORMATS}.")
        return format
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise CorpusError(
            f"{path}: cannot tell the format from the extension {path.suffix!r}. "
            f"Rename the file or pass format= (one of {FORMATS})."
        )
    if fmt == "parquet":
        return fmt
    head = _read_text(path, head=True)
    if fmt == "json" and ('"abstract_inverted_index"' in head or '"openalex.org' in head):
        return "openalex"
    if _WOS_TAB.match(head):  # Web of Science's exports, whatever the extension
        return "wos-tab"
    if _WOS_PLAIN.match(head):
        return "wos"
    return fmt


def _read_text(path: Path, head: bool = False) -> str:
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
                      "characters, or save the file as UTF-8.", stacklevel=4)
        return data.decode("latin-1")


def _drop_page_chrome(lines: list[str]) -> list[str]:
    """A listing copied from a web page (the bundled one was) may hold the page's own
    lines: a newsletter prompt between papers, and "Subscribe" glued to the first title."""
    lines = [line for line in lines if not _CHROME_LINE.match(line)]
    if lines:
        lines[0] = _CHROME_PREFIX.sub("", lines[0]).strip()
    return lines


def _read_listing(path: Path) -> pd.DataFrame:
    lines = [line.strip() for line in _read_text(path).splitlines()]
    lines = _drop_page_chrome([line for line in lines if line])
    if not lines:
        raise CorpusError(f"{path} holds no papers (only blank or page-chrome lines).")
    titles, abstracts = lines[0::2], lines[1::2]
    _check_listing(path, lines, titles, abstracts)
    abstracts += [""] * (len(titles) - len(abstracts))  # a last title without its abstract
    return pd.DataFrame({"title": titles, "abstract": abstracts})


def _check_listing(path: Path, lines: list[str], titles: list[str],
                   abstracts: list[str]) -> None:
    """Refuse a text file that is not a listing (a title line, then its abstract line) rather
    than read its lines as papers: abstracts are long, and longer than titles."""
    if len(lines) < 2:
        return
    tabbed = sum("\t" in line for line in lines)
    title_len = float(np.median([len(t) for t in titles]))
    abstract_len = float(np.median([len(a) for a in abstracts]))
    if tabbed > len(lines) / 2:
        why = ("most lines hold tabs, as a table does: rename it to .tsv, or pass "
               "format='tsv'")
    elif abstract_len < 100 or abstract_len < 2 * title_len:
        why = (f"its every other line should be an abstract, but those lines are short "
               f"(median {abstract_len:.0f} characters, against {title_len:.0f} for the "
               "lines between): a list of titles or a text of another shape. Put the papers "
               "in a CSV with a title (and abstract) column")
    else:
        return
    raise NotPapers(
        f"{path} is not a paper listing (a title line, then its abstract line, as "
        f"data/trending-papers.txt) nor a Web of Science export: {why}.")


def _read_delimited(path: Path, sep: str | None = None) -> pd.DataFrame:
    text = _read_text(path)
    if sep is None:
        try:
            sep = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
        except csv.Error:
            sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    bad: list[int] = []

    def ragged(fields: list[str]) -> None:
        bad.append(len(fields))

    df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                     engine="python", on_bad_lines=ragged, index_col=False)
    if bad:
        df.attrs["ragged_rows"] = len(bad)
    return df


def _read_json(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column "
                          f"{exc.colno}); is the file truncated?") from exc
    if isinstance(data, dict):
        lists = {k: v for k, v in data.items() if isinstance(v, list)}
        if len(lists) != 1:
            raise CorpusError(f"{path}: expected a list of paper records, or one key holding "
                              f"it; found keys {list(data)}.")
        data = next(iter(lists.values()))
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise CorpusError(f"{path}: expected a JSON array of objects, one per paper.")
    if any(_is_csl(r) for r in data):
        data = [_from_csl(r) for r in data]
    return pd.json_normalize(data, max_level=0) if data else pd.DataFrame()


def _is_csl(record: dict) -> bool:
    """Whether a JSON record is CSL-JSON (Zotero's and citeproc's format): its date in
    ``issued`` or its authors as ``{"family": ..., "given": ...}``."""
    authors = record.get("author")
    return "issued" in record or (isinstance(authors, list) and any(
        isinstance(a, dict) and ("family" in a or "literal" in a) for a in authors))


def _from_csl(record: dict) -> dict:
    """A CSL-JSON item with its authors, year, venue and keywords as plain text columns."""
    out = {k: v for k, v in record.items()
           if k not in ("author", "issued", "container-title", "keyword")}
    names = []
    for a in record.get("author") or []:
        if isinstance(a, dict):
            names.append(a.get("literal") or " ".join(
                p for p in (a.get("given"), a.get("family")) if p))
    out["authors"] = "; ".join(n for n in names if n)
    parts = (record.get("issued") or {}).get("date-parts") if isinstance(
        record.get("issued"), dict) else None
    if parts and parts[0]:
        out["year"] = str(parts[0][0])
        if len(parts[0]) > 1:  # a month, and maybe a day: kept for trends
            out["date"] = "-".join(f"{int(p):02d}" for p in parts[0][:3])
    if record.get("container-title"):
        out["venue"] = record["container-title"]
    if record.get("keyword"):
        out["keywords"] = "; ".join(k.strip() for k in str(record["keyword"]).split(",")
                                    if k.strip())
    return out


def _read_jsonl(path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}: line {number} is not valid JSON ({exc.msg}).") from exc
    return pd.DataFrame.from_records(records)


def _read_bibtex(path: Path) -> pd.DataFrame:
    import bibtexparser

    library = bibtexparser.parse_string(_read_text(path))
    # each entry's own text is kept, so that an export writes it out as it came in
    rows = [{"id": e.key, "entry_type": e.entry_type,
             **{f.key.lower(): _bib_names(f.value) if f.key.lower() in ("author", "editor")
                else _unbrace(f.value) for f in e.fields}, "bibtex_entry": e.raw}
            for e in library.entries]
    df = pd.DataFrame(rows)
    if library.failed_blocks:
        df.attrs["unparsed_entries"] = len(library.failed_blocks)
    return df


def _bib_names(value: object) -> object:
    """BibTeX's ``"Doe, Jane and Roe, Richard"`` as the corpus writes authors in every
    format, ``"Doe, Jane; Roe, Richard"``: split at each " and " outside braces (so
    ``{Barnes and Noble}`` stays one name)."""
    if not isinstance(value, str):
        return value
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group()
        if token in "{}":
            depth += 1 if token == "{" else -1
        elif depth == 0:
            names.append(value[start:match.start()])
            start = match.end()
    names.append(value[start:])
    return "; ".join(str(_unbrace(n)).strip() for n in names if n.strip())


def _unbrace(value: object) -> object:
    """Drop BibTeX's case-protecting braces ('{M}olecules'), keeping LaTeX commands' own."""
    if not isinstance(value, str):
        return value
    previous = None
    while previous != value:
        previous, value = value, _BARE_BRACES.sub(r"\1", value)
    return value


def _read_ris(path: Path) -> pd.DataFrame:
    import rispy

    entries = rispy.loads(_read_text(path))
    rows = []
    for e in entries:
        row = {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in e.items()}
        row.setdefault("title", e.get("primary_title") or e.get("title") or "")
        row["authors"] = "; ".join(e.get("authors") or e.get("first_authors") or [])
        row["url"] = (e.get("urls") or [""])[0] if e.get("urls") else e.get("url", "")
        rows.append(row)
    return pd.DataFrame(rows)


def _read_arxiv_atom(path: Path) -> pd.DataFrame:
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(_read_text(path))
    except ET.ParseError as exc:
        raise CorpusError(f"{path}: not valid XML ({exc}).") from exc
    rows = []
    for entry in root.iter(f"{_ATOM}entry"):
        def text(tag: str, node=entry) -> str:
            found = node.find(f"{_ATOM}{tag}")
            return (found.text or "").strip() if found is not None else ""

        link = text("id")
        match = _ARXIV_ID.search(link)
        cats = [c.get("term", "") for c in entry.findall(f"{_ATOM}category")]
        rows.append({
            "arxiv_id": match.group(1) if match else link,
            "title": text("title"), "abstract": text("summary"),
            "authors": "; ".join(text("name", a) for a in entry.findall(f"{_ATOM}author")),
            "year": text("published")[:4], "published": text("published"), "url": link,
            "categories": " ".join(cats),
        })
    if not rows:
        raise CorpusError(f"{path}: no <entry> elements; expected an arXiv API Atom feed.")
    return pd.DataFrame(rows)


def _read_openalex(path: Path) -> pd.DataFrame:
    works = _read_json(path)
    rows = []
    for record in works.to_dict("records"):
        work = {k: v for k, v in record.items() if not (isinstance(v, float) and v != v)}
        index = work.get("abstract_inverted_index") or {}
        positions = sorted((p, word) for word, ps in index.items() for p in ps)
        doi = (work.get("doi") or "").replace("https://doi.org/", "")
        authors = [a.get("author", {}).get("display_name", "")
                   for a in (work.get("authorships") or [])]
        concepts = [c.get("display_name", "") for c in (work.get("concepts") or [])[:5]]
        keywords = [k.get("display_name", "") if isinstance(k, dict) else str(k)
                    for k in [*(work.get("keywords") or []), *(work.get("topics") or [])]]
        rows.append({
            "openalex_id": str(work.get("id") or "").rsplit("/", 1)[-1],
            "doi": doi, "title": work.get("title") or work.get("display_name") or "",
            "abstract": " ".join(word for _, word in positions),
            "authors": "; ".join(a for a in authors if a),
            "year": work.get("publication_year"), "url": work.get("doi") or work.get("id"),
            "categories": "; ".join(concepts),
            "keywords": "; ".join(k for k in keywords if k),
        })
    return pd.DataFrame(rows)


def _wos_frame(records: list[dict]) -> pd.DataFrame:
    """Web of Science records (tag to value) as a raw frame, fields no record fills left out:
    the known tags under readable names (``authors`` the full names, ``AF``; the short ones,
    ``AU``, as ``authors_short``, or as ``authors`` where there are no full ones)."""
    df = pd.DataFrame(records).replace("", None).dropna(axis=1, how="all").fillna("")
    if "AF" not in df and "AU" in df:
        df = df.rename(columns={"AU": "AF"})
    return df.rename(columns=_WOS_FIELDS)


def _read_wos_tab(path: Path) -> pd.DataFrame:
    text = _read_text(path)
    df = pd.read_csv(io.StringIO(text), sep="\t", dtype=str, keep_default_na=False,
                     quoting=csv.QUOTE_NONE, index_col=False)
    df = df.loc[:, [c for c in df.columns if not str(c).startswith("Unnamed")]]
    return _wos_frame(df.to_dict("records"))


def _read_wos_plain(path: Path) -> pd.DataFrame:
    records, record, tag = [], {}, None
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("   ") and tag is not None:  # the field goes on
            value = line.strip()
            record[tag] = (f"{record[tag]}; {value}" if tag in _WOS_LISTS
                           else f"{record[tag]} {value}")
            continue
        if line.rstrip() in ("ER", "EF"):
            if line.rstrip() == "ER" and record:
                records.append(record)
            record, tag = {}, None
            continue
        match = _WOS_LINE.match(line.rstrip()) or re.match(r"^([A-Z][A-Z0-9])$", line.rstrip())
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
    return _wos_frame(records)


_READERS = {
    "listing": _read_listing,
    "csv": _read_delimited,
    "tsv": lambda p: _read_delimited(p, "\t"),
    "json": _read_json,
    "jsonl": _read_jsonl,
    "parquet": pd.read_parquet,
    "bibtex": _read_bibtex,
    "ris": _read_ris,
    "arxiv": _read_arxiv_atom,
    "openalex": _read_openalex,
    "wos": _read_wos_plain,
    "wos-tab": _read_wos_tab,
}
