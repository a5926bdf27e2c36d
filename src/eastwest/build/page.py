"""A reviewer's page: ``python -m eastwest.build.page report/notebooks/NN_name.ipynb --templates
FILE...`` renders ``report/notebooks/NN_name.html`` when its executed notebook, a template or a
module that draws it (``eastwest.publish.pages`` and its imports) changed."""

import argparse
import sys
from pathlib import Path

from eastwest.build import records
from eastwest.paths import shown


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.build.page", description="Render a notebook's page if needed."
    )
    parser.add_argument("executed", type=Path, help="report/notebooks/NN_name.ipynb")
    parser.add_argument("--templates", nargs="*", default=[], help="the files the page reads")
    args = parser.parse_args(argv)
    page = args.executed.with_suffix(".html")

    def render(_stale: list[str]) -> None:
        from eastwest.publish.pages import write_page

        records.announce(f"render {shown(page)}")
        write_page(args.executed.resolve())

    code = records.package_imports("import eastwest.publish.pages")
    records.step([args.executed, *args.templates, *code], {page.name: [page]}, render)


if __name__ == "__main__":
    main(sys.argv[1:])
