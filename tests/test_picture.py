"""The static picture of a map: every area named, as text, names kept apart."""

import html
from itertools import combinations

import pytest

from paperviz.cli import main
from paperviz.show import map_picture


def _overlaps(fig) -> list[tuple[str, str]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    boxes = [(t.get_text(), t.get_window_extent()) for t in ax.texts]
    return [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2)
            if box_a.overlaps(box_b)]


def test_every_area_is_named_as_text_in_the_svg(bundled_map, tmp_path):
    path = bundled_map.save_figure(tmp_path / "areas.svg", level="area", title="Test map")
    svg = path.read_text()
    names = bundled_map.summaries.query("level == 'area'")["name"]
    missing = [n for n in names if html.escape(n, quote=False) not in svg]
    assert not missing and "Test map" in svg


@pytest.mark.parametrize("level", ["area", "subarea"])
def test_names_never_overlap_and_the_title_says_when_some_are_left_out(bundled_map, level):
    fig = map_picture(bundled_map.papers, bundled_map.summaries, level=level)
    named = [t.get_text() for t in fig.axes[0].texts]
    names = bundled_map.summaries.query("level == @level").sort_values("size")["name"]
    assert _overlaps(fig) == []
    assert set(named) <= set(names) and len(named) >= min(len(names), 6)
    if len(named) < len(names):
        assert f"the largest {len(named)} named" in fig.get_suptitle()
        assert names.iloc[-1] in named  # the largest area always keeps its name
    else:
        assert "named)" not in fig.get_suptitle()


def test_all_formats_write(bundled_map, tmp_path):
    for suffix, magic in ((".png", b"\x89PNG"), (".pdf", b"%PDF")):
        path = bundled_map.save_figure(tmp_path / f"map{suffix}", width=6)
        assert path.read_bytes()[:4] == magic and path.stat().st_size > 10_000


def test_bad_formats_and_levels_say_what_to_give(bundled_map, tmp_path):
    with pytest.raises(ValueError, match=r"\.png, \.svg, \.pdf"):
        bundled_map.save_figure(tmp_path / "map.gif")
    with pytest.raises(ValueError, match="not one of this map's levels"):
        bundled_map.save_figure(tmp_path / "map.png", level="topic")


def test_the_figure_command(bundled_map, tmp_path, capsys):
    bundled_map.save(tmp_path / "saved")
    assert main(["figure", str(tmp_path / "saved"), "--out", str(tmp_path / "map.svg"),
                 "--title", "Bundled corpus"]) == 0
    assert "Picture written to" in capsys.readouterr().out
    assert "Bundled corpus" in (tmp_path / "map.svg").read_text()
