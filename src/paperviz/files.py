"""Files and folders that are whole or absent: written under a temporary name beside the
target, then renamed into place. An interrupted run leaves no half-written file behind, and
two processes writing the same target at once never mix their parts."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_file", "atomic_folder"]


def _temporary(target: Path) -> Path:
    return target.with_name(f".tmp-{os.getpid()}-{uuid.uuid4().hex}-{target.name}")


@contextmanager
def atomic_file(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it is flushed to disk and replaces
    ``target``; on failure it is deleted and ``target`` is left as it was."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_folder(target: str | Path) -> Iterator[Path]:
    """Yield a new temporary folder to fill; on success it is renamed to ``target``. When
    ``target`` appeared meanwhile (another process finished first), that one is kept and
    this one discarded. On failure the temporary folder is deleted."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    tmp.mkdir()
    try:
        yield tmp
        try:
            os.rename(tmp, target)
        except OSError:
            if not target.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
