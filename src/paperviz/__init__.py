"""paperviz: explore a body of research papers as a map of research areas.

The names below are imported on first use, so ``import paperviz`` stays quick and a
stage (``paperviz.embedding``, say) can be used without the plotting stack.

The pipeline, one package per stage, each importing only the ones before it:
``corpus`` (load) -> ``embedding`` -> ``areas`` (neighbours, layout, areas) -> ``describe``
(phrases, names, summaries) -> ``show`` (map and figures); ``files``, ``budget``, ``cpu``,
``levels``, ``options`` and ``columns`` are used by all, ``mapdata`` holds what a map is;
``saved``, ``export`` (reading lists out), ``library`` (the researcher's own papers on the
map), ``place`` and ``recluster`` work on a map, ``pipeline`` composes the stages, and
``papermap`` (``build_map``, ``PaperMap``) and ``cli`` sit on top (docs/how-it-works.md).
"""

from __future__ import annotations

import importlib

from .progress import STARTED  # noqa: F401 (its clock starts with the package)

__version__ = "0.1.0"

_EXPORTS = {
    "clean_text": "corpus",
    "load_corpus": "corpus",
    "from_dataframe": "corpus",
    "CorpusError": "corpus",
    "Embedder": "embedding",
    "embed_texts": "embedding",
    "build_map": "papermap",
    "PaperMap": "papermap",
    "MapOptions": "options",
    "llm_namer": "describe",
    "quality_report": "areas",
    "export_papers": "export",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'paperviz' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
