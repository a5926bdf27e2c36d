"""The data step: ``python -m eastwest.clean INPUT...``, run by ``make data``.

The INPUTs are the rule's prerequisites. When they hash as they did when the outputs were written
and the outputs are intact, the outputs are only touched, for make (see ``eastwest.cache``);
nothing heavy is imported before that check.
"""

import sys

from eastwest import cache, paths

OUTPUTS = [paths.INDICATORS, paths.NUMBER_AUDIT, paths.DATAPACKAGE]


def _build(_stale: list[str]) -> None:
    from eastwest.clean.build import main

    cache.announce(1, "clean figures -> data/processed/")
    if status := main():
        raise SystemExit(status)


if __name__ == "__main__":
    cache.rerun_if_changed(sys.argv[1:], {"data": OUTPUTS}, _build)
