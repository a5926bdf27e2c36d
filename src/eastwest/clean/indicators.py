"""From codebook and article to the indicator table: every value parsed from its quote."""

import pandas as pd

from eastwest import paths
from eastwest.clean.article import Article, load_article
from eastwest.clean.codebook import load_codebook, locate
from eastwest.clean.fields import COUNT_UNITS, INDICATOR_COLUMNS
from eastwest.errors import InputError

# The parser's qualifiers as the table writes them; its ranges become range_low and range_high.


def _unit(indicator: str, parsed_unit: str, declared: str, figure: str) -> str:
    if parsed_unit == declared or (parsed_unit in COUNT_UNITS and declared in COUNT_UNITS):
        return declared
    raise InputError(
        f"codebook: indicator {indicator}: figure {figure!r} is in {parsed_unit}, "
        f"but the codebook declares {declared}"
    )


def build(article: Article, codebook: pd.DataFrame) -> pd.DataFrame:
    """One row per figure (a range gives two: range_low and range_high), in codebook order."""
    # Imported here: the number parser is slow to import, and loading the table needs none of it.
    from eastwest.clean.quantities import QuantityError, parse_quantity

    rows = []
    for _, entry in codebook.iterrows():
        located = locate(entry, article)
        try:
            quantity = parse_quantity(entry["figure"])
        except QuantityError as err:
            raise InputError(
                f"codebook: indicator {entry['indicator']}: quote {entry['quote']!r}: {err}"
            ) from None
        unit = _unit(entry["indicator"], quantity.unit, entry["unit"], entry["figure"])
        base = entry.to_dict() | {
            "unit": unit,
            "quote_offset": located.quote_offset,
            "figure_offset": located.figure_offset,
        }
        if quantity.qualifier == "range":
            rows.append(base | {"value": quantity.low, "qualifier": "range_low"})
            rows.append(base | {"value": quantity.high, "qualifier": "range_high"})
        else:
            rows.append(base | {"value": quantity.low, "qualifier": quantity.qualifier})
    frame = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
    for column in ("part", "period_start", "period_end"):
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame


def build_from_files() -> pd.DataFrame:
    return build(load_article(), load_codebook())


def load(path=None) -> pd.DataFrame:
    """The published indicator table, with whole-number columns as nullable integers."""
    frame = pd.read_csv(
        path or paths.INDICATORS,
        dtype={"value": "float64"},
        keep_default_na=False,
        na_values={"period_start": [""], "period_end": [""]},
    )
    for column in ("part", "period_start", "period_end", "quote_offset", "figure_offset"):
        frame[column] = frame[column].astype("Int64")
    return frame


def indicator_row(frame: pd.DataFrame, indicator: str, qualifier: str | None = None) -> pd.Series:
    """The one row of ``indicator`` (and ``qualifier``, for the two ends of a range)."""
    rows = frame[frame["indicator"] == indicator]
    if qualifier is not None:
        rows = rows[rows["qualifier"] == qualifier]
    if len(rows) != 1:
        which = indicator if qualifier is None else f"{indicator} ({qualifier})"
        raise KeyError(f"indicators: {len(rows)} rows for {which}, expected 1")
    return rows.iloc[0]


def value_of(frame: pd.DataFrame, indicator: str, qualifier: str | None = None) -> float:
    """The value of one indicator; KeyError naming it if absent or ambiguous."""
    return indicator_row(frame, indicator, qualifier)["value"]


def rows_by_id(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Each indicator's row by its id; a range (3000至5000元) by its low end, whose ``figure``
    is the whole range as written."""
    rows = frame[frame["qualifier"] != "range_high"]
    return {row["indicator"]: row for _, row in rows.iterrows()}
