"""The object holding a finished map (`PaperMap`: its data and the methods a researcher
calls on it) and the pipeline in one call (`build_map`, composed in :mod:`.pipeline`)."""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .areas import nearest_papers, neighbors_among, quality_report
from .citations import Citations, citation_links, map_citations
from .citations import cited as cited_by_area
from .citations import coupling as area_coupling
from .citations import people as people_of
from .columns import MAP_COLUMNS
from .corpus import paper_dates
from .describe import Namer
from .embedding import DEFAULT_MODEL, Embedder
from .explore import compare_areas, emerging, trends
from .export import export_papers
from .levels import TITLES
from .library import suggest
from .mapdata import MapData
from .options import MapOptions
from .pipeline import build
from .place import crosswalk, place_papers
from .progress import say
from .recluster import recluster
from .saved import read_map, write_map
from .show import (
    area_sizes,
    areas_table,
    emerging_bars,
    hierarchy,
    key_phrase_bars,
    link_heatmap,
    map_figure,
    map_picture,
    save_picture,
    similarity_heatmap,
    summaries_markdown,
    summary_cards,
    trend_lines,
)

__all__ = ["PaperMap", "build_map"]


@dataclass
class PaperMap(MapData):
    """A finished run: papers with their map position and area, and the areas' summaries,
    with the methods to explore them (see :class:`paperviz.mapdata.MapData` for the
    attributes ``papers``, ``summaries``, ``embeddings``, ``params`` and ``options``)."""

    _embedder: Embedder | None = field(default=None, init=False, repr=False, compare=False)
    _selected: list = field(default_factory=list, init=False, repr=False, compare=False)
    placement: dict | None = field(default=None, init=False, repr=False, compare=False)
    _folder: Path | None = field(default=None, init=False, repr=False, compare=False)
    _citations: Citations | None = field(default=None, init=False, repr=False, compare=False)

    def __repr__(self) -> str:
        """One line: papers (placed, in the library), each level's areas, the model and
        backend, where the map was saved or read from."""
        papers = self.papers
        extra = [f"{int(papers[c].astype('boolean').fillna(False).sum())} {what}"
                 for c, what in (("placed", "placed"), ("in_library", "in your library"))
                 if c in papers and papers[c].astype("boolean").fillna(False).any()]
        sizes = self.summaries["level"].value_counts()
        levels = " > ".join(f"{sizes[lv]} {TITLES[lv].lower()}" for lv in self.levels)
        model = f"{self.params.get('model_name', DEFAULT_MODEL)} on " \
                f"{self.params.get('backend', '?')}"
        where = f"; saved at {self._folder}" if self._folder else ""
        return (f"PaperMap: {len(papers)} papers" + (f" ({', '.join(extra)})" if extra else "")
                + f"; {levels}; {model}{where}")

    @classmethod
    def of(cls, data: MapData, embedder: Embedder | None = None) -> PaperMap:
        """A map of ``data``; ``embedder`` (the one that made its vectors) is reused by
        :meth:`search` and :meth:`place`."""
        pmap = cls(papers=data.papers, summaries=data.summaries, embeddings=data.embeddings,
                   params=data.params)
        pmap._embedder = embedder
        return pmap

    def figure(self, *, links: bool = False, **kwargs):
        """The interactive plotly map (see :func:`paperviz.show.map_figure`);
        ``color="date"`` colours the papers by their date (as a fractional year);
        ``links=True`` draws a line from each paper to the map's papers it cites."""
        if links:
            kwargs["links"] = citation_links(self.citations())
        papers = self.papers
        if kwargs.get("color") == "date":
            dates = paper_dates(papers)[0]
            papers = papers.assign(date=dates.dt.year + (dates.dt.day_of_year - 1) / 365.25)
        return map_figure(papers, self.summaries, **kwargs)

    def place(self, corpus: pd.DataFrame, *, embedder: Embedder | None = None,
              show_progress: bool | None = None) -> PaperMap:
        """A new map with the papers of ``corpus`` placed onto this one, nothing here moved
        or renamed (see :mod:`paperviz.place`). Papers already on the map (same
        ``paper_id``) are not added twice. The placement report (how many were placed
        weakly or far from every paper, whether a rebuild is due and why) is
        ``result.placement`` and is added to ``params["placements"]``; a due rebuild also
        warns."""
        embedder = embedder or self._embedder
        data, report = place_papers(self, corpus, embedder=embedder,
                                    show_progress=show_progress)
        result = PaperMap.of(data, embedder)
        result.placement = report
        if report["rebuild_due"]:
            warnings.warn(report["message"], stacklevel=2)
        return result

    def rebuild(self, *, embedder: Embedder | None = None, cache_dir: str | Path | None = None,
                **option_values) -> tuple[PaperMap, pd.DataFrame]:
        """Build the map again on all its papers (placed ones included), with the same
        model, backend, token budget and options (sizes the user gave kept, those that
        follow the corpus size resolved again; ``option_values`` change any), the library's
        papers still marked, and say where each old area went: returns ``(new map, crosswalk)`` (see
        :func:`paperviz.place.crosswalk`)."""
        corpus = self.papers.drop(columns=[c for c in MAP_COLUMNS if c in self.papers])
        options = replace(self.options.asked, **option_values)
        if embedder is None:
            embedder = self._same_embedder(cache_dir=cache_dir,
                                           max_tokens=options.max_tokens or self.max_tokens)
            options = replace(options, max_tokens=None)  # the embedder's budget
        new = build_map(corpus, options, embedder=embedder, cache_dir=cache_dir)
        if "in_library" in self.papers:  # the library's papers are all on the new map
            mine = set(self.papers.loc[self.papers["in_library"].astype("boolean")
                                       .fillna(False).to_numpy(dtype=bool), "paper_id"])
            new.papers["in_library"] = new.papers["paper_id"].isin(mine)
            new.params["library"] = self.params.get("library")
        return new, crosswalk(self.papers, new.papers)

    def trends(self, freq: str = "M", level: str = "area",
               date_column: str | None = None) -> pd.DataFrame:
        """Papers and share per period and area (see :func:`paperviz.explore.trends`)."""
        return trends(self.papers, level=level, freq=freq, date_column=date_column)

    def emerging(self, level: str = "area", split=None,
                 date_column: str | None = None) -> pd.DataFrame:
        """Areas ranked by the change of their share over time, with a 95% interval (see
        :func:`paperviz.explore.emerging`)."""
        return emerging(self.papers, level=level, split=split, date_column=date_column)

    def trend_figures(self, freq: str = "M", level: str = "area") -> dict:
        """``stacked`` and ``small`` (shares over time per area) and ``emerging`` (the
        fastest growing and shrinking areas of ``level``)."""
        table = self.trends(freq=freq, level=level)
        return {"stacked": trend_lines(table, kind="stacked"),
                "small": trend_lines(table, kind="small"),
                "emerging": emerging_bars(self.emerging(level=level))}

    def _row(self, paper: str | int) -> int:
        """Row position of a paper given by ``paper_id`` (or by position)."""
        if isinstance(paper, str):
            hits = np.flatnonzero(self.papers["paper_id"].to_numpy() == paper)
            if not len(hits):
                raise KeyError(f"no paper with paper_id {paper!r}.")
            return int(hits[0])
        if not 0 <= int(paper) < len(self.papers):
            raise IndexError(f"row {paper} is outside 0..{len(self.papers) - 1}.")
        return int(paper)

    def similar(self, paper: str | int, k: int = 10) -> pd.DataFrame:
        """The ``k`` papers most similar to one paper (its ``paper_id`` or row number)."""
        row = self._row(paper)
        return nearest_papers(self.papers, self.embeddings, self.embeddings[row], k,
                              exclude=row)

    def search(self, query: str, k: int = 10) -> pd.DataFrame:
        """The ``k`` papers closest in meaning to ``query``, embedded with the map's model."""
        if not str(query).strip():
            raise ValueError("search needs a non-empty query.")
        if self._embedder is None:
            self._embedder = self._same_embedder(use_cache=False, show_progress=False)
            say(f"Loading {self._embedder.model_name} for search (the first search only) …")
        vector = self._embedder.encode([str(query)])[0]
        return nearest_papers(self.papers, self.embeddings, vector, k)

    def compare(self, first: str | int, second: str | int, level: str | None = None,
                n: int = 10):
        """Phrases that set two areas apart (see :func:`paperviz.explore.compare_areas`);
        each area by its name or number (see :meth:`area_of`), both of one level."""
        (one, a), (two, b) = self.area_of(first, level), self.area_of(second, level)
        if one != two:
            raise ValueError(f"{first!r} is a {one} and {second!r} a {two}: compare two "
                             "areas of one level.")
        return compare_areas(self.papers, a, b, level=one, n=n)

    def recluster(self, area: str | int, *, resolution: float = 1.0,
                  n_areas: int | None = None, graph_neighbors: int | None = None,
                  level: str | None = None) -> pd.DataFrame:
        """Split one area again, on its own papers' neighbour graph, into finer areas.

        Returns the area's papers with ``finer`` (numbered by size) and ``finer_name``;
        raise ``resolution`` for more, smaller pieces, or ask for ``n_areas`` of them. The
        map's other options (its method, its seed) are kept; the graph has
        ``graph_neighbors`` per paper and the smallest piece the size the defaults give for
        the area's size (see :class:`paperviz.MapOptions`)."""
        level, area = self.area_of(area, level)
        return recluster(self, area, resolution=resolution, n_areas=n_areas,
                         graph_neighbors=graph_neighbors, level=level)

    def widget(self, **kwargs):
        """The map as a ``plotly.graph_objects.FigureWidget``: box or lasso selections in
        the notebook become :meth:`selection`."""
        import plotly.graph_objects as go

        fig = go.FigureWidget(self.figure(**kwargs))

        def remember(trace, points, selector):
            # each trace reports its own points: replace this trace's share of the selection
            mine = set() if trace.ids is None else set(trace.ids)
            others = [p for p in self._selected if p not in mine]
            self._selected[:] = others + [trace.ids[i] for i in points.point_inds]

        for trace in fig.data:
            if trace.meta == "papers":
                trace.on_selection(remember)
        return fig

    def selection(self) -> pd.DataFrame:
        """The papers selected in the last :meth:`widget` (empty before any selection)."""
        chosen = set(self._selected)
        return self.papers[self.papers["paper_id"].astype(str).isin(chosen)]

    def papers_of(self, papers=None, *, areas=None, level: str | None = None) -> pd.DataFrame:
        """The map's rows of ``papers`` (None: all; a list of ``paper_id``; or a DataFrame
        with a ``paper_id`` column: a selection, a search's result, in their order), kept to
        those in ``areas`` (numbers, or names, of ``level``; names are looked up on every
        level when no level is given). Raises a ValueError naming what was not found."""
        rows = self.papers
        if papers is not None:
            ids = (papers["paper_id"] if isinstance(papers, pd.DataFrame) else pd.Series(
                [papers] if isinstance(papers, str) else list(papers))).astype(str)
            row_of = pd.Series(np.arange(len(rows)), index=rows["paper_id"].astype(str))
            unknown = sorted(set(ids) - set(row_of.index))
            if unknown:
                raise ValueError(f"{len(unknown)} paper_id not on the map, e.g. {unknown[0]!r}.")
            rows = rows.iloc[row_of[ids.drop_duplicates()].to_numpy()]
        if areas is not None:
            one = isinstance(areas, (str, numbers.Integral))  # numpy's integers too
            rows = rows[self._in_areas(rows, [areas] if one else list(areas), level)]
        return rows

    def _in_areas(self, rows: pd.DataFrame, areas: list, level: str | None) -> pd.Series:
        """Whether each of ``rows`` lies in one of ``areas`` (see :meth:`papers_of`)."""
        levels = [level] if level else self.levels
        everyone = self.papers
        keep = pd.Series(False, index=everyone.index)
        for wanted in areas:
            hit = pd.Series(False, index=everyone.index)
            for name in levels:
                if isinstance(wanted, numbers.Integral) or str(wanted).isdigit():
                    if level or name == "area":  # a bare number is an area's
                        hit |= everyone[name] == int(wanted)
                else:
                    hit |= everyone[f"{name}_name"].str.lower() == str(wanted).strip().lower()
            if not hit.any():
                self.area_of(wanted, level)  # raises, naming the nearest names
            keep |= hit
        return keep.loc[rows.index]

    def suggest(self, k: int = 5, near: int = 3, area: str | int | None = None,
                level: str | None = None) -> pd.DataFrame:
        """Per area, the ``k`` papers nearest the library that are not in it, each with the
        ``near`` library papers it is closest to (see :func:`paperviz.library.suggest`);
        with ``area`` (a name or number of any level), that area's only."""
        table = suggest(self.papers, self.embeddings, k=k, near=near)
        report = self.params.get("library") or {}
        if report.get("far"):
            table.attrs["far"] = (
                f"{report['far']} of the library's {report['library_papers']} papers are far "
                "from every paper of this map (in no area): it covers little of their "
                f"field. The suggestions' median similarity to the library is "
                f"{table['similarity'].median():.2f}, where a paper of the map and its "
                f"nearest neighbour have {self._typical_similarity():.2f}")
            warnings.warn(table.attrs["far"], stacklevel=2)
        if area is not None:
            level, number = self.area_of(area, level)
            inside = set(self.papers.loc[self.papers[level] == number, "paper_id"])
            table = table[table["paper_id"].isin(inside)]
        return table

    def _typical_similarity(self) -> float:
        """The median similarity of a built paper to its nearest other (on up to 2,000)."""
        built = ~self.papers.get("placed", pd.Series(False, index=self.papers.index)
                                 ).astype("boolean").fillna(False).to_numpy(dtype=bool)
        base = np.asarray(self.embeddings)[built]
        sample = np.random.default_rng(0).permutation(len(base))[:2000]
        return float(np.median(neighbors_among(base[sample], base, 2)[1][:, 1]))

    def save_figure(self, path: str | Path, *, level: str | None = None, width: float = 10.0,
                    title: str | None = None) -> Path:
        """A static picture of the map for a paper or a talk, PNG, SVG or PDF by the
        extension: every area of ``level`` (default: the top level) named without overlap,
        leader lines where a name moved off its area, density shading per area, a title
        (see :func:`paperviz.show.map_picture`)."""
        figure = map_picture(self.papers, self.summaries, level=level, width=width,
                             title=title)
        return save_picture(figure, path)

    def export(self, papers, path: str | Path) -> Path:
        """Write papers to ``path``: BibTeX (``.bib``), RIS (``.ris``), CSL-JSON (``.json``)
        or CSV (``.csv``), for Zotero and other reference managers (see
        :mod:`paperviz.export`). ``papers``: None (all), ids, a selection, a search's
        result, or ``pmap.papers_of(areas=...)``."""
        return export_papers(self.papers_of(papers), path)

    def citations(self) -> Citations:
        """The works the map's papers cite, each once however it is spelled (see
        :func:`paperviz.citations.resolve_references`): resolved at the first call, kept."""
        if self._citations is None or self._citations.matrix.shape[0] != len(self.papers):
            self._citations = map_citations(self)
        return self._citations

    def cited(self, area: str | int | None = None, level: str | None = None,
              k: int = 10) -> pd.DataFrame:
        """The ``k`` works ``area``'s papers cite most (a name or number of any level, see
        :meth:`area_of`; None: the whole map), a row a work: ``reference``, ``citing``,
        ``share``, ``lift`` over the whole map, ``doi``, ``year`` and ``paper_id`` where
        the cited work is itself on the map."""
        return cited_by_area(self, self.citations(), area, level, k)

    def coupling(self, level: str = "area", kind: str = "coupling") -> pd.DataFrame:
        """Area by area (named), how much they draw on the same works (``"coupling"``:
        bibliographic coupling) or are cited together (``"cocitation"``), from 0 to 1 (see
        :func:`paperviz.citations.area_links`); :meth:`coupling_figure` draws it."""
        return area_coupling(self, self.citations(), level, kind)

    def coupling_figure(self, level: str = "area", kind: str = "coupling"):
        """:meth:`coupling` as a heatmap."""
        return link_heatmap(self.coupling(level, kind), kind)

    def people(self, area: str | int | None = None, by: str = "author",
               level: str | None = None, k: int = 10) -> pd.DataFrame:
        """The ``k`` leading authors, institutions or countries (``by``) of ``area`` (a
        name or number of any level; None: the whole map): one row each, its name first,
        then ``papers``, ``share`` of the area's papers, ``lift`` over the whole map, and
        ``cited_by`` (summed) where the corpus gives times cited."""
        return people_of(self, area, by, level, k)

    def figures(self) -> dict:
        """Companion figures: ``sizes``, ``similarity``, ``hierarchy`` (plotly figures)."""
        return {
            "sizes": area_sizes(self.summaries),
            "similarity": similarity_heatmap(self),
            "hierarchy": hierarchy(self.summaries),
        }

    def key_phrases(self, area: str | int, level: str | None = None):
        """Bars of one area's key phrases (by its name or number, see :meth:`area_of`) and
        how many of its papers use each."""
        level, area = self.area_of(area, level)
        return key_phrase_bars(self.summaries, self.papers, area, level)

    def quality(self, **kwargs) -> pd.DataFrame:
        """Internal quality and stability of the areas (see :func:`paperviz.quality_report`)."""
        return quality_report(self, **kwargs)

    def cards(self, level: str = "area", areas=None):
        """The summaries of ``level`` as cards: rendered in notebooks, plain text when
        printed. ``areas``: one name or number, or a list, of any level (their own level's
        cards)."""
        if areas is None:
            return summary_cards(self.summaries, level)
        one = isinstance(areas, (str, numbers.Integral))
        wanted = [self.area_of(a) for a in ([areas] if one else areas)]
        rows = [(self.summaries["level"] == lv) & (self.summaries["area"] == n)
                for lv, n in wanted]
        return summary_cards(self.summaries[np.logical_or.reduce(rows)], None)

    def markdown(self) -> str:
        """All summaries, every level, as Markdown."""
        return summaries_markdown(self.summaries)

    def areas_table(self, level: str | None = "area") -> pd.DataFrame:
        """Summaries of one level (one of :attr:`levels`, or None for all), for reading:
        list columns joined into text."""
        return areas_table(self.summaries, level)

    def _same_embedder(self, **kwargs) -> Embedder:
        """A new embedder that makes vectors as this map's were: model, backend, budget."""
        kwargs.setdefault("max_tokens", self.max_tokens)
        return Embedder(self.params.get("model_name", DEFAULT_MODEL),
                        backend=self.params.get("backend", "auto"), **kwargs)

    def save(self, folder: str | Path, *, include_plotlyjs: bool | str = True) -> Path:
        """Write ``map.html`` (standalone, no network needed), the summaries (``areas.csv``,
        ``subareas.csv``, ``areas.md``, ``areas.html``) and the data (``papers.parquet``,
        ``summaries.parquet``, ``embeddings.npy``, ``params.json``); see
        :mod:`paperviz.saved`."""
        written = write_map(folder, self.papers, self.summaries, self.embeddings,
                            self.params, include_plotlyjs=include_plotlyjs)
        self._folder = Path(written).parent
        return written

    @classmethod
    def load(cls, folder: str | Path) -> PaperMap:
        """Read a map written by :meth:`save`, without recomputing anything."""
        pmap = cls(**read_map(folder))
        pmap._folder = Path(folder)
        return pmap


def build_map(
    corpus: pd.DataFrame,
    options: MapOptions | None = None,
    *,
    model: str | None = None,
    embedder: Embedder | None = None,
    cache_dir: str | Path | None = None,
    namer: Namer | None = None,
    client=None,
    show_progress: bool | None = None,
    timings: dict | None = None,
    embeddings: np.ndarray | None = None,
    library: pd.DataFrame | str | Path | None = None,
    **option_values,
) -> PaperMap:
    """Embed, lay out, find areas and sub-areas (and fields and topics where the corpus is
    large enough: see :mod:`paperviz.levels`), and describe ``corpus``; the stages are
    those of :mod:`paperviz.pipeline`.

    Parameters
    ----------
    corpus
        As returned by :func:`paperviz.load_corpus` (``paper_id``, ``title``, ``abstract``,
        ``text``).
    options
        A :class:`paperviz.MapOptions`: how the map is built (the text column, the area
        method, graph neighbours, resolution, ``n_areas``, sizes, the seed). Any of its
        fields can also be given by name (``build_map(corpus, n_areas=10)``), over
        ``options``. Resolved once for the corpus's size; the result's ``options`` holds
        the resolved values and, as ``options.asked``, what was given (both are saved in
        ``params.json``).
    model, embedder, cache_dir
        The sentence-transformers model (default: the bundled all-MiniLM-L6-v2) and its
        cache folder, or a ready :class:`Embedder` (then not ``model`` nor ``cache_dir``
        that disagree with it: that is an error).
    namer
        Optional ``namer(key_phrases, representative_titles) -> name`` (e.g. a language
        model call); see :func:`paperviz.describe.describe_levels`. None by default: nothing
        leaves the machine.
    client
        A ``dask.distributed.Client`` or scheduler address: embedding runs on its workers
        (see :class:`paperviz.Embedder`).
    timings
        A dict that receives each stage's seconds.
    embeddings
        The papers' vectors, one row per paper in ``corpus`` order, made with the model of
        ``embedder`` (or ``model``): nothing is embedded. For vectors computed elsewhere,
        or simulated ones (``benchmarks/scale.py --simulate``).
    library
        The researcher's own papers (a corpus, or a file or folder ``load_corpus`` reads, such
        as a Zotero export): those of the corpus get ``in_library=True``, the others are
        placed onto the map and marked too (see :mod:`paperviz.library`); what matched and
        what was placed is ``params["library"]``.

    The result does not depend on the row order: papers are processed in the order of their
    text's hash, and returned in input order.
    """
    known = set(MapOptions.__dataclass_fields__) - {"asked"}
    unknown = sorted(set(option_values) - known)
    if unknown:
        raise TypeError(f"build_map got unknown options {unknown}; see paperviz.MapOptions "
                        f"for the options: {sorted(known)}.")
    data, embedder = build(corpus, replace(options or MapOptions(), **option_values),
                           embedder=embedder, model=model, cache_dir=cache_dir,
                           client=client, show_progress=show_progress, namer=namer,
                           embeddings=embeddings, library=library, timings=timings)
    # search and placement reuse the same model, cache and built models (not a cluster's)
    return PaperMap.of(data, embedder if embedder.client is None else None)
