"""The two cumulative totals compared, the consistency checks, the timeline and the loader.

Expected values are the article's own figures, read off the text: 118.2亿元 for 1996–2014
(part 2) and 132.7亿元 over '20 years' (part 1).
"""

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.text import Text

from eastwest import charts, checks, compare, external, findings, indicators, paths
from eastwest.checks import CANNOT_TELL, CONSISTENT, IN_TENSION, Segment
from eastwest.errors import InputError
from eastwest.schema import _totals_fields

ROOT = Path(__file__).resolve().parents[1]
FISCAL_1996_2014 = 11_820_000_000  # 118.2亿元
FISCAL_20_YEARS = 13_270_000_000  # 132.7亿元
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
def totals(table) -> pd.DataFrame:
    return compare.compare_totals(table)


@pytest.fixture(scope="module")
def inputs(table) -> checks.Inputs:
    return checks.Inputs(table, external.load_official(), external.load_sources())


@pytest.fixture(scope="module")
def results(inputs) -> dict[str, checks.Check]:
    return {check.key: check for check in checks.run_checks(inputs)}


def fiscal(totals, end: str) -> pd.Series:
    rows = totals[(totals["series"] == "fiscal_aid") & (totals["period_end_assumed"] == end)]
    assert len(rows) == 1
    return rows.iloc[0]


# --- The comparison -------------------------------------------------------------------------


def test_fiscal_aid_totals_and_difference(totals):
    row = fiscal(totals, "2015")
    assert row["value_1996_2014"] == FISCAL_1996_2014
    assert row["value_20_years"] == FISCAL_20_YEARS
    assert row["difference"] == 1_450_000_000
    assert row["growth_ratio"] == pytest.approx(0.12267, abs=1e-5)
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
def test_fiscal_aid_under_each_period_end(totals, end, added_years, ratio):
    row = fiscal(totals, end)
    assert row["comparable"]
    assert row["added_years"] == added_years
    assert row["implied_yearly_added"] == pytest.approx(1_450_000_000 / added_years)
    assert row["ratio_to_yearly_average"] == pytest.approx(ratio, abs=0.005)
    assert row["ratio_to_yearly_average"] == pytest.approx(
        1_450_000_000 / added_years / (FISCAL_1996_2014 / 19)
    )


def test_the_2015_end_is_one_added_year_worth_2_33_average_years(totals):
    row = fiscal(totals, "2015")
    assert row["implied_yearly_added"] == row["difference"]
    assert row["ratio_to_yearly_average"] == pytest.approx(1.45 * 19 / 11.82)


def test_series_in_one_total_only_are_listed_not_compared(totals):
    single = totals[~totals["comparable"]]
    assert set(single["series"]) == set(ONLY_PART_2) | set(ONLY_PART_1)
    assert (single["period_end_assumed"] == compare.NOT_APPLICABLE).all()
    assert single["series"].is_unique
    assert single["difference"].isna().all() and single["growth_ratio"].isna().all()
    for _, row in single.iterrows():
        if row["series"] in ONLY_PART_2:
            assert pd.isna(row["value_20_years"]) and row["value_1996_2014"] > 0
            assert row["reason"].startswith("only the 1996–2014 total (part 2)")
        else:
            assert pd.isna(row["value_1996_2014"]) and row["value_20_years"] > 0
            assert row["reason"].startswith("only the '20 years' total (part 1)")


def test_only_fiscal_aid_is_in_both_totals(totals):
    assert set(totals.loc[totals["comparable"], "series"]) == {"fiscal_aid"}
    # Cadre exchanges (2011–2015) and the count of provinces aided are not programme totals.
    assert not {"cadre_exchange", ""} & set(totals["series"])


def test_row_order_is_stable(table, totals):
    keys = list(zip(totals["series"], totals["period_end_assumed"], strict=True))
    assert keys == [
        ("fiscal_aid", "2015"), ("fiscal_aid", "mid-2016"), ("fiscal_aid", "2016"),
        ("rural_roads", "n/a"), ("clinics", "n/a"),
        *[(series, "n/a") for series in ONLY_PART_2],
    ]  # fmt: skip
    shuffled = table.sample(frac=1, random_state=7).sort_index()
    pd.testing.assert_frame_equal(compare.compare_totals(shuffled), totals)


def test_written_csv_follows_the_schema(totals, tmp_path):
    target = tmp_path / "totals.csv"
    compare.write_totals(totals, target)
    fields = _totals_fields()
    written = pd.read_csv(target, keep_default_na=False, dtype=str)
    assert list(written.columns) == [field["name"] for field in fields]
    enum = next(f for f in fields if f["name"] == "period_end_assumed")["constraints"]["enum"]
    assert set(written["period_end_assumed"]) <= set(enum)
    assert not written.duplicated(["series", "period_end_assumed"]).any()
    assert set(written["comparable"]) == {"True", "False"}
    compare.write_totals(totals, tmp_path / "again.csv")
    assert target.read_bytes() == (tmp_path / "again.csv").read_bytes()


def test_write_refuses_other_columns(totals, tmp_path):
    with pytest.raises(ValueError, match="differ from the schema"):
        compare.write_totals(totals.drop(columns="reason"), tmp_path / "totals.csv")


def test_readings_table_puts_the_three_ends_side_by_side(totals):
    readings = compare.readings_table(totals)
    assert list(readings["'20 years' end"]) == ["2015", "mid-2016", "2016"]
    assert list(readings["Implied yearly amount (亿元)"]) == [14.5, 9.67, 7.25]


# --- The checks -----------------------------------------------------------------------------


def test_check_a_fiscal_aid_1996_2010(results):
    check = results["a"]
    assert check.verdict == CONSISTENT
    numbers = check.numbers
    assert numbers["upto_2010"] == pytest.approx(7_200_000_000)  # 132.7 − 60.7 = 72.0亿
    assert numbers["gap"] == pytest.approx(1_680_000_000)  # 72.0 − 55.2 = 16.8亿 for 2008–2010
    assert numbers["gap_yearly"] == pytest.approx(560_000_000)
    assert numbers["before_yearly"] == pytest.approx(5_520_000_000 / 12)
    assert numbers["after_yearly"] == pytest.approx(6_070_000_000 / 5)
    assert "无偿捐资" in check.statement and "无偿捐资" in check.caveat
    assert "72.0亿元" in check.statement and "5.6亿元 a year" in check.statement


def test_check_b_enterprise_investment(results):
    check = results["b"]
    assert check.verdict == IN_TENSION
    assert check.numbers["year_2015"] == pytest.approx(300_000_000_000)  # 1.5 − 1.2 万亿
    assert check.numbers["upto_2010"] == pytest.approx(300_000_000_000)
    assert check.numbers["plan_before_2015"] == pytest.approx(900_000_000_000)
    assert check.numbers["jump"] == pytest.approx(0.9e12 / 4 / (0.3e12 / 15))
    # Even at the kindest corner of the ±0.05万亿 rounding the jump exceeds the break factor.
    assert check.numbers["jump_min"] > checks.BREAK_FACTOR
    assert "0.3万亿元" in check.statement


def test_check_c_cadre_exchanges(results):
    check = results["c"]
    assert check.verdict == CONSISTENT
    assert check.numbers["article"] == check.numbers["official"] == 1834
    assert "挂职干部" in check.statement and "党政干部" in check.statement


def test_check_d_labour_export(results):
    check = results["d"]
    assert check.verdict == IN_TENSION
    assert check.numbers["since_2007"] == pytest.approx(6_643_000 - 1_998_000)
    assert check.numbers["gap_min"] == pytest.approx(2_242_000)  # 664.3 − 199.8 − 240.3 万
    assert check.numbers["gap_yearly_min"] == pytest.approx(2_242_000 / 3)
    assert check.numbers["before_yearly"] == pytest.approx(1_998_000 / 12)
    assert check.numbers["after_yearly"] == pytest.approx(2_403_000 / 5)
    assert "74.7万人次 a year" in check.statement
    assert all(term in check.caveat for term in ("输出劳务人员", "劳务输出人员", "输出劳务"))


def test_check_e_period_end(results):
    check = results["e"]
    assert check.verdict == CONSISTENT
    assert check.numbers["sum"] == pytest.approx(13_270_000_000 + 2_760_000_000)
    assert check.numbers["briefing_lower"] == 16_000_000_000
    assert check.numbers["briefing_upper"] == 17_000_000_000
    assert check.numbers["inferred_end"] == 2015
    assert "160.3亿元" in check.statement and "inference" in check.caveat


def test_check_f_the_increase_within_the_plan(results):
    check = results["f"]
    assert check.verdict == CONSISTENT
    assert check.numbers["year_2015"] == pytest.approx(1_450_000_000)
    assert check.numbers["plan_before_2015"] == pytest.approx(6_070_000_000 - 1_450_000_000)
    assert check.numbers["upto_2010_yearly"] == pytest.approx(7_200_000_000 / 15)


def test_checks_come_in_a_fixed_order(results, inputs):
    assert list(results) == ["a", "b", "c", "d", "e", "f"]
    table = checks.checks_table(checks.run_checks(inputs))
    assert list(table["Verdict"]) == [r.verdict for r in results.values()]


def test_checks_that_need_the_2015_end_cannot_tell_without_it(inputs):
    assert checks.fiscal_aid_1996_2010(inputs, 2016).verdict == CANNOT_TELL
    assert checks.fiscal_aid_2015_pace(inputs, 2016).verdict == CANNOT_TELL


# --- The verdict rules ----------------------------------------------------------------------


def test_pace_rule_flags_spikes_breaks_and_negative_amounts():
    smooth = [Segment(1996, 2007, 12), Segment(2008, 2010, 6), Segment(2011, 2015, 15)]
    assert checks.pace_problems(smooth) == []
    spike = [Segment(1996, 2007, 12), Segment(2008, 2010, 9), Segment(2011, 2015, 10)]
    assert checks.pace_problems(spike) == ["2008–2010 out of line"]
    jump = [Segment(1996, 2010, 15), Segment(2011, 2015, 30)]
    assert checks.pace_problems(jump) == ["break 1996–2010 to 2011–2015"]
    assert checks.pace_problems([Segment(2008, 2010, -1)]) == ["2008–2010 negative"]


def test_verdict_over_corners():
    assert checks.verdict_over_corners([True, True]) == IN_TENSION
    assert checks.verdict_over_corners([False, False]) == CONSISTENT
    assert checks.verdict_over_corners([True, False]) == CANNOT_TELL


@pytest.mark.parametrize(
    ("value", "half_unit"),
    [(11_820_000_000, 5_000_000), (1_200_000_000_000, 50_000_000_000), (6_643_000, 500),
     (1834, 0.5)],
)  # fmt: skip
def test_rounding_half_unit(value, half_unit):
    assert checks.rounding_half_unit(value) == half_unit


@pytest.mark.parametrize(
    ("value", "text"),
    [(72.0, "72.0"), (16.65, "16.7"), (5.6, "5.6"), (0.3, "0.3"), (0.02, "0.02"),
     (1020.1, "1,020.1")],
)  # fmt: skip
def test_fmt(value, text):
    assert checks.fmt(value) == text


def test_rules_are_written_out_with_their_thresholds():
    rules = checks.verdict_rules()
    assert "25%" in rules and "5-fold" in rules
    assert all(v in rules for v in (CONSISTENT, IN_TENSION, CANNOT_TELL))


# --- The timeline ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def points(inputs) -> pd.DataFrame:
    return external.timeline_points(inputs.indicators, inputs.official, inputs.sources, 2015)


def test_timeline_points_carry_their_own_terms_and_publishers(points):
    def one(**where):
        rows = points
        for column, value in where.items():
            rows = rows[rows[column] == value]
        assert len(rows) == 1, where
        return rows.iloc[0]

    early = one(series="fiscal_aid", period_end=2007)
    assert (early["term_zh"], early["citation"]) == ("无偿捐资", "People's Daily, 2008-03-22")
    assert not early["from_article"]
    part2 = one(series="fiscal_aid", period_end=2014)
    assert (part2["term_zh"], part2["citation"]) == ("财政援助资金", "Guangming Daily, 2015-11-28")
    assert part2["from_article"]
    part1 = one(series="fiscal_aid", from_article=True, x=2015)
    assert (part1["term_zh"], part1["citation"]) == ("财政援助", "Xinhua, 2016-07-21")
    assert pd.isna(part1["period_end"])  # the article states no end; only the x is inferred
    plan = one(series="labour_export", shape="period")
    assert (plan["term_zh"], plan["period_start"], plan["period_end"]) == ("输出劳务", 2011, 2015)
    assert (points["term_zh"] != "").all() and (points["citation"] != "").all()


def test_timeline_never_repeats_the_articles_figures_as_external(points):
    same = ["series", "value", "period_start", "period_end"]
    external_values = points.loc[~points["from_article"], same]
    article_values = points.loc[points["from_article"], same]
    assert external_values.merge(article_values).empty
    # The first publications of the article's totals are not drawn a second time.
    for value in (FISCAL_1996_2014, FISCAL_20_YEARS):
        assert points.loc[points["value"] == value, "from_article"].all()
    assert set(points["series"]) == set(external.TIMELINE_SERIES)


def test_timeline_periods_are_spans_not_cumulative_points(points):
    spans = points[points["shape"] == "period"]
    assert set(spans["period_start"]) == {2011}
    assert (points.loc[points["shape"] == "cumulative", "period_start"] == 1996).all()


# --- The external loader --------------------------------------------------------------------


def test_external_loader_reads_the_official_totals():
    official = external.load_official()
    assert list(official.columns) == external.COLUMNS
    assert official["value"].dtype == "float64"


def test_external_loader_refuses_changed_columns(tmp_path):
    original = paths.OFFICIAL_TOTALS.read_text(encoding="utf-8")
    changed = tmp_path / "official_totals.csv"
    changed.write_text(original.replace("term_zh,", "term,", 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        external.load_official(changed)
    message = str(err.value)
    assert "official_totals.csv" in message
    assert "'term'" in message and "'term_zh'" in message


def test_official_lookup_names_what_is_missing():
    with pytest.raises(KeyError, match="fiscal_aid 1996–2013"):
        external.official(external.load_official(), "fiscal_aid", 1996, 2013)


# --- Charts and notebook --------------------------------------------------------------------


def test_charts_are_named_and_described(totals, points, table):
    official = external.load_official()
    pace = findings.fiscal_pace(table, official, 2015)
    fiscal_chart = compare.fiscal_pace_chart(pace, totals)
    timeline = compare.timeline_chart(points, table, 2015)
    assert (fiscal_chart.name, timeline.name) == ("funding_fiscal_pace", "funding_timeline")
    assert len(timeline.fig.axes) == len(external.TIMELINE_SERIES)
    texts = [t.get_text() for ax in timeline.fig.axes for t in ax.texts]
    assert any("无偿捐资" in t and "People's Daily" in t for t in texts)
    ylabels = [ax.get_ylabel() for ax in fiscal_chart.fig.axes + timeline.fig.axes]
    assert all("亿元" in y or "万人次" in y for y in ylabels)


def test_lead_chart_plots_the_pace_by_sub_period(totals, table):
    # By hand: 132.7 − 60.7 = 72.0亿 over 1996–2010 (15 years) = 4.8亿 a year; 60.7 − 14.5 =
    # 46.2亿 over 2011–2014 = 11.55亿 a year; 2015: 132.7 − 118.2 = 14.5亿; the same 14.5亿
    # over 1.5 and 2 years: 9.67亿 and 7.25亿 a year.
    pace = findings.fiscal_pace(table, external.load_official(), 2015)
    chart = compare.fiscal_pace_chart(pace, totals)
    yearly = chart.data.set_index("period")["yearly_yuan"] / 1e8
    assert yearly.round(4).to_dict() == {
        "1996–2010": 4.8, "2011–2014": 11.55, "2015": 14.5,
        "2015–mid-2016": 9.6667, "2015–2016": 7.25,
    }  # fmt: skip
    title = chart.fig.get_suptitle()
    assert "2011" in title and "doubled" in title  # the takeaway, not a description
    notes = " ".join(t.get_text() for t in chart.fig.texts)
    assert "not adjusted for prices" in notes
    assert "4.8亿元" in chart.alt and "14.5亿元" in chart.alt and "7.3亿元" in chart.alt
    # Drawn at print width: no type under 7.5 pt once the PNG is fitted to the 166 mm text.
    png, _ = charts.render(chart.fig, chart.name)
    width_in = int.from_bytes(png[16:20], "big") / charts.PNG_DPI
    scale = min(1.0, 166 / 25.4 / width_in)
    sizes = [t.get_fontsize() for t in chart.fig.findobj(Text) if t.get_text().strip()]
    assert min(sizes) * scale >= 7.5


def test_key_findings_carry_numbers_period_and_caveat(table):
    items = findings.key_findings(table, external.load_official(), 2015)
    assert 4 <= len(items) <= 6
    lead = items[0].markdown()
    for number in ("4.8亿元 (0.48 billion yuan)", "11.6亿元", "14.5亿元", "1.3 times", "6.2亿元"):
        assert number in lead, number
    assert all(f.caveat and re.search(r"\d{4}", f.evidence) for f in items)
    with pytest.raises(ValueError):
        findings.key_findings(table, external.load_official(), 2016)


def _code_cells():
    notebook = json.loads((ROOT / "notebooks" / "02_compare_totals.ipynb").read_text("utf-8"))
    return notebook, [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_notebook_types_no_numbers_and_defines_no_helpers():
    _, cells = _code_cells()
    for cell in cells:
        tree = ast.parse("".join(cell["source"]))
        numbers = [n.value for n in ast.walk(tree)
                   if isinstance(n, ast.Constant) and type(n.value) in (int, float)]  # fmt: skip
        assert numbers == [], f"cell {cell['id']} types {numbers}"
        assert not any(isinstance(n, ast.FunctionDef | ast.Lambda) for n in ast.walk(tree))


def test_notebook_sections():
    notebook, _ = _code_cells()
    headings = [
        line
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if line.startswith("#")
    ]
    assert sum(h.startswith("# ") for h in headings) == 1
    assert len([h for h in headings if h.startswith("## ")]) == 5
    assert [c["id"] for c in notebook["cells"]] == [
        f"c{i:02d}" for i in range(1, len(notebook["cells"]) + 1)
    ]


def test_overview_marks_lower_bounds_and_missing_totals(totals, table):
    overview = compare.totals_overview(totals, table).set_index("Series")
    projects = overview.loc["Cooperation projects carried out 实施合作项目"]
    assert projects["1996–2014 (part 2)"] == "80,000+"  # 8万余个
    assert projects["'20 years' (part 1)"] == "–" and projects["Reported in"] == "1996–2014 only"
    aid = overview.loc["Fiscal aid 财政援助资金"]
    assert (aid["1996–2014 (part 2)"], aid["'20 years' (part 1)"], aid["Growth"]) == (
        "118.2",
        "132.7",
        "+12.27%",
    )
