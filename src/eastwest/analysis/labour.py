"""Chapter 3, labour and people: the charts of income per worker, training and exchanges."""

import math

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
    log_axis,
    period_label,
    style,
    thousands_axis,
    title,
)
from eastwest.clean.indicators import indicator_row
from eastwest.formats import fmt_number, fmt_percent, fmt_round

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
        title(fig, "Guangxi’s 2015 earnings per worker fit the wages reported in Dongguan")

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
        thousands_axis(left.xaxis)
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
        thousands_axis(right.xaxis)
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

    data = chart_data(
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
                    **input_mark(r),
                    "mark": f"wage_{r['qualifier']}",
                    "role": "plotted",
                    "plotted": r["value"],
                    "label": fmt_number(r["value"]),
                }
                for r in (low, high)
            ),
            *(input_mark(r) for r in (export, income, gx_workers, gx_income)),
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
        title(fig, "Most people trained for jobs in the East were placed in one")
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
        axes[-1].set_xlabel("persons 人 (each panel has its own scale)")
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
        fig = Figure(figsize=(PRINT_WIDTH, 3.3))
        ax = fig.subplots()
        title(fig, "Training for the West outnumbered every other exchange")
        ys = list(range(len(rows)))[::-1]
        low, high = min(values), max(values)
        log_axis(ax, low, high)
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
