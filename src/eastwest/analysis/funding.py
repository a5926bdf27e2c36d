"""Chapter 4, funding: the scale of government, enterprise and social money, and what it built."""

import math

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from eastwest.analysis.style import (
    ACTOR_COLOURS,
    GUIDE,
    INK,
    Chart,
    add_source,
    chart_data,
    input_mark,
    log_dot_figure,
    nice_ceiling,
    period_label,
    style,
    thousands_axis,
    title,
)
from eastwest.analysis.tables import cited_count, derived, texts_beside
from eastwest.clean.indicators import indicator_row
from eastwest.edition import bilingual
from eastwest.formats import (
    YI,
    fmt_number,
    fmt_rough,
    gloss,
    times_text,
    wan_yi_first,
    yi_first,
)

# The sums of money on the scale chart: indicator, channel of aid, label.
_SCALE = [
    ("fiscal_aid_1996_2014", "government", "Fiscal aid 财政援助资金"),
    ("fiscal_aid_20y", "government", "Fiscal aid 财政援助"),
    ("enterprise_investment_1996_2014", "enterprise", "Enterprise investment 企业实际投资"),
    ("zhu_yinglong_donation", "society", "Zhu Yinglong’s gifts 朱英龙捐赠"),
]


def funding_scale(ind: pd.DataFrame) -> Chart:
    """Fiscal aid, enterprise investment and the largest private gift, in 亿元 on a log axis."""
    spec = _SCALE
    rows = [indicator_row(ind, key) for key, _, _ in spec]
    fiscal, _, enterprise, _ = rows
    ratio = enterprise["value"] / fiscal["value"]
    ratio_text = f"≈{round(ratio, -1):.0f}×"
    plotted = [r["value"] / YI for r in rows]

    with style():
        heading = "Enterprise investment was about a hundred times the fiscal aid"
        fig, ax, ys = log_dot_figure(heading, plotted)
        low, high = min(plotted), max(plotted)
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
    ratio_mark = {
        "mark": "enterprise_to_fiscal_ratio",
        "indicator": f"{enterprise['indicator']} / {fiscal['indicator']}",
        "role": "written",
        "value": ratio,
        "unit": "ratio",
        "qualifier": "approx",
        "plotted": float("nan"),
        "label": ratio_text,
    }
    data = chart_data(
        [
            {**input_mark(r), "role": "plotted", "plotted": v, "label": t}
            for r, v, t in zip(rows, plotted, labels, strict=True)
        ]
        + [ratio_mark]
    )
    return Chart(fig, data, _dot_alt(spec, rows, labels), "funding_scale")


def _dot_alt(spec: list[tuple], rows: list[pd.Series], labels: list[str]) -> str:
    return (
        "Dot chart on a log scale, in 亿元 (100 million yuan). "
        + "; ".join(
            f"{label}, {period_label(r)}: {t}"
            for (_, _, label), r, t in zip(spec, rows, labels, strict=True)
        )
        + "."
    )


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
        title(fig, "What the aid built 援建成果")
        for ax, row, (_, actor, what) in zip(axes, rows, spec, strict=True):
            value = row["value"]
            ax.barh(0, value, height=0.55, color=ACTOR_COLOURS[actor])
            text = f"{fmt_number(value, row['qualifier'])} {row['unit']}"
            labels.append(text)
            ax.text(value, 0, f"  {text}  ({row['figure']})", va="center", fontsize=8.5, color=INK)
            ax.set_title(f"{what} · {period_label(row)}", color=INK, fontsize=8.5)
            ax.set_xlim(0, nice_ceiling(value * 1.3))
            ax.set_ylim(-0.5, 0.5)
            ax.yaxis.set_visible(False)
            ax.spines["left"].set_visible(False)
            ax.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 2.5, 5, 10], integer=True))
            thousands_axis(ax.xaxis)
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
    data = chart_data(
        [
            {**input_mark(r), "role": "plotted", "plotted": r["value"], "label": t}
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


# --- What the chapter says -------------------------------------------------------------------


@bilingual
def investment_paragraph(ind: pd.DataFrame) -> str:
    """Section 4.1: enterprise investment against fiscal aid, and the one private gift."""
    enterprise = indicator_row(ind, "enterprise_investment_1996_2014")
    fiscal = indicator_row(ind, "fiscal_aid_1996_2014")
    gift = indicator_row(ind, "zhu_yinglong_donation")
    # The only sum of money the article gives for social giving is Zhu Yinglong's.
    social_yuan = ind[(ind["category"] == "social") & (ind["unit"] == "yuan")]
    if list(social_yuan["indicator"]) != ["zhu_yinglong_donation"]:
        raise ValueError("the article now gives more than one sum of social giving")
    return texts_beside(__file__)["investment"].format(
        enterprise=wan_yi_first(enterprise["value"]),
        years=period_label(enterprise),
        ratio=derived(times_text(fmt_rough(enterprise["value"] / fiscal["value"]))),
        gift=yi_first(gift["value"]),
        buildings=cited_count(indicator_row(ind, "zhu_yinglong_buildings")),
        students=cited_count(indicator_row(ind, "zhu_yinglong_students")),
    )


BUILT = ("rural_roads_20y", "clinics_20y", "cooperation_projects_1996_2014")


@bilingual
def built_paragraph(ind: pd.DataFrame) -> str:
    """Section 4.2: what the aid built, each count in its own unit."""
    roads, clinics, projects = (indicator_row(ind, key) for key in BUILT)
    return texts_beside(__file__)["built"].format(
        roads=roads["figure"],
        roads_km=gloss(f"{fmt_number(roads['value'])} km"),
        clinics=cited_count(clinics),
        projects=cited_count(projects),
        projects_years=period_label(projects),
        schools=cited_count(indicator_row(ind, "shenzhen_hope_schools")),
    )
