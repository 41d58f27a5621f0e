"""The map as one HTML file: plotly.js inlined (it works offline), with the app of
``assets/map.js``: a search box, labels that switch from areas to sub-areas as you zoom in,
a list of the papers you select with a copy button, and click-to-open links."""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import plotly.graph_objects as go

__all__ = ["write_map_html"]


def write_map_html(fig: go.Figure, path: str | Path, *, include_plotlyjs: bool | str = True,
                   title: str = "paperviz map") -> Path:
    """Write ``fig`` as one HTML file with the search box, zoom labels, selection list and
    click-to-open links.

    ``include_plotlyjs=True`` inlines plotly.js (about 4.6 MB), so the page works with no
    network at all; ``"cdn"`` or a path to a ``plotly.min.js`` references it instead.
    """
    path = Path(path)
    assets = resources.files(__package__) / "assets"
    script = (assets / "map.js").read_text(encoding="utf-8")
    style = (assets / "map.css").read_text(encoding="utf-8")
    page = fig.to_html(include_plotlyjs=include_plotlyjs, full_html=True, div_id="pv-map",
                       post_script=script, config={"scrollZoom": True, "displaylogo": False},
                       include_mathjax=False)
    head = f"<title>{html.escape(title)}</title><style>{style}</style>"
    page = page.replace("<head>", "<head>" + head, 1)
    path.write_text(page, encoding="utf-8")
    return path
