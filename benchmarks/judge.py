"""Judging names against what people wrote: the authors' keywords of an area's papers, and
whether two maps of the same papers keep the same names.

Used by ``benchmarks/labels.py --keywords`` and ``--stability``; nothing here names areas.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from paperviz.describe.phrases import stem

_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words, stop words out, plurals folded: 'Large Language Models (LLMs)' ->
    {large, language, model, llm}."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower())
                     if w not in ENGLISH_STOP_WORDS)


def paper_keywords(column: pd.Series) -> list[list[str]]:
    """Each paper's keywords, lower-cased, each once (``;``-separated cells)."""
    out = []
    for cell in column.fillna(""):
        words = [k.strip().lower() for k in str(cell).split(";") if k.strip()]
        out.append(list(dict.fromkeys(words)))
    return out


def top_keywords(keywords: list[list[str]], labels: np.ndarray, n: int = 10
                 ) -> dict[int, list[str]]:
    """Each area's ``n`` most characteristic keywords: count in the area times its lift
    over the corpus (the keyword's share of the area's papers over its share of all)."""
    corpus = Counter(k for words in keywords for k in words)
    total = len(keywords)
    out = {}
    for area in np.unique(labels[labels >= 0]):
        members = np.flatnonzero(labels == area)
        counts = Counter(k for i in members for k in keywords[i])
        score = {k: c * (c / len(members)) / (corpus[k] / total) for k, c in counts.items()}
        out[int(area)] = sorted(score, key=lambda k: (-score[k], k))[:n]
    return out


def name_parts(name: str) -> list[str]:
    return [p.strip() for p in str(name).split("&") if p.strip()]


def found_share(names: dict[int, str], tops: dict[int, list[str]]) -> float:
    """The share of the level's name parts found among their area's top keywords: a part is
    found when its content words and a keyword's overlap with Jaccard >= 0.5; a part used in
    three or more names of the level is never found (it tells no area apart)."""
    uses = Counter(p.lower() for name in names.values() for p in set(map(str.lower,
                                                                          name_parts(name))))
    found, parts = 0, 0
    for area, name in names.items():
        for part in name_parts(name):
            parts += 1
            if uses[part.lower()] >= 3:
                continue
            words = content_words(part)
            for keyword in tops.get(area, []):
                other = content_words(keyword)
                if words and other and len(words & other) / len(words | other) >= 0.5:
                    found += 1
                    break
    return found / max(parts, 1)


def matched_areas(one: np.ndarray, two: np.ndarray, min_jaccard: float = 0.5
                  ) -> list[tuple[int, int]]:
    """Pairs of areas of two labellings of the same papers, matched one to one by the most
    papers shared (Hungarian), kept when their papers overlap with Jaccard >= 0.5."""
    a_ids, b_ids = np.unique(one[one >= 0]), np.unique(two[two >= 0])
    inter = pd.crosstab(one, two).reindex(index=a_ids, columns=b_ids, fill_value=0).to_numpy()
    rows, cols = linear_sum_assignment(-inter)
    size_a = np.array([(one == a).sum() for a in a_ids])
    size_b = np.array([(two == b).sum() for b in b_ids])
    pairs = []
    for r, c in zip(rows, cols, strict=True):
        union = size_a[r] + size_b[c] - inter[r, c]
        if inter[r, c] / union >= min_jaccard:
            pairs.append((int(a_ids[r]), int(b_ids[c])))
    return pairs


def names_kept(one: np.ndarray, names_one: dict[int, str], two: np.ndarray,
               names_two: dict[int, str]) -> tuple[int, int]:
    """How many matched areas keep their name (case aside), and how many were matched."""
    pairs = matched_areas(one, two)
    kept = sum(names_one[a].lower() == names_two[b].lower() for a, b in pairs)
    return kept, len(pairs)


def part_found(part: str, keywords: list[str]) -> bool:
    """Is a name part one of ``keywords`` (content words overlapping with Jaccard >= 0.5)?"""
    words = content_words(part)
    for keyword in keywords:
        other = content_words(keyword)
        if words and other and len(words & other) / len(words | other) >= 0.5:
            return True
    return False


def hit_share(names: dict[int, str], tops: dict[int, list[str]]) -> float:
    """The share of the level's names with a part among their area's top keywords (a part
    in three or more names of the level never counts: it tells no area apart)."""
    uses = Counter(p.lower() for name in names.values() for p in set(map(str.lower,
                                                                          name_parts(name))))
    hits = sum(any(uses[p.lower()] < 3 and part_found(p, tops.get(area, []))
                   for p in name_parts(name)) for area, name in names.items())
    return hits / max(len(names), 1)


def support(name: str, papers: list[frozenset[str]]) -> float:
    """The share of ``papers`` (each its content words) that use the name: every content
    word of one of its parts."""
    parts = [content_words(p) for p in name_parts(name)]
    parts = [p for p in parts if p]
    if not papers or not parts:
        return 0.0
    return sum(any(p <= words for p in parts) for words in papers) / len(papers)
