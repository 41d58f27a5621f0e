"""Show: the interactive map (a plotly figure, and one offline HTML file with its app), the
companion figures, and the areas' summaries for reading (cards, Markdown, a table)."""

from .cards import LEVELS, areas_table, summaries_markdown, summary_cards
from .figures import (
    area_sizes,
    emerging_bars,
    hierarchy,
    key_phrase_bars,
    link_heatmap,
    similarity_heatmap,
    trend_lines,
)
from .html import read_map_figure, write_map_html
from .mapfigure import map_figure, paper_urls
from .picture import map_picture, save_picture

__all__ = ["summary_cards", "summaries_markdown", "areas_table", "LEVELS",
           "map_figure", "write_map_html", "read_map_figure", "paper_urls",
           "map_picture", "save_picture",
           "area_sizes", "similarity_heatmap", "hierarchy", "key_phrase_bars", "trend_lines",
           "link_heatmap",
           "emerging_bars"]
