"""Figure 1: fiscal aid a year in each sub-period the sources allow, if the "20 years" end
where the evidence puts them (``pace.fiscal_pace``), with its caption and alt text. The words on
the chart are text in pace_chart.toml beside this file."""

import pandas as pd
from matplotlib.figure import Figure

from eastwest.analysis.external import BEFORE_PLAN_12, PLAN_12, PROGRAMME_START, source_label
from eastwest.analysis.style import ACTOR_COLOURS, INK, PRINT_WIDTH, Chart, add_source, style
from eastwest.analysis.tables import texts_beside
from eastwest.analysis.totals import EARLIER_PART, LATER_PART
from eastwest.edition import bilingual
from eastwest.formats import YI, fmt_one_decimal, period, yi

AID = ACTOR_COLOURS["government"]


@bilingual
def fiscal_pace_chart(pace, plan: pd.Series) -> Chart:
    """Fiscal aid a year in each sub-period the sources allow, bars spanning the years they
    average.

    ``pace`` is :func:`eastwest.analysis.pace.fiscal_pace`: the article's two totals, the
    briefing's 2011–2015 figure (``plan``, its row of the official figures) and the inferred end
    of the "20 years". The later ends that the evidence rules out (``totals.PERIOD_ENDS``) are
    not drawn: they stay in the comparison table.
    """
    if plan["value"] != pace.plan:
        raise ValueError("the briefing's row is not the plan-period figure the pace splits by")
    end = pace.end
    plan_start = PLAN_12[0]
    segments = [
        (PROGRAMME_START, plan_start - 1, pace.yearly_upto_2010,
         period(PROGRAMME_START, plan_start - 1)),
        (plan_start, end - 1, pace.yearly_plan_before_end, period(plan_start, end - 1)),
        (end, end, pace.added, period(end, end)),
    ]  # fmt: skip
    text = texts_beside(__file__)
    inside = {"ha": "center", "fontsize": 8.5, "color": "white"}
    with style():
        fig = Figure(figsize=(PRINT_WIDTH, 3.3))
        ax = fig.subplots()
        fig.suptitle(text["title"].format(step=fmt_one_decimal(pace.step),
                                          recent=segments[1][3], before=segments[0][3]),
                     x=0.0, ha="left", color=INK)  # fmt: skip
        ax.set_title(text["subtitle"].format(end=end), color=INK)
        for first, last, yearly, _label in segments:
            width = last - first + 1
            ax.bar(first, yearly / YI, width=width, align="edge", color=AID, edgecolor="white",
                   linewidth=1)  # fmt: skip
            if width > 1:  # wide enough to carry its value inside
                ax.text(first + width / 2, yearly / YI - 0.5,
                        text["bar"].format(amount=yi(yearly)), va="top", **inside)  # fmt: skip
            else:
                ax.annotate(yi(yearly), (first + 0.5, yearly / YI), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom",
                            fontsize=8.5, color=INK)  # fmt: skip
        ax.hlines(pace.mean_1996_2014 / YI, PROGRAMME_START, end, color=INK, lw=1,
                  ls=(0, (4, 2)))  # fmt: skip
        ax.text(PROGRAMME_START + 0.2, pace.mean_1996_2014 / YI + 0.3,
                text["average"].format(years=period(PROGRAMME_START, pace.earlier_last),
                                       amount=yi(pace.mean_1996_2014)),
                ha="left", va="bottom", fontsize=8.5, color=INK)  # fmt: skip
        ax.set_xlim(PROGRAMME_START - 0.5, end + 1.5)
        ax.set_ylim(0, pace.added / YI * 1.25)
        ticks = [PROGRAMME_START, 2000, 2005, plan_start, end]
        ax.set_xticks([t + 0.5 for t in ticks], [str(t) for t in ticks])
        ax.tick_params(axis="x", length=0)
        ax.set_ylabel(text["axis"])
        add_source(fig, [LATER_PART, EARLIER_PART], [
            text["note"].format(before=segments[0][3], recent=segments[1][3], plan=yi(pace.plan),
                                briefing=source_label(plan),
                                plan_years=period(*PLAN_12), end=period(end, end),
                                years=period(PROGRAMME_START, end))
        ])  # fmt: skip
    return Chart(fig, _pace_data(segments), _pace_alt(pace, segments), "funding_fiscal_pace")


def _pace_data(segments: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"period": label, "first_year": first, "last_year": last, "yearly_yuan": yearly}
         for first, last, yearly, label in segments]
    )  # fmt: skip


def _pace_alt(pace, segments: list[tuple]) -> str:
    text = texts_beside(__file__)
    return text["alt"].format(
        bars=text["alt_separator"].join(
            text["alt_bar"].format(years=label, amount=yi(yearly))
            for _, _, yearly, label in segments
        ),
        years=period(PROGRAMME_START, pace.earlier_last),
        mean=yi(pace.mean_1996_2014),
    )


@bilingual
def caption(pace) -> str:
    """Figure 1's caption."""
    first, last = PLAN_12
    return texts_beside(__file__)["caption"].format(
        years=period(PROGRAMME_START, pace.end),
        before=period(*BEFORE_PLAN_12),
        recent=period(first, pace.earlier_last),
        plan_years=period(first, last),
        end=period(pace.end, pace.end),
    )
