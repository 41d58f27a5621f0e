"""A static picture of the map, for a paper or a talk: PNG, SVG or PDF.

Every area of one level is named, the names kept apart by adjustText; a name pushed off its
area keeps a leader line to the area's centre. Where a level has more names than the picture
can hold apart (a hundred sub-areas on ten inches), the names still overlapping after that are
left out, smallest areas first, and the title says how many are named. Points are coloured
as ``pmap.figure(level=...)`` colours that level (neighbouring areas far apart in colour),
each area under a soft shading of its own density, and the picture has a title.
Drawn with matplotlib's object API (no pyplot, no global backend); points are rasterised
inside SVG and PDF so that a picture of 100,000 papers stays a small file, while names stay
text (searchable, editable).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..levels import TITLES, levels_of
from .colours import point_style
from .mapfigure import level_colours

__all__ = ["map_picture", "save_picture", "PICTURE_FORMATS"]

PICTURE_FORMATS = (".png", ".svg", ".pdf")
_GRID = 160  # cells per side of the density grid


def _density(xy: np.ndarray, extent: tuple[float, float, float, float]) -> np.ndarray:
    """A smoothed histogram of ``xy`` on the picture's grid, scaled to a maximum of 1."""
    from scipy.ndimage import gaussian_filter

    x0, x1, y0, y1 = extent
    counts, _, _ = np.histogram2d(xy[:, 0], xy[:, 1], bins=_GRID, range=[[x0, x1], [y0, y1]])
    smooth = gaussian_filter(counts.T, sigma=_GRID / 60)
    return smooth / smooth.max() if smooth.max() > 0 else smooth


def map_picture(papers: pd.DataFrame, summaries: pd.DataFrame, *, level: str | None = None,
                width: float = 10.0, title: str | None = None):
    """The map as a ``matplotlib.figure.Figure``, ``width`` inches wide, each area of
    ``level`` (default: the map's top level) named."""
    from adjustText import adjust_text
    from matplotlib.colors import to_rgb
    from matplotlib.figure import Figure

    levels = levels_of(summaries)
    level = level or levels[0]
    if level not in levels:
        raise ValueError(f"level={level!r} is not one of this map's levels {levels}.")
    areas = summaries[summaries["level"] == level].sort_values("area")
    colours = dict(zip(areas["area"], level_colours(papers, summaries, level, False),
                       strict=True))
    xy = papers[["x", "y"]].to_numpy(dtype=float)
    labels = papers[level].to_numpy()
    pad = 0.04 * max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]), 1e-9)
    extent = (xy[:, 0].min() - pad, xy[:, 0].max() + pad, xy[:, 1].min() - pad,
              xy[:, 1].max() + pad)
    aspect = (extent[3] - extent[2]) / (extent[1] - extent[0])
    fig = Figure(figsize=(width, width * float(np.clip(aspect, 0.5, 1.2))))
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.92))
    size, opacity = point_style(len(papers))
    unassigned = ~np.isin(labels, areas["area"].to_numpy())
    ax.scatter(xy[unassigned, 0], xy[unassigned, 1], s=(0.6 * size) ** 2, c="#c8c8c8",
               linewidths=0, rasterized=True)
    for _, row in areas.iterrows():
        mask = labels == row["area"]
        if not mask.any():
            continue
        shade = _density(xy[mask], extent)
        rgb = to_rgb(colours[row["area"]])
        ax.contourf(np.linspace(extent[0], extent[1], _GRID),
                    np.linspace(extent[2], extent[3], _GRID), shade, levels=[0.08, 0.35, 1.01],
                    colors=[(*rgb, 0.10), (*rgb, 0.18)], antialiased=True)
        ax.scatter(xy[mask, 0], xy[mask, 1], s=(0.75 * size) ** 2, color=rgb, alpha=opacity,
                   linewidths=0, rasterized=True)
    texts = _names(ax, areas, labels, xy, len(papers))
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_axis_off()
    named = len(texts)
    if texts:
        texts, lines = adjust_text(texts, ax=ax, expand=(1.15, 1.4), ensure_inside_axes=True,
                                   arrowprops={"arrowstyle": "-", "color": "#555555",
                                               "lw": 0.6})
        named = _drop_overlaps(fig, texts, lines)
    default = f"{len(papers):,} papers, {len(areas)} {TITLES[level].lower()}"
    if named < len(areas):
        default += f" (the largest {named} named)"
    fig.suptitle(title or default, fontsize=13, y=0.985)
    return fig


def _names(ax, areas: pd.DataFrame, labels: np.ndarray, xy: np.ndarray, n_papers: int) -> list:
    """Each area's name at the median of its papers, sized by its share, largest first."""
    texts = []
    by_size = areas.sort_values("size", ascending=False)
    share = by_size["size"].to_numpy() / max(n_papers, 1)
    smallest = 7.5 if len(areas) <= 40 else 6.0
    for (_, row), part in zip(by_size.iterrows(), share, strict=True):
        mask = labels == row["area"]
        if not mask.any():
            continue
        cx, cy = np.median(xy[mask], axis=0)
        # a pale box, not a stroke, behind each name: a stroked name is drawn as paths and
        # would no longer be text in an SVG or PDF
        texts.append(ax.text(cx, cy, row["name"], ha="center", va="center",
                             fontsize=float(np.clip(7 + 30 * part, smallest, 14)),
                             fontweight="bold", color="#1a1a1a", zorder=5,
                             bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                   "edgecolor": "none", "alpha": 0.75}))
    return texts


def _drop_overlaps(fig, texts: list, lines: list) -> int:
    """Remove each name (and its leader line) that overlaps a name placed before it (the
    names come largest area first); returns how many stay."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()  # the names' sizes on the page are known once drawn
    kept, dropped = [], set()
    for text in texts:
        box = text.get_window_extent()
        if any(box.overlaps(other) for other in kept):
            dropped.add(id(text))
            text.remove()
        else:
            kept.append(box)
    for line in lines:  # a leader line starts at its name (its patchA): gone with it
        arrow = getattr(line, "arrow_patch", line)
        if id(getattr(arrow, "patchA", None)) in dropped:
            line.remove()
    return len(kept)


def save_picture(fig, path: str | Path, *, dpi: int = 200) -> Path:
    """Write ``fig`` (:func:`map_picture`) to ``path``, PNG, SVG or PDF by its extension;
    names stay text in SVG and PDF."""
    from matplotlib import rc_context

    path = Path(path)
    if path.suffix.lower() not in PICTURE_FORMATS:
        raise ValueError(f"cannot tell the picture format of {path.name!r}: give a file "
                         f"ending in {', '.join(PICTURE_FORMATS)}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        fig.savefig(path, dpi=dpi, bbox_inches="tight", facecolor="white")
    return path
