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
from .words import WordUsage, is_noun_phrase, repeats, same_idea, stands_alone

__all__ = ["PhraseIndex", "name_candidates", "name_options"]


class PhraseIndex:
    """Where each phrase of the vocabulary is, which longer phrases begin with it, and
    which end with each word."""

    def __init__(self, vocab: np.ndarray) -> None:
        self.vocab = vocab
        self.column = {p: j for j, p in enumerate(vocab)}
        self.longer: dict[str, list[int]] = {}
        self.ending: dict[str, list[int]] = {}
        for j, phrase in enumerate(vocab):
            words = phrase.split()
            for cut in range(1, len(words)):
                self.longer.setdefault(" ".join(words[:cut]), []).append(j)
            if len(words) > 1:
                self.ending.setdefault(words[-1], []).append(j)


def _extend(phrase: str, index: PhraseIndex, doc_freq: np.ndarray, usage: WordUsage,
            surface: dict[str, str], area_min: float = np.inf) -> str | None:
    """The longer noun phrase that ``phrase`` most often begins in this area ('sentence' ->
    'sentence embeddings'; of two nearly as frequent, the longer: 'graph neural networks',
    not 'graph neural'), if at least a third of the area's papers that use ``phrase`` use
    it, or ``area_min`` papers do; else None."""
    columns = [j for j in index.longer.get(phrase, [])
               if is_noun_phrase(index.vocab[j], usage, surface)]
    if not columns:
        return None
    columns = np.asarray(columns)
    freq = doc_freq[columns]
    close = columns[freq >= 0.8 * freq.max()]
    best = max(close, key=lambda j: (index.vocab[j].count(" "), doc_freq[j]))
    own = doc_freq[index.column[phrase]] if phrase in index.column else freq.max()
    return str(index.vocab[best]) if doc_freq[best] > 0 and (
        doc_freq[best] * 3 >= own or doc_freq[best] >= area_min) else None


def _specify(word: str, index: PhraseIndex, doc_freq: np.ndarray, usage: WordUsage,
             surface: dict[str, str], generic: Callable[[str, int], bool],
             area_min: float = np.inf) -> str | None:
    """The phrase that most often ends with ``word`` in this area, when a word says too
    little alone ('agents' -> 'LLM agents', 'rate' -> 'learning rate'): used by at least a
    quarter of the area's papers that use the word, or by ``area_min`` papers, a noun
    phrase and not generic; else None."""
    columns = [j for j in index.ending.get(word, [])
               if doc_freq[j] > 0 and is_noun_phrase(index.vocab[j], usage, surface)
               and not generic(index.vocab[j], j)]
    if not columns:
        return None
    best = max(columns, key=lambda j: (doc_freq[j], -index.vocab[j].count(" ")))
    own = doc_freq[index.column[word]] if word in index.column else doc_freq[best]
    return str(index.vocab[best]) if doc_freq[best] * 4 >= own or doc_freq[best] >= area_min \
        else None


def _complete(phrase: str, index: PhraseIndex, doc_freq: np.ndarray) -> str:
    """The longer phrase ``phrase`` is nearly always the start of in this area ('automatic
    speech' -> 'automatic speech recognition': used by at least 80% of its papers), else
    ``phrase`` itself."""
    own = doc_freq[index.column[phrase]]
    longer = [j for j in index.longer.get(phrase, []) if doc_freq[j] >= 0.8 * own > 0]
    return str(index.vocab[max(longer, key=lambda j: doc_freq[j])]) if longer else phrase


def name_candidates(ranked: list[str], *, index: PhraseIndex, doc_freq: np.ndarray,
                    usage: WordUsage, surface: dict[str, str],
                    generic: Callable[[str, int], bool], area_min: float = np.inf
                    ) -> list[str]:
    """The phrases of ``ranked`` (best first) that can be name parts: noun phrases (others
    extended to the phrase they begin, see :func:`_extend`), a single word only when it can
    stand alone and is not generic (others made specific by the phrase they most often
    end, see :func:`_specify`), none ``generic(phrase, column)``, and none a shorter form
    of an idea a better-ranked candidate already says."""
    out: list[str] = []
    for phrase in ranked:
        if not is_noun_phrase(phrase, usage, surface):
            phrase = _extend(phrase, index, doc_freq, usage, surface, area_min)
        elif " " not in phrase and (not stands_alone(phrase, surface.get(phrase))
                                    or generic(phrase, index.column[phrase])):
            phrase = _specify(phrase, index, doc_freq, usage, surface, generic, area_min)
        if phrase is None:
            continue
        phrase = _complete(phrase, index, doc_freq)
        if phrase in out or generic(phrase, index.column[phrase]):
            continue
        if any(same_idea(phrase, kept) and phrase.count(" ") <= kept.count(" ")
               for kept in out):
            continue  # a shorter form of an idea already listed
        out.append(phrase)
    return out


def name_options(candidates: list[str], surface: dict[str, str], used: set[str], *,
                 avoid: tuple[str, ...] = (), coverage: dict[str, float] | None = None,
                 used_parts: set[str] | None = None, max_words: int = 5) -> list[str]:
    """The names an area may take, best first: the leading candidate, alone when it is a
    phrase of several words that covers most of the area (``coverage``: the share of its
    papers using each candidate), joined by '&' to another candidate that says something
    else and fits in ``max_words`` words (a phrase among the next four before a single
    word), then the same from the next candidates. Parts that repeat one of ``avoid`` (the
    parent area's name parts; see :func:`repeats`) are left out, and so are names ``used`` by
    another area; names none of whose parts another area of the level has
    (``used_parts``) come first."""
    coverage = coverage or {}
    fresh = [p for p in candidates if not any(repeats(p, a) for a in avoid)]
    options: list[str] = []
    for i, first in enumerate(fresh):
        alone = title_case(first, surface)
        if " " in first and coverage.get(first, 0.0) >= 0.5:
            options.append(alone)
        rest = [p for p in fresh[i + 1 :] if not same_idea(p, first)
                and len(first.split()) + len(p.split()) <= max_words]
        order = sorted(range(len(rest)), key=lambda r: (r >= 4 or " " not in rest[r], r))
        options += [f"{alone} & {title_case(rest[r], surface)}" for r in order]
        options.append(alone)
    free = list(dict.fromkeys(o for o in options if o.lower() not in used))
    taken = used_parts or set()
    fresh_parts = [o for o in free if not {p.strip().lower() for p in o.split("&")} & taken]
    return fresh_parts + [o for o in free if o not in fresh_parts]
