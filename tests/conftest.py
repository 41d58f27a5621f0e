"""Shared fixtures. Tests run offline: the hub is disabled and outside connections fail."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["PAPERVIZ_QUIET"] = "1"  # no progress bars in the test log (tests that show them say so)

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "trending-papers.txt"
_real_connect = socket.socket.connect


def _local_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("localhost", "127.0.0.1", "::1") and "/" not in host:
        raise OSError(f"test tried to reach {address!r}: tests run without network")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Any connection outside this machine fails the test that makes it."""
    socket.socket.connect = _local_only
    yield
    socket.socket.connect = _real_connect


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory) -> Path:
    """One embedding cache for the whole run, so the bundled corpus is embedded once (and
    the int8 model built once); no test writes to the user's own cache."""
    path = tmp_path_factory.mktemp("cache")
    os.environ["PAPERVIZ_CACHE"] = str(path)
    return path


@pytest.fixture(scope="session")
def bundled():
    import paperviz

    return paperviz.load_corpus(BUNDLED)


@pytest.fixture(scope="session")
def bundled_map(bundled, cache_dir):
    """The map of the bundled corpus, built once for the run."""
    import paperviz

    return paperviz.build_map(bundled, cache_dir=cache_dir)


def copy_built(source: Path, target: Path) -> Path:
    """Copy the built models and the backend calibration of cache ``source`` into ``target``
    (so a test's own cache neither rebuilds the int8 model nor measures the CPU again)."""
    from paperviz.embedding.calibrate import CALIBRATION_FILE, cpu_choice

    cpu_choice("all-MiniLM-L6-v2", source)  # measured once per run (builds int8 too)
    shutil.copytree(source / "models", target / "models")
    shutil.copy(source / CALIBRATION_FILE, target / CALIBRATION_FILE)
    return target


@pytest.fixture
def empty_cache(tmp_path, cache_dir) -> Path:
    """A cache without vectors that holds the run's built models and backend calibration
    (both made once per run, in the session cache, and copied here)."""
    return copy_built(cache_dir, tmp_path / "cache")
