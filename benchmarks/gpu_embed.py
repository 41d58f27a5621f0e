"""Embedding speed on a CUDA GPU: plain SentenceTransformer.encode against paperviz's GPU path.

    python benchmarks/gpu_embed.py --texts TEXTS.jsonl.xz --model MODEL_FOLDER [--out DIR]

TEXTS holds one JSON object per line with ``paper_id`` and ``text`` (title + abstract, as
``load_corpus`` makes it). In one process, on the same card:

- tokenising alone (length-sorted batches of 256, by 1 to 16 threads), by
  sentence-transformers' ``tokenize`` and by paperviz's Rust tokenizer: the bound that the
  tokenizer sets on any path;
- plain encode in fp32 and in fp16 (batch 256, as sentence-transformers does it);
- ``paperviz.Embedder`` as a user gets it (fp16, length-sorted batches, tokenising in
  background threads), then its GPU path at a few batch sizes and thread counts;

each as papers/s, the ratio to plain fp32, the cosine of each to the plain fp32 vectors and
the GPU memory it peaked at. A step that fails is reported and the others still run. With
``--out``, the table is written there as ``gpu_embed.md``. ``--device cpu --limit 200``
checks the script on a machine without a GPU (the timings then mean nothing).
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _sync(device: str) -> None:
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()


def _timed(fn, texts, device):
    """(vectors or None, seconds, peak GPU GB) of one call of ``fn(texts)``."""
    import torch

    if device.startswith("cuda"):
        torch.cuda.reset_peak_memory_stats()
    _sync(device)
    start = time.perf_counter()
    vecs = fn(texts)
    _sync(device)
    secs = time.perf_counter() - start
    peak = torch.cuda.max_memory_allocated() / 1e9 if device.startswith("cuda") else 0.0
    return (None if vecs is None else np.asarray(vecs, dtype=np.float32)), secs, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer

    from paperviz import Embedder
    from paperviz.embedding.gpu import batch_tokenizer, encode_on_gpu

    with lzma.open(args.texts, "rt") as fh:
        rows = [json.loads(line) for line in fh]
    texts = [r["text"] for r in rows][: args.limit]
    n, dev = len(texts), args.device
    where = torch.cuda.get_device_name(0) if dev.startswith("cuda") else "cpu"
    print(f"{n} papers on {where}; {os.cpu_count()} CPU cores; torch {torch.__version__}",
          flush=True)

    table: list[tuple[str, float, np.ndarray | None, float]] = []

    def step(name, fn):
        try:
            vecs, secs, peak = _timed(fn, texts, dev)
        except Exception:  # noqa: BLE001 - one failing step must not lose the others
            print(f"{name}: FAILED\n{traceback.format_exc()}", flush=True)
            return
        table.append((name, n / secs, vecs, peak))
        print(f"{name}: {n / secs:,.0f} papers/s ({secs:.1f} s, GPU peak {peak:.1f} GB)",
              flush=True)

    plain = SentenceTransformer(args.model, device=dev)
    print("plain model dtype:", next(plain.parameters()).dtype, flush=True)
    plain.encode(texts[:1024], batch_size=256)  # warm-up: CUDA context, kernels

    def plain_encode(t):
        return plain.encode(t, batch_size=256, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)

    step("plain encode fp32, batch 256", plain_encode)
    if not table:
        sys.exit("the baseline failed; nothing to compare with")

    order = np.argsort([len(t) for t in texts], kind="stable")
    batches = [[texts[i] for i in order[lo: lo + 256]] for lo in range(0, n, 256)]
    rust = batch_tokenizer(plain, batches[0][:4] + batches[-1][-4:])
    print("the Rust tokenizer passed its check:", rust is not plain.tokenize, flush=True)
    for how, tokenize, counts in (("sentence-transformers' tokenize", plain.tokenize, (1, 16)),
                                  ("paperviz's Rust tokenizer", rust, (1, 4, 16))):
        for threads in counts:
            def tokenize_only(_t, threads=threads, tokenize=tokenize):
                with ThreadPoolExecutor(max_workers=threads) as pool:
                    for _ in pool.map(tokenize, batches):
                        pass
            step(f"tokenising alone, {how}, {threads} thread(s)", tokenize_only)

    plain.half()
    step("plain encode fp16, batch 256", plain_encode)
    plain = None  # free the GPU memory before the next runs
    if dev.startswith("cuda"):
        torch.cuda.empty_cache()

    emb = Embedder(args.model, use_cache=False, device=dev, show_progress=False)
    emb.encode(texts[:1024])  # warm-up
    step(f"paperviz Embedder (default: fp16, batch {emb.batch_size or 'auto'})", emb.encode)
    if dev.startswith("cuda"):
        model = emb.model.model  # the loaded sentence-transformers model, fp16 by now
        for batch, workers, fast in ((256, 4, False), (256, 2, True), (256, 4, True),
                                     (256, 8, True), (256, 16, True), (512, 8, True),
                                     (1024, 8, True)):
            how = "Rust tokenizer" if fast else "ST tokenize"
            step(f"paperviz GPU path, batch {batch}, {workers} threads, {how}",
                 lambda t, b=batch, w=workers, f=fast: encode_on_gpu(model, t, b, fp16=True,
                                                                  workers=w, fast=f))

    base = table[0][2]
    lines = [f"{n} papers on {where}, {os.cpu_count()} CPU cores, torch {torch.__version__}",
             "", "| method | papers/s | vs plain fp32 | mean cosine | min cosine | GPU peak GB |",
             "|---|---|---|---|---|---|"]
    for name, rate, vecs, peak in table:
        cos = ("", "") if vecs is None else (
            f"{(vecs * base).sum(axis=1).mean():.5f}", f"{(vecs * base).sum(axis=1).min():.4f}")
        lines.append(f"| {name} | {rate:,.0f} | {rate / table[0][1]:.2f}x | {cos[0]} | "
                     f"{cos[1]} | {peak:.1f} |")
    print("\n" + "\n".join(lines))
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "gpu_embed.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
