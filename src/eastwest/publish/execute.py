"""Execute one notebook into its executed copy and render its page, each only when needed.

``python -m eastwest.publish.execute notebooks/03_labour.ipynb report/notebooks/03_labour.ipynb
--inputs FILE... --page-inputs FILE...``

writes ``report/notebooks/03_labour.ipynb`` and ``report/notebooks/03_labour.html``.

The notebook runs again only when something that can change its results changed, as
jupyter-cache decides: its code cells and their metadata, its kernel, the ``--inputs`` files it
reads, and the package's modules it imports (found from its import statements). make only
decides when to ask (see ``eastwest.cache``). When only Markdown changed, the new Markdown is
merged into the executed copy, which gives the bytes a full run would give. The page is
rendered again when the executed copy, one of the ``--page-inputs`` (its templates) or a module
that draws it (``eastwest.publish.pages`` and its imports) changed. Both happen in
one process, whose page imports load while the kernel runs.

The executed copy carries no timings and no volatile metadata, so that a rebuild gives the same
bytes. Each notebook runs in a fresh kernel. A cell that raises stops the build: the notebook,
the cell number and the error go to stderr, the exit status is non-zero and the previous
executed copy is left as it was.
"""

import argparse
import json
import os
import sys
import tempfile
import threading
from pathlib import Path

from eastwest import cache
from eastwest.atomic import WRITE_LOG, write_text
from eastwest.paths import ROOT

KERNEL = "eastwest"
TIMEOUT_S = 600


# ---------------------------------------------------------------------------------------------
# What can change the results


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def kernel_name(notebook: dict) -> str:
    return notebook.get("metadata", {}).get("kernelspec", {}).get("name") or KERNEL


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


# ---------------------------------------------------------------------------------------------
# Running it


def _serialize(nb) -> str:
    import nbformat

    nb.metadata.pop("widgets", None)
    # The kernel's exact Python version: the record is the same under every supported Python.
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)
    return nbformat.writes(nb) + "\n"


def execute(source: Path, while_running=None) -> tuple[str, list[Path]]:
    """Run ``source`` in a fresh kernel; return the executed copy's text and the files it wrote.

    ``while_running`` is called in a thread once the executor is imported (two threads importing
    the same package at once can see it half-initialised).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if while_running:
        threading.Thread(target=while_running, daemon=True).start()

    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name=kernel_name(nb),
        record_timing=False,
        # The kernel's own warnings (TCP without encryption on loopback) are noise in a build log.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(source.parent)}},
    )
    with tempfile.TemporaryDirectory(prefix="eastwest-writes-") as tmp:
        log = Path(tmp) / "written"
        log.touch()
        os.environ[WRITE_LOG] = str(log)  # the kernel inherits it and eastwest.atomic appends
        try:
            client.execute()
        except CellExecutionError as err:
            index = next(
                (
                    i
                    for i, c in enumerate(nb.cells)
                    if any(o.get("output_type") == "error" for o in c.get("outputs", []))
                ),
                None,
            )
            where = f"cell {index + 1} of {len(nb.cells)}" if index is not None else "a cell"
            if err.ename == "InputError":  # a refused input: its message names file, line, column
                raise SystemExit(f"error: {_shown(source)}: {where}: {err.evalue}") from None
            raise SystemExit(f"error: {_shown(source)}: {where} raised\n{err}") from None
        finally:
            del os.environ[WRITE_LOG]
        written = {Path(line) for line in log.read_text(encoding="utf-8").splitlines()}
    inside = sorted(p for p in written if p.is_file() and p.is_relative_to(ROOT))
    return _serialize(nb), inside


def merged(source: Path, executed: Path) -> str:
    """``source``'s cells with the outputs of its executed copy, whose code is the same.

    What a run would give: nbclient changes nothing but the code cells' outputs and counts and
    the notebook's ``language_info``.
    """
    import nbformat

    nb = nbformat.read(source, as_version=4)
    done = nbformat.read(executed, as_version=4)
    todo = [cell for cell in nb.cells if cell.cell_type == "code"]
    ran = [cell for cell in done.cells if cell.cell_type == "code"]
    if [cell.source for cell in todo] != [cell.source for cell in ran]:
        raise ValueError(f"{_shown(executed)} does not hold the code of {_shown(source)}")
    for cell, old in zip(todo, ran, strict=True):
        cell.outputs = old.outputs
        cell.execution_count = old.execution_count
    if "language_info" in done.metadata:
        nb.metadata["language_info"] = done.metadata["language_info"]
    return _serialize(nb)


def _shown(path: Path) -> str:
    return cache.relative(path) if path.resolve().is_relative_to(ROOT) else str(path)


def _step(source: Path) -> int:
    """This notebook's step number in the build log (step 1 is the data)."""
    return int(source.name[:2]) + 1


# ---------------------------------------------------------------------------------------------
# The page


def _preload_page_imports() -> None:
    """Import what the page needs while the kernel runs: the parent waits on it anyway."""
    try:
        import nbconvert.exporters  # noqa: F401

        import eastwest.publish.pages  # noqa: F401
    except Exception:  # the import in render_page reports it properly
        pass


def render_page(executed: Path, page_inputs: list[str], step: int) -> bool:
    """Write the page beside ``executed`` unless it is current; return whether it was written."""
    page = executed.with_suffix(".html")
    # The modules that draw the page, followed through their imports: no hand-kept list.
    code = cache.package_imports("import eastwest.publish.pages")
    inputs = cache.digests([executed, *page_inputs, *code])
    key = cache.key_of(inputs=inputs)
    if cache.up_to_date(page.name, key):
        return False
    cache.announce(step, f"render {_shown(page)}")
    from eastwest.publish.pages import write_page

    try:
        write_page(executed)
    except ValueError as err:
        raise SystemExit(f"error: {err}") from None
    cache.save(page.name, key, inputs, [page])
    return True


# ---------------------------------------------------------------------------------------------


def build(source: Path, target: Path, inputs: list[str], page_inputs: list[str]) -> None:
    notebook = json.loads(source.read_text(encoding="utf-8"))
    digests = cache.digests([*inputs, *code_inputs(notebook)])
    key = execution_key(notebook, digests)
    record = cache.load(target.name)
    source_digest = cache.file_digest(source)
    steps = len(list(source.parent.glob("[0-9][0-9]_*.ipynb")))
    if record.key == key and cache.outputs_intact(record):
        if record.extra.get("source") != source_digest:
            text = merged(source, target)
            if text.encode("utf-8") != target.read_bytes():
                cache.announce(_step(source), f"merge the Markdown of {_shown(source)}")
                write_text(target, text)
            cache.save(target.name, key, digests, record.outputs, source=source_digest)
    else:
        why = cache.changed_inputs(target.name, digests) if record.key else []
        because = f" ({', '.join(why[:3])}{', …' if len(why) > 3 else ''} changed)" if why else ""
        cache.announce(_step(source), f"execute {_shown(source)}{because}")
        text, written = execute(source, while_running=_preload_page_imports)
        write_text(target, text)
        cache.save(target.name, key, digests, [target, *written], source=source_digest)
    render_page(target, page_inputs, _step(source) + steps)
    # Also the figures and tables the notebook wrote: the Makefile lists them as targets too.
    written = [ROOT / name for name in cache.load(target.name).outputs]
    cache.touch([target, target.with_suffix(".html"), *written])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.publish.execute",
        description="Execute a notebook into its executed copy and render its page, if needed.",
    )
    parser.add_argument("source", type=Path, help="notebooks/NN_name.ipynb")
    parser.add_argument("target", type=Path, help="report/notebooks/NN_name.ipynb")
    parser.add_argument("--inputs", nargs="*", default=[], help="files the notebook reads")
    parser.add_argument("--page-inputs", nargs="*", default=[], help="files the page reads")
    args = parser.parse_args(argv)
    cache.lean_imports()
    build(args.source.resolve(), args.target.resolve(), args.inputs, args.page_inputs)


if __name__ == "__main__":
    main(sys.argv[1:])
