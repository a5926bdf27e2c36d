"""Build the processed dataset from the article and the curated files.

``python -m eastwest.clean.build`` writes ``data/processed/indicators.csv``,
``number_audit.csv`` and ``datapackage.json``. Everything is checked before anything is
written, so bad input leaves the previous outputs untouched.
"""

import sys

from eastwest import paths
from eastwest.atomic import write_csv
from eastwest.clean.article import load_article
from eastwest.clean.audit import build_audit, load_decisions
from eastwest.clean.codebook import load_codebook
from eastwest.clean.fields import write_datapackage
from eastwest.clean.indicators import build
from eastwest.errors import InputError


def main() -> int:
    try:
        article = load_article()
        indicators = build(article, load_codebook())
        audit = build_audit(article, indicators, load_decisions(article))
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    write_csv(paths.INDICATORS, indicators)
    write_csv(paths.NUMBER_AUDIT, audit)
    write_datapackage()
    return 0


if __name__ == "__main__":
    sys.exit(main())
