"""The curated codebook: one entry per indicator, each tied to the exact words that state it."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from eastwest import paths
from eastwest.errors import InputError
from eastwest.source import Article

COLUMNS = [
    "indicator", "series", "name_en", "name_zh", "category", "part", "quote", "figure", "unit",
    "period_start", "period_end", "period_note", "region_from", "region_to", "note",
]  # fmt: skip
REQUIRED = ["indicator", "name_en", "name_zh", "category", "part", "quote", "figure", "unit"]
CATEGORIES = {
    "funding", "labour", "training", "exchange", "infrastructure", "social", "pairing",
    "livelihood", "governance", "technology",
}  # fmt: skip
ID_PATTERN = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Located:
    """Where an entry's quote and figure stand in the article."""

    quote_offset: int
    figure_offset: int


def load_codebook(path: Path = paths.CODEBOOK) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != COLUMNS:
        raise InputError(
            f"{path.name}: columns {list(frame.columns)} differ from the expected {COLUMNS}"
        )
    for column in REQUIRED:
        empty = frame.loc[frame[column].str.strip() == "", "indicator"].tolist()
        if empty:
            raise InputError(f"{path.name}: empty {column!r} for indicator(s) {empty}")
    duplicated = sorted(set(frame.loc[frame["indicator"].duplicated(), "indicator"]))
    if duplicated:
        raise InputError(f"{path.name}: duplicate indicator id(s) {duplicated}")
    bad_ids = frame.loc[~frame["indicator"].str.match(ID_PATTERN), "indicator"].tolist()
    if bad_ids:
        raise InputError(f"{path.name}: indicator ids must be snake_case: {bad_ids}")
    bad = frame.loc[~frame["category"].isin(CATEGORIES), ["indicator", "category"]]
    if len(bad):
        raise InputError(
            f"{path.name}: unknown category for {bad.values.tolist()}; "
            f"expected one of {sorted(CATEGORIES)}"
        )
    for column in ("part", "period_start", "period_end"):
        bad = frame.loc[~frame[column].str.fullmatch(r"\d*"), ["indicator", column]]
        if len(bad):
            raise InputError(f"{path.name}: {column} must be a whole number: {bad.values.tolist()}")
    return frame


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
