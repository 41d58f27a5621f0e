"""Areas: each paper's nearest neighbours, the 2-D layout, areas and sub-areas found in the
neighbour graph, the fields that group the areas, and how good and stable they are."""

from .cluster import AREAS_VERSION, find_areas
from .fields import find_fields
from .layout import layout_engine, reduce_umap
from .neighbors import area_centres, nearest_neighbors, nearest_papers, neighbors_among
from .quality import quality_report
from .results import ResultCache

__all__ = ["find_areas", "find_fields", "AREAS_VERSION", "reduce_umap", "layout_engine",
           "nearest_neighbors", "nearest_papers", "neighbors_among", "area_centres",
           "quality_report", "ResultCache"]
