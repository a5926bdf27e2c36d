"""The article's two cumulative totals compared: 1996–2014 (part 2) against '20 years' (part 1).

Part 2 (Guangming Daily, 2015-11-28) counts 1996–2014; part 1 (Xinhua, 2016-07-21) says only
"20年来", so the years the increase spans depend on where the '20 years' ended. Each reading of
that end gives its own implied yearly amount, and the table keeps them side by side.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from eastwest import paths
from eastwest.analysis import check_text, checks
from eastwest.analysis.external import (
    BEFORE_PLAN_12,
    FIRST_REVIEW,
    PLAN_12,
    PROGRAMME_START,
    official,
    own_term,
    series_name_en,
    short_publisher,
)
from eastwest.analysis.tables import derived, texts_beside
from eastwest.atomic import write_csv
from eastwest.clean.fields import NOT_APPLICABLE, PERIOD_END_READINGS, TOTALS_COLUMNS
from eastwest.clean.indicators import indicator_row
from eastwest.edition import bilingual
from eastwest.formats import (
    MISSING,
    YI,
    count_word,
    fmt_percent,
    format_number,
    month_year,
    period,
    times_as_much,
    yi,
    yi_first,
)

EARLIER_PART, LATER_PART = 2, 1  # part 2 was published first
EARLIER_END = 2014  # the table's columns are named for part 2's stated period, 1996–2014


@dataclass(frozen=True)
class PeriodEnd:
    """One reading of where the '20 years' ended."""

    label: str
    last_year: int
    share_of_last_year: float  # 0.5: the period stops halfway through last_year
    reading: str

    def years_covered(self) -> float:
        return self.last_year - PROGRAMME_START + self.share_of_last_year


_READINGS = (
    (2015, 1.0, "'20 years' as 1996–2015, counted inclusively: the end inferred from the "
     "December 2016 briefing"),
    (2016, 0.5, "to mid-2016, when Xinhua published the total: an alternative reading"),
    (2016, 1.0, "1996–2016, twenty years counted from 1996: an alternative reading"),
)  # fmt: skip
# Labelled as the field dictionary's allowed values of period_end_assumed.
PERIOD_ENDS = tuple(
    PeriodEnd(label, *reading)
    for label, reading in zip(PERIOD_END_READINGS, _READINGS, strict=True)
)


def programme_totals(indicators: pd.DataFrame) -> pd.DataFrame:
    """The article's programme-wide cumulative totals: counted from 1996, of a named series."""
    rows = indicators[
        (indicators["period_start"] == PROGRAMME_START) & (indicators["series"] != "")
    ]
    return rows[rows["part"].isin([EARLIER_PART, LATER_PART])]


def _one(rows: pd.DataFrame, part: int) -> pd.Series | None:
    rows = rows[rows["part"] == part]
    if len(rows) > 1:
        raise ValueError(f"series {rows['series'].iloc[0]}: {len(rows)} totals in part {part}")
    return rows.iloc[0] if len(rows) else None


def _name_en(row: pd.Series, indicators: pd.DataFrame) -> str:
    name = series_name_en(row["name_en"])
    # "Of which at provincial level" needs the total it is part of to stand alone.
    parent = row["note"].removeprefix("part of ")
    if name.startswith("Of which") and parent in set(indicators["indicator"]):
        parent_row = indicators[indicators["indicator"] == parent].iloc[0]
        name = f"{series_name_en(parent_row['name_en'])}: {name[0].lower()}{name[1:]}"
    return name


def covered_years(start: int, end: int) -> int:
    """Years from start to end, both counted: 1996–2014 is 19 years."""
    return int(end) - int(start) + 1


def _years(row: pd.Series) -> int:
    return covered_years(row["period_start"], row["period_end"])


def _base(series, earlier, later, indicators) -> dict:
    named = earlier if earlier is not None else later
    return {
        "series": series,
        "name_en": _name_en(named, indicators),
        "name_zh": own_term(named["name_zh"]),
        "unit": named["unit"],
        "indicator_1996_2014": "" if earlier is None else earlier["indicator"],
        "indicator_20_years": "" if later is None else later["indicator"],
        "value_1996_2014": None if earlier is None else earlier["value"],
        "value_20_years": None if later is None else later["value"],
        "yearly_average_1996_2014": None if earlier is None else earlier["value"] / _years(earlier),
    }


def _term_caveat(earlier, later) -> str:
    terms = own_term(later["name_zh"]), own_term(earlier["name_zh"])
    if terms[0] == terms[1]:
        return ""
    return f"; terms differ slightly: {terms[0]} (part 1), {terms[1]} (part 2)"


def _comparable_rows(base: dict, earlier, later) -> list[dict]:
    difference = later["value"] - earlier["value"]
    rows = []
    for end in PERIOD_ENDS:
        added_years = end.years_covered() - _years(earlier)
        implied = difference / added_years
        rows.append(base | {
            "difference": difference,
            "growth_ratio": difference / earlier["value"],
            "period_end_assumed": end.label,
            "added_years": added_years,
            "implied_yearly_added": implied,
            "ratio_to_yearly_average": implied / base["yearly_average_1996_2014"],
            "comparable": True,
            "reason": end.reading + _term_caveat(earlier, later),
        })  # fmt: skip
    return rows


def _single_row(base: dict, earlier, later) -> dict:
    if later is None:
        reason = ("only the 1996–2014 total (part 2) reports it; the '20 years' total "
                  "(part 1) gives no figure to compare")  # fmt: skip
    else:
        reason = ("only the '20 years' total (part 1) reports it; the 1996–2014 total "
                  "(part 2) gives no figure to compare")  # fmt: skip
    return base | {"period_end_assumed": NOT_APPLICABLE, "comparable": False, "reason": reason}


def compare_totals(indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per series and reading of the '20 years' end; a single 'n/a' row for a series
    found in only one of the two totals.

    Order: the series in both totals first, then those in one only, each group in the order of
    the indicator table; the readings in the order of PERIOD_ENDS.
    """
    totals = programme_totals(indicators)
    both, single = [], []
    for series in dict.fromkeys(totals["series"]):
        rows = totals[totals["series"] == series]
        earlier, later = _one(rows, EARLIER_PART), _one(rows, LATER_PART)
        if earlier is not None and earlier["period_end"] != EARLIER_END:
            raise ValueError(f"{earlier['indicator']}: a part 2 total not ending in {EARLIER_END}")
        base = _base(series, earlier, later, indicators)
        if earlier is not None and later is not None:
            both.extend(_comparable_rows(base, earlier, later))
        else:
            single.append(_single_row(base, earlier, later))
    frame = pd.DataFrame(both + single, columns=TOTALS_COLUMNS)
    frame["comparable"] = frame["comparable"].astype(bool)
    for column in ("value_1996_2014", "value_20_years", "difference", "growth_ratio",
                   "yearly_average_1996_2014", "added_years", "implied_yearly_added",
                   "ratio_to_yearly_average"):  # fmt: skip
        frame[column] = frame[column].astype("float64")
    return frame


def write_totals(frame: pd.DataFrame, path=paths.TOTALS) -> None:
    if list(frame.columns) != TOTALS_COLUMNS:
        raise ValueError(
            f"totals columns {list(frame.columns)} differ from the schema {TOTALS_COLUMNS}"
        )
    write_csv(path, frame)


def readings_table(totals: pd.DataFrame, series: str = "fiscal_aid") -> pd.DataFrame:
    """The readings of the '20 years' end side by side, in 亿元, for one comparable series."""
    rows = totals[(totals["series"] == series) & totals["comparable"]]
    readings = {end.label: end.reading.split(":")[0] for end in PERIOD_ENDS}
    # Two decimals: the totals themselves have one, in 亿元.
    return pd.DataFrame({
        "'20 years' end": rows["period_end_assumed"],
        "Reading": rows["period_end_assumed"].map(readings),
        "Years added after 2014": rows["added_years"],
        "Implied yearly amount (亿元)": (rows["implied_yearly_added"] / YI).round(2),
        "1996–2014 yearly average (亿元)": (rows["yearly_average_1996_2014"] / YI).round(2),
        "Ratio to the 1996–2014 average": rows["ratio_to_yearly_average"].round(2),
    }).reset_index(drop=True)  # fmt: skip


def _shown(values: pd.Series, indicator_ids: pd.Series, indicators: pd.DataFrame) -> pd.Series:
    """Values as text with the decimals each needs, '+' where the article says 多 or 余."""
    at_least = set(indicators.loc[indicators["qualifier"] == "at_least", "indicator"])
    return pd.Series([
        format_number(value) + ("+" if indicator in at_least else "")
        if pd.notna(value) else MISSING
        for value, indicator in zip(values, indicator_ids, strict=True)
    ], index=values.index)  # fmt: skip


def totals_overview(totals: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per series for reading: amounts of money in 亿元, everything else as counted."""
    rows = totals.drop_duplicates("series")
    scale = rows["unit"].map({"yuan": YI}).fillna(1.0)
    earlier, later = rows["indicator_1996_2014"], rows["indicator_20_years"]
    no_indicator = pd.Series("", index=rows.index)  # a difference is never a lower bound
    return pd.DataFrame({
        "Series": rows["name_en"] + " " + rows["name_zh"],
        "Unit": rows["unit"].replace({"yuan": "亿元"}),
        # As text, each with the decimals it needs: 118.2亿元 beside 6,643,000 person-times.
        "1996–2014 (part 2)": _shown(rows["value_1996_2014"] / scale, earlier, indicators),
        "'20 years' (part 1)": _shown(rows["value_20_years"] / scale, later, indicators),
        "Difference": _shown(rows["difference"] / scale, no_indicator, indicators),
        "Growth": rows["growth_ratio"].map(lambda g: MISSING if pd.isna(g) else f"{g:+.2%}"),
        "Reported in": [
            "both totals" if both else "1996–2014 only" if pd.notna(early) else "'20 years' only"
            for both, early in zip(rows["comparable"], rows["value_1996_2014"], strict=True)
        ],
    }).reset_index(drop=True)  # fmt: skip


# --- What the chapter says -------------------------------------------------------------------

# The article's own words about its periods, quoted as it writes them.
NINETEEN, STATISTICS, THEN, BEGUN, TWENTY = (
    "19年来", "据统计,1996年至2014年", "20年前的苏玉莲", "1996年党中央", "20年来",
)  # fmt: skip


def _text(name: str, **numbers: object) -> str:
    return texts_beside(__file__)[name].format(**numbers)


@bilingual
def fiscal_totals_paragraph(table: pd.DataFrame, totals: pd.DataFrame) -> str:
    """Section 2.1: the one quantity both parts total, and how far apart the totals are."""
    fiscal = totals[totals["comparable"]].drop_duplicates("series").squeeze()
    earlier, later = (
        indicator_row(table, fiscal[key]) for key in ("indicator_1996_2014", "indicator_20_years")
    )
    return _text(
        "fiscal_totals",
        term_earlier=own_term(earlier["name_zh"]),
        term_later=own_term(later["name_zh"]),
        earlier=yi_first(earlier["value"]),
        earlier_years=period(PROGRAMME_START, int(earlier["period_end"])),
        later=yi_first(later["value"]),
        difference=derived(yi_first(fiscal["difference"])),
        growth=derived(fmt_percent(fiscal["growth_ratio"])),
    )


@bilingual
def wording_paragraph(article_text: str, sources: pd.DataFrame, pace) -> str:
    """Section 2.2: why the article's own counts of years cannot place the end."""
    said = date.fromisoformat(sources.loc["part2", "published"]).year
    written = date.fromisoformat(sources.loc["part1", "published"]).year
    elapsed = said - PROGRAMME_START
    quotes = (NINETEEN, STATISTICS, THEN, BEGUN, TWENTY)
    if not all(quote in article_text for quote in quotes) or f"{elapsed}年来" != NINETEEN:
        raise ValueError("the article's counts of years are no longer as this paragraph quotes")
    return _text(
        "wording",
        nineteen=NINETEEN,
        statistics=STATISTICS,
        said=said,
        start=PROGRAMME_START,
        elapsed=elapsed,
        earlier_years=period(PROGRAMME_START, pace.earlier_last),
        written=written,
        then=THEN,
        begun=BEGUN,
        twenty=TWENTY,
        end=pace.end,
    )


@bilingual
def pace_intro_paragraph(pace, plan: pd.Series) -> str:
    """Section 2.3, before Figure 1: what the split rests on."""
    return _text(
        "pace_intro",
        end=pace.end,
        briefing=month_year(plan["published"]),
        plan_years=period(*PLAN_12),
        plan=yi_first(plan["value"]),
    )


@bilingual
def pace_paragraph(pace, sources: pd.DataFrame) -> str:
    """Section 2.3, after Figure 1: the pace of fiscal aid, and what it rests on."""
    return _text(
        "pace",
        before_yearly=derived(yi_first(pace.yearly_upto_2010)),
        before_years=period(*BEFORE_PLAN_12),
        recent_yearly=derived(yi_first(pace.yearly_plan_before_end)),
        recent_years=period(PLAN_12[0], pace.earlier_last),
        step=derived(times_as_much(pace.step)),
        end=pace.end,
        added=derived(yi(pace.added)),
        rise=derived(fmt_percent(pace.rise_over_recent)),
        to_mean=derived(times_as_much(pace.last_to_mean)),
        earlier_years=period(PROGRAMME_START, pace.earlier_last),
        mean=derived(yi(pace.mean_1996_2014)),
        plan_years=period(*PLAN_12),
        written=date.fromisoformat(sources.loc["part1", "published"]).year,
        added_plain=yi(pace.added),
    )


def holds_paragraph(end: int) -> str:
    """What the comparison holds to and what it does not (the reviewers' record)."""
    return _text("holds", end=end, first=PLAN_12[0])


@bilingual
def cross_checks_paragraph(results: list[checks.Check], official_totals: pd.DataFrame) -> str:
    """Section 2.4's opening: which checks test the article, and whose figures they use."""
    independent = [c for c in results if check_text.RESTS_ON[c.key] == check_text.INDEPENDENT]
    if [c.key for c in independent] != ["d"]:
        raise ValueError("the checks that test the article are no longer (d) alone")
    review = official(official_totals, "labour_export", *FIRST_REVIEW)
    plan = official(official_totals, "labour_export", *PLAN_12)
    return _text(
        "cross_checks",
        checks=count_word(len(results)),
        tests=count_word(len(independent)).capitalize(),
        independent=independent[0].key,
        review=short_publisher(review["publisher"]),
        review_year=review["published"][:4],
        briefing=month_year(plan["published"]),
    )
