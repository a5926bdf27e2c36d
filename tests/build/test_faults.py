"""Faults on a copy that holds the committed outputs: nothing committed is lost, nothing stray left.

Each test copies the project with its outputs, dated so that make finds everything up to date,
then refuses an input or interrupts a step, and compares every file with what it was. The
messages of each refusal are tested where they are raised (tests/clean, tests/analysis); here
one of each kind goes through make.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from conftest import ROOT, as_in_a_terminal
from test_reproduction import VENV, is_output, make, project_files

pytestmark = pytest.mark.slow

# Sources older than every output, and each output older than the ones built from it.
SOURCES_TIME = 1_600_000_000
OUTPUT_TIMES = {"data/processed/": 1, "figures/": 2, "report/notebooks/": 2, "report/": 3}
WAIT_S = 600  # a bound on waiting for a step to start, not a timing being tested


def _output_time(name: str) -> int:
    step = next(s for prefix, s in OUTPUT_TIMES.items() if name.startswith(prefix))
    if name.startswith("report/notebooks/") and name.endswith(".html"):
        step = 3
    return SOURCES_TIME + 1000 * step


@pytest.fixture
def committed_copy(tmp_path) -> Path:
    copy = tmp_path / "project"
    for name in project_files(ROOT):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, copy / name)
        when = _output_time(name) if is_output(name) else SOURCES_TIME
        os.utime(copy / name, (when, when))
    assert make(copy, "-q", "report").returncode == 0, "the copy should be up to date"
    return copy


def every_file(root: Path) -> dict[str, bytes]:
    """Every file of the copy but Python's byte-code caches."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def stray_temporaries(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.tmp"))


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))


# --- a refused article --------------------------------------------------------------------


def _changed_figure(text: str) -> bytes:
    assert text.count("132.7亿元") == 1
    return text.replace("132.7亿元", "133.7亿元").encode("utf-8")


def test_refused_article_keeps_every_output(committed_copy):
    """A changed article (its other refusals, not UTF-8 or empty, take the same way: the data
    step's error, tested in tests/clean/test_article.py)."""
    article = committed_copy / "data" / "raw" / "article.txt"
    article.write_bytes(_changed_figure(article.read_text(encoding="utf-8")))
    before = every_file(committed_copy)

    result = make(committed_copy, "report")

    assert result.returncode != 0
    assert "error: data/raw/article.txt has changed" in result.stderr, result.stderr
    recorded = (ROOT / "data" / "raw" / "article.txt.sha256").read_text().split()[0]
    found = hashlib.sha256(article.read_bytes()).hexdigest()
    assert recorded in result.stderr and found in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "Deleting file" not in result.stderr, result.stderr
    assert changed_files(before, every_file(committed_copy)) == []
    assert stray_temporaries(committed_copy) == []


# --- a refused official total, read by a notebook ------------------------------------------


def test_refused_official_total_stops_its_notebook_and_keeps_every_output(committed_copy):
    path = committed_copy / "data" / "external" / "official_totals.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Line 2 is the first figure: a value written with 亿, as the newspaper prints it.
    assert lines[1].startswith("fiscal_aid,无偿捐资,5520000000,")
    lines[1] = lines[1].replace(",5520000000,", ",55.2亿,")
    path.write_text("".join(lines), encoding="utf-8")
    before = every_file(committed_copy)

    result = make(committed_copy, "report/notebooks/02_compare_totals.ipynb")

    assert result.returncode != 0
    assert "data/external/official_totals.csv line 2, column 'value'" in result.stderr
    assert "'55.2亿' is not a number; expected" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert changed_files(before, every_file(committed_copy)) == []
    assert stray_temporaries(committed_copy) == []


# --- a Makefile that misnames a notebook's outputs --------------------------------------------


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (
            ("labour_exchanges labour_income", "labour_exchanges"),
            "03_labour.ipynb wrote figures/labour_income.png, figures/labour_income.svg, "
            "which the Makefile does not list",
        ),
        (
            ("labour_income labour_training", "labour_income labour_training labour_extra"),
            "03_labour.ipynb did not write figures/labour_extra.png, figures/labour_extra.svg, "
            "which the Makefile lists",
        ),
    ],
    ids=["a file left out", "a file too many"],
)
def test_a_notebook_s_outputs_must_be_the_makefile_s(committed_copy, edit, said):
    """The Makefile names what each notebook writes: the step checks it against what the
    notebook wrote, and refuses a list that differs, writing no executed copy and no record."""
    makefile = committed_copy / "Makefile"
    text = makefile.read_text(encoding="utf-8")
    assert text.count(edit[0]) == 1
    makefile.write_text(text.replace(*edit), encoding="utf-8")
    executed = committed_copy / "report" / "notebooks" / "03_labour.ipynb"
    keep = {
        p: p.read_bytes()
        for p in (executed, executed.parent.parent / "keys" / f"{executed.name}.json")
    }

    result = make(committed_copy, "report/notebooks/03_labour.ipynb")

    assert result.returncode != 0
    assert said in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in keep} == keep
    assert stray_temporaries(committed_copy) == []


# --- an English sentence changed, its translation not ----------------------------------------


def test_a_changed_sentence_stops_the_build_until_its_translation_follows(committed_copy):
    """The drift gate: one sentence of notebook 03 changed, and make report stops, naming the
    notebook's cell and the sentence, before anything is made from it; put back, nothing runs."""
    notebook = committed_copy / "notebooks" / "03_labour.ipynb"
    original = notebook.read_bytes()
    nb = json.loads(original)
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown"
                and "report-skip" not in c["metadata"].get("tags", []))  # fmt: skip
    cell["source"] = ["# A changed title"]
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    before = every_file(committed_copy)

    result = make(committed_copy, "report")

    assert result.returncode != 0
    assert f"03_labour.ipynb {cell['id']}: “# A changed title”" in result.stderr, result.stderr
    assert "make catalogs" in result.stderr and "Traceback" not in result.stderr
    assert changed_files(before, every_file(committed_copy)) == []
    notebook.write_bytes(original)
    again = make(committed_copy, "report")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "", again.stdout


def _retranslate(catalog: Path, context: str, change) -> bytes:
    """Change the translation of the entry ``context`` with ``change``; the catalog's bytes as
    they were, to put back."""
    from babel.messages.pofile import read_po, write_po

    original = catalog.read_bytes()
    with catalog.open("rb") as handle:
        messages = read_po(handle)
    entry = next(m for m in messages if m.context == context)
    entry.string = change(entry.string)
    with catalog.open("wb") as handle:
        write_po(handle, messages, width=0)
    return original


def test_a_translation_that_loses_a_placeholder_stops_the_build(committed_copy):
    catalog = committed_copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "report.po"
    context = "analysis/findings.toml end_year.headline"
    before = every_file(committed_copy)
    original = _retranslate(catalog, context, lambda text: text.replace("{end}", "{ende}"))
    try:
        result = make(committed_copy, "report")
    finally:
        catalog.write_bytes(original)
    assert result.returncode != 0
    assert "a translation does not keep its numbers" in result.stderr, result.stderr
    assert f"the translation for {context}" in result.stderr, result.stderr
    assert "['ende']" in result.stderr and "['end']" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert changed_files(before, every_file(committed_copy)) == []


def test_a_changed_translation_of_the_markdown_renders_the_chinese_edition_only(committed_copy):
    catalog = committed_copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "report.po"
    notebook = json.loads((committed_copy / "notebooks" / "03_labour.ipynb").read_bytes())
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "markdown"
                and "report-skip" not in c["metadata"].get("tags", []))  # fmt: skip
    context = f"03_labour.ipynb {cell['id']}"
    before = every_file(committed_copy)
    original = _retranslate(catalog, context, lambda text: text + "（改）")
    try:
        result = make(committed_copy, "report")
        changed = changed_files(before, every_file(committed_copy))
    finally:
        catalog.write_bytes(original)
    assert result.returncode == 0, result.stderr
    assert "execute" not in result.stdout, result.stdout
    assert [line for line in result.stdout.splitlines() if line.startswith("render")] == [
        "render report/zh/report.html",
        "render report/zh/report.pdf",
    ], result.stdout
    outputs = [name for name in changed if not name.startswith(("locale/", "report/keys/"))]
    assert outputs == ["report/zh/report.html", "report/zh/report.pdf"], changed
    # Put back: the Chinese edition is rendered again, as committed.
    again = make(committed_copy, "report")
    assert again.returncode == 0, again.stderr
    assert changed_files(before, every_file(committed_copy)) == []


# --- interrupted builds ---------------------------------------------------------------------


def start_make(copy: Path, *args: str) -> subprocess.Popen:
    """make in a session of its own, so that a signal can reach it and its steps as Ctrl-C does."""
    env = {k: v for k, v in os.environ.items() if k not in ("EASTWEST_ROOT", "PYTHONPATH")}
    return subprocess.Popen(
        ["make", "--no-print-directory", f"VENV={VENV}", *args],
        cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=as_in_a_terminal,
    )  # fmt: skip


def group_processes(group: int) -> Iterator[tuple[int, str]]:
    """The processes of a process group with their command lines, each as soon as it is read."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group:
                cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                yield int(stat.parent.name), cmdline.decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue


def wait_until(condition, build: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if build.poll() is not None:
            out, err = build.communicate()
            pytest.fail(f"make ended before {what}:\n{out}\n{err}")
        if time.monotonic() > deadline:
            build.kill()
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def _signal(pid: int, sig: int) -> bool:
    """Send ``sig``; False if the process has ended already (a short step may end any time)."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return False
    return True


def interrupt(
    build: subprocess.Popen, how: str, held: Sequence[int] = (), group_stopped: bool = False
) -> subprocess.CompletedProcess:
    """Ctrl-C or a kill; the ``held`` processes (or, ``group_stopped``, the whole build, stopped
    by the caller) are stopped until the signal is sent, so that none can finish first, and
    meet it as they resume."""
    held = [pid for pid in held if _signal(pid, signal.SIGSTOP)]
    if how == "Ctrl-C":
        os.killpg(build.pid, signal.SIGINT)  # the terminal signals make and its steps
    else:
        build.send_signal(signal.SIGTERM)  # `kill` of make, which passes it on to its steps
    for pid in held:
        _signal(pid, signal.SIGCONT)
    if group_stopped:
        os.killpg(build.pid, signal.SIGCONT)
    out, err = build.communicate(timeout=WAIT_S)
    return subprocess.CompletedProcess(build.args, build.returncode, out, err)


def process_state(pid: int) -> str:
    """The state letter in /proc (R, S, T for stopped, Z...), or "" for a process gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def process_gone(pid: int) -> bool:
    return process_state(pid) in ("", "Z", "X")


def hold(group: int, command: str) -> list[int]:
    """Stop (SIGSTOP) the first process of ``group`` whose command line holds ``command`` as
    soon as it is read, not after the whole scan; its pid, or [] where none runs yet."""
    for pid, cmdline in group_processes(group):
        if command in cmdline:
            os.kill(pid, signal.SIGSTOP)
            return [pid]
    return []


def test_interrupt_during_the_data_step_keeps_its_outputs(committed_copy):
    """The data step writes three files as one group: none may be deleted by make."""
    # A newer codebook makes make run the step; without its record the step must do the work.
    os.utime(committed_copy / "data" / "codebook.csv")
    (committed_copy / "report" / "keys" / "data.json").unlink()
    before = every_file(committed_copy)
    build = start_make(committed_copy, "report")
    step: list[int] = []

    def data_step_held() -> bool:
        # Stopped the moment it is seen: the step takes half a second, and one that finished
        # before Ctrl-C would rewrite its record.
        step[:] = hold(build.pid, " -m eastwest.build.data ")
        return bool(step)

    wait_until(data_step_held, build, "the data step")
    # SIGSTOP lands as the process next runs: stopped, or it had ended just before.
    wait_until(lambda: process_state(step[0]) in ("T", "Z", ""), build, "the step to stop")
    assert process_state(step[0]) == "T", "the data step ended before it could be held"
    result = interrupt(build, "Ctrl-C", held=step)
    assert result.returncode != 0
    assert "Deleting file" not in result.stderr, result.stderr
    # No assertion on tracebacks here: held at any point, the step may be inside Python's own
    # start-up (the site module), where no program's handler exists yet.
    assert changed_files(before, every_file(committed_copy)) == []
    assert stray_temporaries(committed_copy) == []


WAITING_NOTEBOOK = """
import os, pathlib, time
pathlib.Path({marker!r}).write_text(str(os.getpid()))
time.sleep(600)
"""


@pytest.mark.parametrize("how", ["Ctrl-C", "kill"])
def test_interrupt_during_a_notebook(committed_copy, tmp_path, how):
    before = every_file(committed_copy)
    marker = tmp_path / "kernel.pid"
    notebook = committed_copy / "notebooks" / "05_waits.ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code", "execution_count": None, "id": "waits",
                        "metadata": {}, "outputs": [],
                        "source": WAITING_NOTEBOOK.format(marker=str(marker)),
                    }
                ],
                "metadata": {"kernelspec": {"name": "eastwest", "display_name": "eastwest",
                                            "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5,
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    build = start_make(committed_copy, "report")
    wait_until(lambda: marker.exists() and marker.read_text(), build, "the notebook's cell")

    result = interrupt(build, how)
    notebook.unlink()

    assert result.returncode != 0
    assert "Deleting file" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, "the stopped kernel's log is not shown"
    assert changed_files(before, every_file(committed_copy)) == []
    assert stray_temporaries(committed_copy) == []
    # The notebook's kernel does not outlive the build.
    kernel = int(marker.read_text())
    deadline = time.monotonic() + WAIT_S
    while not process_gone(kernel) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process_gone(kernel), f"kernel {kernel} still runs"
    # The next build finishes, and finds nothing left to do.
    after = make(committed_copy, "report")
    assert after.returncode == 0, after.stderr
    assert changed_files(before, every_file(committed_copy)) == []


@pytest.mark.parametrize(
    "stale",
    [["report.pdf"], ["report.html", "report.pdf"]],
    ids=["the PDF alone", "the HTML and the PDF"],
)
def test_interrupt_during_the_pdf_render(committed_copy, stale):
    committed = {name: (committed_copy / "report" / name).read_bytes() for name in stale}
    # Older than their sources, and without their records: they are rendered again.
    for name in stale:
        os.utime(committed_copy / "report" / name, (SOURCES_TIME - 1, SOURCES_TIME - 1))
        (committed_copy / "report" / "keys" / f"{name}.json").unlink()
    before = every_file(committed_copy)

    def rendering(build):
        """WeasyPrint has loaded Pango in the reader's step (nothing else needs Pango): the PDF
        is under way. The whole build is stopped the moment this is seen: on a loaded machine the
        short PDF could otherwise be finished, and its record written, before the signal
        arrives."""
        for pid, _ in group_processes(build.pid):
            try:
                if "libpango" in Path(f"/proc/{pid}/maps").read_text():
                    os.killpg(build.pid, signal.SIGSTOP)
                    return True
            except OSError:
                pass
        return False

    for how in ("kill", "Ctrl-C"):
        build = start_make(committed_copy, "report")
        wait_until(lambda build=build: rendering(build), build, "the PDF render")
        result = interrupt(build, how, group_stopped=True)
        assert result.returncode != 0, how
        assert "Deleting file" not in result.stderr, result.stderr
        assert "Traceback" not in result.stderr, (how, result.stderr)
        assert changed_files(before, every_file(committed_copy)) == [], how
        assert stray_temporaries(committed_copy) == [], how

    # They are left older than their sources and without records: the next make runs the step
    # (it is not up to date for make), and the step renders (nothing records it as current).
    # That a render gives the committed bytes is the clean rebuild's proof (test_reproduction).
    for name in stale:
        assert (committed_copy / "report" / name).read_bytes() == committed[name]
        assert not (committed_copy / "report" / "keys" / f"{name}.json").exists()
    assert make(committed_copy, "-q", "report").returncode != 0
    planned = make(committed_copy, "-n", "report")
    assert planned.returncode == 0, planned.stderr
    assert "-m eastwest.build.reader" in planned.stdout, planned.stdout
