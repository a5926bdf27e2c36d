"""Stage 3, ``make report``: the notebooks executed, their reviewers' pages, the reader's HTML and
its PDF. ``execute`` runs the notebooks, ``page_step`` renders their pages, ``reader`` writes the
report. The templates the pages and the report are drawn from are read here."""

from functools import cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


@cache
def template(name: str) -> str:
    """A file of ``templates/``, as text."""
    return (TEMPLATES / name).read_text(encoding="utf-8")
