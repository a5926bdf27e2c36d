"""The reader's report: ``python -m eastwest.build.reader html|pdf INPUT...`` (the rule's
prerequisites) writes ``report/report.html`` or ``report/report.pdf`` from the executed
notebooks when an input changed."""

import sys

from eastwest import paths
from eastwest.atomic import write_bytes, write_text
from eastwest.build import records

OUTPUTS = {"html": paths.REPORT / "report.html", "pdf": paths.REPORT / "report.pdf"}


def render(kind: str) -> None:
    from eastwest.publish.assemble import assemble
    from eastwest.publish.document import Inputs

    notebooks = sorted(paths.EXECUTED.glob("[0-9][0-9]_*.ipynb"))
    records.announce(f"render {paths.shown(OUTPUTS[kind])}")
    if kind == "html":
        from eastwest.publish.html_audit import checked
        from eastwest.publish.screen_nav import screen_navigation

        page = screen_navigation(assemble(notebooks, Inputs()))
        write_text(OUTPUTS[kind], checked(page, OUTPUTS[kind].name))
    else:
        from eastwest.publish.pdf import render_pdf

        write_bytes(OUTPUTS[kind], render_pdf(assemble(notebooks, Inputs(), graphics="png")))


if __name__ == "__main__":
    kind, inputs = sys.argv[1], sys.argv[2:]
    # The charts are read from figures/ whatever the rule lists, so that the key is the same
    # in a clean build and every later one.
    charts = sorted(paths.FIGURES.glob("*.svg")) + sorted(paths.FIGURES.glob("*.png"))
    output = OUTPUTS[kind]
    records.step([*inputs, *charts], {output.name: [output]}, lambda _stale: render(kind))
