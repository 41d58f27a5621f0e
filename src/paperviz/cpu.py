"""Facts about this machine's CPU: its name and flags, and whether it multiplies bf16 in
hardware. Read by the embedding stage (which backends are worth timing) and the areas stage
(whether neighbours are searched in bf16), so it sits on the floor below both."""

from __future__ import annotations

import platform
from functools import lru_cache
from pathlib import Path

__all__ = ["BF16_FLAGS", "INT8_DOT_FLAGS", "cpu_flags", "cpu_name", "has_native_bf16",
           "int8_pairs_saturate"]

# the flags of CPUs that multiply bf16 natively: x86 (AVX-512 BF16, AMX) and Arm
BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16", "bf16"})
# x86 flags of an int8 dot product into 32 bits (VNNI, AMX)
INT8_DOT_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})


@lru_cache(maxsize=1)
def _cpuinfo() -> tuple[tuple[str, str], ...]:
    """The first processor's fields of ``/proc/cpuinfo`` (empty where there is none); read
    once per process, as the CPU does not change under it."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return ()
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            if fields:
                break
            continue
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    return tuple(fields.items())


def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags (x86 ``flags``, Arm ``Features``); empty if unknown."""
    info = dict(_cpuinfo())
    return frozenset((info.get("flags") or info.get("Features") or "").split())


def cpu_name() -> str:
    """The CPU's model name, as the system reports it."""
    info = dict(_cpuinfo())
    return info.get("model name") or info.get("CPU part") or platform.processor() or "unknown"


def has_native_bf16(flags: frozenset[str] | None = None) -> bool:
    """Whether a CPU with these flags (default: this one's) multiplies bf16 in hardware."""
    return bool((cpu_flags() if flags is None else frozenset(flags)) & BF16_FLAGS)


def int8_pairs_saturate(flags: frozenset[str] | None = None) -> bool:
    """Whether int8 matrix products on a CPU with these flags (default: this one's) can
    saturate: an x86 CPU without VNNI multiplies uint8 by int8 with ``vpmaddubsw``, which
    adds pairs of products into 16 bits (255 x 127 x 2 overflows them; weights of 7 bits,
    at most 64, cannot: 255 x 64 x 2 = 32,640). Arm's widening multiplies do not saturate."""
    flags = cpu_flags() if flags is None else frozenset(flags)
    return "sse2" in flags and not flags & INT8_DOT_FLAGS
