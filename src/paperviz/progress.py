"""What a long step says while it runs, in a notebook and on the command line alike: a bar
for the papers embedded, a bar over the build's stages (layout, areas, names), a line for a
one-off wait (a model loaded for the first search). Quiet when asked (``show_progress=False``,
or the environment variable ``PAPERVIZ_QUIET=1``, which the tests set)."""

from __future__ import annotations

import os
import sys
import time

__all__ = ["QUIET_ENV", "STARTED", "wanted", "say", "Steps"]

QUIET_ENV = "PAPERVIZ_QUIET"
STARTED = time.perf_counter()  # when paperviz was first imported: the command's start-up


def wanted(show: bool | None, size: int = 0, at_least: int = 0) -> bool:
    """Whether to show progress: ``show`` if given, else unless quiet, for work of ``size``
    of at least ``at_least``."""
    if show is not None:
        return bool(show)
    return os.environ.get(QUIET_ENV, "") in ("", "0") and size >= at_least


def say(message: str, show: bool | None = None) -> None:
    """``message`` on stderr (a notebook shows it under the cell), unless quiet."""
    if wanted(show):
        print(message, file=sys.stderr, flush=True)


class Steps:
    """A line that grows with each stage of one build as it ends, with its seconds
    ("Building the map, embed 25s, umap 10s, areas 1s"); nothing when not shown."""

    def __init__(self, show: bool) -> None:
        self._bar = None
        if show:
            from tqdm.auto import tqdm

            self._bar = tqdm(desc="Building the map", unit="step",
                             bar_format="{desc}{postfix} ({elapsed})")
        self._done: list[str] = []

    def done(self, stage: str, seconds: float) -> None:
        """Stage ``stage`` ended after ``seconds``."""
        if self._bar is not None:
            self._done.append(f"{stage} {seconds:.0f}s")
            self._bar.set_postfix_str(", ".join(self._done) + " …")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(", ".join(self._done))
            self._bar.close()
