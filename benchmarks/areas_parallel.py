"""The areas of the 40,712 papers of arxiv-cs-2025, timed: consensus runs in one process
and shared among processes (``PARALLEL_FROM``), and whether they find the same areas.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/areas_parallel.py

The vectors are static-minilm's (embedded in about 20 s, kept in the cache), since what is
timed is the graph and Leiden, not the model. Run on an idle machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402

import paperviz.areas.cluster as cluster  # noqa: E402
from paperviz import Embedder, MapOptions, from_dataframe  # noqa: E402
from paperviz.areas import find_areas, nearest_neighbors  # noqa: E402


def main() -> None:
    corpus = from_dataframe(pd.read_parquet(SHARED / "arxiv-cs-2025.parquet"))
    vectors = Embedder("static-minilm", show_progress=False).encode(corpus["text"].tolist())
    options = MapOptions().resolved(len(vectors))
    neighbors = nearest_neighbors(vectors, options.graph_neighbors)
    found, seconds = {}, {}
    for name, start_from in (("one process", 10**9), ("shared", cluster.PARALLEL_FROM)):
        cluster.PARALLEL_FROM = start_from
        start = time.perf_counter()
        found[name] = find_areas(neighbors, options)
        seconds[name] = time.perf_counter() - start
        print(f"{name}: {seconds[name]:.1f} s, {found[name]['area'].nunique()} areas, "
              f"{found[name]['subarea'].nunique()} sub-areas", flush=True)
    same = found["one process"].equals(found["shared"])
    print(f"the same areas, sub-areas and strengths: {same}; "
          f"{seconds['one process'] / seconds['shared']:.2f}x faster")
    assert same and np.isfinite(seconds["shared"])


if __name__ == "__main__":
    main()
