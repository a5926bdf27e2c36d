"""Measure the build against doing it by hand and against Jupyter Book; write bench/results.md.

    python bench/run.py [--runs N | --quick] [--no-cold] [--no-profile] [--update-readme]

(``make bench`` runs it with the project's environment.) Every build happens in scratch copies
of the project's files in a temporary folder, never in this checkout, which others may be
building in. The copies borrow the environment this script runs in, except the setup
measurements, which create their own, and Jupyter Book, which gets a virtual environment of its
own in the scratch folder (it is not a dependency of the project). Each measurement is the
median of N runs (3 by default); results are compared as ratios within this one run, since
absolute seconds depend on the machine and its load. What runs inside the project's
interpreter is in ``bench/probes.py``.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eastwest.atomic import write_text  # whole or not at all, mode 644

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"
README = ROOT / "README.md"
README_MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")
OUTPUT_DIRS = ("data/processed", "figures", "report")
CHANGED_NOTEBOOK = "03_labour.ipynb"
COMMAND_TIMEOUT_S = 3600
ERROR_LINES = 12
MB = 1_000_000

# What the Makefile exports to every recipe; the by-hand baseline gets the same, so that the two
# differ only in how the steps are driven.
MAKE_EXPORTS = {
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
}
# Inherited from `make bench` (or a shell that ran the project), these would point the copies at
# this checkout's sources, or hand the inner makes the outer one's jobs and variables.
NOT_INHERITED = (
    "EASTWEST_ROOT",
    "PYTHONPATH",
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
    "MAKEOVERRIDES",
    "VIRTUAL_ENV",
    "UV_CACHE_DIR",
    "PIP_CACHE_DIR",
)


class Failed(Exception):
    """A command or check failed; the message carries the last lines of its output."""


@dataclass
class Result:
    name: str
    times: list[float] = field(default_factory=list)
    error: str | None = None
    note: str = ""
    executed: list[str] | None = None  # the notebooks the build log says it executed
    steps: list[str] = field(default_factory=list)  # build logs, with times

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.error else None


# ---------------------------------------------------------------------------------------------
# Running things


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(extra)
    return env


def project_env(copy: Path, venv: Path) -> dict[str, str]:
    """The environment a recipe sees in ``copy``, for the steps run without make."""
    return base_env(
        PYTHONPATH=str(copy / "src"),
        EASTWEST_ROOT=str(copy),
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        **MAKE_EXPORTS,
    )


# Kernels colour their tracebacks; the colours would be noise in results.md.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def tail(text: str, lines: int = ERROR_LINES) -> str:
    return "\n".join(ANSI_ESCAPE.sub("", text).strip().splitlines()[-lines:])


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    """Run ``cmd``; return its wall-clock seconds and output, or raise Failed.

    Each line of the output starts with the second it arrived at (``12.34 | ``), which times
    the steps of a build log; ``plain`` takes it off.
    """
    start = time.perf_counter()
    lines = []
    with subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        timer = threading.Timer(COMMAND_TIMEOUT_S, process.kill)
        timer.start()
        for line in process.stdout:
            lines.append(f"{time.perf_counter() - start:.2f} | {line}")
        timer.cancel()
    seconds = time.perf_counter() - start
    output = "".join(lines)
    if process.returncode != 0:
        what = "timed out" if seconds >= COMMAND_TIMEOUT_S else f"exited {process.returncode}"
        raise Failed(f"`{' '.join(cmd)}` {what}:\n{tail(plain(output))}")
    return seconds, output


def plain(output: str) -> str:
    return re.sub(r"^\d+\.\d+ \| ", "", output, flags=re.MULTILINE)


def step_durations(log: str, total: float) -> list[tuple[str, float]]:
    """Each progress line of a -j1 build log with the seconds until the next one (or the end)."""
    stamped = re.findall(r"^(\d+\.\d+) \| \[\d+/\d+\] (.*)$", log, re.MULTILINE)
    ends = [float(t) for t, _ in stamped[1:]] + [total]
    return [(what, end - float(t)) for (t, what), end in zip(stamped, ends, strict=True)]


def make_logged(copy: Path, venv: Path, *args: str) -> tuple[float, str]:
    """Time ``make`` in ``copy`` with the borrowed environment ``venv``; also return its log."""
    # --assume-old: a copy must never reinstall the environment it borrows from this checkout.
    cmd = ["make", f"VENV={venv}", f"--assume-old={venv / '.installed'}", *args]
    return run(cmd, copy, base_env())


def make(copy: Path, venv: Path, *args: str) -> float:
    return make_logged(copy, venv, *args)[0]


def executed(log: str) -> list[str]:
    """The notebooks a build log says were executed (the build prints one line for each)."""
    return re.findall(r"^[\d.]+ \| \[\d+/\d+\] execute notebooks/(\S+)", log, re.MULTILINE)


def make_env(copy: Path, venv: Path, env: dict[str, str]) -> float:
    """Time ``make env``, which creates ``venv`` from the lock."""
    return run(["make", f"VENV={venv}", "env"], copy, env)[0]


PROBES = Path(__file__).resolve().parent / "probes.py"


def probe(venv: Path, copy: Path, name: str, *args: str) -> object:
    """Run one of bench/probes.py in the project's interpreter and environment in ``copy``."""
    cmd = [str(venv / "bin" / "python"), str(PROBES), name, *args]
    out = plain(run(cmd, copy, project_env(copy, venv))[1])
    return json.loads(out.strip().splitlines()[-1])


def progress(message: str, end: str = "\n") -> None:
    print(message, end=end, file=sys.stderr, flush=True)


def measure(name: str, runs: int, once: Callable[[], float], note: str = "") -> Result:
    """Call ``once`` (which returns the seconds it timed) ``runs`` times; never raises."""
    result = Result(name, note=note)
    progress(f"[bench] {name} ...", end="")
    try:
        for _ in range(runs):
            result.times.append(once())
    except Exception as err:  # a failed measurement is a result, not the end of the run
        result.error = describe(err)
    report_progress(result)
    return result


def describe(err: Exception) -> str:
    return str(err) if isinstance(err, Failed) else f"{type(err).__name__}: {err}"


def report_progress(result: Result) -> None:
    if result.error:
        progress(f" failed: {result.error.splitlines()[0]}")
    else:
        progress(f" {result.median:.2f} s (median of {len(result.times)})")


def skipped(name: str, why: str) -> Result:
    progress(f"[bench] {name} ... skipped: {why}")
    return Result(name, error=f"not measured: {why}")


# ---------------------------------------------------------------------------------------------
# Scratch copies


def snapshot(dest: Path) -> None:
    """Copy the project's files once, so every measurement builds the same sources."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    names = sorted(n for n in listed if n and (ROOT / n).is_file())
    for name in names:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        # copy2 keeps modification times, so a borrowed environment stays newer than the lock.
        shutil.copy2(ROOT / name, dest / name)


def scratch_copy(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, copy_function=shutil.copy2)
    return dest


def remove_outputs(copy: Path) -> None:
    for folder in OUTPUT_DIRS:
        shutil.rmtree(copy / folder, ignore_errors=True)


def notebooks(copy: Path) -> list[Path]:
    return sorted((copy / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def changed_notebook(copy: Path) -> Path:
    """The labour chart notebook, or while it is not there yet, the last notebook present."""
    preferred = copy / "notebooks" / CHANGED_NOTEBOOK
    return preferred if preferred.exists() else notebooks(copy)[-1]


# ---------------------------------------------------------------------------------------------
# Measurements


def measure_setup(snap: Path, scratch: Path, runs: int, cold: bool) -> list[Result]:
    copy = scratch_copy(snap, scratch / "setup")
    counter = iter(range(10**6))

    def once(**cache_dirs: str) -> float:
        venv = copy / f".venv-{next(counter)}"
        try:
            return make_env(copy, venv, base_env(**cache_dirs))
        finally:
            shutil.rmtree(venv, ignore_errors=True)

    results = [
        measure(
            "setup from nothing (`make env`)",
            runs,
            once,
            "warm package cache (uv's and pip's caches as this machine has them)",
        )
    ]
    if cold:

        def once_cold() -> float:
            with tempfile.TemporaryDirectory(dir=scratch) as empty:
                return once(UV_CACHE_DIR=f"{empty}/uv", PIP_CACHE_DIR=f"{empty}/pip")

        results.append(
            measure(
                "setup from nothing, cold cache",
                1,
                once_cold,
                "empty uv and pip caches: every package downloaded from the index",
            )
        )
    return results


def by_hand(copy: Path, venv: Path, out: Path) -> float:
    """What a user runs without the Makefile: the data, every notebook, one PDF."""
    remove_outputs(copy)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    env = project_env(copy, venv)
    python, jupyter = str(venv / "bin" / "python"), str(venv / "bin" / "jupyter")
    seconds = run([python, "-m", "eastwest.build_data"], copy, env)[0]
    for notebook in notebooks(copy):
        cmd = [
            jupyter,
            "nbconvert",
            "--execute",
            "--to",
            "html",
            "--ExecutePreprocessor.kernel_name=eastwest",
            f"--output-dir={out}",
            str(notebook),
        ]
        seconds += run(cmd, copy, env)[0]
    largest = max(out.glob("*.html"), key=lambda p: p.stat().st_size)
    weasyprint = [str(venv / "bin" / "weasyprint"), str(largest), str(out / "report.pdf")]
    return seconds + run(weasyprint, copy, env)[0]


def measure_full_builds(snap: Path, scratch: Path, venv: Path, runs: int) -> dict[str, Result]:
    """Full rebuilds at -j1 and -j2 and the by-hand baseline, each in its own copy.

    They run interleaved, round by round, so that each round of the three meets the same
    background load, which matters for their ratios on a shared machine.
    """
    build, build_j2, hand_copy = (
        scratch_copy(snap, scratch / name) for name in ("build", "build-j2", "by-hand")
    )
    step_times: list[str] = []

    def full(copy: Path, jobs: str) -> float:
        make(copy, venv, "clean")
        if jobs != "-j1":
            return make(copy, venv, jobs, "report")
        seconds, log = make_logged(copy, venv, jobs, "report")
        step_times.append(log)
        return seconds

    plan = {
        "j1": (
            Result("full rebuild (`make clean; make -j1 report`)"),
            lambda: full(build, "-j1"),
        ),
        "j2": (
            Result("full rebuild (`make clean; make -j2 report`)"),
            lambda: full(build_j2, "-j2"),
        ),
        "hand": (
            Result(
                "by hand: build_data, `nbconvert --execute --to html` each, weasyprint",
                note="the PDF is of the largest notebook page",
            ),
            lambda: by_hand(hand_copy, venv, scratch / "by-hand-out"),
        ),
    }
    progress("[bench] full rebuilds at -j1 and -j2 and by hand, interleaved ...")
    for _ in range(runs):
        for result, once in plan.values():
            if result.error:
                continue
            try:
                result.times.append(once())
            except Exception as err:  # a failed measurement is a result, not the end of the run
                result.error = describe(err)
    for result, _ in plan.values():
        progress(f"[bench] {result.name} ...", end="")
        report_progress(result)
    found = {key: result for key, (result, _) in plan.items()}
    found["j1"].steps = step_times
    return found | {"build_copy": build}


def measure_incremental(copy: Path, venv: Path, runs: int, full_ok: bool) -> dict[str, Result]:
    """After a full build: no-op, touch, a Markdown edit, a code edit, a fresh checkout."""
    names = {
        "noop": "no-op `make report`",
        "touch": "`touch notebooks/*.ipynb; make report`",
        "markdown": f"Markdown edit in {CHANGED_NOTEBOOK}, `make report`",
        "code": f"code edit in {CHANGED_NOTEBOOK}, `make report`",
        "fresh": "fresh checkout: outputs older than sources, `make report`",
    }
    if not full_ok:
        return {key: skipped(name, "the full rebuild failed") for key, name in names.items()}
    changed = changed_notebook(copy)
    original = changed.read_bytes()
    edits = iter(range(1, 10**6))

    def timed(key: str, prepare: Callable[[], None]) -> Callable[[], float]:
        def once() -> float:
            prepare()
            seconds, log = make_logged(copy, venv, "report")
            notes[key].append(executed(log))
            return seconds

        return once

    def touch_all() -> None:
        for notebook in notebooks(copy):
            os.utime(notebook)

    def edit(cell_type: str, text: str) -> Callable[[], None]:
        def prepare() -> None:
            nb = json.loads(original)
            cell = next(
                c
                for c in nb["cells"]
                if c["cell_type"] == cell_type
                and "report-skip" not in c["metadata"].get("tags", [])
            )
            cell["source"] = "".join(cell["source"]) + text.format(next(edits))
            changed.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")

        return prepare

    def restore() -> None:
        changed.write_bytes(original)
        make(copy, venv, "report")  # back to the committed sources' outputs, not timed

    def age_outputs() -> None:
        for folder in OUTPUT_DIRS:
            for path in (copy / folder).rglob("*"):
                os.utime(path, (0, 0))

    notes: dict[str, list[list[str]]] = {key: [] for key in names}
    plan = {
        "noop": lambda: None,
        "touch": touch_all,
        "markdown": edit("markdown", "\n\nA sentence added for the benchmark ({})."),
        "code": edit("code", "\n_benchmark_edit = {}"),
        "fresh": age_outputs,
    }
    results = {}
    for key, prepare in plan.items():
        results[key] = measure(names[key], runs, timed(key, prepare))
        if key in ("markdown", "code"):
            restore()
        ran = sorted({name for run in notes[key] for name in run})
        results[key].note = "executed: " + (", ".join(ran) if ran else "none")
        results[key].executed = ran
    return results


def measure_pdf(copy: Path, venv: Path, runs: int) -> tuple[Result, dict]:
    """The build's PDF step alone, in a fresh interpreter each run, and its phases."""
    result = Result("PDF step alone (imports, the print HTML, WeasyPrint), fresh interpreter")
    if not (copy / "report" / "report.html").exists():
        return skipped(result.name, "the report was not built"), {}
    phases: list[dict] = []

    def once() -> float:
        phases.append(probe(venv, copy, "pdf"))
        return phases[-1]["total"]

    result = measure(result.name, runs, once)
    if phases:
        median = {k: statistics.median(p[k] for p in phases) for k in phases[0]}
        result.note = ", ".join(f"{k} {v:.1f} s" for k, v in median.items() if k != "total")
        return result, median
    return result, {}


# A run of the parser takes under a second, so it always gets enough runs for a steady median.
PARSER_MIN_RUNS = 5


def measure_parser(copy: Path, venv: Path, runs: int) -> list[Result]:
    """``find_quantities`` on the article repeated to 1 MB and to 10 MB, in one process."""
    article = copy / "data" / "raw" / "article.txt"
    results = [Result(f"quantity parser, article repeated to {mb} MB") for mb in (1, 10)]
    progress("[bench] quantity parser, 1 MB and 10 MB ...", end="")
    try:
        args = (str(article), str(max(runs, PARSER_MIN_RUNS)), str(MB), str(10 * MB))
        got = probe(venv, copy, "parser", *args)
        for result, (size, times) in zip(results, got, strict=True):
            result.times = times
            # The article's expressions recur, so the parser's per-expression caches are warm
            # after the first copy: this is the speed of scanning long text.
            result.note = f"{size / MB / statistics.median(times):.2f} MB/s"
    except Exception as err:
        for result in results:
            result.error = describe(err)
    if results[0].error:
        progress(f" failed: {results[0].error.splitlines()[0]}")
    else:
        progress(" " + ", ".join(f"{r.median:.2f} s" for r in results))
    return results


def pdf_profile(copy: Path, venv: Path) -> dict:
    progress("[bench] the PDF step under cProfile ...", end="")
    try:
        found = probe(venv, copy, "pdf-profile")
    except Exception as err:
        progress(" failed")
        return {"error": describe(err)}
    progress(f" {found['total']:.1f} s")
    return found


# ---------------------------------------------------------------------------------------------
# Jupyter Book, the tool a user would pick instead

JUPYTER_BOOK = "jupyter-book<2"
BOOK_CONFIG = """\
title: East-West (benchmark)
only_build_toc_files: true
execute:
  execute_notebooks: force
  timeout: 600
"""


def install_jupyter_book(scratch: Path, venv: Path) -> Path:
    """A virtual environment of its own with Jupyter Book 1.x (uses the package index)."""
    book_venv = scratch / "jupyter-book-venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(book_venv)], scratch, base_env())
    uv = venv / "bin" / "uv"
    install = [str(uv), "pip", "install", "--quiet", "--python", str(book_venv / "bin" / "python")]
    run([*install, JUPYTER_BOOK], scratch, base_env())
    return book_venv


def book_copy(snap: Path, scratch: Path, venv: Path) -> Path:
    """A copy whose notebooks folder is also a book: its data built, a table of contents."""
    copy = scratch_copy(snap, scratch / "book")
    make(copy, venv, "data")
    book = copy / "notebooks"
    (book / "_config.yml").write_text(BOOK_CONFIG, encoding="utf-8")
    chapters = "\n".join(f"  - file: {p.stem}" for p in notebooks(copy)[1:])
    toc = f"format: jb-book\nroot: {notebooks(copy)[0].stem}\nchapters:\n{chapters}\n"
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    return copy


def measure_notebooks_vs_book(
    snap: Path, scratch: Path, venv: Path, runs: int
) -> tuple[Result, Result, str]:
    """Executing the notebooks and rendering their pages, here and with Jupyter Book, in turns."""
    ours = Result(
        "execute the notebooks and render their pages (`make -j1 report/notebooks/*.html`)",
        note="data built; executed copies, pages and their records removed",
    )
    book = Result(
        "Jupyter Book 1: `jupyter-book build` with forced execution",
        note="same notebooks and kernel, data built, its _build removed",
    )
    progress("[bench] installing Jupyter Book in its own environment ...", end="")
    try:
        book_venv = install_jupyter_book(scratch, venv)
        jb_version = run(
            [str(book_venv / "bin" / "jupyter-book"), "--version"], scratch, base_env()
        )
        version = plain(jb_version[1]).strip().splitlines()[0].split()[-1]
        progress(f" {version}")
    except Exception as err:
        progress(" failed")
        book.error = describe(err)
        book_venv, version = None, "not installed"
    mine = scratch_copy(snap, scratch / "pages")
    make(mine, venv, "data")
    copy = book_copy(snap, scratch, venv) if book_venv else None
    pages = [p.relative_to(mine).as_posix() for p in notebooks(mine)]
    pages = [f"report/{p.removesuffix('.ipynb')}.html" for p in pages]
    # Jupyter Book finds the project's kernel through JUPYTER_PATH, in the project's environment.
    book_env = project_env(copy or mine, venv) | {"JUPYTER_PATH": str(venv / "share" / "jupyter")}

    def ours_once() -> float:
        for path in (mine / "report" / "notebooks").glob("*"):
            path.unlink()
        for record in (mine / "report" / "keys").glob("[0-9][0-9]_*"):
            record.unlink()
        return make(mine, venv, "-j1", *pages)

    def book_once() -> float:
        shutil.rmtree(copy / "notebooks" / "_build", ignore_errors=True)
        cmd = [str(book_venv / "bin" / "jupyter-book"), "build", "--quiet", "notebooks"]
        seconds = run(cmd, copy, book_env)[0]
        # Jupyter Book finishes even when a notebook fails; it leaves a report for each.
        failed = sorted(p.name for p in (copy / "notebooks" / "_build").rglob("reports/*.log"))
        if failed:
            raise Failed(f"Jupyter Book could not execute: {', '.join(failed)}")
        return seconds

    progress("[bench] notebooks and pages, here and with Jupyter Book, interleaved ...")
    for _ in range(runs):
        for result, once in ((ours, ours_once), (book, book_once)):
            if result.error:
                continue
            try:
                result.times.append(once())
            except Exception as err:  # a failed measurement is a result, not the end of the run
                result.error = describe(err)
    for result in (ours, book):
        progress(f"[bench] {result.name} ...", end="")
        report_progress(result)
    return ours, book, version


# ---------------------------------------------------------------------------------------------
# The machine and the versions


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    cores = len(os.sched_getaffinity(0))
    return {
        "CPU": cpu,
        "cores": f"{cores} available ({os.cpu_count()} in the machine)",
        "memory": memory,
        "system": platform.platform(),
    }


def versions(venv: Path, copy: Path) -> dict[str, str]:
    try:
        found = probe(venv, copy, "versions")
    except Failed as err:
        found = {"versions": f"unknown ({err})"}
    make_version = plain(run(["make", "--version"], copy, base_env())[1]).splitlines()[0]
    return {**found, "make": make_version}


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


# ---------------------------------------------------------------------------------------------
# The report


def ratio(a: Result, b: Result) -> float | None:
    if a.median is None or b.median is None or b.median == 0:
        return None
    return a.median / b.median


def fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def fmt_s(x: float | None) -> str:
    # Milliseconds matter below a second: a no-op build is judged against 0.5 s.
    return fmt(x, 3 if x is not None and x < 1 else 2)


def results_table(rows: list[tuple[Result, float | None, str]]) -> str:
    lines = [
        "| Measurement | Median (s) | Runs | Ratio | Against | Note |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for result, value, against in rows:
        if result.error:
            median = "not measured" if result.error.startswith("not measured") else "failed"
        else:
            median = fmt_s(result.median)
        lines.append(
            f"| {result.name} | {median} | {len(result.times) if not result.error else 0} "
            f"| {fmt(value)} | {against} | {result.note} |"
        )
    return "\n".join(lines)


def targets_table(targets: list[tuple[str, float | None, Callable[[float], bool], str]]) -> str:
    lines = ["| Target | Measured | Result |", "| --- | ---: | --- |"]
    for name, value, passes, shown in targets:
        verdict = "not measured" if value is None else ("pass" if passes(value) else "FAIL")
        lines.append(f"| {name} | {shown if value is not None else '—'} | {verdict} |")
    return "\n".join(lines)


def build_tables(r: dict[str, Result]) -> tuple[str, str]:
    full, j2, hand, pdf, setup = r["j1"], r["j2"], r["hand"], r["pdf"], r["setup"]
    ours, book, p1, p10 = r["pages"], r["book"], r["parser1"], r["parser10"]
    rows = [
        (setup, None, ""),
        *[(c, ratio(c, setup), "warm setup") for c in r.get("cold", [])],
        (hand, None, ""),
        (full, ratio(full, hand), "by hand"),
        (j2, ratio(j2, hand), "by hand"),
        (ours, ratio(ours, book), "Jupyter Book"),
        (book, None, ""),
        *[(r[k], ratio(r[k], full), "full -j1") for k in ("noop", "touch", "markdown", "code")],
        (r["fresh"], ratio(r["fresh"], full), "full -j1"),
        (pdf, ratio(pdf, full), "full -j1"),
        (p1, None, ""),
        (p10, ratio(p10, p1), "1 MB (linear ≈ 10)"),
    ]

    def at_most(limit: float) -> Callable[[float], bool]:
        return lambda x: x <= limit

    def times(a: Result, b: Result) -> str:
        return f"{fmt(ratio(a, b))} ×"

    def ran(result: Result) -> str:
        return ", ".join(result.executed) if result.executed else "none"

    def none_ran(result: Result) -> float | None:
        return None if result.executed is None else float(len(result.executed))

    only_changed = r["code"].executed == [CHANGED_NOTEBOOK] if r["code"].executed else False
    targets = [
        ("clean `make -j1 report` ≤ 0.8 × by hand", ratio(full, hand), at_most(0.8),
         times(full, hand)),
        ("clean `make -j2 report` ≤ 0.55 × by hand", ratio(j2, hand), at_most(0.55),
         times(j2, hand)),
        ("executing the notebooks and rendering their pages ≤ 1.0 × Jupyter Book",
         ratio(ours, book), at_most(1.0), times(ours, book)),
        ("`touch` every notebook: no notebook re-executes", none_ran(r["touch"]), at_most(0),
         ran(r["touch"])),
        ("`touch` every notebook ≤ 0.15 × clean build", ratio(r["touch"], full), at_most(0.15),
         times(r["touch"], full)),
        ("Markdown edit: no notebook re-executes", none_ran(r["markdown"]), at_most(0),
         ran(r["markdown"])),
        ("Markdown edit ≤ 0.15 × clean build", ratio(r["markdown"], full), at_most(0.15),
         times(r["markdown"], full)),
        (f"code edit in {CHANGED_NOTEBOOK}: only it re-executes",
         None if r["code"].executed is None else float(only_changed), lambda x: x == 1,
         ran(r["code"])),
        ("fresh checkout: no notebook re-executes", none_ran(r["fresh"]), at_most(0),
         ran(r["fresh"])),
        ("PDF step ≤ 0.1 × clean build", ratio(pdf, full), at_most(0.1), times(pdf, full)),
        ("no-op `make report` < 0.5 s", r["noop"].median, lambda x: x < 0.5,
         f"{fmt_s(r['noop'].median)} s"),
        ("setup from nothing < 90 s", setup.median, lambda x: x < 90,
         f"{fmt_s(setup.median)} s"),
        ("parser 10 MB / 1 MB time within 8–12", ratio(p10, p1), lambda x: 8 <= x <= 12,
         fmt(ratio(p10, p1))),
    ]  # fmt: skip
    return results_table(rows), targets_table(targets)


def steps_section(full: Result) -> str:
    """The steps of the median clean -j1 build, from its log's timed progress lines."""
    if not full.steps or full.median is None:
        return "Not measured."
    index = full.times.index(sorted(full.times)[(len(full.times) - 1) // 2])
    durations = step_durations(full.steps[index], full.times[index])
    lines = [
        f"From the log of the median run ({full.times[index]:.1f} s). Each line runs until the"
        " next is printed, so a page's line also holds the start-up of the next step's process"
        ": the last page's line holds the reader process's start-up and imports.",
        "",
        "| Step | Seconds |",
        "| --- | ---: |",
        *[f"| {what} | {seconds:.1f} |" for what, seconds in durations],
    ]
    return "\n".join(lines)


def pdf_section(phases: dict, profile: dict, full: Result) -> str:
    """What the PDF step's time is made of: the bound on its share of the build."""
    if not phases:
        return "Not measured."
    lines = [
        "Median phases of the PDF step in a fresh interpreter: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items())
        + (f" (clean `-j1` build: {full.median:.1f} s)." if full.median else "."),
    ]
    if profile.get("total") and "error" not in profile:
        total = profile["total"]
        lines.append(
            f"Under cProfile (which inflates Python time) WeasyPrint took {total:.1f} s: "
            f"layout {profile['layout']:.1f} s ({100 * profile['layout'] / total:.0f} %), "
            f"writing the PDF {profile['write']:.1f} s ({100 * profile['write'] / total:.0f} %), "
            f"of which font subsetting with fontTools {profile['subset']:.1f} s."
        )
    elif profile.get("error"):
        lines.append(f"Profile failed: {profile['error'].splitlines()[0]}")
    return "\n\n".join(lines)


def errors_section(results: list[Result]) -> str:
    failed = [r for r in results if r.error and not r.error.startswith("not measured")]
    if not failed:
        return ""
    parts = ["## Failed measurements", ""]
    for result in failed:
        parts += [f"**{result.name}**", "", "```", result.error, "```", ""]
    return "\n".join(parts)


def update_readme(block: str) -> None:
    """Replace what lies between the README's bench markers with ``block``."""
    text = README.read_text(encoding="utf-8")
    start, end = README_MARKERS
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise SystemExit(f"error: {README.name} needs one {start} followed by one {end}")
    head, rest = text.split(start)
    _, foot = rest.split(end)
    write_text(README, f"{head}{start}\n{block}\n{end}{foot}")


# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Measure the build against doing it by hand and against Jupyter Book; "
        "write bench/results.md.",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--quick", action="store_true", help="one run each, to try it out")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-cache setup run")
    parser.add_argument("--no-profile", action="store_true", help="skip profiling the PDF step")
    parser.add_argument(
        "--update-readme",
        action="store_true",
        help="also put the results between the bench markers in README.md",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def environment() -> Path:
    """The environment this script runs in (``make bench`` passes its VENV), else .venv."""
    here = Path(sys.prefix)
    return here if (here / ".installed").exists() else ROOT / ".venv"


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    venv = environment()
    if not (venv / ".installed").exists():
        raise SystemExit(f"error: no environment at {venv}; run `make env` first")
    started = datetime.now(UTC)
    load_before = load_average()
    results: dict[str, Result] = {}
    with tempfile.TemporaryDirectory(prefix="eastwest-bench-") as tmp:
        scratch = Path(tmp)
        snap = scratch / "snapshot"
        snapshot(snap)
        built = [p.name for p in notebooks(snap)]
        progress(f"[bench] {args.runs} run(s) each; scratch copies in {scratch}")

        setup = measure_setup(snap, scratch, args.runs, cold=not args.no_cold)
        results["setup"], results["cold"] = setup[0], setup[1:]
        full = measure_full_builds(snap, scratch, venv, args.runs)
        build_copy = full.pop("build_copy")
        results.update(full)
        results["pages"], results["book"], book_version = measure_notebooks_vs_book(
            snap, scratch, venv, args.runs
        )
        results.update(
            measure_incremental(build_copy, venv, args.runs, full_ok=results["j1"].error is None)
        )
        results["pdf"], phases = measure_pdf(build_copy, venv, args.runs)
        results["parser1"], results["parser10"] = measure_parser(build_copy, venv, args.runs)
        profile = pdf_profile(build_copy, venv) if not args.no_profile else {}
        found = versions(venv, build_copy) | {"Jupyter Book": book_version}

    table, targets = build_tables(results)
    flat = [r for key, r in results.items() if key != "cold"] + results["cold"]
    header = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); medians of the runs shown, in seconds.",
        "The machine is shared: other builds ran beside these, so single ratios move by",
        "10–20 % from one run of the benchmark to the next.",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        *[f"- {k}: {v}" for k, v in machine().items()],
        f"- Load average (1/5/15 min) before: {load_before}; after: {load_average()}",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in found.items()),
        f"- Notebooks built: {', '.join(built)}",
        f"- Runs per measurement: {args.runs}; cold-cache setup and the profile: 1; "
        f"parser: {max(args.runs, PARSER_MIN_RUNS)}",
    ]
    document = "\n".join(
        [
            *header,
            "",
            "## Measurements",
            "",
            table,
            "",
            "## Targets",
            "",
            targets,
            "",
            "## Where a clean `-j1` build's time goes",
            "",
            steps_section(results["j1"]),
            "",
            "## The PDF step",
            "",
            pdf_section(phases, profile, results["j1"]),
            "",
            errors_section(flat),
        ]
    ).rstrip()
    write_text(RESULTS, document + "\n")
    print(table)
    print()
    print(targets)
    progress(f"[bench] wrote {RESULTS.relative_to(ROOT)}")
    if args.update_readme:
        machine_line = f"{machine()['CPU']}, {machine()['cores']}, {started:%Y-%m-%d}"
        load = f"load average before {load_before}, after {load_average()}"
        update_readme(f"Measured on {machine_line} ({load}):\n\n{table}\n\n{targets}")
        progress(f"[bench] updated {README.name}")


if __name__ == "__main__":
    main()
