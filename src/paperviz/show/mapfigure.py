"""The interactive map: a plotly scatter of the papers, coloured by area, areas named on it.

``map_figure`` builds the figure (for notebooks and for the HTML app of :mod:`.html`). Each
point carries its fields (``HOVER_FIELDS``) as ``customdata``: the hover shows them and the
HTML app reads titles, authors and links from them, by name: the figure's
``layout.meta["pv_fields"]`` lists ``HOVER_FIELDS``, the one list both sides read. All text
from the corpus is HTML-escaped before it reaches the page.
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative, sample_colorscale

from ..corpus import DATE_COLUMNS, paper_dates
from ..levels import levels_of
from .cards import leader_lines
from .colours import area_colours, point_style, shades

__all__ = ["map_figure", "hover_parts", "HOVER_FIELDS", "paper_urls", "level_colours"]

# Each point's fields, in the order of its customdata: the map's hover and the HTML app
# (assets/map.js, through layout.meta["pv_fields"]) read them by these names.
HOVER_FIELDS = ("url", "title", "byline", "abstract", "area", "date", "people")

_PALETTE = qualitative.Dark24 + qualitative.Light24
_MUTED = "rgba(150,150,150,0.35)"
WEAK_OPACITY = 0.35  # a weakly placed paper's opacity, against its area's others
_MAX_CATEGORIES = 30


def _wrap(text: str, width: int) -> str:
    """Escaped, with line breaks only at spaces, so joining the lines with spaces gives
    the text back (the HTML's selection list relies on it)."""
    lines = textwrap.wrap(str(text), width, break_on_hyphens=False, break_long_words=False)
    return "<br>".join(html.escape(line) for line in lines)


def _abstract_chars(n: int) -> int:
    """Hover abstract length: shorter for big corpora, whose pages it would swell."""
    return 300 if n <= 20_000 else 150 if n <= 60_000 else 100


def hover_parts(papers: pd.DataFrame, abstract_chars: int | None = None,
                area_column: str = "area_name") -> np.ndarray:
    """One row per paper, the fields the map shows and the HTML app reads, in the columns of
    ``HOVER_FIELDS``: ``url`` (or ""), ``title``, ``byline`` (authors and year, with its line
    break; "" when the corpus has neither), ``abstract`` (its start), ``area`` and ``date``
    (``YYYY-MM-DD``, or "" when the corpus has no date column or the paper no date) and
    ``people`` (every author, where the byline had to cut the list: the page's search reads
    it, the hover does not show it). Every
    field from the corpus is HTML-escaped (the byline adds "cited N" where the export gave
    times cited) and wrapped at spaces only (joining the lines
    with spaces gives the text back), so a title reading ``<script>`` shows as text."""
    limit = _abstract_chars(len(papers)) if abstract_chars is None else abstract_chars
    urls = paper_urls(papers) or [""] * len(papers)
    authors = papers["authors"] if "authors" in papers else None
    year = papers["year"] if "year" in papers else None
    cited = papers["cited_by"] if "cited_by" in papers else None
    days = [""] * len(papers)
    if any(str(c).lower() in DATE_COLUMNS for c in papers.columns):
        dates = paper_dates(papers)[0]
        days = dates.dt.strftime("%Y-%m-%d").fillna("").tolist()
    rows = []
    for i, (title, area, abstract) in enumerate(
        zip(papers["title"], papers[area_column], papers["abstract"], strict=True)
    ):
        byline, people = [], ""
        if authors is not None and pd.notna(authors.iloc[i]) and str(authors.iloc[i]):
            names = str(authors.iloc[i])
            byline.append(names if len(names) <= 80 else names[:77] + "…")
            people = html.escape(names) if len(names) > 80 else ""  # for search only
        if year is not None and pd.notna(year.iloc[i]) and str(year.iloc[i]):
            byline.append(str(year.iloc[i]))
        if cited is not None and pd.notna(cited.iloc[i]) and str(cited.iloc[i]):
            byline.append(f"cited {cited.iloc[i]}")
        text = str(abstract)
        start = text[:limit] + ("…" if len(text) > limit else "") if limit > 0 else ""
        fields = {"url": urls[i] if isinstance(urls[i], str) else "",
                  "title": _wrap(title, 70),
                  "byline": _wrap(" · ".join(byline), 80) + "<br>" if byline else "",
                  "abstract": _wrap(start, 80), "area": html.escape(str(area)),
                  "date": days[i], "people": people}
        rows.append([fields[name] for name in HOVER_FIELDS])
    return np.array(rows, dtype=object).reshape(len(rows), len(HOVER_FIELDS))


def _slot(name: str) -> str:
    """The hover template's reference to the point's field ``name``."""
    return "%{customdata[" + str(HOVER_FIELDS.index(name)) + "]}"


_HOVER = (f"<b>{_slot('title')}</b><br>{_slot('byline')}<i>{_slot('area')}</i><br><br>"
          f"{_slot('abstract')}<extra></extra>")


def paper_urls(papers: pd.DataFrame) -> list[str] | None:
    """Each paper's web address from a ``url``/``link`` column, or a DOI, else None."""
    for col in ("url", "link", "URL"):
        if col in papers:
            return papers[col].fillna("").astype(str).tolist()
    if "doi" in papers:
        return [f"https://doi.org/{d}" if d else "" for d in papers["doi"].fillna("").astype(str)]
    return None


def map_figure(
    papers: pd.DataFrame,
    summaries: pd.DataFrame,
    *,
    level: str | None = None,
    color: str | None = None,
    highlight: list | np.ndarray | None = None,
    title: str = "Research areas",
    webgl: bool | None = None,
    abstract_chars: int | None = None,
    links: np.ndarray | None = None,
) -> go.Figure:
    """A plotly map of ``papers`` (columns ``x``, ``y``, ``title``, ``abstract``, ``weak``,
    and the level's area number and ``<level>_name``).

    Parameters
    ----------
    summaries
        Area summaries (``level``, ``area``, ``name``, ``size``): names are drawn at each
        area's centre, every level's, the coarsest shown and the finer ones as the HTML map
        is zoomed in.
    level
        Colour by this level (``"area"``, ``"subarea"``, or ``"field"`` where the map has
        fields), each area its own colour, its names shown zoomed out. Default: by area,
        and on a map with fields each field has a colour, its areas shades of it, the
        legend lists the areas under their field, and the fields are named zoomed out.
    color
        Colour by this column of ``papers`` instead (a category, or a number such as year).
    highlight
        Positions (row numbers) of papers to ring, e.g. search results.
    webgl
        Draw with WebGL; default when there are more than 5,000 papers.
    links
        Pairs of row numbers ``(citing, cited)``: drawn as thin lines under the papers (the
        map's papers that cite each other, from ``PaperMap.figure(links=True)``).
    """
    scatter = go.Scattergl if (len(papers) > 5000 if webgl is None else webgl) else go.Scatter
    levels = levels_of(summaries)
    grouped = level is None and "field" in levels and color is None
    shown = levels[0] if level is None else level  # the level named when zoomed out
    level = level or "area"
    if level not in levels:
        raise ValueError(f"level={level!r} is not one of this map's levels {levels}.")
    if grouped:  # the hover says where a paper is on both levels
        papers = papers.assign(_where=papers["field_name"].astype(str) + " › "
                               + papers["area_name"].astype(str))
    parts = hover_parts(papers, abstract_chars, "_where" if grouped else f"{level}_name")
    fig = go.Figure()
    if links is not None and len(links):
        _link_trace(fig, scatter, papers, np.asarray(links))
    add = _adder(fig, scatter, papers, parts)
    size, _ = point_style(len(papers))
    far = papers[level].to_numpy() == -1  # placed far from every paper: in no area
    if far.any() and color is None:
        add(far, f"far from this map ({int(far.sum())})",
            {"size": max(1.5, 0.7 * size), "color": _MUTED})
    if color is not None:
        _colour_by_column(papers, color, add)
    else:
        _area_traces(papers, summaries, level, grouped, add)
    _ring_traces(fig, scatter, papers, parts, highlight)
    # all at once: plotly checks the whole list again on each add_annotation
    fig.layout.annotations = _labels(papers, summaries, shown)
    _frame(fig, papers, levels, title)
    return fig


def _link_trace(fig: go.Figure, scatter, papers: pd.DataFrame, links: np.ndarray) -> None:
    """One line trace through every pair of ``links``, a gap between pairs."""
    x, y = papers["x"].to_numpy(dtype=float), papers["y"].to_numpy(dtype=float)
    gap = np.full(len(links), np.nan)
    xs = np.column_stack([x[links[:, 0]], x[links[:, 1]], gap]).ravel()
    ys = np.column_stack([y[links[:, 0]], y[links[:, 1]], gap]).ravel()
    fig.add_trace(scatter(x=xs, y=ys, mode="lines", name=f"cites ({len(links)})",
                          line={"width": 0.6, "color": "rgba(90,90,90,0.35)"},
                          hoverinfo="skip", meta="links"))


def _adder(fig: go.Figure, scatter, papers: pd.DataFrame, parts: np.ndarray):
    """``add(mask, name, marker, **trace)``: a trace of the papers of ``mask`` (with their
    hover fields and ids, marked as papers for the HTML app) added to ``fig``."""
    x, y = papers["x"].to_numpy(), papers["y"].to_numpy()
    ids = papers["paper_id"].astype(str).to_numpy()

    def add(mask, name: str, marker: dict, **kw) -> None:
        fig.add_trace(scatter(x=x[mask], y=y[mask], mode="markers", name=name, marker=marker,
                              customdata=parts[mask], hovertemplate=_HOVER, meta="papers",
                              ids=ids[mask], **kw))

    return add


def _area_traces(papers: pd.DataFrame, summaries: pd.DataFrame, level: str, grouped: bool,
                 add) -> None:
    """One trace per area of ``level``, in its colour; ``grouped``: the legend lists each
    field's areas under the field's name."""
    size, opacity = point_style(len(papers))
    weak = papers["weak"].to_numpy(dtype=bool)
    areas = summaries[summaries["level"] == level].sort_values("area")
    labels = papers[level].to_numpy()
    colours = dict(zip(areas["area"], level_colours(papers, summaries, level, grouped),
                       strict=True))
    if grouped:
        fields = summaries[summaries["level"] == "field"].set_index("area")["name"]
        areas = areas.sort_values(["parent", "area"])
    titled = set()
    for _, row in areas.iterrows():
        group = {}
        if grouped:  # the group's title goes with its first trace
            group = {"legendgroup": f"field{row['parent']}",
                     "legendgrouptitle_text": (None if row["parent"] in titled
                                               else fields[row["parent"]])}
            titled.add(row["parent"])
        mine = labels == row["area"]
        faint = weak[mine]  # weakly placed: the area's colour, fainter and smaller
        style = {"size": size, "opacity": opacity}
        if faint.any():
            style = {"size": np.where(faint, max(1.5, 0.7 * size), size).tolist(),
                     "opacity": np.where(faint, WEAK_OPACITY * opacity, opacity).tolist()}
        add(mine, f"{row['name']} ({row['size']})",
            {**style, "color": colours[row["area"]], "line": {"width": 0}}, **group)


def _ring_traces(fig: go.Figure, scatter, papers: pd.DataFrame, parts: np.ndarray,
                 highlight) -> None:
    """Rings over the papers: placed later, the researcher's library (legend toggles), the
    search matches (empty until the HTML's search box fills it), the highlighted rows."""
    x, y = papers["x"].to_numpy(), papers["y"].to_numpy()

    def ring(rows, name: str, meta: str, size: float, width: float, colour: str,
             **kw) -> None:
        fig.add_trace(scatter(x=x[rows], y=y[rows], mode="markers", name=name, meta=meta,
                              marker={"size": size, "color": "rgba(0,0,0,0)",
                                      "line": {"width": width, "color": colour}}, **kw))

    for column, name, meta, size, width, colour in (
            ("placed", "placed later", "placed", 10, 1.5, "#111"),
            ("in_library", "your library", "library", 11, 2, "#1f4e9c")):
        if column in papers:
            rows = papers[column].astype("boolean").fillna(False).to_numpy(dtype=bool)
            if rows.any():
                ring(rows, f"{name} ({int(rows.sum())})", meta, size, width, colour,
                     hoverinfo="skip")
    ring(np.zeros(len(papers), dtype=bool), "search matches", "search", 12, 2, "#d62728",
         hoverinfo="skip", showlegend=False)
    if highlight is not None and len(highlight):
        rows = np.asarray(highlight)
        ring(rows, "highlighted", "highlight", 13, 2.5, "#000", customdata=parts[rows],
             hovertemplate=_HOVER)


def _frame(fig: go.Figure, papers: pd.DataFrame, levels: list[str], title: str) -> None:
    """The figure's layout: no axes, the papers' extent with a margin, the legend, and the
    meta the HTML app reads (the levels, each level's zoom, the point fields' names)."""
    pad_x = 0.03 * (np.ptp(papers["x"]) or 1.0)
    pad_y = 0.03 * (np.ptp(papers["y"]) or 1.0)
    fig.update_layout(
        title=title, template="plotly_white", hovermode="closest", height=750,
        legend={"itemsizing": "constant", "font": {"size": 10}, "groupclick": "toggleitem"},
        xaxis={"visible": False, "range": [papers["x"].min() - pad_x, papers["x"].max() + pad_x]},
        yaxis={"visible": False, "range": [papers["y"].min() - pad_y, papers["y"].max() + pad_y]},
        margin={"l": 10, "r": 10, "t": 50, "b": 10}, dragmode="zoom",
        # the HTML map shows a level's names from its zoom factor on (see assets/map.js)
        meta={"pv_levels": levels, "pv_zoom": _ZOOM[len(levels)],
              "pv_fields": list(HOVER_FIELDS)},
    )


def _colour_by_column(papers: pd.DataFrame, column: str, add) -> None:
    if column not in papers:
        raise ValueError(f"no column {column!r} to colour by; columns: {list(papers.columns)}.")
    values = papers[column]
    if pd.api.types.is_numeric_dtype(values) and values.nunique() > _MAX_CATEGORIES:
        span = (values.max() - values.min()) or 1
        colours = sample_colorscale("Viridis", ((values - values.min()) / span).fillna(0).tolist())
        add(np.ones(len(papers), dtype=bool), column,
            {"size": 7, "color": colours, "opacity": 0.85})
        return
    labels = values.astype("string").fillna("(missing)")
    top = labels.value_counts().index[: _MAX_CATEGORIES - 1]
    labels = labels.where(labels.isin(top), "(other)")
    for i, value in enumerate(sorted(labels.unique())):
        add((labels == value).to_numpy(), f"{value} ({(labels == value).sum()})",
            {"size": 7, "color": _PALETTE[i % len(_PALETTE)], "opacity": 0.8})


# zoom factor from which each level's names show, by the map's number of levels
_ZOOM = {2: [1.0, 2.5], 3: [1.0, 1.8, 4.5], 4: [1.0, 1.8, 4.5, 10.0]}


def level_colours(papers: pd.DataFrame, summaries: pd.DataFrame, level: str,
             grouped: bool) -> list[str]:
    """One colour per area of ``level`` (in area order): far apart from the areas beside
    it, or, ``grouped``, shades of its field's colour, the fields far apart."""
    xy = papers[["x", "y"]].to_numpy(dtype=float)

    def centres(lvl: str, ids) -> np.ndarray:
        labels = papers[lvl].to_numpy()
        return np.nan_to_num(np.array([np.median(xy[labels == a], axis=0)
                                       if (labels == a).any() else (np.nan, np.nan)
                                       for a in ids]))

    areas = summaries[summaries["level"] == level].sort_values("area")
    if not grouped:
        return area_colours(centres(level, areas["area"]), areas["size"].to_numpy())
    fields = summaries[summaries["level"] == "field"].sort_values("area")
    base = dict(zip(fields["area"], area_colours(centres("field", fields["area"]),
                                                 fields["size"].to_numpy()), strict=True))
    out = {}
    for field, members in areas.groupby("parent"):
        out.update(zip(members["area"], shades(base[field], len(members)), strict=True))
    return [out[a] for a in areas["area"]]


def _about(row: pd.Series) -> str:
    """An area label's hover: its most-cited works and leading people, where given."""
    return "<br>".join(f"<b>{label}</b>: " + _wrap(names, 90)
                       for label, names in leader_lines(row))


def _labels(papers: pd.DataFrame, summaries: pd.DataFrame, shown: str) -> list[dict]:
    """Every level's area names at their areas' centres, coarse levels first and biggest
    areas first within a level (the HTML keeps the first of any overlapping pair). Names of
    level ``shown`` are visible; the others' appear in the HTML as zooming reaches their
    range."""
    out = []
    levels = levels_of(summaries)
    for depth, lvl in enumerate(levels):
        size = 15 if depth == 0 and len(levels) > 2 else 13 if depth + 1 < len(levels) else 11
        rows = summaries[summaries["level"] == lvl].sort_values("size", ascending=False)
        labels = papers[lvl].to_numpy()
        for _, row in rows.iterrows():
            inside = labels == row["area"]
            if not inside.any():
                continue
            text = html.escape(row["name"])
            more = {"hovertext": about} if (about := _about(row)) else {}
            out.append({**more,
                "x": float(np.median(papers["x"].to_numpy()[inside])),
                "y": float(np.median(papers["y"].to_numpy()[inside])),
                "text": f"<b>{text}</b>" if depth + 1 < len(levels) else text, "name": lvl,
                "showarrow": False, "visible": lvl == shown,
                "font": {"size": size, "color": "#222"}, "bgcolor": "rgba(255,255,255,0.75)",
            })
    return out
