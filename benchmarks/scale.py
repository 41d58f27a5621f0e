"""End-to-end time and peak memory by corpus size, stage by stage, with growth exponents.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/scale.py [--model static-minilm]
        [--sizes 1000 5000 10000 20000 40712]

Papers are sampled (random_state=0) from arxiv-cs-2025. Each size runs in its own process
with an empty cache (the distilled static model excepted), so the peak memory (max RSS) and
every stage, embedding included, are that size's own. Growth exponent: the slope of
log(seconds) against log(papers) over the sizes. Run on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def one(n: int, model: str, cache: Path) -> dict:
    from corpora import SHARED

    from paperviz import build_map, load_corpus

    timings: dict[str, float] = {}
    start = time.perf_counter()
    corpus = load_corpus(SHARED / "arxiv-cs-2025.parquet")
    if n < len(corpus):
        corpus = corpus.sample(n, random_state=0).reset_index(drop=True)
    timings["load"] = time.perf_counter() - start
    pmap = build_map(corpus, model=model, cache_dir=cache, timings=timings, show_progress=False)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        html = pmap.save(out)
        size = html.stat().st_size
    timings["save (HTML + data)"] = time.perf_counter() - start
    timings.pop("model load", None)
    return {"papers": len(corpus), "n_areas": int(pmap.papers["area"].nunique()),
            "timings": timings, "html_mb": size / 1e6,
            "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="static-minilm")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 20000, 40712])
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--cache", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.model, Path(args.cache))))
        return
    base = Path(tempfile.mkdtemp(prefix="paperviz-scale-"))
    rows = []
    try:
        for n in args.sizes:
            cache = base / f"cache-{n}"
            if (base / "models").exists():  # the distilled model is built once, not timed
                shutil.copytree(base / "models", cache / "models")
            out = subprocess.run([sys.executable, __file__, "--one", str(n), "--model",
                                  args.model, "--cache", str(cache)], check=True,
                                 capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            if not (base / "models").exists() and (cache / "models").exists():
                shutil.copytree(cache / "models", base / "models")
            rows.append(result)
            stages = ", ".join(f"{k} {v:.1f}s" for k, v in result["timings"].items())
            print(f"{result['papers']:>6} papers: {sum(result['timings'].values()):.1f}s, "
                  f"peak {result['peak_gb']:.2f} GB ({stages})", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    table = pd.DataFrame([{"papers": r["papers"], **r["timings"],
                           "total s": sum(r["timings"].values()), "peak GB": r["peak_gb"],
                           "HTML MB": r["html_mb"], "number of areas": r["n_areas"]}
                          for r in rows])
    print(f"\nModel: {args.model}\n")
    print(table.to_markdown(index=False, floatfmt=".2f"))
    if len(rows) > 1:
        logn = np.log(table["papers"])
        skip = ("papers", "number of areas", "peak GB", "HTML MB")
        slopes = {c: np.polyfit(logn, np.log(np.maximum(table[c], 1e-3)), 1)[0]
                  for c in table.columns if c not in skip}
        print("\nGrowth exponents (seconds ~ papers^k): "
              + ", ".join(f"{c} {k:.2f}" for c, k in slopes.items()))


if __name__ == "__main__":
    main()
