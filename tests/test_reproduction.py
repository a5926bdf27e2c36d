"""A clean rebuild in a scratch copy reproduces every committed output byte for byte.

The rebuild runs on a machine whose fontconfig offers other fonts under the outputs' font
names, so it also proves that no system font takes part. The copy holds the project's sources
only (no data/processed, figures or report) and borrows this checkout's environment; ``make
report`` must rebuild everything from them. The same copy then serves the build-graph tests:
no-op, one changed notebook, a notebook that raises.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import foreign_font_env

ROOT = Path(__file__).resolve().parents[1]
OUTPUT_DIRS = ("data/processed", "figures", "report")
VENV = ROOT / ".venv"

pytestmark = pytest.mark.slow


def project_files(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    return sorted(name for name in listed if name and (root / name).is_file())


def is_output(name: str) -> bool:
    return any(name == d or name.startswith(d + "/") for d in OUTPUT_DIRS)


def make(copy: Path, *args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("EASTWEST_ROOT", "PYTHONPATH")}
    env |= extra_env or {}
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={VENV}", *args],
        cwd=copy, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    copy = tmp_path_factory.mktemp("rebuild")
    for name in project_files(ROOT):
        if not is_output(name):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            # copy2 keeps the modification times, so the borrowed environment stays current.
            shutil.copy2(ROOT / name, copy / name)
    # On a machine whose fontconfig offers other files under the fonts' names (see conftest).
    foreign = foreign_font_env(tmp_path_factory.mktemp("foreign-fonts"))
    return copy, make(copy, "-j2", "report", extra_env=foreign)


def outputs_under(root: Path) -> dict[str, Path]:
    found = {}
    for folder in OUTPUT_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                found[str(path.relative_to(root))] = path
    return found


def test_rebuild_succeeds(rebuilt):
    _copy, result = rebuilt
    assert result.returncode == 0, result.stdout + result.stderr


def test_rebuild_reproduces_committed_outputs_byte_for_byte(rebuilt):
    copy, result = rebuilt
    assert result.returncode == 0, result.stderr
    committed, fresh = outputs_under(ROOT), outputs_under(copy)
    assert sorted(fresh) == sorted(committed), "the rebuild makes a different set of files"
    differing = [
        name for name in committed if committed[name].read_bytes() != fresh[name].read_bytes()
    ]
    assert differing == [], f"rebuilt outputs differ from the committed ones: {differing}"


def test_every_notebook_executed_without_error(rebuilt):
    copy, _result = rebuilt
    sources = sorted((copy / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sources
    for source in sources:
        executed = nbformat.read(copy / "report" / "notebooks" / source.name, as_version=4)
        code = [cell for cell in executed.cells if cell.cell_type == "code"]
        assert all(cell.execution_count for cell in code), f"{source.name} was not run"
        errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
        assert errors == [], f"{source.name}: {errors}"


def test_progress_is_one_line_per_step(rebuilt):
    copy, result = rebuilt
    steps = [line for line in result.stdout.splitlines() if line.strip()]
    notebooks = len(list((copy / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    # data, each notebook executed and rendered, the reader's HTML and PDF
    assert len(steps) == 2 * notebooks + 3, result.stdout
    assert all(line.startswith("[") for line in steps), result.stdout


def test_second_make_does_nothing(rebuilt):
    copy, _ = rebuilt
    result = make(copy, "report")
    assert result.returncode == 0
    assert not re.search(r"^\[\d+/\d+\]", result.stdout, re.MULTILINE), result.stdout


def progress_lines(result: subprocess.CompletedProcess) -> list[str]:
    return re.findall(r"^\[\d+/\d+\] .*$", result.stdout, re.MULTILINE)


def test_touched_notebooks_and_a_fresh_checkout_rerun_nothing(rebuilt):
    copy, _ = rebuilt
    before = {name: path.read_bytes() for name, path in outputs_under(copy).items()}
    for notebook in (copy / "notebooks").glob("*.ipynb"):
        os.utime(notebook)
    touched = make(copy, "report")
    assert touched.returncode == 0, touched.stderr
    assert progress_lines(touched) == [], touched.stdout
    # A fresh clone: git gives the outputs any time, here older than every source.
    for path in outputs_under(copy).values():
        os.utime(path, (0, 0))
    cloned = make(copy, "-j2", "report")
    assert cloned.returncode == 0, cloned.stderr
    assert progress_lines(cloned) == [], cloned.stdout
    after = {name: path.read_bytes() for name, path in outputs_under(copy).items()}
    assert after == before
    assert make(copy, "-q", "report").returncode == 0, "make sees everything up to date"


def test_notebook_that_raises_stops_the_build_and_keeps_earlier_outputs(rebuilt):
    copy, _ = rebuilt
    before = {name: path.read_bytes() for name, path in outputs_under(copy).items()}
    broken = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Broken"),
            nbformat.v4.new_code_cell("x = 1"),
            nbformat.v4.new_code_cell("raise ValueError('figure 42 is missing')"),
        ],
        metadata={"kernelspec": {"name": "eastwest", "display_name": "eastwest",
                                 "language": "python"}},
    )  # fmt: skip
    path = copy / "notebooks" / "99_broken.ipynb"
    path.write_text(json.dumps(nbformat.from_dict(broken)), encoding="utf-8")
    try:
        result = make(copy, "report")
    finally:
        path.unlink()
    assert result.returncode != 0
    assert "notebooks/99_broken.ipynb" in result.stderr
    assert "cell 3 of 3" in result.stderr
    assert "figure 42 is missing" in result.stderr
    after = {name: p.read_bytes() for name, p in outputs_under(copy).items()}
    assert after == before, "a failed notebook must leave every earlier output as it was"


def test_markdown_edit_merges_and_code_edit_reruns_only_its_notebook(rebuilt):
    """Last: it leaves the copy's outputs built from sources it has since restored."""
    copy, _ = rebuilt
    notebooks = sorted((copy / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    prose, code = notebooks[0], notebooks[-1]
    originals = {path: path.read_bytes() for path in (prose, code)}
    try:
        nb = nbformat.read(prose, as_version=4)
        cell = next(
            c
            for c in nb.cells
            if c.cell_type == "markdown" and "report-skip" not in c.metadata.get("tags", [])
        )
        cell.source += "\n\nA sentence added to the Markdown only."
        nbformat.write(nb, prose)
        nb = nbformat.read(code, as_version=4)
        cell = next(c for c in nb.cells if c.cell_type == "code")
        cell.source += "\nunused_name = None"
        nbformat.write(nb, code)
        result = make(copy, "report")
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    assert result.returncode == 0, result.stderr
    lines = progress_lines(result)
    executed = [line for line in lines if " execute " in line]
    assert len(executed) == 1 and f"notebooks/{code.name}" in executed[0], lines
    assert any(f"merge the Markdown of notebooks/{prose.name}" in line for line in lines), lines
    rendered = {line.split(" render ")[1] for line in lines if " render " in line}
    assert rendered == {
        f"report/notebooks/{prose.stem}.html",
        f"report/notebooks/{code.stem}.html",
        "report/report.html",
        "report/report.pdf",
    }, lines
    merged = (copy / "report" / "notebooks" / prose.name).read_text(encoding="utf-8")
    assert "A sentence added to the Markdown only." in merged
    assert "A sentence added" in (copy / "report" / "report.html").read_text(encoding="utf-8")
