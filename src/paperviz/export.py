"""Papers back out to a researcher's tools: BibTeX, RIS, CSL-JSON or CSV, by the extension.

Authors, year, DOI, url, venue, abstract and keywords go out where the corpus had them; a
paper that came from a BibTeX file goes out as its original entry, exactly as it came in.
Every other paper gets a citation key made from its first author's family name, its year and
the first long word of its title (``vaswani2017attention``): the same paper, the same key,
whichever papers are exported with it, unless two exported papers would share one; then each
of them gets four characters of a hash of its ``paper_id`` added (``-3fa2``). Each record
also carries the ``paper_id``, so a file written here loads back with
:func:`paperviz.load_corpus` as the same papers, under the same ids.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pandas as pd

from .files import atomic_file

__all__ = ["FORMATS", "export_papers", "citation_keys", "entries"]

FORMATS = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".json": "csl-json",
           ".csv": "csv"}
# columns that name where a paper appeared, first found wins, per paper
_VENUES = ("venue", "journal", "booktitle", "journal_name", "secondary_title",
           "container-title", "source title", "source", "so", "conference")
_SHORT = {"a", "an", "the", "on", "of", "for", "in", "to", "and", "with", "via", "from", "by",
          "is", "are", "towards", "toward", "at", "as"}


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _authors(value: object) -> list[str]:
    """A paper's authors as a list: the corpus joins them with ``"; "`` (or BibTeX's
    ``" and "``)."""
    text = _text(value)
    parts = re.split(r"\s*;\s*|\s+and\s+", text) if text else []
    return [p for p in parts if p]


def _family(author: str) -> str:
    """The family name of ``"Family, Given"`` or ``"Given Family"``."""
    return author.split(",")[0].strip() if "," in author else author.split()[-1]


def _year(value: object) -> str:
    found = re.search(r"\b(1[5-9]|20)\d\d\b", _text(value))
    return found[0] if found else ""


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def citation_keys(papers: pd.DataFrame) -> pd.Series:
    """A citation key per paper (see the module's description), indexed like ``papers``."""
    def base(row) -> str:
        authors = _authors(row.get("authors"))
        family = _ascii_word(_family(authors[0])) if authors else ""
        words = [_ascii_word(w) for w in _text(row.get("title")).split()]
        word = next((w for w in words if len(w) > 2 and w not in _SHORT), "")
        return (family or "paper") + _year(row.get("year")) + word

    keys = papers.apply(base, axis=1) if len(papers) else pd.Series(dtype=object)
    shared = keys.duplicated(keep=False)
    suffix = papers["paper_id"].astype(str).map(
        lambda pid: hashlib.sha256(pid.encode()).hexdigest()[:4])
    return keys.where(~shared, keys + "-" + suffix)


def _venue(row) -> str:
    return next((_text(row[c]) for c in _VENUES if c in row.index and _text(row[c])), "")


def _record(row, abstracts: bool = True) -> dict:
    """The fields every format writes, from one paper (empty ones left out)."""
    fields = {"paper_id": _text(row["paper_id"]), "title": _text(row.get("title")),
              "authors": _authors(row.get("authors")), "year": _year(row.get("year")),
              "doi": _text(row.get("doi")), "url": _text(row.get("url")),
              "venue": _venue(row),
              "abstract": _text(row.get("abstract")) if abstracts else "",
              "keywords": [k.strip() for k in _text(row.get("keywords")).split(";")
                           if k.strip()],
              # what database exports carry beyond the text: kept on the way out
              "affiliations": _text(row.get("affiliations")),
              "references": _text(row.get("references")), "pmid": _text(row.get("pmid")),
              "cited_by": _text(row.get("cited_by"))}
    return {k: v for k, v in fields.items() if v}


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def _bibtex_value(text: str) -> str:
    """``text`` as a braced BibTeX value: its braces escaped (``\\{``), so a reader keeps
    them as written; braces that do not pair, which no BibTeX value may hold, as
    parentheses."""
    if not _balanced(text):
        text = text.replace("{", "(").replace("}", ")")
    return "{" + text.replace("{", "\\{").replace("}", "\\}") + "}"


def _bibtex_entries(papers: pd.DataFrame, abstracts: bool = True) -> list[str]:
    entries = []
    for (_, row), key in zip(papers.iterrows(), citation_keys(papers), strict=True):
        raw = _text(row.get("bibtex_entry"))
        if raw:
            entries.append(raw)
            continue
        r = _record(row, abstracts)
        kind = "article" if "venue" in r else "misc"
        fields = [("title", r.get("title")), ("author", " and ".join(r.get("authors", []))),
                  ("year", r.get("year")), ("journal" if kind == "article" else "howpublished",
                                            r.get("venue")),
                  ("doi", r.get("doi")), ("url", r.get("url")),
                  ("abstract", r.get("abstract")), ("keywords", "; ".join(r.get("keywords", []))),
                  ("affiliation", r.get("affiliations")), ("references", r.get("references")),
                  ("times-cited", r.get("cited_by")), ("pmid", r.get("pmid")),
                  ("paper_id", r["paper_id"])]
        body = ",\n".join(f"  {name} = {_bibtex_value(value)}" for name, value in fields if value)
        entries.append(f"@{kind}{{{key},\n{body}\n}}")
    return entries


def _bibtex(papers: pd.DataFrame) -> str:
    return "\n\n".join(_bibtex_entries(papers)) + "\n"


def _ris_entries(papers: pd.DataFrame, abstracts: bool = True) -> list[str]:
    import rispy

    out = []
    for _, row in papers.iterrows():
        r = _record(row, abstracts)
        entry = {"type_of_reference": "JOUR" if "venue" in r else "GEN",
                 "id": r["paper_id"], "title": r.get("title", ""),
                 "authors": r.get("authors", []), "year": r.get("year", ""),
                 "doi": r.get("doi", ""), "urls": [r["url"]] if "url" in r else [],
                 "journal_name": r.get("venue", ""), "abstract": r.get("abstract", ""),
                 "keywords": r.get("keywords", []),
                 "author_address": r.get("affiliations", ""),
                 "notes": [f"{label}: {r[name]}" for label, name in (
                     ("Cited By", "cited_by"), ("References", "references")) if name in r]}
        # one entry at a time, without the counter line ("1.") rispy writes before each
        text = rispy.dumps([{k: v for k, v in entry.items() if v}])
        out.append(text.split("\n", 1)[1] if text.startswith("1.") else text)
    return out


def _ris(papers: pd.DataFrame) -> str:
    return "\n".join(_ris_entries(papers))


def entries(papers: pd.DataFrame, kind: str, *, abstracts: bool = True) -> list[str]:
    """Each paper's entry as ``kind`` (``"bibtex"`` or ``"ris"``) writes it, in order: what
    ``map.html`` joins for the papers a reader selects. ``abstracts=False`` leaves them out
    (a large map's page stays small)."""
    papers = papers.reset_index(drop=True)
    if kind == "bibtex":
        return _bibtex_entries(papers, abstracts)
    if kind == "ris":
        return _ris_entries(papers, abstracts)
    raise ValueError(f"kind={kind!r}: give 'bibtex' or 'ris'.")


def _csl_author(name: str) -> dict:
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
    elif " " in name:
        given, family = name.rsplit(" ", 1)
    else:
        return {"literal": name}
    return {"family": family, "given": given}


def _csl_json(papers: pd.DataFrame) -> str:
    items = []
    for (_, row), key in zip(papers.iterrows(), citation_keys(papers), strict=True):
        r = _record(row)
        item = {"id": r["paper_id"], "citation-key": key,
                "type": "article-journal" if "venue" in r else "article",
                "title": r.get("title"), "author": [_csl_author(a) for a in r.get("authors", [])],
                "issued": {"date-parts": [[int(r["year"])]]} if "year" in r else None,
                "DOI": r.get("doi"), "URL": r.get("url"), "container-title": r.get("venue"),
                "abstract": r.get("abstract"), "keyword": ", ".join(r.get("keywords", []))}
        items.append({k: v for k, v in item.items() if v})
    return json.dumps(items, indent=1, ensure_ascii=False) + "\n"


def _csv(papers: pd.DataFrame) -> str:
    drop = [c for c in ("text", "bibtex_entry") if c in papers]
    return papers.drop(columns=drop).to_csv(index=False)


_WRITERS = {"bibtex": _bibtex, "ris": _ris, "csl-json": _csl_json, "csv": _csv}


def export_papers(papers: pd.DataFrame, path: str | Path) -> Path:
    """Write ``papers`` (a corpus or a map's papers, any selection of them) to ``path`` in
    the format its extension names (:data:`FORMATS`); returns the path."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"cannot tell the format of {path.name!r}: give a file ending in "
                         + ", ".join(FORMATS) + ".")
    if "paper_id" not in papers:
        raise ValueError("papers lack a paper_id column; give a corpus from "
                         "paperviz.load_corpus or a map's papers.")
    text = _WRITERS[kind](papers.reset_index(drop=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as partial:
        Path(partial).write_text(text, encoding="utf-8")
    return path
