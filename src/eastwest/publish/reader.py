"""The reader's step: ``python -m eastwest.publish.reader INPUT...`` writes ``report/report.html``
and ``report/report.pdf`` from the executed notebooks, each only when its inputs changed.

One step for both: they share their font subsets, and the PDF is set in a helper process, while
the HTML is written when both are due. The INPUTs are the rule's prerequisites (see
``eastwest.cache``).
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from eastwest import cache, paths
from eastwest.atomic import write_bytes, write_text

if TYPE_CHECKING:  # the step decides whether to work before it imports anything heavy
    from eastwest.publish.document import Inputs

HTML, PDF = paths.REPORT / "report.html", paths.REPORT / "report.pdf"


def executed_notebooks(directory: Path = paths.EXECUTED) -> list[Path]:
    return sorted(directory.glob("[0-9][0-9]_*.ipynb"))


def _inputs(inputs: "Inputs | None") -> "Inputs":
    from eastwest.publish.document import Inputs

    return Inputs() if inputs is None else inputs


def printed_html(notebooks: list[Path], inputs: "Inputs | None" = None) -> str:
    """The HTML that becomes report.pdf: the reader's report with the charts as PNG."""
    from eastwest.publish.assemble import assemble

    return assemble(notebooks, _inputs(inputs), graphics="png")


def write_report_html(notebooks: list[Path], out_dir: Path, inputs: "Inputs | None" = None) -> None:
    from eastwest.publish.assemble import assemble
    from eastwest.publish.html_audit import checked
    from eastwest.publish.screen_nav import screen_navigation

    page = screen_navigation(assemble(notebooks, _inputs(inputs)))
    write_text(out_dir / "report.html", checked(page, "report.html"))


def _render(stale: list[str]) -> None:
    from eastwest.publish.helper import beside, helper_process
    from eastwest.publish.pdf import load_weasyprint, render_pdf

    notebooks = executed_notebooks()
    with helper_process():
        pdf = None
        if HTML.name in stale:
            cache.announce(cache.total_steps() - 1, "render report/report.html")
        if PDF.name in stale:
            beside(load_weasyprint)  # imported there while this process assembles the HTML
            printed = printed_html(notebooks)  # cuts the fonts, which the HTML then reads back
            cache.announce(cache.total_steps(), "render report/report.pdf")
            pdf = beside(render_pdf, printed)  # set there while the HTML is written here
        if HTML.name in stale:
            write_report_html(notebooks, paths.REPORT)
        if pdf is not None:
            write_bytes(PDF, pdf.result())


if __name__ == "__main__":
    # The charts are read from figures/ whatever the rule lists: a clean build has no records
    # yet to list them by, and the key must be the same then as in every later build.
    charts = sorted(paths.FIGURES.glob("*.svg")) + sorted(paths.FIGURES.glob("*.png"))
    inputs = [*sys.argv[1:], *charts]
    cache.rerun_if_changed(inputs, {HTML.name: [HTML], PDF.name: [PDF]}, _render)
