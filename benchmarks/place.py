"""Placing new papers onto a map against rebuilding it, on arxiv-cs-2025 split by date.

    PAPERVIZ_CACHE=/path/with/vectors HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/place.py
    ... benchmarks/place.py --max-tokens 128     # the same at a token budget

Builds the map of the papers dated up to 30 September 2025 (the corpus starts in March),
places those from October to December onto it, and rebuilds the map of all of them. Vectors
come from the cache (embed the corpus once first, e.g. with ``paperviz map``); layouts and
areas are computed afresh (a temporary result cache), so the rebuild is timed in full.

Reported:
- **area agreement**: the share of placed papers whose area, carried to the rebuild by
  majority (each old area to the new area most of its built papers went to), is the area
  the rebuild gave them;
- **neighbour agreement**: of each placed paper's 10 nearest built papers on the map, the
  share that are also among its 10 nearest built papers on the rebuilt map; the same for
  built papers gives the ceiling (how much a rebuild reshuffles neighbourhoods anyway);
- the same neighbour agreement for UMAP's own ``transform`` against paperviz's interpolation
  of the neighbours' positions, both on one UMAP model fitted to the built papers;
- the time of placing the new papers against rebuilding the map for them (both with the
  vectors cached), and the same per paper (of the rebuilt map; of the placed papers).
Run on an idle machine.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402

from paperviz import Embedder, build_map, from_dataframe  # noqa: E402
from paperviz.place import place_vectors  # noqa: E402

SPLIT = "2025-10-01"


def _map_neighbours(xy_query: np.ndarray, xy_base: np.ndarray, k: int = 10) -> np.ndarray:
    from sklearn.neighbors import NearestNeighbors

    return NearestNeighbors(n_neighbors=k).fit(xy_base).kneighbors(xy_query)[1]


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean([len(set(x) & set(y)) / len(x) for x, y in zip(a, b, strict=True)]))


def _fresh_cache(source: Path) -> Path:
    """A temporary cache holding ``source``'s vectors, models and calibration, without its
    stored layouts and areas."""
    target = Path(tempfile.mkdtemp(prefix="place-bench-"))
    for name in ("embeddings", "models"):
        if (source / name).exists():
            shutil.copytree(source / name, target / name)
    if (source / "calibration.json").exists():
        shutil.copy(source / "calibration.json", target / "calibration.json")
    return target


def main() -> None:
    source = Path(os.environ.get("PAPERVIZ_CACHE", Path.home() / ".cache" / "paperviz"))
    cache = _fresh_cache(source)
    frame = pd.read_parquet(SHARED / "arxiv-cs-2025.parquet")
    corpus = from_dataframe(frame)
    dates = pd.to_datetime(corpus["year"])
    early = corpus[dates < SPLIT].reset_index(drop=True)
    late = corpus[dates >= SPLIT].reset_index(drop=True)
    budget = (int(sys.argv[sys.argv.index("--max-tokens") + 1])
              if "--max-tokens" in sys.argv else None)
    embedder = Embedder(cache_dir=cache, show_progress=True, max_tokens=budget)
    embedder.encode(corpus["text"].tolist())  # from the cache; embeds what is missing
    print(f"{len(early)} papers up to {SPLIT}, {len(late)} after; backend {embedder.backend}",
          flush=True)

    start = time.perf_counter()
    built = build_map(early, embedder=embedder)
    t_build = time.perf_counter() - start
    start = time.perf_counter()
    placed = built.place(late)
    t_place = time.perf_counter() - start
    print(f"build {t_build:.1f} s, place {t_place:.2f} s: {placed.placement['message']}",
          flush=True)
    start = time.perf_counter()
    rebuilt, walk = placed.rebuild(embedder=embedder)
    t_rebuild = time.perf_counter() - start

    n_old = len(early)
    main_of = walk[walk["main"]].set_index("area_old")["area_new"]
    new_area = rebuilt.papers["area"].to_numpy()
    placed_area = placed.papers["area"].to_numpy()[n_old:]
    area_agree = float((main_of.reindex(placed_area).to_numpy() == new_area[n_old:]).mean())
    old_agree = float((main_of.reindex(placed.papers["area"].to_numpy()[:n_old]).to_numpy()
                       == new_area[:n_old]).mean())

    xy_placed = placed.papers[["x", "y"]].to_numpy()
    xy_new = rebuilt.papers[["x", "y"]].to_numpy()
    nb_placed = _map_neighbours(xy_placed[n_old:], xy_placed[:n_old])
    nb_rebuilt = _map_neighbours(xy_new[n_old:], xy_new[:n_old])
    neighbour_agree = _overlap(nb_placed, nb_rebuilt)
    sample = np.random.default_rng(0).choice(n_old, 3000, replace=False)
    own_placed = _map_neighbours(xy_placed[sample], xy_placed[:n_old], 11)[:, 1:]
    own_rebuilt = _map_neighbours(xy_new[sample], xy_new[:n_old], 11)[:, 1:]
    ceiling = _overlap(own_placed, own_rebuilt)

    # UMAP's transform against interpolation, on one UMAP model of the built papers
    import umap

    emb_old, emb_new = placed.embeddings[:n_old], placed.embeddings[n_old:]
    options = built.options
    model = umap.UMAP(n_neighbors=options.map_neighbors, min_dist=0.0, metric="cosine",
                      random_state=options.random_state).fit(emb_old)
    start = time.perf_counter()
    by_transform = model.transform(emb_new)
    t_transform = time.perf_counter() - start
    papers_umap = built.papers.assign(x=model.embedding_[:, 0], y=model.embedding_[:, 1])
    start = time.perf_counter()
    interp = place_vectors(papers_umap, emb_old, emb_new, options)[["x", "y"]].to_numpy()
    t_interp = time.perf_counter() - start
    truth = _map_neighbours(xy_new[n_old:], xy_new[:n_old])
    rows = [
        {"measure": "area agreement with the rebuild (placed papers)", "value": area_agree},
        {"measure": "area agreement with the rebuild (built papers, for reference)",
         "value": old_agree},
        {"measure": "10-NN on the map kept in the rebuild (placed papers)",
         "value": neighbour_agree},
        {"measure": "10-NN on the map kept in the rebuild (built papers: the ceiling)",
         "value": ceiling},
        {"measure": "10-NN kept, UMAP transform (own UMAP model)",
         "value": _overlap(_map_neighbours(by_transform, model.embedding_), truth)},
        {"measure": "10-NN kept, interpolation (same UMAP model)",
         "value": _overlap(_map_neighbours(interp, model.embedding_), truth)},
        {"measure": "seconds: build (early)", "value": t_build},
        {"measure": "seconds: place (late, vectors cached)", "value": t_place},
        {"measure": "seconds: rebuild (all)", "value": t_rebuild},
        {"measure": "seconds: UMAP transform (its own model)", "value": t_transform},
        {"measure": "seconds: interpolation on the UMAP model", "value": t_interp},
        {"measure": "the same update: rebuild seconds / place seconds",
         "value": t_rebuild / t_place},
        {"measure": "rebuild seconds per paper of the map / place seconds per placed paper",
         "value": (t_rebuild / len(corpus)) / (t_place / len(late))},
    ]
    print(f"papers: {len(early)} built, {len(late)} placed; placement report: "
          f"{ {k: placed.placement[k] for k in ('weak_share', 'far_share', 'rebuild_due')} }")
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
