"""Execute each notebook top to bottom, as a user would, and check what it must show."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _run(name: str, tmp_path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in nb.cells:
        assert cell.get("outputs", []) == [], f"{name} is stored with outputs"
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def _outputs(nb, mime: str) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if mime in o.get("data", {})]


@pytest.mark.usefixtures("cache_dir")
def test_research_map_notebook(tmp_path, monkeypatch):
    nb = _run("01_research_map.ipynb", tmp_path)
    assert _outputs(nb, "application/vnd.plotly.v1+json"), "no plotly figure was shown"
    tables = [o["data"]["text/html"] for o in _outputs(nb, "text/html")]
    assert any("key_phrases" in t and "representative_titles" in t for t in tables)
