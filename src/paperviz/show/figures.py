"""Companion figures: area sizes, how similar the areas are, the hierarchy, key phrases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..areas.neighbors import area_centres
from ..describe.phrases import phrases

__all__ = ["area_sizes", "similarity_heatmap", "hierarchy", "key_phrase_bars"]


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


def similarity_heatmap(summaries: pd.DataFrame, papers: pd.DataFrame, embeddings: np.ndarray,
                       level: str = "area") -> go.Figure:
    """Cosine similarity between the areas' mean embeddings."""
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


def hierarchy(summaries: pd.DataFrame, kind: str = "sunburst") -> go.Figure:
    """Areas and their sub-areas as a sunburst (or ``kind="treemap"``), sized by papers."""
    areas = _level(summaries, "area")
    subs = summaries[summaries["level"] == "subarea"]
    ids = [f"a{a}" for a in areas["area"]] + [f"s{a}" for a in subs["area"]]
    parents = [""] * len(areas) + [f"a{p}" for p in subs["parent"]]
    names = areas["name"].tolist() + subs["name"].tolist()
    values = areas["size"].tolist() + subs["size"].tolist()
    trace = go.Sunburst if kind == "sunburst" else go.Treemap
    fig = go.Figure(trace(ids=ids, parents=parents, labels=names, values=values,
                          branchvalues="total", hovertemplate="%{label}<br>%{value} papers"
                          "<extra></extra>"))
    fig.update_layout(title="Areas and sub-areas", height=650, margin={"t": 50})
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
