"""The article's totals among the figures published elsewhere, on one timeline."""

import pandas as pd
import pytest
from conftest import hand_value

from eastwest.analysis import external, timeline
from eastwest.clean import indicators


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return indicators.build_from_files()


@pytest.fixture(scope="module")
def points(table) -> pd.DataFrame:
    return timeline.timeline_points(table, external.load_official(), external.load_sources(), 2015)


def one(points, **where) -> pd.Series:
    rows = points
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, where
    return rows.iloc[0]


def test_timeline_points_carry_their_own_terms_and_publishers(points):
    assert list(points.columns) == timeline.TIMELINE_COLUMNS
    early = one(points, series="fiscal_aid", period_end=2007)
    assert (early["term_zh"], early["citation"]) == ("无偿捐资", "People’s Daily, 2008-03-22")
    assert not early["from_article"]
    part2 = one(points, series="fiscal_aid", period_end=2014)
    assert (part2["term_zh"], part2["citation"]) == ("财政援助资金", "Guangming Daily, 2015-11-28")
    assert part2["from_article"]
    part1 = one(points, series="fiscal_aid", from_article=True, x=2015)
    assert (part1["term_zh"], part1["citation"]) == ("财政援助", "Xinhua, 2016-07-21")
    assert pd.isna(part1["period_end"])  # the article states no end; only the x is inferred
    plan = one(points, series="labour_export", shape="period")
    assert (plan["term_zh"], plan["period_start"], plan["period_end"]) == ("输出劳务", 2011, 2015)
    assert (points["term_zh"] != "").all() and (points["citation"] != "").all()


def test_timeline_never_repeats_the_articles_figures_as_external(points):
    same = ["series", "value", "period_start", "period_end"]
    external_values = points.loc[~points["from_article"], same]
    article_values = points.loc[points["from_article"], same]
    assert external_values.merge(article_values).empty
    # The first publications of the article's totals are not drawn a second time.
    for key in ("fiscal_aid_1996_2014", "fiscal_aid_20y"):
        assert points.loc[points["value"] == hand_value(key), "from_article"].all()
    assert set(points["series"]) == set(timeline.TIMELINE_SERIES)


def test_timeline_periods_are_spans_not_cumulative_points(points):
    spans = points[points["shape"] == "period"]
    assert set(spans["period_start"]) == {2011}
    assert (points.loc[points["shape"] == "cumulative", "period_start"] == 1996).all()


def test_timeline_table_gives_each_figure_in_its_unit_and_period(points):
    reading = timeline.timeline_table(points, 2015)
    part1 = reading[(reading["Figure"] == "the article") & (reading["Term (术语)"] == "财政援助")]
    assert list(part1["Period"]) == ["1996–2015 (inferred)"]
    assert list(part1["Value"]) == [pytest.approx(132.7)]  # in 亿元
    export = reading[(reading["Series"] == "labour_export") & (reading["Figure"] == "the article")]
    assert list(export["Value"]) == [pytest.approx(664.3)] and list(export["Unit"]) == ["万人次"]


def test_timeline_chart_has_a_panel_per_series_with_its_own_terms(points, table):
    chart = timeline.timeline_chart(points, table, 2015)
    assert chart.name == "funding_timeline"
    assert len(chart.fig.axes) == len(timeline.CHART_SERIES)
    texts = [t.get_text() for ax in chart.fig.axes for t in ax.texts]
    assert any("实际投资" in t and "People’s Daily" in t for t in texts)
    # Fiscal aid has Figure 1; its 2008 figure (无偿捐资, free donations) is not drawn as a pace.
    assert not any("无偿捐资" in t for t in texts)
    ylabels = [ax.get_ylabel() for ax in chart.fig.axes]
    assert all("亿元" in y or "万人次" in y for y in ylabels)
