"""The one error a corpus that cannot be read raises."""

__all__ = ["CorpusError"]


class CorpusError(ValueError):
    """The input cannot be read as a corpus; the message says what is wrong and how to fix it."""
