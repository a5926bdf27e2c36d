"""The reviewers' pages' step: ``python -m eastwest.publish.page_step EXECUTED... --page-inputs
FILE...`` renders ``report/notebooks/NN_name.html`` beside each executed notebook that needs it.

A page is rendered again when its executed copy, one of the ``--page-inputs`` (its templates) or
a module that draws it (``eastwest.publish.pages`` and its imports) changed. When make runs one
job, the notebook step (``execute``) renders each page while the next notebook runs, and this
step finds them current; with more jobs, notebooks run side by side and this step renders the
pages while the reader's step renders the report.
"""

import argparse
import functools
import sys
from pathlib import Path

from eastwest import cache, paths
from eastwest.paths import shown

Record = tuple[str, str, dict[str, str], list[Path]]


@functools.cache
def _page_code() -> tuple[Path, ...]:
    # The modules that draw a page, followed through their imports: no hand-kept list.
    return tuple(cache.package_imports("import eastwest.publish.pages"))


def _page_key(executed: Path, page_inputs: list[str]) -> tuple[str, dict[str, str]]:
    inputs = cache.digests([executed, *page_inputs, *_page_code()])
    return cache.key_of(inputs=inputs), inputs


def render_page(executed: Path, page_inputs: list[str], step: int) -> Record | None:
    """Write the page beside ``executed`` unless it is current; return its record, to save."""
    page = executed.with_suffix(".html")
    key, inputs = _page_key(executed, page_inputs)
    if cache.up_to_date(page.name, key):
        return None
    cache.announce(step, f"render {shown(page)}")
    from eastwest.publish.pages import write_page

    try:
        write_page(executed)
    except ValueError as err:
        raise SystemExit(f"error: {err}") from None
    return (page.name, key, inputs, [page])


def page_step(executed: Path) -> int:
    """The page's step number in the build log: after the data and every notebook's run."""
    return int(executed.name[:2]) + 1 + len(list(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.publish.page_step",
        description="Render the page of each executed notebook, if needed.",
    )
    parser.add_argument("executed", type=Path, nargs="+", help="report/notebooks/NN_name.ipynb")
    parser.add_argument("--page-inputs", nargs="*", default=[], help="files the pages read")
    args = parser.parse_args(argv)
    cache.lean_imports()
    # No font helper (helper.helper_process): make runs this step beside the reader's, whose
    # helper the two cores are better spent on.
    for executed in (path.resolve() for path in args.executed):
        if record := render_page(executed, args.page_inputs, page_step(executed)):
            cache.save(*record)
    cache.touch(path.with_suffix(".html") for path in args.executed)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl-C: make says so, and a traceback adds nothing
        raise SystemExit(130) from None
