"""East–West poverty-alleviation cooperation (东西扶贫协作): data, charts and report helpers."""

import sys

__version__ = "0.1.0"


def _interrupted_quietly(kind, value, traceback) -> None:
    if not issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, traceback)
    # Python then ends the process by SIGINT, as for any Ctrl-C: make says "Interrupt".


def _is_build_step(argv: list[str]) -> bool:
    """Whether this process is one of the build's steps, ``python -m eastwest....``."""
    return "-m" in argv[:-1] and argv[argv.index("-m") + 1].startswith("eastwest.")


# A step stopped by Ctrl-C ends without a traceback wherever the signal lands, in its imports
# too, which come before any handler of its own; make reports the interrupt. Other programs
# that import the package keep Python's own handling.
if _is_build_step(sys.orig_argv):
    sys.excepthook = _interrupted_quietly
