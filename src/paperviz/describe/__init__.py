"""Describe the areas: key phrases, names, representative papers, summaries for reading,
and how the areas change over time."""

from .compare import compare_areas
from .llm import LLMNamer, llm_namer
from .namers import AreaBrief
from .phrases import STOP_WORDS, phrases
from .report import LEVELS, areas_table, summaries_markdown, summary_cards
from .summaries import COLUMNS, Namer, describe_levels
from .trends import emerging, trends

__all__ = ["describe_levels", "Namer", "COLUMNS", "phrases", "STOP_WORDS", "compare_areas",
           "summaries_markdown", "summary_cards", "areas_table", "LEVELS", "llm_namer",
           "LLMNamer", "AreaBrief", "trends", "emerging"]
