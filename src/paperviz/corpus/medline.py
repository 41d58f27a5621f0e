"""PubMed's exports: MEDLINE text (``.txt``, ``.nbib``; parsed by Biopython's
``Bio.Medline``) and PubMed XML, each record to one row in the corpus's common shape
(``pmid``, ``title``, ``abstract``, ``authors``, ``affiliations``, ``author_ids``, ``date``,
``venue``, ``doi``, ``mesh``, ``author_keywords``, ``document_type``), every other MEDLINE
field kept under its tag."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from .errors import CorpusError
from .source import read_text

__all__ = ["read_medline", "read_pubmed_xml", "mesh_headings", "medline_date"]

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]{0,3} *- ")
# MEDLINE tags given the corpus's names; every other tag stays a column of its own.
_NAMED = {"PMID": "pmid", "TI": "title", "AB": "abstract", "JT": "venue", "TA": "venue_abbrev",
          "LA": "language", "PMC": "pmcid", "PT": "document_type", "OT": "author_keywords",
          "AU": "authors_short", "FAU": "authors", "AD": "affiliations", "DP": "published"}


def medline_date(text: str) -> str:
    """A MEDLINE date (``"2021 Mar 15"``, ``"2019 Jan-Feb"``, ``"2020 Spring"``,
    ``"2018"``) as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; "" when it holds no year."""
    words = str(text).replace("-", " ").split()
    if not words or not re.fullmatch(r"\d{4}", words[0]):
        found = re.search(r"\b(1[89]|20)\d{2}\b", str(text))
        return found.group() if found else ""
    month = _MONTHS.get(words[1][:3].lower()) if len(words) > 1 else None
    month = month or (_SEASONS.get(words[1].lower()) if len(words) > 1 else None)
    if month is None and len(words) > 1 and words[1].isdigit() and 1 <= int(words[1]) <= 12:
        month = int(words[1])
    if month is None:
        return words[0]
    day = words[2] if len(words) > 2 and words[2].isdigit() and int(words[2]) <= 31 else ""
    return f"{words[0]}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def mesh_headings(terms: list[str]) -> tuple[list[str], list[str]]:
    """MeSH terms as MEDLINE writes them (``"Neoplasms/*drug therapy/genetics"``,
    ``"*Sleep"``): every heading without its qualifiers, and the major topics (a star on
    the heading or on one of its qualifiers) in the order people write them, MeSH's
    inversion undone (``"Supranuclear Palsy, Progressive"`` is "Progressive Supranuclear
    Palsy", ``"Diabetes Mellitus, Type 2"`` "Type 2 Diabetes Mellitus")."""
    every, major = [], []
    for term in terms:
        heading = term.split("/")[0].strip().lstrip("*").strip()
        if heading and heading not in every:
            every.append(heading)
            if "*" in term:
                parts = heading.split(", ")
                major.append(f"{parts[1]} {parts[0]}" if len(parts) == 2 else heading)
    return every, major


def _ids_of(values: list[str], kind: str) -> str:
    """The ids of one kind from ``AID``/``LID`` values (``"10.1/x [doi]"``)."""
    found = [v.rsplit("[", 1)[0].strip() for v in values if v.strip().endswith(f"[{kind}]")]
    return "; ".join(dict.fromkeys(found))


def _orcids(values: list[str]) -> str:
    ids = [re.sub(r"^https?://orcid\.org/", "", v.split(":", 1)[-1].strip())
           for v in values if v.upper().startswith("ORCID")]
    return "; ".join(dict.fromkeys(i for i in ids if i))


def _medline_row(record: dict) -> dict:
    lists = {k: v if isinstance(v, list) else [v] for k, v in record.items()}
    row = {tag: "; ".join(v) if tag in ("AU", "FAU", "AD", "PT", "OT", "MH", "IS", "AUID",
                                           "AID", "LID", "GR", "RN", "SI", "OID", "CIN",
                                           "CON", "EIN", "RIN", "PHST")
           else " ".join(v) for tag, v in lists.items()}
    row = {_NAMED.get(tag, tag): value for tag, value in row.items()}
    row["affiliations"] = "; ".join(dict.fromkeys(a.strip() for a in lists.get("AD", [])))
    if not row.get("title"):  # a book or chapter: its title is BTI; a translation, TT
        row["title"] = " ".join(lists.get("BTI") or lists.get("TT") or [])
    row["doi"] = _ids_of(lists.get("AID", []) + lists.get("LID", []), "doi").split("; ")[0]
    row["author_ids"] = _orcids(lists.get("AUID", []))
    every, major = mesh_headings(lists.get("MH", []))
    row["mesh"], row["mesh_major"] = "; ".join(every), "; ".join(major)
    row["date"] = medline_date(row.get("published", ""))
    return row


def read_medline(path: Path) -> pd.DataFrame:
    """The records of a MEDLINE file (PubMed's "PubMed" / ``.nbib`` format)."""
    from Bio import Medline

    lines = [line.rstrip() for line in read_text(path).splitlines()]
    for number, line in enumerate(lines, 1):
        if line and not line.startswith("      ") and not _TAG_LINE.match(line):
            raise CorpusError(f"{path}: line {number} is not a MEDLINE field (a tag, a dash, "
                              f"the value; or a continuation indented by six spaces): "
                              f"{line[:60]!r}.")
    records = list(Medline.parse(line + "\n" for line in lines))
    if not records:
        raise CorpusError(f"{path}: a MEDLINE file with no records.")
    return pd.DataFrame([_medline_row(r) for r in records]).fillna("")


def _text_of(node) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _xml_abstract(article) -> str:
    parts = []
    for part in article.iterfind(".//Abstract/AbstractText"):
        label = part.get("Label")
        parts.append((f"{label.capitalize()}: " if label else "") + _text_of(part))
    return " ".join(p for p in parts if p)


def _xml_author(author) -> tuple[str, list[str], str]:
    name = ", ".join(p for p in (_text_of(author.find("LastName")),
                                 _text_of(author.find("ForeName"))) if p)
    name = name or _text_of(author.find("CollectiveName"))
    places = [_text_of(a) for a in author.iterfind("AffiliationInfo/Affiliation")]
    orcid = next((_text_of(i) for i in author.iterfind("Identifier")
                  if i.get("Source") == "ORCID"), "")
    return name, places, re.sub(r"^https?://orcid\.org/", "", orcid)


def _xml_row(node) -> dict:
    citation = node.find("MedlineCitation")
    article = citation.find("Article")
    authors = [_xml_author(a) for a in article.iterfind("AuthorList/Author")]
    date = article.find("Journal/JournalIssue/PubDate")
    when = ""
    if date is not None:
        when = " ".join(_text_of(date.find(t)) for t in ("Year", "Month", "Day")).strip()
        when = when or _text_of(date.find("MedlineDate"))
    ids = {i.get("IdType"): _text_of(i) for i in node.iterfind("PubmedData/ArticleIdList/"
                                                              "ArticleId")}
    mesh = [("*" if any(n.get("MajorTopicYN") == "Y" for n in h) else "")
            + _text_of(h.find("DescriptorName")) for h in citation.iterfind(
                "MeshHeadingList/MeshHeading")]
    every, major = mesh_headings(mesh)
    references = [_text_of(r.find("Citation")) for r in node.iterfind(
        "PubmedData/ReferenceList/Reference")]
    reference_dois = [_text_of(i) for i in node.iterfind(
        "PubmedData/ReferenceList/Reference/ArticleIdList/ArticleId[@IdType='doi']")]
    return {
        "pmid": _text_of(citation.find("PMID")), "title": _text_of(article.find("ArticleTitle")),
        "abstract": _xml_abstract(article),
        "authors": "; ".join(a[0] for a in authors if a[0]),
        "affiliations": "; ".join(dict.fromkeys(p for a in authors for p in a[1] if p)),
        "author_ids": "; ".join(a[2] for a in authors if a[2]),
        "date": medline_date(when), "venue": _text_of(article.find("Journal/Title")),
        "doi": ids.get("doi", ""), "pmcid": ids.get("pmc", ""),
        "document_type": "; ".join(_text_of(t) for t in article.iterfind(
            "PublicationTypeList/PublicationType")),
        "author_keywords": "; ".join(_text_of(k) for k in citation.iterfind(
            "KeywordList/Keyword")),
        "mesh": "; ".join(every), "mesh_major": "; ".join(major),
        "references": "; ".join(r for r in references if r),
        "reference_dois": "; ".join(d for d in reference_dois if d),
    }


def read_pubmed_xml(path: Path) -> pd.DataFrame:
    """The articles of a PubMed XML file (``<PubmedArticleSet>``)."""
    try:
        root = ElementTree.fromstring(read_text(path).encode())
    except ElementTree.ParseError as exc:
        raise CorpusError(f"{path}: not valid XML ({exc}).") from exc
    rows = [_xml_row(a) for a in root.iter("PubmedArticle")]
    if not rows:
        raise CorpusError(f"{path}: no <PubmedArticle> elements; expected PubMed XML.")
    return pd.DataFrame(rows)
