"""One cited reference, as the databases write it, read into its parts: first author, year,
source, volume, first page and DOI (``"Blei DM, 2003, J MACH LEARN RES, V3, P993"`` from Web
of Science; ``"Blei, D.M., Ng, A.Y., (2003) J Mach Learn Res, 3, pp. 993-1022"`` and
``"Blei D.M., Ng A.Y., Latent Dirichlet allocation, J Mach Learn Res, 3, pp. 993-1022,
(2003)"`` from Scopus; ``"J Mach Learn Res. 2003;3:993-1022"`` from PubMed; an id such as
``"W1880262756"`` from OpenAlex), and the keys that say two spellings are one work."""

from __future__ import annotations

import gc
import re
import unicodedata
from contextlib import contextmanager

import pandas as pd

from ..corpus.shape import dois_in

__all__ = ["parse_references", "source_key", "name_key", "plain", "INITIALS"]

_YEAR = r"(1[5-9]\d\d|20\d\d)"
_WOS = re.compile(rf"^(?P<author>[^,]*), {_YEAR}, (?P<source>[^,]+)(?P<rest>.*)$")
_SCOPUS_YEAR = re.compile(rf"\({_YEAR}\)")
_PUBMED = re.compile(rf"^(?P<source>[^.]+(?:\.[^.;]+)*?)\. {_YEAR}[^;]*;(?P<rest>.*)$")
_LEADING = re.compile(rf"^(?P<author>[^\d,()]+?),? {_YEAR}\b[ ,.]*(?P<source>[^\d,]*)")
_ID = re.compile(r"^(?:W\d{4,}|\d{3}-\d{3}-\d{3}-\d{3}-\d{3}|[0-9a-f]{40})$", re.IGNORECASE)
INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")  # "DM", "D.M.", "J.-C."
_VOLUME = re.compile(r", V([^,]+)")
_PAGE = re.compile(r", P([^,]+)")
_NOT_LETTER = re.compile(r"[^a-z]")
_WORD = re.compile(r"[a-z0-9]+")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le",
              "dos", "das", "ten", "ter", "st", "st."}
_STOP = {"of", "the", "and", "in", "on", "for", "de", "la", "&", "a", "an", "und", "der"}


def plain(text: str) -> str:
    """``text`` in lower case without accents or marks (``"Kalé"`` -> ``"kale"``)."""
    if text.isascii():
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", str(text).lower())
                   if not unicodedata.combining(c))


def name_key(surname: str, given: str) -> str:
    """``"surname i"``: a person's surname without accents, hyphens or spaces, and the
    first letter of their given names (``"Avi-Yonah", "Reuven S"`` -> ``"aviyonah r"``)."""
    family = _NOT_LETTER.sub("", plain(surname))
    first = _NOT_LETTER.sub("", plain(given))[:1]
    return f"{family} {first}".strip()


def source_key(source: str) -> str:
    """The first letters of a source's words, small words left out: an abbreviation and
    the full title give one key (``"J MATER CHEM"``, ``"Journal of Materials Chemistry"``
    -> ``"jmc"``)."""
    words = [w for w in _WORD.findall(plain(source)) if w not in _STOP]
    return "".join(w[0] for w in words)[:8]


def _first_author(text: str) -> tuple[str, str]:
    """(surname, given names) of a reference's first author, written surname first:
    ``"Blei DM"``, ``"BLEI DM"``, ``"Blei D.M."``, ``"Blei David M"``, ``"La Porta R"``."""
    words = text.replace(".", ". ").split()
    at = 0
    while at + 1 < len(words) and words[at].lower() in _PARTICLES:
        at += 1
    return " ".join(words[: at + 1]), " ".join(words[at + 1:])


def _wos(match: re.Match) -> dict:
    rest = match.group("rest")
    volume = _VOLUME.search(rest)
    page = _PAGE.search(rest)
    surname, given = _first_author(match.group("author").strip("[] "))
    return {"surname": surname, "given": given, "year": match.group(2),
            "source": match.group("source").strip(), "volume": volume and volume.group(1),
            "page": page and page.group(1).strip()}


def _scopus(text: str, year: re.Match) -> dict:
    """Scopus writes authors (``"Blei, D.M., Ng, A.Y.,"`` or ``"Blei D.M., Ng A.Y.,"``),
    the title in newer exports, the source, numbers, and the year in brackets: before the
    source in older exports, at the end in newer ones."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1 and INITIALS.match(parts[1].replace(" ", "")):
        surname, given = parts[0], parts[1]  # "Blei, D.M., ..."
    else:
        surname, given = _first_author(parts[0])
    after = text[year.end():].strip(" ,")
    if after and not after[0].isdigit():  # "(2003) J Mach Learn Res, 3, pp. 993-1022"
        source, numbers = after.split(",", 1)[0], after
    else:  # "..., Title, J Mach Learn Res, 3, pp. 993-1022, (2003)"
        fields = [p.strip() for p in text[:year.start()].split(",") if p.strip()]
        at = next((i for i, f in enumerate(fields) if re.match(r"^(\d|pp?\. )", f)),
                  len(fields))
        source = fields[at - 1] if at else ""
        numbers = ", ".join(fields[at:])
    volume = re.search(r"(?:^|, )(\d+)\b", numbers)
    page = re.search(r"pp?\. (\w+)", numbers)
    source = re.sub(r"^.*\(\d{4}\)\s*", "", source)  # a title written before the year
    return {"surname": surname, "given": given, "year": year.group(1), "source": source,
            "volume": volume and volume.group(1), "page": page and page.group(1)}


def _pubmed(match: re.Match) -> dict:
    numbers = re.match(r"(\d+)?(?:\([^)]*\))?:?(\w+)?", match.group("rest"))
    return {"surname": "", "given": "", "year": match.group(2),
            "source": match.group("source"), "volume": numbers.group(1),
            "page": numbers.group(2)}


def _parts(text: str) -> dict:
    """The parts of one reference that its style gives (empty where it gives none)."""
    if _ID.match(text):
        return {"id": text.lower()}
    found = _WOS.match(text)
    if found:
        return _wos(found)
    year = _SCOPUS_YEAR.search(text)
    if year:
        return _scopus(text, year)
    found = _PUBMED.match(text)
    if found:
        return _pubmed(found)
    found = _LEADING.match(text)  # "Adams 1971 Topology 10 185" (Crossref's parts)
    if found:
        surname, given = _first_author(found.group("author"))
        return {"surname": surname, "given": given, "year": found.group(2),
                "source": found.group("source").strip()}
    return {}


def parse_references(texts: pd.Series) -> pd.DataFrame:
    """One row per reference text (in the order given): ``doi`` (lower case), ``surname``,
    ``given``, ``year``, ``source``, ``volume``, ``page``, ``id`` (an OpenAlex, Lens or
    Semantic Scholar id written alone), and the keys ``doi_key`` and ``work_key``
    (``"surname i|year|source initials"``, None where the reference lacks a year or a
    source) that :func:`paperviz.citations.resolve_references` joins spellings by."""
    columns = ("doi", "surname", "given", "year", "source", "volume", "page", "id")
    rows, keys = [], []
    sources, names = {}, {}  # sources and authors repeat: each key made once
    with _no_collection():
        for text in texts.astype(object).astype(str).tolist():
            _parse_one(text, columns, rows, keys, sources, names)
    table = pd.DataFrame(rows, index=texts.index, columns=list(columns), dtype=object)
    table["work_key"] = pd.Series(keys, index=texts.index, dtype=object)
    table["doi_key"] = table["doi"].where(table["doi"].notna(), table["id"])
    return table


@contextmanager
def _no_collection():
    """The cycle collector paused while millions of small rows are made (none holds a
    cycle; left on, it walks them all again and again: a third of the time at 2 million)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _parse_one(text: str, columns: tuple, rows: list, keys: list, sources: dict,
               names: dict) -> None:
    """Append one reference's parts to ``rows`` and its work key to ``keys``."""
    parts = _parts(text)
    dois = dois_in(text) if "10." in text else []
    parts["doi"] = dois[0] if dois else None
    rows.append([parts.get(c) for c in columns])
    year, source = parts.get("year"), parts.get("source")
    if not (year and source):
        keys.append(None)
        return
    initials = sources.get(source)
    if initials is None:
        initials = sources[source] = source_key(source)
    author = (parts.get("surname") or "", parts.get("given") or "")
    person = names.get(author)
    if person is None:
        person = names[author] = name_key(*author)
    keys.append(f"{person}|{year}|{initials}" if initials else None)
