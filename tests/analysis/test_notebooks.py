"""The notebooks: numbered in reading order, and the comparison notebook's code types no number
of its own (every one comes from the data through the analysis modules)."""

import ast
import json

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_are_ordered_and_named():
    assert NOTEBOOKS, "no notebooks found"
    names = [path.name for path in NOTEBOOKS]
    for index, name in enumerate(names, start=1):
        assert name.startswith(f"{index:02d}_"), f"{name}: expected the prefix {index:02d}_"
        assert "Untitled" not in name and "-Copy" not in name


def _compare_notebook():
    notebook = json.loads((ROOT / "notebooks" / "02_compare_totals.ipynb").read_text("utf-8"))
    return notebook, [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_notebook_types_no_numbers_and_defines_no_helpers():
    _, cells = _compare_notebook()
    assert cells
    for cell in cells:
        tree = ast.parse("".join(cell["source"]))
        numbers = [n.value for n in ast.walk(tree)
                   if isinstance(n, ast.Constant) and type(n.value) in (int, float)]  # fmt: skip
        assert numbers == [], f"cell {cell['id']} types {numbers}"
        assert not any(isinstance(n, ast.FunctionDef | ast.Lambda) for n in ast.walk(tree))


def test_notebook_sections():
    notebook, _ = _compare_notebook()
    headings = [
        line
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if line.startswith("#")
    ]
    assert sum(h.startswith("# ") for h in headings) == 1
    assert len([h for h in headings if h.startswith("## ")]) == 5
    assert [c["id"] for c in notebook["cells"]] == [
        f"c{i:02d}" for i in range(1, len(notebook["cells"]) + 1)
    ]


def test_notebooks_import_the_analysis_stage_not_the_report_s():
    """What a notebook runs is analysis; the report's own modules (publish) never run in it."""
    for path in NOTEBOOKS:
        code = "\n".join(
            "".join(c["source"])
            for c in json.loads(path.read_text("utf-8"))["cells"]
            if c["cell_type"] == "code"
        )
        modules = set()
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules.add(node.module)
            elif isinstance(node, ast.Import):
                modules |= {alias.name for alias in node.names}
        ours = {m for m in modules if m.split(".")[0] == "eastwest"}
        assert ours, path.name
        assert not {m for m in ours if m.startswith("eastwest.publish")}, path.name
