"""The key findings: each with its numbers, period and caveat, computed from the figures.

By hand (亿元): 132.7 − 60.7 = 72.0 over 1996–2010 is 4.8 a year (0.48 billion yuan); 60.7 −
14.5 = 46.2 over 2011–2014 is 11.55, printed 11.6; 2015 added 14.5 (132.7 − 118.2), 1.3 times
the 2011–2014 pace; the 1996–2014 average is 118.2 / 19 = 6.2 a year.
"""

import re

import pytest

from eastwest.analysis import external, findings
from eastwest.clean import indicators


@pytest.fixture(scope="module")
def table():
    return indicators.build_from_files()


def test_key_findings_carry_numbers_period_and_caveat(table):
    items = findings.key_findings(table, external.load_official(), 2015)
    assert 4 <= len(items) <= 6
    lead = items[0].markdown()
    for number in ("4.8亿元 (0.48 billion yuan)", "11.6亿元", "14.5亿元", "1.3 times", "6.2亿元"):
        assert number in lead, number
    assert all(f.caveat and re.search(r"\d{4}", f.evidence) for f in items)
    assert all(f.section and f.section in f.markdown() for f in items)  # where the evidence is
    with pytest.raises(ValueError):
        findings.key_findings(table, external.load_official(), 2016)


def test_the_pace_is_worked_out_from_the_two_totals_and_the_plan(table):
    pace = findings.fiscal_pace(table, external.load_official(), 2015)
    assert pace.added == pytest.approx(1_450_000_000)
    assert pace.yearly_upto_2010 == pytest.approx(480_000_000)
    assert pace.yearly_plan_before_end == pytest.approx(1_155_000_000)
    assert pace.mean_1996_2014 == pytest.approx(11_820_000_000 / 19)


def test_findings_are_a_numbered_list_lead_first(table):
    items = findings.key_findings(table, external.load_official(), 2015)
    lines = findings.markdown_list(items).splitlines()
    assert [line.split(". ", 1)[0] for line in lines] == [str(n) for n in range(1, len(items) + 1)]
    assert lines[0].endswith(items[0].markdown())
