"""The consistency checks of the article's totals against the official figures, and the rules
that give their verdicts.

The expected numbers are worked out by hand from the article (tests/hand_read.csv) and the
official figures (data/external/official_totals.csv): 55.2亿 to 2007 (无偿捐资), 60.7亿 for
2011–2015, 1.5万亿 of enterprise investment to 2015, 199.8万 and 240.3万 person-times of labour
sent to 2007 and in 2011–2015, 27.6亿 for 2016.
"""

import pytest
from conftest import hand_value

from eastwest import formats
from eastwest.analysis import check_text, checks, external, verdicts
from eastwest.analysis.verdicts import CANNOT_TELL, CONSISTENT, IN_TENSION, Segment
from eastwest.clean import indicators


@pytest.fixture(scope="module")
def inputs() -> checks.Inputs:
    table = indicators.build_from_files()
    return checks.Inputs(table, external.load_official(), external.load_sources())


@pytest.fixture(scope="module")
def results(inputs) -> dict[str, checks.Check]:
    return {check.key: check for check in checks.run_checks(inputs)}


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
    assert check.numbers["jump_min"] > verdicts.BREAK_FACTOR
    assert "0.3万亿元" in check.statement


def test_check_c_cadre_exchanges(results):
    check = results["c"]
    assert check.verdict == CONSISTENT
    assert check.numbers["article"] == check.numbers["official"]
    assert check.numbers["article"] == hand_value("cadre_exchanges_2011_2015")  # 1834人次
    assert "挂职干部" in check.statement and "党政干部" in check.statement


def test_check_d_labour_export(results):
    check = results["d"]
    assert check.verdict == IN_TENSION
    export = hand_value("labour_export_1996_2014")  # 664.3万人次
    assert check.numbers["since_2007"] == pytest.approx(export - 1_998_000)
    assert check.numbers["gap_min"] == pytest.approx(2_242_000)  # 664.3 − 199.8 − 240.3 万
    assert check.numbers["gap_yearly_min"] == pytest.approx(2_242_000 / 3)
    assert check.numbers["before_yearly"] == pytest.approx(1_998_000 / 12)
    assert check.numbers["after_yearly"] == pytest.approx(2_403_000 / 5)
    assert "74.7万人次 a year" in check.statement
    assert all(term in check.caveat for term in ("输出劳务人员", "劳务输出人员", "输出劳务"))


def test_check_e_period_end(results):
    check = results["e"]
    assert check.verdict == CONSISTENT
    assert check.numbers["sum"] == pytest.approx(hand_value("fiscal_aid_20y") + 2_760_000_000)
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
    table = check_text.checks_table(checks.run_checks(inputs))
    assert list(table["Verdict"]) == [r.verdict for r in results.values()]


def test_checks_that_need_the_2015_end_cannot_tell_without_it(inputs):
    assert checks.fiscal_aid_1996_2010(inputs, 2016).verdict == CANNOT_TELL
    assert checks.fiscal_aid_2015_pace(inputs, 2016).verdict == CANNOT_TELL


# --- The verdict rules ----------------------------------------------------------------------


def test_pace_rule_flags_spikes_breaks_and_negative_amounts():
    smooth = [Segment(1996, 2007, 12), Segment(2008, 2010, 6), Segment(2011, 2015, 15)]
    assert verdicts.pace_problems(smooth) == []
    spike = [Segment(1996, 2007, 12), Segment(2008, 2010, 9), Segment(2011, 2015, 10)]
    assert verdicts.pace_problems(spike) == ["2008–2010 out of line"]
    jump = [Segment(1996, 2010, 15), Segment(2011, 2015, 30)]
    assert verdicts.pace_problems(jump) == ["break 1996–2010 to 2011–2015"]
    assert verdicts.pace_problems([Segment(2008, 2010, -1)]) == ["2008–2010 negative"]


def test_verdict_over_corners():
    assert verdicts.verdict_over_corners([True, True]) == IN_TENSION
    assert verdicts.verdict_over_corners([False, False]) == CONSISTENT
    assert verdicts.verdict_over_corners([True, False]) == CANNOT_TELL


@pytest.mark.parametrize(
    ("value", "half_unit"),
    [(11_820_000_000, 5_000_000), (1_200_000_000_000, 50_000_000_000), (6_643_000, 500),
     (1834, 0.5)],
)  # fmt: skip
def test_rounding_half_unit(value, half_unit):
    assert verdicts.rounding_half_unit(value) == half_unit


@pytest.mark.parametrize(
    ("figure", "unit", "scale"),
    [("118.2亿元", "亿元", 1e8), ("1.2万亿元", "万亿元", 1e12), ("664.3万人次", "万人次", 1e4)],
)
def test_display_unit_is_the_unit_the_article_writes(figure, unit, scale):
    assert formats.display_unit(figure) == (unit, scale)


def test_rules_are_written_out_with_their_thresholds():
    rules = check_text.verdict_rules()
    assert "25%" in rules and "5-fold" in rules
    assert all(v in rules for v in (CONSISTENT, IN_TENSION, CANNOT_TELL))
