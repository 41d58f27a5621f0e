"""Load a corpus of papers into a DataFrame, one row per paper.

Formats, detected from the extension (and the content, for ``.json`` and ``.xml``), or named
with ``format=``: the plain listing of the bundled corpus (a title line, then its abstract
line), CSV and TSV (delimiter sniffed), JSON (records, or records under one key; CSL-JSON's
authors, dates and venues read as text), JSONL, Parquet, BibTeX, RIS, arXiv API Atom XML,
OpenAlex works JSON and Web of Science exports (plain text and tab-delimited). A folder or a
glob pattern loads every corpus file in it as one corpus, with a ``source`` column. See
``docs/your-data.md`` for what is added, renamed, merged and dropped.

Nothing is dropped silently: ``df.attrs["load_report"]`` counts the rows read, the papers
kept, the duplicates merged, the rows dropped and why, and the papers without an abstract,
in all and per source file.
"""

from __future__ import annotations

import glob
import os
import warnings
from pathlib import Path

import pandas as pd

from .dates import DATE_COLUMNS, paper_dates
from .errors import CorpusError, NotPapers
from .readers import read_file
from .records import count_records
from .source import EXTENSIONS, FORMATS
from .tidy import deduplicate, finish, normalise, scope_local_ids

__all__ = ["load_corpus", "from_dataframe", "CorpusError", "FORMATS"]


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
        ``categories`` and ``keywords`` when found, and every other column of the source
        (one named like a column of the kit's as ``corpus_<name>``: see
        :mod:`paperviz.columns`);
        ``title_original`` / ``abstract_original`` hold the text before cleaning wherever
        cleaning changed it. ``df.attrs["load_report"]`` says what happened.
    """
    files = _expand(path)
    names = _source_names(files)
    parts, per_file, skipped = [], [], {}
    for file, name in zip(files, names, strict=True):
        try:
            raw = read_file(file, format)
        except NotPapers as exc:
            if len(files) == 1:
                raise
            skipped[str(file)] = str(exc)  # notes beside the exports: said, not read
            warnings.warn(f"skipped {file}: {exc}", stacklevel=2)
            continue
        part, report = normalise(raw, file, title_col=title_col, abstract_col=abstract_col)
        _check_count(report, count_records(file, raw.attrs.get("format", ""),
                                           raw.attrs.get("sep"), raw.attrs.get("notes_lines", 0)))
        if len(files) > 1:  # an id like "1" names a row of its own file only
            part = scope_local_ids(part, name)
            part.insert(0, "source", name)
        parts.append(part)
        per_file.append(report)
    if not parts:
        raise CorpusError(f"{path}: none of its files holds papers ({skipped}).")
    df = _assemble(parts, per_file, str(path), drop_missing_abstract)
    if skipped:
        df.attrs["load_report"]["skipped_files"] = skipped
    return df


def from_dataframe(
    frame: pd.DataFrame,
    *,
    title_col: str | None = None,
    abstract_col: str | None = None,
    drop_missing_abstract: bool = False,
) -> pd.DataFrame:
    """A corpus from a DataFrame you already have, exactly as :func:`load_corpus` makes it
    from a file (columns recognised, text cleaned, duplicates merged, ids, report)."""
    part, report = normalise(frame.reset_index(drop=True), Path("<DataFrame>"),
                              title_col=title_col, abstract_col=abstract_col)
    return _assemble([part], [report], "<DataFrame>", drop_missing_abstract)


def _assemble(parts: list[pd.DataFrame], per_file: list[dict], source: str,
              drop_missing_abstract: bool) -> pd.DataFrame:
    """Merge duplicates across the files, add ids and text, and write the report."""
    df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    df, merges = deduplicate(df)
    dropped = {}
    if drop_missing_abstract:
        missing = df["abstract"] == ""
        if missing.any():
            dropped["no abstract (drop_missing_abstract=True)"] = int(missing.sum())
        df = df[~missing]
    df = finish(df.reset_index(drop=True))
    for report in per_file:
        for reason, count in report["dropped"].items():
            dropped[reason] = dropped.get(reason, 0) + count
    df.attrs["load_report"] = {
        "source": source,
        "files": len(per_file),
        "rows_read": sum(r["rows_read"] for r in per_file),
        "papers": len(df),
        "duplicates_merged": sum(m["count"] for m in merges.values() if not m.get("kept")),
        "merged": merges,
        "dropped": dropped,
        "without_abstract": int((~df["has_abstract"]).sum()),
        "untitled": sum(r["untitled"] for r in per_file),
        "per_file": per_file,
    }
    renamed = {old: new for r in per_file for old, new in r.get("renamed", {}).items()}
    if renamed:  # the source's columns named like the kit's own: kept under new names
        df.attrs["load_report"]["renamed"] = renamed
    if any(c in df.columns for c in DATE_COLUMNS):  # kept as read; trends skip what fails
        dates = paper_dates(df)[1]
        df.attrs["load_report"]["dates"] = {k: dates[k] for k in
                                            ("column", "dated", "missing", "unparsable",
                                             "examples")}
    if df.empty:
        raise CorpusError(f"{source}: no papers left after reading "
                          f"({dropped or 'nothing read'}).")
    return df


def _check_count(report: dict, counted: int | None) -> None:
    """Set the file's independent count of records beside what its parser read; where the
    two disagree, the report says so and a warning says it aloud."""
    if counted is None:
        return
    report["records_counted"] = counted
    if counted != report["rows_read"]:
        report["count_mismatch"] = (f"{counted} records counted in the file's text, "
                                    f"{report['rows_read']} read by its parser")
        warnings.warn(f"{report['file']}: {report['count_mismatch']}; some records may be "
                      "lost or split. Please report the file.", stacklevel=3)


def _source_names(files: list[Path]) -> list[str]:
    """What the ``source`` column says for each file: its name, or its path below the
    files' common folder where two files share a name."""
    names = [f.name for f in files]
    if len(set(names)) == len(names):
        return names
    root = Path(os.path.commonpath([f.resolve().parent for f in files]))
    return [f.resolve().relative_to(root).as_posix() for f in files]


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
                       and p.suffix.lower() in EXTENSIONS and not p.name.startswith("."))
        if not files:
            raise CorpusError(f"{path}: the folder holds no corpus files (looked for "
                              f"{', '.join(sorted(set(EXTENSIONS)))}).")
        return files
    return [path]
