"""Every notebook executes from top to bottom at its quick size; any error is fatal.

A notebook's cell tagged ``parameters`` sets its sizes (``quick = False``); the test
inserts ``quick = True`` right after it, as papermill would. The kernel runs with
matplotlib's Agg backend, so figures are built but not rendered inline (rendering every
figure is ``test_figures``' job; inline rendering was half of the notebooks' time).

The notebooks a test process runs share one kernel, each in a namespace emptied first
(``%reset -f``, every figure closed): a name a notebook uses without defining it still
fails, and the imports (about 6 s of a fresh kernel) are paid once per process."""

import os
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT_S = 300
FRESH = "%reset -f\nimport matplotlib.pyplot\nmatplotlib.pyplot.close(\"all\")\ndel matplotlib"


def at_quick_size(nb):
    """``nb`` with ``quick = True`` after its ``parameters`` cell (unchanged without one)."""
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            assert "quick = False" in cell.source, "a parameters cell sets quick = False"
            nb.cells.insert(i + 1, nbformat.v4.new_code_cell("quick = True"))
            break
    return nb


@pytest.fixture(scope="module")
def kernel():
    """One python3 kernel (Agg backend, started in ``notebooks/``) for this process."""
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(NOTEBOOKS[0].parent), env={**os.environ, "MPLBACKEND": "agg"})
    yield km
    km.shutdown_kernel(now=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, kernel):
    nb = at_quick_size(nbformat.read(path, as_version=4))
    nb.cells.insert(0, nbformat.v4.new_code_cell(FRESH))
    client = NotebookClient(nb, km=kernel, timeout=CELL_TIMEOUT_S)
    try:
        client.execute()
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert not errors


def test_a_shared_kernel_forgets_the_previous_notebook(kernel):
    """A name defined by one notebook is undefined in the next (the ``FRESH`` cell)."""
    first = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("leftover = 1")])
    NotebookClient(first, km=kernel).execute()
    second = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FRESH),
                                             nbformat.v4.new_code_cell("leftover")])
    with pytest.raises(Exception, match="NameError"):
        NotebookClient(second, km=kernel).execute()


def test_quick_is_injected_after_the_parameters_cell():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("quick = False", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("n = 10 if quick else 1000")])
    assert [c.source for c in at_quick_size(nb).cells] == [
        "quick = False", "quick = True", "n = 10 if quick else 1000"]
