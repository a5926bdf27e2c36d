"""Time the project's build against doing it by hand and against Jupyter Book 1.

    .venv/bin/python bench/run.py [--runs N | --quick] [--no-setup] [--update-readme]

Writes bench/results.md; bench/README.md says what runs and what is timed. Every build runs in a
scratch copy of the project, never in this checkout, and borrows this interpreter's environment.
"""

import argparse
import itertools
import json
import os
import platform
import re
import resource
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
from functools import partial
from importlib.metadata import version
from pathlib import Path

from eastwest.atomic import write_text  # whole or not at all

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)  # the environment `make bench` runs this in; every copy borrows it
README, MARKERS = ROOT / "README.md", ("<!-- bench:start -->", "<!-- bench:end -->")
OUTPUTS, EDITED = ("data/processed", "figures", "report"), "notebooks/03_labour.ipynb"
APPENDED = {"markdown": "\n\nA sentence added by the benchmark ({}).", "code": "\n# bench edit {}"}
PACKAGES = ("pandas", "matplotlib", "nbconvert", "nbclient", "weasyprint", "fonttools", "uv")
BOOK_VENV = "jupyter-book-venv"  # in the scratch folder, beside the copies
EDIT_NUMBERS = itertools.count(1)  # a new edit every run, so that every run has work to do
# What the Makefile exports to its recipes. The by-hand route gets the same, so that the two
# differ only in how the steps are driven.
MAKE_EXPORTS = {
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
}
# Inherited from `make bench`, these would point a copy at this checkout's sources, or hand its
# make the outer make's jobs and variables.
NOT_INHERITED = "EASTWEST_ROOT PYTHONPATH MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES VIRTUAL_ENV"
# Each measurement, in the order of the results table, and its target: the most its median may
# be, as a ratio to another measurement's median, or in seconds where that other is None.
MEASUREMENTS = {
    "j1": ("clean `make -j1 report`", (0.85, "hand")),
    "serial": ("clean `make -j1 report SIDE_BY_SIDE=1`", None),
    "hand": ("by hand: nbconvert, weasyprint", None),
    "english": ("clean `make -j1 report` of the English edition alone (85d4559)", None),
    "pages": ("notebooks and their pages, `make -j1`", (1.0, "book")),
    "book": ("Jupyter Book 1", None),
    "noop": ("no-op `make report`", (0.5, None)),
    "touch": ("`touch notebooks/*.ipynb; make report`", (0.15, "j1")),
    "markdown": ("Markdown edit in 03_labour.ipynb, `make report`", (0.15, "j1")),
    "code": ("code edit in 03_labour.ipynb, `make report`", None),
    "fresh": ("fresh clone (outputs dated 1970), `make report`", None),
    "setup": ("setup from nothing, `make env`", (90, None)),
}
# The Chinese edition's cost: the clean build of both editions against the last commit that
# built the English alone, in the same run and on the same environment.
ENGLISH_ONLY = "85d4559"
COMPARED = [("j1", 1.30, "english")]
EXECUTES = {"touch": [], "markdown": [], "code": ["03_labour.ipynb"], "fresh": []}  # at most
# The order of the runs. A group runs round by round, so that the two sides of a ratio meet the
# same background load. The rebuilds use the clean -j1 build's copy.
REBUILDS = ("noop", "touch", "markdown", "code", "fresh")
AFTER_J1 = list(REBUILDS)
GROUPS = ["j1 serial hand english", "pages book", *AFTER_J1, "setup"]
VERDICT = {None: "not measured", True: "met", False: "missed"}
# A step's line as it starts its work, stamped by run().
PROGRESS_LINE = re.compile(r"^(\d+\.\d+) \| ((?:clean|execute|merge|render) .*)$", re.MULTILINE)
Timed = Callable[[], tuple[float, str]]  # a run's timed part: its seconds and its output


@dataclass
class Result:
    name: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of every process
    logs: list[str] = field(default_factory=list)  # each run's output, lines stamped in seconds
    note: str = ""
    error: str = ""  # "not measured: why" is not a failure

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.error else None

    @property
    def failed(self) -> bool:
        return bool(self.error) and not self.error.startswith("not measured")

    def executed(self) -> list[str]:
        """The notebooks that the build logs say were executed."""
        return sorted({n for log in self.logs for n in re.findall(r"execute notebooks/(\S+)", log)})


def child_env(copy: Path | None = None) -> dict[str, str]:
    """The environment for commands; with ``copy``, as a recipe in that copy would see it."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED.split()}
    if copy:
        env |= MAKE_EXPORTS | {"EASTWEST_ROOT": str(copy), "PYTHONPATH": str(copy / "src")}
        env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(cmd: list, cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Run ``cmd``; return its seconds and output, each line stamped with the second it came."""
    start = time.perf_counter()
    with subprocess.Popen(
        [str(part) for part in cmd], cwd=cwd, env=env or child_env(), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    ) as process:  # fmt: skip
        killer = threading.Timer(3600, process.kill)  # a hung build must not hang the benchmark
        killer.start()
        log = "".join(f"{time.perf_counter() - start:.2f} | {line}" for line in process.stdout)
        killer.cancel()
    if process.returncode:  # the last lines say why; the kernels' tracebacks come in colour
        last = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", "\n".join(log.splitlines()[-12:]))
        raise RuntimeError(f"`{' '.join(map(str, cmd))}` exited {process.returncode}:\n{last}")
    return time.perf_counter() - start, log


def make(copy: Path, *args: str) -> tuple[float, str]:
    # --assume-old: a copy must never reinstall the environment it borrows from the checkout.
    return run(["make", f"VENV={VENV}", f"--assume-old={VENV / '.installed'}", *args], copy)


def measure(runs: int, *plans: tuple[Result, Callable[[], object], Timed]) -> None:
    """Run each plan's preparation (untimed) and its timed part ``runs`` times, round by round.
    A failure is recorded, and ends that measurement only."""
    for _, (result, prepare, timed) in itertools.product(range(runs), plans):
        if result.error:
            continue
        try:
            prepare()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, log = timed()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            result.times.append(seconds)
            result.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            result.logs.append(log)
        except Exception as err:  # one failed measurement must not stop the others
            result.error = f"{type(err).__name__}: {err}"
        done = f"failed: {result.error.splitlines()[0]}" if result.error else f"{seconds:.2f} s"
        print(f"[bench] {result.name}: {done}", file=sys.stderr)


def snapshot(dest: Path) -> Path:
    """The project's files as git lists them, copied once so that every copy builds the same."""
    listed = ["git", "ls-files", "-co", "--exclude-standard", "-z"]
    names = subprocess.run(listed, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, names.split("\0")):
        if (ROOT / name).is_file():  # not a tracked file deleted in the work tree
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)  # with its mtime: make sees what it sees here
    return dest


def english_only(dest: Path) -> Path:
    """The project at ENGLISH_ONLY, before the Chinese edition, as git stores it."""
    dest.mkdir()
    archive = subprocess.run(
        ["git", "archive", ENGLISH_ONLY], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", dest], input=archive, check=True)
    return dest


def notebooks(copy: Path) -> list[Path]:
    return sorted((copy / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def by_hand(copy: Path, out: Path) -> tuple[float, str]:
    """What one would type without the Makefile: the data, each notebook to HTML, one PDF."""
    env, bin_dir, start = child_env(copy), VENV / "bin", time.perf_counter()
    logs = [run([bin_dir / "python", "-m", "eastwest.clean.build"], copy, env)[1]]
    for notebook in notebooks(copy):
        nbconvert = [bin_dir / "jupyter", "nbconvert", "--execute", "--to", "html", notebook]
        options = ["--ExecutePreprocessor.kernel_name=eastwest", "--output-dir", out]
        logs.append(run([*nbconvert, *options], copy, env)[1])
    largest = max(out.glob("*.html"), key=lambda page: page.stat().st_size)
    logs.append(run([bin_dir / "weasyprint", largest, out / "report.pdf"], copy, env)[1])
    return time.perf_counter() - start, "".join(logs)


def unbuild_pages(copy: Path) -> None:
    """The data built; the notebooks' executed copies, their pages and their records removed."""
    make(copy, "data")
    remove(copy / "report" / "notebooks", *(copy / "report" / "keys").glob("0*.json"))


def unbuild_book(copy: Path, result: Result) -> None:
    if not (copy.parent / BOOK_VENV).exists():  # installed before the first run
        result.note = "Jupyter Book " + install_jupyter_book(copy, copy.parent / BOOK_VENV)
    make(copy, "data")
    remove(copy / "notebooks" / "_build")


def install_jupyter_book(copy: Path, venv: Path) -> str:
    """Jupyter Book 1 in a virtual environment of its own (it is no project dependency), and its
    configuration from bench/book/ in the copy's notebooks folder; returns its version."""
    toc = (copy / "bench" / "book" / "_toc.yml").read_text(encoding="utf-8")
    if missing := [n.stem for n in notebooks(copy) if n.stem not in toc]:
        raise RuntimeError(f"bench/book/_toc.yml lacks {', '.join(missing)}: not the same work")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(copy / "bench" / "book" / name, copy / "notebooks" / name)
    run([sys.executable, "-m", "venv", venv], copy)
    run([venv / "bin" / "pip", "install", "--quiet", "jupyter-book<2"], copy)
    version = run([venv / "bin" / "jupyter-book", "--version"], copy)[1].splitlines()[0]
    return version.split(":")[-1].strip()  # from "0.41 | Jupyter Book      : 1.0.4.post1"


def build_book(copy: Path) -> tuple[float, str]:
    jupyter_book = copy.parent / BOOK_VENV / "bin" / "jupyter-book"
    env = child_env(copy) | {"JUPYTER_PATH": str(VENV / "share" / "jupyter")}  # for the kernel
    built = run([jupyter_book, "build", "--quiet", "notebooks"], copy, env)
    # Jupyter Book finishes even when a notebook fails; it leaves a report for each.
    if failed := sorted(path.name for path in (copy / "notebooks").rglob("reports/*.log")):
        raise RuntimeError(f"Jupyter Book could not execute {', '.join(failed)}")
    return built


def change(copy: Path, snap: Path, kind: str) -> None:
    """What changes before a rebuild of ``copy``: nothing, a touch, an edit, or every date."""
    if kind == "touch":
        for notebook in notebooks(copy):
            os.utime(notebook)
    elif kind == "fresh":  # as make sees a clone: every output older than its sources
        for path in (path for folder in OUTPUTS for path in (copy / folder).rglob("*")):
            os.utime(path, (0, 0))
    elif kind in APPENDED:  # to the committed notebook: a change every time
        nb = json.loads((snap / EDITED).read_text(encoding="utf-8"))
        cell = next(c for c in nb["cells"] if c["cell_type"] == kind
                    and "report-skip" not in c["metadata"].get("tags", []))  # fmt: skip
        cell["source"] = "".join(cell["source"]) + APPENDED[kind].format(next(EDIT_NUMBERS))
        (copy / EDITED).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")
        if kind == "markdown":  # as a writer does: the translations get their entry first
            make(copy, "catalogs")


def plans(r: dict[str, Result], snap: Path, scratch: Path) -> dict[str, tuple]:
    """Each measurement's copy, what prepares a run (untimed), and what the run times."""
    names = ("j1", "serial", "hand", "pages", "book", "setup")
    copies = {name: scratch / name for name in names}
    for copy in copies.values():
        shutil.copytree(snap, copy, copy_function=shutil.copy2)
    j1, serial, hand, pages, book, setup = copies.values()
    english = english_only(scratch / "english")
    hand_out, hand_outputs = scratch / "by-hand-pages", [hand / name for name in OUTPUTS]
    page_targets = [f"report/notebooks/{notebook.stem}.html" for notebook in notebooks(pages)]
    make_env = ["make", f"VENV={setup / '.venv-bench'}", "env"]
    return {
        "j1": (partial(make, j1, "clean"), partial(make, j1, "-j1", "report")),
        "serial": (
            partial(make, serial, "clean"),
            partial(make, serial, "-j1", "report", "SIDE_BY_SIDE=1"),
        ),
        "hand": (partial(remove, hand_out, *hand_outputs), partial(by_hand, hand, hand_out)),
        "english": (partial(make, english, "clean"), partial(make, english, "-j1", "report")),
        "pages": (partial(unbuild_pages, pages), partial(make, pages, "-j1", *page_targets)),
        "book": (partial(unbuild_book, book, r["book"]), partial(build_book, book)),
        **{
            kind: (partial(change, j1, snap, kind), partial(make, j1, "report"))
            for kind in REBUILDS
        },
        "setup": (partial(remove, setup / ".venv-bench"), partial(run, make_env, setup)),
    }


def add_notes(r: dict[str, Result]) -> None:
    """What the logs say: which notebooks ran."""
    for key in ("pages", *EXECUTES):
        r[key].note = "executed: " + (", ".join(r[key].executed()) or "none")


def fmt_s(seconds: float) -> str:
    # Milliseconds matter below a second: the no-op build is judged against 0.5 s.
    return f"{seconds:.3f}" if seconds < 1 else f"{seconds:.2f}"


def table(head: str, rows: list[list[str]]) -> str:
    return "\n".join([head, *("| " + " | ".join(row) + " |" for row in rows)])


def ratio_row(a: Result, b: Result, limit: float) -> list[str]:
    x = a.median / b.median if a.median is not None and b.median else None
    measured, met = ("—", None) if x is None else (f"{x:.2f} ×", x <= limit)
    return [f"{a.name} / {b.name}", measured, f"≤ {limit} ×", VERDICT[met]]


def seconds_row(a: Result, limit: float) -> list[str]:
    s = a.median
    measured, met = ("—", None) if s is None else (f"{fmt_s(s)} s", s < limit)
    return [a.name, measured, f"< {limit} s", VERDICT[met]]


def executed_row(a: Result, allowed: list[str]) -> list[str]:
    ran = a.executed()
    measured, met = ("—", None) if a.median is None else (", ".join(ran) or "none", ran == allowed)
    return [f"{a.name}: executed", measured, ", ".join(allowed) or "none", VERDICT[met]]


def targets_table(r: dict[str, Result]) -> str:
    targets = [(r[key], target) for key, (_, target) in MEASUREMENTS.items() if target]
    rows = [ratio_row(a, r[b], limit) if b else seconds_row(a, limit) for a, (limit, b) in targets]
    rows += [ratio_row(r[a], r[b], limit) for a, limit, b in COMPARED]
    rows += [executed_row(r[key], allowed) for key, allowed in EXECUTES.items()]
    return table("| Target | Measured | Goal | Result |\n| --- | ---: | --- | --- |", rows)


def measurements_table(r: dict[str, Result]) -> str:
    def median(a: Result) -> str:
        return "failed" if a.failed else "not measured" if a.error else fmt_s(a.median or 0)

    def cpu(a: Result) -> str:
        return fmt_s(statistics.median(a.cpu)) if a.cpu and not a.error else ""

    rows = [[a.name, median(a), cpu(a), ", ".join(map(fmt_s, a.times)), a.note] for a in r.values()]
    return table(
        "| Measurement | Median (s) | CPU (s) | Runs (s) | Note |\n"
        "| --- | ---: | ---: | ---: | --- |",
        rows,
    )


def steps_table(j1: Result) -> str:
    """The median clean -j1 build's progress lines, each with the seconds until the next."""
    if j1.median is None:
        return "Not measured."
    median_run = j1.times.index(sorted(j1.times)[(len(j1.times) - 1) // 2])
    stamped = [(0.0, "(make, until the first step's line)")]
    stamped += [(float(t), what) for t, what in PROGRESS_LINE.findall(j1.logs[median_run])]
    ends = [t for t, _ in stamped[1:]] + [j1.times[median_run]]
    rows = [[what, f"{end - t:.2f}"] for (t, what), end in zip(stamped, ends, strict=True)]
    return table("| Step | Seconds |\n| --- | ---: |", rows)


def document(r: dict[str, Result], versions: str, load_before: str, runs: int) -> str:
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info if "model name" in line), "?")
    cores = f"{len(os.sched_getaffinity(0))} available of {os.cpu_count()}"
    errors = [f"**{a.name}**\n\n```\n{a.error}\n```" for a in r.values() if a.failed]
    return "\n\n".join([
        "# Benchmark results",
        "Written by `bench/run.py` (`make bench`); bench/README.md says what each one runs.",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; runs per measurement: {runs}\n"
        f"- CPU: {cpu}; cores: {cores}\n"
        f"- Load average (1, 5, 15 min): before {load_before}; after {load_average()}\n"
        f"- Versions: {versions}",
        "## Measurements", measurements_table(r),
        "## Targets", targets_table(r),
        "## Steps of the median clean `-j1` build",
        "A line lasts until the log's next line: two notebooks run at a time, and then the "
        "pages beside the reader's report, so a line's seconds may be shared by two steps. "
        "CPU (above) is the user and system seconds of every process the measurement ran, "
        "kernels included.",
        steps_table(r["j1"]),
        *(["## Errors", *errors] if errors else []),
    ]) + "\n"  # fmt: skip


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def update_readme(block: str) -> None:
    head, start, rest = README.read_text(encoding="utf-8").partition(MARKERS[0])
    _, end, foot = rest.partition(MARKERS[1])
    if not (start and end):
        raise SystemExit(f"error: README.md needs {MARKERS[0]} followed by {MARKERS[1]}")
    write_text(README, f"{head}{start}\n{block}\n{end}{foot}")


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--quick", action="store_const", const=1, dest="runs", help="one run")
    parser.add_argument("--no-setup", action="store_true", help="skip timing `make env`")
    parser.add_argument("--update-readme", action="store_true", help="targets into README.md")
    args = parser.parse_args()
    if args.runs < 1 or not (VENV / ".installed").exists():
        parser.error("needs --runs of at least 1, and .venv/bin/python to run it (make env)")
    load_before, r = load_average(), {k: Result(name) for k, (name, _) in MEASUREMENTS.items()}
    r["setup"].error = "not measured: --no-setup" if args.no_setup else ""
    with tempfile.TemporaryDirectory(prefix="eastwest-bench-") as tmp:
        snap = snapshot(Path(tmp) / "snapshot")
        plan = plans(r, snap, Path(tmp))
        for group in GROUPS:
            if r["j1"].error and group in AFTER_J1:
                r[group].error = "not measured: the clean -j1 build failed"
            measure(args.runs, *((r[key], *plan[key]) for key in group.split()))
    add_notes(r)
    # This script runs in the project's environment: its versions are the build's.
    versions = ", ".join(
        [f"Python {platform.python_version()}", *(f"{name} {version(name)}" for name in PACKAGES)]
    )
    write_text(ROOT / "bench" / "results.md", document(r, versions, load_before, args.runs))
    print(targets_table(r))
    if args.update_readme:
        update_readme(f"From `make bench`; bench/results.md has the details.\n\n{targets_table(r)}")
    return 1 if any(result.failed for result in r.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
