"""A clean rebuild in a scratch copy reproduces every committed output byte for byte.

The rebuild runs on a machine whose fontconfig offers other fonts under the outputs' font
names, so it also proves that no system font takes part; the control tests first show that
such a machine would change an unprotected PDF. The copy holds the project's sources only (no
data/processed, figures or report) and borrows this checkout's environment; ``make report``
must rebuild everything from them. The same copy then serves the build-graph tests: no-op,
touched sources, one changed notebook, a notebook that raises.

Being the one proof that a clean build gives the committed bytes, it is also why no other test
renders the report or compares two builds of a file: test_published.py reads the committed
PDF and HTML, tests/analysis/test_style.py the committed figures.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, foreign_font_env

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
def foreign(tmp_path_factory) -> dict[str, str]:
    """A machine whose fontconfig offers other files under the fonts' names (see conftest)."""
    return foreign_font_env(tmp_path_factory.mktemp("foreign-fonts"))


# --- the control: on that machine, an unprotected PDF would change ------------------------------


def test_the_foreign_machine_really_offers_other_fonts(foreign):
    # The condition is reproduced: fontconfig answers the family names with the foreign files.
    fc_match = shutil.which("fc-match")
    assert fc_match, "fontconfig's fc-match is needed to check the test's own setup"
    env = os.environ | foreign
    for family, wanted in (("Noto Sans CJK SC", ".ttc"), ("DejaVu Serif", "decoy-serif.ttf")):
        found = subprocess.run(
            [fc_match, "--format=%{file}", family], env=env, capture_output=True, text=True
        ).stdout
        assert found.endswith(wanted), (family, found)


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
body { font-family: "DejaVu Serif", serif; } .sans { font-family: "DejaVu Sans", sans-serif; }
</style></head><body><h1>East–West cooperation</h1>
<p>Fiscal aid of 13.27 billion yuan, nominal, 1996–2014.</p>
<p class="sans">6,643,000 person-times, −5 %</p></body></html>"""


def _drawn_with(data: bytes) -> set[str]:
    """The PostScript names of the font programs a PDF embeds: which files drew its text
    (the PDF's own font names follow the CSS family asked for, whichever file answered)."""
    import io

    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            font = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = font["/FontDescriptor"].get_object()
            program = next(descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile")
                           if k in descriptor)  # fmt: skip
            names.add(TTFont(io.BytesIO(program.get_object().get_data()))["name"].getDebugName(6))
    return names


def test_foreign_fonts_would_change_an_unprotected_pdf(foreign, monkeypatch):
    """Without the private fontconfig the decoy "DejaVu Serif" (DejaVu Sans Mono, under its
    PostScript name) is drawn: the rebuild below can fail on fonts. With it, the real one."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from eastwest.publish.pdf import render_pdf

    monkeypatch.setenv("FONTCONFIG_FILE", foreign["FONTCONFIG_FILE"])
    unprotected = _drawn_with(HTML(string=PAGE).write_pdf(font_config=FontConfiguration()))
    assert "DejaVuSansMono" in unprotected, unprotected
    protected = _drawn_with(render_pdf(PAGE))
    assert "DejaVuSansMono" not in protected and "DejaVuSerif" in protected, protected


# --- the rebuild ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory, foreign) -> tuple[Path, subprocess.CompletedProcess]:
    copy = tmp_path_factory.mktemp("rebuild")
    for name in project_files(ROOT):
        if not is_output(name):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            # copy2 keeps the modification times, so the borrowed environment stays current.
            shutil.copy2(ROOT / name, copy / name)
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
    # data, each notebook executed and rendered, each edition's HTML and PDF
    assert len(steps) == 2 * notebooks + 5, result.stdout


def test_second_make_does_nothing(rebuilt):
    copy, _ = rebuilt
    result = make(copy, "report")
    assert result.returncode == 0
    assert progress_lines(result) == [], result.stdout


def progress_lines(result: subprocess.CompletedProcess) -> list[str]:
    """The steps' lines: each says what it makes as it starts its work."""
    return re.findall(r"^(?:clean|execute|merge|render) .*$", result.stdout, re.MULTILINE)


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
            # Left out of the report, so that no translation need follow it (test_faults has that).
            nbformat.v4.new_markdown_cell("# Broken", metadata={"tags": ["report-skip"]}),
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
    # The code edit in the first notebook, which draws no chart: the quickest to run again.
    prose, code = notebooks[-1], notebooks[0]
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
        # As a writer does after changing a sentence: its translations get their entry first.
        catalogs = make(copy, "catalogs")
        assert catalogs.returncode == 0, catalogs.stderr
        result = make(copy, "-j2", "report")
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    assert result.returncode == 0, result.stderr
    lines = progress_lines(result)
    executed = [line for line in lines if line.startswith("execute ")]
    assert len(executed) == 1 and f"notebooks/{code.name}" in executed[0], lines
    assert any(f"merge the Markdown of notebooks/{prose.name}" in line for line in lines), lines
    rendered = {line.removeprefix("render ") for line in lines if line.startswith("render ")}
    assert rendered == {
        f"report/notebooks/{prose.stem}.html",
        f"report/notebooks/{code.stem}.html",
        "report/report.html",
        "report/report.pdf",
        "report/zh/report.html",
        "report/zh/report.pdf",
    }, lines
    merged = (copy / "report" / "notebooks" / prose.name).read_text(encoding="utf-8")
    assert "A sentence added to the Markdown only." in merged
    assert "A sentence added" in (copy / "report" / "report.html").read_text(encoding="utf-8")
    # Its translation waits for a translator: the Chinese edition shows the English meanwhile.
    chinese = (copy / "report" / "zh" / "report.html").read_text(encoding="utf-8")
    assert "A sentence added" in chinese
