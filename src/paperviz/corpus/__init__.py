"""Load a corpus: read any of ten formats, clean the text, merge duplicates, give ids."""

from .clean import clean_text
from .dates import DATE_COLUMNS, paper_dates
from .errors import CorpusError
from .load import FORMATS, from_dataframe, load_corpus

__all__ = ["load_corpus", "from_dataframe", "CorpusError", "FORMATS", "clean_text",
           "paper_dates", "DATE_COLUMNS"]
