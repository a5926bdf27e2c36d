"""The reader's report: ``python -m eastwest.build.reader INPUT...`` (the rule's prerequisites)
writes each edition's HTML and PDF from the executed notebooks, ``report/report.html`` and
``report/report.pdf`` in English and ``report/zh/`` in Chinese, each when one of its inputs
changed. One process for all: they share the imports and the fonts. An edition's inputs are the
rule's, less the other editions' catalogs and charts: a changed translation renders its own
edition alone."""

import sys
from functools import partial
from pathlib import Path

from eastwest import paths
from eastwest.atomic import write_bytes, write_text
from eastwest.build import records
from eastwest.edition import EDITIONS, LOCALE, catalog_path

FOLDERS = {"en": paths.REPORT, "zh": paths.REPORT / "zh"}
CHART_FOLDERS = {"en": paths.FIGURES, "zh": paths.FIGURES / "zh"}


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
    from eastwest.publish.assemble import assemble, other_edition
    from eastwest.publish.catalogs import misplaced, untranslated
    from eastwest.publish.document import Inputs
    from eastwest.publish.html_audit import checked
    from eastwest.publish.pdf import render_pdf
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
    up = "../" * len(folder.relative_to(paths.REPORT).parts)
    if html.relative_to(paths.REPORT).as_posix() in stale:
        records.announce(f"render {paths.shown(html)}")
        page = assemble(notebooks, Inputs(), name=name)
        link = other_edition_link(*other_edition(name), name)
        page = screen_navigation(page, f"{up}notebooks", name, link)
        write_text(html, checked(page, html.name))
    if pdf.relative_to(paths.REPORT).as_posix() in stale:
        records.announce(f"render {paths.shown(pdf)}")
        write_bytes(pdf, render_pdf(assemble(notebooks, Inputs(), graphics="png", name=name)))


if __name__ == "__main__":
    for edition in EDITIONS:
        records.step(inputs(edition, sys.argv[1:]), outputs(edition), partial(render, edition))
