"""The one error a corpus that cannot be read raises, and its kind for a text file that holds
no papers at all."""

__all__ = ["CorpusError", "NotPapers"]


class CorpusError(ValueError):
    """The input cannot be read as a corpus; the message says what is wrong and how to fix it."""


class NotPapers(CorpusError):
    """A text file that is no corpus (notes, a list of titles): an error when it is the file
    given, skipped and reported when it is one file of a folder."""
