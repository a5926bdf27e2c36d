"""Re-execution is decided by content: what the key covers, the records, the Markdown merge."""

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from eastwest import cache, execute

KERNELSPEC = {"name": "eastwest", "display_name": "Python 3 (eastwest)", "language": "python"}


def _notebook(markdown: str, code: str, tags: list[str] | None = None) -> dict:
    cells = [
        new_markdown_cell(f"# Title\n\n{markdown}"),
        new_code_cell(code, metadata={"tags": tags} if tags else {}),
        new_markdown_cell("The end."),
    ]
    for i, cell in enumerate(cells):
        cell.id = f"cell-{i}"  # fixed ids, as a notebook in git has
    return json.loads(
        nbformat.writes(new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC}))
    )


def test_markdown_is_not_part_of_the_key():
    before = execute.execution_key(_notebook("Old text.", "x = 1"), {})
    assert execute.execution_key(_notebook("New text, 新的.", "x = 1"), {}) == before


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
    before = execute.execution_key(notebook, {})
    change(notebook)
    assert execute.execution_key(notebook, {}) != before


def test_an_input_file_is_part_of_the_key():
    notebook = _notebook("Text.", "x = 1")
    assert execute.execution_key(notebook, {"data/a.csv": "1"}) != execute.execution_key(
        notebook, {"data/a.csv": "2"}
    )


def test_the_package_modules_a_notebook_imports_are_found_through_each_other():
    src = Path(cache.__file__).parent
    found = {p.name for p in cache.package_imports("from eastwest import indicators\nimport os")}
    # indicators imports quantities (read in its source, not copied from the function's result)
    assert "quantities" in (src / "indicators.py").read_text(encoding="utf-8")
    assert {"indicators.py", "quantities.py", "__init__.py"} <= found
    assert "report.py" not in found and "execute.py" not in found
    nested = cache.package_imports("def f():\n    import eastwest.tables as t\n    return t")
    assert src / "tables.py" in nested


def test_a_record_holds_only_while_the_outputs_keep_their_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "ROOT", tmp_path)
    monkeypatch.setattr(cache, "KEYS", tmp_path / "report" / "keys")
    (tmp_path / "in.csv").write_text("a\n1\n")
    out = tmp_path / "out.txt"
    out.write_text("result")
    inputs = cache.digests([tmp_path / "in.csv"])
    assert list(inputs) == ["in.csv"]  # relative: the same record on every machine
    key = cache.key_of(inputs=inputs)
    assert not cache.up_to_date("step", key)
    cache.save("step", key, inputs, [out])
    assert cache.up_to_date("step", key)
    assert not cache.up_to_date("step", cache.key_of(inputs={"in.csv": "other"}))
    out.write_text("edited by hand")
    assert not cache.up_to_date("step", key)
    out.unlink()
    assert not cache.up_to_date("step", key)


@pytest.mark.slow
def test_merged_markdown_gives_the_bytes_of_a_full_run(tmp_path, monkeypatch):
    """Runs the project's kernel twice on a two-line notebook (a few seconds)."""
    monkeypatch.setattr(execute, "ROOT", tmp_path)
    written = tmp_path / "written.txt"
    code = (
        f"from eastwest.atomic import write_text\nwrite_text({str(written)!r}, 'x')\nprint(6 * 7)"
    )
    first, second = tmp_path / "first.ipynb", tmp_path / "second.ipynb"
    first.write_text(json.dumps(_notebook("Old text.", code)), encoding="utf-8")
    second.write_text(json.dumps(_notebook("New text, 新的.", code)), encoding="utf-8")

    ran_first, files = execute.execute(first)
    assert files == [written], "the files the kernel wrote through eastwest.atomic are known"
    executed_first = tmp_path / "executed_first.ipynb"
    executed_first.write_text(ran_first, encoding="utf-8")
    ran_second, _ = execute.execute(second)

    assert "42" in ran_second and "New text" in ran_second
    assert execute.merged(second, executed_first) == ran_second


def test_merge_refuses_an_executed_copy_of_other_code(tmp_path):
    source, executed = tmp_path / "source.ipynb", tmp_path / "executed.ipynb"
    source.write_text(json.dumps(_notebook("Text.", "x = 1")), encoding="utf-8")
    executed.write_text(json.dumps(_notebook("Text.", "x = 2")), encoding="utf-8")
    with pytest.raises(ValueError, match="does not hold the code"):
        execute.merged(source, executed)
