"""From codebook and article to the indicator table: every value parsed from its quote."""

import pandas as pd

from eastwest import paths
from eastwest.codebook import load_codebook, locate
from eastwest.errors import InputError
from eastwest.quantities import QuantityError, parse_quantity
from eastwest.source import Article, load_article

# Generic count measure words (个, 所, 家...) leave the noun to the codebook: "1690个" are clinics.
COUNT_UNITS = {
    "count", "items", "institutions", "organisations", "buildings", "animals", "counties",
    "clinics", "projects", "schools", "hospitals", "provinces",
}  # fmt: skip

COLUMNS = [
    "indicator", "series", "name_en", "name_zh", "category", "part", "value", "unit", "qualifier",
    "figure", "quote", "quote_offset", "figure_offset", "period_start", "period_end",
    "period_note", "region_from", "region_to", "note",
]  # fmt: skip

QUALIFIERS = {"exact": "exact", "at_least": "at_least", "approx": "approx"}


def _unit(indicator: str, parsed_unit: str, declared: str, figure: str) -> str:
    if parsed_unit == declared or (parsed_unit in COUNT_UNITS and declared in COUNT_UNITS):
        return declared
    raise InputError(
        f"codebook: indicator {indicator}: figure {figure!r} is in {parsed_unit}, "
        f"but the codebook declares {declared}"
    )


def build(article: Article, codebook: pd.DataFrame) -> pd.DataFrame:
    """One row per figure (a range gives two: range_low and range_high), in codebook order."""
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
            rows.append(base | {"value": quantity.low, "qualifier": QUALIFIERS[quantity.qualifier]})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("part", "period_start", "period_end"):
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame


def load(path=paths.INDICATORS) -> pd.DataFrame:
    """The published indicator table, with whole-number columns as nullable integers."""
    frame = pd.read_csv(
        path,
        dtype={"value": "float64"},
        keep_default_na=False,
        na_values={"period_start": [""], "period_end": [""]},
    )
    for column in ("part", "period_start", "period_end", "quote_offset", "figure_offset"):
        frame[column] = frame[column].astype("Int64")
    return frame


def value_of(frame: pd.DataFrame, indicator: str, qualifier: str | None = None) -> float:
    """The value of one indicator; raise KeyError naming it if absent or ambiguous."""
    rows = frame[frame["indicator"] == indicator]
    if qualifier is not None:
        rows = rows[rows["qualifier"] == qualifier]
    if len(rows) != 1:
        raise KeyError(f"indicator {indicator!r} (qualifier {qualifier}): {len(rows)} rows")
    return rows["value"].iloc[0]


def build_from_files() -> pd.DataFrame:
    return build(load_article(), load_codebook())


def period_label(start, end, note: str = "") -> str:
    """'1996–2014', '2015', 'from 1996' or '' where the article gives no period."""
    if pd.isna(start) and pd.isna(end):
        return ""
    if pd.isna(end):
        return f"from {start}"
    if pd.isna(start) or start == end:
        return f"{end}"
    return f"{start}–{end}"


def display_value(value: float, qualifier: str) -> str:
    """Thousands separators, and '+' where the article says 多 or 余 (more than)."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    marks = {
        "at_least": "{}+",
        "approx": "≈{}",
        "range_low": "{} (low end)",
        "range_high": "{} (high end)",
    }
    return marks.get(qualifier, "{}").format(text)


def reading_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The indicator table as a reader wants it: names, figure as written, value, unit, period."""
    return pd.DataFrame(
        {
            "Indicator": frame["name_en"],
            "中文": frame["name_zh"],
            "As written": frame["figure"],
            "Value": [
                display_value(v, q) for v, q in zip(frame["value"], frame["qualifier"], strict=True)
            ],
            "Unit": frame["unit"],
            "Period": [
                period_label(s, e)
                for s, e in zip(frame["period_start"], frame["period_end"], strict=True)
            ],
            "Part": frame["part"],
        }
    )
