"""The discipline vocabulary: build its shipped vectors, and measure how it names top levels.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/vocabulary.py build
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/vocabulary.py measure --corpora dev,2007

``build`` embeds every OpenAlex topic (``topic. description``) with the bundled model on
the fp32 backend and writes ``src/paperviz/describe/data/openalex-topics.all-MiniLM-L6-v2.npy``
(int8; see the data folder's README). ``measure`` maps each corpus (cached vectors and
areas) and prints, per top-level area, its size, its arXiv category where the corpus has
labels, the name mined from its papers, its most matched subfield and field (the share of
its papers, and the share of the corpus's papers of it that it holds) and the name the map
now shows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from names import ARXIV_NAMES, CORPORA, ROOT, TRUTH  # noqa: E402

DATA = ROOT / "src" / "paperviz" / "describe" / "data"


def build() -> None:
    from paperviz import Embedder
    from paperviz.describe.disciplines import SHIPPED, load_topics, topic_texts

    topics = load_topics()
    vectors = Embedder(backend="torch", use_cache=False).prepare().encode(topic_texts(topics))
    scaled = vectors / np.abs(vectors).max(axis=1, keepdims=True) * 127
    out = DATA / SHIPPED["all-MiniLM-L6-v2"]
    np.save(out, np.round(scaled).astype(np.int8))
    print(f"{out}: {len(topics)} topics x {vectors.shape[1]}")


def measure(names: list[str], backend: str) -> None:
    import paperviz
    from paperviz.corpus import from_dataframe
    from paperviz.describe.disciplines import nearest_topics, vocabulary

    embedder = paperviz.Embedder(backend=backend)
    for name in names:
        raw = CORPORA[name]()
        corpus = (paperviz.load_corpus(ROOT / "data" / "trending-papers.txt") if raw is None
                  else from_dataframe(raw))
        pmap = paperviz.build_map(corpus, embedder=embedder)
        vocab = vocabulary(embedder)
        near = nearest_topics(np.asarray(pmap.embeddings), vocab)
        matched = vocab.topics.iloc[near].reset_index(drop=True)
        top = pmap.levels[0]
        labels = pmap.papers[top].to_numpy()
        shown = pmap.summaries[pmap.summaries["level"] == top].set_index("area")["name"]
        truth = raw[TRUTH[name]].to_numpy() if name in TRUTH and raw is not None else None
        print(f"\n## {name}: {top}")
        for area in pd.Series(labels[labels >= 0]).value_counts().index:
            inside = labels == area
            row = [f"{inside.sum():6d}"]
            if truth is not None:
                cats = pd.Series(truth[inside]).value_counts(normalize=True)
                row.append(f"{ARXIV_NAMES.get(cats.index[0], cats.index[0])} {cats.iloc[0]:.0%}")
            for column in ("subfield", "field"):
                values = matched[column].to_numpy()
                counts = pd.Series(values[inside]).value_counts()
                best = counts.index[0]
                row.append(f"{best} {counts.iloc[0] / inside.sum():.2f}/"
                           f"{counts.iloc[0] / (values == best).sum():.2f}")
            row.append(f"-> {shown[area]}")
            print(" | ".join(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build")
    one = sub.add_parser("measure")
    one.add_argument("--corpora", default="bundled,dev,2007,openreview")
    one.add_argument("--backend", default="bf16")
    args = parser.parse_args()
    if args.command == "build":
        build()
    else:
        measure(args.corpora.split(","), args.backend)


if __name__ == "__main__":
    main()
