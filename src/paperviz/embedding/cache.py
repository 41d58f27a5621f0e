"""A content-keyed, append-only store of embedding vectors on disk.

Layout: ``<root>/embeddings/<model key>/chunk-<id>.vec.npy`` (float32 vectors) and
``chunk-<id>.keys.npy`` (one 32-byte SHA-256 digest of the text per row). Each chunk is
written to a temporary name and renamed into place, vectors first and keys last, so a chunk
is visible only once complete: an interrupted run leaves nothing half-written behind, and two
processes writing at once only ever add whole chunks (the same chunk twice is harmless).
No pickle: plain ``.npy`` arrays, loaded with ``allow_pickle=False``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..files import atomic_file

__all__ = [
    "EmbeddingCache",
    "default_cache_dir",
    "text_keys",
    "cache_summary",
    "clear_cache",
]

KEY_DTYPE = np.dtype("S32")


def default_cache_dir() -> Path:
    """``$PAPERVIZ_CACHE`` if set, else ``~/.cache/paperviz``."""
    env = os.environ.get("PAPERVIZ_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "paperviz"


def text_keys(texts: Sequence[str]) -> np.ndarray:
    """SHA-256 digests of the texts, as a ``S32`` array."""
    return np.array([hashlib.sha256(t.encode("utf-8")).digest() for t in texts], dtype=KEY_DTYPE)


def _safe_name(model_key: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_key)[-60:]
    return f"{slug}-{hashlib.sha256(model_key.encode()).hexdigest()[:10]}"


class EmbeddingCache:
    """Vectors of one model, keyed by the SHA-256 of the embedded text."""

    def __init__(self, root: str | Path, model_key: str) -> None:
        self.root = Path(root)
        self.model_key = model_key
        self.folder = self.root / "embeddings" / _safe_name(model_key)

    def _chunks(self) -> list[tuple[Path, Path]]:
        if not self.folder.is_dir():
            return []
        pairs = []
        for keys_path in sorted(self.folder.glob("chunk-*.keys.npy")):
            vec_path = keys_path.with_name(keys_path.name.replace(".keys.npy", ".vec.npy"))
            pairs.append((keys_path, vec_path))
        return pairs

    def lookup(self, keys: np.ndarray, dim: int | None = None,
               out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(found, vectors)``: a boolean mask over ``keys`` and the vectors found.

        ``vectors`` has one row per key (zeros where not found); pass ``out`` (one row per
        key, e.g. a memory map) to have it filled instead. Unreadable or inconsistent chunks
        are skipped, so their texts are simply embedded again.
        """
        wanted = {k: i for i, k in enumerate(keys.tolist())}
        found = np.zeros(len(keys), dtype=bool)
        vectors: np.ndarray | None = out
        if out is not None:
            dim = out.shape[1]
        for keys_path, vec_path in self._chunks():
            try:
                chunk_keys = np.load(keys_path, allow_pickle=False)
                chunk_vecs = np.load(vec_path, allow_pickle=False, mmap_mode="r")
            except (OSError, ValueError):
                continue
            if chunk_vecs.ndim != 2 or len(chunk_vecs) != len(chunk_keys):
                continue
            if dim is not None and chunk_vecs.shape[1] != dim:
                continue
            rows = [(i, wanted[k]) for i, k in enumerate(chunk_keys.tolist()) if k in wanted]
            if not rows:
                continue
            if vectors is None:
                vectors = np.zeros((len(keys), chunk_vecs.shape[1]), dtype=np.float32)
            src, dst = map(np.asarray, zip(*rows, strict=False))
            vectors[dst] = chunk_vecs[src]
            found[dst] = True
        if vectors is None:
            vectors = np.zeros((len(keys), dim or 0), dtype=np.float32)
        return found, vectors

    def dimension(self) -> int | None:
        """The width of the stored vectors, or None when nothing readable is stored."""
        for _, vec_path in self._chunks():
            try:
                return int(np.load(vec_path, allow_pickle=False, mmap_mode="r").shape[1])
            except (OSError, ValueError, IndexError):
                continue
        return None

    def store(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Add one chunk of vectors atomically."""
        if len(keys) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "model.txt").write_text(self.model_key + "\n")
        chunk_id = hashlib.sha256(keys.tobytes()).hexdigest()[:24]
        for suffix, array in ((".vec.npy", vectors), (".keys.npy", keys.astype(KEY_DTYPE))):
            with atomic_file(self.folder / f"chunk-{chunk_id}{suffix}") as partial, \
                    open(partial, "wb") as fh:
                np.save(fh, array, allow_pickle=False)

    def info(self) -> dict:
        """Model, folder, number of chunks and vectors, and bytes stored."""
        chunks = self._chunks()
        vectors = 0
        for keys_path, _ in chunks:
            try:
                vectors += len(np.load(keys_path, allow_pickle=False, mmap_mode="r"))
            except (OSError, ValueError):
                continue
        size = sum(p.stat().st_size for p in self.folder.iterdir()) if self.folder.is_dir() else 0
        return {"model": self.model_key, "folder": str(self.folder), "chunks": len(chunks),
                "vectors": vectors, "bytes": size}

    def clear(self) -> None:
        """Delete this model's stored vectors."""
        shutil.rmtree(self.folder, ignore_errors=True)


def cache_summary(root: str | Path | None = None) -> list[dict]:
    """One :meth:`EmbeddingCache.info` dict per model stored under ``root``."""
    folder = Path(root or default_cache_dir()) / "embeddings"
    out = []
    for path in sorted(folder.glob("*/model.txt")):
        out.append(EmbeddingCache(folder.parent, path.read_text().strip()).info())
    return out


def clear_cache(root: str | Path | None = None) -> int:
    """Delete every stored embedding, and the layouts and areas computed from them
    (``runs/``), under ``root``; returns the number of models whose embeddings were cleared."""
    root = Path(root or default_cache_dir())
    n = len(list((root / "embeddings").glob("*/model.txt")))
    shutil.rmtree(root / "embeddings", ignore_errors=True)
    shutil.rmtree(root / "runs", ignore_errors=True)
    return n
