"""The reviewers' pages: ``python -m eastwest.build.page EXECUTED... --templates FILE...`` renders
``report/notebooks/NN_name.html`` beside each executed notebook whose page is stale: its executed
copy, a template or a module that draws it (``eastwest.publish.pages`` and its imports)
changed."""

import argparse
import sys
from pathlib import Path

from eastwest.build import records
from eastwest.paths import shown


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.build.page", description="Render each notebook's page if needed."
    )
    parser.add_argument("executed", type=Path, nargs="+", help="report/notebooks/NN_name.ipynb")
    parser.add_argument("--templates", nargs="*", default=[], help="the files the pages read")
    args = parser.parse_args(argv)
    code = records.package_imports("import eastwest.publish.pages")
    for executed in args.executed:
        page = executed.with_suffix(".html")

        def render(_stale: list[str], executed: Path = executed, page: Path = page) -> None:
            from eastwest.publish.pages import write_page

            records.announce(f"render {shown(page)}")
            write_page(executed.resolve())

        records.step([executed, *args.templates, *code], {page.name: [page]}, render)


if __name__ == "__main__":
    main(sys.argv[1:])
