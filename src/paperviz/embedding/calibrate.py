"""Choose how a model runs on this CPU by measuring it, once per machine.

The fastest faithful backend depends on the CPU: bf16 autocast is well ahead of fp32 where
the CPU multiplies bf16 natively (``avx512_bf16``, ``amx_bf16``; Arm's ``bf16``) and slower
than fp32 where it does not; int8 ONNX gains differ from machine to machine
(docs/backends.md). So the
first time a model runs with ``backend="auto"`` on a CPU, each eligible backend embeds the
same slice of the bundled corpus (:func:`paperviz.embedding.int8.check_texts`, a few seconds
in all; in three parts with the backends taking turns, each backend's best part counting,
so a moment when the machine is busy does not decide) and :func:`decide` keeps:

- the fastest backend whose mean cosine to the fp32 vectors is at least ``FAITHFUL``
  (fp32 itself always is);
- int8 instead, only when its mean cosine is at least ``MIN_COSINE`` (0.995) and it is more
  than ``INT8_MARGIN`` (1.5x) faster than that.

The backends are timed at the token budget in force (:mod:`paperviz.budget`): which is
fastest can change with the length of the inputs. The measurement is stored in
``<cache>/calibration.json``, keyed by the model, its budget, the CPU's name and flags,
torch's thread count and the versions of the libraries that run the model, and reused while
all of these stay the same; a record that does not parse, or does not fit its key, is
measured again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import warnings
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import numpy as np

from ..cpu import cpu_flags, cpu_name, has_native_bf16
from ..files import atomic_file
from ..progress import wanted
from . import backends
from .int8 import MIN_COSINE, check_texts

__all__ = ["FAITHFUL", "INT8_MARGIN", "eligible_backends", "decide", "cpu_choice",
           "read_records", "choose_backend", "CALIBRATION_FILE", "N_TEXTS"]

_log = logging.getLogger(__name__)

FAITHFUL = 0.999
INT8_MARGIN = 1.5
CALIBRATION_FILE = "calibration.json"
KEEP = 32  # records kept in the file
N_TEXTS = 64  # texts timed per backend: seconds for fp32 MiniLM on a small CPU
ROUNDS = 3  # the texts are timed in this many parts, backends taking turns
_LIBRARIES = ("torch", "sentence-transformers", "transformers", "onnxruntime")
# How the kit builds and runs its int8 model: a new way measures anew (2: sessions side by
# side; 3: no attention mask, three more projections in int8, 7-bit weights without VNNI).
INT8_RUNNER = 3


def eligible_backends(model: str, flags: frozenset[str]) -> list[str]:
    """The backends worth timing for ``model`` on a CPU with ``flags``: fp32 torch always,
    bf16 only with native bf16, int8 only for the bundled model."""
    out = ["torch"]
    if has_native_bf16(flags):
        out.append("bf16")
    if model in backends.BUNDLED_NAMES:
        out.append("int8")
    return out


def decide(rates: dict[str, float], cosines: dict[str, float]) -> str:
    """The backend to use, from measured papers/s and mean cosines to fp32 (see the module
    docstring for the rule)."""
    faithful = [b for b in rates if cosines.get(b, 0.0) >= FAITHFUL]
    if not faithful:
        raise ValueError("no faithful backend was measured (fp32 torch always is one)")
    best = max(faithful, key=rates.__getitem__)
    if ("int8" in rates and cosines.get("int8", 0.0) >= MIN_COSINE
            and rates["int8"] > INT8_MARGIN * rates[best]):
        return "int8"
    return best


def _signature(model: str, flags: frozenset[str], max_tokens: int | None) -> dict:
    import torch

    versions = {}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    signature = {"model": backends.resolve_model(model, "torch")[1], "cpu": cpu_name(),
                 "flags": hashlib.sha256(" ".join(sorted(flags)).encode()).hexdigest()[:16],
                 "threads": int(torch.get_num_threads()), "versions": versions,
                 "int8_runner": INT8_RUNNER}
    limit = backends.model_limit(model, "torch")
    if max_tokens is not None and (limit is None or max_tokens < limit):
        # a budget that cuts is measured apart; at full length the record is as it was
        signature["max_tokens"] = max_tokens
    return signature


def _key(signature: dict) -> str:
    return hashlib.sha256(json.dumps(signature, sort_keys=True).encode()).hexdigest()[:20]


def read_records(cache_root: str | Path) -> dict[str, dict]:
    """The stored calibrations, by key; empty when the file is missing or does not parse."""
    try:
        data = json.loads((Path(cache_root) / CALIBRATION_FILE).read_text())
        records = data["records"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return records if isinstance(records, dict) else {}


def _trusted(record: object, signature: dict, candidates: list[str]) -> bool:
    """Whether a stored record is whole and was measured for this signature."""
    if not isinstance(record, dict) or record.get("signature") != signature:
        return False
    rates, cosines = record.get("rates"), record.get("mean_cosine")
    if not isinstance(rates, dict) or not isinstance(cosines, dict):
        return False
    if set(rates) - set(candidates) or "torch" not in rates:
        return False
    numbers = [*rates.values(), *cosines.values()]
    if not all(isinstance(v, (int, float)) and np.isfinite(v) and v > 0 for v in numbers):
        return False
    try:
        return record.get("choice") == decide(rates, cosines)
    except ValueError:
        return False


def _encoders(model: str, candidates: list[str], cache_root: Path, max_tokens: int | None,
              tick=lambda: None) -> tuple[dict, dict[str, str]]:
    """Each candidate's encoder at the budget, loaded and warmed up (``tick()`` after each);
    those that cannot load, and why."""
    loaded, skipped = {}, {}
    for backend in candidates:
        tick()
        try:
            encoder = backends.open_encoder(model, backend, cache_root=cache_root,
                                            device="cpu", max_tokens=max_tokens)
            backends.run_encoder(encoder, check_texts()[:4],
                                 backends.default_batch(encoder, backend))
        except (RuntimeError, ValueError, OSError, ImportError) as exc:
            if backend == "torch":
                raise
            skipped[backend] = str(exc)
            continue
        loaded[backend] = encoder
    return loaded, skipped


def _measure(encoders: dict, texts: list[str], tick=lambda: None
             ) -> tuple[dict[str, float], dict]:
    """Papers/s and vectors of ``texts`` per backend. The texts are timed in ``ROUNDS``
    parts, the backends taking turns on each part, and each backend's best part counts:
    a busy moment on the machine slows one part, not one backend's whole measurement."""
    parts = [list(range(len(texts)))[i::ROUNDS] for i in range(ROUNDS)]
    rates = {b: 0.0 for b in encoders}
    vectors = {b: [None] * len(texts) for b in encoders}
    for part in parts:
        for backend, encoder in encoders.items():
            tick()
            start = time.perf_counter()
            out = backends.run_encoder(encoder, [texts[i] for i in part],
                                       backends.default_batch(encoder, backend))
            rates[backend] = max(rates[backend], len(part) / (time.perf_counter() - start))
            for row, i in zip(out, part, strict=True):
                vectors[backend][i] = row
    return rates, {b: np.vstack(v) for b, v in vectors.items()}


def cpu_choice(model: str, cache_root: str | Path, *, flags: frozenset[str] | None = None,
               n_texts: int = N_TEXTS, max_tokens: int | None = None) -> dict:
    """The calibration record of ``model`` at the token budget ``max_tokens`` (None: the
    model's own limit) on this CPU:
    reused when a trusted one is stored,
    else measured now and stored. Keys: ``choice``, ``rates`` (papers/s), ``mean_cosine``
    (to fp32), ``skipped`` (backend: why), ``signature``, ``measured`` (UTC time).

    ``flags`` replaces the CPU's own flags (to see what a machine without bf16 would do)."""
    cache_root = Path(cache_root)
    flags = cpu_flags() if flags is None else frozenset(flags)
    candidates = eligible_backends(model, flags)
    signature = _signature(model, flags, max_tokens)
    key = _key(signature)
    records = read_records(cache_root)
    if _trusted(records.get(key), signature, candidates):
        return records[key]
    texts = check_texts()[:n_texts]
    _log.info("paperviz: timing %s on this CPU (%s), once per machine: %s",
              model, cpu_name(), ", ".join(candidates))
    bar = None
    if wanted(None):  # a minute on a slow CPU, once: shown
        from tqdm.auto import tqdm

        bar = tqdm(total=len(candidates) * (1 + ROUNDS), desc="Timing the backends, once",
                   unit="step")
    tick = bar.update if bar is not None else (lambda: None)
    try:
        encoders, skipped = _encoders(model, candidates, cache_root, max_tokens, tick)
        measured, vectors = _measure(encoders, texts, tick)
    finally:
        if bar is not None:
            bar.close()
    rates = {b: round(r, 2) for b, r in measured.items()}
    cosines = {b: round(float((v * vectors["torch"]).sum(axis=1).mean()), 6)
               for b, v in vectors.items()}
    if "int8" in skipped:
        warnings.warn(f"the int8 model was not used: {skipped['int8']}", stacklevel=3)
    record = {"choice": decide(rates, cosines), "rates": rates, "mean_cosine": cosines,
              "skipped": skipped, "texts": len(texts), "native_bf16": has_native_bf16(flags),
              "signature": signature,
              "measured": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    _store(cache_root, key, record)
    _log.info("paperviz: %s runs on %s here (papers/s %s); stored in %s", model,
              record["choice"], rates, cache_root / CALIBRATION_FILE)
    return record


def _store(cache_root: Path, key: str, record: dict) -> None:
    """Add ``record`` to the stored ones (at most ``KEEP``, the newest: a record of a CPU or
    library version no longer in use is never matched again, only dropped in time)."""
    records = read_records(cache_root)
    records.pop(key, None)
    kept = sorted(records.items(), key=lambda kv: str(kv[1].get("measured", ""))
                  if isinstance(kv[1], dict) else "")[-(KEEP - 1):]
    cache_root.mkdir(parents=True, exist_ok=True)
    with atomic_file(cache_root / CALIBRATION_FILE) as partial:
        Path(partial).write_text(json.dumps({"records": {**dict(kept), key: record}}, indent=1))


def _choice_here(model: str, max_tokens: int | None) -> str:
    """Runs on a Dask worker: the choice calibrated on that machine, in its own cache."""
    from .cache import default_cache_dir

    return cpu_choice(model, default_cache_dir(), max_tokens=max_tokens)["choice"]


def choose_backend(model: str, backend: str, cache_root: Path, *, device: str | None = None,
                   client=None, max_tokens: int | None = None) -> str:
    """The backend ``model`` runs on: a forced one as given; on a GPU, torch (fp16); on a
    CPU, the calibrated choice (:func:`cpu_choice`). With a Dask ``client``, the devices
    are the workers'; a CPU cluster is calibrated on one worker (workers are taken to be
    alike)."""
    fixed = backends.fixed_backend(model, backend)
    if fixed is not None:
        return fixed
    if client is not None:
        from .distributed import worker_devices

        if worker_devices(client) != {"cpu"}:
            return "torch"
        return client.submit(_choice_here, model, max_tokens, pure=False).result()
    if (device or backends.auto_device()) != "cpu":
        return "torch"
    return cpu_choice(model, cache_root, max_tokens=max_tokens)["choice"]
