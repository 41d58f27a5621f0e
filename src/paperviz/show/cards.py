"""Area summaries for reading: Markdown, and HTML cards for notebooks and export."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..columns import LEADER_COLUMNS
from ..levels import LEVELS, TITLES, levels_of

__all__ = ["summaries_markdown", "summary_cards", "Cards", "areas_table", "leader_lines",
           "support_line",
           "LEVELS"]


class Cards:
    """Area cards: ``html`` (what notebooks render) and ``text`` (what ``print`` and a
    script's console show)."""

    def __init__(self, html_text: str, text: str) -> None:
        self.html, self.text = html_text, text

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def leader_lines(row: pd.Series) -> list[tuple[str, str]]:
    """(what, names joined) for each of the area's leader lists that is not empty."""
    return [(label, "; ".join(row[col])) for col, label in LEADER_COLUMNS.items()
            if col in row.index and isinstance(row[col], (list, tuple, np.ndarray))
            and len(row[col])]


def support_line(row: pd.Series) -> str:
    """'its name used by 34% of them', where the summaries say (maps saved before names
    had a support, and a language model's names, say nothing)."""
    value = row.get("support")
    if value is None or pd.isna(value):
        return ""
    return f"its name used by {value:.0%} of them"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def summaries_markdown(summaries: pd.DataFrame) -> str:
    """A Markdown section per level, coarse to fine, an entry per area: name, size, key
    phrases, representative papers, parent and similar areas."""
    out = []
    levels = levels_of(summaries)
    for depth, level in enumerate(levels):
        part = summaries[summaries["level"] == level]
        above = levels[depth - 1] if depth else None
        parents = summaries[summaries["level"] == above].set_index("area")["name"]
        out.append(f"## {TITLES[level]}\n")
        for _, row in part.iterrows():
            out.append(f"### {_md(row['name'])}\n")
            line = f"{row['size']} papers ({row['share']:.1%})"
            if support_line(row):
                line += f", {support_line(row)}"
            if row["parent"] >= 0 and row["parent"] in parents.index:
                line += f", in *{_md(parents[row['parent']])}*"
            out.append(line + "\n")
            out.append(f"- Key phrases: {_md(', '.join(row['key_phrases']))}")
            out.append("- Representative papers:")
            out.extend(f"  - {_md(t)}" for t in row["representative_titles"])
            out.extend(f"- {label}: {_md(names)}" for label, names in leader_lines(row))
            if len(row["similar_areas"]):
                out.append(f"- Similar: {_md(', '.join(row['similar_areas']))}")
            out.append("")
    return "\n".join(out)


_STYLE = """<style>
.pv-cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px;
font-family:system-ui,sans-serif}
.pv-card{border:1px solid #ddd;border-radius:8px;padding:10px 14px;background:#fff}
.pv-card h4{margin:0 0 4px 0;font-size:15px}.pv-meta{color:#666;font-size:12px}
.pv-chip{display:inline-block;background:#eef2f7;border-radius:10px;padding:1px 8px;
margin:2px;font-size:12px}.pv-card ul{margin:6px 0 0 16px;padding:0;font-size:12px}
</style>"""


def summary_cards(summaries: pd.DataFrame, level: str | None = "area") -> Cards:
    """One card per area of ``level`` (None: every row given), as HTML (all text escaped)
    and as plain text."""
    part = summaries if level is None else summaries[summaries["level"] == level]
    cards, lines = [], []
    for _, row in part.iterrows():
        used = f"; {support_line(row)}" if support_line(row) else ""
        lines += [f"{row['name']}  ({row['size']} papers, {row['share']:.1%}{used})",
                  "  key phrases: " + ", ".join(row["key_phrases"]),
                  *(f"  - {t}" for t in row["representative_titles"]),
                  *(f"  {label.lower()}: {names}" for label, names in leader_lines(row)), ""]
        chips = "".join(f'<span class="pv-chip">{html.escape(p)}</span>'
                        for p in row["key_phrases"])
        papers = "".join(f"<li>{html.escape(t)}</li>" for t in row["representative_titles"])
        more = "".join(f'<div class="pv-meta"><b>{label}:</b> {html.escape(names)}</div>'
                       for label, names in leader_lines(row))
        cards.append(
            f'<div class="pv-card"><h4>{html.escape(row["name"])}</h4>'
            f'<div class="pv-meta">{row["size"]} papers · {row["share"]:.1%}'
            f'{" · " + support_line(row) if support_line(row) else ""}</div>'
            f"<div>{chips}</div><ul>{papers}</ul>{more}</div>"
        )
    return Cards(_STYLE + '<div class="pv-cards">' + "".join(cards) + "</div>",
                 "\n".join(lines).rstrip())


def areas_table(summaries: pd.DataFrame, level: str | None = "area") -> pd.DataFrame:
    """Summaries of one level (``"field"`` where the map has fields, ``"area"``,
    ``"subarea"``, or None for all), for reading: list columns joined into text."""
    if level is not None and level not in levels_of(summaries):
        raise ValueError(f"level={level!r} is not one of this map's levels "
                         f"{levels_of(summaries)} or None.")
    table = summaries[summaries["level"] == level].copy() if level else summaries.copy()
    for col in ("key_phrases", "representative_titles", "similar_areas", *LEADER_COLUMNS):
        if col in table:
            table[col] = table[col].map("; ".join)
    return table.drop(columns=["representative_ids", "children"])
