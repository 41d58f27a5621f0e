"""A broad top-level area named by the OpenAlex topics its papers match.

A top-level area often holds several themes, and the best phrase its own papers write then
names a corner of it: "Non-autoregressive Machine Translation" for 42 papers on language
models, "Domain Adaptation" (9% of its papers) for IJCAI's machine-learning area. Each paper
is matched to its nearest OpenAlex topic (:func:`paperviz.describe.disciplines.
paper_disciplines`), and topic names are written by people to name research ("Natural
Language Processing Techniques", "Robot Manipulation and Learning"). Where fewer than
``WEAK`` of an area's papers use its name, and ``SHARE`` of them or more match topics
whose names share one term of two words or more, ``LIFT`` times as common among them as
in the corpus, the area is named by that term ("Natural Language Processing", "Machine
Learning"); its support is that share. An area named by a corner of it, the subject of one
of its sub-areas, needs fewer: ``CORNER_RATIO`` times its name's share (``CORNER_SHARE`` at
least; see :func:`paperviz.describe.broad.broad_names`). Of terms nearly as widely held
(``NEAR_SHARE`` of the widest), the one most particular to the area goes first: a topic
named "Adversarial Robustness in Machine Learning" names its area "Adversarial
Robustness", not the field around it. Measured on six corpora in docs/names.md ("Broad
areas named by their papers' topics").
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from .phrases import STOP_WORDS, title_case

__all__ = ["topic_terms", "topic_names", "WEAK", "SHARE", "LIFT", "NEAR_SHARE",
           "CORNER_RATIO", "CORNER_SHARE", "TOPIC_FILLER"]

WEAK = 0.25  # an area whose name fewer of its papers use than this is weakly named
SHARE = 0.4  # the share of its papers whose topic holds the term, at least
LIFT = 2.0  # and that share this many times the corpus's
NEAR_SHARE = 0.9  # terms held by this share of the widest's papers: the most lifted first
CORNER_RATIO = 3.0  # an area named by a corner: a term this many times its name's share
CORNER_SHARE = 0.15  # and at least this share of its papers
# words OpenAlex puts around a topic's subject ('Advanced ... Techniques and Applications'):
# no term begins or ends with one
TOPIC_FILLER = frozenset(
    """advanced applications application techniques technique research methods studies
    study analysis various fields technologies recent novel approaches""".split())


def topic_terms(topic: str) -> frozenset[str]:
    """The terms of two or three words in a topic's name, none beginning or ending with
    filler nor holding a stop word or a word of three letters or fewer, none across
    punctuation ('Natural Language Processing Techniques' -> 'natural language', 'language
    processing', 'natural language processing'; 'Galaxies: Formation, Evolution, Phenomena'
    -> none)."""
    terms = set()
    for part in re.split(r"[,:;()/]", topic.lower()):  # no term across punctuation
        words = re.findall(r"[a-z0-9][a-z0-9\-]*", part)
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                run = words[i:i + n]
                if run[0] in TOPIC_FILLER or run[-1] in TOPIC_FILLER or \
                        any(w in STOP_WORDS or len(w) <= 3 for w in run):
                    continue  # (a short word is an acronym, its capitals lost: 'xai')
                terms.add(" ".join(run))
    return frozenset(terms)


def topic_names(labels: np.ndarray, topics: pd.Series, weak: dict[int, float],
                least: dict[int, float] | None = None) -> dict[int, tuple[str, float]]:
    """For each area of ``weak`` (area: its name's support, under ``WEAK``), the term its
    papers' topics (``topics``: each paper's topic name, row-aligned with ``labels``) share,
    if one qualifies (see the module docstring; ``least``: an area's own least share, where
    not ``SHARE``), and the share of its papers holding it. The term of the most papers, or
    of nearly as many (``NEAR_SHARE``) and more particular to the area (its lift); one term
    names one area (the area holding the larger share of its papers)."""
    labels = np.asarray(labels)
    terms = [topic_terms(t) if isinstance(t, str) else frozenset() for t in topics]
    corpus = Counter(term for held in terms for term in held)
    found: dict[int, list[tuple[float, str]]] = {}
    for area, support in weak.items():
        inside = np.flatnonzero(labels == area)
        counts = Counter(term for i in inside for term in terms[i])
        shares = {term: count / len(inside) for term, count in counts.items()}
        lifts = {term: share / (corpus[term] / len(labels)) for term, share in shares.items()}
        held = sorted(((share, term) for term, share in shares.items()
                       if share >= (least or {}).get(area, SHARE) and share > support
                       and lifts[term] >= LIFT),
                      key=lambda pair: (-pair[0], -pair[1].count(" "), pair[1]))
        near = [pair for pair in held if pair[0] >= NEAR_SHARE * held[0][0]] if held else []
        found[area] = sorted(near, key=lambda pair: (-lifts[pair[1]], -pair[1].count(" "),
                                                     pair[1])) + held[len(near):]
    named: dict[int, tuple[str, float]] = {}
    claimed: dict[str, float] = {}
    for area in sorted(found, key=lambda a: -(found[a][0][0] if found[a] else 0.0)):
        for share, term in found[area]:
            if claimed.get(term, -1.0) < share and not any(
                    term in other or other in term for other in claimed):
                named[area] = (title_case(term, {}), share)
                claimed[term] = share
                break
    return named
