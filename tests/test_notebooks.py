"""Every notebook runs top to bottom with a kernel from this environment, and is committed clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _execute(path: Path) -> dict:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    # "python3" is the kernel of the interpreter running the tests, i.e. the project's venv
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, failing the test, when any cell errors
    return notebook


def test_the_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"explorer.ipynb", "sparql-cookbook.ipynb", "timeline.ipynb",
                                          "event-data.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: stale output"
    assert "widgets" not in notebook["metadata"], f"{path.name}: saved widget state"


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name != "explorer.ipynb"], ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, store_copy, monkeypatch):
    monkeypatch.setenv("KB_STORE", str(store_copy))
    notebook = _execute(path)
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


@pytest.mark.slow
def test_explorer_notebook_builds_an_empty_store_from_data_and_shows_the_explorer(tmp_path, monkeypatch):
    store = tmp_path / "kb-store"
    monkeypatch.setenv("KB_STORE", str(store))
    checkout_store = ROOT / "kb-store"
    existed = checkout_store.exists()
    notebook = _execute(ROOT / "notebooks" / "explorer.ipynb")
    outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
    text = "".join("".join(o.get("text", "")) for o in outputs if o.get("output_type") == "stream")
    assert "articles ingested" in text
    widget_views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert widget_views, "the explorer was not displayed"
    assert (store / "CURRENT").exists() or any(store.iterdir())
    assert checkout_store.exists() == existed, "the notebook wrote into the checkout"
