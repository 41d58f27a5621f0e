"""Execute each notebook top to bottom, as a user would, and check what it must show."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PLOTLY = "application/vnd.plotly.v1+json"


def _run(name: str) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in nb.cells:
        assert cell.get("outputs", []) == [], f"{name} is stored with outputs"
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def _outputs(nb, mime: str) -> list:
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if mime in o.get("data", {})]


def _tables(nb) -> list[str]:
    return [t for t in _outputs(nb, "text/html") if "<table" in t]


@pytest.mark.usefixtures("cache_dir")
def test_01_research_map():
    nb = _run("01_research_map.ipynb")
    assert _outputs(nb, PLOTLY), "no plotly figure was shown"
    assert any("key_phrases" in t and "representative_titles" in t for t in _tables(nb))
    assert any("Map written to" in "".join(o.get("text", "")) for c in nb.cells
               if c.cell_type == "code" for o in c.outputs)


@pytest.mark.usefixtures("cache_dir")
def test_02_cluster_summaries():
    nb = _run("02_cluster_summaries.ipynb")
    figures = _outputs(nb, PLOTLY)
    kinds = {trace["type"] for fig in figures for trace in fig["data"]}
    assert {"sunburst", "bar", "heatmap"} <= kinds
    assert any("pv-card" in t for t in _outputs(nb, "text/html"))
    tables = _tables(nb)
    assert any("stability across seeds" in t for t in tables)
    assert any("strength" in t for t in tables)


@pytest.mark.usefixtures("cache_dir")
def test_03_custom_analysis():
    nb = _run("03_custom_analysis.ipynb")
    assert len(_outputs(nb, PLOTLY)) >= 2
    tables = _tables(nb)
    assert any("similarity" in t for t in tables)
    assert any("log_odds" in t for t in tables)
    texts = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                    for o in c.outputs) + "".join(_outputs(nb, "text/plain"))
    assert "papers_with_areas.csv" in texts and "papers_with_areas.parquet" in texts


@pytest.mark.usefixtures("cache_dir")
def test_04_trends_and_new_papers():
    nb = _run("04_trends_and_new_papers.ipynb")
    figures = _outputs(nb, PLOTLY)
    assert len(figures) >= 5
    names = {trace.get("name", "") for fig in figures for trace in fig["data"]}
    assert any(name.startswith("placed later (") for name in names)
    texts = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                    for o in c.outputs)
    assert "300 papers before 2025-10-01, 100 from then on" in texts
    assert "placed 100 new papers" in texts
    tables = _tables(nb)
    assert any("share_before" in t and "trend" in t for t in tables)
    assert any("area_name_new" in t for t in tables)


@pytest.mark.usefixtures("cache_dir")
def test_05_reading_lists_and_your_library():
    nb = _run("05_reading_lists_and_your_library.ipynb")
    names = {trace.get("name", "") for fig in _outputs(nb, PLOTLY) for trace in fig["data"]}
    assert "your library (12)" in names
    texts = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                    for o in c.outputs)
    assert "12 library papers: 12 found on the map" in texts
    assert "@misc{" in texts or "@article{" in texts
    assert "TY  - " in texts and "same titles: True" in texts
    assert any("near_library" in t for t in _tables(nb))
    assert _outputs(nb, "image/png"), "no picture was shown"


@pytest.mark.usefixtures("cache_dir")
def test_06_citations_and_people():
    nb = _run("06_citations_and_people.ipynb")
    tables = _tables(nb)
    assert any("citing" in t and "lift" in t and "Richter HJ (2006)" in t for t in tables)
    assert any(">author<" in t and "papers" in t for t in tables)
    assert any(">country<" in t and "USA" in t for t in tables)
    assert any(">institution<" in t for t in tables)
    figures = _outputs(nb, PLOTLY)
    assert "heatmap" in {trace["type"] for fig in figures for trace in fig["data"]}
    assert any(trace.get("meta") == "links" for fig in figures for trace in fig["data"])
    assert any("Most cited" in t and "Countries" in t for t in _outputs(nb, "text/html"))
