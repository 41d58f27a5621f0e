"""Layouts and areas computed from embeddings, cached on disk so a re-run recomputes
nothing that did not change. Keyed by the embeddings' bytes and the map's options."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from ..files import atomic_folder

__all__ = ["ResultCache"]


class ResultCache:
    """Arrays computed from embeddings (the map layout, the areas), keyed by the embeddings'
    bytes and the parameters, under ``<root>/runs/<key>/``. A result folder is written under
    a temporary name and renamed into place, so it is either whole or absent."""

    def __init__(self, root: str | Path) -> None:
        self.folder = Path(root) / "runs"

    @staticmethod
    def key(embeddings: np.ndarray, params: dict) -> str:
        """SHA-256 of the embeddings and the JSON of the parameters."""
        digest = hashlib.sha256(np.ascontiguousarray(embeddings).tobytes())
        digest.update(json.dumps(params, sort_keys=True, default=str).encode())
        return digest.hexdigest()[:32]

    def load(self, key: str) -> dict[str, np.ndarray] | None:
        """The arrays stored under ``key``, or None when absent or unreadable."""
        folder = self.folder / key
        if not folder.is_dir():
            return None
        try:
            return {p.stem: np.load(p, allow_pickle=False) for p in sorted(folder.glob("*.npy"))}
        except (OSError, ValueError):
            return None

    def save(self, key: str, arrays: dict[str, np.ndarray]) -> None:
        """Store ``arrays`` under ``key`` (a no-op when another process got there first)."""
        with atomic_folder(self.folder / key) as tmp:
            for name, array in arrays.items():
                np.save(tmp / f"{name}.npy", np.asarray(array), allow_pickle=False)
