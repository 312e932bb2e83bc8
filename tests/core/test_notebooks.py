"""Every notebook executes from top to bottom at its quick size; any error is fatal.

A notebook's cell tagged ``parameters`` sets its sizes (``quick = False``); the test
inserts ``quick = True`` right after it, as papermill would. The kernel runs with
matplotlib's Agg backend, so figures are built but not rendered inline (rendering every
figure is ``test_figures``' job; inline rendering was half of the notebooks' time)."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT_S = 300


def at_quick_size(nb):
    """``nb`` with ``quick = True`` after its ``parameters`` cell (unchanged without one)."""
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            assert "quick = False" in cell.source, "a parameters cell sets quick = False"
            nb.cells.insert(i + 1, nbformat.v4.new_code_cell("quick = True"))
            break
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "agg")  # inherited by the kernel
    nb = at_quick_size(nbformat.read(path, as_version=4))
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert not errors


def test_quick_is_injected_after_the_parameters_cell():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("quick = False", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("n = 10 if quick else 1000")])
    assert [c.source for c in at_quick_size(nb).cells] == [
        "quick = False", "quick = True", "n = 10 if quick else 1000"]
