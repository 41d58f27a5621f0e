"""Do the area defaults hold from twenty papers to forty thousand?

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sizes.py            # 1,000 to 40,712
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sizes.py --small    # 20 to 1,000

Random samples of arxiv-cs-2025 (natural category proportions: half cs.CV, a third cs.CL)
of 1,000 to 40,712 papers, default embeddings through the cache. For each size: the areas
with graph neighbours 15 / 30 and smallest area 0.5% / 1% / 2% of the corpus, scored against
the arXiv category (ARI, NMI), with k-means told the number of categories holding at least
1% of the sample as a reference. The defaults are 30 neighbours (from about 900 papers up)
and 1%.

``--small``: random samples of 20 to 1,000 papers of the two corpora of
benchmarks/quality.py (12 samples per size up to 200, 4 above), areas from 30 graph
neighbours against the default (about the square root of the number of papers, 5 to 30),
scored against the categories, with the ARI between two seeds as stability.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402
from quality import labelled  # noqa: E402

from paperviz import (  # noqa: E402
    Embedder,
    MapOptions,  # noqa: E402
    from_dataframe,
)
from paperviz.areas import find_areas, nearest_neighbors  # noqa: E402
from paperviz.options import default_graph_neighbors  # noqa: E402

SIZES = (1_000, 3_000, 10_000, 40_712)


def main() -> None:
    corpus = from_dataframe(pd.read_parquet(SHARED / "arxiv-cs-2025.parquet"))
    vectors = Embedder(show_progress=True).encode(corpus["text"].tolist())
    rows = []
    for size in SIZES:
        pick = np.sort(np.random.default_rng(0).choice(len(corpus), size, replace=False))
        emb, truth = vectors[pick], corpus["label"].to_numpy()[pick]
        counts = pd.Series(truth).value_counts()
        k = int((counts >= 0.01 * size).sum())
        km = KMeans(k, n_init=3, random_state=0).fit_predict(emb)
        rows.append({"papers": size, "method": f"k-means, k={k} (told)", "areas": k,
                     "ARI": adjusted_rand_score(truth, km),
                     "NMI": normalized_mutual_info_score(truth, km), "seconds": np.nan})
        neighbors = nearest_neighbors(emb, 30)
        for n_graph in (15, 30):
            for share in (0.005, 0.01, 0.02):
                start = time.perf_counter()
                found = find_areas((neighbors[0][:, :n_graph], neighbors[1][:, :n_graph]),
                                   MapOptions(min_area_size=max(2, int(share * size))))
                area = found["area"].to_numpy()
                rows.append({"papers": size,
                             "method": f"paperviz, {n_graph} neighbours, min {share:.1%}",
                             "areas": len(np.unique(area)),
                             "ARI": adjusted_rand_score(truth, area),
                             "NMI": normalized_mutual_info_score(truth, area),
                             "seconds": time.perf_counter() - start})
                print(rows[-1], flush=True)
    print()
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))


def small() -> None:
    rows = []
    for title, _, truth_all, emb_all in labelled(Embedder(show_progress=True)):
        for size in (20, 50, 100, 200, 500, 1000):
            for sample in range(12 if size <= 200 else 4):
                pick = np.random.default_rng(100 + sample).choice(len(emb_all), size,
                                                                  replace=False)
                emb, truth = emb_all[pick], truth_all[pick]
                neighbors = nearest_neighbors(emb, 30)
                for rule, k in (("30", 30), ("default", default_graph_neighbors(size))):
                    graph = (neighbors[0][:, :k], neighbors[1][:, :k])
                    area = find_areas(graph)["area"].to_numpy()
                    other = find_areas(graph, MapOptions(random_state=7))["area"].to_numpy()
                    rows.append({"corpus": title.split(" ")[0], "papers": size,
                                 "graph neighbours": rule, "k": k,
                                 "areas": len(np.unique(area)),
                                 "ARI": adjusted_rand_score(truth, area),
                                 "NMI": normalized_mutual_info_score(truth, area),
                                 "seed ARI": adjusted_rand_score(area, other)})
    table = (pd.DataFrame(rows).groupby(["corpus", "papers", "graph neighbours"], sort=False)
             [["k", "areas", "ARI", "NMI", "seed ARI"]].mean().reset_index())
    print(table.to_markdown(index=False, floatfmt=".3f"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="20 to 1,000 papers")
    (small if parser.parse_args().small else main)()
