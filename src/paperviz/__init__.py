"""paperviz: explore a body of research papers as a map of research areas.

The names below are imported on first use, so ``import paperviz`` stays quick and a
submodule (``paperviz.embed``, say) can be used without the plotting stack.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "clean_text": "clean",
    "load_corpus": "load",
    "from_dataframe": "load",
    "CorpusError": "load",
    "Embedder": "embed",
    "embed_texts": "embed",
    "build_map": "papermap",
    "PaperMap": "papermap",
    "quality_report": "quality",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'paperviz' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
