"""Names: from an area's ranked key phrases to a short name a reader can use."""

from __future__ import annotations

from collections import Counter

import numpy as np

from .phrases import title_case, word_roots

__all__ = ["choose_name", "is_acronym_of", "find_modifiers", "extend_modifiers"]


def is_acronym_of(short: str, phrase: str) -> bool:
    """'CL' abbreviates 'continual learning'; 'GNNs' 'graph neural networks'; 'ZSL'
    'zero-shot learning'; 'MRI' also 'magnetic resonance' and 'LLMs' 'language models', the
    start or end of what each stands for."""
    letters = short.rstrip("s").lower()
    if len(letters) < 2:
        return False
    for words in (phrase.split(), phrase.replace("-", " ").split()):  # ZSL: zero-shot learning
        initials = "".join(w[0] for w in words).lower()
        if letters == initials or (len(initials) > 1 and (letters.startswith(initials)
                                                           or letters.endswith(initials))):
            return True
    return False


def find_modifiers(docs, vocab) -> dict[str, list[int]]:
    """Single words the corpus mostly writes in front of other words and seldom after one
    ('sentence' embeddings, 'dense' retrieval, 'unsupervised' learning), each with the
    columns of the longer phrases it begins. Alone such a word names nothing
    ('Retrieval & Dense')."""
    counts = np.asarray(docs.sum(axis=0)).ravel()
    single = {p: counts[j] for j, p in enumerate(vocab) if " " not in p}
    leading: dict[str, list[int]] = {}
    lead_count: Counter[str] = Counter()
    trail_count: Counter[str] = Counter()
    for j, phrase in enumerate(vocab):
        words = phrase.split()
        if len(words) > 1:
            leading.setdefault(words[0], []).append(j)
        if len(words) == 2:
            lead_count[words[0]] += counts[j]
            trail_count[words[1]] += counts[j]
    return {w: leading[w] for w, n in single.items()
            if lead_count[w] >= 0.5 * n and trail_count[w] < 0.2 * n}


def extend_modifiers(top: list[str], modifiers: dict[str, list[int]], doc_freq: np.ndarray,
                      vocab: np.ndarray) -> list[str]:
    """For naming: each lone modifier in ``top`` becomes the phrase it most often begins in
    this area ('sentence' -> 'sentence embeddings'; the longer of two nearly as frequent:
    'graph neural networks', not 'graph neural'), when at least a third of the area's
    papers that use the word use that phrase; otherwise it is left out."""
    out = []
    for phrase in top:
        if phrase not in modifiers:
            out.append(phrase)
            continue
        columns = np.asarray(modifiers[phrase])
        freq = doc_freq[columns]
        close = columns[freq >= 0.8 * freq.max()]
        best = max(close, key=lambda j: (vocab[j].count(" "), doc_freq[j]))
        word_df = doc_freq[np.searchsorted(vocab, phrase)]
        if doc_freq[best] * 3 >= word_df and vocab[best] not in out:
            out.append(str(vocab[best]))
    return out or top


def choose_name(top: list[str], surface: dict[str, str], used: set[str], max_words: int = 5) -> str:
    """The leading phrase joined by '&' to the best other phrase that fits in ``max_words``
    words ('Dense Retrieval & Passage Ranking'). A multi-word phrase among the next four is
    preferred to a single word, an acronym of the leading phrase or a phrase sharing a word
    with it is skipped, and further
    phrases are tried when a name is taken by another area of the level."""
    options = []
    for i, first in enumerate(top):
        rest = [p for p in top[i + 1 :]
                if not is_acronym_of(p, first) and not is_acronym_of(first, p)
                and not word_roots(p) & word_roots(first)
                and len(first.split()) + len(p.split()) <= max_words]
        order = sorted(range(len(rest)), key=lambda r: (r >= 4 or " " not in rest[r], r))
        options += [f"{title_case(first, surface)} & {title_case(rest[r], surface)}" for r in order]
        options.append(title_case(first, surface))
    return next((o for o in options if o.lower() not in used), "")
