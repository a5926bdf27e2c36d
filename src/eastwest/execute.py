"""Execute one notebook into its executed copy, reproducibly.

``python -m eastwest.execute notebooks/03_labour.ipynb report/notebooks/03_labour.ipynb``

The executed copy carries no timings and no volatile metadata, so that a rebuild gives the same
bytes. A cell that raises stops the build: the notebook, the cell number and the error go to
stderr, the exit status is non-zero and the previous executed copy is left as it was.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from eastwest.atomic import write_text
from eastwest.paths import ROOT

KERNEL = "eastwest"
TIMEOUT_S = 600


def _strip_volatile(nb: nbformat.NotebookNode) -> None:
    nb.metadata.pop("widgets", None)
    # The kernel's exact Python version: the record is the same under every supported Python.
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)


def execute(source: Path, target: Path) -> None:
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", KERNEL),
        record_timing=False,
        # The kernel's own warnings (TCP without encryption on loopback) are noise in a build log.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(source.parent)}},
    )
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
        if err.ename == "InputError":  # refused input: its message names file, line and column
            raise SystemExit(f"error: {source.relative_to(ROOT)}: {where}: {err.evalue}") from None
        raise SystemExit(f"error: {source.relative_to(ROOT)}: {where} raised\n{err}") from None
    _strip_volatile(nb)
    write_text(target, nbformat.writes(nb) + "\n")


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit("usage: python -m eastwest.execute SOURCE.ipynb TARGET.ipynb")
    execute(Path(argv[0]).resolve(), Path(argv[1]).resolve())


if __name__ == "__main__":
    main(sys.argv[1:])
