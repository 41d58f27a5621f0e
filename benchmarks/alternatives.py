"""Other ways to cut the coarse areas, scored like benchmarks/quality.py (ARI / NMI against
the arXiv categories), kept so the negative results can be re-checked:

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/alternatives.py

Each row is the default area finder (consensus Leiden on the 30-neighbour graph) on other
vectors or another graph, another community finder on the same graph, or another cut of the
same papers. Only the rows marked "told k" are given the number of categories.
"""

from __future__ import annotations

import sys
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import labelled  # noqa: E402

from paperviz import Embedder  # noqa: E402
from paperviz.areas import find_areas, nearest_neighbors  # noqa: E402
from paperviz.areas.cluster import (  # noqa: E402
    _graph,
    _leiden_once,
    _merge_small,
)
from paperviz.options import default_min_area_size  # noqa: E402


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True).clip(1e-12)).astype(np.float32)


def _areas(x: np.ndarray) -> np.ndarray:
    return find_areas(nearest_neighbors(_unit(x), 30))["area"].to_numpy()


def _kmeans_consensus(emb: np.ndarray) -> np.ndarray:
    """Leiden on the neighbour graph re-weighted by how often 28 k-means runs (k = 4..30)
    put the two papers together (evidence accumulation)."""
    graph = _graph(*nearest_neighbors(emb, 30))
    edges = np.asarray(graph.get_edgelist())
    runs = [KMeans(k, n_init=1, random_state=s).fit_predict(emb)
            for k in range(4, 30, 2) for s in range(2)]
    agree = np.mean([r[edges[:, 0]] == r[edges[:, 1]] for r in runs], axis=0)
    consensus = ig.Graph(n=len(emb), edges=edges.tolist())
    consensus.es["weight"] = (np.asarray(graph.es["weight"]) * agree + 1e-6).tolist()
    return _merge_small(graph, _leiden_once(consensus, 0.7, 42), default_min_area_size(len(emb)))


def _igraph(emb: np.ndarray, algorithm: str) -> np.ndarray:
    """Another of igraph's community finders on the same graph, small areas merged away."""
    graph = _graph(*nearest_neighbors(emb, 30))
    if algorithm == "walktrap":
        labels = graph.community_walktrap(weights="weight").as_clustering().membership
    else:
        labels = graph.community_infomap(edge_weights="weight", trials=3).membership
    return _merge_small(graph, np.asarray(labels), default_min_area_size(len(emb)))


def _kmeans_refined(emb: np.ndarray) -> np.ndarray:
    """k-means started from the default areas' centres (their number kept)."""
    area = _areas(emb)
    centres = np.stack([emb[area == a].mean(axis=0) for a in np.unique(area)])
    return KMeans(len(centres), init=centres, n_init=1).fit_predict(emb)


def _subarea_cut(emb: np.ndarray, k: int) -> np.ndarray:
    """Ward's dendrogram of the sub-areas' centres, cut at k (k is given: an upper bound)."""
    sub = find_areas(nearest_neighbors(emb, 30))["subarea"].to_numpy()
    ids, inverse = np.unique(sub, return_inverse=True)
    centres = _unit(np.stack([emb[inverse == i].mean(axis=0) for i in range(len(ids))]))
    return AgglomerativeClustering(k, linkage="ward").fit_predict(centres)[inverse]


def main() -> None:
    for title, corpus, truth, emb in labelled(Embedder(show_progress=True)):
        k = len(np.unique(truth))
        tfidf = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english",
                                ngram_range=(1, 2)).fit_transform(corpus["text"])
        lsa = _unit(TruncatedSVD(256, random_state=0).fit_transform(tfidf))
        centred = _unit(emb - emb.mean(axis=0))
        rows = {
            "default (consensus Leiden, 30 neighbours)": _areas(emb),
            "centred vectors": _areas(centred),
            "PCA-whitened to 64 dimensions": _areas(PCA(64, whiten=True, random_state=0)
                                                    .fit_transform(emb)),
            "TF-IDF (LSA 256) only": _areas(lsa),
            "0.85 centred vectors + 0.15 TF-IDF": _areas(np.hstack(
                [np.sqrt(0.85) * centred, np.sqrt(0.15) * lsa])),
            "k-means consensus (k = 4..30)": _kmeans_consensus(emb),
            "walktrap (igraph), cut at best modularity": _igraph(emb, "walktrap"),
            "infomap (igraph)": _igraph(emb, "infomap"),
            "default areas refined by k-means": _kmeans_refined(emb),
            f"sub-areas cut by Ward at the true k={k} (told k)": _subarea_cut(emb, k),
            f"k-means, true k={k} (told k)": KMeans(k, n_init=10, random_state=0)
            .fit_predict(emb),
        }
        table = pd.DataFrame([{"method": name, "areas": len(np.unique(labels)),
                               "ARI": adjusted_rand_score(truth, labels),
                               "NMI": normalized_mutual_info_score(truth, labels)}
                              for name, labels in rows.items()])
        print(f"\n## {title}\n\n{table.to_markdown(index=False, floatfmt='.3f')}", flush=True)


if __name__ == "__main__":
    main()
