"""Load a corpus: read any of twelve formats, clean the text, merge duplicates, give ids."""

from .clean import clean_text
from .dates import DATE_COLUMNS, paper_dates
from .errors import CorpusError
from .load import FORMATS, from_dataframe, load_corpus
from .tidy import id_kinds, is_global_id, normalised_titles

__all__ = ["load_corpus", "from_dataframe", "CorpusError", "FORMATS", "clean_text",
           "paper_dates", "DATE_COLUMNS", "id_kinds", "is_global_id", "normalised_titles"]
