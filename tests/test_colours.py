"""Map colours and point sizes: neighbouring areas told apart, one colour per area in the
legend, points that shrink as the map fills."""

import numpy as np
from plotly.colors import qualitative

from paperviz.show.colours import NEIGHBOURS, PALETTE, area_colours, delta_e, point_style


def _closest_gap(centres, colours):
    d = np.linalg.norm(centres[:, None] - centres[None], axis=2)
    np.fill_diagonal(d, np.inf)
    return min(delta_e(colours[i], colours[j]) for i in range(len(centres))
               for j in np.argsort(d[i])[:NEIGHBOURS])


def test_neighbouring_areas_get_colours_far_apart_and_each_area_its_own():
    rng = np.random.default_rng(0)
    centres = rng.uniform(0, 10, size=(24, 2))
    sizes = rng.integers(50, 5000, size=24)
    colours = area_colours(centres, sizes)
    assert len(set(colours)) == 24 and set(colours) <= set(PALETTE)
    by_number = [(qualitative.Dark24 + qualitative.Light24)[i] for i in range(24)]
    assert _closest_gap(centres, colours) > _closest_gap(centres, by_number)
    assert _closest_gap(centres, colours) >= 25  # clearly different, not two purples
    many = area_colours(rng.uniform(0, 10, size=(60, 2)), np.ones(60))
    assert len(set(many)) == len(PALETTE)  # past the palette, colours repeat, apart


def test_the_palette_leaves_out_greys_blacks_and_pastels():
    assert "#222A2A" not in PALETTE and "#FED4C4" not in PALETTE
    assert len(PALETTE) >= 30
    assert delta_e("#000000", "#FFFFFF") > 99


def test_points_shrink_and_lighten_as_the_map_fills():
    small, big, huge = point_style(255), point_style(40_712), point_style(1_000_000)
    assert small == (7.0, 0.8)
    assert small[0] > big[0] > huge[0] >= 1.5 and small[1] > big[1] > huge[1] >= 0.45


def test_shades_of_a_field_stay_its_colour_and_differ():
    from itertools import combinations

    from paperviz.show.colours import shades

    assert shades(PALETTE[0], 1) == [PALETTE[0]]
    for base in PALETTE:
        seven = shades(base, 7)
        assert len(set(seven)) == 7
        assert min(delta_e(a, b) for a, b in combinations(seven, 2)) >= 9
        # still the field's colour family: its hue, turned about 22 degrees at most
        for shade in seven:
            turn = abs(_hue(shade) - _hue(base)) % 1.0
            assert min(turn, 1 - turn) <= 0.07  # 0.06, and rounding to 8 bits


def _hue(colour: str) -> float:
    import colorsys

    return colorsys.rgb_to_hls(*[int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])[0]
