"""Names: from an area's ranked key phrases to a short name a colleague would write.

A name is one or two parts ("3D Gaussian Splatting", "Dense Retrieval & Passage Ranking").
Every part is a noun phrase (it ends in a noun: "Numerical" and "Classifiers Trained" are no
name parts), says an idea of its own (not "Tokenization & Tokenizer", nor an acronym beside
what it stands for), and is not a word every area uses ("Feature", "Training"). A phrase
that is no noun phrase is extended to the phrase it most often begins in the area
("multimodal" -> "multimodal reasoning"), or left out.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .phrases import title_case
from .words import WordUsage, is_noun_phrase, same_idea, stands_alone

__all__ = ["PhraseIndex", "name_candidates", "choose_name"]


class PhraseIndex:
    """Where each phrase of the vocabulary is, and which longer phrases begin with it."""

    def __init__(self, vocab: np.ndarray) -> None:
        self.vocab = vocab
        self.column = {p: j for j, p in enumerate(vocab)}
        self.longer: dict[str, list[int]] = {}
        for j, phrase in enumerate(vocab):
            words = phrase.split()
            for cut in range(1, len(words)):
                self.longer.setdefault(" ".join(words[:cut]), []).append(j)


def _extend(phrase: str, index: PhraseIndex, doc_freq: np.ndarray, usage: WordUsage,
            surface: dict[str, str]) -> str | None:
    """The longer noun phrase that ``phrase`` most often begins in this area ('sentence' ->
    'sentence embeddings'; of two nearly as frequent, the longer: 'graph neural networks',
    not 'graph neural'), if at least a third of the area's papers that use ``phrase`` use
    it; else None."""
    columns = [j for j in index.longer.get(phrase, [])
               if is_noun_phrase(index.vocab[j], usage, surface)]
    if not columns:
        return None
    columns = np.asarray(columns)
    freq = doc_freq[columns]
    close = columns[freq >= 0.8 * freq.max()]
    best = max(close, key=lambda j: (index.vocab[j].count(" "), doc_freq[j]))
    own = doc_freq[index.column[phrase]] if phrase in index.column else freq.max()
    return str(index.vocab[best]) if doc_freq[best] * 3 >= own and doc_freq[best] > 0 else None


def name_candidates(ranked: list[str], *, index: PhraseIndex, doc_freq: np.ndarray,
                    usage: WordUsage, surface: dict[str, str],
                    generic: Callable[[str, int], bool]) -> list[str]:
    """The phrases of ``ranked`` (best first) that can be name parts: noun phrases, a single
    word only when it can stand alone (others extended, see :func:`_extend`, or left out),
    that are not ``generic(phrase, column)``, and not a shorter form of an idea a
    better-ranked candidate already says."""
    out: list[str] = []
    for phrase in ranked:
        if not is_noun_phrase(phrase, usage, surface) or (
                " " not in phrase and not stands_alone(phrase, surface.get(phrase))):
            phrase = _extend(phrase, index, doc_freq, usage, surface)
            if phrase is None:
                continue
        if phrase in out or generic(phrase, index.column[phrase]):
            continue
        if any(same_idea(phrase, kept) and phrase.count(" ") <= kept.count(" ")
               for kept in out):
            continue  # a shorter form of an idea already listed
        out.append(phrase)
    return out


def choose_name(candidates: list[str], surface: dict[str, str], used: set[str], *,
                avoid: tuple[str, ...] = (), coverage: dict[str, float] | None = None,
                used_parts: set[str] | None = None, max_words: int = 5) -> str:
    """The name: the leading candidate, alone when it is a phrase of several words that
    covers most of the area (``coverage``: the share of its papers using each candidate),
    else joined by '&' to the best other candidate that says something else and fits in
    ``max_words`` words (a phrase among the next four is preferred to a single word).
    Parts that say the same as one of ``avoid`` (the parent area's name parts) are skipped;
    further candidates are tried when a name is taken by another area of the level, and
    names none of whose parts another area of the level has (``used_parts``) come first."""
    coverage = coverage or {}
    fresh = [p for p in candidates if not any(same_idea(p, a) for a in avoid)]
    options = []
    for i, first in enumerate(fresh):
        alone = title_case(first, surface)
        if " " in first and coverage.get(first, 0.0) >= 0.5:
            options.append(alone)
        rest = [p for p in fresh[i + 1 :] if not same_idea(p, first)
                and len(first.split()) + len(p.split()) <= max_words]
        order = sorted(range(len(rest)), key=lambda r: (r >= 4 or " " not in rest[r], r))
        options += [f"{alone} & {title_case(rest[r], surface)}" for r in order]
        options.append(alone)
    free = [o for o in options if o.lower() not in used]
    fresh_parts = [o for o in free
                   if not {p.strip().lower() for p in o.split("&")} & (used_parts or set())]
    return (fresh_parts or free or [""])[0]
