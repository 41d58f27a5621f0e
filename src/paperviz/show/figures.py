"""Companion figures: area sizes, how similar the areas are, the hierarchy, key phrases,
areas over time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..areas.neighbors import area_centres
from ..describe.phrases import phrases
from ..levels import TITLES, levels_of
from ..mapdata import MapData

__all__ = ["area_sizes", "similarity_heatmap", "link_heatmap", "hierarchy", "key_phrase_bars",
           "trend_lines", "emerging_bars"]


def _level(summaries: pd.DataFrame, level: str) -> pd.DataFrame:
    part = summaries[summaries["level"] == level]
    if part.empty:
        raise ValueError(f"no areas at level {level!r}; levels: {summaries['level'].unique()}.")
    return part


def area_sizes(summaries: pd.DataFrame, level: str = "area") -> go.Figure:
    """Horizontal bars: papers per area, largest on top."""
    part = _level(summaries, level).sort_values("size")
    fig = px.bar(part, x="size", y="name", orientation="h", text="size",
                 labels={"size": "papers", "name": ""}, title="Papers per area")
    fig.update_layout(template="plotly_white", height=max(300, 28 * len(part) + 100))
    return fig


def similarity_heatmap(data: MapData, level: str = "area") -> go.Figure:
    """Cosine similarity between the mean vectors of the map's areas of ``level``."""
    summaries, papers, embeddings = data.summaries, data.papers, data.embeddings
    part = _level(summaries, level).sort_values("area")
    labels = papers[level].to_numpy()
    centres = area_centres(embeddings, labels, part["area"].tolist())
    sims = centres @ centres.T
    fig = go.Figure(go.Heatmap(z=sims, x=part["name"], y=part["name"], colorscale="Blues",
                               zmin=float(sims.min()), zmax=1.0,
                               hovertemplate="%{y}<br>%{x}<br>similarity %{z:.2f}<extra></extra>"))
    fig.update_layout(title="How similar the areas are", template="plotly_white",
                      height=max(400, 30 * len(part) + 150), yaxis={"autorange": "reversed"})
    return fig


def link_heatmap(table: pd.DataFrame, kind: str = "coupling") -> go.Figure:
    """An area-by-area table of :meth:`paperviz.PaperMap.coupling` as a heatmap."""
    what = {"coupling": "cite the same works", "cocitation": "are cited together"}[kind]
    fig = go.Figure(go.Heatmap(z=table.to_numpy(), x=list(table.columns), y=list(table.index),
                               colorscale="Oranges", zmin=0.0, zmax=1.0,
                               hovertemplate=f"%{{y}}<br>%{{x}}<br>{kind} %{{z:.2f}}"
                                             "<extra></extra>"))
    fig.update_layout(title=f"How much the areas {what}", template="plotly_white",
                      height=max(400, 30 * len(table) + 150), yaxis={"autorange": "reversed"})
    return fig


def hierarchy(summaries: pd.DataFrame, kind: str = "sunburst") -> go.Figure:
    """The map's levels (fields where it has them, areas, sub-areas) as a sunburst (or
    ``kind="treemap"``), each ring inside the one before, sized by papers."""
    levels = levels_of(summaries)
    ids, parents, names, values = [], [], [], []
    for depth, level in enumerate(levels):
        part = _level(summaries, level)
        ids += [f"{level}{a}" for a in part["area"]]
        parents += ([f"{levels[depth - 1]}{p}" for p in part["parent"]] if depth
                    else [""] * len(part))
        names += part["name"].tolist()
        values += part["size"].tolist()
    trace = go.Sunburst if kind == "sunburst" else go.Treemap
    fig = go.Figure(trace(ids=ids, parents=parents, labels=names, values=values,
                          branchvalues="total", hovertemplate="%{label}<br>%{value} papers"
                          "<extra></extra>"))
    fig.update_layout(title=" › ".join(TITLES[level] for level in levels),
                      height=650, margin={"t": 50})
    return fig


def key_phrase_bars(summaries: pd.DataFrame, papers: pd.DataFrame, area: int,
                    level: str = "area") -> go.Figure:
    """The area's key phrases, with the share of its papers that use each."""
    part = _level(summaries, level)
    row = part[part["area"] == area]
    if row.empty:
        raise ValueError(f"no {level} {area}; there are {sorted(part['area'].tolist())}.")
    row = row.iloc[0]
    members = [set(phrases(t)) for t in papers.loc[papers[level] == area, "text"]]
    shares = [sum(p.lower() in m for m in members) / len(members) for p in row["key_phrases"]]
    fig = go.Figure(go.Bar(x=shares[::-1], y=row["key_phrases"][::-1], orientation="h",
                           hovertemplate="%{y}: %{x:.0%} of the papers<extra></extra>"))
    fig.update_layout(title=f"Key phrases of {row['name']}", template="plotly_white",
                      xaxis={"tickformat": ".0%", "title": "share of the area's papers"},
                      height=max(300, 30 * len(row["key_phrases"]) + 120))
    return fig


def trend_lines(trends: pd.DataFrame, *, kind: str = "stacked", top: int = 12) -> go.Figure:
    """Each area's share of the papers per period (from :func:`paperviz.explore.trends`):
    ``kind="stacked"`` as stacked areas, ``"small"`` as small multiples, one panel per area.
    The ``top`` largest areas are drawn; the rest are summed as "other areas"."""
    if kind not in ("stacked", "small"):
        raise ValueError(f"kind={kind!r}: use 'stacked' or 'small'.")
    level = trends.columns[1]
    sizes = trends.groupby(level)["count"].sum().sort_values(ascending=False)
    keep = set(sizes.index[:top])
    frame = trends.assign(label=np.where(trends[level].isin(keep),
                                         trends["name"].astype(str), "other areas"))
    frame = (frame.groupby(["period", "label"], sort=False)
             .agg(count=("count", "sum"), total=("total", "first")).reset_index())
    frame["share"] = frame["count"] / frame["total"].where(frame["total"] > 0)
    order = [n for n in dict.fromkeys(trends.set_index(level).loc[list(sizes.index[:top]),
                                                                   "name"].astype(str))]
    order += ["other areas"] if len(sizes) > top else []
    labels = {"share": "share of the period's papers", "period": "", "label": "area"}
    if kind == "stacked":
        fig = px.area(frame, x="period", y="share", color="label", labels=labels,
                      category_orders={"label": order}, hover_data=["count", "total"])
    else:
        fig = px.line(frame, x="period", y="share", facet_col="label", facet_col_wrap=4,
                      labels=labels, category_orders={"label": order}, markers=True,
                      hover_data=["count", "total"], height=220 * int(np.ceil(len(order) / 4)))
        fig.for_each_annotation(lambda a: a.update(text=a.text.split("=", 1)[-1]))
    fig.update_layout(template="plotly_white", title="Share of papers per area over time",
                      legend={"font": {"size": 10}})
    return fig


def emerging_bars(emerging: pd.DataFrame, n: int = 8) -> go.Figure:
    """The ``n`` fastest growing and ``n`` fastest shrinking areas (from
    :func:`paperviz.explore.emerging`): change of share with its interval; areas whose
    interval excludes zero are coloured, the rest grey."""
    rows = pd.concat([emerging.head(n), emerging.tail(n)]).drop_duplicates(emerging.columns[0])
    rows = rows.sort_values("change")
    colour = rows["trend"].map({"growing": "#2ca02c", "shrinking": "#d62728",
                                "steady": "#9a9a9a"})
    fig = go.Figure(go.Bar(
        x=rows["change"] * 100, y=rows["name"].astype(str), orientation="h",
        marker_color=colour.tolist(),
        error_x={"type": "data", "symmetric": False,
                 "array": (rows["high"] - rows["change"]) * 100,
                 "arrayminus": (rows["change"] - rows["low"]) * 100},
        customdata=np.stack([rows["before"], rows["after"], rows["trend"]], axis=1),
        hovertemplate="%{y}<br>%{x:.2f} points (%{customdata[2]})<br>papers: "
                      "%{customdata[0]} before, %{customdata[1]} after<extra></extra>"))
    split = emerging.attrs.get("split", "the split")
    fig.update_layout(template="plotly_white", height=max(300, 28 * len(rows) + 120),
                      title=f"Change of share, before and after {split} (95% interval)",
                      xaxis_title="percentage points", margin={"l": 10})
    return fig
