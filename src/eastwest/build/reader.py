"""The reader's report: ``python -m eastwest.build.reader --edition NAME INPUT...`` (the rule's
prerequisites) writes one edition's HTML and PDF from the executed notebooks,
``report/report.html`` and ``report/report.pdf`` in English and ``report/zh/`` in Chinese, each
when one of its inputs changed. The edition's inputs are the rule's, less the other editions'
catalogs and charts: a changed translation renders its own edition alone. The HTML and the PDF
share one process, and the PDF the fonts the HTML embeds, cut once."""

import argparse
import sys
from functools import partial
from pathlib import Path

from eastwest import paths
from eastwest.atomic import write_bytes, write_text
from eastwest.build import records
from eastwest.edition import EDITIONS, LOCALE, catalog_path, report_folder

FOLDERS = {name: paths.REPORT / report_folder(name) for name in EDITIONS}
CHART_FOLDERS = {name: paths.FIGURES / report_folder(name) for name in EDITIONS}


def outputs(name: str) -> dict[str, list]:
    """Edition ``name``'s records (named for their output, relative to report/), each with the
    file it writes."""
    found = {}
    for suffix in ("html", "pdf"):
        path = FOLDERS[name] / f"report.{suffix}"
        found[path.relative_to(paths.REPORT).as_posix()] = [path]
    return found


def inputs(name: str, given: list[str]) -> list:
    """What edition ``name`` is made from: the rule's prerequisites but the catalogs, its charts
    (read from figures/ whatever the rule lists, so that the key is the same in a clean build and
    every later one) and its own catalog."""
    own = [catalog_path(name)] if name != "en" else []
    rule = [p for p in given if not Path(p).resolve().is_relative_to(LOCALE)]
    folder = CHART_FOLDERS[name]
    return [*rule, *sorted(folder.glob("*.svg")), *sorted(folder.glob("*.png")), *own]


def render(name: str, stale: list[str]) -> None:
    from eastwest.publish import TEMPLATES
    from eastwest.publish.assemble import assemble, other_edition, up
    from eastwest.publish.catalogs import misplaced, untranslated
    from eastwest.publish.document import Inputs
    from eastwest.publish.html_audit import checked
    from eastwest.publish.pdf import embedded_fonts, render_pdf
    from eastwest.publish.screen_nav import other_edition_link, screen_navigation

    if name != "en":
        words = sorted(TEMPLATES.glob("*.toml"))  # the report's own words and the glossary
        if missing := untranslated(words):
            raise ValueError(
                "the report's own words changed; make catalogs, then translate:\n"
                + "\n".join(missing)
            )
        if wrong := misplaced(words):
            raise ValueError("a translation does not keep its numbers:\n" + "\n".join(wrong))
    notebooks = sorted(paths.EXECUTED.glob("[0-9][0-9]_*.ipynb"))
    folder = FOLDERS[name]
    html, pdf = folder / "report.html", folder / "report.pdf"
    first = html if html.relative_to(paths.REPORT).as_posix() in stale else pdf
    records.announce(f"render {paths.shown(first)}")
    page = assemble(notebooks, Inputs(), name=name)
    if first == html:
        link = other_edition_link(*other_edition(name), name)
        page = screen_navigation(page, f"{up(name)}notebooks", name, link)
        write_text(html, checked(page, html.name))
    if pdf.relative_to(paths.REPORT).as_posix() in stale:
        if first != pdf:
            records.announce(f"render {paths.shown(pdf)}")
        # The PDF's copy sets its charts as PNG; its text is the HTML's, and so are its fonts.
        copy = assemble(notebooks, Inputs(), graphics="png", name=name, embed_font=False)
        write_bytes(pdf, render_pdf(copy, fonts=embedded_fonts(page)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m eastwest.build.reader")
    parser.add_argument("--edition", choices=list(EDITIONS), required=True)
    parser.add_argument("inputs", nargs="*", help="the rule's prerequisites")
    args = parser.parse_args(sys.argv[1:])
    name = args.edition
    records.step(inputs(name, args.inputs), outputs(name), partial(render, name))
