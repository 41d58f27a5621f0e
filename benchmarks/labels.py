"""Area labels: diversity, coherence and stop words, side by side with BERTopic's defaults.

Run (idle machine; BERTopic is a benchmark-only extra: pip install -e '.[bench]'):

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/labels.py

On the corpora of benchmarks/quality.py, with the same embeddings for both methods:
- diversity: the share of unique words among the top-10 words of all areas (1 = no repeats);
- coherence: NPMI of each area's top-10 words, pairwise, by co-occurrence in the corpus's
  papers (-1 to 1; higher: the words belong together);
- stop-word names: the share of area names containing an English stop word;
- name fidelity: the share of papers whose nearest area name, embedded with the same model,
  is their own area's (BERTopic: its names without the topic number, on the papers it
  placed). Chance is one over the number of areas.
For paperviz the top-10 words are the words of its key phrases, in order.
"""

from __future__ import annotations

import re
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import labelled  # noqa: E402

from paperviz import Embedder  # noqa: E402
from paperviz.areas import find_areas, nearest_neighbors  # noqa: E402
from paperviz.describe import describe_levels  # noqa: E402

_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def top_words(phrases: list[str], n: int = 10) -> list[str]:
    """The first ``n`` distinct lower-case words of ``phrases``."""
    out: list[str] = []
    for phrase in phrases:
        for word in _WORD.findall(phrase.lower()):
            if word not in out:
                out.append(word)
    return out[:n]


def diversity(topics: list[list[str]]) -> float:
    words = [w for t in topics for w in t]
    return len(set(words)) / max(len(words), 1)


def coherence(topics: list[list[str]], texts: list[str]) -> float:
    """Mean NPMI over each topic's word pairs, by document co-occurrence."""
    vocab = sorted({w for t in topics for w in t})
    vec = CountVectorizer(vocabulary=vocab, token_pattern=r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
                          lowercase=True, binary=True)
    docs = vec.fit_transform(texts).tocsc()
    n = docs.shape[0]
    col = {w: i for i, w in enumerate(vocab)}
    scores = []
    for topic in topics:
        for a, b in combinations(topic, 2):
            da, db = docs[:, col[a]], docs[:, col[b]]
            pa, pb = da.sum() / n, db.sum() / n
            pab = da.multiply(db).sum() / n
            if pab == 0 or pa == 0 or pb == 0:
                scores.append(-1.0)
            elif pab == 1:
                scores.append(1.0)
            else:
                scores.append(np.log(pab / (pa * pb)) / -np.log(pab))
    return float(np.mean(scores)) if scores else float("nan")


def stop_word_share(names: list[str]) -> float:
    has = [bool(set(_WORD.findall(n.lower())) & ENGLISH_STOP_WORDS) for n in names]
    return float(np.mean(has)) if has else 0.0


def _bertopic(texts, emb):
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                      random_state=42)
    model = BERTopic(umap_model=umap_model, min_topic_size=10)
    model.fit_transform(texts, embeddings=emb)
    info = model.get_topic_info()
    info = info[info["Topic"] >= 0]
    topics = [[w for w, _ in model.get_topic(t)][:10] for t in info["Topic"]]
    return info["Name"].tolist(), topics, info["Topic"].to_numpy(), np.asarray(model.topics_)


def name_fidelity(embedder: Embedder, names: list[str], ids: np.ndarray, labels: np.ndarray,
                  emb: np.ndarray) -> float:
    """Share of the papers in an area whose nearest embedded name is their area's."""
    placed = np.isin(labels, ids)
    nearest = ids[(emb[placed] @ embedder.encode(names).T).argmax(axis=1)]
    return float((nearest == labels[placed]).mean())


def main() -> None:
    embedder = Embedder(show_progress=True)
    for title, corpus, _, emb in labelled(embedder):
        texts = corpus["text"].tolist()
        rows = []
        names, topics, ids, assigned = _bertopic(texts, emb)
        readable = [" ".join(n.split("_")[1:]) for n in names]  # '0_the_of' -> 'the of'
        rows.append(("BERTopic defaults", len(names), diversity(topics),
                     coherence(topics, texts), stop_word_share(names),
                     name_fidelity(embedder, readable, ids, assigned, emb), names[:3]))
        found = find_areas(nearest_neighbors(emb, 30))
        summaries = describe_levels(corpus, {"area": found["area"].to_numpy(),
                                             "subarea": found["subarea"].to_numpy()},
                                    emb, n_phrases=10)
        for level in ("area", "subarea"):
            part = summaries[summaries["level"] == level]
            topics = [top_words(p) for p in part["key_phrases"]]
            names = part["name"].tolist()
            fidelity = name_fidelity(embedder, names, part["area"].to_numpy(),
                                     found[level].to_numpy(), emb)
            rows.append((f"paperviz {level}s", len(names), diversity(topics),
                         coherence(topics, texts), stop_word_share(names), fidelity,
                         names[:3]))
        table = pd.DataFrame(rows, columns=["method", "areas", "diversity", "coherence (NPMI)",
                                            "names with a stop word", "name fidelity",
                                            "first names"])
        print(f"\n## {title}: {len(corpus)} papers\n")
        print(table.to_markdown(index=False, floatfmt=".3f"), flush=True)


if __name__ == "__main__":
    main()
