"""The CUDA path of the torch backend: batches of similar length, tokenised by a thread
pool while the GPU runs earlier batches, fp16 weights. ``benchmarks/gpu_embed.py`` measures
it against plain ``SentenceTransformer.encode`` on the same card.

On an H200 the model itself is not the bound: tokenising is. sentence-transformers' own
``tokenize`` spends most of its time turning the Rust tokenizer's output into tensors in
Python, holding the GIL, so more threads do not help (docs/backends.md).
:func:`batch_tokenizer` calls the Rust tokenizer directly, which runs without the GIL, and
builds the tensors through numpy.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["encode_on_gpu", "batch_tokenizer"]


def batch_tokenizer(model, sample: list[str]) -> Callable[[list[str]], dict]:
    """A function from texts to ``model``'s input features, the same as ``model.tokenize``
    gives, made by the model's Rust tokenizer directly. It is checked on ``sample`` first:
    a model whose tokenizer is not a Rust one, or whose features differ in any way, keeps
    ``model.tokenize``."""
    import torch

    hf = getattr(model, "tokenizer", None)
    rust = getattr(hf, "backend_tokenizer", None)
    if rust is None or not sample:
        return model.tokenize
    from tokenizers import Tokenizer

    own = Tokenizer.from_str(rust.to_str())  # a copy: the model's own stays as it was
    own.enable_truncation(int(model.max_seq_length))
    own.enable_padding(pad_id=hf.pad_token_id, pad_token=hf.pad_token,
                       pad_type_id=hf.pad_token_type_id)
    reference = model.tokenize(sample)
    fields = {"input_ids": "ids", "token_type_ids": "type_ids",
              "attention_mask": "attention_mask"}
    if not {k for k, v in reference.items() if torch.is_tensor(v)} <= fields.keys():
        return model.tokenize
    encode = getattr(own, "encode_batch_fast", own.encode_batch)

    def tokenize(texts: list[str]) -> dict:
        encodings = encode(texts)
        features = dict(reference)  # keeps what is not a tensor ("modality", say)
        for key, value in reference.items():
            if torch.is_tensor(value):
                rows = [getattr(e, fields[key]) for e in encodings]
                features[key] = torch.from_numpy(np.array(rows, dtype=np.int64)).to(value.dtype)
        return features

    check = tokenize(sample)
    same = all(not torch.is_tensor(v) or (check[k].shape == v.shape and torch.equal(check[k], v))
               for k, v in reference.items())
    return tokenize if same else model.tokenize


def encode_on_gpu(model, texts: list[str], batch_size: int, *, fp16: bool,
                  workers: int = 4, fast: bool = True) -> np.ndarray:
    """Embed on a CUDA GPU: batches of similar length, tokenised by ``workers`` threads while
    the GPU runs earlier batches (by :func:`batch_tokenizer` when ``fast``), fp16 weights;
    rows unit-normalised, in input order."""
    from concurrent.futures import ThreadPoolExecutor

    import torch

    device = model.device
    if fp16 and next(model.parameters()).dtype != torch.float16:
        model.half()
    order = np.argsort([len(t) for t in texts], kind="stable")
    batches = [order[lo : lo + batch_size] for lo in range(0, len(texts), batch_size)]
    sample = [texts[i] for i in np.r_[order[:4], order[-4:]]]  # padded and truncated ones
    by_rust = batch_tokenizer(model, sample) if fast else model.tokenize

    def tokenize(idx):
        features = by_rust([texts[i] for i in idx])
        if device.type == "cuda":  # page-locked, so the copy to the GPU overlaps compute
            features = {k: v.pin_memory() if torch.is_tensor(v) else v
                        for k, v in features.items()}
        return features

    out = None  # allocated at the first batch, whose width is the model's
    with ThreadPoolExecutor(max_workers=workers) as pool, torch.inference_mode():
        for idx, features in zip(batches, pool.map(tokenize, batches), strict=True):
            features = {k: v.to(device, non_blocking=True) if torch.is_tensor(v) else v
                        for k, v in features.items()}
            vecs = model(features)["sentence_embedding"].float()
            if out is None:
                out = torch.empty((len(texts), vecs.shape[1]), dtype=torch.float32,
                                  device=device)
            out[torch.as_tensor(idx, device=device)] = torch.nn.functional.normalize(vecs, dim=1)
    return np.zeros((0, 0), dtype=np.float32) if out is None else out.cpu().numpy()
