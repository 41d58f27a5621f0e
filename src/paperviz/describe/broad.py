"""Broad names: the top levels of a map, and the rules that read several levels at once.

The core's top level, once chosen and before the level below chooses, takes its broad
names (:func:`broad_names`): a top-level area plainly one discipline takes the discipline's
name (:mod:`paperviz.describe.disciplines`), a weakly named one the term its papers'
topics share (:mod:`paperviz.describe.topicnames`) or, failing that, the word most of
its papers use across its sub-areas (:mod:`paperviz.describe.wordnames`), or a number of
dimensions before its discipline ('3D Computer Vision'). After every level has chosen, the
rules that read several levels at once (:func:`map_names`): an area that holds a single
area of the level below has that area's name; a map's top above the core takes
disciplines' names; a weakly named area above the core, the names of its two largest areas
where they hold most of it; an optional namer (a language model) is offered every area; an
only child has its parent's name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .choice import CLAIM_FLOOR, MAX_NAME_WORDS
from .counts import PhraseCounts
from .disciplines import common_names, discipline_names, main_discipline, names_a_topic
from .namers import AreaBrief, Namer, apply_namer
from .topicnames import CORNER_RATIO, CORNER_SHARE, NEAR_SHARE, SHARE, WEAK, topic_names
from .wordnames import dimension_names, pair_names, term_forms, word_names
from .words import a_dimension

__all__ = ["broad_names", "dimensions_qualified", "map_names", "TWO_THEMES"]

TWO_THEMES = 2 / 3  # a weak field is named by its two largest areas where they hold this


def broad_names(top: pd.DataFrame, labels: np.ndarray,
                disciplines: pd.DataFrame | None, finer: np.ndarray | None = None,
                counts: PhraseCounts | None = None) -> pd.DataFrame:
    """The core's top level (``top``; ``labels``: its area per paper) as soon as it is
    named, before the level below is (so that a sub-area no longer avoids a name its parent
    gave up): its areas plainly one discipline take its name (:func:`_named_by_discipline`),
    with fields above them or without (the same areas, the same names); then its weakly
    named areas, and those its disciplines named, take the term their papers' topics share
    (:mod:`~paperviz.describe.topicnames`; ``disciplines``: each paper's ``topic``,
    ``subfield`` and ``field``, or None); then those still weakly named, the word most of
    their papers use, or two words their topics join (:func:`_named_by_word`; ``finer``:
    each paper's area on the level below, ``counts``: the corpus's phrases; either None:
    not)."""
    named = top
    if disciplines is not None:
        named = _named_by_discipline([top], labels, disciplines)
        by_discipline = set(named["area"][named["name"] != top["name"]].astype(int))
        if "topic" in disciplines:
            named = _named_by_topics([named], labels, disciplines["topic"], by_discipline)
    if finer is not None and counts is not None:
        topics = disciplines["topic"] if disciplines is not None and \
            "topic" in disciplines else None
        named = _named_by_word(named, labels, finer, counts, topics)
        if disciplines is not None:
            named = _named_by_dimension(named, labels, finer, counts, disciplines)
    return named


def _named_by_dimension(top: pd.DataFrame, labels: np.ndarray, finer: np.ndarray,
                        counts: PhraseCounts, disciplines: pd.DataFrame) -> pd.DataFrame:
    """``top`` with each area still weakly named that most of its papers call by a number of
    dimensions (:func:`~paperviz.describe.wordnames.dimension_names`) named by it before
    its papers' discipline: '3D Computer Vision' (see :func:`dimensions_qualified`); its
    support, the share of its papers writing the dimension."""
    weak = {int(row.area): float(row.support) for row in top.itertuples()
            if pd.notna(row.support) and row.support < WEAK}
    top = top.copy()
    taken = {n.lower() for n in top["name"]}
    for area, (word, share) in dimension_names(labels, finer, counts, weak).items():
        subject = main_discipline(np.asarray(labels) == area, disciplines)
        name = f"{word} {subject}" if subject else None
        if name is not None and name.lower() not in taken:
            i = top.index[top["area"] == area][0]
            top.at[i, "name"], top.at[i, "support"] = name, share
            taken.add(name.lower())
    return top


def dimensions_qualified(table: pd.DataFrame, labels: np.ndarray,
                         disciplines: pd.DataFrame | None) -> pd.DataFrame:
    """``table`` (a level, once named; ``labels``: its area per paper) with each name part
    that is a number of dimensions alone ('3D': see :func:`~paperviz.describe.words.
    a_dimension`) put before the discipline most of its area's papers match, in its
    researchers' words (:func:`~paperviz.describe.disciplines.main_discipline`): a
    dimension says which kind of a subject, and IJCAI's 78 papers on depth, point clouds
    and 3D detection read '3D' under 'Computer Vision' (its authors' topic: '3D Computer
    Vision'). Left as it is where no discipline qualifies, ``disciplines`` is None, or the
    name is taken."""
    if disciplines is None:
        return table
    table = table.copy()
    taken = {n.lower() for n in table["name"]}
    for i, row in table.iterrows():
        parts = row["name"].split(" & ")
        if not any(a_dimension(p) for p in parts):
            continue
        subject = main_discipline(np.asarray(labels) == row["area"], disciplines)
        name = " & ".join(f"{p} {subject}" if a_dimension(p) and subject else p
                          for p in parts)
        if name.lower() not in taken:
            table.at[i, "name"] = name
            taken.add(name.lower())
    return table


def _named_by_word(top: pd.DataFrame, labels: np.ndarray, finer: np.ndarray,
                   counts: PhraseCounts, topics: pd.Series | None = None) -> pd.DataFrame:
    """``top`` with each area its name's words hold for under ``WEAK`` of its papers named
    by the noun most of them use, where one qualifies (see :mod:`~paperviz.describe.
    wordnames`: 'Agents' for 58% of the papers of an area named 'Reinforcement Learning'),
    else by two words its papers' OpenAlex topics join (``topics``: each paper's, or None:
    not; 'Logic & Reasoning'), where no name of the level has it; its support, the share
    of its papers using it."""
    weak = {int(row.area): float(row.support) for row in top.itertuples()
            if pd.notna(row.support) and row.support < WEAK}
    forms = term_forms(counts.vocab) if weak else []  # (made once for both rules)
    found = word_names(labels, finer, counts, weak, forms)
    if topics is not None:
        found |= pair_names(labels, finer, counts,
                            {a: s for a, s in weak.items() if a not in found}, topics, forms)
    top = top.copy()
    taken = {n.lower() for n in top["name"]}
    for i, row in top.iterrows():
        name, share = found.get(int(row["area"]), (None, 0.0))
        if name is not None and name.lower() not in taken:
            top.at[i, "name"], top.at[i, "support"] = name, share
            taken.add(name.lower())
    return top


def map_names(tables: list[pd.DataFrame], labels: list[np.ndarray], core_top: int,
              levels: list[str], disciplines: pd.DataFrame | None,
              namer: Namer | None) -> list[pd.DataFrame]:
    """The rules that read several levels, on every level's table (``labels``: each
    level's area per paper) once all are named (the core's top has had its
    :func:`broad_names`), in order: a level above the core (``core_top``) takes, for an
    area that holds a single area of the level below, that area's name; where the map's top
    is above the core, its areas plainly one discipline take its name (``disciplines``:
    each paper's ``subfield`` and ``field``, or None); a weakly named area above the core,
    the names of its two largest areas (:func:`_named_by_two_largest`); the ``namer`` (or
    None) is offered every area; an only child has its parent's name. The core's names are
    the same with levels above it or without."""
    tables = list(tables)
    for depth in range(core_top - 1, -1, -1):
        tables[depth] = _named_as_only_child(tables[depth], tables[depth + 1])
    if disciplines is not None and core_top > 0:
        tables[0] = _named_by_discipline(tables, labels[0], disciplines)
    for depth in range(core_top - 1, -1, -1):
        tables[depth] = _named_by_two_largest(tables[depth], tables[depth + 1])
    if namer is not None:
        tables = _rename(tables, levels, namer)
    for depth in range(core_top + 1, len(tables)):
        tables[depth] = _only_children(tables[depth], tables[depth - 1])
    return tables


def _named_as_only_child(top: pd.DataFrame, below: pd.DataFrame) -> pd.DataFrame:
    """A top-level area (named last) that holds a single area of the level below takes that
    area's name: the same papers under one name on both levels."""
    names = dict(zip(below["area"], below["name"], strict=True))
    held = dict(zip(below["area"], below["support"], strict=True))
    top = top.copy()
    only = [len(row.children) == 1 for row in top.itertuples()]
    top["name"] = [names[row.children[0]] if one else row.name
                   for row, one in zip(top.itertuples(), only, strict=True)]
    top["support"] = [held[row.children[0]] if one else row.support
                      for row, one in zip(top.itertuples(), only, strict=True)]
    return top


def _named_by_two_largest(top: pd.DataFrame, below: pd.DataFrame) -> pd.DataFrame:
    """A level above the core (``top``, named after the level ``below``) with each weakly
    named area (its name used by under ``WEAK`` of its papers) whose two largest areas hold
    ``TWO_THEMES`` of its papers named by theirs, the larger first: 'Medical Image
    Segmentation & Remote Sensing' for a field whose areas share only 'Convolutional Neural
    Networks', used by 6% of its papers; of an area named in two parts, its first, the one
    it is named by ('Reinforcement Learning & Logic' for IJCAI's field of planning and
    knowledge representation, whose second area reads 'Logic & Reasoning'). Its support,
    the share of its papers in those two areas. Not where the two names have more than
    ``MAX_NAME_WORDS`` words or the level has the name already."""
    names = {area: name.split(" & ")[0] for area, name in zip(below["area"], below["name"],
                                                              strict=True)}
    sizes = dict(zip(below["area"], below["size"], strict=True))
    top = top.copy()
    taken = {n.lower() for n in top["name"]}
    for i, row in top.iterrows():
        if len(row["children"]) < 2 or (pd.notna(row["support"]) and row["support"] >= WEAK):
            continue  # (a support of None or NaN: no papers found using the name)
        first, second = sorted(row["children"], key=lambda c: (-sizes[c], c))[:2]
        held = (sizes[first] + sizes[second]) / row["size"]
        name = f"{names[first]} & {names[second]}"
        if held >= TWO_THEMES and names[first].lower() != names[second].lower() and \
                len(name.split()) - 1 <= MAX_NAME_WORDS and name.lower() not in taken:
            top.at[i, "name"], top.at[i, "support"] = name, held
            taken.add(name.lower())
    return top


def _only_children(table: pd.DataFrame, above: pd.DataFrame) -> pd.DataFrame:
    """An area that holds all of its parent's papers (its only child) takes the parent's
    name: the same papers under one name on every level, not a second name that had to
    avoid the first."""
    whole = {int(row.area): (row.name, row.support) for row in above.itertuples()
             if len(row.children) == 1}
    sizes = dict(zip(above["area"], above["size"], strict=True))
    table = table.copy()
    for i, row in table.iterrows():
        if row["parent"] in whole and sizes[row["parent"]] == row["size"]:
            table.at[i, "name"], table.at[i, "support"] = whole[row["parent"]]
    return table


def _named_by_discipline(tables: list[pd.DataFrame], labels: np.ndarray,
                         disciplines: pd.DataFrame) -> pd.DataFrame:
    """The top level (``tables[0]``) with each area that is plainly one discipline named
    by it, in the words its researchers use (:func:`common_names`), unless a name of the
    top level or the level below already says it (a field would hold an area of its name)
    or the area's own name is its subject (see :func:`_is_subject`); its support, the
    share of the area's papers matched to it. A deeper group's name does not bar it: a
    topic of 68 papers named 'Computer Vision' left the field of 21,455 computer-vision
    papers on the 40k map 'Object Detection' (5% of them use it)."""
    # a domain beyond the corpus's own field names only an area its mined name holds weakly
    weak = [row.area for row in tables[0].itertuples()
            if pd.isna(row.support) or row.support < WEAK]
    found = discipline_names(labels, disciplines, weak)
    common = common_names()
    taken = {n.lower() for table in tables[:2] for n in table["name"]}
    top = tables[0].copy()
    for i, row in top.iterrows():
        label = found.get(row["area"])
        name = common.get(label, label)
        if label is None or {name.lower(), label.lower()} & taken or \
                _is_subject(row["name"], row["support"]):
            continue  # ('Recommender Systems', not 'Information Systems')
        inside = np.asarray(labels) == row["area"]
        matched = float(((disciplines["subfield"].to_numpy()[inside] == label) | (
            disciplines["field"].to_numpy()[inside] == label)).mean())
        top.at[i, "name"], top.at[i, "support"] = name, matched
    return top


def _named_by_topics(tables: list[pd.DataFrame], labels: np.ndarray,
                     topics: pd.Series, by_discipline: frozenset[int] | set[int] = frozenset()
                     ) -> pd.DataFrame:
    """The first of ``tables`` (a level, ``labels`` its area per paper; the levels below
    it after) with each weakly named area (its name used by under ``WEAK`` of its papers)
    named by the term its papers' OpenAlex topics share, where one qualifies (see
    :mod:`paperviz.describe.topicnames`) and no name of these levels has it (an area whose
    own name it is keeps it, its support the share). An area named by its discipline
    (``by_discipline``) takes a term that nearly as many of its papers match as match the
    discipline (``NEAR_SHARE`` of them), and at least ``WEAK`` of them: 'Game Theory' (41%)
    for IJCAI's 'Economics' (32%), 'Reinforcement Learning' (63%) for CoRL's 'Artificial
    Intelligence' (67%). An area named by a corner, the subject of one of its sub-areas
    (``CLAIM_FLOOR`` of that sub-area's papers use its name: the table's
    ``child_support``), takes a term
    ``CORNER_RATIO`` times as many of its papers match as use its name (``CORNER_SHARE`` at
    least; ``SHARE`` always does): 'Natural Language Processing' (18%) for 'Federated
    Learning' (6%), the subject of its privacy sub-area."""
    top = tables[0].copy()
    weak = {int(row.area): float(row.support) * (NEAR_SHARE if row.area in by_discipline else 1)
            for row in top.itertuples()
            if row.support is not None and (row.support < WEAK or row.area in by_discipline)}
    taken = {n.lower() for table in tables for n in table["name"]}
    least = {area: WEAK for area in by_discipline}
    for row in top.itertuples():  # named by a corner: its sub-area's subject
        if row.area in weak and row.area not in by_discipline and \
                getattr(row, "child_support", 0.0) >= CLAIM_FLOOR:
            least[int(row.area)] = min(SHARE, max(CORNER_SHARE, CORNER_RATIO * row.support))
    found = topic_names(labels, topics, weak, least)
    for i, row in top.iterrows():
        term, share = found.get(int(row["area"]), (None, 0.0))
        if term is not None and term.lower() == row["name"].lower():
            top.at[i, "support"] = max(share, row["support"])  # its name, by its topics
        elif term is not None and term.lower() not in taken:
            top.at[i, "name"], top.at[i, "support"] = term, share
            taken.add(term.lower())
    return top


def _is_subject(name: str, support: float | None) -> bool:
    """Is an area's mined name its subject, before the discipline it lies in: used by at
    least ``CLAIM_FLOOR`` of its papers, and a term people name research by (see
    :func:`~paperviz.describe.disciplines.names_a_topic`): 'Recommendation' in
    'Information Systems', where 'Conjecture' in 'Mathematics' is no subject."""
    return support is not None and support >= CLAIM_FLOOR and names_a_topic(name)


def _rename(parts: list[pd.DataFrame], levels: list[str], namer: Namer) -> list[pd.DataFrame]:
    """Offer every area to ``namer`` with what it needs to know (see :class:`AreaBrief`),
    level by level, keeping the built-in name wherever the namer gives none usable."""
    out = []
    for depth, table in enumerate(parts):
        finer = parts[depth + 1] if depth + 1 < len(parts) else None
        coarser = out[-1] if out else None
        parent_name = {} if coarser is None else dict(zip(coarser["area"], coarser["name"],
                                                          strict=True))
        briefs = []
        for row in table.itertuples():
            siblings = table[(table["parent"] == row.parent) & (table["area"] != row.area)]
            children = (finer[finer["area"].isin(row.children)]["name"].tolist()
                        if finer is not None else [])
            briefs.append(AreaBrief(
                level=levels[depth], area=int(row.area), size=int(row.size),
                key_phrases=list(row.key_phrases), titles=list(row.representative_titles),
                builtin_name=row.name, subarea_names=children,
                sibling_names=siblings["name"].tolist(),
                parent_name=parent_name.get(row.parent),
                central_titles=list(getattr(row, "central_titles", row.representative_titles))))
        taken = set() if coarser is None else {n.lower() for n in coarser["name"]}
        names = apply_namer(namer, briefs, taken)
        out.append(table.assign(name=names, support=[
            held if name == old else None
            for name, old, held in zip(names, table["name"], table["support"], strict=True)]))
    return out
