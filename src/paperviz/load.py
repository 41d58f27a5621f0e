"""Load a corpus of papers into a DataFrame, one row per paper.

Formats, detected from the extension (and the content, for ``.json`` and ``.xml``), or named
with ``format=``: the plain listing of the bundled corpus (a title line, then its abstract
line), CSV and TSV (delimiter sniffed), JSON (records, or records under one key), JSONL,
Parquet, BibTeX, RIS, arXiv API Atom XML and OpenAlex works JSON. A folder or a glob
pattern loads every corpus file in it as one corpus, with a ``source`` column.

Nothing is dropped silently: ``df.attrs["load_report"]`` counts the rows read, the papers
kept, the duplicates merged, the rows dropped and why, and the papers without an abstract,
in all and per source file.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .clean import clean_text

__all__ = ["load_corpus", "from_dataframe", "CorpusError", "FORMATS"]

FORMATS = ("listing", "csv", "tsv", "json", "jsonl", "parquet", "bibtex", "ris", "arxiv",
           "openalex")
_EXTENSIONS = {
    ".txt": "listing", ".md": "listing", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
    ".pq": "parquet", ".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".xml": "arxiv",
    ".atom": "arxiv",
}
_NAMES = {
    "title": ("title", "ti", "paper_title", "primary_title", "name", "display_name"),
    "abstract": ("abstract", "ab", "summary", "description", "abstract_text", "abstractnote",
                 "abstract note", "notes_abstract"),
    "authors": ("authors", "author", "au", "creators", "first_authors"),
    "year": ("year", "py", "date", "published", "publication_year", "publication year",
             "publication_date"),
    "url": ("url", "link", "ur", "pdf_url", "landing_page_url"),
    "doi": ("doi", "do"),
    "categories": ("categories", "keywords", "kw", "tags", "subjects", "manual tags"),
}
# A paper's id: the first of these it has (per paper), else a hash of its title.
_ID_NAMES = ("paper_id", "arxiv_id", "doi", "id", "paperid", "openalex_id")
_CHROME_LINE = re.compile(r"^\s*Get trending papers in your email inbox", re.IGNORECASE)
_CHROME_PREFIX = re.compile(r"^\s*Subscribe(?=\S)")
_ARXIV_ID = re.compile(r"arxiv\.org/abs/([^\s?#]+?)(v\d+)?$")
_ATOM = "{http://www.w3.org/2005/Atom}"
_BARE_BRACES = re.compile(r"(?<![\\A-Za-z])\{([^{}\\]*)\}")


class CorpusError(ValueError):
    """The input cannot be read as a corpus; the message says what is wrong and how to fix it."""


def load_corpus(
    path: str | Path,
    *,
    format: str | None = None,
    title_col: str | None = None,
    abstract_col: str | None = None,
    drop_missing_abstract: bool = False,
) -> pd.DataFrame:
    """Read a corpus (a file, a folder of files, or a glob pattern) into a DataFrame.

    Parameters
    ----------
    path
        A corpus file (see the module docstring for formats), a folder, or a glob such as
        ``"exports/*.bib"``.
    format
        Override the detected format (one of ``FORMATS``) for every file.
    title_col, abstract_col
        Column names to use when a table's own names are not recognised.
    drop_missing_abstract
        Drop papers that have a title but no abstract (counted in the report). By default
        they are kept, embedded from their title, and flagged ``has_abstract=False``.

    Returns
    -------
    DataFrame
        ``paper_id``, ``title``, ``abstract``, ``text`` (what is embedded: title and
        abstract), ``has_abstract``, then ``authors``, ``year``, ``url``, ``doi``,
        ``categories`` when found and every other column of the source;
        ``title_original`` / ``abstract_original`` hold the text before cleaning wherever
        cleaning changed it. ``df.attrs["load_report"]`` says what happened.
    """
    files = _expand(path)
    parts, per_file = [], []
    for file in files:
        raw = _read(file, format)
        part, report = _normalise(raw, file, title_col=title_col, abstract_col=abstract_col)
        if len(files) > 1:
            part.insert(0, "source", file.name)
        parts.append(part)
        per_file.append(report)
    return _assemble(parts, per_file, str(path), drop_missing_abstract)


def from_dataframe(
    frame: pd.DataFrame,
    *,
    title_col: str | None = None,
    abstract_col: str | None = None,
    drop_missing_abstract: bool = False,
) -> pd.DataFrame:
    """A corpus from a DataFrame you already have, exactly as :func:`load_corpus` makes it
    from a file (columns recognised, text cleaned, duplicates merged, ids, report)."""
    part, report = _normalise(frame.reset_index(drop=True), Path("<DataFrame>"),
                              title_col=title_col, abstract_col=abstract_col)
    return _assemble([part], [report], "<DataFrame>", drop_missing_abstract)


def _assemble(parts: list[pd.DataFrame], per_file: list[dict], source: str,
              drop_missing_abstract: bool) -> pd.DataFrame:
    """Merge duplicates across the files, add ids and text, and write the report."""
    df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    df, merged = _deduplicate(df)
    dropped = {}
    if drop_missing_abstract:
        missing = df["abstract"] == ""
        if missing.any():
            dropped["no abstract (drop_missing_abstract=True)"] = int(missing.sum())
        df = df[~missing]
    df = _finish(df.reset_index(drop=True))
    for report in per_file:
        for reason, count in report["dropped"].items():
            dropped[reason] = dropped.get(reason, 0) + count
    df.attrs["load_report"] = {
        "source": source,
        "files": len(per_file),
        "rows_read": sum(r["rows_read"] for r in per_file),
        "papers": len(df),
        "duplicates_merged": merged,
        "dropped": dropped,
        "without_abstract": int((~df["has_abstract"]).sum()),
        "untitled": sum(r["untitled"] for r in per_file),
        "per_file": per_file,
    }
    if df.empty:
        raise CorpusError(f"{source}: no papers left after reading "
                          f"({dropped or 'nothing read'}).")
    return df


# --- finding and reading files --------------------------------------------------------------


def _expand(path: str | Path) -> list[Path]:
    text = str(path)
    if any(ch in text for ch in "*?["):
        files = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        if not files:
            raise CorpusError(f"{text}: the pattern matches no files.")
        return files
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder. Check the path "
                          f"(working folder: {Path.cwd()}).")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and p.suffix.lower() in _EXTENSIONS and not p.name.startswith("."))
        if not files:
            raise CorpusError(f"{path}: the folder holds no corpus files (looked for "
                              f"{', '.join(sorted(set(_EXTENSIONS)))}).")
        return files
    return [path]


def _read(path: Path, format: str | None) -> pd.DataFrame:
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
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise CorpusError(
            f"{path}: cannot tell the format from the extension {path.suffix!r}. "
            f"Rename the file or pass format= (one of {FORMATS})."
        )
    if fmt == "json":
        head = _read_text(path)[:4000]
        if '"abstract_inverted_index"' in head or '"openalex.org' in head:
            return "openalex"
    return fmt


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise CorpusError(f"{path} looks like a binary file, not a text corpus.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.warn(f"{path} is not valid UTF-8; read as Latin-1. Check accented "
                      "characters, or save the file as UTF-8.", stacklevel=4)
        return data.decode("latin-1")


def _read_listing(path: Path) -> pd.DataFrame:
    lines = [line.strip() for line in _read_text(path).splitlines()]
    lines = [line for line in lines if line and not _CHROME_LINE.match(line)]
    if lines:
        lines[0] = _CHROME_PREFIX.sub("", lines[0]).strip()
    if not lines:
        raise CorpusError(f"{path} holds no papers (only blank or page-chrome lines).")
    titles, abstracts = lines[0::2], lines[1::2]
    abstracts += [""] * (len(titles) - len(abstracts))  # a last title without its abstract
    return pd.DataFrame({"title": titles, "abstract": abstracts})


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
    return pd.json_normalize(data, max_level=0) if data else pd.DataFrame()


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
    rows = [{"id": e.key, "entry_type": e.entry_type,
             **{f.key.lower(): _unbrace(f.value) for f in e.fields}} for e in library.entries]
    df = pd.DataFrame(rows)
    if library.failed_blocks:
        df.attrs["unparsed_entries"] = len(library.failed_blocks)
    return df


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
        rows.append({
            "openalex_id": str(work.get("id") or "").rsplit("/", 1)[-1],
            "doi": doi, "title": work.get("title") or work.get("display_name") or "",
            "abstract": " ".join(word for _, word in positions),
            "authors": "; ".join(a for a in authors if a),
            "year": work.get("publication_year"), "url": work.get("doi") or work.get("id"),
            "categories": "; ".join(concepts),
        })
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
    "openalex": _read_openalex,
}


# --- from raw records to papers ---------------------------------------------------------------


def _find_column(df: pd.DataFrame, wanted: str | None, names: tuple[str, ...]) -> str | None:
    if wanted is not None:
        if wanted not in df.columns:
            raise CorpusError(f"column {wanted!r} not found; the columns are {list(df.columns)}.")
        return wanted
    lower = {str(c).strip().lower(): c for c in df.columns}
    return next((lower[n] for n in names if n in lower), None)


def _norm_titles(titles: pd.Series) -> pd.Series:
    """Titles lower-cased, with every run of other than letters and digits a single space:
    the key that finds the same paper written twice."""
    return titles.str.lower().str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()


def _as_text(series: pd.Series) -> pd.Series:
    def one(value) -> str:
        if isinstance(value, (list, tuple)):
            return "; ".join(map(str, value))
        return "" if value is None or (isinstance(value, float) and value != value) else str(value)

    return series.map(one)


def _normalise(raw: pd.DataFrame, path: Path, *, title_col, abstract_col):
    """Map columns, clean the text and drop empty rows (counted) for one file."""
    t_col = _find_column(raw, title_col, _NAMES["title"])
    a_col = _find_column(raw, abstract_col, _NAMES["abstract"])
    if t_col is None and a_col is None:
        raise CorpusError(
            f"{path}: found no title or abstract column. Columns found: {list(raw.columns)}. "
            "Rename them or pass title_col= and abstract_col=."
        )
    report: dict = {"file": str(path), "rows_read": len(raw) + raw.attrs.get("ragged_rows", 0),
                    "dropped": {}}
    if raw.attrs.get("ragged_rows"):
        report["dropped"]["malformed row (wrong number of fields)"] = raw.attrs["ragged_rows"]
    if raw.attrs.get("unparsed_entries"):
        report["dropped"]["unparsable BibTeX entry"] = raw.attrs["unparsed_entries"]
        report["rows_read"] += raw.attrs["unparsed_entries"]
    title_raw = _as_text(raw[t_col]) if t_col else pd.Series("", index=raw.index)
    abstract_raw = _as_text(raw[a_col]) if a_col else pd.Series("", index=raw.index)
    title, abstract = title_raw.map(clean_text), abstract_raw.map(clean_text)

    empty = (title == "") & (abstract == "")
    if empty.any():
        report["dropped"]["no title and no abstract"] = int(empty.sum())
    untitled = (title == "") & ~empty
    title = title.where(~untitled, abstract.str.slice(0, 80).str.rsplit(" ", n=1).str[0] + " …")

    df = pd.DataFrame({"title": title, "abstract": abstract})
    used = {t_col, a_col}
    for name in ("authors", "year", "url", "doi", "categories"):
        col = _find_column(raw, None, _NAMES[name])
        if col is not None and col not in used and name not in df:
            df[name] = _as_text(raw[col]) if raw[col].dtype == object else raw[col]
            used.add(col)
    df["_source_id"] = _source_ids(raw)
    rest = raw.drop(columns=[c for c in raw.columns if c in used or c in df
                             or c in ("paper_id", "text", "has_abstract")])
    df = pd.concat([df, rest], axis=1)
    if (title != title_raw.str.strip()).any():
        df["title_original"] = title_raw
    if (abstract != abstract_raw.str.strip()).any():
        df["abstract_original"] = abstract_raw
    df = df[~empty]
    report.update(papers=len(df), untitled=int(untitled.sum()))
    return df, report


def _source_ids(raw: pd.DataFrame) -> pd.Series:
    """Each row's first non-empty id among the ``_ID_NAMES`` columns ("" if none)."""
    lower = {str(c).strip().lower(): c for c in raw.columns}
    ids = pd.Series("", index=raw.index, dtype=object)
    for name in reversed(_ID_NAMES):  # earlier names win
        if name in lower:
            value = _as_text(raw[lower[name]]).str.strip()
            value = value.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
            ids = value.where(value != "", ids)
    return ids


def _dedup_keys(df: pd.DataFrame) -> pd.Series:
    """One key per paper: its DOI or arXiv id when it has one, else its normalised title."""
    key = "t:" + _norm_titles(df["title"])
    for col, prefix in (("_source_id", "id:"), ("doi", "doi:")):
        if col in df:
            value = df[col].astype("string").fillna("").str.strip().str.lower()
            value = value.str.replace(r"^https?://(dx\.)?doi\.org/", "", regex=True)
            key = key.where(value == "", prefix + value)
    return key


def _deduplicate(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Merge the same paper read twice (same id or DOI, or the same normalised title),
    keeping the record with the longer abstract; returns the frame and how many merged."""
    order = np.argsort(-df["abstract"].str.len().to_numpy(), kind="stable")  # richer first
    keys = _dedup_keys(df).to_numpy()[order]
    first_by_id = order[~pd.Series(keys).duplicated().to_numpy()]
    titles = _norm_titles(df["title"]).to_numpy()[first_by_id]
    kept = np.sort(first_by_id[~pd.Series(titles).duplicated().to_numpy()])
    return df.iloc[kept], len(df) - len(kept)


def _finish(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``paper_id``, ``text`` and ``has_abstract`` in front."""
    hashed = "t" + _norm_titles(df["title"]).map(
        lambda t: hashlib.sha1(t.encode()).hexdigest()[:12])
    source = df.pop("_source_id").astype("string").fillna("").str.strip()
    ids = source.where(source != "", hashed)
    counts = ids.groupby(ids).cumcount()  # unique: number repeats in order
    ids = ids.where(counts == 0, ids + "-" + (counts + 1).astype(str))
    has_abstract = df["abstract"] != ""
    sep = df["title"].str.contains(r"[.?!:]$", regex=True).map({True: " ", False: ". "})
    text = (df["title"] + sep + df["abstract"]).where(has_abstract, df["title"])
    front = pd.DataFrame({"paper_id": ids.to_numpy(), "title": df["title"].to_numpy(),
                          "abstract": df["abstract"].to_numpy(), "text": text.to_numpy(),
                          "has_abstract": has_abstract.to_numpy()}, index=df.index)
    return pd.concat([front, df.drop(columns=["title", "abstract"])], axis=1)
