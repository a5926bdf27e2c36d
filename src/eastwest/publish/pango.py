"""Pango, the one system library the build needs that pip cannot install (WeasyPrint uses it).

Where it is missing, WeasyPrint's import prints a banner and raises an OSError from deep inside
cffi. The PDF step and setup say instead, in one line, which package to install.
``python -m eastwest.publish.pango`` checks it (setup runs it and only warns: everything but
the PDF builds without Pango).
"""

import contextlib
import io
import sys

INSTALL = (
    "install it (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; Fedora: "
    "dnf install pango; macOS: brew install pango; conda: conda install pango)"
)


def pango_problem() -> str | None:
    """Why WeasyPrint cannot load Pango and what to install, in one line; None when it can."""
    try:
        # WeasyPrint prints a troubleshooting banner to stdout before it raises.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
    except OSError as err:
        quoted = str(err).split("'")
        library = quoted[1] if len(quoted) > 2 else "Pango"
        return f"the PDF needs the system library Pango ({library} cannot be loaded); {INSTALL}"
    return None


def require_pango() -> None:
    """Stop the program with that one line where Pango is missing."""
    problem = pango_problem()
    if problem:
        raise SystemExit(f"error: {problem}")


def main() -> int:
    problem = pango_problem()
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
