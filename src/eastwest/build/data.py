"""The data step, ``make data``: ``python -m eastwest.build.data INPUT...`` (the rule's
prerequisites) cleans the article's figures into ``data/processed/`` when an input changed."""

import sys

from eastwest import paths
from eastwest.build import records

OUTPUTS = [paths.INDICATORS, paths.NUMBER_AUDIT, paths.DATAPACKAGE]


def _build(_stale: list[str]) -> None:
    from eastwest.clean.build import main

    records.announce("clean figures -> data/processed/")
    if status := main():
        raise SystemExit(status)


if __name__ == "__main__":
    records.step(sys.argv[1:], {"data": OUTPUTS}, _build)
