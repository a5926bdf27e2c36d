"""Re-execution is decided by content: what the key covers, and the Markdown merge."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from eastwest.build import notebook as step

KERNELSPEC = {"name": "eastwest", "display_name": "Python 3 (eastwest)", "language": "python"}


def _notebook(markdown: str, code: str, tags: list[str] | None = None):
    cells = [
        new_markdown_cell(f"# Title\n\n{markdown}"),
        new_code_cell(code, metadata={"tags": tags} if tags else {}),
        new_markdown_cell("The end."),
    ]
    for i, cell in enumerate(cells):
        cell.id = f"cell-{i}"  # fixed ids, as a notebook in git has
    # As the step reads a notebook: nbformat's nodes, each source one string.
    notebook = new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC})
    return nbformat.reads(nbformat.writes(notebook), as_version=4)


def test_markdown_is_not_part_of_the_key():
    before = step.execution_key(_notebook("Old text.", "x = 1"), {})
    assert step.execution_key(_notebook("New text, 新的.", "x = 1"), {}) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda nb: nb["cells"][1].update(source="x = 2"),
        lambda nb: nb["cells"][1].update(metadata={"tags": ["raises-exception"]}),
        lambda nb: nb["metadata"]["kernelspec"].update(name="python3"),
    ],
    ids=["code", "cell tags", "kernel"],
)
def test_code_tags_and_kernel_are_part_of_the_key(change):
    notebook = _notebook("Text.", "x = 1")
    before = step.execution_key(notebook, {})
    change(notebook)
    assert step.execution_key(notebook, {}) != before


def test_an_input_file_is_part_of_the_key():
    notebook = _notebook("Text.", "x = 1")
    assert step.execution_key(notebook, {"data/a.csv": "1"}) != step.execution_key(
        notebook, {"data/a.csv": "2"}
    )


def test_the_code_s_inputs_are_the_modules_it_imports_and_the_chart_style():
    notebook = _notebook("Text.", "from eastwest.analysis import labour\n%matplotlib inline")
    names = {p.relative_to(p.parents[1]).as_posix() for p in step.code_inputs(notebook)}
    assert {"analysis/labour.py", "analysis/style.py", "analysis/eastwest.mplstyle"} <= names
    assert "clean/indicators.py" in names  # through labour's own imports
    assert not {name for name in names if name.startswith("publish/")}


@pytest.mark.slow
def test_merged_markdown_gives_the_bytes_of_a_full_run(tmp_path, monkeypatch):
    """Runs the project's kernel twice on a two-line notebook (a few seconds)."""
    monkeypatch.setattr(step, "ROOT", tmp_path)
    written = tmp_path / "written.txt"
    code = (
        f"from eastwest.atomic import write_text\nwrite_text({str(written)!r}, 'x')\nprint(6 * 7)"
    )
    first, second = tmp_path / "first.ipynb", tmp_path / "second.ipynb"
    first.write_text(json.dumps(_notebook("Old text.", code)), encoding="utf-8")
    second.write_text(json.dumps(_notebook("New text, 新的.", code)), encoding="utf-8")

    ran_first, wrote = step.execute(first)
    assert wrote == {written}, "the files the kernel wrote through atomic are known"
    executed_first = tmp_path / "executed_first.ipynb"
    executed_first.write_text(ran_first, encoding="utf-8")
    ran_second, _ = step.execute(second)

    assert "42" in ran_second and "New text" in ran_second
    assert step.merged(second, executed_first) == ran_second


def test_merge_refuses_an_executed_copy_of_other_code(tmp_path):
    source, executed = tmp_path / "source.ipynb", tmp_path / "executed.ipynb"
    source.write_text(json.dumps(_notebook("Text.", "x = 1")), encoding="utf-8")
    executed.write_text(json.dumps(_notebook("Text.", "x = 2")), encoding="utf-8")
    with pytest.raises(ValueError, match="does not hold the code"):
        step.merged(source, executed)


@pytest.mark.slow
def test_a_kernel_that_dies_stops_its_notebook_with_a_message(tmp_path):
    """The project's kernel, started and killed from inside (a few seconds)."""
    source = tmp_path / "dies.ipynb"
    source.write_text(json.dumps(_notebook("Text.", "import os\nos._exit(3)")), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"dies\.ipynb: the kernel died"):
        step.execute(source)
