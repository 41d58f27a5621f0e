"""The interactive map: a plotly scatter of papers coloured by area, with area names drawn."""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

__all__ = ["map_figure", "hover_text"]

_PALETTE = qualitative.Dark24 + qualitative.Light24
_MUTED = "rgba(150,150,150,0.35)"


def _wrap(text: str, width: int) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width)) or ""


def hover_text(papers: pd.DataFrame, abstract_chars: int = 300) -> list[str]:
    """Hover HTML for each paper: title, area, start of the abstract; all text escaped."""
    out = []
    columns = (papers["title"], papers["area_name"], papers["abstract"])
    for title, area, abstract in zip(*columns, strict=True):
        start = abstract[:abstract_chars] + ("…" if len(abstract) > abstract_chars else "")
        out.append(
            f"<b>{_wrap(title, 70)}</b><br><i>{html.escape(area)}</i>"
            + (f"<br><br>{_wrap(start, 80)}" if start else "")
        )
    return out


def map_figure(
    papers: pd.DataFrame,
    summaries: pd.DataFrame,
    *,
    title: str = "Research areas",
    webgl: bool | None = None,
) -> go.Figure:
    """A plotly map of ``papers`` (columns ``x``, ``y``, ``area``, ``area_name``, ``weak``,
    ``title``, ``abstract``), one trace per area, with each area's name at its centre.

    Weakly placed papers are drawn grey and small.
    """
    webgl = len(papers) > 5000 if webgl is None else webgl
    scatter = go.Scattergl if webgl else go.Scatter
    hover = np.array(hover_text(papers), dtype=object)
    fig = go.Figure()
    weak = papers["weak"].to_numpy()
    if weak.any():
        fig.add_trace(scatter(
            x=papers["x"][weak], y=papers["y"][weak], mode="markers", name="weakly placed",
            marker={"size": 5, "color": _MUTED}, hovertext=hover[weak], hoverinfo="text",
        ))
    for _, row in summaries.sort_values("area").iterrows():
        sel = (papers["area"].to_numpy() == row["area"]) & ~weak
        colour = _PALETTE[int(row["area"]) % len(_PALETTE)]
        fig.add_trace(scatter(
            x=papers["x"][sel], y=papers["y"][sel], mode="markers",
            name=f"{row['name']} ({row['size']})",
            marker={"size": 7, "color": colour, "opacity": 0.8, "line": {"width": 0}},
            hovertext=hover[sel], hoverinfo="text",
        ))
    for _, row in summaries.iterrows():
        members = papers[papers["area"] == row["area"]]
        fig.add_annotation(
            x=float(members["x"].median()), y=float(members["y"].median()),
            text=f"<b>{html.escape(row['name'])}</b>", showarrow=False,
            font={"size": 12, "color": "#222"}, bgcolor="rgba(255,255,255,0.7)",
        )
    fig.update_layout(
        title=title, template="plotly_white", hovermode="closest", height=750,
        legend={"itemsizing": "constant", "font": {"size": 10}},
        xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig
