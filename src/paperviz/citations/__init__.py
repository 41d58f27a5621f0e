"""Citations and people: the works a corpus cites, resolved across spellings, what each area
cites most, how areas draw on each other (coupling, co-citation), and who works in each
area (authors, institutions, countries). Reads the columns the corpus loaders give
(``references``, ``authors``, ``author_ids``, ``affiliations``, ``countries``)."""

from .counts import KINDS, area_links, cited_works
from .graph import coupled_neighbors, joined_neighbors
from .onmap import (
    NO_REFERENCES,
    citation_links,
    cited,
    coupling,
    leaders,
    map_citations,
    people,
)
from .people import (
    PEOPLE,
    author_names,
    authors_of,
    countries_of_papers,
    institution,
    institutions_of,
    people_table,
    person,
)
from .references import parse_references
from .resolve import Citations, has_references, readable, resolve_references

__all__ = ["Citations", "resolve_references", "readable", "has_references", "parse_references",
           "cited_works", "area_links", "KINDS", "PEOPLE", "author_names", "person",
           "authors_of", "institutions_of", "countries_of_papers", "institution",
           "people_table", "map_citations", "cited", "coupling", "people", "leaders",
           "citation_links", "NO_REFERENCES", "coupled_neighbors", "joined_neighbors"]
