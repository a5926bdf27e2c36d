"""The article's two cumulative totals compared: 1996–2014 (part 2) and '20 years' (part 1).

The totals are the article's own, read by hand (tests/hand_read.csv): 118.2亿元 for 1996–2014
and 132.7亿元 over '20 years'. Their difference is 14.5亿元; 1996–2014 is 19 years, so the
yearly average is 118.2 / 19 = 6.22亿元.
"""

import pandas as pd
import pytest
from conftest import ROOT, hand_value
from matplotlib.text import Text

from eastwest.analysis import external, findings, pace_chart, style, totals
from eastwest.clean import indicators
from eastwest.clean.fields import NOT_APPLICABLE, TOTALS_COLUMNS, TOTALS_FIELDS

FISCAL_1996_2014 = hand_value("fiscal_aid_1996_2014")  # 118.2亿元
FISCAL_20_YEARS = hand_value("fiscal_aid_20y")  # 132.7亿元
DIFFERENCE = 1_450_000_000  # 132.7 − 118.2 = 14.5亿元
ONLY_PART_2 = [
    "enterprise_investment", "cooperation_projects", "labour_export", "labour_income",
    "leader_visits", "leader_visits_provincial", "talent_training", "technologies",
]  # fmt: skip
ONLY_PART_1 = ["rural_roads", "clinics"]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    # Built from the article and the codebook, so the tests do not wait for `make data`.
    return indicators.build_from_files()


@pytest.fixture(scope="module")
def compared(table) -> pd.DataFrame:
    return totals.compare_totals(table)


def fiscal(compared, end: str) -> pd.Series:
    rows = compared[(compared["series"] == "fiscal_aid") & (compared["period_end_assumed"] == end)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_fiscal_aid_totals_and_difference(compared):
    assert FISCAL_20_YEARS - FISCAL_1996_2014 == DIFFERENCE
    row = fiscal(compared, "2015")
    assert row["value_1996_2014"] == FISCAL_1996_2014
    assert row["value_20_years"] == FISCAL_20_YEARS
    assert row["difference"] == DIFFERENCE
    assert row["growth_ratio"] == pytest.approx(0.12267, abs=1e-5)  # 14.5 / 118.2
    assert row["yearly_average_1996_2014"] == pytest.approx(FISCAL_1996_2014 / 19)
    assert (row["indicator_1996_2014"], row["indicator_20_years"]) == (
        "fiscal_aid_1996_2014",
        "fiscal_aid_20y",
    )
    assert (row["name_en"], row["name_zh"]) == ("Fiscal aid", "财政援助资金")


@pytest.mark.parametrize(
    ("end", "added_years", "ratio"),
    [("2015", 1.0, 2.33), ("mid-2016", 1.5, 1.55), ("2016", 2.0, 1.17)],
)
def test_fiscal_aid_under_each_period_end(compared, end, added_years, ratio):
    row = fiscal(compared, end)
    assert row["comparable"]
    assert row["added_years"] == added_years
    assert row["implied_yearly_added"] == pytest.approx(DIFFERENCE / added_years)
    assert row["ratio_to_yearly_average"] == pytest.approx(ratio, abs=0.005)
    assert row["ratio_to_yearly_average"] == pytest.approx(
        DIFFERENCE / added_years / (FISCAL_1996_2014 / 19)
    )


def test_the_period_ends_are_the_field_dictionary_s_readings():
    assert [end.label for end in totals.PERIOD_ENDS] == ["2015", "mid-2016", "2016"]
    assert [end.years_covered() for end in totals.PERIOD_ENDS] == [20, 20.5, 21]
    assert totals.covered_years(1996, 2014) == 19


def test_the_2015_end_is_one_added_year_worth_2_33_average_years(compared):
    row = fiscal(compared, "2015")
    assert row["implied_yearly_added"] == row["difference"]
    assert row["ratio_to_yearly_average"] == pytest.approx(1.45 * 19 / 11.82)


def test_series_in_one_total_only_are_listed_not_compared(compared):
    single = compared[~compared["comparable"]]
    assert set(single["series"]) == set(ONLY_PART_2) | set(ONLY_PART_1)
    assert (single["period_end_assumed"] == NOT_APPLICABLE).all()
    assert single["series"].is_unique
    assert single["difference"].isna().all() and single["growth_ratio"].isna().all()
    for _, row in single.iterrows():
        if row["series"] in ONLY_PART_2:
            assert pd.isna(row["value_20_years"]) and row["value_1996_2014"] > 0
            assert row["reason"].startswith("only the 1996–2014 total (part 2)")
        else:
            assert pd.isna(row["value_1996_2014"]) and row["value_20_years"] > 0
            assert row["reason"].startswith("only the '20 years' total (part 1)")


def test_only_fiscal_aid_is_in_both_totals(compared, table):
    assert set(compared.loc[compared["comparable"], "series"]) == {"fiscal_aid"}
    # Cadre exchanges (2011–2015) and the count of provinces aided are not programme totals.
    assert not {"cadre_exchange", ""} & set(compared["series"])
    programme = totals.programme_totals(table)
    assert (programme["period_start"] == 1996).all() and (programme["series"] != "").all()


def test_row_order_is_stable(table, compared):
    keys = list(zip(compared["series"], compared["period_end_assumed"], strict=True))
    assert keys == [
        ("fiscal_aid", "2015"), ("fiscal_aid", "mid-2016"), ("fiscal_aid", "2016"),
        ("rural_roads", "n/a"), ("clinics", "n/a"),
        *[(series, "n/a") for series in ONLY_PART_2],
    ]  # fmt: skip
    shuffled = table.sample(frac=1, random_state=7).sort_index()
    pd.testing.assert_frame_equal(totals.compare_totals(shuffled), compared)


def test_written_csv_follows_the_field_dictionary(compared, tmp_path):
    target = tmp_path / "totals.csv"
    totals.write_totals(compared, target)
    written = pd.read_csv(target, keep_default_na=False, dtype=str)
    assert list(written.columns) == TOTALS_COLUMNS == [field["name"] for field in TOTALS_FIELDS]
    enum = next(f for f in TOTALS_FIELDS if f["name"] == "period_end_assumed")["constraints"]
    assert set(written["period_end_assumed"]) <= set(enum["enum"])
    assert not written.duplicated(["series", "period_end_assumed"]).any()
    assert set(written["comparable"]) == {"True", "False"}
    totals.write_totals(compared, tmp_path / "again.csv")
    assert target.read_bytes() == (tmp_path / "again.csv").read_bytes()
    # The notebook writes the same table into data/processed/.
    assert (ROOT / "data" / "processed" / "totals_2014_2016.csv").read_bytes() == (
        target.read_bytes()
    )


def test_write_refuses_other_columns(compared, tmp_path):
    with pytest.raises(ValueError, match="differ from the schema"):
        totals.write_totals(compared.drop(columns="reason"), tmp_path / "totals.csv")
    assert not (tmp_path / "totals.csv").exists()


def test_readings_table_puts_the_three_ends_side_by_side(compared):
    readings = totals.readings_table(compared)
    assert list(readings["'20 years' end"]) == ["2015", "mid-2016", "2016"]
    # 14.5亿 over 1, 1.5 and 2 years.
    assert list(readings["Implied yearly amount (亿元)"]) == [14.5, 9.67, 7.25]
    assert list(readings["1996–2014 yearly average (亿元)"]) == [6.22] * 3


def test_overview_marks_lower_bounds_and_missing_totals(compared, table):
    overview = totals.totals_overview(compared, table).set_index("Series")
    projects = overview.loc["Cooperation projects carried out 实施合作项目"]
    assert projects["1996–2014 (part 2)"] == "80,000+"  # 8万余个
    assert projects["'20 years' (part 1)"] == "–" and projects["Reported in"] == "1996–2014 only"
    aid = overview.loc["Fiscal aid 财政援助资金"]
    assert (aid["1996–2014 (part 2)"], aid["'20 years' (part 1)"], aid["Growth"]) == (
        "118.2",
        "132.7",
        "+12.27%",
    )
    assert aid["Difference"] == "14.5" and aid["Unit"] == "亿元"


def test_lead_chart_plots_the_pace_by_sub_period(compared, table):
    # By hand: 132.7 − 60.7 = 72.0亿 over 1996–2010 (15 years) = 4.8亿 a year; 60.7 − 14.5 =
    # 46.2亿 over 2011–2014 = 11.55亿 a year; 2015: 132.7 − 118.2 = 14.5亿. The later ends the
    # evidence rules out (the same 14.5亿 over 1.5 or 2 years) are not drawn.
    official = external.load_official()
    pace = findings.fiscal_pace(table, official, 2015)
    chart = pace_chart.fiscal_pace_chart(
        pace, external.official(official, "fiscal_aid", 2011, 2015)
    )
    assert chart.name == "funding_fiscal_pace"
    yearly = chart.data.set_index("period")["yearly_yuan"] / 1e8
    assert yearly.round(4).to_dict() == {"1996–2010": 4.8, "2011–2014": 11.55, "2015": 14.5}
    title = chart.fig.get_suptitle()
    assert title == "Fiscal aid a year, nominal: 2.4 times as much in 2011–2014 as in 1996–2010"
    assert chart.fig.axes[0].get_title(loc="left").endswith("if the “20 years” end in 2015")
    notes = " ".join(t.get_text() for t in chart.fig.texts)
    assert "not adjusted for prices" in notes
    assert "4.8亿元" in chart.alt and "14.5亿元" in chart.alt and "7.3亿元" not in chart.alt
    assert "2016" not in " ".join(t.get_text() for t in chart.fig.axes[0].get_xticklabels())
    # Drawn again in Chinese, from the same numbers: 2.4倍, periods with 年, the briefing's date
    # (9 December 2016 in data/external/official_totals.csv) as Chinese writes it.
    chinese = chart.zh
    assert chinese.name == chart.name
    assert list(chinese.data["yearly_yuan"]) == list(chart.data["yearly_yuan"])
    assert (
        chinese.fig.get_suptitle() == "每年财政援助资金（名义值）：2011—2014年为1996—2010年的2.4倍"
    )
    notes = " ".join(t.get_text() for t in chinese.fig.texts)
    assert "《光明日报》2016年12月9日" in notes and "60.7亿元" in notes
    assert "4.8亿元" in chinese.alt and "每年14.5亿元" in chinese.alt
    assert all("亿元" in ax.get_ylabel() for ax in chart.fig.axes)
    # Drawn at print width: no type under 7.5 pt once its published PNG is fitted to the 166 mm
    # text of the PDF.
    png = (ROOT / "figures" / f"{chart.name}.png").read_bytes()
    width_in = int.from_bytes(png[16:20], "big") / style.PNG_DPI
    scale = min(1.0, 166 / 25.4 / width_in)
    sizes = [t.get_fontsize() for t in chart.fig.findobj(Text) if t.get_text().strip()]
    assert min(sizes) * scale >= 7.5
