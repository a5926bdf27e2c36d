"""The notebook stage: execute the notebooks that need it, in one process.

``python -m eastwest.publish.execute notebooks/01_clean_figures.ipynb ... --inputs FILE...
--page-inputs FILE...`` writes ``report/notebooks/NN_name.ipynb`` for each, and with one job
also its page, ``report/notebooks/NN_name.html``.

A notebook runs again only when something that can change its results changed, as
jupyter-cache decides: its code cells and their metadata, its kernel, the ``--inputs`` files it
reads, and the package's modules it imports (found from its import statements). make only
decides when to ask (see ``eastwest.cache``). When only Markdown changed, the new Markdown is
merged into the executed copy, which gives the bytes a full run would give.

Notebooks run in order, each in a fresh kernel (``kernels``): one at a time without make's
``-j``, one more than ``-j`` with it (``kernels_at_once``). With one job the process also
renders each page (``page_step.render_page``) while the next notebook runs, and pays the
imports of nbconvert and nbclient once for all of them; with more, notebooks run side by side
and the pages are left to ``page_step``, which make runs beside the reader's step.

The executed copy carries no timings and no volatile metadata, so that a rebuild gives the same
bytes. A cell that raises stops the stage: the notebook, the cell number and the error go to
stderr, the exit status is non-zero, and no record is saved, so that every output and record is
left as it was, and the next make looks again.
"""

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from eastwest import cache
from eastwest.atomic import kills_raise, write_text
from eastwest.paths import EXECUTED, ROOT, shown
from eastwest.publish.kernels import Kernels, kernel_name, serialize
from eastwest.publish.notebook_filter import stored, stored_digest
from eastwest.publish.page_step import render_page

# ---------------------------------------------------------------------------------------------
# What can change the results


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def code_inputs(notebook: dict) -> list[Path]:
    """The package's modules the code imports, and its chart style."""
    code = "\n".join(
        _text(cell.get("source", ""))
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
    )
    # IPython's magics and shell escapes are not Python; they import nothing of ours.
    code = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in code.split("\n")
    )
    style = sorted((Path(cache.__file__).parent / "analysis").glob("*.mplstyle"))
    return cache.package_imports(code) + style


def execution_key(notebook: dict, inputs: dict[str, str]) -> str:
    """The hash of what decides a notebook's outputs; Markdown cells are not part of it."""
    code = [
        {
            "source": _text(cell.get("source", "")),
            "metadata": {k: v for k, v in cell.get("metadata", {}).items() if k != "execution"},
        }
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
    ]
    return cache.key_of(code=code, kernel=kernel_name(notebook), inputs=inputs)


def merged(source: Path, executed: Path) -> str:
    """``source``'s cells with the outputs of its executed copy, whose code is the same.

    What a run would give: nbclient changes nothing but the code cells' outputs and counts and
    the notebook's ``language_info``.
    """
    import nbformat

    nb = nbformat.reads(json.dumps(stored(source)), as_version=4)
    done = nbformat.read(executed, as_version=4)
    todo = [cell for cell in nb.cells if cell.cell_type == "code"]
    ran = [cell for cell in done.cells if cell.cell_type == "code"]
    if [cell.source for cell in todo] != [cell.source for cell in ran]:
        raise ValueError(f"{shown(executed)} does not hold the code of {shown(source)}")
    for cell, old in zip(todo, ran, strict=True):
        cell.outputs = old.outputs
        cell.execution_count = old.execution_count
    if "language_info" in done.metadata:
        nb.metadata["language_info"] = done.metadata["language_info"]
    return serialize(nb)


# ---------------------------------------------------------------------------------------------
# What each notebook needs


@dataclass
class Plan:
    source: Path
    target: Path
    key: str
    inputs: dict[str, str]
    source_digest: str
    action: str  # "execute", "merge" or "" (up to date)
    why: str = ""

    @property
    def step(self) -> int:
        """This notebook's step number in the build log (step 1 is the data)."""
        return int(self.source.name[:2]) + 1


def plan(source: Path, target: Path, inputs: list[str]) -> Plan:
    # What git stores, not the working copy: a notebook run and saved in JupyterLab, with its
    # outputs, is the same notebook and its records stay as they are.
    notebook = stored(source)
    digests = cache.digests([*inputs, *code_inputs(notebook)])
    key = execution_key(notebook, digests)
    record = cache.load(target.name)
    source_digest = stored_digest(source)
    if record.key == key and cache.outputs_intact(record):
        action = "merge" if record.extra.get("source") != source_digest else ""
        return Plan(source, target, key, digests, source_digest, action)
    why = cache.changed_inputs(target.name, digests) if record.key else []
    because = f" ({', '.join(why[:3])}{', …' if len(why) > 3 else ''} changed)" if why else ""
    return Plan(source, target, key, digests, source_digest, "execute", because)


# ---------------------------------------------------------------------------------------------


def jobs_allowed(makeflags: str | None = None) -> int:
    """How many notebooks may run at once: make's ``-j`` (``-j`` alone: one per core)."""
    flags = os.environ.get("MAKEFLAGS", "") if makeflags is None else makeflags
    found = re.search(r"(?:^|\s)-j(\d*)(?=\s|$)", flags)
    if not found:
        return 1
    return int(found[1]) if found[1] else os.cpu_count() or 1


def kernels_at_once(jobs: int) -> int:
    """How many notebooks run side by side for make's ``jobs``: one more than that, when more
    than one.

    While the notebooks run, this is make's only step, and a kernel leaves its core idle part
    of the time (starting, and between cells). With two, the last notebook started only when
    the longest of the first two ended, and then ran alone on one core; with three it starts
    when the shortest ends. With one job the other core renders the pages (``build``).
    """
    return jobs + 1 if jobs > 1 else 1


def _font_helper(wanted: bool):
    """A second process for the pages' CJK fonts while the notebooks run (``helper``)."""
    from contextlib import nullcontext

    if not wanted:
        return nullcontext()
    from eastwest.publish.helper import helper_process

    return helper_process()


def build(sources: list[Path], inputs: list[str], page_inputs: list[str], jobs: int = 1) -> None:
    """Run what needs it; with one job, also render each page while the next notebook runs.

    With more jobs the pages are left to their own step (``page_step``), which make then runs
    beside the reader's step.
    """
    plans = [plan(source, EXECUTED / source.name, inputs) for source in sources]
    steps = len(plans)
    render_pages = jobs == 1
    records = []  # saved only once every notebook has run: a failed stage records nothing
    for p in plans:
        if p.action == "merge":
            text = merged(p.source, p.target)
            if text.encode("utf-8") != p.target.read_bytes():
                cache.announce(p.step, f"merge the Markdown of {shown(p.source)}")
                write_text(p.target, text)
            outputs = [ROOT / name for name in cache.load(p.target.name).outputs]
            records.append((p.target.name, p.key, p.inputs, outputs, p.source_digest))
    running = {p.source: p for p in plans if p.action == "execute"}

    def announce(source: Path) -> None:
        p = running[source]
        cache.announce(p.step, f"execute {shown(source)}{p.why}")

    kernels = Kernels(list(running), kernels_at_once(jobs), announce)
    pages = []
    with kills_raise(), _font_helper(render_pages and bool(running)):
        try:  # a kill ends the process through the finally below
            kernels.start()
            for p in plans:
                if p.action == "execute":
                    result = kernels.result(p.source)
                    if result.error:
                        raise SystemExit(result.error)
                    write_text(p.target, result.text)
                    outputs = [p.target, *result.written]
                    records.append((p.target.name, p.key, p.inputs, outputs, p.source_digest))
                if render_pages:
                    pages.append(render_page(p.target, page_inputs, p.step + steps))
        finally:
            kernels.stop()
    for name, key, found, outputs, source_digest in records:
        cache.save(name, key, found, outputs, source=source_digest)
    for page in filter(None, pages):
        cache.save(*page)
    # The executed copies first, then what was made from them, for make: each page (when
    # rendered here) and the figures and tables each notebook wrote, all targets of the rule.
    cache.touch(p.target for p in plans)
    if render_pages:
        cache.touch(p.target.with_suffix(".html") for p in plans)
    cache.touch(ROOT / name for p in plans for name in cache.load(p.target.name).outputs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.publish.execute",
        description="Execute the notebooks that need it and render their pages.",
    )
    parser.add_argument("sources", type=Path, nargs="+", help="notebooks/NN_name.ipynb")
    parser.add_argument("--inputs", nargs="*", default=[], help="files the notebooks read")
    parser.add_argument("--page-inputs", nargs="*", default=[], help="files the pages read")
    parser.add_argument(
        "--jobs", type=int, default=None, help="notebooks at once (default: make's -j, or 1)"
    )
    args = parser.parse_args(argv)
    jobs = args.jobs or jobs_allowed()
    cache.lean_imports()
    try:
        build([s.resolve() for s in args.sources], args.inputs, args.page_inputs, jobs)
    except KeyboardInterrupt:
        raise SystemExit(130) from None


if __name__ == "__main__":
    main(sys.argv[1:])
