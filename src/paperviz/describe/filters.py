"""Filters: which of an area's candidates can be part of its name, and in what form.

Every part is a noun phrase (it ends in a noun and begins with no verb: "Numerical",
"Classifiers Trained" and "Improving LLMs" are no name parts), says an idea of its own (not
a shorter form of a better-ranked candidate), and is not a word every area uses
("Feature", "Training"). A phrase that is no noun phrase is extended to the phrase it most
often begins in the area ("multimodal" -> "multimodal reasoning"), or left out; a single
word most of whose uses in the area end one term is that term ("estimation" -> "pose
estimation"); below the top, a single word that names topics in many of OpenAlex's fields
("Dynamics", "Synthesis", "Imaging") is made specific, or left out. Which part names the
area: :mod:`paperviz.describe.scores` orders them,
:mod:`paperviz.describe.choice` chooses. The facts about words these filters ask (parts of
speech, how the corpus writes a word, general-English frequency) are
:mod:`paperviz.describe.words`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .counts import PhraseCounts, PhraseIndex
from .openalex import vague_alone
from .phrases import a_quantity, no_subject
from .words import (
    ES_PLURAL_OF,
    WordUsage,
    a_noun,
    english_zipf,
    is_acronym_of,
    is_noun_phrase,
    repeats,
    same_idea,
    stands_alone,
)

__all__ = ["phrase_parts", "keyword_part", "joined", "bridged", "whole_term", "genericness",
           "bare_term", "ARTEFACTS",
           "NEARLY_ALL", "NEARLY_AS_MANY", "A_THIRD", "BARE_SHARE", "SPECIFY_SHARE",
           "ENDS_ONE_TERM", "GENERIC_SHARE", "GENERIC_AREAS", "RARE_SHARE", "RARE_AREAS",
           "COMMON_WORD", "OWN_SHARE", "OWN_RATIO", "TECHNICAL_WORD",
           "COMMON_PAIR"]

# How often two phrases go together, as shares of one's papers (docs/names.md, "Filters")
NEARLY_ALL = 0.8  # a phrase nearly always continued or joined ('monte carlo tree' search)
NEARLY_AS_MANY = 0.8  # of the best count, for longer phrases that tie
A_THIRD = 3  # a longer phrase 1/A_THIRD of a phrase's papers use can stand for it
BARE_SHARE = 0.5  # a phrase written alone in more of its uses than this is not cut short
SPECIFY_SHARE = 0.25  # a word too vague alone becomes the phrase this share ends with it
ENDS_ONE_TERM = 0.5  # a word half of whose uses end one phrase is that term ('estimation')
# Generic (names no area of the level): used by GENERIC_SHARE of the papers in
# GENERIC_AREAS of the areas, or by RARE_SHARE in RARE_AREAS of them (levels of
# GENERIC_FROM areas or more); or so common in general English (wordfreq's Zipf scale) that
# it says too little alone: one word of COMMON_WORD or more ('rate', 'distance', 'feature';
# 'robots', 'retrieval' are below), two words of COMMON_PAIR or more each ('long time')
GENERIC_SHARE, GENERIC_AREAS = 0.05, 0.5
RARE_SHARE, RARE_AREAS = 0.01, 0.8
GENERIC_FROM = 4
# ... unless the area is its subject: a phrase used by OWN_SHARE of one area's papers, the
# most of any, OWN_RATIO times the level's median share, holding a word of six letters or
# more rarer in general English than TECHNICAL_WORD ('psoas abscess' in a corpus of
# abscesses whose every area mentions it, 'imitation learning' in one of robot learning;
# never 'language models', 'neural networks', 'planning', 'LLMs': docs/names.md,
# sessions 26 and 27)
OWN_SHARE, OWN_RATIO, TECHNICAL_WORD = 0.5, 3.0, 3.5
COMMON_WORD = 4.5
COMMON_PAIR = 5.5
# Words for what a field makes: a generic term followed by one is as generic ('deep
# learning models'; see bare_term; 'method', 'framework', 'system' are stop words)
ARTEFACTS = frozenset({"model", "models", "systems", "algorithm", "algorithms", "data"})


def genericness(doc_freq, sizes) -> Callable[..., bool]:
    """A test of the phrases (by text and column of ``doc_freq``, areas x phrases) that
    name no area of this level: used by at least ``GENERIC_SHARE`` of the papers in
    ``GENERIC_AREAS`` of the level's areas, or by ``RARE_SHARE`` in ``RARE_AREAS`` of them
    ('future research', 'project page'), or too common in general English to say enough
    alone (see :data:`COMMON_WORD`), or the form of a paper rather than its subject
    ('extended abstract', see :data:`paperviz.describe.phrases.PAPER_FORMS`) or a quantity
    ('wide range', see :func:`paperviz.describe.phrases.a_quantity`). Asked for the
    area in ``row`` (of ``doc_freq``), a phrase used across the level is not generic where
    that area is its subject (see :data:`OWN_SHARE`): in a corpus of one subject, siblings
    mention each other's."""
    sizes = np.maximum(sizes, 1)
    memo: dict[int, tuple[bool, bool]] = {}  # column: (used across the level, plainly so)

    def is_generic(phrase: str, column: int, row: int | None = None) -> bool:
        if column not in memo:
            words = phrase.split()
            share = doc_freq[:, column] / sizes
            memo[column] = (
                bool(len(sizes) >= GENERIC_FROM
                     and ((share >= GENERIC_SHARE).mean() >= GENERIC_AREAS
                          or (share >= RARE_SHARE).mean() >= RARE_AREAS)),
                bool((len(words) == 1 and english_zipf(phrase) >= COMMON_WORD)
                     or (len(words) == 2 and min(map(english_zipf, words)) >= COMMON_PAIR)
                     or no_subject(phrase)))
        across, plainly = memo[column]
        if plainly or not across:
            return plainly
        return row is None or not _subject_of(phrase, doc_freq[:, column] / sizes, row)

    return is_generic


def _subject_of(phrase: str, share: np.ndarray, row: int) -> bool:
    """Is the area in ``row`` the subject of a technical ``phrase`` its level's areas use
    (``share``: of each area's papers)? See :data:`OWN_SHARE`."""
    return bool(share.argmax() == row and share[row] >= OWN_SHARE
                and share[row] >= OWN_RATIO * np.median(share)
                and any(len(word) > 5 and english_zipf(word) < TECHNICAL_WORD
                        for word in phrase.split()))  # 'abscess'; no acronym ('llms')


def keyword_part(term: str, usage: WordUsage, surface: dict[str, str]) -> bool:
    """Can the authors' keyword ``term`` be a name part, as a phrase must (a noun phrase; a
    single word only one that can stand alone)? Not generic is asked apart (see
    :func:`genericness`)."""
    if not term[:1].isalnum() or (" " not in term and not stands_alone(term,
                                                                      surface.get(term))):
        return False
    return is_noun_phrase(term, usage, surface)


def _extend(phrase: str, index: PhraseIndex, doc_freq: np.ndarray, usage: WordUsage,
            surface: dict[str, str], area_min: float = np.inf) -> str | None:
    """The longer noun phrase that ``phrase`` most often begins in this area ('sentence' ->
    'sentence embeddings'; of two nearly as frequent, the longer: 'graph neural networks',
    not 'graph neural'), if at least a third of the area's papers that use ``phrase`` use
    it, or ``area_min`` papers do; else None."""
    longer = np.asarray(index.longer.get(phrase, []), dtype=int)
    longer = longer[doc_freq[longer] > 0]  # in this area (the noun test is the slow part)
    if phrase in index.column and len(longer):
        own = doc_freq[index.column[phrase]]
        longer = longer[(doc_freq[longer] * A_THIRD >= own) | (doc_freq[longer] >= area_min)]
    columns = [j for j in longer if is_noun_phrase(index.vocab[j], usage, surface)]
    if not columns:
        return None
    columns = np.asarray(columns)
    freq = doc_freq[columns]
    close = columns[freq >= NEARLY_AS_MANY * freq.max()]
    best = max(close, key=lambda j: (index.vocab[j].count(" "), doc_freq[j]))
    own = doc_freq[index.column[phrase]] if phrase in index.column else freq.max()
    return str(index.vocab[best]) if doc_freq[best] > 0 and (
        doc_freq[best] * A_THIRD >= own or doc_freq[best] >= area_min) else None


def _specify(word: str, index: PhraseIndex, doc_freq: np.ndarray, usage: WordUsage,
             surface: dict[str, str], generic: Callable[[str, int], bool],
             area_min: float = np.inf, share: float = SPECIFY_SHARE) -> str | None:
    """The phrase that most often ends with ``word`` in this area, when a word says too
    little alone ('agents' -> 'LLM agents', 'rate' -> 'learning rate'): used by at least
    ``share`` of the area's papers that use the word, or by ``area_min`` papers, a noun
    phrase and not generic; else None."""
    ending = np.asarray(index.ending.get(word, []), dtype=int)
    ending = ending[doc_freq[ending] > 0]
    own = doc_freq[index.column[word]] if word in index.column else 0
    if own and len(ending):  # only those that could be chosen (the noun test is slow)
        ending = ending[(doc_freq[ending] >= share * own) | (doc_freq[ending] >= area_min)]
    columns = [j for j in ending if is_noun_phrase(index.vocab[j], usage, surface)
               and not generic(index.vocab[j], j)]
    if not columns:
        return None
    best = max(columns, key=lambda j: (doc_freq[j], -index.vocab[j].count(" ")))
    own = doc_freq[index.column[word]] if word in index.column else doc_freq[best]
    return str(index.vocab[best]) if doc_freq[best] >= share * own or \
        doc_freq[best] >= area_min else None


def _complete(phrase: str, index: PhraseIndex, doc_freq: np.ndarray, usage: WordUsage,
              surface: dict[str, str],
              occurrences: Callable[[], np.ndarray] | None = None) -> str:
    """The longer phrase ``phrase`` is nearly always the start of in this area ('automatic
    speech' -> 'automatic speech recognition': used by at least 80% of its papers); or, for
    a phrase the area nearly always continues with one noun or another (a term cut at its
    end: 'neural program' synthesis or induction), its commonest continuation, when a third
    of its papers use it and the area writes it alone in no more than ``BARE_SHARE`` of its
    uses (``occurrences``: gives the area's count of each phrase; None: not asked); else
    ``phrase`` itself. 'Time series' stays whole: IJCAI's time-series papers write it
    before 'data', 'forecasting', 'classification' or 'analysis', each a corner of them,
    and alone in 56% of its uses."""
    own = doc_freq[index.column[phrase]]
    longer = [j for j in index.longer.get(phrase, []) if doc_freq[j] >= NEARLY_ALL * own > 0]
    if longer:
        return str(index.vocab[max(longer, key=lambda j: doc_freq[j])])
    words = phrase.count(" ") + 2
    next_word = [j for j in index.longer.get(phrase, []) if doc_freq[j] > 0
                 and index.vocab[j].count(" ") + 1 == words]
    if not next_word or doc_freq[next_word].sum() < NEARLY_ALL * own \
            or A_THIRD * doc_freq[next_word].max() < own:
        return phrase  # (the noun test, the slow part, only where it could change this)
    next_word = [j for j in next_word if is_noun_phrase(index.vocab[j], usage, surface)]
    if next_word and doc_freq[next_word].sum() >= NEARLY_ALL * own:
        best = max(next_word, key=lambda j: doc_freq[j])
        if A_THIRD * doc_freq[best] >= own and not _written_alone(phrase, index, occurrences):
            return str(index.vocab[best])
    return phrase


def _written_alone(phrase: str, index: PhraseIndex,
                   occurrences: Callable[[], np.ndarray] | None) -> bool:
    """Is ``phrase``, of two words or more, continued by no word of the vocabulary in more
    than ``BARE_SHARE`` of its uses in the area (``occurrences``: gives its count of each
    phrase)? A single word is made specific or not by :func:`_specify`."""
    if occurrences is None or " " not in phrase:
        return False
    uses = occurrences()  # (asked rarely: counted only then)
    n_words = phrase.count(" ") + 2
    continued = [j for j in index.longer.get(phrase, [])
                 if index.vocab[j].count(" ") + 1 == n_words]
    total = uses[index.column[phrase]]
    return total > 0 and total - uses[continued].sum() > BARE_SHARE * total


def joined(phrase: str, index: PhraseIndex, together: Callable[[int, list[int]], np.ndarray],
           usage: WordUsage, surface: dict[str, str]) -> str:
    """A term longer than the vocabulary's phrases, cut at one end: ``phrase`` with the word
    of the phrase that overlaps it by all but one word, where the corpus nearly always
    writes the two together (``NEARLY_ALL`` of the papers; ``together``: for a column and
    others, the share of the first's papers using each). At its start, where the papers
    using ``phrase`` use the other ('sensing image segmentation': 'remote sensing image';
    'relative policy optimization': 'group relative policy'); at its end, where also those
    using the other use ``phrase`` ('monte carlo tree' and 'carlo tree search'). Where they
    do not, the first word is no part of the term, and the other phrase is it ('custom
    convolutional neural' -> 'convolutional neural network', '3d human pose' -> 'human pose
    estimation'; the 40k map's 'Sensor-based Human Activity'). Else ``phrase``."""
    words = phrase.split()
    if len(words) < 3 or phrase not in index.column:
        return phrase
    inner = len(words) - 1
    options = [(j, f"{phrase} {index.vocab[j].rsplit(' ', 1)[1]}", True)
               for j in index.longer.get(" ".join(words[1:]), [])
               if index.vocab[j].count(" ") == inner]
    options += [(j, f"{index.vocab[j].split(' ', 1)[0]} {phrase}", False)
                for j in index.preceding.get(" ".join(words[:-1]), [])
                if index.vocab[j].count(" ") == inner]
    if not options:
        return phrase
    column = index.column[phrase]
    shares = together(column, [j for j, _, _ in options])
    for k in np.argsort(-shares, kind="stable"):
        if shares[k] < NEARLY_ALL:
            break
        other, longer, at_end = options[k]
        if at_end and together(other, [column])[0] < NEARLY_ALL:
            if is_noun_phrase(str(index.vocab[other]), usage, surface):
                return str(index.vocab[other])  # (its own papers are its evidence)
            continue
        if len(set(longer.split())) == len(words) + 1 and is_noun_phrase(longer, usage, surface):
            return longer
    return phrase


def bridged(phrase: str, counts: PhraseCounts) -> str:
    """A term with 'and' or 'of' inside, which phrases cut at the stop word: ``phrase``
    with the words the corpus nearly always (``NEARLY_ALL`` of the papers using it) writes
    after it across an 'and' ('simultaneous localization' and mapping, 'integrated
    sensing' and communication) or before it across an 'of' (zone of 'proximal
    development'; see :meth:`PhraseCounts.bridged`), when the whole is a noun phrase and
    not a quantity of it ('a wide range of' referring expressions); else ``phrase``."""
    words = phrase.count(" ") + 1
    if words > 2 or phrase not in counts.index.column:
        return phrase
    own = counts.corpus_uses[counts.index.column[phrase]]
    for longer, uses in sorted(counts.bridged(phrase), key=lambda pair: -pair[1]):
        if uses < NEARLY_ALL * own:
            break
        if len(set(longer.split())) == longer.count(" ") + 1 and \
                not a_quantity(longer.partition(" of ")[0]) and \
                is_noun_phrase(longer, counts.usage, counts.surface):
            return longer
    return phrase


def whole_term(phrase: str, counts: PhraseCounts) -> str:
    """``phrase`` made whole where the vocabulary cut it: longer than three words (see
    :func:`joined`), or across an 'and' or 'of' (see :func:`bridged`)."""
    longer = joined(phrase, counts.index, counts.together, counts.usage, counts.surface)
    return bridged(longer, counts)


def phrase_parts(ranked: list[str], *, counts: PhraseCounts, doc_freq: np.ndarray,
                 generic: Callable[[str, int], bool], area_min: float = np.inf,
                 made_whole: Callable[[str], str] | None = None,
                 occurrences: Callable[[], np.ndarray] | None = None,
                 below_top: bool = False) -> list[tuple[str, int]]:
    """The phrases of ``ranked`` (best first; ``counts``: the corpus's) that can be name
    parts: noun phrases (others extended to the phrase they begin, see :func:`_extend`), a
    single word only when it can stand alone, is not generic and names no things the
    corpus mostly writes in the plural (see :meth:`~paperviz.describe.words.WordUsage.
    a_count_noun`; others made specific by the phrase they most often end, see
    :func:`_specify`), none ``generic(phrase,
    column)``, and none a shorter form of an idea a better-ranked candidate already says;
    with ``made_whole``, a term the vocabulary cut made whole (see :func:`whole_term`; a
    phrase cut at its end becomes the phrase it continues into, judged on that one's papers);
    ``occurrences``: gives the area's count of each phrase (see :func:`_complete`), or
    None; ``below_top``: a level below the top, where a generic term after a generic
    adjective is as generic (see :func:`_holds_generic`) and a single word too vague alone
    (:func:`paperviz.describe.openalex.vague_alone`: 'Dynamics', 'Synthesis') is made
    specific or left out. Each with the vocabulary column whose papers are its evidence."""

    index, usage, surface = counts.index, counts.usage, counts.surface

    def whole(phrase: str) -> str | None:
        longer = made_whole(phrase) if made_whole else phrase
        return longer if longer != phrase else None

    out: list[tuple[str, int]] = []
    for phrase in ranked:
        term = None
        if not is_noun_phrase(phrase, usage, surface):
            term = whole(phrase)  # 'monte carlo tree', whose 'tree' mostly modifies
            phrase = phrase if term else _extend(phrase, index, doc_freq, usage, surface,
                                                 area_min)
        elif " " not in phrase and (not stands_alone(phrase, surface.get(phrase))
                                    or generic(phrase, index.column[phrase])
                                    or usage.a_count_noun(phrase, surface.get(phrase))
                                    or (below_top and vague_alone(phrase))):
            phrase = _specify(phrase, index, doc_freq, usage, surface, generic, area_min)
        elif " " not in phrase:  # the term most of its uses end ('estimation' in an area
            # whose papers mostly write 'pose estimation'), where there is one
            phrase = _specify(phrase, index, doc_freq, usage, surface, generic,
                              share=ENDS_ONE_TERM) or phrase
        if phrase is None or len(set(phrase.split())) < phrase.count(" ") + 1:
            continue  # nothing, or a word twice ('pi pi')
        if term is None:
            phrase = _complete(phrase, index, doc_freq, usage, surface, occurrences)
            term = whole(phrase) or phrase
        if _holds_generic(term, index, usage, surface, generic, below_top):
            continue  # 'deep learning models', 'deep reinforcement learning'
        column = index.column[phrase]
        if term in index.column:  # completed, or cut at its end and continued: the
            phrase, column = term, index.column[term]  # term's own papers are its evidence
        if any(term == kept for kept, _ in out) or generic(phrase, column):
            continue
        if any(_says_again(term, kept, surface) for kept, _ in out):
            continue  # a shorter form of an idea already listed
        out.append((term, column))
    return out


def _holds_generic(term: str, index: PhraseIndex, usage: WordUsage, surface: dict[str, str],
                   generic: Callable[[str, int], bool], below_top: bool) -> bool:
    """Is ``term`` as generic as a generic term of two words or more it holds: before a
    word for what a field makes ('deep learning models', see :func:`bare_term`; 'large
    language' of 'large language models' is no term); below the top, after a word the
    dictionary does not know as a noun ('deep', 'pretrained', 'convolutional') that is
    generic at the level too ('deep reinforcement learning' among CoRL's robot-learning
    areas)? A noun in front makes a kind of its own ('vision language models' where
    'vision' and 'language models' are everywhere), and so does a word used in few of the
    level's areas ('offline reinforcement learning')."""
    def is_generic(phrase: str) -> bool:
        return phrase in index.column and is_noun_phrase(phrase, usage, surface) \
            and generic(phrase, index.column[phrase])

    bare = bare_term(term)
    if bare is not None and is_generic(bare):
        return True
    first, _, rest = term.partition(" ")
    return below_top and rest.count(" ") >= 1 and not a_noun(first) \
        and first in index.column and generic(first, index.column[first]) \
        and is_generic(rest)


def bare_term(term: str) -> str | None:
    """The term of two words or more that ``term`` names before a word for what a field
    makes (``ARTEFACTS``: 'deep learning' of 'deep learning models', 'object detection' of
    'object detection models'); else None."""
    words = term.split()
    return " ".join(words[:-1]) if len(words) > 2 and words[-1] in ARTEFACTS else None


def _es_plural(plural: str, singular: str) -> bool:
    """Is ``plural`` ``singular`` with its last word in '-es' ('markov decision processes')?
    The two stay candidates side by side, which :func:`paperviz.describe.scores.rank`
    counts as one term (the papers using either), as they were while 'process' and
    'processes' had different roots; other plurals ('black holes') are dropped beside their
    singular."""
    return plural == singular + "es" and singular.endswith(ES_PLURAL_OF)


def _says_again(term: str, kept: str, surface: dict[str, str]) -> bool:
    """Is ``term`` a shorter form of the idea ``kept`` (listed before it) says: a word
    sharing a root with it ('poses' after 'pose estimation'), a phrase whose words it
    holds, or an acronym of it. Two phrases sharing a word are two ideas: 'GUI agents' after
    'multi-agent reinforcement learning', 'knowledge graph' after 'graph neural networks'."""
    if term.count(" ") > kept.count(" ") or not same_idea(term, kept, surface) \
            or _es_plural(term, kept) or _es_plural(kept, term):
        return False
    return " " not in term or repeats(term, kept, surface) or is_acronym_of(
        term, kept, surface) or is_acronym_of(kept, term, surface)
