"""Colours and point sizes that keep a map readable at every size.

- :func:`area_colours`: neighbouring areas get colours far apart. Areas are coloured largest
  first; each takes, among the colours no area has yet in a palette of saturated colours
  (plotly's Dark24 and Light24 without the near-greys, near-blacks and pastels that read
  as the muted "weak" points; 34 remain), the one whose smallest CIELAB distance (ΔE 1976)
  to the colours of its nearest coloured areas on the map is largest.
- :func:`shades`: on a map with fields, a field's areas get shades of its colour (darker
  to lighter, the hue turned a little each way), so the fields read at a glance and their
  areas apart.
- :func:`point_style`: points shrink and grow transparent as the map fills, so dense areas
  do not paint over their neighbours.
"""

from __future__ import annotations

import numpy as np
from plotly.colors import qualitative

__all__ = ["PALETTE", "area_colours", "delta_e", "shades", "point_style", "NEIGHBOURS"]

NEIGHBOURS = 4  # the areas whose colours an area keeps apart from: its nearest on the map


def _lab(hex_colour: str) -> np.ndarray:
    """CIELAB (D65) of a ``#rrggbb`` colour."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255.0
    linear = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(first: str, second: str) -> float:
    """CIELAB distance between two ``#rrggbb`` colours (about 2: just noticeable)."""
    return float(np.linalg.norm(_lab(first) - _lab(second)))


def _usable(hex_colour: str) -> bool:
    lightness, a, b = _lab(hex_colour)
    chroma = np.hypot(a, b)
    return 25 <= lightness <= 85 and chroma >= 30


PALETTE = [c for c in qualitative.Dark24 + qualitative.Light24 if _usable(c)]


def area_colours(centres: np.ndarray, sizes: np.ndarray) -> list[str]:
    """One colour per area, given each area's centre on the map and its size: a colour no
    other area has while the palette lasts (the legend stays unambiguous), as far as it can
    be from the colours of the areas next to it (each area's ``NEIGHBOURS`` nearest, and
    those that have it among theirs; up to ΔE 50), then from all the others'. Coloured
    largest first, then three passes in which each area may move to a free colour that
    does better."""
    n = len(centres)
    labs = np.array([_lab(c) for c in PALETTE])
    gap = np.linalg.norm(labs[:, None] - labs[None], axis=2)
    distance = np.linalg.norm(centres[:, None] - centres[None], axis=2)
    np.fill_diagonal(distance, np.inf)
    nearest = np.argsort(distance, axis=1)[:, :NEIGHBOURS]
    beside = [set(nearest[i]) for i in range(n)]
    for i in range(n):
        for j in nearest[i]:
            beside[j].add(i)
    chosen = np.full(n, -1)

    def best(area: int, options: list[int]) -> int:
        others = [chosen[j] for j in beside[area] if chosen[j] >= 0]
        rest = [chosen[j] for j in range(n) if j != area and chosen[j] >= 0]
        if not rest:
            return options[0]
        # apart from the areas beside it first (up to ΔE 50, clearly different), then
        # from every other area's colour, so the legend's colours differ too
        near = gap[options][:, others].min(axis=1) if others else np.full(len(options), 50.0)
        score = np.minimum(near, 50.0) * 1000 + gap[options][:, rest].min(axis=1)
        return options[int(np.argmax(score))]

    def free(area: int) -> list[int]:
        taken = set(chosen[chosen >= 0]) - {chosen[area]}
        return [c for c in range(len(PALETTE)) if c not in taken] or list(range(len(PALETTE)))

    for area in np.argsort(-np.asarray(sizes), kind="stable"):
        chosen[area] = best(area, free(area))
    for _ in range(3):
        for area in np.argsort(-np.asarray(sizes), kind="stable"):
            chosen[area] = best(area, free(area))
    return [PALETTE[c] for c in chosen]


def shades(colour: str, k: int) -> list[str]:
    """``k`` shades of ``#rrggbb`` ``colour`` (the colour itself when ``k`` is 1): HLS
    lightness in even steps over 0.44 around the colour's, darkest first, the hue turned
    20 degrees one way and the other in turn, so shades next in lightness differ in hue too
    (7 shades of any palette colour: ΔE at least 9 apart)."""
    import colorsys

    if k == 1:
        return [colour]
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    hue, light, sat = colorsys.rgb_to_hls(*rgb)
    light = min(max(light, 0.42), 0.58)
    out = []
    for i, level in enumerate(np.linspace(light - 0.22, light + 0.22, k)):
        turned = (hue + (0.06 if i % 2 else -0.06)) % 1.0
        r, g, b = colorsys.hls_to_rgb(turned, float(level), sat)
        out.append("#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b)))
    return out


def point_style(n: int) -> tuple[float, float]:
    """``(size, opacity)`` of a map's points for ``n`` papers: 7 and 0.8 up to 2,000
    papers, then smaller and lighter (40,712: 3.3 and 0.6; 1,000,000: 1.5 and 0.45)."""
    scale = min(1.0, 2000 / max(n, 1))
    return float(max(1.5, 7 * scale**0.25)), float(max(0.45, 0.8 * scale**0.1))
