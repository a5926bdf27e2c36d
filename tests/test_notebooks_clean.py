"""Notebooks in git carry no outputs, no execution counts and one kernel."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


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
    assert set(notebook["metadata"]) <= {"kernelspec", "language_info"}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: cell {cell['id']} has outputs"
            assert cell["execution_count"] is None, f"{path.name}: cell {cell['id']} has a count"
        assert set(cell["metadata"]) <= {"tags"}, f"{path.name}: cell {cell['id']} metadata"
