"""End-to-end time and peak memory by corpus size, stage by stage, with growth exponents.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/scale.py [--model static-minilm]
        [--sizes 1000 5000 10000 20000 40712]
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/scale.py --simulate 100000 250000 1000000

``--simulate``: corpora larger than any real one here, from vectors, after embedding (the
stages a million papers must pass on one machine: neighbours, UMAP, areas, names, the
files). The 40,712 papers of arxiv-cs-2025 are embedded with the default model (through the
cache: about 10 minutes the first time) and kept as they are; every further paper is a copy
of a random real one, its vector moved by Gaussian noise of a measured spread, its text the
real paper's. The spread makes a copy as similar to its source (cosine) as a real paper is
to its nearest other real paper, at the median (measured on 2,000 papers). What this does
not show: a real corpus of a million papers has more topics and a larger vocabulary than
copies of 40,712 papers (so the areas, and the names' memory, grow less here than they
would), and embedding is left out: its cost is extrapolated from measured rates.

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
    return _saved(pmap, timings)


def _saved(pmap, timings: dict) -> dict:
    """Save ``pmap`` (timed, into a folder removed after) and report the run: papers,
    areas, papers per level, stage timings, the HTML's size and the process's peak memory."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        size = pmap.save(out).stat().st_size
    timings["save (HTML + data)"] = time.perf_counter() - start
    timings.pop("model load", None)
    return {"papers": len(pmap.papers), "n_areas": int(pmap.papers["area"].nunique()),
            "levels": {level: int(pmap.papers[level].nunique()) for level in pmap.levels},
            "timings": timings, "html_mb": size / 1e6,
            "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}


def source_vectors(path: Path) -> dict:
    """Embed arxiv-cs-2025 with the default model (cached) into ``path`` (.npy); returns
    the noise spread for copies (see the module's description) and the cache used."""
    from corpora import SHARED

    from paperviz import Embedder, load_corpus
    from paperviz.areas import neighbors_among

    corpus = load_corpus(SHARED / "arxiv-cs-2025.parquet")
    vectors = Embedder(show_progress=True).encode(corpus["text"].tolist())
    np.save(path, np.asarray(vectors, dtype=np.float32), allow_pickle=False)
    sample = np.random.default_rng(0).permutation(len(vectors))[:2000]
    nearest = float(np.median(neighbors_among(vectors[sample], vectors, 2)[1][:, 1]))
    # a unit vector plus N(0, s^2) noise in d dimensions has cosine about 1/sqrt(1 + d s^2)
    spread = float(np.sqrt((1 / nearest**2 - 1) / vectors.shape[1]))
    return {"nearest_cosine": nearest, "spread": spread}


def one_simulated(n: int, vectors_path: Path, spread: float, cache: Path) -> dict:
    """Build and save the map of ``n`` simulated papers (see the module's description)."""
    from corpora import SHARED

    from paperviz import build_map, load_corpus

    real = load_corpus(SHARED / "arxiv-cs-2025.parquet")
    base = np.load(vectors_path, mmap_mode="r")
    rng = np.random.default_rng(0)
    extra = rng.integers(0, len(real), max(0, n - len(real)))
    sources = np.concatenate([np.arange(min(n, len(real))), extra])
    corpus = real.iloc[sources].reset_index(drop=True)
    corpus["paper_id"] = [f"sim{i}" for i in range(n)]
    vectors = np.asarray(base[sources], dtype=np.float32)
    moved = np.arange(n) >= len(real)
    vectors[moved] += rng.normal(0.0, spread, (int(moved.sum()), vectors.shape[1])
                                 ).astype(np.float32)
    # given as a memory-mapped .npy, as a million vectors made elsewhere would come, so the
    # benchmark holds no second copy of them while the map is built
    np.save(cache / "simulated.npy", vectors, allow_pickle=False)
    del vectors
    timings: dict[str, float] = {}
    pmap = build_map(corpus, embeddings=np.load(cache / "simulated.npy", mmap_mode="r"),
                     cache_dir=cache, timings=timings, show_progress=False)
    return _saved(pmap, timings)


def simulate(sizes: list[int]) -> None:
    from paperviz.embedding import default_cache_dir
    from paperviz.embedding.calibrate import CALIBRATION_FILE

    base = Path(tempfile.mkdtemp(prefix="paperviz-simulate-"))
    try:
        vectors = base / "vectors.npy"
        spread = source_vectors(vectors)
        print(f"copies: noise spread {spread['spread']:.4f} per dimension (a real paper's "
              f"nearest other paper: median cosine {spread['nearest_cosine']:.3f})")
        rows = []
        for n in sizes:
            cache = base / f"cache-{n}"  # the built models and calibration, no vectors
            shutil.copytree(default_cache_dir() / "models", cache / "models")
            shutil.copy(default_cache_dir() / CALIBRATION_FILE, cache / CALIBRATION_FILE)
            out = subprocess.run([sys.executable, __file__, "--one-simulated", str(n),
                                  "--vectors", str(vectors), "--spread",
                                  str(spread["spread"]), "--cache", str(cache)],
                                 check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(result)
            shutil.rmtree(cache, ignore_errors=True)
            stages = ", ".join(f"{k} {v:.1f}s" for k, v in result["timings"].items())
            print(f"{n:>8} papers: {sum(result['timings'].values()):.0f}s, peak "
                  f"{result['peak_gb']:.2f} GB, map.html {result['html_mb']:.1f} MB, levels "
                  f"{result['levels']} ({stages})", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    _table(rows, "simulated from arxiv-cs-2025, default model, vectors given")


def _table(rows: list[dict], title: str) -> None:
    table = pd.DataFrame([{"papers": r["papers"], **r["timings"],
                           "total s": sum(r["timings"].values()), "peak GB": r["peak_gb"],
                           "HTML MB": r["html_mb"], "number of areas": r["n_areas"]}
                          for r in rows])
    print(f"\n{title}\n")
    print(table.to_markdown(index=False, floatfmt=".2f"))
    if len(rows) > 1:
        logn = np.log(table["papers"])
        skip = ("papers", "number of areas", "peak GB", "HTML MB")
        slopes = {c: np.polyfit(logn, np.log(np.maximum(table[c], 1e-3)), 1)[0]
                  for c in table.columns if c not in skip}
        print("\nGrowth exponents (seconds ~ papers^k): "
              + ", ".join(f"{c} {k:.2f}" for c, k in slopes.items()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="static-minilm")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 20000, 40712])
    parser.add_argument("--simulate", type=int, nargs="+", default=None,
                        help="papers per simulated corpus (see the module's description)")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--one-simulated", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--spread", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--cache", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_simulated:
        print(json.dumps(one_simulated(args.one_simulated, Path(args.vectors), args.spread,
                                       Path(args.cache))))
        return
    if args.simulate:
        simulate(args.simulate)
        return
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
    _table(rows, f"Model: {args.model}")

if __name__ == "__main__":
    main()
