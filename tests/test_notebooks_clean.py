"""Notebooks in git carry no outputs, no execution counts and one kernel."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
FIX = (
    "\nCommitted notebooks carry no outputs. `make env` sets up a git filter that strips them "
    "on commit; to clean the working copies too, run\n"
    "    .venv/bin/python -m eastwest.clean_notebook notebooks/*.ipynb"
)


def test_notebooks_are_ordered_and_named():
    assert NOTEBOOKS, "no notebooks found"
    names = [path.name for path in NOTEBOOKS]
    for index, name in enumerate(names, start=1):
        assert name.startswith(f"{index:02d}_"), f"{name}: expected the prefix {index:02d}_"
        assert "Untitled" not in name and "-Copy" not in name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "eastwest"
    assert set(notebook["metadata"]) <= {"kernelspec", "language_info"}, path.name + FIX
    # An editor's save adds the Python version it ran; the committed notebook names the language.
    assert set(notebook["metadata"].get("language_info", {})) <= {"name"}, path.name + FIX
    for cell in notebook["cells"]:
        where = f"{path.name}: cell {cell['id']}"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{where} has outputs{FIX}"
            assert cell["execution_count"] is None, f"{where} has an execution count{FIX}"
        assert set(cell["metadata"]) <= {"tags"}, f"{where} has editor metadata{FIX}"
