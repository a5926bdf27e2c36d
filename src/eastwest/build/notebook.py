"""A notebook's step: ``python -m eastwest.build.notebook notebooks/NN_name.ipynb --reads FILE...
--writes FILE...`` writes ``report/notebooks/NN_name.ipynb`` (the notebook executed, without
timings or volatile metadata) and the files it writes, all of which the Makefile names.

It runs the notebook only when its code cells, its kernel, the files it reads or the package's
modules it imports changed, as jupyter-cache decides; a Markdown change is merged into the
executed copy (the bytes a run gives). It reads the notebook as git stores it (``stored``). A
cell that raises, or a notebook that writes a file the Makefile does not name or leaves one out,
stops the step with a message, and nothing is written or recorded.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from eastwest.atomic import WRITE_LOG, kills_raise, write_text
from eastwest.build import records
from eastwest.build.notebook_filter import stored, stored_digest
from eastwest.paths import EXECUTED, ROOT, shown
from eastwest.publish.catalogs import misplaced, translations, untranslated

KERNEL = "eastwest"
TIMEOUT_S = 600
EXTRA_ARGUMENTS = [
    # The kernel's own warnings (TCP without encryption on loopback) are noise in a build log.
    "--IPKernelApp.log_level=ERROR",
    # IPython's history of every cell run, in a database in the user's home: a build writes
    # only its own outputs.
    "--HistoryManager.enabled=False",
]


def _code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook.get("cells", []) if cell.get("cell_type") == "code"]


def kernel_name(notebook: dict) -> str:
    return notebook.get("metadata", {}).get("kernelspec", {}).get("name") or KERNEL


def code_inputs(notebook: dict) -> list[Path]:
    """The package's modules the code imports, and its chart style."""
    code = "\n".join(cell.source for cell in _code_cells(notebook))
    # IPython's magics and shell escapes are not Python; they import nothing of ours.
    code = "\n".join("" if s.lstrip().startswith(("%", "!")) else s for s in code.split("\n"))
    style = sorted((records.PACKAGE / "analysis").glob("*.mplstyle"))
    return records.package_imports(code) + style


def execution_key(notebook: dict, inputs: dict[str, str]) -> str:
    """The hash of what decides a notebook's outputs; Markdown cells are not part of it."""
    code = [
        {
            "source": cell.source,
            "metadata": {k: v for k, v in cell.get("metadata", {}).items() if k != "execution"},
        }
        for cell in _code_cells(notebook)
    ]
    return records.key_of(code=code, kernel=kernel_name(notebook), inputs=inputs)


def serialize(nb) -> str:
    """The executed copy's text, without timings or volatile metadata."""
    import nbformat

    nb.metadata.pop("widgets", None)
    # The kernel's exact Python version: the record is the same under every supported Python.
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)
    return nbformat.writes(nb) + "\n"


def merged(source: Path, executed: Path) -> str:
    """``source``'s cells with the outputs of its executed copy, whose code is the same.

    What a run would give: nbclient changes nothing but the code cells' outputs and counts and
    the notebook's ``language_info``.
    """
    import nbformat

    nb = stored(source)
    done = nbformat.read(executed, as_version=4)
    todo, ran = _code_cells(nb), _code_cells(done)
    if [cell.source for cell in todo] != [cell.source for cell in ran]:
        raise ValueError(f"{shown(executed)} does not hold the code of {shown(source)}")
    for cell, old in zip(todo, ran, strict=True):
        cell.outputs, cell.execution_count = old.outputs, old.execution_count
    if "language_info" in done.metadata:
        nb.metadata["language_info"] = done.metadata["language_info"]
    return serialize(nb)


def _failure(source: Path, nb, err) -> str:
    """The build log's message for a cell that raised: notebook, cell number, error."""
    failed = [
        i
        for i, cell in enumerate(nb.cells)
        if any(o.get("output_type") == "error" for o in cell.get("outputs", []))
    ]
    where = f"cell {failed[0] + 1} of {len(nb.cells)}" if failed else "a cell"
    if err.ename == "InputError":  # a refused input: its message names file, line and column
        return f"error: {shown(source)}: {where}: {err.evalue}"
    return f"error: {shown(source)}: {where} raised\n{err}"


def execute(source: Path) -> tuple[str, set[Path]]:
    """The executed copy's text, and the files the kernel wrote (``atomic``'s write log)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    nb = stored(source)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name=kernel_name(nb),
        record_timing=False,
        extra_arguments=EXTRA_ARGUMENTS,
        resources={"metadata": {"path": str(source.parent)}},
        shutdown_kernel="immediate",
    )
    with tempfile.TemporaryDirectory(prefix="eastwest-") as folder:
        log = Path(folder) / "written"
        log.touch()
        # The kernel's own log, shown only if it dies: stopped mid-cell, a kernel prints
        # tracebacks of sockets closed under it.
        with open(Path(folder) / "stderr", "w+b") as stderr:
            try:
                _run_cells(client, env={**os.environ, WRITE_LOG: str(log)}, stderr=stderr)
            except CellExecutionError as err:
                raise SystemExit(_failure(source, nb, err)) from None
            except DeadKernelError:
                stderr.seek(0)
                said = stderr.read().decode("utf-8", "replace").strip().splitlines()[-20:]
                raise SystemExit(
                    "\n".join([f"error: {shown(source)}: the kernel died", *said])
                ) from None
        written = {Path(line) for line in log.read_text(encoding="utf-8").splitlines()}
    return serialize(nb), {p for p in written if p.is_file() and p.is_relative_to(ROOT)}


def _run_cells(client, **kernel_options) -> None:
    """What ``NotebookClient.execute()`` does, through nbclient's public steps, but without the
    handlers of Ctrl-C and kills that it adds: they shut the kernel down and then fail on it
    again, with a traceback. Here Ctrl-C and kills reach this process (``kills_raise``), and
    leaving ``setup_kernel`` shuts the kernel down."""
    client.reset_execution_trackers()
    with client.setup_kernel(**kernel_options):
        info = client.wait_for_reply(client.kc.kernel_info())
        client.nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(client.nb.cells):
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)


def run(source: Path, reads: list[str], writes: list[str]) -> None:
    target = EXECUTED / source.name
    notebook = stored(source)
    # Its English text must have its entry in each translation's catalog before anything is
    # made from it: its Markdown, and the sentences of the modules it imports.
    modules = code_inputs(notebook)
    sentences = [p for p in modules if p.suffix == ".toml" and p.parent.name == "analysis"]
    if stale := untranslated([source, *sentences]):
        raise SystemExit(
            "error: the English text changed, and its translations must follow (make catalogs, "
            "then translate the entries it marks):\n" + "\n".join(stale)
        )
    if wrong := misplaced(sentences):
        raise SystemExit("error: a translation does not keep its numbers:\n" + "\n".join(wrong))
    inputs = records.digests([*reads, *modules]) | translations(sentences)
    key = execution_key(notebook, inputs)
    digest = stored_digest(source)
    outputs = [target, *(ROOT / name for name in writes)]
    record = records.load(target.name)
    if records.current(target.name, key, outputs):
        if record.get("extra", {}).get("source") != digest:
            text = merged(source, target)
            if text.encode("utf-8") != target.read_bytes():
                records.announce(f"merge the Markdown of {shown(source)}")
                write_text(target, text)
            records.save(target.name, key, inputs, outputs, source=digest)
        records.touch(outputs)
        return
    why = records.changed(target.name, inputs) if record else []
    because = f" ({', '.join(why[:3])}{', …' if len(why) > 3 else ''} changed)" if why else ""
    records.announce(f"execute {shown(source)}{because}")
    text, written = execute(source)
    declared = {ROOT / name for name in writes}
    if undeclared := sorted(shown(p) for p in written - declared):
        raise SystemExit(
            f"error: {shown(source)} wrote {', '.join(undeclared)}, which the "
            "Makefile does not list among its outputs"
        )
    if missing := sorted(shown(p) for p in declared - written):
        raise SystemExit(
            f"error: {shown(source)} did not write {', '.join(missing)}, which "
            "the Makefile lists among its outputs"
        )
    write_text(target, text)
    records.save(target.name, key, inputs, outputs, source=digest)
    records.touch(outputs)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.build.notebook", description="Execute a notebook if needed."
    )
    parser.add_argument("source", type=Path, help="notebooks/NN_name.ipynb")
    parser.add_argument("--reads", nargs="*", default=[], help="the files it reads")
    parser.add_argument("--writes", nargs="*", default=[], help="the files it writes")
    args = parser.parse_args(argv)
    with kills_raise():
        run(args.source.resolve(), args.reads, args.writes)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl-C: make says so, and a traceback adds nothing
        raise SystemExit(130) from None
