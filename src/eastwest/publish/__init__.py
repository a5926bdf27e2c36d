"""Stage 3, ``make report``: the reviewers' pages (``pages``), the reader's HTML (``assemble``) and
its PDF (``pdf``). The templates the pages and the report are drawn from are read here; the
steps that run them are ``eastwest.build``'s."""

from functools import cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def words() -> dict:
    """The report's own words (templates/report.toml) in the current edition."""
    from eastwest.analysis.tables import texts_beside

    return texts_beside(str(TEMPLATES / "report.toml"))


@cache
def template(name: str) -> str:
    """A file of ``templates/``, as text."""
    return (TEMPLATES / name).read_text(encoding="utf-8")
