"""A broad top-level area named by the one word, or phrase, most of its papers use.

On a large map a top-level area's best phrase may name one corner of it while the area is
plainly about one thing its phrases split into many: 3,262 papers on LLM agents, web and
GUI agents, multi-agent systems and agentic AI were named 'Reinforcement Learning' (14% of
them use it; 'LLM agents' 7%, 'AI agents' 6%), though 58% of them write 'agent' or
'agents', six times as often as the corpus does, in every one of its sub-areas; and no
OpenAlex topic names recent research on agents (:mod:`~paperviz.describe.topicnames`).
Where fewer than a quarter of an area's papers use its name (``topicnames.WEAK``), a noun
used by ``WORD_SHARE`` of its papers (in any of its forms: 'agent', 'agents'),
``WORD_LIFT`` times the share of the corpus's papers, and by ``CHILD_SHARE`` of the papers
of at least half of its areas on the level below (so that it is no corner either) names
it: 'Agents', its support that share. The word is named in a form that can end a name,
a field's ('Robotics') before the commonest ('robotic' cannot, 'robot' can: session 33).
Measured on eighteen maps in docs/names.md ("A broad area named by the word most of its
papers use").

A phrase of two or three words (its forms together: 'neural network', 'neural networks')
names an area the same way at ``PHRASE_LIFT`` times the corpus's share, where it can stand
as a name part (:func:`~paperviz.describe.words.is_noun_phrase`; not a pair written in
front of a third word, 'natural language'): IJCAI's 149 papers on gradient descent,
quantization, architecture search and spiking networks read 'Spiking Neural Networks' (12%,
one sub-area's subject) where half of them write 'neural network(s)', 3.4 times the
corpus's share (session 37, docs/names.md: "A broad area named by the phrase most of its
papers use").

Where no one word holds, two may (:func:`pair_names`): two nouns, each used by
``PAIR_SHARE`` of the area's papers at ``PAIR_LIFT`` times the corpus's share and spread
over its areas below as a word must be, that together ``WORD_SHARE`` of them use, and that
people name research by together: the name of an OpenAlex topic that ``PAIR_TOPIC`` of its
papers match holds both. IJCAI's 339 papers on argumentation, description logics, logic
programs, temporal logic and constraint programming read 'Programming' (14%); 32% of them
write 'logic', 31% 'reasoning', 51% one or the other, each in five of its seven sub-areas,
and 18% match the topic 'Logic, Reasoning, and Knowledge': 'Logic & Reasoning' (session
38, docs/names.md: "A broad area named by two words its topics join").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse

from .counts import PhraseCounts
from .phrases import STOP_WORDS, stem, title_case
from .words import a_dimension, can_head, is_noun_phrase

__all__ = ["word_names", "pair_names", "dimension_names", "term_forms", "WORD_SHARE",
           "WORD_LIFT", "PHRASE_LIFT", "CHILD_SHARE", "FIELD_SHARE", "PAIR_SHARE", "PAIR_LIFT",
           "PAIR_TOPIC"]

WORD_SHARE = 0.5  # of an area's papers use the word, at least
WORD_LIFT = 4.0  # times the share of the corpus's papers that do
PHRASE_LIFT = 3.0  # for a phrase of two or three words (at 4.0 none named an area)
CHILD_SHARE = 0.25  # of the papers of at least half of its areas below use it too
FIELD_SHARE = 1 / 3  # a field's form ('robotics') used this share as often as the commonest
PAIR_SHARE = 0.2  # of an area's papers use each of two words that name it together
PAIR_LIFT = 3.0  # times the corpus's share, each
PAIR_TOPIC = 0.1  # of its papers' nearest OpenAlex topic is one whose name holds both


def term_forms(vocab: np.ndarray) -> list[list[int]]:
    """The vocabulary's single words and phrases of two or three words that may name an
    area, grouped by their words' stems (the columns of 'agent' and 'agents' together, of
    'neural network' and 'neural networks')."""
    forms: dict[str, list[int]] = {}
    for j, phrase in enumerate(vocab):
        if " " in phrase:
            if phrase.count(" ") <= 2:
                forms.setdefault(" ".join(map(stem, phrase.split())), []).append(j)
        elif phrase.isalpha() and len(phrase) > 2 and phrase not in STOP_WORDS:
            forms.setdefault(stem(phrase), []).append(j)
    return list(forms.values())


def _spread(using: np.ndarray, children: np.ndarray) -> bool:
    """Do ``CHILD_SHARE`` of the papers of at least half of an area's children use the word
    (``using``, per paper of the area; ``children``: each one's area below, -1: none)?"""
    ids = np.unique(children[children >= 0])
    held = [using[children == c].mean() >= CHILD_SHARE for c in ids]
    return len(ids) >= 2 and 2 * sum(held) >= len(ids)


def _heading_form(columns: list[int], shares: np.ndarray, counts: PhraseCounts
                  ) -> str | None:
    """The form of a word (its vocabulary ``columns``; ``shares``: of the area's papers
    using each) that names the area: of the forms that can end a noun phrase
    (:func:`~paperviz.describe.words.can_head`: not 'robotic', nor 'video' where the corpus
    writes it before another word), the name of a field of study ('robotics') before the
    one most papers use ('robot'); of a phrase's, the one most papers use of those that
    can stand as a name part (:func:`_phrase_form`); None if no form can."""
    if " " in str(counts.vocab[columns[0]]):
        return _phrase_form(columns, shares, counts)
    heads = [j for j in columns if can_head(str(counts.vocab[j]), counts.usage,
                                            counts.surface.get(str(counts.vocab[j])))]
    if not heads:
        return None
    most = max(heads, key=lambda j: shares[j])
    fields = [j for j in heads if str(counts.vocab[j]).endswith("ics")
              and shares[j] >= FIELD_SHARE * shares[most]]  # (not 'agentics', 0.1%)
    return str(counts.vocab[max(fields, key=lambda j: shares[j], default=most)])


def _phrase_form(columns: list[int], shares: np.ndarray, counts: PhraseCounts
                 ) -> str | None:
    """Of a phrase's forms (its vocabulary ``columns``), the one most of the area's papers
    use (``shares``) that can stand as a name part: a noun phrase
    (:func:`~paperviz.describe.words.is_noun_phrase`), not a pair the corpus mostly writes
    in front of a third word ('natural language' processing); None if none can."""
    names = [j for j in columns
             if is_noun_phrase(str(counts.vocab[j]), counts.usage, counts.surface)
             and not counts.usage.pair_modifies(str(counts.vocab[j]))]
    return str(counts.vocab[max(names, key=lambda j: shares[j])]) if names else None


def word_names(labels: np.ndarray, finer: np.ndarray, counts: PhraseCounts,
               weak: dict[int, float], forms: list[list[int]] | None = None
               ) -> dict[int, tuple[str, float]]:
    """For each area of ``weak`` (area: its name's support, under ``WEAK``), the noun or
    noun phrase that names it, if one qualifies (see the module docstring; ``labels``: each
    paper's area, ``finer``: its area on the level below; a noun the corpus mostly writes
    in front of another word, 'speech recognition', 'quantum states', names nothing: see
    :func:`~paperviz.describe.words.can_head`), in the form that names it (see
    :func:`_heading_form`), and the share of the area's papers using any form. Of
    several, the one most papers use; one word or phrase names one area (the area where
    the larger share of papers use it). ``forms``: :func:`term_forms` of the corpus's
    vocabulary, where already made."""
    if not weak:
        return {}
    labels, finer = np.asarray(labels), np.asarray(finer)
    forms = term_forms(counts.vocab) if forms is None else forms
    if not forms:
        return {}
    grouping = _grouping(forms, counts.present.shape[1])

    def lift(group: int) -> float:
        return PHRASE_LIFT if " " in str(counts.vocab[forms[group][0]]) else WORD_LIFT

    found: list[tuple[float, int, int, str]] = []
    for area, support in weak.items():
        inside = np.flatnonzero(labels == area)
        for g, using, word in _held_terms(inside, finer, counts, forms, grouping, WORD_SHARE,
                                          lift):
            if using.mean() > support:
                found.append((float(using.mean()), area, g, title_case(word, counts.surface)))
    named: dict[int, tuple[str, float]] = {}
    claimed: set[int] = set()
    for share, area, group, name in sorted(found, key=lambda f: (-f[0], f[1], f[2])):
        if area not in named and group not in claimed:
            named[area] = (name, share)
            claimed.add(group)
    return named


def pair_names(labels: np.ndarray, finer: np.ndarray, counts: PhraseCounts,
               weak: dict[int, float], topics: pd.Series,
               forms: list[list[int]] | None = None) -> dict[int, tuple[str, float]]:
    """For each area of ``weak`` (as for :func:`word_names`), the two words that name it
    together, if two qualify (see the module docstring; ``topics``: each paper's nearest
    OpenAlex topic, row-aligned with ``labels``), 'A & B' the word more papers use first,
    and the share of the area's papers using either. Of several pairs, the one most papers
    use. ``forms``: as for :func:`word_names`."""
    if not weak:
        return {}
    labels, finer = np.asarray(labels), np.asarray(finer)
    forms = [f for f in (term_forms(counts.vocab) if forms is None else forms)
             if " " not in str(counts.vocab[f[0]])]
    if not forms:
        return {}
    grouping = _grouping(forms, counts.present.shape[1])
    topics = np.asarray(topics, dtype=object)
    named: dict[int, tuple[str, float]] = {}
    for area, support in weak.items():
        inside = np.flatnonzero(labels == area)
        held = _held_terms(inside, finer, counts, forms, grouping, PAIR_SHARE,
                           lambda _: PAIR_LIFT)
        joined = _topic_words(topics[inside])
        pairs = []
        for (_, one, first), (_, two, second) in combinations(held, 2):
            share = float((one | two).mean())
            roots = {stem(first.lower()), stem(second.lower())}
            if share >= WORD_SHARE and share > support and len(roots) == 2 and \
                    any(roots <= words for words in joined):
                order = sorted([(one.mean(), first), (two.mean(), second)],
                               key=lambda w: (-w[0], w[1]))
                pairs.append((share, " & ".join(title_case(w, counts.surface)
                                                for _, w in order)))
        if pairs:
            share, name = min(pairs, key=lambda p: (-p[0], p[1]))
            named[area] = (name, share)
    return named


def dimension_names(labels: np.ndarray, finer: np.ndarray, counts: PhraseCounts,
                    weak: dict[int, float]) -> dict[int, tuple[str, float]]:
    """For each area of ``weak`` (as for :func:`word_names`), the number of dimensions
    (:func:`~paperviz.describe.words.a_dimension`: '3D') its papers write, held to the tests
    of a word (``WORD_SHARE``, ``WORD_LIFT``, spread over its areas below): no noun, so no
    name alone, but what most of its papers are about (62% of the 40k map's 3,963 papers
    on reconstruction, rendering, LiDAR and depth write '3D', 5.7 times the corpus's
    share; the area was named by one of its techniques, '3D Gaussian Splatting', 13%). Its
    written form and the share of the area's papers using it; of several, the one most use."""
    forms = [[j] for j, phrase in enumerate(counts.vocab) if a_dimension(str(phrase))]
    if not weak or not forms:
        return {}
    labels, finer = np.asarray(labels), np.asarray(finer)
    grouping = _grouping(forms, counts.present.shape[1])
    named: dict[int, tuple[str, float]] = {}
    for area, support in weak.items():
        held = _held_terms(np.flatnonzero(labels == area), finer, counts, forms, grouping,
                           WORD_SHARE, lambda _: WORD_LIFT,
                           heading=lambda columns, *_: str(counts.vocab[columns[0]]))
        held = [(float(using.mean()), word) for _, using, word in held
                if using.mean() > support]
        if held:
            share, word = max(held)
            named[area] = (title_case(word, counts.surface), share)
    return named


def _grouping(forms: list[list[int]], n_columns: int) -> sparse.csr_matrix:
    """Vocabulary columns x forms, 1 where a column is one of a form's."""
    return sparse.csr_matrix((np.ones(sum(map(len, forms)), dtype=np.float32),
                              ([j for group in forms for j in group],
                               [g for g, group in enumerate(forms) for _ in group])),
                             shape=(n_columns, len(forms)))


def _held_terms(inside: np.ndarray, finer: np.ndarray, counts: PhraseCounts,
                forms: list[list[int]], grouping: sparse.csr_matrix, least: float,
                lift: Callable[[int], float], heading: Callable[..., str | None] | None = None
                ) -> list[tuple[int, np.ndarray, str]]:
    """The terms (``forms``, their columns as ``grouping``) that ``least`` of an area's
    papers (``inside``) use in any form, ``lift(form)`` times the corpus's share, spread
    over its areas below (``finer``, see :func:`_spread`), in a form that can name it
    (``heading(columns, shares, counts)``, by default :func:`_heading_form`): each one's
    form, which of those papers use it, and the word."""
    heading = heading or _heading_form
    present = counts.present
    rows = present[inside]
    shares = np.asarray(rows.mean(axis=0)).ravel()
    held = []
    # (a word's forms' shares add up to at least the share of papers using any form)
    for g in np.flatnonzero(grouping.T @ shares >= least):
        columns = forms[g]
        using = np.asarray(rows[:, columns].sum(axis=1)).ravel() > 0
        corpus = (np.asarray(present[:, columns].sum(axis=1)).ravel() > 0).mean()
        if using.mean() < max(least, lift(int(g)) * corpus) or \
                not _spread(using, finer[inside]):
            continue
        word = heading(columns, shares, counts)  # (the slow test, last)
        if word is not None:
            held.append((int(g), using, word))
    return held


def _topic_words(topics: np.ndarray) -> list[frozenset[str]]:
    """The words (their stems: 'Reasoning' meets 'reasoning') of each topic that
    ``PAIR_TOPIC`` of ``topics`` (an area's papers' nearest topics) are."""
    names, counts = np.unique(np.asarray([str(t) for t in topics if isinstance(t, str)]),
                              return_counts=True)
    return [frozenset(stem(w) for w in re.findall(r"[a-z]+", name.lower()))
            for name, count in zip(names, counts, strict=True)
            if count >= PAIR_TOPIC * len(topics)]
