"""Files and folders that are whole or absent: written under a temporary name beside the
target, then renamed into place. An interrupted run leaves no half-written file behind, and
two processes writing the same target at once never mix their parts. A folder that is
written again (a saved map saved over) is swapped for the new one in one step, where the
system can (Linux, macOS), so that it is at every moment the old folder or the new one."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_file", "atomic_folder", "replaced_folder"]


def _temporary(target: Path) -> Path:
    return target.with_name(f".tmp-{os.getpid()}-{uuid.uuid4().hex}-{target.name}")


def _remove_stale_temporaries(target: Path) -> None:
    """Delete what runs that were killed left beside ``target``: temporary folders of it
    whose process no longer runs."""
    pattern = re.compile(rf"^\.tmp-(\d+)-[0-9a-f]{{32}}-{re.escape(target.name)}$")
    for entry in target.parent.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_dir() and not _running(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2``, macOS ``renamex_np``); False
    where the system cannot, and nothing is changed."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
            at_fdcwd, exchange = -100, 2
            done = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), exchange)
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            done = libc.renamex_np(os.fsencode(a), os.fsencode(b), 0x2)  # RENAME_SWAP
        else:
            return False
    except OSError:
        return False
    return done == 0


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())


@contextmanager
def replaced_folder(target: str | Path, keep: Callable[[str], bool] = lambda name: False
                    ) -> Iterator[Path]:
    """Yield a new temporary folder beside ``target`` to fill; on success it takes the place
    of ``target`` whole: an old ``target`` goes, with every file of it the new one lacks,
    except the entries ``keep(name)`` says are not its writer's (those are carried into the
    new folder: linked, or copied). The swap is one step where the system can do it;
    elsewhere two renames. On failure, or when the process is killed before the swap, the
    old ``target`` is as it was (temporary folders of killed runs go at the next write)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target)
    tmp = _temporary(target)
    tmp.mkdir()
    try:
        yield tmp
        if target.is_dir():
            for entry in target.iterdir():
                if keep(entry.name) and not (tmp / entry.name).exists():
                    _carry(entry, tmp / entry.name)
        _fsync_tree(tmp)
        if not target.exists():
            os.rename(tmp, target)
        elif not _exchange(tmp, target):
            old = _temporary(target)
            os.rename(target, old)
            try:
                os.rename(tmp, target)
            except OSError:
                os.rename(old, target)  # the old folder back, never left under a temporary name
                raise
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the new folder on failure, else the old


def _carry(source: Path, destination: Path) -> None:
    """``source`` into ``destination`` as hard links where the disk allows, else copies."""
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    if source.is_dir():
        shutil.copytree(source, destination, copy_function=link, symlinks=True)
    elif source.is_symlink():
        os.symlink(os.readlink(source), destination)
    else:
        link(str(source), str(destination))


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
