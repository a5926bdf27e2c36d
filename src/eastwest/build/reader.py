"""The reader's report: ``python -m eastwest.build.reader INPUT...`` (the rule's prerequisites)
writes ``report/report.html`` and ``report/report.pdf`` from the executed notebooks, each when an
input changed. One process for both: they share the document's assembly and its font subsets."""

import sys

from eastwest import paths
from eastwest.atomic import write_bytes, write_text
from eastwest.build import records

HTML, PDF = paths.REPORT / "report.html", paths.REPORT / "report.pdf"


def render(stale: list[str]) -> None:
    from eastwest.publish import TEMPLATES
    from eastwest.publish.assemble import assemble
    from eastwest.publish.catalogs import untranslated
    from eastwest.publish.document import Inputs
    from eastwest.publish.html_audit import checked
    from eastwest.publish.pdf import render_pdf
    from eastwest.publish.screen_nav import screen_navigation

    if missing := untranslated(sorted(TEMPLATES.glob("*.toml"))):  # the glossary
        raise ValueError(
            "the glossary changed; make catalogs, then translate:\n" + "\n".join(missing)
        )
    notebooks = sorted(paths.EXECUTED.glob("[0-9][0-9]_*.ipynb"))
    if HTML.name in stale:
        records.announce(f"render {paths.shown(HTML)}")
        page = screen_navigation(assemble(notebooks, Inputs()))
        write_text(HTML, checked(page, HTML.name))
    if PDF.name in stale:
        records.announce(f"render {paths.shown(PDF)}")
        write_bytes(PDF, render_pdf(assemble(notebooks, Inputs(), graphics="png")))


if __name__ == "__main__":
    # The charts are read from figures/ whatever the rule lists, so that the key is the same
    # in a clean build and every later one.
    charts = sorted(paths.FIGURES.glob("*.svg")) + sorted(paths.FIGURES.glob("*.png"))
    records.step([*sys.argv[1:], *charts], {HTML.name: [HTML], PDF.name: [PDF]}, render)
