"""The build's steps besides the notebooks, each done only when its inputs changed.

``python -m eastwest.build data|reader INPUT...`` is what the Makefile runs: ``data`` writes
``data/processed/``, ``reader`` the reader's ``report/report.html`` and ``report/report.pdf``
(one process for both: they share their imports and the CJK font subset). The INPUTs are the
rule's prerequisites; when they hash as they did when an output was written and the output is
intact, it is only touched, for make (see ``eastwest.cache``). Nothing heavy is imported before
that check.
"""

import argparse
import sys

from eastwest import cache, paths


def _data() -> None:
    from eastwest.build_data import main

    if status := main():
        raise SystemExit(status)


def _reader(html: bool, pdf: bool) -> None:
    """The reader's HTML and PDF in one process: the imports and the font subset are shared."""
    from eastwest.report import executed_notebooks, write_report_html, write_report_pdf

    notebooks = executed_notebooks()
    if html:
        cache.announce(cache.total_steps() - 1, "render report/report.html")
        write_report_html(notebooks, paths.REPORT)
    if pdf:
        cache.announce(cache.total_steps(), "render report/report.pdf")
        write_report_pdf(notebooks, paths.REPORT)


DATA = [paths.INDICATORS, paths.NUMBER_AUDIT, paths.DATAPACKAGE]
HTML, PDF = paths.REPORT / "report.html", paths.REPORT / "report.pdf"


def run(step: str, inputs: list[str]) -> list[str]:
    """Do what ``step`` needs doing; return the names of the outputs it wrote."""
    digests = cache.digests(inputs)
    key = cache.key_of(inputs=digests)
    outputs = {"data": DATA, "reader": [HTML, PDF]}[step]
    records = {"data": {"data": DATA}, "reader": {HTML.name: [HTML], PDF.name: [PDF]}}[step]
    stale = [name for name in records if not cache.up_to_date(name, key)]
    if stale:
        cache.lean_imports()
        try:
            if step == "data":
                cache.announce(1, "clean figures -> data/processed/")
                _data()
            else:
                _reader(html=HTML.name in stale, pdf=PDF.name in stale)
        except ValueError as err:
            raise SystemExit(f"error: {err}") from None
        for name in stale:
            cache.save(name, key, digests, records[name])
    cache.touch(outputs)
    return stale


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eastwest.build", description=__doc__)
    parser.add_argument("step", choices=["data", "reader"])
    parser.add_argument("inputs", nargs="*", help="the files the step reads")
    args = parser.parse_args(argv)
    run(args.step, args.inputs)


if __name__ == "__main__":
    main(sys.argv[1:])
