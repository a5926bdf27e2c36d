"""Every path the project reads or writes, built on one root.

The root is the checkout this package was imported from, or ``EASTWEST_ROOT`` when set, so
that a copy of the project (as the reproduction test makes) reads and writes only its own files.
"""

import os
from pathlib import Path

ROOT = Path(os.environ.get("EASTWEST_ROOT") or Path(__file__).resolve().parents[2]).resolve()

DATA = ROOT / "data"
RAW = DATA / "raw"
EXTERNAL = DATA / "external"
PROCESSED = DATA / "processed"

ARTICLE = RAW / "article.txt"
ARTICLE_SHA256 = RAW / "article.txt.sha256"
CODEBOOK = DATA / "codebook.csv"
NUMBER_DECISIONS = DATA / "number_decisions.csv"
REGIONS = DATA / "regions.csv"
OFFICIAL_TOTALS = EXTERNAL / "official_totals.csv"
SOURCES = DATA / "sources.csv"

INDICATORS = PROCESSED / "indicators.csv"
NUMBER_AUDIT = PROCESSED / "number_audit.csv"
TOTALS = PROCESSED / "totals_2014_2016.csv"
DATAPACKAGE = PROCESSED / "datapackage.json"

NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
REPORT = ROOT / "report"
EXECUTED = REPORT / "notebooks"


def shown(path: Path) -> str:
    """The path as messages give it: relative to the project root (data/...), else as it is."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
