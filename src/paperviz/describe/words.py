"""What kind of word is this? The facts a name is checked against.

- Parts of speech from lemminflect's English dictionary (offline, in its wheel), and how the
  corpus's authors write each word: mostly in front of another word ("3D", "visual",
  "reinforcement"), or ending a phrase ("segmentation").
- General-English frequency from wordfreq (Zipf scale: 6 is "the", 3 a word in a million).
- Roots, so that two forms of one word ("tokenization", "tokenizer"; "emotion",
  "emotional") count as one idea.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .phrases import STOP_WORDS, TERM_WORDS, TOKEN, a_unit, acronym_like, word_roots

__all__ = ["WordUsage", "word_usage", "a_noun", "can_head", "is_noun_phrase", "stands_alone",
           "not_a_plural", "plurals", "root", "roots", "english_zipf", "same_idea", "repeats",
           "within", "ends_with", "is_acronym_of", "repeats_any", "a_dimension", "WrittenForms",
           "acronym_definitions", "ES_PLURAL_OF", "DEFINED_IN"]

# Endings of English adjectives, for words the dictionary does not know ("multimodal",
# "compositional", "hyperspectral"); of past participles ("pretrained", "federated"); and
# of adverbs made from such adjectives ("iteratively", "autoregressively").
_ADJECTIVE_END = re.compile(r"(al|ic|ive|ous|able|ible|ary|ful|less|ish|esque)$")
_PARTICIPLE_END = re.compile(r"ed$")
_ADVERB_END = re.compile(r"..ly$")
# ... and of verbs made with '-ize' or '-ise' ("incentivize", "operationalise")
_VERB_END = re.compile(r"..i[sz]es?$")
# An adjective made of a name ('Bayesian', 'Gaussian', 'Euclidean'), which the dictionary
# knows only as a noun ('a Bayesian')
_EPONYM = re.compile(r"[A-Z][a-z]+(ian|ean)")
# A size written before a noun: a model's parameters or a count ('7B parameter', '100k').
_SIZE = re.compile(r"\d+(\.\d+)?[bmk]")
# Derivational endings stripped to find a root, longest first.
_SUFFIXES = ("izations", "ization", "isations", "isation", "izers", "izer", "izing", "ising",
             "ized", "ised", "izes", "ize", "ations", "ation", "ating", "ates", "ate", "ency",
             "ence", "ent",
             "ators", "ator", "ional", "ions", "ion", "ings", "ing", "ives", "ive", "ities",
             "ity", "ers", "er", "ors", "or", "ness", "ments", "ment", "ally", "al", "ics",
             "ical", "ic", "ies", "es", "ed", "s", "e", "y")
DEFINED_IN = 2  # papers that spell an acronym out before the corpus's spellings decide it
_DEFINITION = re.compile(r"\(\s*([0-9]?[A-Za-z][A-Za-z0-9-]*)\s*\)")  # '... (LLMs)'
_DIMENSION = re.compile(r"[1-9](\.5)?d", re.IGNORECASE)  # '3D', '2D', '2.5D'
_LEAD = re.compile(r"\d*.")  # a word's initial, with the digits before it: '3D' -> '3d'
_PREFIXES = ("re", "un", "de", "pre", "self-", "self", "multi-", "multi", "non-", "non")


@dataclass(frozen=True)
class WordUsage:
    """How the corpus writes its words: ``uses`` (how often each word is used) and ``lead``
    (how often it stands in front of another word of its phrase)."""

    uses: dict[str, float]
    lead: dict[str, float]
    tail: dict[str, float] = field(default_factory=dict)
    # each word's most common word before it in a phrase, and how often ('monte' carlo)
    after_one: dict[str, tuple[float, str]] = field(default_factory=dict)
    # each word's most common word after it in a phrase, and how often ('spiking' neural)
    before_one: dict[str, tuple[float, str]] = field(default_factory=dict)
    # each two-word phrase's uses, and how many of them a third word follows
    pair_uses: dict[str, float] = field(default_factory=dict)
    pair_lead: dict[str, float] = field(default_factory=dict)
    # phrases already judged by is_noun_phrase (with one set of written forms per corpus)
    judged: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def end_share(self, word: str) -> float:
        """The share of a word's uses that end its phrase: near 0 for 'reinforcement'
        (always 'reinforcement learning'), low for '3D', high for 'segmentation', 'tracking'
        or 'LLMs' on arXiv cs papers; for a two-word phrase, of its uses ('natural language'
        0.24 on IJCAI). A word the corpus does not use gives 1."""
        uses, lead = (self.pair_uses, self.pair_lead) if " " in word else (self.uses, self.lead)
        count = uses.get(word, 0.0)
        return 1.0 if count <= 0 else max(0.0, count - lead.get(word, 0.0)) / count

    def is_verb(self, word: str) -> bool:
        """A verb the corpus writes as a verb: known to the dictionary as one (an '-ing'
        form, or only as a verb), and almost never after another word of its phrase
        ('improving', 'comparing', 'generate' begin clauses: under a quarter of their uses,
        where 'tracking', 'reasoning' or 'planning' follow a word in more than half: 'object
        tracking'). Judged on words used at least ``_VERB_USES`` times. A past participle
        rare in general English is no verb in front of a noun ('federated learning',
        'distributed training'; 'called mean field' begins a clause). Nor is one the corpus
        writes mostly in front of one same word that itself modifies a next ('spiking neural
        networks'; 'shedding light on', 'giving rise to' stay verbs: 'light' and 'rise' end
        their phrases), nor one written almost only in its '-ing' form ('unlearning'; see
        :meth:`_a_gerund`)."""
        uses = self.uses.get(word, 0.0)
        if uses < _VERB_USES or self.tail.get(word, 0.0) >= _VERB_TAIL * uses or (
                word.endswith("ed") and english_zipf(word) < _COMMON_PARTICIPLE):
            return False
        pos = _parts_of_speech(word)
        return "VERB" in pos and (word.endswith("ing") or pos == {"VERB"}) \
            and not self._opens_term(word) and not self._a_gerund(word)

    def _a_gerund(self, word: str) -> bool:
        """Is an '-ing' word the corpus writes ``_GERUND_RATIO`` times as often as every other
        form of its verb together a noun of the field ('unlearning' beside 'unlearned',
        'pruning', 'decoding'), where 'aligning' is written beside 'align' and 'aligned'?
        Not for a verb every paper uses ('enabling': 'enables' is a stop word),
        one the dictionary knows as an adjective ('missing', 'underlying'), nor one mostly
        before one same word ('shedding light')."""
        if not word.endswith("ing") or "ADJ" in _parts_of_speech(word):
            return False
        uses = self.uses.get(word, 0.0)
        if self.before_one.get(word, (0.0, ""))[0] >= _FIXED_NEXT * uses:
            return False  # an idiom: 'shedding light'
        from lemminflect import getAllInflections, getAllLemmas

        forms = {form for lemma in getAllLemmas(word).get("VERB", ())
                 for written in getAllInflections(lemma, upos="VERB").values()
                 for form in written} - {word}
        if forms & STOP_WORDS:
            return False
        others = sum(self.uses.get(form, 0.0) for form in forms)
        return uses >= _GERUND_RATIO * others

    def _opens_term(self, word: str) -> bool:
        """Does the corpus write ``word`` mostly (``_FIXED_NEXT`` of its uses) in front of one
        same word, itself a modifier and no verb ('spiking' before 'neural', 'neural' before
        'networks'; 'training' before 'spiking' stays a verb)?"""
        count, after = self.before_one.get(word, (0.0, ""))
        return (count >= _FIXED_NEXT * self.uses.get(word, 0.0) and self.is_modifier(after)
                and "VERB" not in _parts_of_speech(after))

    def cut_term(self, word: str) -> bool:
        """Does the corpus write ``word`` almost only after one same word ('carlo' after
        'monte', 'splatting' after 'gaussian': 90% of its uses and more)? A phrase that
        begins with it is a term cut at its start ('Carlo Tree Search'). Judged on words
        used at least ``_VERB_USES`` times; a word after one same verb is no cut ('generating
        drug molecules')."""
        uses = self.uses.get(word, 0.0)
        count, before = self.after_one.get(word, (0.0, ""))
        return uses >= _VERB_USES and count >= _CUT_SHARE * uses and not self.is_verb(before)

    def after_a_word(self, word: str) -> bool:
        """Does the corpus write ``word`` after another word of its phrase in ``_VERB_TAIL``
        of its uses or more (``_VERB_USES`` uses at least), as a noun of the field ('decision
        making', 'data mining'), where a verb begins its clause ('making', 'evaluating')?"""
        uses = self.uses.get(word, 0.0)
        return uses >= _VERB_USES and self.tail.get(word, 0.0) >= _VERB_TAIL * uses

    def written_as_noun(self, word: str) -> bool:
        """Is a word the dictionary knows only as a verb a noun of this corpus: its base form
        (``word`` or the '-s' form of it) used at least ``_VERB_USES`` times, more than
        ``_NOUN_TAIL`` of them after another word of its phrase, as a noun follows its
        modifier ('psoas abscess', 'motion blur', 'optimal transport'; the dictionary has no
        noun 'abscess'), where a verb follows its subject in few ('participants prefer')?"""
        from lemminflect import getAllLemmas

        lemmas = getAllLemmas(word).get("VERB", ())
        if "-" in word or not lemmas:
            return False
        base = lemmas[0]
        if word not in (base, base + "s", base + "es"):
            return False  # a past form is a participle ('caused'), never a head
        uses = self.uses.get(base, 0.0)
        return uses >= _VERB_USES and self.tail.get(base, 0.0) > _NOUN_TAIL * uses

    def is_modifier(self, word: str) -> bool:
        """A single word the corpus mostly writes in front of another ('sentence'
        embeddings, 'dense' retrieval, '3D' reconstruction): alone it names nothing."""
        return " " not in word and self.end_share(word) < _HEAD_SHARE

    def a_count_noun(self, word: str, surface: str | None = None) -> bool:
        """Is ``word``, a singular, a noun of things the corpus writes in the plural at
        least ``_PLURAL_SHARE`` times as often as in the singular ('sequence' in COLM's
        papers, 'superconductor' in the 2007 set's, 'recommendation' and 'chatbot' on the
        40k map)? Alone it names no area, only things
        many areas have: a field, an activity or a quality ('segmentation', 'retrieval',
        'privacy', 'superconductivity') is seldom plural. A plural never stands alone (see
        :func:`stands_alone`); nor, so, does the singular of one the corpus mostly writes so
        (it would be written as the plural: 'Recommendations'). Not an acronym ('LLM')."""
        form = surface or word
        if not word.isalpha() or word.endswith("s") or sum(c.isupper() for c in form) >= 2:
            return False
        own = self.uses.get(word, 0.0)
        plural = sum(self.uses.get(form, 0.0) for form in plurals(word))
        return own > 0 and plural >= _PLURAL_SHARE * own

    def pair_modifies(self, phrase: str) -> bool:
        """A two-word phrase the corpus mostly writes in front of a third word ('natural
        language' processing, 'finite element' method): it names nothing alone. Judged on
        phrases used at least ``_VERB_USES`` times."""
        return self.pair_uses.get(phrase, 0.0) >= _VERB_USES and \
            self.end_share(phrase) < _HEAD_SHARE


# Thresholds on how a corpus writes a word; the shares of example words on four corpora,
# which set them, are in docs/names.md ("How the corpus writes a word").
_HEAD_SHARE = 0.4  # a word ending fewer of its phrases than this modifies the next ('3D')
# a verb's uses after another word of its phrase, at most ('improving': a verb; 'tracking',
# 'reasoning': nouns of the field)
_VERB_TAIL = 0.25
_VERB_USES = 10
# general-English frequency (Zipf) of a past participle from which it begins a clause
# ('called' 5.6, 'proposed' 4.7), below which it modifies a noun ('federated' 2.9,
# 'distributed' 4.3)
_COMMON_PARTICIPLE = 4.5
# the share of a word's uses after one same word from which a phrase starting with it is a
# cut term ('carlo' after 'monte')
_CUT_SHARE = 0.9
# the share of an '-ing' word's uses before one same modifier from which it opens a term
# ('spiking' neural networks)
_FIXED_NEXT = 0.6
# how many times as often as its verb's other forms together an '-ing' word is written for
# it to be a noun of the field ('unlearning')
_GERUND_RATIO = 4.0
# a singular whose plural the corpus writes this share as often names things, not a field
# ('sequences', 'recommendations'; at 0.3 'neutrinos', 'simulations', 'ontologies' too)
_PLURAL_SHARE = 0.5
# a word ending so makes its plural in '-es' ('process', 'processes'; 'patch', 'box')
ES_PLURAL_OF = ("ss", "ch", "sh", "x")
# words written short for another ('Generative Adversarial Nets' under '... Networks')
_SHORT_FORMS = {"net": "network", "nets": "networks"}
# a word the dictionary knows only as a verb, written after another word of its phrase in
# more than this share of its uses, is a noun of the corpus ('abscess' 0.69 on a PubMed
# export; the verbs of four corpora 0.50 at most: docs/names.md)
_NOUN_TAIL = 0.5


def word_usage(docs, vocab: np.ndarray) -> WordUsage:
    """Count, over the corpus's phrases (``docs``: papers x ``vocab`` counts), how often each
    word is used and how often it stands first in a two-word phrase (every use of a word
    but the last of its run of words begins one). Phrases of a single paper, left out of
    the vocabulary of a corpus of ``counts.SMALL_CORPUS`` papers or more, are not counted
    (counting them was tried: docs/names.md, session 24).
    Phrases holding one of :data:`~paperviz.describe.phrases.TERM_WORDS` are not counted:
    'remote sensing analysis' does not make 'sensing' a word that modifies the next."""
    counts = np.asarray(docs.sum(axis=0)).ravel()
    lead: Counter[str] = Counter()
    tail: Counter[str] = Counter()
    after_one: dict[str, tuple[float, str]] = {}
    before_one: dict[str, tuple[float, str]] = {}
    uses: dict[str, float] = {}
    pair_uses: dict[str, float] = {}
    pair_lead: Counter[str] = Counter()
    for j, phrase in enumerate(vocab):
        words = phrase.split()
        if TERM_WORDS.intersection(words):
            continue
        if len(words) == 1:
            uses[phrase] = float(counts[j])
        elif len(words) == 2:
            lead[words[0]] += float(counts[j])
            tail[words[1]] += float(counts[j])
            if counts[j] > after_one.get(words[1], (0.0, ""))[0]:
                after_one[words[1]] = (float(counts[j]), words[0])
            if counts[j] > before_one.get(words[0], (0.0, ""))[0]:
                before_one[words[0]] = (float(counts[j]), words[1])
            pair_uses[phrase] = float(counts[j])
        elif len(words) == 3:
            pair_lead[" ".join(words[:2])] += float(counts[j])
    return WordUsage(uses, dict(lead), dict(tail), after_one, before_one, pair_uses,
                     dict(pair_lead))


@lru_cache(maxsize=1 << 17)  # a pure look-up, asked for the same words again and again
def _parts_of_speech(word: str) -> frozenset[str]:
    from lemminflect import getAllLemmas

    found = set(getAllLemmas(word))
    if not found and "-" in word:  # 'zero-shot', 'fine-tuning': the last part decides
        found = set(getAllLemmas(word.rsplit("-", 1)[1]))
    return frozenset(found)


def a_noun(word: str) -> bool:
    """Does the dictionary know ``word`` (of a hyphenated word it does not know, its last
    part) as a noun: 'vision', 'graph', 'few-shot'; not 'deep', 'generative', 'pretrained'?"""
    return "NOUN" in _parts_of_speech(word)


def can_head(word: str, usage: WordUsage, surface: str | None = None) -> bool:
    """Can ``word`` end a name part, as the noun a noun phrase ends in?

    Not when the corpus mostly writes it in front of another word ('3D', 'visual',
    'reinforcement': see :meth:`WordUsage.end_share`), nor when the dictionary knows it
    only as an adjective, adverb or past participle ('numerical', 'sparse', 'trained'; an
    adjective made of a name, 'Bayesian', counts as one). A
    gerund can ('tracking', 'unlearning'), and so can a noun or an acronym ('LLMs'; of a
    hyphenated word, its last part: not 'LLM-based').
    Words the dictionary does not know are judged by their ending ('multimodal' and
    'iteratively' no, 'tokenization' yes) or by the word after a prefix ('nonconvex' no).
    A unit of measure cannot ('Tbit', 'GeV': see :func:`~paperviz.describe.phrases.a_unit`).
    """
    if usage.is_modifier(word) or a_unit(surface or word):  # (a unit: 'Tbit', 'GeV')
        return False
    if acronym_like((surface or word).rsplit("-", 1)[-1]):  # 'LLMs', 'GPT-4o'; not
        return True  # 'LLM-based', whose last part decides
    pos = _parts_of_speech(word)
    if pos == {"VERB"} and usage.written_as_noun(word):
        return True  # a noun the dictionary lacks ('abscess')
    if "-" in word and (pos == {"VERB"} or pos & {"ADJ", "ADV"}) and not (
            word.endswith("ing") and usage.after_a_word(word)):  # 'supervised fine-tuning'
        return False  # 'privacy-preserving', 'exemplar-free', 'task-specific': modifiers
    if (pos & {"ADJ"} or _EPONYM.fullmatch(surface or "")) and usage.end_share(word) < 0.6:
        return False  # 'conditional', 'visual', 'Bayesian': the adjective, unless the
        # corpus writes it mostly as a noun ('the Hamiltonian')
    if not pos:
        for prefix in ("non", "un", "multi", "semi", "self", "cross", "pre", "sub", "super"):
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                pos = _parts_of_speech(word[len(prefix):].lstrip("-"))
                if pos:
                    break
    if not pos:  # 'multimodal', 'pretrained', 'iteratively', 'incentivize': no noun
        return not (_ADJECTIVE_END.search(word) or _PARTICIPLE_END.search(word)
                    or _ADVERB_END.search(word) or _VERB_END.search(word))
    if pos == {"VERB"} and word.endswith("ing"):  # a gerund, unless of a word every paper
        from lemminflect import getAllLemmas  # uses ('evaluating', 'benchmarking')

        verbs = getAllLemmas(word.rsplit("-", 1)[-1]).get("VERB", ())
        return not set(verbs) & STOP_WORDS or usage.after_a_word(word)
    return "NOUN" in pos or "PROPN" in pos


_NOMINAL_END = re.compile(r"(tion|sion|ment|ness|ity|ance|ence|ancy|ency|ing|ism|ics|logy|"
                          r"graphy|metry|scopy|ship|cy|al|ure|sis)$")


def stands_alone(word: str, surface: str | None = None) -> bool:
    """Can this one word be a whole name part? An acronym can ('LLMs', 'RAG', 'MRI'), and so
    can the name of a field, an activity or a quality ('segmentation', 'retrieval',
    'watermarking', 'fairness', 'robotics') or a rare technical word ('graphene'); a plural
    or another everyday count noun cannot ('Tokens', 'Responses', 'Algorithm', 'Layout'):
    alone it names no area, only things every area has; nor a unit ('in2', 'GeV')."""
    form = surface or word
    if a_unit(form):  # 'in2', 'Tbit' of 'Tbit/in2'; 'GeV'
        return False
    if sum(c.isupper() for c in form) >= 2 or any(c.isdigit() for c in form):
        return True
    from lemminflect import getAllLemmas

    nouns = getAllLemmas(word).get("NOUN", ())
    if nouns and word not in nouns:  # a plural
        return False
    if not nouns and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return False
    if word.endswith("al") and set(getAllLemmas(word)) != {"NOUN"}:  # 'retrieval', not 'visual'
        return bool(getAllLemmas(word)) and english_zipf(word) < 3.0  # nor 'multimodal',
        # which the dictionary does not know: an adjective of the field
    return bool(_NOMINAL_END.search(word)) or english_zipf(word) < 3.0


def a_dimension(word: str) -> bool:
    """Is ``word`` a number of dimensions ('3D', '2D', '4D')? An adjective: it says which
    kind of a subject ('3D reconstruction', '2D materials'), and names none alone."""
    return _DIMENSION.fullmatch(word) is not None


def plurals(word: str) -> set[str]:
    """The plural forms of a singular noun: in '-s', but not where that makes a noun of its
    own ('semantic', 'semantics'); in '-es' after :data:`ES_PLURAL_OF` ('processes'); in
    '-ies' for '-y' ('ontologies')."""
    forms = set() if not_a_plural(word + "s") else {word + "s"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if word.endswith(ES_PLURAL_OF):
        forms.add(word + "es")
    return forms


@lru_cache(maxsize=1 << 16)  # asked for each candidate's forms, level after level
def not_a_plural(word: str) -> bool:
    """Is ``word``, ending in 's', a noun of its own rather than a plural: 'semantics',
    'robotics', 'dynamics', 'physics' (the dictionary's own lemma), where 'logics', 'topics'
    and 'metrics' are plurals? A word the dictionary does not know is taken for a plural."""
    from lemminflect import getAllLemmas

    return word.endswith("s") and word in getAllLemmas(word).get("NOUN", ())


def is_noun_phrase(phrase: str, usage: WordUsage, surface: dict[str, str]) -> bool:
    """A phrase that can stand as a name part: it does not begin with a verb nor inside a
    term (see :meth:`WordUsage.is_verb`, :meth:`WordUsage.cut_term`), it ends in a noun
    (see :func:`can_head`), and not in a verb after its subject: a last word that is a
    noun or a verb ('measure') is read as the verb after a plural ('galaxy surveys
    measure'). Nor does it begin with a size ('7B parameter' models)."""
    known = usage.judged.get(phrase)
    if known is None:
        known = usage.judged[phrase] = _noun_phrase(phrase, usage, surface)
    return known


def _noun_phrase(phrase: str, usage: WordUsage, surface: dict[str, str]) -> bool:
    words = phrase.split()
    last = words[-1]
    if usage.is_verb(words[0]) or usage.cut_term(words[0]) or _SIZE.fullmatch(words[0]) \
            or not can_head(last, usage, surface.get(last)) \
            or (len(words) == 2 and usage.pair_modifies(phrase)):
        return False  # 'Improving LLMs', 'Generate Scenarios', 'Carlo Tree Search',
        # 'Natural Language' (processing), '7B Parameter' (models)...
    if len(words) > 1 and {"NOUN", "VERB"} <= _parts_of_speech(last):
        before = words[-2]
        from lemminflect import getAllLemmas

        if before not in getAllLemmas(before).get("NOUN", (before,)):  # a plural
            return False
    return True


def english_zipf(word: str) -> float:
    """How common ``word`` is in general English, on the Zipf scale (wordfreq)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@lru_cache(maxsize=1 << 17)
def root(word: str) -> str:
    """A root shared by a word's forms: 'tokenization', 'tokenizer' and 'tokens' give
    'token'; 'emotional' and 'emotion' 'emot'; 'relighting' and 'lighting' 'light'; 'nets'
    and 'networks' 'network' (:data:`_SHORT_FORMS`)."""
    word = _SHORT_FORMS.get(word.lower(), word.lower())
    if word.endswith("sses"):  # 'processes' as 'process' ('abscesses', 'addresses')
        word = word[:-2]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 5:
            rest = word[len(prefix):]
            if _parts_of_speech(rest) or _parts_of_speech(rest.rstrip("s")):
                word = rest
                break
    for _ in range(2):  # 'annotators' -> 'annotator' -> 'annot'
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
    return word


def roots(phrase: str) -> frozenset[str]:
    """The roots of a phrase's words (see :func:`root`), hyphenated parts apart."""
    return word_roots(phrase, root)


@lru_cache(maxsize=1 << 16)
def _initials(phrase: str) -> tuple[str, ...]:
    """The initials of a phrase, both ways of reading hyphens and leading digits: '3D
    Gaussian Splatting' gives '3gs' and '3dgs'; 'zero-shot learning' 'zl' and 'zsl'."""
    out = []
    for words in (phrase.split(), phrase.replace("-", " ").split()):
        out.append("".join(w[0] for w in words).lower())
        out.append("".join(_LEAD.match(w.lower()).group(0) for w in words))
    return tuple(out)


def _acronym_shaped(letters: str) -> bool:
    """Could this (lower-cased, plural 's' off) be an acronym? Up to three letters ('rl',
    'mri', 'ai'), or up to five with a digit or that are no common English word ('gnn',
    '3dgs'); never a word like 'adversarial', 'segmentation' or 'dense'."""
    if len(letters) <= 3:
        return True
    return len(letters) <= 5 and (any(c.isdigit() for c in letters)
                                  or english_zipf(letters) < 3.0)


class WrittenForms(dict):
    """How the corpus writes each word (and term): its most common written form, the key
    lower case ('llms' -> 'LLMs'); and ``defined``, what its papers spell each acronym out
    as (see :func:`acronym_definitions`), which :func:`is_acronym_of` reads."""

    def __init__(self, forms: dict[str, str], defined: dict[str, frozenset[str]]) -> None:
        super().__init__(forms)
        self.defined = defined


def acronym_definitions(texts: Iterable[str]) -> dict[str, frozenset[str]]:
    """What the corpus spells each acronym out as: the words just before it in brackets
    whose initials it is ('large language models (LLMs)', 'low-resource languages
    (LRLs)'), keyed by its letters in lower case without a plural 's' ('llm'); only for an
    acronym ``DEFINED_IN`` papers spell out."""
    found: dict[str, Counter] = {}
    for text in texts:
        seen: set[tuple[str, str]] = set()
        for match in _DEFINITION.finditer(str(text)):
            short = match.group(1)
            letters = short.lower().rstrip("s")
            if not acronym_like(short) or not 2 <= len(letters) <= 6:
                continue
            before = TOKEN.findall(str(text)[max(0, match.start() - 120):match.start()])
            for n in range(1, min(len(before), len(letters) + 2) + 1):
                phrase = " ".join(before[-n:]).lower()
                if letters in _initials(phrase):
                    seen.add((letters, phrase))
                    break
        for letters, phrase in seen:
            found.setdefault(letters, Counter())[phrase] += 1
    return {letters: frozenset(phrases) for letters, phrases in found.items()
            if sum(phrases.values()) >= DEFINED_IN}


def is_acronym_of(short: str, phrase: str, surface: dict[str, str] | None = None) -> bool:
    """'CL' abbreviates 'continual learning'; 'GNNs' 'graph neural networks'; 'ZSL'
    'zero-shot learning'; '3DGS' '3D Gaussian splatting'; 'MRI' also 'magnetic resonance'
    and 'LLMs' 'language models', the start or end of what each stands for, when it is
    more than half of it ('RLHF' not 'reward learning'); and 'QA'
    the end of 'video question answering', 'SR' of 'image super-resolution', 'LLM' the
    start of 'large language model agents'. With ``surface`` (how the corpus writes each
    word), only a word it writes as an acronym is one ('RAG', not 'laws' for 'lie
    algebra'). A word of the phrase itself abbreviates nothing of it: '3D' is no acronym of
    '3D Gaussian Splatting' (3DGS), so '3D Scene Generation' says more than it. Where the
    corpus spells the acronym out (``surface`` a :class:`WrittenForms`), only what it spells
    it out as counts, more than half of it, it with more words, or it with words left out
    between its first and last (see :func:`_ends_kept`): 'LLMs' abbreviates 'language
    models' and 'large language model agents', not 'low-resource languages' (whose initials
    'll' begin 'llm') nor 'language'; 'MLLMs' 'multi-modal models'."""
    if " " in short:  # a phrase holding an acronym: 'RAG systems'
        return any(is_acronym_of(word, phrase, surface) for word in short.split())
    if surface is not None and not acronym_like(surface.get(short, short)):
        return False
    if short.lower() in phrase.lower().replace("-", " ").split():
        return False  # ('3D' in '3D Gaussian Splatting', 'LLM' in 'LLM-based agents')
    letters = short.lower().rstrip("s")
    if len(letters) < 2 or not _acronym_shaped(letters):
        return False
    spelled = getattr(surface, "defined", {}).get(letters)
    if spelled:  # the corpus says what it stands for: more than half of that, or more
        size = len(phrase.replace("-", " ").split())
        return any(within(out, phrase) or _ends_kept(phrase, out) or (
            within(phrase, out) and 2 * size > len(out.replace("-", " ").split()))
            for out in spelled)
    for initials in _initials(phrase):
        if letters == initials or (2 * len(initials) > len(letters) and (
                letters.startswith(initials) or letters.endswith(initials))):
            return True  # a part of what it stands for, when more than half of it: not
            # 'reward learning' for 'RLHF'
        if initials.startswith(letters) or initials.endswith(letters):
            return True  # the acronym of the phrase's first or last words
    return False


def repeats(part: str, other: str, surface: dict[str, str] | None = None) -> bool:
    """Does ``part`` say nothing that ``other`` does not ('Social Media' and 'Social Media';
    'Language' and 'Natural Language Processing'; 'NLP' and 'Natural Language Processing'),
    where 'Language Models' adds to 'Natural Language Processing'? ``surface``: see
    :func:`is_acronym_of`."""
    return roots(part) <= roots(other) or is_acronym_of(part, other, surface)


def repeats_any(part: str, others: tuple[str, ...], surface: dict[str, str] | None = None
                ) -> bool:
    """Does ``part`` merely repeat one of ``others`` (see :func:`repeats`; a parent's name
    parts, which a sub-area's name may not repeat)?"""
    return any(repeats(part, other, surface) for other in others)


def _root_run(phrase: str) -> list[str]:
    """The roots of a phrase's words in order, hyphenated parts apart."""
    return [root(w) for w in phrase.replace("-", " ").split()]


def _ends_kept(part: str, other: str) -> bool:
    """Is ``part`` ``other`` with words left out between its first and its last ('multimodal
    models' of 'multimodal large language models': the same kind of the same thing)?"""
    mine, theirs = _root_run(part), _root_run(other)
    if len(mine) < 2 or len(mine) >= len(theirs) or mine[0] != theirs[0] \
            or mine[-1] != theirs[-1]:
        return False
    rest = iter(theirs[1:-1])
    return all(any(word == inner for word in rest) for inner in mine[1:-1])


def within(part: str, other: str) -> bool:
    """Is ``part`` a run of ``other``'s words (by root, in order): 'Reasoning' in
    'Mathematical Reasoning', 'Language Models' in 'Large Language Models', 'Retrieval
    Augmented Generation' in 'Retrieval-augmented Generation'; not 'Deep Learning' in 'Deep
    Reinforcement Learning', another idea (see :func:`repeats`), nor a run that begins or
    ends inside a hyphenated word ('Language Models' in 'Vision-language Models', 'Mamba'
    in 'Hybrid Mamba-transformer')."""
    return bool(_runs(part, other))


def ends_with(other: str, part: str) -> bool:
    """Does ``other`` end in ``part``'s words (by root, in order, from a whole word on) after
    words of its own: 'cross-silo federated learning' in 'federated learning', not
    'federated learning' itself, nor 'vision-language models' in 'language models'?"""
    mine, theirs = _root_run(part), _root_run(other)
    return len(theirs) > len(mine) and len(theirs) - len(mine) in _runs(part, other)


def _runs(part: str, other: str) -> list[int]:
    """Where ``part``'s roots stand in ``other``'s as a run of whole words: the index (over
    hyphenated parts, see :func:`_root_run`) of each run's first part."""
    mine, theirs = _root_run(part), _root_run(other)
    starts, ends = [], []  # whether each hyphenated part begins, and ends, a word
    for word in other.split():
        pieces = [piece for piece in word.split("-") if piece]  # as _root_run splits
        starts += [k == 0 for k in range(len(pieces))]
        ends += [k == len(pieces) - 1 for k in range(len(pieces))]
    return [i for i in range(len(theirs) - len(mine) + 1) if mine
            and theirs[i:i + len(mine)] == mine and starts[i] and ends[i + len(mine) - 1]]


def same_idea(first: str, second: str, surface: dict[str, str] | None = None) -> bool:
    """Do two name parts say one idea twice? They share a root ('Pose Estimation', 'Poses';
    'Relighting', 'Lighting'), or one holds an acronym of the other ('3DGS', '3D Gaussian
    Splatting'; 'RAG Systems', 'Retrieval-Augmented Generation'). ``surface``: see
    :func:`is_acronym_of`."""
    return bool(roots(first) & roots(second)) or is_acronym_of(first, second, surface) \
        or is_acronym_of(second, first, surface)
