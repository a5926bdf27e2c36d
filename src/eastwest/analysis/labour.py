"""Chapter 3, labour and people: the charts of income per worker, training and exchanges."""

import math
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from eastwest.analysis.pairings import region_label
from eastwest.analysis.style import (
    GUIDE,
    INK,
    MUTED,
    PEOPLE,
    PEOPLE_PALE,
    PRINT_WIDTH,
    Chart,
    add_source,
    chart_data,
    input_mark,
    log_dot_figure,
    period_label,
    style,
    thousands_axis,
    title,
)
from eastwest.clean.indicators import indicator_row
from eastwest.formats import fmt_approx, fmt_number, fmt_percent, span

MONTHS_PER_YEAR = 12


def _duo_span(row: pd.Series) -> str:
    return f"{fmt_number(row['value'])}–{fmt_number(next_round(row['value']) - 1)}"


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


@dataclass(frozen=True)
class Income:
    """The figures the income chart reads and the numbers it derives from them."""

    export: pd.Series
    income: pd.Series
    gx_workers: pd.Series
    gx_income: pd.Series
    low: pd.Series
    high: pd.Series

    @property
    def per_trip(self) -> float:
        return self.income["value"] / self.export["value"]

    @property
    def per_worker(self) -> float:
        return self.gx_income["value"] / self.gx_workers["value"]

    @property
    def per_month(self) -> float:
        return self.per_worker / MONTHS_PER_YEAR

    @property
    def trip_text(self) -> str:
        return fmt_approx(self.per_trip)

    @property
    def worker_text(self) -> str:
        return fmt_approx(self.per_worker)

    @property
    def month_text(self) -> str:
        return fmt_approx(self.per_month)

    @property
    def wage_text(self) -> str:
        return span(fmt_number(self.low["value"]), fmt_number(self.high["value"]))

    @property
    def gx_region(self) -> str:
        return region_label(self.gx_workers["region_to"])

    @property
    def dh_pair(self) -> str:
        return f"{region_label(self.low['region_from'])} → {region_label(self.low['region_to'])}"


def _yuan_panel(ax, top: float, right: float, ticks: int, xlabel: str, heading: str) -> None:
    """A panel of yuan along x alone: no y axis, a few thousands-separated ticks."""
    ax.set_ylim(-0.45, top)
    ax.set_xlim(0, right)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(MaxNLocator(ticks))
    thousands_axis(ax.xaxis)
    ax.set_xlabel(xlabel)
    ax.set_title(heading, color=INK)


def _income_panel(ax, n: Income) -> None:
    colours = [PEOPLE_PALE, PEOPLE]
    rows = [
        (
            f"All pairs 东西扶贫协作, {period_label(n.export)}: per person-time 每人次",
            n.per_trip,
            f"{n.trip_text} yuan\n= {n.income['figure']} ÷ {n.export['figure']}",
        ),
        (
            f"{n.gx_region}, {period_label(n.gx_workers)}: per worker 每人",
            n.per_worker,
            f"{n.worker_text} yuan\n= {n.gx_income['figure']} ÷ {n.gx_workers['figure']}",
        ),
    ]
    for y, (label, value, text), colour in zip([1, 0], rows, colours, strict=True):
        ax.barh(y, value, height=0.42, color=colour)
        ax.text(0, y + 0.27, label, va="bottom", fontsize=8.5, color=INK)
        ax.annotate(
            text,
            (value, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=INK,
            linespacing=1.3,
        )
    _yuan_panel(ax, 1.75, n.per_worker * 1.75, 3, "yuan 元 (per person-time or per worker)",
                "Income 劳务收入 per trip and per worker")  # fmt: skip


def _wage_panel(ax, n: Income) -> None:
    ax.axvspan(n.low["value"], n.high["value"], color=GUIDE, alpha=0.6, lw=0)
    ax.hlines(0, n.low["value"], n.high["value"], color=MUTED, lw=7)
    ax.text(
        (n.low["value"] + n.high["value"]) / 2,
        0.27,
        f"{n.dh_pair}\nwage range 平均工资 {n.wage_text}",
        ha="center",
        va="bottom",
        fontsize=8,
        color=INK,
    )
    ax.plot([n.per_month], [1], "o", color=PEOPLE, ms=8)
    ax.text(
        n.per_month,
        1.2,
        f"{n.gx_region} {period_label(n.gx_workers)}: {n.month_text}\n"
        f"({n.worker_text} ÷ {MONTHS_PER_YEAR} months)",
        ha="center",
        va="bottom",
        fontsize=8,
        color=INK,
    )
    _yuan_panel(ax, 1.95, n.high["value"] * 1.4, 4, "yuan a month 元/月",
                "Per month, if earned over a year")  # fmt: skip


def _income_data(n: Income) -> pd.DataFrame:
    return chart_data(
        [
            {
                "mark": "income_per_person_time",
                "indicator": "labour_income_1996_2014 / labour_export_1996_2014",
                "role": "plotted",
                "value": n.per_trip,
                "unit": "yuan per person-time",
                "qualifier": "approx",
                "plotted": n.per_trip,
                "label": n.trip_text,
            },
            {
                "mark": "income_per_worker_2015",
                "indicator": "guangxi_labour_income_2015 / guangxi_labour_export_2015",
                "role": "plotted",
                "value": n.per_worker,
                "unit": "yuan per worker",
                "qualifier": "exact",
                "plotted": n.per_worker,
                "label": n.worker_text,
            },
            {
                "mark": "income_per_month_2015",
                "indicator": "guangxi_labour_income_2015 / guangxi_labour_export_2015 / 12",
                "role": "plotted",
                "value": n.per_month,
                "unit": "yuan per month",
                "qualifier": "exact",
                "plotted": n.per_month,
                "label": n.month_text,
            },
            *(
                {
                    **input_mark(r),
                    "mark": f"wage_{r['qualifier']}",
                    "role": "plotted",
                    "plotted": r["value"],
                    "label": fmt_number(r["value"]),
                }
                for r in (n.low, n.high)
            ),
            *(input_mark(r) for r in (n.export, n.income, n.gx_workers, n.gx_income)),
        ]
    )


def _income_alt(n: Income) -> str:
    return (
        f"Two bar panels. Income per head: {n.trip_text} yuan per person-time for all pairs in "
        f"{period_label(n.export)} ({n.income['figure']} over {n.export['figure']}), against "
        f"{n.worker_text} yuan per worker for {n.gx_region} in {period_label(n.gx_workers)} "
        f"({n.gx_income['figure']} over {n.gx_workers['figure']}). Per month: the Guangxi "
        f"figure spread over {MONTHS_PER_YEAR} months is {n.month_text} yuan, inside the "
        f"{n.wage_text} yuan wage range reported for workers placed from Hechi in Dongguan."
    )


def income_figures(ind: pd.DataFrame) -> Income:
    """The labour figures Section 3.1 and its chart read."""
    return Income(
        indicator_row(ind, "labour_export_1996_2014"),
        indicator_row(ind, "labour_income_1996_2014"),
        indicator_row(ind, "guangxi_labour_export_2015"),
        indicator_row(ind, "guangxi_labour_income_2015"),
        indicator_row(ind, "dongguan_hechi_wage", "range_low"),
        indicator_row(ind, "dongguan_hechi_wage", "range_high"),
    )


def labour_income(ind: pd.DataFrame) -> Chart:
    """Income per worker three ways: 1996–2014 per person-time, Guangxi 2015, Dongguan wages."""
    n = income_figures(ind)
    with style():
        fig = Figure(figsize=(PRINT_WIDTH, 3.5))
        left, right = fig.subplots(1, 2, width_ratios=[1.3, 1])
        title(fig, "Guangxi’s 2015 earnings per worker fit the wages reported in Dongguan")
        _income_panel(left, n)
        _wage_panel(right, n)
        add_source(
            fig,
            {n.export["part"], n.gx_workers["part"], n.low["part"]},
            notes=[
                "A person-time (人次) counts a worker once per trip, so one worker can count "
                "several times. The article does not say the wage is monthly; at this size it "
                "reads as one."
            ],
        )
    return Chart(fig, _income_data(n), _income_alt(n), "labour_income")


def _english(region_zh: str) -> str:
    return region_label(region_zh).split(" ")[0]


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
        # One scale for both panels: the programmes differ about tenfold in size.
        axes = fig.subplots(2, 1, sharex=True)
        shares = [
            (f"{_english(t['region_from'])}–{_english(t['region_to'])}", p["value"] / t["value"],
             "at_least" in (t["qualifier"], p["qualifier"]))
            for t, p in programmes
        ]  # fmt: skip
        title(fig, "Trainees placed in jobs: "
              + ", ".join(f"{name} {fmt_percent(share, approx=bounded)}"
                          for name, share, bounded in shares))  # fmt: skip
        top = max(trained["value"] for trained, _ in programmes) * 1.22
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
            ax.set_xlim(0, top)
            ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
            thousands_axis(ax.xaxis)
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
                    **input_mark(trained),
                    "role": "plotted",
                    "plotted": trained["value"],
                    "label": fmt_number(trained["value"], trained["qualifier"]),
                },
                {
                    **input_mark(placed),
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
        axes[-1].set_xlabel("persons 人 (one scale for both panels)")
        add_source(fig, {r["part"] for pair in programmes for r in pair}, notes=notes)
    alt = "Two bar panels, trained against placed in jobs. " + "; ".join(alt_parts) + "."
    return Chart(fig, chart_data(rows), alt, "labour_training")


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
        fig, ax, ys = log_dot_figure(
            "Training for the West outnumbered every other exchange", values
        )
        low, high = min(values), max(values)
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
    data = chart_data(
        [
            {
                **input_mark(r),
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
