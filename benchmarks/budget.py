"""Token budgets side by side: what reading only the first N word pieces of each paper costs.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/budget.py                 # every corpus
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/budget.py --corpora dev,2007,openreview
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/budget.py --budgets 256,128 --out t.json

For each labelled corpus (the dev sample of arxiv-cs-2025 by category, the 2007 set by
archive, openreview-keywords by venue — COLM, CoRL, ICLR — and all 40,712 papers of
arxiv-cs-2025 by category) and each budget (256 is the bundled model's full length), with the
vectors of the default backend (through the cache: the first run embeds what is missing):

- **papers cut**: the share of papers longer than the budget;
- **areas, fields**: ARI and NMI of the map's areas (and fields, where the corpus has them)
  against the labels, mean over three seeds (42, 1, 2), as ``build_map`` finds them with
  the default options;
- **10-NN kept**: of each paper's 10 nearest papers at full length, the share still among its
  10 nearest at the budget;
- **search**: a sentence taken at random from a paper's abstract (1,000 papers, the same
  sentences for every budget) is the query; hit@10 (the paper among the 10 found) and the
  mean reciprocal rank of the paper;
- the row ``256 fp32`` is the same model at full length on the fp32 backend: how far two
  faithful ways of running the model differ, the noise any budget is judged against.

Placement agreement per budget: ``benchmarks/place.py --max-tokens N``. Speed per budget:
``benchmarks/embed.py --budgets``. No timing here: it may run beside other work.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED, arxiv_2007, dev_sample  # noqa: E402

from paperviz import Embedder, MapOptions, from_dataframe  # noqa: E402
from paperviz.areas import find_areas, find_fields, nearest_neighbors  # noqa: E402

SEEDS = (42, 1, 2)
N_QUERIES = 1000
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _openreview() -> pd.DataFrame:
    frame = pd.read_parquet(SHARED / "openreview-keywords.parquet")
    return frame.assign(venue_family=frame["venue"].str.replace(r"\d+$", "", regex=True))


CORPORA = {
    "dev": (dev_sample, "label"),
    "2007": (arxiv_2007, "archive"),
    "openreview": (_openreview, "venue_family"),
    "40k": (lambda: pd.read_parquet(SHARED / "arxiv-cs-2025.parquet"), "label"),
}


def _queries(abstracts: list[str], n: int, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Up to ``n`` papers and, for each, one sentence of its abstract (8 words or more)
    taken at random."""
    rng = np.random.default_rng(seed)
    rows, sentences = [], []
    for i in rng.permutation(len(abstracts)):
        options = [s for s in _SENTENCE.split(str(abstracts[i])) if len(s.split()) >= 8]
        if options:
            rows.append(int(i))
            sentences.append(options[int(rng.integers(len(options)))])
        if len(rows) == n:
            break
    return np.asarray(rows), sentences


def _search(emb: np.ndarray, queries: np.ndarray, rows: np.ndarray) -> dict:
    scores = queries @ emb.T
    own = scores[np.arange(len(rows)), rows]
    rank = (scores > own[:, None]).sum(axis=1) + 1
    return {"search hit@10": float((rank <= 10).mean()), "search MRR": float((1 / rank).mean())}


def _levels(emb: np.ndarray, truth: np.ndarray) -> dict:
    """Areas and fields against the labels, mean over the seeds; and the neighbours."""
    n = len(emb)
    k = MapOptions().resolved(n).graph_neighbors
    neighbors = nearest_neighbors(emb, max(k, 10))
    scores: dict[str, list[float]] = {}
    for seed in SEEDS:
        found = find_areas((neighbors[0][:, :k], neighbors[1][:, :k]),
                           MapOptions(random_state=seed).resolved(n))
        area = found["area"].to_numpy()
        levels = {"areas": area}
        field = find_fields(emb, area, None)
        if field is not None:
            levels["fields"] = field
        for level, labels in levels.items():
            scores.setdefault(f"{level} ARI", []).append(adjusted_rand_score(truth, labels))
            scores.setdefault(f"{level} NMI", []).append(
                normalized_mutual_info_score(truth, labels))
            scores.setdefault(f"{level} n", []).append(len(np.unique(labels)))
    out = {name: float(np.mean(values)) for name, values in scores.items()}
    out["areas ARI sd"] = float(np.std(scores["areas ARI"]))
    return out, neighbors[0][:, :10]


def run_corpus(name: str, budgets: list[int], backend: str) -> list[dict]:
    load, label = CORPORA[name]
    corpus = from_dataframe(load())
    truth = load()[label].astype(str).to_numpy()  # from_dataframe keeps the row order
    texts = corpus["text"].tolist()
    rows_q, sentences = _queries(corpus["abstract"].tolist(), N_QUERIES)
    full = Embedder(backend=backend, max_tokens="full", show_progress=True)
    tokenizer = full.model.model.tokenizer if hasattr(full.model, "model") else None
    lengths = (np.array([len(ids) for ids in tokenizer(texts, truncation=False)["input_ids"]])
               if tokenizer is not None else None)
    variants = [(f"{b}", Embedder(backend=backend, max_tokens=b, show_progress=True))
                for b in budgets]
    variants.append((f"{full.limit} fp32", Embedder(backend="torch", max_tokens="full",
                                                    show_progress=True)))
    base_neighbours = None
    out = []
    for label_text, embedder in variants:
        emb = embedder.encode(texts)
        scores, neighbours = _levels(emb, truth)
        if base_neighbours is None:
            if embedder.max_tokens != full.limit:
                raise SystemExit("list the model's full length first in --budgets")
            base_neighbours = neighbours
        kept = np.mean([len(set(a) & set(b)) / 10
                        for a, b in zip(neighbours, base_neighbours, strict=True)])
        queries = embedder.encode(sentences)
        row = {"corpus": f"{name} ({len(texts):,})", "budget": label_text,
               "papers cut": float((lengths > embedder.max_tokens).mean())
               if lengths is not None else None,
               **scores, "10-NN kept": float(kept), **_search(emb, queries, rows_q)}
        print(json.dumps(row), flush=True)
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpora", default=",".join(CORPORA))
    parser.add_argument("--budgets", default="256,128,96,64")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--out", type=Path, default=None, help="also write the rows as JSON")
    args = parser.parse_args()
    budgets = [int(b) for b in args.budgets.split(",")]
    rows = []
    for name in args.corpora.split(","):
        rows += run_corpus(name, budgets, args.backend)
        if args.out:
            args.out.write_text(json.dumps(rows, indent=1))
    table = pd.DataFrame(rows)
    print(table.to_markdown(index=False, floatfmt=".3f"))


if __name__ == "__main__":
    main()
