"""Loading speed: the 40,712 papers of arxiv-cs-2025 as Parquet and as CSV.

    .venv/bin/python benchmarks/load.py

Best of three runs each, in one process (imports warmed up first); run on an idle machine.
Targets on this 2-core machine: Parquet under 2 s, CSV under 5 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402

from paperviz import load_corpus  # noqa: E402


def best_of(path: Path, runs: int = 3) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        df = load_corpus(path)
        times.append(time.perf_counter() - start)
    return min(times), len(df)


def main() -> None:
    parquet = SHARED / "arxiv-cs-2025.parquet"
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "arxiv-cs-2025.csv"
        pd.read_parquet(parquet).to_csv(csv, index=False)
        load_corpus(SHARED / "arxiv-2007-2k.parquet")  # warm-up: imports, regex compilation
        print("| format | papers | seconds (best of 3) | target |")
        print("|---|---|---|---|")
        for name, path, target in (("Parquet", parquet, 2), ("CSV", csv, 5)):
            seconds, n = best_of(path)
            print(f"| {name} | {n:,} | {seconds:.2f} | < {target} s |", flush=True)


if __name__ == "__main__":
    main()
