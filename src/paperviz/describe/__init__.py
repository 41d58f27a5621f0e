"""Describe the areas: key phrases, names, representative papers and similar areas.

Naming in the order data flows, one module a step (docs/names.md has the rule of each):
``counts`` (every paper's phrases, once) -> ``keyphrases`` (c-TF-IDF, usable on any
grouping) -> ``candidates`` -> ``filters`` -> ``scores`` -> ``choice`` (one name per area)
-> ``themes`` (below the top: second themes, a parent's subject first) and ``broad`` (the
top levels' broad names, the rules across levels); ``summaries`` composes them into
:func:`describe_levels`. Below them: ``phrases`` (the tokenizer), ``words`` (facts about
words), ``openalex`` (the shipped topics, and how vague a word is alone), ``keywords``
(the papers' own), ``disciplines``, ``topicnames``, ``wordnames``
(what the top level's broad names read); beside them the optional namers (``namers``,
``llm``).
"""

from .keyphrases import KeyPhrases
from .llm import LLMNamer, llm_namer
from .namers import AreaBrief
from .phrases import STOP_WORDS, phrases
from .summaries import COLUMNS, Namer, describe_levels

__all__ = ["describe_levels", "Namer", "COLUMNS", "KeyPhrases", "phrases", "STOP_WORDS",
           "llm_namer", "LLMNamer", "AreaBrief"]
