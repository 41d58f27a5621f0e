"""Describe each area: a readable name, key phrases (c-TF-IDF), representative papers.

Key phrases are runs of up to three words that contain no stop word, so a phrase is
something the authors wrote ("graph neural networks"), never a bridge across a removed word.
They are scored by class-based TF-IDF: frequent in the area, rare in the others.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

__all__ = ["describe_levels", "STOP_WORDS", "phrases", "Namer"]

# Words every abstract uses: they say nothing about what an area studies.
RESEARCH_WORDS = frozenset(
    """paper papers propose proposed proposes method methods result results approach approaches
    novel new show shows shown demonstrate demonstrates present presents introduce introduces
    study studies work works use used using based existing state art performance task tasks
    experiments experimental extensive significantly significant outperforms outperform
    effective effectiveness efficient improve improved improves improvement problem problems
    framework frameworks technique techniques achieve achieves achieved different various
    set sets able way ways recent recently well also however furthermore moreover paper's
    github com https http code available provide provides provided key important propose
    analysis analyze investigate evaluate evaluation demonstrated benchmark benchmarks
    datasets dataset strong simple make makes allow allows enable enables given high low
    large small number challenge challenges challenging existing previous prior like
    art sota many first second general specific particular potential including include""".split()
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | RESEARCH_WORDS | {"et", "al", "e.g", "i.e", "vs"}
# A word: letters and digits from a letter on, or from one digit followed by a letter ("3D",
# "3DGS", "5G"), never starting inside a run of letters and digits ("100k" is no word).
_TOKEN = re.compile(r"(?<![A-Za-z0-9])[0-9]?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
# Greek letters, written out by LaTeX-free abstracts ("pi", "mu", "psi"): variables and
# particles, never on their own what an area is about ("beta decay" is still a phrase).
GREEK_LETTERS = frozenset(
    """alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi
    rho sigma tau upsilon phi chi psi omega""".split()
)
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]{}\"/]|\s-\s|\s'|'\s")


def phrases(text: str, max_words: int = 3) -> list[str]:
    """Lower-cased phrases of 1..``max_words`` words with no stop word and no punctuation
    inside: 'language models (LLMs)' gives 'language models' and 'llms', never 'models llms'.
    A Greek letter is a phrase only with other words ('beta decay', not 'beta')."""
    out: list[str] = []
    for clause in _PUNCTUATION.split(text.lower()):
        run: list[str] = []
        for token in [*_TOKEN.findall(clause), ""]:
            if token and token not in STOP_WORDS and len(token) > 1:
                run.append(token)
                continue
            out.extend(w for w in run if w not in GREEK_LETTERS)
            for size in range(2, max_words + 1):
                out.extend(" ".join(run[i : i + size]) for i in range(len(run) - size + 1))
            run = []
    return out


Namer = Callable[[list[str], list[str]], str]
COLUMNS = ["level", "area", "name", "parent", "children", "size", "share", "key_phrases",
           "representative_ids", "representative_titles", "similar_areas"]


def describe_levels(
    corpus: pd.DataFrame,
    levels: dict[str, np.ndarray],
    embeddings: np.ndarray,
    *,
    n_phrases: int = 8,
    n_representative: int = 3,
    n_similar: int = 3,
    namer: Namer | None = None,
) -> pd.DataFrame:
    """Summaries of every area at every level: one row per (level, area).

    Parameters
    ----------
    corpus
        Needs ``paper_id``, ``title`` and ``text``.
    levels
        Level name to one area number per paper, coarse to fine (``{"area": ...,
        "subarea": ...}``); each finer area lies inside one area of the level before.
        Papers numbered -1 (unassigned) are in no area.
    embeddings
        Unit vectors, row-aligned with ``corpus``: representative papers are the ones
        nearest their area's mean direction, similar areas the ones with the nearest means.
    n_phrases, n_representative, n_similar
        How many key phrases, representative papers and similar areas to list.
    namer
        Optional ``namer(key_phrases, representative_titles) -> name``, for instance a call
        to a language model. Not called unless given; a name it returns that is empty or
        already taken falls back to the built-in one.

    Returns
    -------
    DataFrame
        Columns ``level``, ``area``, ``name`` (2-5 words, unique within its level),
        ``parent`` (area number in the level before; -1 at the top), ``children``, ``size``,
        ``share``, ``key_phrases``, ``representative_ids``, ``representative_titles``,
        ``similar_areas`` (names of the most similar areas of the same level). A sub-area's
        name also differs from every name of the level above.
    """
    texts = corpus["text"].tolist()
    # A phrase in a single paper names no area; dropping those keeps the vocabulary (and the
    # areas x phrases arrays below) small on large corpora.
    vectorizer = CountVectorizer(analyzer=phrases, dtype=np.float32,
                                 min_df=2 if len(texts) >= 50 else 1)
    docs = vectorizer.fit_transform(texts).tocsr()
    vocab = vectorizer.get_feature_names_out()
    surface = _surface_forms(corpus["text"])
    modifiers = _modifiers(docs, vocab)
    names = list(levels)
    parts: list[pd.DataFrame] = []
    for depth, level in enumerate(names):
        labels = np.asarray(levels[level])
        finer = np.asarray(levels[names[depth + 1]]) if depth + 1 < len(names) else None
        coarser = np.asarray(levels[names[depth - 1]]) if depth > 0 else None
        taken = {n.lower() for n in parts[-1]["name"]} if parts else set()
        parts.append(_describe_level(
            corpus, docs, vocab, surface, labels, embeddings, finer, coarser,
            n_phrases=n_phrases, n_representative=n_representative, n_similar=n_similar,
            namer=namer, taken=taken, modifiers=modifiers,
        ).assign(level=level))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def _describe_level(corpus, docs, vocab, surface, labels, embeddings, finer, coarser, *,
                    n_phrases, n_representative, n_similar, namer, taken,
                    modifiers=None) -> pd.DataFrame:
    """Summaries of one level; names avoid ``taken`` (the names of the level above)."""
    ids = sorted(int(a) for a in np.unique(labels) if a >= 0)
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    n_words = np.array([1.0 + phrase.count(" ") for phrase in vocab], dtype=np.float32)
    scores, doc_freq = _ctfidf(docs, labels, ids, n_words)
    if coarser is not None:
        scores = scores * _sibling_idf(docs, labels, coarser, ids)
    if finer is not None:
        scores = scores * (0.5 + _coverage(docs, labels, finer, ids))
    sizes = np.array([(labels == a).sum() for a in ids])
    tops = _top_phrases(scores, doc_freq, vocab, sizes, n_phrases)
    # Second pass: a word that leads many areas' lists tells them apart from none; weigh it
    # down so each area keeps the phrases that are its own.
    spread = Counter(w for top in tops for w in {_stem(w) for p in top for w in p.split()})
    penalty = np.array([max((spread[_stem(w)] for w in p.split()), default=1) for p in vocab])
    tops = _top_phrases(scores / np.sqrt(np.maximum(penalty, 1)), doc_freq, vocab, sizes,
                        n_phrases)
    centres = _centres(embeddings, labels, ids)
    rows, used = [], set(taken)
    for row, area in enumerate(ids):
        members = np.flatnonzero(labels == area)
        top = tops[row]
        rep = members[np.argsort(-(embeddings[members] @ centres[row]), kind="stable")]
        rep = rep[:n_representative]
        key_phrases = [_pretty(p, surface) for p in top]
        titles = corpus["title"].iloc[rep].tolist()
        name = _name(_extend_modifiers(top, modifiers or {}, doc_freq[row], vocab), surface,
                     used)
        if namer is not None:
            proposed = str(namer(key_phrases, titles) or "").strip()
            name = proposed if proposed and proposed.lower() not in used else name
        name = name or f"Area {area + 1}"
        used.add(name.lower())
        rows.append({
            "area": area,
            "name": name,
            "parent": int(pd.Series(coarser[members]).mode().iloc[0]) if coarser is not None
            else -1,
            "children": sorted(int(c) for c in np.unique(finer[members])) if finer is not None
            else [],
            "size": len(members),
            "share": len(members) / len(labels),
            "key_phrases": key_phrases,
            "representative_ids": corpus["paper_id"].iloc[rep].tolist(),
            "representative_titles": titles,
        })
    table = pd.DataFrame(rows)
    sims = centres @ centres.T
    np.fill_diagonal(sims, -np.inf)
    table["similar_areas"] = [
        [table["name"].iloc[j] for j in np.argsort(-sims[i], kind="stable")[:n_similar]
         if np.isfinite(sims[i, j])]
        for i in range(len(ids))
    ]
    return table


def _top_phrases(scores, doc_freq, vocab, sizes, n_phrases) -> list[list[str]]:
    """Each area's best phrases: used by at least 10% of its papers (2 at least, unless the
    area is tiny), overlapping phrases merged."""
    tops = []
    for row, size in enumerate(sizes):
        min_docs = max(2, int(np.ceil(0.1 * size))) if size >= 4 else 1
        best = [j for j in np.argsort(-scores[row], kind="stable")[:400]
                if scores[row, j] > 0 and doc_freq[row, j] >= min_docs]
        tops.append(_drop_nested([vocab[j] for j in best],
                                 {vocab[j]: int(doc_freq[row, j]) for j in best})[:n_phrases])
    return tops


def _sibling_idf(docs, labels: np.ndarray, coarser: np.ndarray, ids: list[int]) -> np.ndarray:
    """Rarity of each phrase among the papers of the area's parent: a sub-area is named by
    what sets it apart from its siblings, not by what the whole parent area shares."""
    out = np.ones((len(ids), docs.shape[1]), dtype=np.float32)
    present = docs > 0
    for parent in np.unique(coarser):
        inside = coarser == parent
        df = np.asarray(present[inside].sum(axis=0)).ravel()
        idf = np.log((1 + inside.sum()) / (1 + df)) + 1.0
        for row, area in enumerate(ids):
            if coarser[labels == area][0] == parent:
                out[row] = idf
    return out


def _centres(embeddings: np.ndarray, labels: np.ndarray, ids: list[int]) -> np.ndarray:
    centres = np.stack([embeddings[labels == a].mean(axis=0) for a in ids])
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    return centres / np.where(norms > 0, norms, 1.0)


def _coverage(docs, labels: np.ndarray, finer: np.ndarray, ids: list[int]) -> np.ndarray:
    """For each area and phrase: the share of the area's sub-areas in which at least 10% of
    the papers use the phrase. A parent named by phrases its sub-areas share reads as their
    common heading rather than as its largest sub-area."""
    out = np.zeros((len(ids), docs.shape[1]), dtype=np.float32)
    present = docs > 0
    for row, area in enumerate(ids):
        children = np.unique(finer[labels == area])
        for child in children:
            members = finer == child
            share = np.asarray(present[members].sum(axis=0)).ravel() / members.sum()
            out[row] += share >= 0.1
        out[row] /= max(len(children), 1)
    return out


def _ctfidf(docs, labels: np.ndarray, ids: list[int], n_words: np.ndarray):
    """Class-based TF-IDF of each phrase in each area, and its document frequency there."""
    counts = np.vstack([np.asarray(docs[labels == a].sum(axis=0)).ravel() for a in ids])
    doc_freq = np.vstack([np.asarray((docs[labels == a] > 0).sum(axis=0)).ravel() for a in ids])
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    # Rarity across papers (not across areas, which are too few for a sharp idf): a word in
    # half of all abstracts ("learning", "model") names no area.
    corpus_df = np.asarray((docs > 0).sum(axis=0)).ravel()
    idf = np.log((1 + docs.shape[0]) / (1 + corpus_df))
    # Multi-word phrases are rarer but say more than their words: weight by length.
    return tf * idf * np.sqrt(n_words), doc_freq


def _stem(word: str) -> str:
    """A crude stem: 'networks' -> 'network', 'classes' -> 'class', 'embeddings' and
    'embedding' -> 'embedd', 'meshes' -> 'mesh', 'caches' and 'cache' -> 'cach'; enough to
    spot repeats."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("es") and (word[-3] in "sxz" or word[-4:-2] in
                                                     ("ch", "sh")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 6 and word.endswith("ic"):  # 'robotic' -> 'robot'
        word = word[:-2]
    elif len(word) > 4 and word[-3:] in ("che", "she"):  # 'cache', as 'caches' -> 'cach'
        word = word[:-1]
    return word


def _words(phrase: str) -> frozenset[str]:
    """Stemmed words, hyphenated parts apart: 'multi-agent systems' -> {multi, agent, system}."""
    return frozenset(_stem(w) for w in phrase.replace("-", " ").split())


def _drop_nested(ranked: list[str], doc_freq: dict[str, int], limit: int = 20) -> list[str]:
    """Merge overlapping phrases, best-ranked first.

    A phrase whose words a kept phrase already covers is skipped ('neural networks' after
    'graph neural networks', 'embedding' after 'embeddings'); a longer phrase that extends a
    kept one and is used by at least half as many papers replaces it ('dense' becomes
    'dense retrieval')."""
    kept: list[str] = []
    for phrase in ranked:
        words = _words(phrase)
        covered = next((i for i, k in enumerate(kept) if words <= _words(k)), None)
        if covered is not None:
            continue
        extends = [i for i, k in enumerate(kept) if _words(k) < words]
        if extends:
            i = extends[0]
            if doc_freq[phrase] * 2 >= doc_freq[kept[i]] and phrase not in kept:
                kept[i] = phrase
                kept = [k for j, k in enumerate(kept) if j == i or not _words(k) < words]
            continue
        kept.append(phrase)
        if len(kept) >= limit:
            break
    return kept


def _surface_forms(texts: pd.Series) -> dict[str, str]:
    """Most common written form of each word, to restore acronyms (LLMs, GAN, 3D)."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(_TOKEN.findall(text))
    best: dict[str, tuple[int, str]] = {}
    for word, count in counter.items():
        low = word.lower()
        if count > best.get(low, (0, ""))[0]:
            best[low] = (count, word)
    return {low: word for low, (_, word) in best.items()}


def _pretty(phrase: str, surface: dict[str, str]) -> str:
    return " ".join(surface.get(w, w) for w in phrase.split())


def _title(phrase: str, surface: dict[str, str]) -> str:
    words = []
    for w in phrase.split():
        form = surface.get(w, w)
        words.append(form if any(c.isupper() for c in form[1:]) else form[:1].upper() + form[1:])
    return " ".join(words)


def _is_acronym_of(short: str, phrase: str) -> bool:
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


def _modifiers(docs, vocab) -> dict[str, list[int]]:
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


def _extend_modifiers(top: list[str], modifiers: dict[str, list[int]], doc_freq: np.ndarray,
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


def _name(top: list[str], surface: dict[str, str], used: set[str], max_words: int = 5) -> str:
    """The leading phrase joined by '&' to the best other phrase that fits in ``max_words``
    words ('Dense Retrieval & Passage Ranking'). A multi-word phrase among the next four is
    preferred to a single word, an acronym of the leading phrase or a phrase sharing a word
    with it is skipped, and further
    phrases are tried when a name is taken by another area of the level."""
    options = []
    for i, first in enumerate(top):
        rest = [p for p in top[i + 1 :]
                if not _is_acronym_of(p, first) and not _is_acronym_of(first, p)
                and not _words(p) & _words(first)
                and len(first.split()) + len(p.split()) <= max_words]
        order = sorted(range(len(rest)), key=lambda r: (r >= 4 or " " not in rest[r], r))
        options += [f"{_title(first, surface)} & {_title(rest[r], surface)}" for r in order]
        options.append(_title(first, surface))
    return next((o for o in options if o.lower() not in used), "")
