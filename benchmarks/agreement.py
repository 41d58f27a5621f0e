"""The same papers from two backends' vectors: do their maps agree?

fp32 (``torch``) and bf16 vectors of the same papers agree to a mean cosine of about 0.99998,
yet a map is cut from a neighbour graph, and a neighbour that is 30th by one vector and 31st
by the other changes an edge. This prints, per corpus, how well the areas and sub-areas found
from the two sets of vectors agree (ARI between them), next to how well each agrees with the
labels (ARI / NMI, the mean of the two), for consensus of 10 Leiden runs (before issue 29)
and of ``cluster.CONSENSUS_RUNS`` (now), each a mean over three seeds.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/agreement.py                 # dev, 2007
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/agreement.py --corpora 40k   # all 40,712
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/agreement.py --embed-only    # vectors only

Vectors come through the embedding cache (fp32 embeds about 27 papers/s on two cores, so the
40k corpus takes about 25 minutes the first time). Papers are taken in the order build_map
uses (by their text's hash), so the graphs are those a map would be cut from.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED, arxiv_2007, dev_sample  # noqa: E402

from paperviz import Embedder, MapOptions  # noqa: E402
from paperviz.areas import cluster, find_areas, nearest_neighbors  # noqa: E402
from paperviz.corpus import from_dataframe  # noqa: E402
from paperviz.embedding import text_keys  # noqa: E402

BACKENDS = ("torch", "bf16")
CORPORA = {
    "dev": ("arxiv-cs-2025 dev sample", dev_sample, "label"),
    "2007": ("arxiv-2007-2k", arxiv_2007, "archive"),
    "40k": ("arxiv-cs-2025 whole",
            lambda: pd.read_parquet(SHARED / "arxiv-cs-2025.parquet"), "label"),
    "openreview": ("openreview-keywords",
                   lambda: pd.read_parquet(SHARED / "openreview-keywords.parquet"), "venue"),
}


def vectors(name: str) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The corpus in build_map's order and its vectors from each of ``BACKENDS``."""
    _, read, _ = CORPORA[name]
    corpus = from_dataframe(read())
    texts = corpus["text"].tolist()
    order = np.argsort(text_keys(texts), kind="stable")
    corpus = corpus.iloc[order].reset_index(drop=True)
    out = {}
    for backend in BACKENDS:
        start = time.perf_counter()
        out[backend] = Embedder(backend=backend).encode(corpus["text"].tolist())
        print(f"{name}: {backend} vectors in {time.perf_counter() - start:.0f} s", flush=True)
    return corpus, out


def compare(name: str, runs: list[int], seeds: list[int]) -> list[dict]:
    """Per number of Leiden runs in each consensus, and per level: the ARI between the maps
    from the two backends' vectors, and each map's agreement with the labels, means over
    ``seeds``."""
    title, _, label = CORPORA[name]
    corpus, vecs = vectors(name)
    a, b = (vecs[x] for x in BACKENDS)
    cosine = float(np.mean(np.sum(a * b, axis=1)))
    options = MapOptions().resolved(len(corpus))
    graphs = {x: nearest_neighbors(vecs[x], options.graph_neighbors) for x in BACKENDS}
    shared = float(np.mean([len(set(p) & set(q)) / len(p)
                            for p, q in zip(*(graphs[x][0] for x in BACKENDS), strict=True)]))
    truth = corpus[label].to_numpy()
    rows = []
    default = cluster.CONSENSUS_RUNS
    try:
        for count in runs:
            cluster.CONSENSUS_RUNS = count
            found, seconds = [], []
            for seed in seeds:
                start = time.perf_counter()
                found.append({x: find_areas(graphs[x], replace(options, random_state=seed))
                              for x in BACKENDS})
                seconds.append((time.perf_counter() - start) / len(BACKENDS))
            for level in ("area", "subarea"):
                pairs = [(f["torch"][level].to_numpy(), f["bf16"][level].to_numpy())
                         for f in found]
                cross = [adjusted_rand_score(one, two) for one, two in pairs]
                rows.append({
                    "corpus": title, "papers": len(corpus), "mean cosine": f"{cosine:.6f}",
                    "neighbours shared": f"{shared:.4f}", "runs": count, "level": level,
                    "groups": np.mean([len(np.unique(one)) for one, _ in pairs]),
                    "ARI fp32 vs bf16": np.mean(cross), "lowest": np.min(cross),
                    "ARI vs labels": np.mean([adjusted_rand_score(truth, x)
                                              for p in pairs for x in p]),
                    "NMI vs labels": np.mean([normalized_mutual_info_score(truth, x)
                                              for p in pairs for x in p]),
                    "seconds": np.mean(seconds),
                })
                print(rows[-1], flush=True)
    finally:
        cluster.CONSENSUS_RUNS = default
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", default="dev,2007",
                        help=f"comma-separated, of {', '.join(CORPORA)}")
    parser.add_argument("--runs", default=f"10,{cluster.CONSENSUS_RUNS}",
                        help="Leiden runs per consensus to compare (10: before issue 29)")
    parser.add_argument("--seeds", default="42,7,11", help="seeds to average over")
    parser.add_argument("--embed-only", action="store_true", help="only fill the cache")
    args = parser.parse_args()
    rows = []
    for name in args.corpora.split(","):
        if args.embed_only:
            vectors(name)
        else:
            rows += compare(name, [int(r) for r in args.runs.split(",")],
                            [int(x) for x in args.seeds.split(",")])
    if rows:
        print(table(rows))


def table(rows: list[dict]) -> str:
    """The rows as Markdown, floats to three places, strings (the cosines) as they are."""
    frame = pd.DataFrame(rows).map(lambda v: f"{v:.3f}" if isinstance(v, float) else v)
    return frame.to_markdown(index=False, disable_numparse=True)


if __name__ == "__main__":
    main()
