"""Phrases: what the authors wrote, cut at stop words and punctuation, and the small
word tools the key phrases and names share (a crude stem, written forms, title case)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["phrases", "bridged_phrases", "BRIDGES", "STOP_WORDS", "RESEARCH_WORDS", "TERM_WORDS",
           "PAPER_FORMS", "paper_form", "a_quantity", "no_subject",
           "GREEK_LETTERS", "TOKEN", "stem", "word_roots", "acronym_like", "a_unit",
           "drop_nested",
           "surface_forms", "pretty", "title_case"]

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
# A unit as papers write it ('Tbit/in2', 'cm3', '13 TeV', '60 GHz'): no acronym, no name
_UNIT = re.compile(r"(?:in|ft|mm|cm|km|nm|um|m)[23]|[kMGTPmnuµ](?:bit|bps|Hz|eV|Pa|dot)s?")
# Words of RESEARCH_WORDS that end or open a term as often as they say how a paper works
# ('sentiment analysis', 'inverse problems', 'LLM evaluation', 'code generation',
# 'modulation code'; 'our code is available'): a phrase may hold them, but none is a phrase
# alone, nor is a phrase of them only ('problem analysis').
TERM_WORDS = frozenset({"analysis", "evaluation", "problem", "problems", "code"})
_BREAKS = STOP_WORDS - TERM_WORDS  # the words a phrase stops at
# Phrases that say what form a paper has, never what it is about ('... (Extended Abstract)'
# in the titles of IJCAI's journal track): no key phrase, no name.
PAPER_FORMS = frozenset({
    "extended abstract", "student abstract", "short paper", "position paper", "invited talk",
    "technical report", "journal track", "sister conference", "demo track",
    "demonstration track", "doctoral consortium", "best paper", "full paper",
    "poster abstract", "survey track",
    # and a clinical paper's: what kind of report it is, whom a case was ('a 45-year-old man')
    "case report", "case series", "literature review", "systematic review", "scoping review",
    "narrative review", "review article", "year-old"})


_PAPER_FORM = re.compile("|".join(sorted(PAPER_FORMS)))


def paper_form(phrase: str) -> bool:
    """Does ``phrase`` hold one of :data:`PAPER_FORMS` ('extended abstracts')?"""
    return _PAPER_FORM.search(phrase) is not None


# How many or how much, not what: a word of size before a word of quantity ('a wide range
# of', 'a large number of', 'the vast majority of'); English, not any field's, and never a
# term of two words ('dynamic range', 'atomic number', 'prime numbers' have no size word)
_SIZES = frozenset("""wide broad large small vast huge great growing increasing diverse
    limited""".split())
_QUANTITIES = frozenset("""range ranges number numbers amount amounts variety majority
    array spectrum body plethora multitude""".split())


def a_quantity(phrase: str) -> bool:
    """Is ``phrase`` a quantity rather than a subject ('wide range', 'large number'; see
    :data:`_SIZES`, :data:`_QUANTITIES`)?"""
    words = phrase.lower().split()
    return len(words) == 2 and words[0] in _SIZES and words[1] in _QUANTITIES


def no_subject(phrase: str) -> bool:
    """Does ``phrase`` say what form a paper has (:func:`paper_form`) or how many
    (:func:`a_quantity`), never what it is about: no key phrase, no name?"""
    return paper_form(phrase) or a_quantity(phrase)


# A word: letters and digits from a letter on, or from one digit followed by a letter ("3D",
# "3DGS", "5G"), never starting inside a run of letters and digits ("100k" is no word).
TOKEN = re.compile(r"(?<![A-Za-z0-9])[0-9]?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:\u02bcs)?")
# A name's possessive before a word, an eponym ('Alzheimer's disease', 'Pott's disease',
# 'Newton's method'): one word with its 's, written with U+02BC (what TOKEN keeps), where
# 'the model's accuracy' keeps its break ('s' is no word)
_POSSESSIVE = re.compile(r"['\u2019]s\b(?=\s+[A-Za-z])")


def _eponym(match: re.Match[str]) -> str:
    text, end = match.string, match.start()
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:end]
    capitalised = len(word) >= 3 and word.isascii() and word[0].isupper() and \
        word[1:].islower() and not (start and text[start - 1].isdigit())  # 'Sat2Sound's'
    return "\u02bcs" if capitalised else match.group(0)


def eponyms(text: str) -> str:
    """``text`` with each eponym's possessive made one word ('Alzheimer\u02bcs disease')."""
    if "'s" not in text and "\u2019s" not in text:  # most texts: no regex pass at all
        return text
    return _POSSESSIVE.sub(_eponym, text)


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
    A Greek letter, or one of :data:`TERM_WORDS`, is a phrase only with other words ('beta
    decay', 'sentiment analysis'; not 'beta', 'analysis')."""
    out: list[str] = []
    for clause in _PUNCTUATION.split(eponyms(text).lower()):
        run: list[str] = []
        for token in [*TOKEN.findall(clause), ""]:
            if token and token not in _BREAKS and len(token) > 1:
                run.append(token)
                continue
            out.extend(w for w in run if w not in GREEK_LETTERS and w not in TERM_WORDS)
            for size in range(2, max_words + 1):
                out.extend(" ".join(run[i : i + size]) for i in range(len(run) - size + 1)
                           if not TERM_WORDS.issuperset(run[i : i + size]))
            run = []
    return out


BRIDGES = frozenset({"and", "of"})  # words a term may hold inside ('theory of mind')


def bridged_phrases(text: str) -> list[str]:
    """Lower-cased phrases with one of :data:`BRIDGES` inside, one or two words of no stop
    word either side: 'simultaneous localization and mapping', 'localization and
    mapping', 'theory of mind' (terms :func:`phrases` cuts at the stop word)."""
    out: list[str] = []
    for clause in _PUNCTUATION.split(eponyms(text).lower()):
        tokens = TOKEN.findall(clause)
        content = [t not in STOP_WORDS and len(t) > 1 and t not in GREEK_LETTERS
                   for t in tokens]
        for i in range(1, len(tokens) - 1):
            if tokens[i] not in BRIDGES or not (content[i - 1] and content[i + 1]):
                continue
            left = [tokens[i - 1]] + ([f"{tokens[i - 2]} {tokens[i - 1]}"]
                                      if i >= 2 and content[i - 2] else [])
            right = [tokens[i + 1]] + ([f"{tokens[i + 1]} {tokens[i + 2]}"]
                                       if i + 2 < len(tokens) and content[i + 2] else [])
            out.extend(f"{a} {tokens[i]} {b}" for a in left for b in right)
    return out


def stem(word: str) -> str:
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


def word_roots(phrase: str, reduce: Callable[[str], str] = stem) -> frozenset[str]:
    """The phrase's words reduced by ``reduce`` (by default the crude :func:`stem`),
    hyphenated parts apart: 'multi-agent systems' -> {multi, agent, system}."""
    return frozenset(reduce(w) for w in phrase.replace("-", " ").split())


@lru_cache(maxsize=1 << 16)  # asked of every word of every name the level has, again
def acronym_like(form: str) -> bool:
    """Is this written form an acronym or a coined name ('LLMs', 'GPT-4o', '3DGS',
    'ImageNet')? Capitals or digits inside a part of the word (not 'Non-Exemplar', whose
    parts are only capitalised), but no unit ('in2', 'GeV': see :func:`a_unit`)."""
    return not a_unit(form) and (any(c.isdigit() for c in form) or any(
        any(c.isupper() for c in part[1:]) for part in form.split("-")))


def a_unit(form: str) -> bool:
    """Is this written form a unit of measure ('in2' and 'Tbit' of 'Tbit/in2', 'cm3', 'GeV',
    'GHz')? It says how much, not of what."""
    return bool(_UNIT.fullmatch(form))


def drop_nested(ranked: list[str], doc_freq: dict[str, int], limit: int = 20) -> list[str]:
    """Merge overlapping phrases, best-ranked first.

    A phrase whose words a kept phrase already covers is skipped ('neural networks' after
    'graph neural networks', 'embedding' after 'embeddings'); a longer phrase that extends a
    kept one and is used by at least half as many papers replaces it ('dense' becomes
    'dense retrieval')."""
    kept: list[str] = []
    for phrase in ranked:
        words = word_roots(phrase)
        covered = next((i for i, k in enumerate(kept) if words <= word_roots(k)), None)
        if covered is not None:
            continue
        extends = [i for i, k in enumerate(kept) if word_roots(k) < words]
        if extends:
            i = extends[0]
            if doc_freq[phrase] * 2 >= doc_freq[kept[i]] and phrase not in kept:
                kept[i] = phrase
                kept = [k for j, k in enumerate(kept) if j == i or not word_roots(k) < words]
            continue
        kept.append(phrase)
        if len(kept) >= limit:
            break
    return kept


def surface_forms(texts: pd.Series) -> dict[str, str]:
    """Most common written form of each word, to restore acronyms (LLMs, GAN, 3D)."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(TOKEN.findall(eponyms(text)))
    best: dict[str, tuple[int, str]] = {}
    for word, count in counter.items():
        low = word.lower()
        if count > best.get(low, (0, ""))[0]:
            best[low] = (count, word)
    return {low: word for low, (_, word) in best.items()}


def pretty(phrase: str, surface: dict[str, str]) -> str:
    return " ".join(surface.get(w, w) for w in phrase.split())


def title_case(phrase: str, surface: dict[str, str]) -> str:
    """'task and motion planning' -> 'Task and Motion Planning'; acronyms as written."""
    words = []
    for i, w in enumerate(phrase.split()):
        form = surface.get(w, w)
        if i and w in ENGLISH_STOP_WORDS:
            words.append(w)
        elif acronym_like(form):
            words.append(form)  # an acronym as written: 'LLMs', 'GPT-4o', '3DGS'
        else:  # 'Vision-Language' and 'vision-language' alike: 'Vision-language'
            words.append(w[:1].upper() + w[1:])
    return " ".join(words)
