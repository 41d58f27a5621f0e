"""datamapplot's picture of a paperviz map, beside paperviz's own: run by ``benchmarks/map.py
--compare`` with a Python that has datamapplot installed (it pins pandas below 3, so it lives
in a venv of its own, not paperviz's).

    PY benchmarks/datamapplot_side.py POINTS.npz OURS.png OUT.png

POINTS.npz holds ``x``, ``y`` and ``label`` (each paper's area name); OURS.png is paperviz's
map as Chromium shows it. OUT.png gets the two side by side, each at the same height
(datamapplot's own picture is saved beside OURS as ``datamapplot.png``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import datamapplot
import numpy as np
from PIL import Image


def main() -> None:
    points, ours, out = (Path(a) for a in sys.argv[1:4])
    data = np.load(points, allow_pickle=False)
    coords = np.column_stack([data["x"], data["y"]])
    fig, _ = datamapplot.create_plot(coords, data["label"].astype(str),
                                     title="datamapplot", sub_title="the same coordinates "
                                     "and area names", figsize=(10, 10), dpi=100)
    theirs = ours.with_name("datamapplot.png")
    fig.savefig(theirs, bbox_inches="tight", dpi=100)
    left, right = Image.open(ours).convert("RGB"), Image.open(theirs).convert("RGB")
    height = min(left.height, right.height)
    left = left.resize((round(left.width * height / left.height), height))
    right = right.resize((round(right.width * height / right.height), height))
    both = Image.new("RGB", (left.width + right.width + 20, height), "white")
    both.paste(left, (0, 0))
    both.paste(right, (left.width + 20, 0))
    both.save(out)
    print(f"wrote {out} ({both.width}x{both.height}) and {theirs}")


if __name__ == "__main__":
    main()
