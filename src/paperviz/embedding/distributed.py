"""Embedding on a Dask cluster: the texts are split into parts, each embedded on a worker
with the worker's own copy of the encoder (loaded on its first part, kept for the next)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__ = ["connect", "worker_devices", "embed_on_cluster"]

PART = 2048  # texts per part at most: an interrupted run keeps every finished part


def connect(client):
    """A ``distributed.Client`` for ``client``: one already made, or a scheduler address."""
    if isinstance(client, str):
        from distributed import Client

        return Client(client)
    return client


def worker_devices(client) -> set[str]:
    """The device each worker would embed on (``"cpu"``, ``"cuda"``, ``"mps"``)."""
    from .backends import auto_device

    return set(client.run(auto_device).values())


def embed_on_cluster(client, texts: list[str], model: str, backend: str, fp16: bool,
                     batch_size: int | None = None, max_tokens: int | None = None
                     ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield ``(positions, vectors)`` for parts of ``texts`` as the workers finish them."""
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    size = int(min(PART, max(64, np.ceil(len(texts) / (4 * workers)))))
    order = np.argsort([-len(t) for t in texts], kind="stable")
    parts = {}
    for lo in range(0, len(texts), size):
        idx = order[lo : lo + size]
        future = client.submit(_embed_on_worker, [texts[i] for i in idx], model, backend,
                               fp16, batch_size, max_tokens, pure=False)
        parts[future] = idx
    for future in as_completed(list(parts)):
        yield parts[future], np.asarray(future.result(), dtype=np.float32)


def _embed_on_worker(texts: list[str], model: str, backend: str, fp16: bool,
                     batch_size: int | None, max_tokens: int | None) -> np.ndarray:
    """Runs on a worker, with the worker's own cache folder for built models."""
    from distributed import get_worker

    from .backends import default_batch, open_encoder, run_encoder
    from .cache import default_cache_dir

    encoders: dict = get_worker().__dict__.setdefault("_paperviz_encoders", {})
    if (model, backend, max_tokens) not in encoders:
        encoders[model, backend, max_tokens] = open_encoder(
            model, backend, fp16=fp16, cache_root=default_cache_dir(), max_tokens=max_tokens)
    encoder = encoders[model, backend, max_tokens]
    batch = batch_size or default_batch(encoder, backend)
    return run_encoder(encoder, texts, batch)
