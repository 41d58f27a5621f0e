"""Who wrote the papers and where: each paper's authors (one person across spellings: by the
ids the source gives, Scopus author ids or ORCIDs that Web of Science pairs with names, else
by surname and first initial), institutions (from the addresses) and countries, and the
table of the leading ones of a group of papers."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..corpus.shape import items
from .references import INITIALS, name_key

__all__ = ["author_names", "person", "authors_of", "institutions_of", "countries_of_papers",
           "institution", "people_table", "PEOPLE"]

PEOPLE = ("author", "institution", "country")
# Ids given one per author, in the authors' order: Scopus author ids, ORCIDs, OpenAlex ids.
_ALIGNED_ID = re.compile(r"\d{5,}|\d{4}-\d{4}-\d{4}-\d{3}[\dX]|A\d{4,}")
_SCOPUS_LIST = re.compile(r"(?<=\.),\s+")  # "Phillips J.C., Braun R., Wang W."
# Words that name an organisation, strongest first: an address's university before its
# department, a hospital or institute where there is no university.
_UNIVERSITY = re.compile(r"\b(univ|universi|universit|college|coll|polytechn|ecole|"
                         r"hochschule|eth)\w*", re.IGNORECASE)
_ORGANISATION = re.compile(r"\b(inst|institut|hosp|hospital|acad|academy|ctr|center|centre|"
                           r"lab|laborator|council|agency|ministry|museum|foundation|"
                           r"inc|ltd|corp|gmbh|company|co|cnrs|inserm|csic|nasa|nih)\w*\b",
                           re.IGNORECASE)
_UNIT = re.compile(r"^(dept|department|div|division|fac|faculty|sch|school|sect|unit|grp|"
                   r"group|program|key lab|state key)\b|\b(unit|department|dept|division|"
                   r"section|group|service|program)$", re.IGNORECASE)


def author_names(cell: object) -> list[str]:
    """The names in an authors cell, whichever way the source joins them: ``"; "``
    (most), ``" and "`` (BibTeX), or Scopus's commas after initials."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    if ";" in cell:
        names = cell.split(";")
    elif " and " in cell:
        names = cell.split(" and ")
    elif re.search(r"\.,\s", cell):
        names = _SCOPUS_LIST.split(cell)
    else:
        names = [cell]
    return [n.strip() for n in names if n.strip()]


def person(name: str) -> tuple[str, str]:
    """(surname, given names) of ``"Blei, David M."``, ``"Blei D.M."``, ``"Blei DM"`` or
    ``"David M. Blei"``."""
    if "," in name:
        surname, given = name.split(",", 1)
        return surname.strip(), given.strip()
    words = name.replace(".", ". ").split()
    if len(words) > 1 and INITIALS.match("".join(words[1:]).replace(" ", "")):
        return words[0], " ".join(words[1:])  # "Blei D. M."
    return (words[-1], " ".join(words[:-1])) if words else ("", "")


def _ids_by_name(cell: object) -> dict[str, str]:
    """Web of Science pairs names with ids (``"Aria, Massimo/0000-0002-8517-9411"``)."""
    out = {}
    for item in items(cell):
        if "/" in item:
            name, ident = item.rsplit("/", 1)
            out[name_key(*person(name))] = ident.strip()
    return out


def authors_of(papers: pd.DataFrame) -> pd.DataFrame:
    """One row per author of each paper: ``row`` (the paper's position), ``key`` (the
    person: ``"id:..."`` where the source gives an id, one per author in order (Scopus,
    OpenAlex) or paired with the name (Web of Science), else ``"name:surname i"``) and
    ``name`` (as written)."""
    if "authors" not in papers:
        return pd.DataFrame(columns=["row", "key", "name"])
    ids = papers["author_ids"] if "author_ids" in papers else pd.Series("", index=papers.index)
    rows = []
    for row, (cell, id_cell) in enumerate(zip(papers["authors"], ids, strict=True)):
        names = author_names(cell)
        given = items(id_cell)
        paired = _ids_by_name(id_cell)
        aligned = len(given) == len(names) and not paired and all(
            _ALIGNED_ID.fullmatch(g) for g in given)  # one id per author, in order
        for i, name in enumerate(names):
            key = name_key(*person(name))
            ident = given[i] if aligned else paired.get(key)
            rows.append((row, f"id:{ident}" if ident else f"name:{key}", name))
    return pd.DataFrame(rows, columns=["row", "key", "name"])


def institution(address: str) -> str:
    """The organisation of one address: its university where it names one, else its first
    institute, hospital or centre, else its first part that is not a department
    (``"Dept Chem, Univ Hong Kong, Hong Kong"`` -> ``"Univ Hong Kong"``)."""
    text = re.sub(r"\s*Electronic address:.*$", "", str(address)).strip(" .")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    for pattern in (_UNIVERSITY, _ORGANISATION):
        found = next((p for p in parts if pattern.search(p) and not _UNIT.search(p)), None)
        if found:
            return found
    return next((p for p in parts if not _UNIT.search(p)), parts[0] if parts else "")


def institutions_of(papers: pd.DataFrame) -> pd.DataFrame:
    """One row per institution of each paper (each once a paper): ``row``, ``key`` (the
    name in lower case without punctuation) and ``name``."""
    if "affiliations" not in papers:
        return pd.DataFrame(columns=["row", "key", "name"])
    rows = []
    for row, cell in enumerate(papers["affiliations"]):
        names = {}
        for address in items(cell):
            name = institution(address)
            key = re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()
            if key:
                names.setdefault(key, name)
        rows += [(row, key, name) for key, name in names.items()]
    return pd.DataFrame(rows, columns=["row", "key", "name"])


def countries_of_papers(papers: pd.DataFrame) -> pd.DataFrame:
    """One row per country of each paper (from the ``countries`` column the loader derives
    from the addresses): ``row``, ``key`` and ``name``."""
    if "countries" not in papers:
        return pd.DataFrame(columns=["row", "key", "name"])
    rows = [(row, name, name) for row, cell in enumerate(papers["countries"])
            for name in dict.fromkeys(items(cell))]
    return pd.DataFrame(rows, columns=["row", "key", "name"])


def people_table(found: pd.DataFrame, inside: np.ndarray, by: str, k: int,
                 cited_by: pd.Series | None = None) -> pd.DataFrame:
    """The ``k`` leading ``by`` (author, institution or country) of the papers ``inside``
    (a boolean per paper) among ``found`` (see :func:`authors_of`): their name (the
    spelling written most), ``papers`` (how many of the group's papers), ``share`` (of the
    group's papers), ``lift`` (that share over their share of the whole map) and, where
    the corpus gives times cited, ``cited_by`` (the sum over the group's papers)."""
    columns = [by, "papers", "share", "lift"] + (["cited_by"] if cited_by is not None else [])
    n_all, n_in = len(inside), int(inside.sum())
    if found.empty or n_in == 0:
        return pd.DataFrame(columns=columns)
    found = found.drop_duplicates(["row", "key"])
    overall = found["key"].value_counts()
    mine = found[inside[found["row"].to_numpy()]]
    counts = mine["key"].value_counts()
    names = (mine.groupby(["key", "name"]).size().sort_values(ascending=False)
             .reset_index().drop_duplicates("key").set_index("key")["name"])
    table = pd.DataFrame({by: names.reindex(counts.index).to_numpy(),
                          "papers": counts.to_numpy()}, index=counts.index)
    table["share"] = table["papers"] / n_in
    table["lift"] = table["share"] / (overall.reindex(counts.index).to_numpy() / n_all)
    if cited_by is not None:
        cites = pd.to_numeric(cited_by, errors="coerce").fillna(0).to_numpy()
        table["cited_by"] = (mine.assign(c=cites[mine["row"].to_numpy()])
                             .groupby("key")["c"].sum().reindex(counts.index)
                             .astype(int).to_numpy())
    table = table.sort_values(["papers", by], ascending=[False, True], kind="stable")
    return table.head(k).reset_index(drop=True)
