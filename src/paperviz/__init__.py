"""paperviz: explore a body of research papers as a map of research areas."""

from .clean import clean_text
from .embed import Embedder, embed_texts
from .load import CorpusError, load_corpus
from .papermap import PaperMap, build_map

__all__ = [
    "clean_text",
    "load_corpus",
    "CorpusError",
    "Embedder",
    "embed_texts",
    "build_map",
    "PaperMap",
]
__version__ = "0.1.0"
