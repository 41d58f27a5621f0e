"""Cluster quality against arXiv categories, side by side with BERTopic and k-means.

Run (idle machine, BERTopic installed as a benchmark-only extra: pip install bertopic):

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py            # the comparison table
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py --sweep    # how defaults were chosen
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py --model static-minilm
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py --backend int8   # one backend
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py --backends       # all, 5 seeds
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/quality.py --natural        # every level

``--natural`` is arxiv-cs-2025 whole (40,712 papers, 73 categories in arXiv's own
proportions): every level of the map (fields, areas, sub-areas, topics) next to k-means told the
number of categories and told each level's number of groups, and the ways of building fields
that were measured (embedding 40,712 papers takes about 10 minutes the first time).

Every paper counts: papers left unassigned form one more group. Embeddings are the kit's
default (all-MiniLM-L6-v2, title + abstract), computed once through the cache.
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
from corpora import SHARED, arxiv_2007, dev_sample, ijcai_areas, openreview_venues  # noqa: E402

from paperviz import Embedder, MapOptions  # noqa: E402
from paperviz.areas import find_areas, find_fields, nearest_neighbors  # noqa: E402
from paperviz.corpus import from_dataframe  # noqa: E402
from paperviz.options import default_min_area_size  # noqa: E402

CORPORA = {
    "arxiv-cs-2025 dev sample (label)": (dev_sample, "label"),
    "arxiv-2007-2k (archive)": (arxiv_2007, "archive"),
}


def _scores(name: str, truth: np.ndarray, labels: np.ndarray, seconds: float) -> dict:
    return {
        "method": name,
        "areas": int(len(np.unique(labels[labels >= 0]))),
        "unassigned": float((labels < 0).mean()),
        "ARI": adjusted_rand_score(truth, labels),  # -1 is one more group
        "NMI": normalized_mutual_info_score(truth, labels),
        "seconds": seconds,
    }


def _paperviz(emb, k=30, resolution=1.0, seed=42, min_size=None, n_areas=None):
    neighbors = nearest_neighbors(emb, k)
    return find_areas(neighbors, MapOptions(resolution=resolution, random_state=seed,
                                            n_areas=n_areas, min_area_size=min_size))


def _bertopic(docs, emb):
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                      random_state=42)
    model = BERTopic(umap_model=umap_model, min_topic_size=10, calculate_probabilities=False)
    topics, _ = model.fit_transform(docs, embeddings=emb)
    reduced = model.reduce_outliers(docs, topics, strategy="embeddings", embeddings=emb)
    return np.asarray(topics), np.asarray(reduced)


def stability(emb: np.ndarray, seeds=(42, 1, 2), frac: float = 0.9) -> dict:
    """ARI between runs with other seeds, and between runs on 90% subsamples (on the papers
    both runs share)."""
    base = _paperviz(emb, seed=seeds[0])["area"].to_numpy()
    seed_ari = [adjusted_rand_score(base, _paperviz(emb, seed=s)["area"].to_numpy())
                for s in seeds[1:]]
    rng = np.random.default_rng(0)
    sub_ari = []
    for _ in range(2):
        keep = np.sort(rng.choice(len(emb), int(frac * len(emb)), replace=False))
        sub = _paperviz(emb[keep], min_size=default_min_area_size(len(emb)))["area"].to_numpy()
        sub_ari.append(adjusted_rand_score(base[keep], sub))
    return {"seed ARI": float(np.mean(seed_ari)), "90% subsample ARI": float(np.mean(sub_ari))}


def labelled(embedder: Embedder):
    """Each corpus as ``(title, corpus, truth labels, embeddings)``."""
    for title, (load, label) in CORPORA.items():
        corpus = from_dataframe(load())
        yield title, corpus, corpus[label].to_numpy(), embedder.encode(corpus["text"].tolist())


def compare(embedder: Embedder) -> None:
    for title, corpus, truth, emb in labelled(embedder):
        rows = []
        try:
            t = time.perf_counter()
            topics, reduced = _bertopic(corpus["text"].tolist(), emb)
            bt = time.perf_counter() - t
            rows.append(_scores("BERTopic defaults", truth, topics, bt))
            rows.append(_scores("BERTopic + reduce_outliers", truth, reduced, bt))
        except ImportError:
            print("(BERTopic is not installed: its rows are left out; pip install -e '.[bench]')")
        k = len(np.unique(truth))
        t = time.perf_counter()
        km = KMeans(k, n_init=10, random_state=0).fit_predict(emb)
        rows.append(_scores(f"k-means, true k={k}", truth, km, time.perf_counter() - t))
        t = time.perf_counter()
        found = _paperviz(emb)
        pv = time.perf_counter() - t
        rows.append(_scores("paperviz areas (coarse)", truth, found["area"].to_numpy(), pv))
        rows.append(_scores("paperviz sub-areas", truth, found["subarea"].to_numpy(), pv))
        t = time.perf_counter()
        told = _paperviz(emb, n_areas=k)["area"].to_numpy()
        rows.append(_scores(f"paperviz, told k={k}", truth, told, time.perf_counter() - t))
        table = pd.DataFrame(rows)
        print(f"\n## {title}: {len(corpus)} papers, {k} categories\n")
        print(table.to_markdown(index=False, floatfmt=".3f"))
        stab = stability(emb)
        print(f"\npaperviz stability: seed ARI {stab['seed ARI']:.3f}, "
              f"90% subsample ARI {stab['90% subsample ARI']:.3f}; "
              f"weakly placed papers {found['weak'].mean():.1%}", flush=True)


# four corpora of different kinds for the backends' areas
BACKEND_CORPORA = {**CORPORA,
                   "openreview-keywords (venue)": (openreview_venues, "label"),
                   "ijcai-2020-2023 (area)": (ijcai_areas, "label")}


def backends(model: str, seeds: int = 5) -> None:
    """Areas from each CPU backend's vectors of the same papers (bf16 only where the CPU
    multiplies it natively), a mean over ``seeds`` seeds of the areas (untold, and told the
    number of categories)."""
    from paperviz.cpu import has_native_bf16

    rows = []
    for title, (load, label) in BACKEND_CORPORA.items():
        corpus = from_dataframe(load())
        truth = corpus[label].to_numpy()
        k = len(np.unique(truth))
        for backend in ("torch", "bf16", "int8") if has_native_bf16() else ("torch", "int8"):
            emb = Embedder(model, backend=backend, show_progress=False).encode(
                corpus["text"].tolist())
            for told in (None, k):
                neighbors = nearest_neighbors(
                    emb, MapOptions(n_areas=told).resolved(len(emb)).graph_neighbors)
                scores = []
                for seed in range(seeds):
                    options = MapOptions(random_state=seed, n_areas=told).resolved(len(emb))
                    found = find_areas(neighbors, options)["area"].to_numpy()
                    scores.append((adjusted_rand_score(truth, found),
                                   normalized_mutual_info_score(truth, found),
                                   len(np.unique(found))))
                ari, nmi, n = np.array(scores).T
                rows.append({"corpus": title, "backend": backend, "told k": told or "-",
                             "areas": n.mean(), "ARI": ari.mean(), "ARI sd": ari.std(),
                             "NMI": nmi.mean()})
                print(rows[-1], flush=True)
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))


def natural(embedder: Embedder) -> None:
    """Every level of the map of arxiv-cs-2025, whole, against its categories."""
    from scipy.cluster.hierarchy import fcluster, linkage

    from paperviz.areas import area_centres
    from paperviz.areas.cluster import _graph, _merge_to

    corpus = from_dataframe(pd.read_parquet(SHARED / "arxiv-cs-2025.parquet"))
    truth = corpus["label"].to_numpy()
    emb = embedder.encode(corpus["text"].tolist())
    options = MapOptions().resolved(len(emb))
    t = time.perf_counter()
    neighbors = nearest_neighbors(emb, options.graph_neighbors)
    found = find_areas(neighbors, options)
    areas_s = time.perf_counter() - t
    t = time.perf_counter()
    area = found["area"].to_numpy()
    field = find_fields(emb, area)
    fields_s = time.perf_counter() - t
    rows = [_scores("paperviz fields", truth, field, fields_s),
            _scores("paperviz areas", truth, area, areas_s),
            _scores("paperviz sub-areas", truth, found["subarea"].to_numpy(), areas_s)]
    if "topic" in found:
        rows.append(_scores("paperviz topics", truth, found["topic"].to_numpy(), areas_s))
    k_true = len(np.unique(truth))
    for k in (k_true, *sorted({len(np.unique(x)) for x in (field, area)})):
        t = time.perf_counter()
        km = KMeans(k, n_init=3, random_state=0).fit_predict(emb)
        told = "true k" if k == k_true else "k"
        rows.append(_scores(f"k-means, {told}={k}", truth, km, time.perf_counter() - t))
    print(f"\n## arxiv-cs-2025, whole: {len(emb)} papers, {k_true} categories\n")
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))
    # how fields were chosen: other ways of grouping the same areas, at each count
    ids = sorted(np.unique(area))
    centres = area_centres(emb, area, ids)
    graph = _graph(neighbors[0][:, :options.graph_neighbors],
                   neighbors[1][:, :options.graph_neighbors])
    graph.contract_vertices(area.tolist(), combine_attrs=None)
    graph.simplify(loops=False, combine_edges="sum")
    ways = {"average linkage (default)": linkage(centres, "average", metric="cosine"),
            "Ward linkage": linkage(centres, "ward")}
    rows = []
    for k in range(2, 13):
        row = {"fields": k}
        for name, tree in ways.items():
            groups = (fcluster(tree, k, "maxclust") - 1)[area]
            row[f"{name} ARI"] = adjusted_rand_score(truth, groups)
            row[f"{name} NMI"] = normalized_mutual_info_score(truth, groups)
        merged = _merge_to(graph, np.arange(len(ids)), k, 1.0)[area]
        row["modularity merge ARI"] = adjusted_rand_score(truth, merged)
        row["modularity merge NMI"] = normalized_mutual_info_score(truth, merged)
        rows.append(row)
    print(f"\nFields from the {len(ids)} areas, other ways (default picked "
          f"{len(np.unique(field))}):\n")
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=[".0f"] + [".3f"] * 6))


def sweep(embedder: Embedder) -> None:
    for title, _, truth, emb in labelled(embedder):
        rows = []
        for k in (15, 30, 50):
            for res in (0.7, 1.0, 1.3):
                found = _paperviz(emb, k=k, resolution=res)
                row = _scores(f"k={k} resolution={res}", truth, found["area"].to_numpy(), 0)
                row["sub-areas"] = found["subarea"].nunique()
                row["sub ARI"] = adjusted_rand_score(truth, found["subarea"])
                row["sub NMI"] = normalized_mutual_info_score(truth, found["subarea"])
                rows.append(row)
        print(f"\n## {title}\n")
        print(pd.DataFrame(rows).drop(columns=["seconds", "unassigned"])
              .to_markdown(index=False, floatfmt=".3f"), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="graph neighbours x resolution")
    parser.add_argument("--model", default="all-MiniLM-L6-v2",
                        help="embedding model, e.g. static-minilm")
    parser.add_argument("--backend", default="auto", help="auto, torch, bf16 or int8")
    parser.add_argument("--backends", action="store_true",
                        help="areas from each CPU backend's vectors, a mean over 5 seeds")
    parser.add_argument("--natural", action="store_true",
                        help="arxiv-cs-2025 whole, every level, against its categories")
    args = parser.parse_args()
    if args.backends:
        backends(args.model)
        sys.exit()
    embedder = Embedder(args.model, show_progress=True, backend=args.backend)
    print(f"model {args.model}, backend {embedder.backend}")
    (natural if args.natural else sweep if args.sweep else compare)(embedder)
