"""The map as one HTML file that works offline: the page of ``assets/page.html`` with
plotly.js and the figure inside it, each gzip-compressed and base64-encoded (the browser
inflates them with its built-in ``DecompressionStream``), and the app of ``assets/map.js``:
a search box, labels that switch from areas to sub-areas as you zoom in, a date filter, a
list of the papers you select with a copy button and downloads of them as BibTeX or RIS,
and click-to-open links.

Compressed, plotly.js and the figure take a fraction of their size; corpus text never
appears in the page as HTML, only inside the compressed figure, and is escaped again where
the map shows it.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import plotly.graph_objects as go

__all__ = ["write_map_html", "read_map_figure", "CONFIG"]

CONFIG = {"scrollZoom": True, "displaylogo": False, "responsive": True}
_CDN = "https://cdn.plot.ly/plotly-{version}.min.js"

def _packed(data: bytes, level: int = 6) -> str:
    """gzip (no timestamp: the same input gives the same file) and base64."""
    return base64.b64encode(gzip.compress(data, compresslevel=level, mtime=0)).decode("ascii")


@lru_cache(maxsize=1)
def _plotly_packed() -> str:
    from plotly.offline import get_plotlyjs

    return _packed(get_plotlyjs().encode("utf-8"), level=9)  # once per process


def _plotly_tag(include_plotlyjs: bool | str) -> str:
    if include_plotlyjs is True:
        return (f'<script type="application/octet-stream" id="pv-plotly">{_plotly_packed()}'
                "</script>")
    if include_plotlyjs == "cdn":
        from plotly.offline import get_plotlyjs_version

        return f'<script src="{_CDN.format(version=get_plotlyjs_version())}"></script>'
    if isinstance(include_plotlyjs, str) and include_plotlyjs:
        return f'<script src="{html.escape(include_plotlyjs, quote=True)}"></script>'
    raise ValueError(f"include_plotlyjs={include_plotlyjs!r}: use True (inlined, works "
                     "offline), 'cdn', or the path or address of a plotly.min.js.")


def write_map_html(fig: go.Figure, path: str | Path, *, include_plotlyjs: bool | str = True,
                   title: str = "paperviz map", citations: dict | None = None) -> Path:
    """Write ``fig`` as one HTML file with the search box, zoom labels, date filter,
    selection list and click-to-open links.

    ``citations`` (``ids``, and ``bib`` and ``ris``: one entry per id) go in compressed
    too, and the selection gets "Download .bib" and ".ris" buttons that join the selected
    papers' entries.

    ``include_plotlyjs=True`` puts plotly.js inside the file (compressed), so the
    page works with no network at all; ``"cdn"`` or a path to a ``plotly.min.js``
    references it instead.
    """
    assets = resources.files(__package__) / "assets"
    cite = (f'<script type="application/octet-stream" id="pv-cite">'
            f"{_packed(json.dumps(citations).encode('utf-8'))}</script>" if citations else "")
    page = _fill((assets / "page.html").read_text(encoding="utf-8"), {
        "title": html.escape(title),
        "style": (assets / "map.css").read_text(encoding="utf-8"),
        "height": str(int(fig.layout.height or 750)),
        "plotly": _plotly_tag(include_plotlyjs),
        "figure": _packed(fig.to_json().encode("utf-8")),
        "citations": cite,
        "config": json.dumps(CONFIG),
        "app": (assets / "map.js").read_text(encoding="utf-8"),
    })
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{{name}}`` replaced by ``values[name]``, in one pass (what is
    put in is never read for names again); a name without a value is an error."""
    names = set(re.findall(r"\{\{(\w+)\}\}", template))
    if names != set(values):
        raise ValueError(f"the page template names {sorted(names)}, given {sorted(values)}.")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)


def read_map_figure(path: str | Path) -> dict:
    """The figure inside a ``map.html`` written by :func:`write_map_html`, as plotly JSON
    (``data``, ``layout``)."""
    text = Path(path).read_text(encoding="utf-8")
    start = text.find('id="pv-figure">')
    if start < 0:
        raise ValueError(f"{path} is not a map written by paperviz (no figure in it).")
    start += len('id="pv-figure">')
    packed = text[start : text.index("</script>", start)]
    return json.loads(gzip.decompress(base64.b64decode(packed)))
