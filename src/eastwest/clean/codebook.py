"""The curated codebook: one entry per indicator, each tied to the exact words that state it."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from eastwest import paths
from eastwest.clean.article import Article
from eastwest.clean.csv_check import check_csv
from eastwest.clean.fields import codebook_fields
from eastwest.errors import InputError


@dataclass(frozen=True)
class Located:
    """Where an entry's quote and figure stand in the article."""

    quote_offset: int
    figure_offset: int


def load_codebook(path: Path = paths.CODEBOOK) -> pd.DataFrame:
    """The codebook, each row checked against the field dictionary (ids, categories, units)."""
    check_csv(path, codebook_fields(), unique=("indicator",))
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def locate(entry: pd.Series, article: Article) -> Located:
    """Find the entry's quote (exactly once) in the article and its figure in the quote."""
    indicator, quote, figure = entry["indicator"], entry["quote"], entry["figure"]
    count = article.text.count(quote)
    if count == 0:
        raise InputError(f"codebook: indicator {indicator}: quote {quote!r} is not in the article")
    if count > 1:
        raise InputError(
            f"codebook: indicator {indicator}: quote {quote!r} occurs {count} times in the "
            "article; lengthen it until it is unique"
        )
    if quote.count(figure) != 1:
        raise InputError(
            f"codebook: indicator {indicator}: figure {figure!r} must occur exactly once "
            f"in its quote {quote!r}"
        )
    quote_offset = article.text.index(quote)
    part = article.part_at(quote_offset)
    if part != int(entry["part"]):
        raise InputError(
            f"codebook: indicator {indicator}: quote {quote!r} stands in part {part}, "
            f"not part {entry['part']}"
        )
    return Located(quote_offset, quote_offset + quote.index(figure))
