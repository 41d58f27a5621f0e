"""Embedding speed on a CUDA GPU: plain SentenceTransformer.encode against paperviz's GPU path.

    python benchmarks/gpu_embed.py --texts TEXTS.jsonl.xz --model MODEL_FOLDER [--out DIR]

TEXTS holds one JSON object per line with ``paper_id`` and ``text`` (title + abstract, as
``load_corpus`` makes it). In one process, on the same card: plain encode in fp32 and in
fp16 (batch 256, as sentence-transformers does it), then ``paperviz.Embedder`` (fp16,
length-sorted batches, tokenising in background threads) at a few batch sizes; papers/s,
the ratio to plain fp32, and the cosine of each to the plain fp32 vectors. With ``--out``,
paperviz's vectors are saved (fp16, in parts under 16 MB) with the paper ids.
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _timed(fn, texts):
    import torch

    torch.cuda.synchronize()
    start = time.perf_counter()
    vecs = fn(texts)
    torch.cuda.synchronize()
    return np.asarray(vecs, dtype=np.float32), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer

    from paperviz import Embedder

    with lzma.open(args.texts, "rt") as fh:
        rows = [json.loads(line) for line in fh]
    texts = [r["text"] for r in rows]
    n = len(texts)
    print(f"{n} papers on {torch.cuda.get_device_name(0)}", flush=True)

    plain = SentenceTransformer(args.model, device="cuda")
    plain.encode(texts[:1024], batch_size=256)  # warm-up: CUDA context, kernels
    table = []

    def plain_encode(t):
        return plain.encode(t, batch_size=256, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)

    base, secs = _timed(plain_encode, texts)
    table.append(("plain encode fp32, batch 256", n / secs, base))
    plain.half()
    vecs, secs = _timed(plain_encode, texts)
    table.append(("plain encode fp16, batch 256", n / secs, vecs))
    plain = None  # free the GPU memory before the next runs
    torch.cuda.empty_cache()

    best = None
    for batch in (128, 256, 512):
        emb = Embedder(args.model, use_cache=False, device="cuda", batch_size=batch,
                       show_progress=False)
        emb.encode(texts[:1024])  # warm-up
        vecs, secs = _timed(emb.encode, texts)
        table.append((f"paperviz Embedder fp16, batch {batch}", n / secs, vecs))
        if best is None or n / secs > best[0]:
            best = (n / secs, vecs)

    print("\n| method | papers/s | vs plain fp32 | mean cosine | min cosine |")
    print("|---|---|---|---|---|")
    for name, rate, vecs in table:
        cos = (vecs * base).sum(axis=1)
        print(f"| {name} | {rate:,.0f} | {rate / table[0][1]:.2f}x | {cos.mean():.5f} | "
              f"{cos.min():.4f} |")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        half = best[1].astype(np.float16)
        for i, part in enumerate(np.array_split(half, 3)):
            np.save(out / f"vectors-{i}.npy", part)
        (out / "paper_ids.json").write_text(json.dumps([r["paper_id"] for r in rows]))


if __name__ == "__main__":
    main()
