"""Measure the build against doing it by hand; write bench/results.md.

    python bench/run.py [--runs N | --quick] [--no-cold] [--no-profile] [--update-readme]

(``make bench`` runs it with the project's environment.) Every build happens in scratch copies
of the project's files in a temporary folder, never in this checkout, which others may be
building in. The copies borrow the environment this script runs in, except the setup
measurements, which create their own. Each measurement is the median of N runs (3 by default);
results are compared as ratios, since absolute seconds depend on the machine.
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
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
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
    """Run ``cmd``; return its wall-clock seconds and output, or raise Failed."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            cmd,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise Failed(f"`{' '.join(cmd)}` timed out after {COMMAND_TIMEOUT_S} s") from err
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise Failed(f"`{' '.join(cmd)}` exited {done.returncode}:\n{tail(done.stdout)}")
    return seconds, done.stdout


def make(copy: Path, venv: Path, *args: str, env: dict[str, str] | None = None) -> float:
    """Time ``make`` in ``copy`` with the borrowed environment ``venv``."""
    # --assume-old: a copy must never reinstall the environment it borrows from this checkout.
    cmd = ["make", f"VENV={venv}", f"--assume-old={venv / '.installed'}", *args]
    return run(cmd, copy, env or base_env())[0]


def make_env(copy: Path, venv: Path, env: dict[str, str]) -> float:
    """Time ``make env``, which creates ``venv`` from the lock."""
    return run(["make", f"VENV={venv}", "env"], copy, env)[0]


def python_json(venv: Path, copy: Path, code: str, *args: str) -> object:
    """Run ``code`` in the project's interpreter and environment; it prints one JSON value."""
    out = run([str(venv / "bin" / "python"), "-c", code, *args], copy, project_env(copy, venv))[1]
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

    def full(copy: Path, jobs: str) -> float:
        make(copy, venv, "clean")
        return make(copy, venv, jobs, "report")

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
    return {key: result for key, (result, _) in plan.items()} | {"build_copy": build}


def measure_incremental(copy: Path, venv: Path, runs: int, full_ok: bool) -> list[Result]:
    noop_name = "no-op `make report`"
    changed = changed_notebook(copy)
    change_name = f"`touch notebooks/{changed.name}; make report`"
    if not full_ok:
        why = "the full rebuild failed"
        return [skipped(noop_name, why), skipped(change_name, why)]

    def after_touch() -> float:
        os.utime(changed)
        return make(copy, venv, "report")

    return [
        measure(noop_name, runs, lambda: make(copy, venv, "report")),
        measure(change_name, runs, after_touch, "re-executes that notebook, then the report"),
    ]


PDF_SNIPPET = """
import json, sys, time
from pathlib import Path
from eastwest.pdf import render_pdf
from eastwest.report import executed_notebooks, printed_html
start = time.perf_counter()  # WeasyPrint's import counts: render_pdf does it, as in the build
render_pdf(printed_html(executed_notebooks()))  # the build's PDF step, without the file write
print(json.dumps(time.perf_counter() - start))
"""


def measure_pdf(copy: Path, venv: Path, runs: int) -> Result:
    name = "PDF render alone (`render_pdf(printed_html(...))`, the build's PDF step)"
    html = copy / "report" / "report.html"
    if not html.exists():
        return skipped(name, "report/report.html was not built")
    probe = "import json, eastwest.pdf as p; print(json.dumps(hasattr(p, 'render_pdf')))"
    try:
        separate = python_json(venv, copy, probe)
    except Failed:
        separate = False
    if not separate:
        # Without a separate PDF function the closest is the whole report step.
        command = [str(venv / "bin" / "python"), "-m", "eastwest.report"]
        return measure(
            "PDF render (`python -m eastwest.report`, the whole report step)",
            runs,
            lambda: run(command, copy, project_env(copy, venv))[0],
            "eastwest.pdf.render_pdf not found: timed the whole report step instead",
        )
    return measure(
        name,
        runs,
        lambda: python_json(venv, copy, PDF_SNIPPET, str(html)),
        "a fresh interpreter each run, as in the build",
    )


PARSER_SNIPPET = """
import json, sys, time
from pathlib import Path
from eastwest.quantities import find_quantities
article = Path(sys.argv[1]).read_text(encoding="utf-8")
runs, sizes = int(sys.argv[2]), [int(x) for x in sys.argv[3:]]
line = len((article + "\\n").encode("utf-8"))
texts = {size: "\\n".join([article] * -(-size // line)) for size in sizes}
find_quantities(article)  # compiles the patterns and fills the caches outside the timing
times = {size: [] for size in sizes}
for _ in range(runs):
    for size, text in texts.items():  # interleaved, so a burst of load hits both sizes
        start = time.perf_counter()
        find_quantities(text)
        times[size].append(time.perf_counter() - start)
print(json.dumps([[len(texts[s].encode("utf-8")), times[s]] for s in sizes]))
"""
# A run of the parser takes under a second, so it always gets enough runs for a steady median.
PARSER_MIN_RUNS = 5


def measure_parser(copy: Path, venv: Path, runs: int) -> list[Result]:
    """``find_quantities`` on the article repeated to 1 MB and to 10 MB, in one process."""
    article = copy / "data" / "raw" / "article.txt"
    results = [Result(f"quantity parser, article repeated to {mb} MB") for mb in (1, 10)]
    progress("[bench] quantity parser, 1 MB and 10 MB ...", end="")
    try:
        args = (str(article), str(max(runs, PARSER_MIN_RUNS)), str(MB), str(10 * MB))
        got = python_json(venv, copy, PARSER_SNIPPET, *args)
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


SUBSETTER_SNIPPET = """
import ctypes, ctypes.util, json, warnings
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
version = None
lib = ctypes.util.find_library("harfbuzz")
if lib:
    fn = ctypes.CDLL(lib).hb_version_string
    fn.restype = ctypes.c_char_p
    version = fn().decode()
try:
    from eastwest.pdf import subsetter
    project_says = subsetter()
except Exception:
    project_says = None
print(json.dumps({
    "harfbuzz": version,
    "subset_library_loaded": harfbuzz_subset is not None,
    "uses_harfbuzz": bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0)),
    "project_says": project_says,
}))
"""

PROFILE_SNIPPET = """
import cProfile, json, pstats, sys
from pathlib import Path
from eastwest.pdf import render_pdf
from eastwest.report import executed_notebooks, printed_html
html = printed_html(executed_notebooks())
profile = cProfile.Profile()
profile.runcall(render_pdf, html)
stats = pstats.Stats(profile).stats
total = pstats.Stats(profile).total_tt
subset = sum(ct for (path, _, fn), (_, _, _, ct, _) in stats.items()
             if fn in ("_fonttools_subset", "_harfbuzz_subset") and "weasyprint" in path)
fonttools = sum(tt for (path, _, _), (_, _, tt, _, _) in stats.items() if "fontTools" in path)
print(json.dumps({"total": total, "subset": subset, "fonttools_self": fonttools}))
"""


def subsetter_facts(copy: Path, venv: Path, profile: bool) -> dict:
    """Which font subsetter WeasyPrint picks here and, profiled once, what it costs."""
    facts: dict = {}
    progress("[bench] WeasyPrint's font subsetter ...", end="")
    try:
        facts.update(python_json(venv, copy, SUBSETTER_SNIPPET))
        html = copy / "report" / "report.html"
        if profile and html.exists():
            facts["profile"] = python_json(venv, copy, PROFILE_SNIPPET, str(html))
        elif profile:
            facts["profile_error"] = "report/report.html was not built"
    except Exception as err:
        facts["error"] = str(err)
    progress(" " + ("failed" if "error" in facts else subsetter_name(facts)))
    return facts


def subsetter_name(facts: dict) -> str:
    if "uses_harfbuzz" not in facts:
        return "unknown"
    return "HarfBuzz (libharfbuzz-subset)" if facts["uses_harfbuzz"] else "fontTools"


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


VERSIONS_SNIPPET = """
import json, platform
from importlib.metadata import version
names = ["pandas", "matplotlib", "nbconvert", "weasyprint", "fonttools", "uv"]
found = {"Python": platform.python_version()}
for name in names:
    try:
        found[name] = version(name)
    except Exception:
        found[name] = "not installed"
print(json.dumps(found))
"""


def versions(venv: Path, copy: Path) -> dict[str, str]:
    try:
        found = python_json(venv, copy, VERSIONS_SNIPPET)
    except Failed as err:
        found = {"versions": f"unknown ({err})"}
    make_version = run(["make", "--version"], copy, base_env())[1].splitlines()[0]
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
    full, j2, hand, noop, change = r["j1"], r["j2"], r["hand"], r["noop"], r["change"]
    pdf, setup, p1, p10 = r["pdf"], r["setup"], r["parser1"], r["parser10"]
    # By hand nothing is incremental, so after one change the by-hand time is its full time.
    after_change_vs_hand = replace(change, name="after one changed notebook, against by hand")
    rows = [
        (setup, None, ""),
        *[(c, ratio(c, setup), "warm setup") for c in r.get("cold", [])],
        (full, ratio(full, hand), "by hand"),
        (j2, ratio(j2, full), "full -j1"),
        (noop, ratio(noop, full), "full -j1"),
        (change, ratio(change, full), "full -j1"),
        (pdf, ratio(pdf, full), "full -j1"),
        (hand, None, ""),
        (after_change_vs_hand, ratio(change, hand), "by hand, which reruns everything"),
        (p1, None, ""),
        (p10, ratio(p10, p1), "1 MB (linear ≈ 10)"),
    ]
    targets = [
        (
            "no-op `make report` < 0.5 s",
            noop.median,
            lambda x: x < 0.5,
            f"{fmt_s(noop.median)} s",
        ),
        (
            "one changed chart notebook ≤ 0.4 × full rebuild",
            ratio(change, full),
            lambda x: x <= 0.4,
            f"{fmt(ratio(change, full))} ×",
        ),
        (
            "`-j2` full ≤ 0.7 × `-j1` full",
            ratio(j2, full),
            lambda x: x <= 0.7,
            f"{fmt(ratio(j2, full))} ×",
        ),
        (
            "full rebuild ≤ by hand",
            ratio(full, hand),
            lambda x: x <= 1,
            f"{fmt(ratio(full, hand))} ×",
        ),
        (
            "PDF render < 20% of full rebuild",
            ratio(pdf, full),
            lambda x: x < 0.2,
            f"{fmt(100 * ratio(pdf, full) if ratio(pdf, full) else None, 0)} %",
        ),
        ("setup from nothing < 90 s", setup.median, lambda x: x < 90, f"{fmt_s(setup.median)} s"),
        (
            "parser 10 MB / 1 MB time within 8–12",
            ratio(p10, p1),
            lambda x: 8 <= x <= 12,
            f"{fmt(ratio(p10, p1))}",
        ),
    ]
    return results_table(rows), targets_table(targets)


def subsetter_section(facts: dict, pdf: Result) -> str:
    if "error" in facts:
        return f"Could not be determined:\n\n```\n{facts['error']}\n```"
    lines = [
        f"WeasyPrint subsets fonts with **{subsetter_name(facts)}** here. It uses HarfBuzz only "
        "when `libharfbuzz-subset.so.0` loads and HarfBuzz is ≥ 4.1.0 "
        "(`weasyprint/pdf/fonts.py`, `Font.subset`; the library is opened with `allow_fail=True` "
        "in `weasyprint/text/ffi.py`), and otherwise falls back to fontTools.",
        "",
        f"- HarfBuzz: {facts.get('harfbuzz') or 'not found'}; libharfbuzz-subset "
        f"{'loaded' if facts.get('subset_library_loaded') else 'not installed'}",
    ]
    if facts.get("project_says"):
        lines.append(f"- `eastwest.pdf.subsetter()`: {facts['project_says']}")
    prof = facts.get("profile")
    if prof and prof["total"]:
        share = prof["subset"] / prof["total"]
        lines.append(
            f"- One render under cProfile: {prof['total']:.1f} s, of which subsetting "
            f"{prof['subset']:.1f} s ({100 * share:.0f} %); time inside fontTools' own code "
            f"(self time, all uses) {prof['fonttools_self']:.1f} s "
            f"({100 * prof['fonttools_self'] / prof['total']:.0f} %)."
        )
        if pdf.median is not None:
            lines.append(
                f"- Applied to the PDF render's median, subsetting is about "
                f"{share * pdf.median:.1f} s of {pdf.median:.1f} s (profiling inflates Python "
                "time, so this is an estimate)."
            )
    elif facts.get("profile_error"):
        lines.append(f"- Not profiled: {facts['profile_error']}")
    return "\n".join(lines)


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
        description="Measure the build against doing it by hand; write bench/results.md.",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--quick", action="store_true", help="one run each, to try it out")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-cache setup run")
    parser.add_argument("--no-profile", action="store_true", help="skip profiling the PDF render")
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
        results["noop"], results["change"] = measure_incremental(
            build_copy, venv, args.runs, full_ok=results["j1"].error is None
        )
        results["pdf"] = measure_pdf(build_copy, venv, args.runs)
        results["parser1"], results["parser10"] = measure_parser(build_copy, venv, args.runs)
        facts = subsetter_facts(build_copy, venv, profile=not args.no_profile)
        found = versions(venv, build_copy)

    table, targets = build_tables(results)
    flat = [r for key, r in results.items() if key != "cold"] + results["cold"]
    header = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); medians of the runs shown, in seconds.",
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
            "## Font subsetting in the PDF",
            "",
            subsetter_section(facts, results["pdf"]),
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
        update_readme(f"Measured on {machine_line}:\n\n{table}\n\n{targets}")
        progress(f"[bench] updated {README.name}")


if __name__ == "__main__":
    main()
