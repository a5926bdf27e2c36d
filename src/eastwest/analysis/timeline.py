"""The article's cumulative totals among the figures published elsewhere, on one timeline.

The official figures (``external``) are context, never a replacement: every point keeps its own
Chinese term, period and publication, and the article's own are drawn apart from them.
"""

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from eastwest.analysis.checks import PLAN_12
from eastwest.analysis.external import PROGRAMME_START, citation, own_term, series_name_en
from eastwest.analysis.style import ACTOR_COLOURS, GUIDE, INK, OKABE_ITO, Chart, add_source, style
from eastwest.analysis.tables import texts_beside
from eastwest.edition import bilingual, current
from eastwest.formats import WAN, WAN_YI, YI, count_word, fmt_scaled, period

TIMELINE_SERIES = ("fiscal_aid", "enterprise_investment", "labour_export")
# The chart draws the two series whose releases disagree; fiscal aid has Figure 1 of its own,
# and its 2008 figure counts free donations (无偿捐资), which may not be fiscal aid.
CHART_SERIES = ("enterprise_investment", "labour_export")
TIMELINE_COLUMNS = [
    "series", "from_article", "shape", "period_start", "period_end", "x", "value", "unit",
    "term_zh", "citation", "indicator", "publisher", "published",
]  # fmt: skip


def _cite(row) -> str:
    """A point's publisher and date, in the current edition's words."""
    return citation(pd.Series({"publisher": row.publisher, "published": row.published}))


def _article_citations(sources: pd.DataFrame) -> dict[int, str]:
    return {part: citation(sources.loc[f"part{part}"]) for part in (1, 2)}


def _is_article_original(row: pd.Series, article: pd.DataFrame, citations: dict) -> bool:
    """An official row that is the article's own figure in its first publication."""
    same = article[(article["series"] == row["series"]) & (article["value"] == row["value"])]
    return any(citations[part] == citation(row) for part in same["part"])


def timeline_points(
    indicators: pd.DataFrame,
    official: pd.DataFrame,
    sources: pd.DataFrame,
    twenty_years_end: int,
    series: tuple[str, ...] = TIMELINE_SERIES,
) -> pd.DataFrame:
    """The article's cumulative totals and the official figures of ``series``, one row each.

    ``shape`` is "cumulative" (a total since the programme began, drawn as a point at its
    last year) or "period" (a total over a shorter span, e.g. the 2011–2015 plan, drawn as a
    span). The article's '20 years' total has no stated end: it sits at ``twenty_years_end``
    with period_end left empty. Official rows that merely repeat one of the article's figures
    in its first publication are left out, so that no figure appears twice.
    """
    citations = _article_citations(sources)
    article = indicators[
        indicators["series"].isin(series) & (indicators["period_start"] == PROGRAMME_START)
    ]
    rows = []
    for _, fig in article.iterrows():
        end = None if pd.isna(fig["period_end"]) else int(fig["period_end"])
        rows.append({
            "series": fig["series"], "from_article": True, "shape": "cumulative",
            "period_start": int(fig["period_start"]), "period_end": end,
            "x": twenty_years_end if end is None else end, "value": fig["value"],
            "unit": fig["unit"], "term_zh": own_term(fig["name_zh"]),
            "citation": citations[int(fig["part"])], "indicator": fig["indicator"],
            "publisher": sources.loc[f"part{int(fig['part'])}", "publisher"],
            "published": sources.loc[f"part{int(fig['part'])}", "published"],
        })  # fmt: skip
    for _, row in official[official["series"].isin(series)].iterrows():
        if _is_article_original(row, article, citations):
            continue
        cumulative = row["period_start"] == PROGRAMME_START
        rows.append({
            "series": row["series"], "from_article": False,
            "shape": "cumulative" if cumulative else "period",
            "period_start": row["period_start"], "period_end": row["period_end"],
            "x": row["period_end"], "value": row["value"], "unit": row["unit"],
            "term_zh": row["term_zh"], "citation": citation(row), "indicator": "",
            "publisher": row["publisher"], "published": row["published"],
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    frame["period_end"] = frame["period_end"].astype("Int64")
    order = {name: i for i, name in enumerate(series)}
    frame["_series"] = frame["series"].map(order)
    frame = frame.sort_values(["_series", "x", "from_article"], kind="stable")
    return frame.drop(columns="_series").reset_index(drop=True)


# Each series keeps the colour of its channel of aid in the other charts of the report.
TIMELINE_COLOURS = {
    "fiscal_aid": ACTOR_COLOURS["government"],
    "enterprise_investment": ACTOR_COLOURS["enterprise"],
    "labour_export": OKABE_ITO["vermillion"],
}
# Room to the right of the last year for the labels of the latest totals.
LABEL_ROOM_YEARS = 10
TIMELINE_UNITS = {
    "yuan": (YI, "亿元 / 100 million yuan"),
    "person-times": (WAN, "万人次 / 10,000 person-times"),
}
# Enterprise investment runs to 万亿 (trillions): in 亿元 its totals would read 15,000.
TIMELINE_SERIES_UNITS = {"enterprise_investment": (WAN_YI, "万亿元 / trillion yuan")}


def series_unit(series: str, unit: str) -> tuple[float, str]:
    """The scale and axis label a series is drawn and tabled in."""
    return TIMELINE_SERIES_UNITS.get(series, TIMELINE_UNITS[unit])


def timeline_table(points: pd.DataFrame, twenty_years_end: int) -> pd.DataFrame:
    """The timeline's figures for reading, each with its own term and publication."""
    drawn = [series_unit(s, u) for s, u in zip(points["series"], points["unit"], strict=True)]
    scale = pd.Series([s for s, _ in drawn], index=points.index)
    units = [label.split(" / ")[0] for _, label in drawn]
    periods = [
        f"{start}–{end}" if pd.notna(end) else f"{start}–{twenty_years_end} (inferred)"
        for start, end in zip(points["period_start"], points["period_end"], strict=True)
    ]
    return pd.DataFrame({
        "Series": points["series"],
        "Figure": ["the article" if a else "elsewhere" for a in points["from_article"]],
        "Term (术语)": points["term_zh"],
        "Period": periods,
        "Kind": points["shape"],
        "Value": points["value"] / scale,
        "Unit": units,
        "Publisher, date": points["citation"],
    })  # fmt: skip


def _texts() -> dict:
    return texts_beside(__file__)


def _series_name(points: pd.DataFrame, indicators: pd.DataFrame, series: str) -> str:
    """A series as the edition names it: Enterprise investment; 引导企业实际投资."""
    rows = indicators[indicators["indicator"].isin(points["indicator"])]
    row = rows[rows["series"] == series].sort_values("part").iloc[-1]
    return own_term(row["name_zh"]) if current() == "zh" else series_name_en(row["name_en"])


def _panel_title(points: pd.DataFrame, indicators: pd.DataFrame, series: str, unit: str) -> str:
    rows = indicators[indicators["indicator"].isin(points["indicator"])].sort_values("part")
    row = rows.iloc[-1]  # part 2, whose 1996–2014 total every series here has
    # The English edition names the series in both languages; the Chinese its term alone.
    english = "" if current() == "zh" else series_name_en(row["name_en"])
    return _texts()["panel"].format(series=english, term=own_term(row["name_zh"]), unit=unit)


def _label(group: pd.DataFrame, scale: float, stacked: bool = False) -> str:
    """Term, value and source of each figure; ``stacked`` puts the source on its own line."""
    # Chinese sets no space before its full-width bracket.
    between = "\n" if stacked else "" if current() == "zh" else " "
    return "\n".join(_texts()["label"].format(term=r.term_zh, value=fmt_scaled(r.value, scale),
                                               between=between, citation=_cite(r))
                      for r in group.itertuples())  # fmt: skip


def _draw_series(ax, points: pd.DataFrame, colour: str, scale: float):
    span = points[points["shape"] == "period"]
    for row in span.itertuples():
        ax.axvspan(row.period_start, row.period_end, color=GUIDE, lw=0, zorder=0)
        ax.plot([row.period_start, row.period_end], [row.value / scale] * 2, color=colour,
                lw=2.2, ls=(0, (2, 1.5)), solid_capstyle="butt", zorder=2)  # fmt: skip
        plan = _texts()["plan"] if (row.period_start, row.period_end) == PLAN_12 else ""
        ax.annotate(_texts()["span"].format(years=period(row.period_start, row.period_end),
                                            plan=plan, label=_label(pd.DataFrame([row]), scale)),
                    (row.period_end, row.value / scale),
                    xytext=(6, -2), textcoords="offset points", ha="left", va="top",
                    fontsize=7.5, color=INK)  # fmt: skip
    # (below its line: a cumulative total of the same height sits at the same year)
    cumulative = points[points["shape"] == "cumulative"]
    # Successive totals joined, from nothing before the programme began: the slope between two
    # releases is the pace they imply. Dotted: the releases' terms may differ.
    path = cumulative.drop_duplicates(["x", "value"]).sort_values("x")
    xs, ys = [PROGRAMME_START - 1, *path["x"]], [0, *(path["value"] / scale)]
    ax.plot(xs, ys, color=colour, lw=0.9, alpha=0.7, ls=(0, (1, 1.5)), zorder=1)
    for (x, value, from_article), group in cumulative.groupby(
        ["x", "value", "from_article"], sort=False
    ):
        y = value / scale
        ax.plot([x], [y], "o", ms=7, mec=colour, mew=1.5,
                mfc=colour if from_article else "white", zorder=3)  # fmt: skip
        # The last totals stand at the right edge of the data: their labels go outward, into
        # the free space. Earlier ones go up and to the left, stacked so as to clear the y axis
        # and above any 2011–2015 span at the same height.
        outward = x == points["x"].max()
        text = _label(group, scale, stacked=not outward)
        if from_article and group["period_end"].isna().all():
            text = _texts()["twenty_years"].format(label=text, end=x)
        ax.annotate(text, (x, y), xytext=(8, 0) if outward else (-5, 4),
                    textcoords="offset points", ha="left" if outward else "right",
                    va="center" if outward else "bottom", fontsize=7.5, color=INK)  # fmt: skip


@bilingual
def timeline_chart(
    points: pd.DataFrame,
    indicators: pd.DataFrame,
    twenty_years_end: int,
    series: tuple[str, ...] = CHART_SERIES,
) -> Chart:
    """Cumulative totals since 1996 for each of ``series``: the article's filled, others
    hollow."""
    points = points[points["series"].isin(series)]
    series = list(dict.fromkeys(points["series"]))
    last = int(points["x"].max())
    with style():
        fig = Figure(figsize=(7.0, 1.9 * len(series) + 0.9))
        axes = fig.subplots(len(series), 1, sharex=True)
        text = _texts()
        fig.suptitle(text["title"], x=0.0, ha="left", color=INK)
        for ax, name in zip(axes, series, strict=True):
            subset = points[points["series"] == name]
            scale, unit = series_unit(name, subset["unit"].iloc[0])
            _draw_series(ax, subset, TIMELINE_COLOURS[name], scale)
            # The axis says the unit in Chinese; the title says it in English, with room to.
            chinese, english = unit.split(" / ")
            shown = chinese if current() == "zh" else english
            ax.set_title(_panel_title(subset, indicators, name, shown))
            ax.set_ylabel(chinese)
            ax.set_ylim(0, subset["value"].max() / scale * 1.25)
            ax.yaxis.set_major_formatter(
                FuncFormatter(lambda v, _pos: f"{v:,.1f}".rstrip("0").rstrip("."))
            )
        axes[-1].set_xlim(PROGRAMME_START - 1, last + LABEL_ROOM_YEARS)
        axes[-1].set_xticks(range(PROGRAMME_START, last + 2, 4))
        for ax in axes:
            ax.spines["bottom"].set_bounds(PROGRAMME_START - 1, last + 1)
        handles = [
            Line2D([], [], ls="", marker="o", ms=5, mfc=INK, mec=INK, label=text["from_article"]),
            Line2D([], [], ls="", marker="o", ms=5, mfc="white", mec=INK, label=text["elsewhere"]),
            Patch(color=GUIDE, label=text["plan_span"].format(years=period(*PLAN_12))),
        ]  # fmt: skip
        # Top left of the first panel: the early years, where no total is high.
        axes[0].legend(handles=handles, loc="upper left", fontsize=7.5, borderaxespad=0,
                       handlelength=1.2)  # fmt: skip
        others = points.loc[~points["from_article"]]
        published = {_cite(r): r.published for r in others.itertuples()}
        publications = sorted(published, key=published.get)
        # The article's parts whose totals are drawn (part 2 alone, for these two series).
        drawn = indicators[indicators["indicator"].isin(points["indicator"])]
        add_source(fig, drawn["part"].astype(int), [
            text["note"].format(publications=text["separator"].join(publications),
                                start=PROGRAMME_START)
        ])  # fmt: skip
    alt = text["alt"].format(count=count_word(len(series)).capitalize(), start=PROGRAMME_START,
                             panels=text["panel_separator"].join(
        text["alt_panel"].format(series=_series_name(points, indicators, name),
                                 points=text["separator"].join(
            text["alt_point"].format(
                term=r.term_zh, value=fmt_scaled(r.value, series_unit(r.series, r.unit)[0]),
                unit=series_unit(r.series, r.unit)[1].split(" / ")[0],
                years=period(r.period_start,
                             r.period_end if pd.notna(r.period_end) else twenty_years_end),
                source=text["from_article" if r.from_article else "elsewhere"],
                citation=_cite(r))
            for r in points[points["series"] == name].itertuples()
        )) for name in series
    ))  # fmt: skip
    return Chart(fig, points, alt, "funding_timeline")


@bilingual
def caption(twenty_years_end: int) -> str:
    """Figure 2's caption."""
    return _texts()["caption"].format(
        years=period(PROGRAMME_START, twenty_years_end), plan_years=period(*PLAN_12)
    )
