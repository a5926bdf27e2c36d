"""The build's PDF step in a fresh interpreter, timed by phase, then its render once more with
every font subset cut (not part of the total); prints one JSON object.

    .venv/bin/python bench/probes.py

bench/run.py runs it with the working directory and EASTWEST_ROOT at a scratch copy, as the
build runs its steps, so that it reads that copy's executed notebooks.
"""

import importlib
import json
import tempfile
import time
from pathlib import Path


def pdf(fonts: Path) -> dict[str, float]:
    """The reader's PDF in a fresh interpreter, timed by phase (the file is not written), with
    the font cache in the empty folder ``fonts``, as a clean build's step has it."""
    start = time.perf_counter()
    from eastwest import cache, stored

    stored.CACHE = fonts
    cache.lean_imports()  # as the build's step does before its imports
    from eastwest.publish.pdf import render_pdf
    from eastwest.publish.reader import executed_notebooks, printed_html

    # printed_html imports this on its first call: here, so that imports are all in one phase.
    importlib.import_module("eastwest.publish.assemble")
    imported = time.perf_counter()
    html = printed_html(executed_notebooks())
    assembled = time.perf_counter()
    render_pdf(html)
    rendered = time.perf_counter()
    # The least a PDF step can take: WeasyPrint imported, every subset in the cache.
    render_pdf(html)
    again = time.perf_counter()
    return {
        "imports": imported - start,
        "html": assembled - imported,
        "weasyprint": rendered - assembled,
        "weasyprint again": again - rendered,
        "total": rendered - start,
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="eastwest-probe-") as folder:
        print(json.dumps(pdf(Path(folder))))
