"""A saved map: the folder ``PaperMap.save`` writes and ``PaperMap.load`` reads.

``map.html`` (the interactive map, offline), a table per level (``areas.csv``,
``subareas.csv``, and ``fields.csv`` / ``topics.csv`` on maps with those levels),
``areas.md`` / ``areas.html`` (the summaries, for reading), and the data to load it back
without recomputing: ``papers.parquet``, ``summaries.parquet``, ``embeddings.npy``,
``params.json``.
No pickle: Parquet, ``.npy`` read with ``allow_pickle=False``, and JSON.

A save is whole or absent: the files are written into a new folder beside the target, which
then takes the target's place in one step (see :func:`paperviz.files.replaced_folder`). A
map saved over an older one leaves none of the older one's files (a ``fields.csv`` the new
map has no level for) and keeps any other file found there; a folder that holds files but no
saved map is refused, so that ``--out .`` cannot replace a folder of other things.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .columns import LEADER_COLUMNS
from .export import entries
from .files import replaced_folder
from .levels import LEVELS, TITLES, levels_of
from .show import map_figure, write_map_html
from .show.cards import areas_table, summaries_markdown, summary_cards

__all__ = ["write_map", "read_map", "MAP_FILES"]

MAP_FILES = ("map.html", "areas.md", "areas.html", "papers.parquet", "summaries.parquet",
             "embeddings.npy", "params.json", *(f"{level}s.csv" for level in LEVELS))

_LIST_COLUMNS = ("children", "key_phrases", "representative_ids", "representative_titles",
                 "similar_areas", *LEADER_COLUMNS)


def write_map(folder: str | Path, papers: pd.DataFrame, summaries: pd.DataFrame,
              embeddings: np.ndarray, params: dict, *,
              include_plotlyjs: bool | str = True) -> Path:
    """Write a map's files into ``folder`` (new, empty, or a saved map's, which is then
    replaced whole); returns the path of ``map.html``."""
    folder = Path(folder)
    _check_target(folder)
    with replaced_folder(folder, keep=lambda name: name not in MAP_FILES) as tmp:
        _write_files(tmp, papers, summaries, embeddings, params, include_plotlyjs)
    return folder / "map.html"


# The page's citations carry abstracts up to CITED_ABSTRACTS papers and exist up to
# CITED_PAPERS (what they cost a large page: docs/exports-and-library.md);
# above that, `paperviz export` writes them
CITED_ABSTRACTS = 1_000
CITED_PAPERS = 100_000


def citations(papers: pd.DataFrame) -> dict | None:
    """What the page's "Download .bib / .ris" buttons join for a selection: each paper's
    BibTeX and RIS entry, by ``paper_id``; abstracts left out above :data:`CITED_ABSTRACTS`
    papers and no citations at all above :data:`CITED_PAPERS`, so a large map's page stays
    small."""
    if len(papers) > CITED_PAPERS:
        return None
    abstracts = len(papers) <= CITED_ABSTRACTS
    return {"ids": papers["paper_id"].astype(str).tolist(),
            "bib": entries(papers, "bibtex", abstracts=abstracts),
            "ris": entries(papers, "ris", abstracts=abstracts)}


def _check_target(folder: Path) -> None:
    """Refuse a target that is a file, or a folder of other things than a saved map."""
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder} is a file; give a folder to save the map in.")
    if folder.is_dir() and not (folder / "params.json").exists():
        found = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        if found:
            raise FileExistsError(
                f"{folder} holds files and no saved map ({', '.join(found[:5])}"
                f"{', ...' if len(found) > 5 else ''}); a save replaces its folder whole, so "
                "give a new or empty folder, or the folder of a map saved before.")


def _write_files(folder: Path, papers: pd.DataFrame, summaries: pd.DataFrame,
                 embeddings: np.ndarray, params: dict, include_plotlyjs: bool | str) -> None:
    write_map_html(map_figure(papers, summaries), folder / "map.html",
                   include_plotlyjs=include_plotlyjs, citations=citations(papers))
    levels = levels_of(summaries)
    for level in levels:
        areas_table(summaries, level).to_csv(folder / f"{level}s.csv", index=False)
    (folder / "areas.md").write_text(summaries_markdown(summaries))
    (folder / "areas.html").write_text(
        "<!doctype html><meta charset='utf-8'><title>Areas</title>"
        + "".join(f"<h2>{TITLES[level]}</h2>" + summary_cards(summaries, level).html
                  for level in levels))
    # zstd: a third smaller than parquet's default snappy on the corpus text, read faster
    papers.to_parquet(folder / "papers.parquet", index=False, compression="zstd")
    summaries.to_parquet(folder / "summaries.parquet", index=False, compression="zstd")
    np.save(folder / "embeddings.npy", embeddings, allow_pickle=False)
    (folder / "params.json").write_text(json.dumps(params, indent=2))


def read_map(folder: str | Path) -> dict:
    """The parts of a map saved by :func:`write_map`: ``papers``, ``summaries``,
    ``embeddings`` and ``params``."""
    folder = Path(folder)
    missing = [name for name in ("papers.parquet", "summaries.parquet", "embeddings.npy",
                                 "params.json") if not (folder / name).exists()]
    if missing:
        raise FileNotFoundError(f"{folder} is not a saved map: it lacks {missing}. Give the "
                                "folder that PaperMap.save or 'paperviz map --out' wrote.")
    summaries = pd.read_parquet(folder / "summaries.parquet")
    for col in _LIST_COLUMNS:
        if col in summaries:  # the leader lists only where the corpus carries them
            summaries[col] = summaries[col].map(list)
    return {
        "papers": pd.read_parquet(folder / "papers.parquet"),
        "summaries": summaries,
        "embeddings": np.load(folder / "embeddings.npy", allow_pickle=False),
        "params": json.loads((folder / "params.json").read_text()),
    }
