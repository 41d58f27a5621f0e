"""Readers: one function per format, each from a file to a raw DataFrame of its records.

The formats and how a file's format is told are in :mod:`.source`; Web of Science, PubMed
and the scholarly APIs' JSON have modules of their own (:mod:`.wos`, :mod:`.medline`,
:mod:`.apis`). Each reader returns the records as
the file holds them; where a file holds records its parser cannot take whole (a repeated
BibTeX key, a CSV row one field too long), the reader keeps them and says how in
``attrs["repairs"]``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .apis import openalex_row, read_crossref, semantic_scholar_row
from .errors import CorpusError, NotPapers
from .medline import read_medline, read_pubmed_xml
from .source import detect_format, read_text
from .wos import read_wos_plain, read_wos_tab

__all__ = ["read_file"]

_CHROME_LINE = re.compile(r"^\s*Get trending papers in your email inbox", re.IGNORECASE)
_CHROME_PREFIX = re.compile(r"^\s*Subscribe(?=\S)")
_ARXIV_ID = re.compile(r"arxiv\.org/abs/([^\s?#]+?)(v\d+)?$")
_ATOM = "{http://www.w3.org/2005/Atom}"
_BARE_BRACES = re.compile(r"(?<![\\A-Za-z])\{([^{}\\]*)\}")


def read_file(path: Path, format: str | None) -> pd.DataFrame:
    """The raw records of one file, read as ``format`` (default: from its content and
    extension)."""
    if path.stat().st_size == 0:
        raise CorpusError(f"{path} is empty: it holds no papers.")
    fmt = detect_format(path, format)
    try:
        df = _READERS[fmt](path)
    except CorpusError:
        raise
    except Exception as exc:  # a library's own message, with the file and format named
        raise CorpusError(f"{path}: cannot read it as {fmt}: {exc}") from exc
    df.attrs["format"] = fmt
    return df


def _drop_page_chrome(lines: list[str]) -> list[str]:
    """A listing copied from a web page (the bundled one was) may hold the page's own
    lines: a newsletter prompt between papers, and "Subscribe" glued to the first title."""
    lines = [line for line in lines if not _CHROME_LINE.match(line)]
    if lines:
        lines[0] = _CHROME_PREFIX.sub("", lines[0]).strip()
    return lines


def _read_listing(path: Path) -> pd.DataFrame:
    lines = [line.strip() for line in read_text(path).splitlines()]
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
    """A CSV or TSV table: its delimiter sniffed, a line of notes above its header skipped
    (Dimensions writes "About the data: ..." there), and a row with more fields than the
    header kept (see :func:`_fit_row`), never dropped. Python's own csv reader, which takes
    a stray quote inside a field as IEEE Xplore writes it, where pandas' drops the row."""
    text = read_text(path)
    if sep is None:
        try:
            sep = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
        except csv.Error:
            sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    text, notes = _skip_notes(text, sep)
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=sep) if row]
    header = _unique(rows[0]) if rows else []
    repairs: dict[str, int] = {}
    records = []
    for fields in rows[1:]:
        if len(fields) > len(header):
            fields, how = _fit_row(fields, header)
            repairs[how] = repairs.get(how, 0) + 1
        records.append(fields + [""] * (len(header) - len(fields)))
    df = pd.DataFrame(records, columns=header, dtype=object)
    df.attrs["repairs"] = repairs
    df.attrs["sep"], df.attrs["notes_lines"] = sep, len(notes)
    if notes:
        df.attrs["notes"] = " ".join(notes)
    return df


def _unique(names: list[str]) -> list[str]:
    """Column names made unique as pandas makes them (``"Title"``, ``"Title.1"``)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        out.append(name if name not in seen else f"{name}.{seen[name]}")
        seen[name] = seen.get(name, 0) + 1
    return out


def _skip_notes(text: str, sep: str) -> tuple[str, list[str]]:
    """The table without the one-field lines of notes above its header, and those notes."""
    lines = text.split("\n", 3)
    notes = []
    while len(lines) > 1 and len(notes) < 3:
        first = next(csv.reader([lines[0]], delimiter=sep), [])
        second = next(csv.reader([lines[1]], delimiter=sep), [])
        if len(first) > 1 or len(second) < 3:
            break
        notes.append(lines[0].strip().strip('"'))
        text = text.split("\n", 1)[1]
        lines = text.split("\n", 3)
    return text, notes


_NUMBERED = re.compile(r"^(.*\D)\s*\d+$")


def _fit_row(fields: list[str], header: list[str]) -> tuple[list[str], str]:
    """A row with more fields than the header, fitted to it, and how. Its extra fields
    belong to a numbered run of columns (Scopus's "Funding Text 1", "Funding Text 2": a
    newer export than its header) and are joined into the run's last column; without such a
    run, extra empty fields are dropped and other extras joined into the last column."""
    extra = len(fields) - len(header)
    runs = [i for i, name in enumerate(header) if _NUMBERED.match(name.strip())]
    if runs:
        at = runs[-1]
        joined = " ".join(f for f in fields[at:at + extra + 1] if f.strip())
        return fields[:at] + [joined] + fields[at + extra + 1:], (
            f"a row {extra} field(s) longer than the header, the extra kept in "
            f"{header[at].strip()!r}")
    if not any(f.strip() for f in fields[len(header):]):
        return fields[:len(header)], "a row ending in extra empty fields"
    last = len(header) - 1
    return fields[:last] + [" ".join(fields[last:])], (
        f"a row {extra} field(s) longer than the header, the extra joined into "
        f"{header[last].strip()!r}")


def _read_json(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column "
                          f"{exc.colno}); is the file truncated?") from exc
    if isinstance(data, dict) and ("title" in data or "paperId" in data):
        data = [data]  # one paper (Semantic Scholar's answer for one id)
    if isinstance(data, dict):
        lists = {k: v for k, v in data.items() if isinstance(v, list)
                 and all(isinstance(r, dict) for r in v)}
        if len(lists) != 1:
            raise CorpusError(f"{path}: expected a list of paper records, or one key holding "
                              f"it; found keys {list(data)}.")
        data = next(iter(lists.values()))
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise CorpusError(f"{path}: expected a JSON array of objects, one per paper.")
    return _records(data)


def _records(data: list[dict]) -> pd.DataFrame:
    """JSON records as a frame: OpenAlex works, CSL-JSON items and Semantic Scholar papers
    in the common shape, any other records as they are."""
    if any("abstract_inverted_index" in r or "authorships" in r for r in data):
        return pd.DataFrame([openalex_row(r) for r in data])
    if any(_is_csl(r) for r in data):
        data = [_from_csl(r) for r in data]
    if any("paperId" in r for r in data):
        data = [semantic_scholar_row(r) for r in data]
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
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}: line {number} is not valid JSON ({exc.msg}).") from exc
    if records and all(isinstance(r, dict) for r in records):
        return _records(records)  # OpenAlex works one a line read as OpenAlex's JSON
    return pd.DataFrame.from_records(records)


def _read_bibtex(path: Path) -> pd.DataFrame:
    """BibTeX entries. An entry whose key an earlier one has (Scopus repeats keys for
    different papers) is kept, its key numbered (``Liu2024-2``); an entry with a field twice
    (Scopus's ``funding_details``) is kept, the values joined."""
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    library = bibtexparser.parse_string(read_text(path))
    entries = [(e.start_line, e) for e in library.entries]
    kinds = {"a repeated BibTeX key, numbered": DuplicateBlockKeyBlock,
             "a BibTeX field given twice, its values joined": DuplicateFieldKeyBlock}
    repairs = {}
    for how, kind in kinds.items():
        found = [(b.start_line, b.ignore_error_block) for b in library.failed_blocks
                 if isinstance(b, kind) and b.ignore_error_block is not None]
        entries += found
        if found:
            repairs[how] = len(found)
    seen: dict[str, int] = {}
    rows = []
    for _, e in sorted(entries, key=lambda pair: pair[0]):
        seen[e.key] = seen.get(e.key, 0) + 1
        row = {"id": e.key if seen[e.key] == 1 else f"{e.key}-{seen[e.key]}",
               "entry_type": e.entry_type}
        for f in e.fields:
            name = f.key.lower()
            value = _bib_names(f.value) if name in ("author", "editor") else _unbrace(f.value)
            row[name] = f"{row[name]}; {value}" if name in row else value
        row["bibtex_entry"] = e.raw  # written out as it came in, by an export
        rows.append(row)
    df = pd.DataFrame(rows)
    df.attrs["repairs"] = repairs
    failed = len(library.failed_blocks) - sum(repairs.values())
    if failed:
        df.attrs["unparsed_entries"] = failed
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
    """RIS records. Line ends are made one kind first: IEEE Xplore writes CR LF with a
    stray CR before each ``TY  -``, which rispy reads as one record."""
    import rispy

    text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    entries = rispy.loads(text)
    rows = []
    for e in entries:
        row = {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in e.items()}
        row.setdefault("title", e.get("primary_title") or e.get("title") or "")
        row["authors"] = "; ".join(e.get("authors") or e.get("first_authors") or [])
        row["url"] = (e.get("urls") or [""])[0] if e.get("urls") else e.get("url", "")
        row.update(_ris_notes(e.get("notes") or []))
        rows.append(row)
    return pd.DataFrame(rows)


_NOTE_LABEL = re.compile(r"^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}: ")


def _ris_notes(notes: list[str]) -> dict:
    """Scopus writes cited references (``N1  - References: ...``, one a line) and times
    cited into RIS notes: taken out as ``references`` and ``cited_by``."""
    out: dict = {}
    for i, note in enumerate(notes):
        note = str(note)
        if note.startswith("References:"):
            refs = [note[len("References:"):]]
            for more in notes[i + 1:]:
                if _NOTE_LABEL.match(str(more)):
                    break
                refs.append(str(more))
            out["references"] = "; ".join(r.strip().rstrip(";").strip() for r in refs
                                          if r.strip().rstrip(";").strip())
        cited = re.match(r"^Cited By:?\s*(\d+)", note, re.IGNORECASE)
        if cited:
            out["cited_by"] = cited.group(1)
    return out


def _read_arxiv_atom(path: Path) -> pd.DataFrame:
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(read_text(path))
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
    "openalex": _read_json,
    "crossref": read_crossref,
    "wos": read_wos_plain,
    "wos-tab": read_wos_tab,
    "medline": read_medline,
    "pubmed-xml": read_pubmed_xml,
}
