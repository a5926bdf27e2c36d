"""The report's charts: one house style, reproducible files, and one function per chart.

Every chart function takes the indicators (``load_indicators()``) and returns a :class:`Chart`:
the Figure, the numbers it plots (one row per mark or written value, naming the indicators behind
it), an alt text built from those same numbers, and the figure's file name. No chart holds a
number of its own; every value comes from ``data/processed/indicators.csv``.

``publish()`` writes ``figures/<name>.png`` and ``.svg`` so that a rebuild gives the same bytes,
and shows the PNG in the notebook with the metadata the report assembler looks for.
"""

import base64
import io
import math
import re
import textwrap
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import NamedTuple

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager, patheffects
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

from eastwest import paths
from eastwest.atomic import write_bytes
from eastwest.fonts import CJK_FAMILY, cjk_font_path, environment_font_files
from eastwest.pairings import load_pairings, load_regions, with_coordinates

STYLE = Path(__file__).with_name("eastwest.mplstyle")
SOURCES = paths.SOURCES
FONT_FAMILY = ("DejaVu Sans", CJK_FAMILY)
PNG_DPI = 200

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies and in grey.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
# The article's own three channels of aid (政府援助、企业合作、社会帮扶) keep one colour each
# in every chart, so a reader learns them once.
ACTOR_COLOURS = {
    "government": OKABE_ITO["blue"],
    "enterprise": OKABE_ITO["orange"],
    "society": OKABE_ITO["green"],
    # Projects the article counts without saying who ran them (part 2: 实施合作项目).
    "cooperation": OKABE_ITO["purple"],
    # People: labour sent east, training, exchanges of officials.
    "people": OKABE_ITO["vermillion"],
}
PEOPLE = ACTOR_COLOURS["people"]
PEOPLE_PALE = "#F3C9A8"  # the same hue, for a quantity shown beside its part (trained, placed)
INK = "#333333"
MUTED = "#666666"
NOTE_INK = "#444444"  # darker than MUTED: notes are read, not glanced at
GUIDE = "#E3E3E3"
PALE = "#C9DDEB"

MONTHS_PER_YEAR = 12
YI = 100_000_000  # 亿
# Charts are drawn at the width they print at (the PDF's text is 6.54 inches wide), so type
# sizes are print sizes; notes at 8 pt stay readable. Characters of a note line at that size:
PRINT_WIDTH = 6.5
NOTE_SIZE = 8
NOTE_WIDTH = 104


# --------------------------------------------------------------------------------------------
# Style and fonts


@cache
def register_cjk_font() -> Path:
    """Make the environment's fonts the only ones matplotlib draws with, Noto Sans CJK SC added
    by path (no font-cache edits, no SimHei): a system's DejaVu or Noto CJK never stands in."""
    own = {path.resolve() for path in environment_font_files()}
    manager = font_manager.fontManager
    manager.ttflist = [font for font in manager.ttflist if Path(font.fname).resolve() in own]
    path = cjk_font_path()
    manager.addfont(str(path))  # also empties matplotlib's font-lookup cache
    return path


@contextmanager
def style():
    """The house style for the duration of a block.

    Chart functions and ``publish()`` both run inside it, because the inline backend may reset
    global rcParams between cells and some parameters (minus sign, SVG options) are read only
    at draw time.
    """
    register_cjk_font()
    with plt.style.context(STYLE), mpl.rc_context({"font.family": list(FONT_FAMILY)}):
        yield


def use_style() -> None:
    """Apply the house style globally, for figures made directly with pyplot."""
    register_cjk_font()
    plt.style.use(STYLE)
    mpl.rcParams["font.family"] = list(FONT_FAMILY)


# --------------------------------------------------------------------------------------------
# Data


def load_indicators(path=None) -> pd.DataFrame:
    """``data/processed/indicators.csv``, read as the indicators module publishes it."""
    # Imported here: the module's number parser is slow to import and only loading needs it.
    from eastwest import indicators

    return indicators.load(path or paths.INDICATORS)


def indicator_row(ind: pd.DataFrame, indicator: str, qualifier: str | None = None) -> pd.Series:
    """The one row of ``indicator`` (and ``qualifier``, for the two ends of a range)."""
    rows = ind[ind["indicator"] == indicator]
    if qualifier is not None:
        rows = rows[rows["qualifier"] == qualifier]
    if len(rows) != 1:
        which = indicator if qualifier is None else f"{indicator} ({qualifier})"
        raise KeyError(f"indicators: {len(rows)} rows for {which}, expected 1")
    return rows.iloc[0]


@cache
def _sources() -> pd.DataFrame:
    return pd.read_csv(SOURCES, dtype=str, keep_default_na=False).set_index("source")


def source_line(parts: Iterable[int]) -> str:
    """'Source: article part 2 (Guangming Daily 光明日报, 2015-11-28)', from data/sources.csv."""
    items = []
    for part in sorted({int(p) for p in parts}):
        row = _sources().loc[f"part{part}"]
        publisher = re.sub(r"\s*\((.+)\)$", r" \1", row["publisher"])
        items.append(f"part {part} ({publisher}, {row['published']})")
    if not items:
        raise ValueError("source_line: no article part given")
    head = "Source: article" if len(items) == 1 else "Sources: article"
    return f"{head} {'; '.join(items)}"


@cache
def _region_names() -> dict[str, str]:
    regions = load_regions()
    return dict(zip(regions["name_zh"], regions["name_en"], strict=True))


def region_label(name_zh: str) -> str:
    """'Liaoning 辽宁' for '辽宁', from data/regions.csv."""
    return f"{_region_names()[name_zh]} {name_zh}"


# --------------------------------------------------------------------------------------------
# Numbers as written on the charts


def fmt_number(value: float, qualifier: str = "exact", decimals: int = 0) -> str:
    """Thousands separators; '3,000+' where the article says 多/余 (at least), '≈' if approx."""
    text = f"{value:,.{decimals}f}"
    if qualifier == "at_least":
        return f"{text}+"
    if qualifier == "approx":
        return f"≈{text}"
    return text


def fmt_yi(value_yuan: float, qualifier: str = "exact") -> str:
    """A yuan amount in 亿 (100 million), as few decimals as it needs: 11.82e9 → '118.2'."""
    text = f"{value_yuan / YI:,.2f}".rstrip("0").rstrip(".")
    return {"at_least": f"{text}+", "approx": f"≈{text}"}.get(qualifier, text)


def fmt_round(value: float, step: float) -> str:
    """A derived number rounded to ``step`` and marked approximate unless it is exact."""
    rounded = round(value / step) * step
    return f"{rounded:,.0f}" if rounded == value else f"≈{rounded:,.0f}"


def _duo_span(row: pd.Series) -> str:
    return f"{fmt_number(row['value'])}–{fmt_number(next_round(row['value']) - 1)}"


def fmt_percent(share: float, approx: bool = False) -> str:
    return f"{'≈' if approx else ''}{share * 100:.0f}%"


def next_round(value: float) -> float:
    """The round number a figure written with 多 or 余 stops short of, in the usual reading.

    3000多 is read as 3,000–3,999 and 1200多 as 1,200–1,299: the step of the last written
    non-zero digit. The article does not define 多; bounds built on this are a reading of it.
    """
    digits = f"{value:.0f}"
    return value + 10 ** (len(digits) - len(digits.rstrip("0")))


def share_bounds(part: pd.Series, whole: pd.Series) -> tuple[float, float]:
    """Lowest and highest share ``part / whole`` can be when both are written with 多/余."""
    part_high = next_round(part["value"]) if part["qualifier"] == "at_least" else part["value"]
    whole_high = next_round(whole["value"]) if whole["qualifier"] == "at_least" else whole["value"]
    return part["value"] / whole_high, part_high / whole["value"]


_PERIOD_NOTE = re.compile(r"^(?P<zh>[^\s(]+) \((?P<en>[^)]+)\)")


def period_label(row: pd.Series) -> str:
    """'1996–2014', '2015', or the article's own words ('over 20 years 20年来')."""
    start, end = row["period_start"], row["period_end"]
    if pd.notna(start) and pd.notna(end):
        return f"{start}" if start == end else f"{start}–{end}"
    match = _PERIOD_NOTE.match(row["period_note"])
    if match:
        return f"{match['en']} {match['zh']}"
    return "period not stated 未注明时间"


# --------------------------------------------------------------------------------------------
# Figures


class Chart(NamedTuple):
    fig: Figure
    data: pd.DataFrame
    alt: str
    name: str


DATA_COLUMNS = ["mark", "indicator", "role", "value", "unit", "qualifier", "plotted", "label"]


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).reindex(columns=DATA_COLUMNS)


def _input(row: pd.Series) -> dict:
    """An indicator the chart writes out (in a label) or derives a plotted number from."""
    return {
        "mark": row["indicator"],
        "indicator": row["indicator"],
        "role": "input",
        "value": row["value"],
        "unit": row["unit"],
        "qualifier": row["qualifier"],
        "plotted": float("nan"),
        "label": row["figure"],
    }


def add_source(fig: Figure, parts: Iterable[int], notes: Iterable[str] = ()) -> None:
    """Notes and the source line under the figure, left-aligned with it.

    Placed just below the canvas (va='top' at y=0): the tight bounding box used when saving
    takes it in, and the constrained layout never lets it overlap an axis label.
    """
    lines = [line for note in notes for line in textwrap.wrap(note, NOTE_WIDTH)]
    text = "\n".join([*lines, source_line(parts)])
    fig.text(
        0.0, 0.0, text, ha="left", va="top", fontsize=NOTE_SIZE, color=NOTE_INK, linespacing=1.35
    )


def _title(fig: Figure, text: str) -> None:
    fig.suptitle(text, x=0.0, ha="left", color=INK)


def _nice_ceiling(value: float) -> float:
    """The next 1, 2, 2.5 or 5 times a power of ten at or above ``value``."""
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _thousands(axis, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.{decimals}f}"))


def _log_axis(ax, low: float, high: float) -> None:
    """A log x axis labelled at whole decades only, with thousands separators."""
    ax.set_xscale("log")
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    ax.xaxis.set_major_locator(FixedLocator([10.0**d for d in decades]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1 else f"{v:g}"))


# --------------------------------------------------------------------------------------------
# Labour


def labour_income(ind: pd.DataFrame) -> Chart:
    """Income per worker three ways: 1996–2014 per person-time, Guangxi 2015, Dongguan wages."""
    export = indicator_row(ind, "labour_export_1996_2014")
    income = indicator_row(ind, "labour_income_1996_2014")
    gx_workers = indicator_row(ind, "guangxi_labour_export_2015")
    gx_income = indicator_row(ind, "guangxi_labour_income_2015")
    low = indicator_row(ind, "dongguan_hechi_wage", "range_low")
    high = indicator_row(ind, "dongguan_hechi_wage", "range_high")

    per_trip = income["value"] / export["value"]
    per_worker = gx_income["value"] / gx_workers["value"]
    per_month = per_worker / MONTHS_PER_YEAR
    trip_text = fmt_round(per_trip, 100)
    worker_text = fmt_round(per_worker, 100)
    month_text = fmt_round(per_month, 10)
    wage_text = f"{fmt_number(low['value'])}–{fmt_number(high['value'])}"
    gx_region = region_label(gx_workers["region_to"])
    dh_pair = f"{region_label(low['region_from'])} → {region_label(low['region_to'])}"

    with style():
        fig = Figure(figsize=(PRINT_WIDTH, 3.5))
        left, right = fig.subplots(1, 2, width_ratios=[1.3, 1])
        _title(fig, "Guangxi’s 2015 earnings per worker fit the wages reported in Dongguan")

        colours = [PEOPLE_PALE, PEOPLE]
        rows = [
            (
                f"All pairs 东西扶贫协作, {period_label(export)}: per person-time 每人次",
                per_trip,
                f"{trip_text} yuan\n= {income['figure']} ÷ {export['figure']}",
            ),
            (
                f"{gx_region}, {period_label(gx_workers)}: per worker 每人",
                per_worker,
                f"{worker_text} yuan\n= {gx_income['figure']} ÷ {gx_workers['figure']}",
            ),
        ]
        for y, (label, value, text), colour in zip([1, 0], rows, colours, strict=True):
            left.barh(y, value, height=0.42, color=colour)
            left.text(0, y + 0.27, label, va="bottom", fontsize=8.5, color=INK)
            left.annotate(
                text,
                (value, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=INK,
                linespacing=1.3,
            )
        left.set_ylim(-0.45, 1.75)
        left.set_xlim(0, per_worker * 1.75)
        left.yaxis.set_visible(False)
        left.spines["left"].set_visible(False)
        left.xaxis.set_major_locator(MaxNLocator(3))
        _thousands(left.xaxis)
        left.set_xlabel("yuan 元 (per person-time or per worker)")
        left.set_title("Income 劳务收入 per trip and per worker", color=INK)

        right.axvspan(low["value"], high["value"], color=GUIDE, alpha=0.6, lw=0)
        right.hlines(0, low["value"], high["value"], color=MUTED, lw=7)
        right.text(
            (low["value"] + high["value"]) / 2,
            0.27,
            f"{dh_pair}\nwage range 平均工资 {wage_text}",
            ha="center",
            va="bottom",
            fontsize=8,
            color=INK,
        )
        right.plot([per_month], [1], "o", color=PEOPLE, ms=8)
        right.text(
            per_month,
            1.2,
            f"{gx_region} {period_label(gx_workers)}: {month_text}\n"
            f"({worker_text} ÷ {MONTHS_PER_YEAR} months)",
            ha="center",
            va="bottom",
            fontsize=8,
            color=INK,
        )
        right.set_ylim(-0.45, 1.95)
        right.set_xlim(0, high["value"] * 1.4)
        right.yaxis.set_visible(False)
        right.spines["left"].set_visible(False)
        right.xaxis.set_major_locator(MaxNLocator(4))
        _thousands(right.xaxis)
        right.set_xlabel("yuan a month 元/月")
        right.set_title("Per month, if earned over a year", color=INK)

        add_source(
            fig,
            {export["part"], gx_workers["part"], low["part"]},
            notes=[
                "A person-time (人次) counts a worker once per trip, so one worker can count "
                "several times. The article does not say the wage is monthly; at this size it "
                "reads as one."
            ],
        )

    data = _frame(
        [
            {
                "mark": "income_per_person_time",
                "indicator": "labour_income_1996_2014 / labour_export_1996_2014",
                "role": "plotted",
                "value": per_trip,
                "unit": "yuan per person-time",
                "qualifier": "approx",
                "plotted": per_trip,
                "label": trip_text,
            },
            {
                "mark": "income_per_worker_2015",
                "indicator": "guangxi_labour_income_2015 / guangxi_labour_export_2015",
                "role": "plotted",
                "value": per_worker,
                "unit": "yuan per worker",
                "qualifier": "exact",
                "plotted": per_worker,
                "label": worker_text,
            },
            {
                "mark": "income_per_month_2015",
                "indicator": "guangxi_labour_income_2015 / guangxi_labour_export_2015 / 12",
                "role": "plotted",
                "value": per_month,
                "unit": "yuan per month",
                "qualifier": "exact",
                "plotted": per_month,
                "label": month_text,
            },
            *(
                {
                    **_input(r),
                    "mark": f"wage_{r['qualifier']}",
                    "role": "plotted",
                    "plotted": r["value"],
                    "label": fmt_number(r["value"]),
                }
                for r in (low, high)
            ),
            *(_input(r) for r in (export, income, gx_workers, gx_income)),
        ]
    )
    alt = (
        f"Two bar panels. Income per head: {trip_text} yuan per person-time for all pairs in "
        f"{period_label(export)} ({income['figure']} over {export['figure']}), against "
        f"{worker_text} yuan per worker for {gx_region} in {period_label(gx_workers)} "
        f"({gx_income['figure']} over {gx_workers['figure']}). Per month: the Guangxi figure "
        f"spread over {MONTHS_PER_YEAR} months is {month_text} yuan, inside the {wage_text} yuan "
        f"wage range reported for workers placed from Hechi in Dongguan."
    )
    return Chart(fig, data, alt, "labour_income")


def training_to_jobs(ind: pd.DataFrame) -> Chart:
    """Trained and placed, for the two programmes that report both, with the share placed."""
    programmes = [
        (
            indicator_row(ind, "liaoning_qinghai_trained"),
            indicator_row(ind, "liaoning_qinghai_placed"),
        ),
        (
            indicator_row(ind, "dongguan_hechi_trained"),
            indicator_row(ind, "dongguan_hechi_placed"),
        ),
    ]
    rows, alt_parts, notes = [], [], []
    with style():
        fig = Figure(figsize=(PRINT_WIDTH, 3.7))
        axes = fig.subplots(2, 1)
        _title(fig, "Most people trained for jobs in the East were placed in one")
        for ax, (trained, placed) in zip(axes, programmes, strict=True):
            bounded = "at_least" in (trained["qualifier"], placed["qualifier"])
            share = placed["value"] / trained["value"]
            share_text = fmt_percent(share, approx=bounded)
            pair = f"{region_label(trained['region_from'])} → {region_label(trained['region_to'])}"
            for y, row, colour in ((1, trained, PEOPLE_PALE), (0, placed, PEOPLE)):
                ax.barh(y, row["value"], height=0.6, color=colour)
                label = fmt_number(row["value"], row["qualifier"])
                ax.text(row["value"], y, f"  {label}", va="center", fontsize=8.5, color=INK)
            ax.set_yticks([1, 0], ["Trained 培训", "Placed in jobs 转移就业"])
            ax.tick_params(axis="y", length=0)
            ax.set_xlim(0, trained["value"] * 1.22)
            ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
            _thousands(ax.xaxis)
            ax.set_title(f"{pair}, {period_label(trained)}: {share_text} placed", color=INK)
            if bounded:
                low, high = share_bounds(placed, trained)
                notes.append(
                    f"{pair}: {fmt_number(placed['value'], placed['qualifier'])} and "
                    f"{fmt_number(trained['value'], trained['qualifier'])} are both lower bounds "
                    f"(多, “more than”), so {share_text} is approximate. Read as short of the "
                    f"next round number ({_duo_span(placed)} and {_duo_span(trained)}), "
                    f"the share lies between {fmt_percent(low)} and {fmt_percent(high)}."
                )
            rows += [
                {
                    **_input(trained),
                    "role": "plotted",
                    "plotted": trained["value"],
                    "label": fmt_number(trained["value"], trained["qualifier"]),
                },
                {
                    **_input(placed),
                    "role": "plotted",
                    "plotted": placed["value"],
                    "label": fmt_number(placed["value"], placed["qualifier"]),
                },
                {
                    "mark": f"{placed['indicator']}_share",
                    "indicator": f"{placed['indicator']} / {trained['indicator']}",
                    "role": "written",
                    "value": share,
                    "unit": "share",
                    "qualifier": "approx" if bounded else "exact",
                    "plotted": float("nan"),
                    "label": share_text,
                },
            ]
            alt_parts.append(
                f"{pair}: {fmt_number(trained['value'], trained['qualifier'])} trained, "
                f"{fmt_number(placed['value'], placed['qualifier'])} placed, {share_text}"
                + (" (both lower bounds, so the share is approximate)" if bounded else "")
            )
        axes[-1].set_xlabel("persons 人 (each panel has its own scale)")
        add_source(fig, {r["part"] for pair in programmes for r in pair}, notes=notes)
    alt = "Two bar panels, trained against placed in jobs. " + "; ".join(alt_parts) + "."
    return Chart(fig, _frame(rows), alt, "labour_training")


def people_exchanged(ind: pd.DataFrame) -> Chart:
    """Person-times of training, leaders' visits and cadre secondments, on a log axis."""
    spec = [
        ("talent_training_1996_2014", "People trained for the West 培训各类人才"),
        ("leader_visits_1996_2014", "Leaders’ study visits, both ways 领导考察互访"),
        ("leader_visits_provincial_1996_2014", "   of which provincial leaders 其中省级"),
        ("cadre_exchanges_2011_2015", "Cadres seconded, both ways 互派挂职干部"),
    ]
    rows = [indicator_row(ind, key) for key, _ in spec]
    periods = list(dict.fromkeys(period_label(r) for r in rows))
    # One colour (people); a period other than the first is drawn hollow.
    filled = {period: i == 0 for i, period in enumerate(periods)}
    values = [r["value"] for r in rows]

    with style():
        fig = Figure(figsize=(PRINT_WIDTH, 3.3))
        ax = fig.subplots()
        _title(fig, "Training for the West outnumbered every other exchange")
        ys = list(range(len(rows)))[::-1]
        low, high = min(values), max(values)
        _log_axis(ax, low, high)
        ax.set_xlim(10 ** math.floor(math.log10(low)), 10 ** (math.log10(high) + 0.55))
        for y, row in zip(ys, rows, strict=True):
            period = period_label(row)
            ax.axhline(y, color=GUIDE, lw=0.8, zorder=0)
            ax.plot([row["value"]], [y], "o", ms=8, mec=PEOPLE, mew=1.6,
                    mfc=PEOPLE if filled[period] else "white", zorder=3)  # fmt: skip
            ax.annotate(
                fmt_number(row["value"], row["qualifier"]),
                (row["value"], y),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                color=INK,
            )
        ax.set_yticks(
            ys, [f"{label}\n{period_label(r)}" for (_, label), r in zip(spec, rows, strict=True)]
        )
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xlabel("person-times 人次 (log scale: each step is ten times the last)")
        add_source(
            fig,
            {r["part"] for r in rows},
            notes=[
                "Counts in person-times (人次), not persons. A hollow dot marks a different "
                "period: the rows do not all cover the same years."
            ],
        )
    data = _frame(
        [
            {
                **_input(r),
                "role": "plotted",
                "plotted": r["value"],
                "label": fmt_number(r["value"], r["qualifier"]),
            }
            for r in rows
        ]
    )
    alt = (
        "Dot chart on a log scale, in person-times. "
        + "; ".join(
            f"{label.strip()}, {period_label(r)}: {fmt_number(r['value'], r['qualifier'])}"
            for (_, label), r in zip(spec, rows, strict=True)
        )
        + "."
    )
    return Chart(fig, data, alt, "labour_exchanges")


# --------------------------------------------------------------------------------------------
# Funding


def funding_scale(ind: pd.DataFrame) -> Chart:
    """Fiscal aid, enterprise investment and the largest private gift, in 亿元 on a log axis."""
    spec = [
        ("fiscal_aid_1996_2014", "government", "Fiscal aid 财政援助资金"),
        ("fiscal_aid_20y", "government", "Fiscal aid 财政援助"),
        ("enterprise_investment_1996_2014", "enterprise", "Enterprise investment 企业实际投资"),
        ("zhu_yinglong_donation", "society", "Zhu Yinglong’s gifts 朱英龙捐赠"),
    ]
    rows = [indicator_row(ind, key) for key, _, _ in spec]
    fiscal, _, enterprise, _ = rows
    ratio = enterprise["value"] / fiscal["value"]
    ratio_text = f"≈{round(ratio, -1):.0f}×"
    plotted = [r["value"] / YI for r in rows]

    with style():
        fig = Figure(figsize=(PRINT_WIDTH, 3.3))
        ax = fig.subplots()
        _title(fig, "Enterprise investment was about a hundred times the fiscal aid")
        ys = list(range(len(rows)))[::-1]
        low, high = min(plotted), max(plotted)
        _log_axis(ax, low, high)
        ax.set_xlim(10 ** math.floor(math.log10(low)), 10 ** math.ceil(math.log10(high)))
        span = math.log10(ax.get_xlim()[1] / ax.get_xlim()[0])
        labels = []
        for y, row, value, (_, actor, _) in zip(ys, rows, plotted, spec, strict=True):
            ax.axhline(y, color=GUIDE, lw=0.8, zorder=0)
            ax.plot([value], [y], "o", ms=9, color=ACTOR_COLOURS[actor], zorder=3)
            # As the article writes it: one format per quantity (1.2万亿元, never 12,000亿元).
            text = row["figure"]
            if row["indicator"] == enterprise["indicator"]:
                text += f"\n{ratio_text} the fiscal aid of {period_label(fiscal)}"
            labels.append(text)
            # Labels of dots in the right part of the axis go to their left, to stay inside.
            right = math.log10(value / ax.get_xlim()[0]) / span > 0.6
            ax.annotate(
                text,
                (value, y),
                xytext=(-9 if right else 9, 0),
                textcoords="offset points",
                ha="right" if right else "left",
                va="center",
                fontsize=8.5,
                color=INK,
            )
        ax.set_yticks(
            ys,
            [f"{label}\n{period_label(r)}" for (_, _, label), r in zip(spec, rows, strict=True)],
        )
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("亿元 / 100 million yuan (log scale: each step is ten times the last)")
        handles = [
            mpl.lines.Line2D([], [], ls="", marker="o", ms=7, color=ACTOR_COLOURS[a], label=t)
            for a, t in (
                ("government", "Government 政府援助"),
                ("enterprise", "Enterprise 企业合作"),
                ("society", "Society 社会帮扶"),
            )
        ]
        # Above the top row, where no dot or label can sit.
        ax.legend(handles=handles, loc="upper left", ncols=3, handletextpad=0.1, borderaxespad=0,
                  columnspacing=0.9, fontsize=8)  # fmt: skip
        ax.set_ylim(-0.6, len(rows) - 0.1)
        add_source(fig, {r["part"] for r in rows})
    data = _frame(
        [
            {**_input(r), "role": "plotted", "plotted": v, "label": t}
            for r, v, t in zip(rows, plotted, labels, strict=True)
        ]
        + [
            {
                "mark": "enterprise_to_fiscal_ratio",
                "indicator": f"{enterprise['indicator']} / {fiscal['indicator']}",
                "role": "written",
                "value": ratio,
                "unit": "ratio",
                "qualifier": "approx",
                "plotted": float("nan"),
                "label": ratio_text,
            }
        ]
    )
    alt = (
        "Dot chart on a log scale, in 亿元 (100 million yuan). "
        + "; ".join(
            f"{label}, {period_label(r)}: {t}"
            for (_, _, label), r, t in zip(spec, rows, labels, strict=True)
        )
        + "."
    )
    return Chart(fig, data, alt, "funding_scale")


def funding_outputs(ind: pd.DataFrame) -> Chart:
    """What the money built, one panel per unit so that no axis is shared across units."""
    spec = [
        ("rural_roads_20y", "government", "Rural roads built 帮助修建农村公路"),
        ("clinics_20y", "government", "Township clinics built 援建卫生院(所)"),
        ("cooperation_projects_1996_2014", "cooperation", "Cooperation projects 实施合作项目"),
        (
            "zhu_yinglong_buildings",
            "society",
            "School buildings funded by Zhu Yinglong 教学楼和宿舍",
        ),
        ("shenzhen_hope_schools", "society", "Hope schools from Shenzhen's drive 希望小学"),
    ]
    rows = [indicator_row(ind, key) for key, _, _ in spec]
    labels = []
    with style():
        fig = Figure(figsize=(7.0, 4.9))
        axes = fig.subplots(len(rows), 1)
        _title(fig, "What the aid built 援建成果")
        for ax, row, (_, actor, what) in zip(axes, rows, spec, strict=True):
            value = row["value"]
            ax.barh(0, value, height=0.55, color=ACTOR_COLOURS[actor])
            text = f"{fmt_number(value, row['qualifier'])} {row['unit']}"
            labels.append(text)
            ax.text(value, 0, f"  {text}  ({row['figure']})", va="center", fontsize=8.5, color=INK)
            ax.set_title(f"{what} · {period_label(row)}", color=INK, fontsize=8.5)
            ax.set_xlim(0, _nice_ceiling(value * 1.3))
            ax.set_ylim(-0.5, 0.5)
            ax.yaxis.set_visible(False)
            ax.spines["left"].set_visible(False)
            ax.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 2.5, 5, 10], integer=True))
            _thousands(ax.xaxis)
            ax.tick_params(axis="x", labelsize=7.5)
        handles = [
            mpl.patches.Patch(color=ACTOR_COLOURS[a], label=t)
            for a, t in (
                ("government", "Government 政府援助"),
                ("cooperation", "Cooperation 合作项目"),
                ("society", "Society 社会帮扶"),
            )
        ]
        # In the title's row, right-aligned: it is read first and overlaps nothing there.
        fig.legend(
            handles=handles,
            loc="upper right",
            bbox_to_anchor=(1, 1.005),
            ncols=3,
            handlelength=1,
            handletextpad=0.4,
            borderaxespad=0,
        )
        add_source(
            fig,
            {r["part"] for r in rows},
            notes=["Each panel has its own unit and scale: compare within a panel, not across."],
        )
    data = _frame(
        [
            {**_input(r), "role": "plotted", "plotted": r["value"], "label": t}
            for r, t in zip(rows, labels, strict=True)
        ]
    )
    alt = (
        "Five one-bar panels, each with its own unit. "
        + "; ".join(
            f"{what}, {period_label(r)}: {t}"
            for (_, _, what), r, t in zip(spec, rows, labels, strict=True)
        )
        + "."
    )
    return Chart(fig, data, alt, "funding_outputs")


# Where each region's label sits around its point: offset in points and alignment. By default
# eastern labels go right and western ones left, away from the arrows between them; the rest
# are placed by eye where neighbours or arrows crowd.
_LABEL_PLACEMENT = {
    "guangdong": (0, -18, "center", "top"),
    "dongguan": (22, 9, "left", "center"),
    "shenzhen": (22, -5, "left", "center"),
    "ningbo": (7, -3, "left", "top"),
    "zhenhai": (7, 3, "left", "bottom"),
    "zhejiang": (-2, 7, "right", "bottom"),
    "chifeng": (0, 7, "center", "bottom"),
    "ulanqab": (0, 7, "center", "bottom"),
    "qiannan": (7, -1, "left", "center"),
    "guangxi": (0, -7, "center", "top"),
    "chongqing": (-6, -2, "right", "top"),
}
# Arc curvature (matplotlib's arc3 rad) per pair where the default would run arrows together
# or through a neighbour's point.
_ARC_RAD = {
    "shanghai_yunnan": -0.16,
    "ningbo_guizhou": 0.15,
    "zhenhai_puan": 0.3,
    "shenzhen_bijie": 0.3,
}
_DEFAULT_RAD = 0.1
_MAP_STRETCH = 1.22
_MAP_SIZE = (7.0, 7.4)
_MAP_LABEL_SIZE = 7.5
_MAP_LEGEND_LOC = "center right"
_MAP_LEGEND_AT = (1.0, 0.5)
_HALO = [patheffects.withStroke(linewidth=2.6, foreground="white")]


def _arc_middle(x0: float, y0: float, x1: float, y1: float, rad: float, aspect: float):
    """The midpoint of matplotlib's arc3 curve from (x0, y0) to (x1, y1), in data units.

    arc3 bends in display space, where a degree of latitude is ``aspect`` times as tall as a
    degree of longitude is wide, so the offset is worked out there and scaled back.
    """
    dx, dy = x1 - x0, (y1 - y0) * aspect
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2 * aspect
    return mx + 0.5 * rad * dy, (my - 0.5 * rad * dx) / aspect


def _short_en(name_en: str) -> str:
    return re.sub(r" (district|county|prefecture)$", "", name_en)


def pairings_map(
    ind: pd.DataFrame, pairings: pd.DataFrame | None = None, regions: pd.DataFrame | None = None
) -> Chart:
    """A schematic of every east → west pair the article names, at approximate seats."""
    pairings = load_pairings() if pairings is None else pairings
    regions = load_regions() if regions is None else regions
    pairs = with_coordinates(pairings, regions)
    east_n = indicator_row(ind, "east_counties_paired")
    west_n = indicator_row(ind, "west_counties_paired")
    used = pd.unique(pd.concat([pairs["east_id"], pairs["west_id"]]))
    points = regions.set_index("region_id").loc[used].reset_index()
    kind_style = {
        "named_model": {"color": OKABE_ITO["blue"], "lw": 2.0, "ls": "-"},
        "reported_project": {"color": OKABE_ITO["vermillion"], "lw": 1.2, "ls": (0, (4, 2))},
    }
    kind_label = {
        "named_model": "Named model 模式 (闽宁, 沪滇, …)",
        "reported_project": "Reported project 报道的项目",
    }
    # Degrees of longitude shrink with latitude (the cosine); the stretch then gives the crowded
    # south-west a little more room between neighbours, as a schematic may.
    aspect = _MAP_STRETCH / math.cos(math.radians(points["lat"].mean()))

    with style():
        fig = Figure(figsize=_MAP_SIZE)
        ax = fig.subplots()
        _title(fig, "East → west pairs named in the article 东西扶贫协作结对")
        for pair in pairs.itertuples():
            st = kind_style[pair.kind]
            rad = _ARC_RAD.get(pair.pair_id, _DEFAULT_RAD)
            ax.annotate(
                "",
                xy=(pair.west_lon, pair.west_lat),
                xytext=(pair.east_lon, pair.east_lat),
                arrowprops={
                    "arrowstyle": "-|>,head_length=0.55,head_width=0.25",
                    "connectionstyle": f"arc3,rad={rad}",
                    "color": st["color"],
                    "lw": st["lw"],
                    "linestyle": st["ls"],
                    "shrinkA": 4,
                    "shrinkB": 5,
                },
                zorder=2,
            )
            if pair.kind == "named_model":
                # The model's short name (闽宁, 浙川, …) on the middle of its arc.
                x, y = _arc_middle(
                    pair.east_lon, pair.east_lat, pair.west_lon, pair.west_lat, rad, aspect
                )
                ax.text(
                    x,
                    y,
                    pair.model_zh.split("; ")[0][:2],
                    ha="center",
                    va="center",
                    fontsize=9,
                    color=OKABE_ITO["blue"],
                    path_effects=_HALO,
                    zorder=4,
                )
        for side in ("east", "west"):
            sel = points[points["side"] == side]
            ax.scatter(
                sel["lon"],
                sel["lat"],
                s=26,
                zorder=3,
                linewidth=1.1,
                edgecolor=INK,
                facecolor=INK if side == "east" else "white",
            )
        for pt in points.itertuples():
            default = (6, 0, "left", "center") if pt.side == "east" else (-6, 0, "right", "center")
            dx, dy, ha, va = _LABEL_PLACEMENT.get(pt.region_id, default)
            # Labels moved well away from their point keep a thin leader line back to it.
            leader = (
                {"arrowstyle": "-", "color": MUTED, "lw": 0.5, "shrinkA": 1, "shrinkB": 3}
                if math.hypot(dx, dy) > 12
                else None
            )
            ax.annotate(
                f"{pt.name_zh} {_short_en(pt.name_en)}",
                (pt.lon, pt.lat),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=_MAP_LABEL_SIZE,
                color=INK,
                path_effects=_HALO,
                arrowprops=leader,
                zorder=5,
            )
        ax.set_aspect(aspect)
        ax.set_xlim(points["lon"].min() - 4.0, points["lon"].max() + 4.5)
        ax.set_ylim(points["lat"].min() - 1.5, points["lat"].max() + 2.5)
        ax.set_axis_off()
        handles = [
            mpl.lines.Line2D(
                [],
                [],
                color=kind_style[k]["color"],
                lw=kind_style[k]["lw"],
                ls=kind_style[k]["ls"],
                label=kind_label[k],
            )
            for k in kind_label
        ] + [
            mpl.lines.Line2D([], [], ls="", marker="o", ms=5, color=INK, label="East 东部 (aids)"),
            mpl.lines.Line2D(
                [], [], ls="", marker="o", ms=5, mfc="white", mec=INK, label="West 西部 (aided)"
            ),
        ]
        ax.legend(
            handles=handles,
            loc=_MAP_LEGEND_LOC,
            bbox_to_anchor=_MAP_LEGEND_AT,
            fontsize=_MAP_LABEL_SIZE,
        )
        counties = (
            f"Beyond these pairs: {fmt_number(east_n['value'], east_n['qualifier'])} eastern "
            f"counties and cities are paired\nwith "
            f"{fmt_number(west_n['value'], west_n['qualifier'])} western counties "
            f"({period_label(east_n)})\n"
            f"东部{east_n['figure']}县市与西部{west_n['figure']}(市)结成帮扶对子"
        )
        ax.text(
            0.0,
            1.0,
            counties,
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=8,
            color=INK,
            linespacing=1.4,
        )
        add_source(
            fig,
            set(pairs["part"]) | {east_n["part"], west_n["part"]},
            notes=[
                "Points at approximate seats of government (capital, prefecture or county seat); "
                "a schematic, not a map. Arrows run from the aiding to the aided side."
            ],
        )
    data = _frame(
        [
            {
                "mark": pair.pair_id,
                "indicator": "",
                "role": "plotted",
                "value": float("nan"),
                "unit": "pair",
                "qualifier": "",
                "plotted": float("nan"),
                "label": f"{pair.east_zh}→{pair.west_zh} ({pair.kind})",
            }
            for pair in pairs.itertuples()
        ]
        + [
            {**_input(r), "role": "written", "label": fmt_number(r["value"], r["qualifier"])}
            for r in (east_n, west_n)
        ]
    )
    named = pairs[pairs["kind"] == "named_model"]
    reported = pairs[pairs["kind"] == "reported_project"]
    alt = (
        f"Schematic of {len(pairs)} east-to-west pairs at approximate seats of government. "
        "Named models: "
        + ", ".join(f"{p.east_en} to {p.west_en} ({p.model_zh})" for p in named.itertuples())
        + ". Reported projects: "
        + ", ".join(f"{p.east_en} to {p.west_en}" for p in reported.itertuples())
        + f". In all, {fmt_number(east_n['value'])} eastern counties and cities are paired "
        f"with {fmt_number(west_n['value'])} western counties."
    )
    return Chart(fig, data, alt, "funding_pairings")


# --------------------------------------------------------------------------------------------
# Publishing


_ID_REF = re.compile(r'(id="|href="#|url\(#)([^")]+)')


def _prefix_ids(svg: str, prefix: str) -> str:
    """Prefix every id (and reference to it) so that SVGs inlined in one page never collide.

    The hash salt already varies clip-path ids, but glyph outlines are named after the font
    and code point ('DejaVuSans-41'), the same in every figure.
    """
    ids = set(re.findall(r'id="([^"]+)"', svg))
    return _ID_REF.sub(
        lambda m: f"{m[1]}{prefix}-{m[2]}" if m[2] in ids else m[0],
        svg,
    )


def render(fig: Figure, name: str) -> tuple[bytes, bytes]:
    """The PNG and SVG bytes of ``fig``: no dates, no versions, ids salted with ``name``."""
    with style():
        # Constrained layout starts from the positions of the last draw and, when a label
        # reaches past its axes, settles only on the second: each format is drawn twice and
        # the second kept, so that every render gives the same bytes.
        for _ in range(2):
            png = io.BytesIO()
            fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        for _ in range(2):
            svg = io.BytesIO()
            with mpl.rc_context({"svg.hashsalt": name, "svg.fonttype": "path"}):
                fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    text = _prefix_ids(svg.getvalue().decode("utf-8"), name)
    return png.getvalue(), text.encode("utf-8")


_NAME = re.compile(r"[a-z0-9][a-z0-9_]*")


def publish(
    fig: Figure, name: str, caption: str, alt: str, outdir=None, show: bool | None = None
) -> None:
    """Write ``<outdir>/<name>.png`` and ``.svg`` and show the figure in the notebook.

    Returns nothing, so that a notebook cell ending in ``publish()`` shows only the figure.

    The notebook output is a display_data with the PNG and the alt text, tagged
    ``{"eastwest": {"kind": "figure", "name", "caption", "alt"}}``: the report assembler finds
    figures by that tag and embeds the SVG. ``show`` defaults to "inside IPython".
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"figure name {name!r}: use lower-case letters, digits and '_'")
    outdir = Path(outdir) if outdir is not None else paths.FIGURES
    png, svg = render(fig, name)
    write_bytes(outdir / f"{name}.png", png)
    write_bytes(outdir / f"{name}.svg", svg)
    if show is None:
        from IPython import get_ipython

        show = get_ipython() is not None
    if show:
        from IPython.display import display

        display(
            {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt},
            raw=True,
            metadata={"eastwest": {"kind": "figure", "name": name, "caption": caption, "alt": alt}},
        )
    # Figures made with pyplot would otherwise be shown a second time by the inline backend.
    plt.close(fig)


__all__ = [
    "ACTOR_COLOURS",
    "GUIDE",
    "INK",
    "MONTHS_PER_YEAR",
    "MUTED",
    "OKABE_ITO",
    "PALE",
    "STYLE",
    "Chart",
    "add_source",
    "fmt_number",
    "fmt_percent",
    "fmt_round",
    "fmt_yi",
    "funding_outputs",
    "funding_scale",
    "indicator_row",
    "labour_income",
    "load_indicators",
    "next_round",
    "pairings_map",
    "people_exchanged",
    "period_label",
    "publish",
    "region_label",
    "register_cjk_font",
    "render",
    "share_bounds",
    "source_line",
    "style",
    "training_to_jobs",
    "use_style",
]
