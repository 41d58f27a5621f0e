"""The CUDA path of the torch backend: batches of similar length, tokenised by a thread
pool while the GPU runs earlier batches, fp16 weights. ``benchmarks/gpu_embed.py`` measures
it against plain ``SentenceTransformer.encode`` on the same card."""

from __future__ import annotations

import numpy as np

__all__ = ["encode_on_gpu"]


def encode_on_gpu(model, texts: list[str], batch_size: int, *, fp16: bool) -> np.ndarray:
    """Embed on a CUDA GPU: batches of similar length, tokenised by a thread pool while the
    GPU runs earlier batches, fp16 weights; rows unit-normalised, in input order."""
    from concurrent.futures import ThreadPoolExecutor

    import torch

    device = model.device
    if fp16 and next(model.parameters()).dtype != torch.float16:
        model.half()
    order = np.argsort([len(t) for t in texts], kind="stable")
    batches = [order[lo : lo + batch_size] for lo in range(0, len(texts), batch_size)]

    def tokenize(idx):
        features = model.tokenize([texts[i] for i in idx])
        if device.type == "cuda":  # page-locked, so the copy to the GPU overlaps compute
            features = {k: v.pin_memory() if torch.is_tensor(v) else v
                        for k, v in features.items()}
        return features

    out = None  # allocated at the first batch, whose width is the model's
    with ThreadPoolExecutor(max_workers=4) as pool, torch.inference_mode():
        for idx, features in zip(batches, pool.map(tokenize, batches), strict=True):
            features = {k: v.to(device, non_blocking=True) if torch.is_tensor(v) else v
                        for k, v in features.items()}
            vecs = model(features)["sentence_embedding"].float()
            if out is None:
                out = torch.empty((len(texts), vecs.shape[1]), dtype=torch.float32,
                                  device=device)
            out[torch.as_tensor(idx, device=device)] = torch.nn.functional.normalize(vecs, dim=1)
    return np.zeros((0, 0), dtype=np.float32) if out is None else out.cpu().numpy()
