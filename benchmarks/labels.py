"""Area labels: name faults, fidelity, diversity, coherence; side by side with the names of
an earlier paperviz (the baseline) and with BERTopic's defaults.

Run (idle machine; BERTopic is a benchmark-only extra: pip install -e '.[bench]', its rows
are left out when it is not installed):

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/labels.py [--baseline REV] [--no-40k]

Corpora: the bundled one (the map `make map` draws), the arXiv cs 2025 dev sample and the
2007 set of benchmarks/quality.py (all-MiniLM-L6-v2, the default backend), and all 40,712
arXiv cs 2025 papers (static-minilm, as the 40k map of docs/large-corpora.md). The areas are found
once per corpus; both namers describe the same areas. Per level:
- non-NP: the share of names with a part that is no noun phrase (its last word is one
  lemminflect knows only as an adjective, adverb or verb, or one the corpus writes almost
  only in front of another word: "Numerical", "Classifiers Trained", "3D");
- repeat: with two parts that say one idea (a shared root, or an acronym beside what it
  stands for: "Tokenization & Tokenizer", "3DGS & 3D Gaussian Splatting");
- generic: with a one-word part common in everyday English (wordfreq Zipf 4.5 or more) or
  used by 5% of the papers in half the level's areas ("Feature", "Rate", "Training");
- name fidelity: the share of papers whose nearest area name, embedded by the same model,
  is their own area's (BERTopic: its names without the topic number, on the papers it
  placed). Chance is one over the number of areas;
- diversity (unique share of the top-10 key-phrase words of all areas) and coherence
  (mean NPMI of those words over the corpus's papers).
Names judged against the authors' own keywords (openreview-keywords), against arXiv's
categories and across backends are in ``benchmarks/names.py``, which writes
benchmarks/results/names.md; this script prints its tables only.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402
from quality import labelled  # noqa: E402

import paperviz  # noqa: E402
from paperviz import Embedder, MapOptions  # noqa: E402
from paperviz.areas import find_areas, nearest_neighbors  # noqa: E402
from paperviz.corpus import from_dataframe  # noqa: E402
from paperviz.describe import describe_levels  # noqa: E402
from paperviz.describe.phrases import phrases, surface_forms  # noqa: E402
from paperviz.describe.words import (  # noqa: E402
    english_zipf,
    is_noun_phrase,
    same_idea,
    word_usage,
)

ROOT = Path(__file__).resolve().parents[1]

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


def old_describe(rev: str):
    """``describe_levels`` as paperviz had it at ``rev`` (its describe module read from git)."""
    source = subprocess.run(["git", "show", f"{rev}:src/paperviz/describe.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_describe.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("old_describe", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.describe_levels


class Faults:
    """The name checks of the module docstring, for one corpus and one level."""

    def __init__(self, corpus: pd.DataFrame, labels: np.ndarray) -> None:
        vectorizer = CountVectorizer(analyzer=phrases, min_df=2 if len(corpus) >= 50 else 1)
        docs = vectorizer.fit_transform(corpus["text"])
        vocab = vectorizer.get_feature_names_out()
        self.usage = word_usage(docs, vocab)
        self.surface = surface_forms(corpus["text"])
        self.column = {p: j for j, p in enumerate(vocab)}
        ids = np.unique(labels[labels >= 0])
        present = (docs > 0).tocsc()
        self.share = np.vstack([np.asarray(present[labels == a].mean(axis=0)).ravel()
                                for a in ids])

    def parts(self, name: str) -> list[str]:
        return [p.strip().lower() for p in name.split("&") if p.strip()]

    def not_np(self, name: str) -> bool:
        return any(not is_noun_phrase(p, self.usage, self.surface) for p in self.parts(name))

    def repeat(self, name: str) -> bool:
        parts = self.parts(name)
        return any(same_idea(a, b) for a, b in combinations(parts, 2))

    def generic(self, name: str) -> bool:
        for part in self.parts(name):
            if " " in part:
                continue
            j = self.column.get(part)
            spread = (self.share[:, j] >= 0.05).mean() if j is not None else 0.0
            if english_zipf(part) >= 4.5 or (len(self.share) >= 4 and spread >= 0.5):
                return True
        return False


def corpora(embedder: Embedder, with_40k: bool):
    """``(title, corpus, {level: labels}, embeddings, embedder)`` per corpus."""
    bundled = paperviz.load_corpus(ROOT / "data" / "trending-papers.txt")
    pmap = paperviz.build_map(bundled, embedder=embedder)
    yield ("bundled corpus (trending papers)", pmap.papers,
           {lv: pmap.papers[lv].to_numpy() for lv in ("area", "subarea")}, pmap.embeddings,
           embedder)
    sets = [(title, corpus, emb, embedder) for title, corpus, _, emb in labelled(embedder)]
    if with_40k:
        static = Embedder("static-minilm", show_progress=True)
        corpus = from_dataframe(pd.read_parquet(SHARED / "arxiv-cs-2025.parquet"))
        sets.append(("arXiv cs 2025, all 40,712 papers (static-minilm)", corpus,
                     static.encode(corpus["text"].tolist()), static))
    for title, corpus, emb, model in sets:
        options = MapOptions().resolved(len(corpus))
        found = find_areas(nearest_neighbors(emb, options.graph_neighbors), options)
        yield title, corpus, {lv: found[lv].to_numpy() for lv in ("area", "subarea")}, emb, \
            model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="67b0276",
                        help="the git revision whose names are the baseline")
    parser.add_argument("--no-40k", action="store_true", help="leave out the 40k corpus")
    args = parser.parse_args()
    describe_old = old_describe(args.baseline)
    embedder = Embedder(show_progress=True)
    md = [f"# Area names: baseline ({args.baseline}) and now\n",
          "Written by `benchmarks/labels.py`. Each corpus's areas are found once; both "
          "namers name the same areas.\n"]
    for title, corpus, levels, emb, model in corpora(embedder, not args.no_40k):
        texts = corpus["text"].tolist()
        rows = []
        try:
            names, topics, ids, assigned = _bertopic(texts, emb)
            readable = [" ".join(n.split("_")[1:]) for n in names]  # '0_the_of' -> 'the of'
            rows.append(("BERTopic defaults", "topic", len(names), diversity(topics),
                         coherence(topics, texts), np.nan, np.nan, np.nan,
                         name_fidelity(model, readable, ids, assigned, emb)))
        except ImportError:
            pass
        tables = {}
        tables["baseline"] = describe_old(corpus, levels, emb, n_phrases=10)
        tables["now"] = describe_levels(corpus, levels, emb, n_phrases=10)
        md.append(f"\n## {title}: {len(corpus)} papers\n")
        for level in ("area", "subarea"):
            faults = Faults(corpus, levels[level])
            for label, table in tables.items():
                part = table[table["level"] == level]
                names = part["name"].tolist()
                rows.append((f"paperviz {label}", level, len(names),
                             diversity([top_words(p) for p in part["key_phrases"]]),
                             coherence([top_words(p) for p in part["key_phrases"]], texts),
                             np.mean([faults.not_np(n) for n in names]),
                             np.mean([faults.repeat(n) for n in names]),
                             np.mean([faults.generic(n) for n in names]),
                             name_fidelity(model, names, part["area"].to_numpy(),
                                           levels[level], emb)))
        table = pd.DataFrame(rows, columns=["namer", "level", "areas", "diversity",
                                            "coherence", "non-NP", "repeat", "generic",
                                            "name fidelity"])
        print(f"\n## {title}: {len(corpus)} papers\n")
        print(table.to_markdown(index=False, floatfmt=".3f"), flush=True)
        md.append(table.to_markdown(index=False, floatfmt=".3f") + "\n")
        old, new = tables["baseline"], tables["now"]
        md.append("\n| level | papers | baseline | now |\n|---|---|---|---|")
        subs = new[new["level"] == "subarea"]
        for _, row in new[new["level"] == "area"].iterrows():
            for _, r in pd.concat([row.to_frame().T, subs[subs["parent"] == row["area"]]]
                                  ).iterrows():
                before = old[(old["level"] == r["level"]) & (old["area"] == r["area"])]
                md.append(f"| {r['level']} | {r['size']} | "
                          f"{before['name'].iloc[0] if len(before) else ''} | {r['name']} |")
    print("\n".join(md))


if __name__ == "__main__":
    main()
