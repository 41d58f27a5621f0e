"""Load a corpus of papers into a DataFrame, one row per paper.

Supported inputs: the plain listing format of the bundled corpus (a title line, then its
abstract line, repeated), CSV/TSV, JSON (records), JSONL and Parquet.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from .clean import clean_text

__all__ = ["load_corpus", "CorpusError", "FORMATS"]

FORMATS = ("listing", "csv", "tsv", "json", "jsonl", "parquet")
_EXTENSIONS = {
    ".txt": "listing",
    ".md": "listing",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_TITLE_NAMES = ("title", "ti", "paper_title", "name")
_ABSTRACT_NAMES = ("abstract", "summary", "ab", "description", "abstract_text")
_ID_NAMES = ("paper_id", "id", "arxiv_id", "doi", "paperid", "paper id")
# Lines of page chrome in scraped listings such as the bundled one; never part of a paper.
_CHROME_LINE = re.compile(r"^\s*Get trending papers in your email inbox", re.IGNORECASE)
_CHROME_PREFIX = re.compile(r"^\s*Subscribe(?=\S)")


class CorpusError(ValueError):
    """The input cannot be read as a corpus; the message says what is wrong and how to fix it."""


def load_corpus(
    path: str | Path,
    *,
    format: str | None = None,
    title_col: str | None = None,
    abstract_col: str | None = None,
) -> pd.DataFrame:
    """Read a corpus file into a DataFrame with one row per paper.

    Parameters
    ----------
    path
        A listing (``.txt``), ``.csv``, ``.tsv``, ``.json``, ``.jsonl`` or ``.parquet`` file.
    format
        Override the format detected from the extension (one of ``FORMATS``).
    title_col, abstract_col
        Column names to use when the table's own names are not recognised.

    Returns
    -------
    DataFrame
        Columns ``paper_id``, ``title``, ``abstract``, ``text`` and ``has_abstract``, then every
        other column of the source. ``df.attrs["load_report"]`` counts rows read, kept,
        merged as duplicates and dropped (with reasons).
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file. Check the path (working dir: {Path.cwd()}).")
    if path.is_dir():
        raise CorpusError(f"{path} is a folder; give one corpus file.")
    fmt = _detect_format(path, format)
    if path.stat().st_size == 0:
        raise CorpusError(f"{path} is empty: it holds no papers.")
    if fmt == "listing":
        raw = _read_listing(path)
    else:
        raw = _read_table(path, fmt)
    return _normalise(raw, path, title_col=title_col, abstract_col=abstract_col)


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
    return fmt


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise CorpusError(f"{path} looks like a binary file, not a text corpus.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
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


def _read_table(path: Path, fmt: str) -> pd.DataFrame:
    try:
        if fmt == "parquet":
            return pd.read_parquet(path)
        if fmt in ("csv", "tsv"):
            return pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str,
                               keep_default_na=False, encoding="utf-8-sig")
        if fmt == "jsonl":
            return pd.read_json(path, lines=True, dtype=False)
        data = json.loads(_read_text(path))
    except CorpusError:
        raise
    except Exception as exc:  # the libraries' own messages, with the file named
        raise CorpusError(f"{path}: cannot read it as {fmt}: {exc}") from exc
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise CorpusError(f"{path}: expected a list of paper records, or one key holding it.")
        data = lists[0]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise CorpusError(f"{path}: expected a JSON array of objects, one per paper.")
    return pd.DataFrame.from_records(data)


def _find_column(df: pd.DataFrame, wanted: str | None, names: tuple[str, ...]) -> str | None:
    if wanted is not None:
        if wanted not in df.columns:
            raise CorpusError(f"column {wanted!r} not found; the columns are {list(df.columns)}.")
        return wanted
    lower = {str(c).strip().lower(): c for c in df.columns}
    return next((lower[n] for n in names if n in lower), None)


def _norm_title(title: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", title.lower()).strip()


def _make_ids(titles: pd.Series, source_ids: pd.Series | None) -> pd.Series:
    """The source's id where it has one, else a hash of the normalised title."""
    hashed = titles.map(lambda t: "t" + hashlib.sha1(_norm_title(t).encode()).hexdigest()[:12])
    if source_ids is not None:
        given = source_ids.astype("string").str.strip().fillna("")
        hashed = given.where(given != "", hashed)
    # Ids must be unique: number repeats (same source id, different papers) in order.
    counts = hashed.groupby(hashed).cumcount()
    return hashed.where(counts == 0, hashed + "-" + (counts + 1).astype(str))


def _normalise(raw: pd.DataFrame, path: Path, *, title_col, abstract_col) -> pd.DataFrame:
    t_col = _find_column(raw, title_col, _TITLE_NAMES)
    a_col = _find_column(raw, abstract_col, _ABSTRACT_NAMES)
    if t_col is None and a_col is None:
        raise CorpusError(
            f"{path}: found no title or abstract column. Columns found: {list(raw.columns)}. "
            "Rename them or pass title_col= and abstract_col=."
        )
    report: dict = {"source": str(path), "rows_read": len(raw), "dropped": {}}
    id_col = _find_column(raw, None, _ID_NAMES)
    title_raw = raw[t_col] if t_col else pd.Series("", index=raw.index)
    abstract_raw = raw[a_col] if a_col else pd.Series("", index=raw.index)
    title = title_raw.map(clean_text)
    abstract = abstract_raw.map(clean_text)

    empty = (title == "") & (abstract == "")
    if empty.any():
        report["dropped"]["no title and no abstract"] = int(empty.sum())
    untitled = (title == "") & ~empty
    title = title.where(~untitled, abstract.str.slice(0, 80).str.rsplit(" ", n=1).str[0] + " …")

    rest = raw.drop(columns=[c for c in (t_col, a_col) if c is not None])
    rest = rest.drop(columns=[c for c in ("paper_id", "text", "has_abstract") if c in rest])
    df = pd.concat([pd.DataFrame({"title": title, "abstract": abstract}), rest], axis=1)
    if (title != title_raw.astype("string").fillna("").str.strip()).any():
        df["title_original"] = title_raw
    if (abstract != abstract_raw.astype("string").fillna("").str.strip()).any():
        df["abstract_original"] = abstract_raw
    df = df[~empty]

    key = df["title"].map(_norm_title)
    richer_first = df.assign(_len=df["abstract"].str.len(), _key=key).sort_values(
        "_len", ascending=False, kind="stable"
    )
    keep = ~richer_first.duplicated("_key")
    merged = int((~keep).sum())
    df = df.loc[sorted(richer_first.index[keep])]  # original order, richer copy kept

    source_ids = raw.loc[df.index, id_col] if id_col is not None else None
    df.insert(0, "paper_id", _make_ids(df["title"], source_ids).to_numpy())
    df.insert(3, "has_abstract", df["abstract"] != "")
    sep = df["title"].str.contains(r"[.?!:]$", regex=True).map({True: " ", False: ". "})
    text = (df["title"] + sep + df["abstract"]).where(df["has_abstract"], df["title"])
    df.insert(3, "text", text)
    df = df.reset_index(drop=True)
    report.update(
        papers=len(df),
        duplicates_merged=merged,
        without_abstract=int((~df["has_abstract"]).sum()),
        untitled=int(untitled.sum()),
    )
    df.attrs["load_report"] = report
    return df
