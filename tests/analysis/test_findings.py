"""The front page: a bottom line and four key findings, every number computed from the figures.

By hand (亿元): 132.7 − 60.7 = 72.0 over 1996–2010 is 4.8 a year (0.48 billion yuan); 60.7 −
14.5 = 46.2 over 2011–2014 is 11.55, printed 11.6 (1.16 billion); 2015 added 14.5 (132.7 −
118.2), 25.5% more than 11.55, printed 26%; 11.55 / 4.8 = 2.4. Xinhua's 132.7 + 27.6 = 160.3,
inside the briefing's 160多亿. Labour export (万人次): 664.3 − 199.8 − 240.3 = 224.2 over
2008–2010 is 74.7 a year, against 199.8 / 12 = 16.65 (printed 16.7) before and 240.3 / 5 = 48.06
after. Guangxi's 157.5 of the programme's 538.3 is 29%; 157.5亿 / 35万 = 45,000 yuan a head;
538.3亿 / 664.3万 ≈ 8,100 yuan per person-time.
"""

import re

import pytest

from eastwest.analysis import checks, external, findings
from eastwest.clean import indicators


@pytest.fixture(scope="module")
def table():
    return indicators.build_from_files()


def _front(table, official=None):
    official = external.load_official() if official is None else official
    results = checks.run_checks(checks.Inputs(table, official, external.load_sources()))
    return findings.key_findings(table, official, results)


@pytest.fixture(scope="module")
def front(table):
    return _front(table)


def _plain(markdown: str) -> str:
    """The text a reader sees: links and emphasis markers dropped."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown).replace("**", "")


def test_the_bottom_line_is_one_sentence_with_the_step(front):
    bottom, _ = front
    text = _plain(bottom)
    assert text.startswith("Bottom line. ")
    text = text.removeprefix("Bottom line. ")
    assert text.count(". ") == 0 and text.endswith(".")
    assert "averaged 2.4 times as much a year in 2011–2014 as in 1996–2010" in text
    assert "labour-export totals of different releases" in text
    assert "only if 2008–2010 was a peak" in text  # the inference, as one
    assert "no growth should be read across them" in text  # what a reader can act on


def test_four_findings_ordered_by_what_depends_on_what(front):
    _, items = front
    assert len(items) == 4
    assert items[0].headline == "The “20 years” most likely end in 2015."
    assert items[1].headline.startswith("If so,")  # rests on the first
    assert [item.section for item in items] == ["2.2", "2.3", "2.4", "3.1"]


def test_each_finding_is_short_and_carries_its_numbers(front):
    _, items = front
    expected = [
        ("132.7亿元 + 27.6亿元 = 160.3亿元", "13.27 + 2.76 = 16.03 billion yuan", "160多亿元",
         "over 16 billion", "July 2016", "by only 0.3亿元 (0.03 billion yuan)", "half of 2016"),
        ("4.8亿元 (0.48 billion yuan)", "11.6亿元 (1.16 billion yuan)", "2.4 times",
         "14.5亿元 (1.45 billion yuan)", "26% above", "60.7亿元 (6.07 billion yuan)"),
        ("fit together only if 2008–2010 was a peak", "199.8万人次", "240.3万人次",
         "664.3万人次 (6.643 million person-times)",
         "74.7万人次 (747,000)", "16.7万人次 (167,000)", "48.1万人次 (481,000)", "2008–2010"),
        ("29%", "19 years", "538.3亿元 (53.83 billion yuan)", "8,100 yuan",
         "157.5亿元 (15.75 billion yuan)", "35万人 (350,000)", "45,000 yuan a head", "≈8,100 yuan"),
    ]  # fmt: skip
    for item, numbers in zip(items, expected, strict=True):
        text = _plain(item.markdown())
        for number in numbers:
            assert number in text, (item.headline, number)
        assert len(text.split()) <= 65, (item.headline, len(text.split()))


def test_derived_numbers_are_marked_and_figures_are_not(front):
    _, items = front
    marked = re.findall(r"\[([^\]]*)\]\(#computed\)", "\n".join(i.markdown() for i in items))
    assert "160.3亿元" in marked and "26%" in marked and "74.7万人次 (747,000)" in marked
    assert "132.7亿元" not in marked  # the article's own figure, not a computation


def test_the_front_follows_the_data(table):
    """Change one figure of the article and the front page changes with it: no number on it
    is typed by hand. With the "20 years" total at 140.0亿元 the sum is 140.0 + 27.6 = 167.6
    and 2015's aid 140.0 − 118.2 = 21.8."""
    changed = table.copy()
    changed.loc[changed["indicator"] == "fiscal_aid_20y", "value"] = 14_000_000_000
    official = external.load_official()
    official.loc[
        (official["series"] == "fiscal_aid") & (official["published"] == "2016-07-21"), "value"
    ] = 14_000_000_000
    bottom, items = _front(changed, official)
    text = _plain(" ".join([bottom, *(i.markdown() for i in items)]))
    assert "140.0亿元 + 27.6亿元 = 167.6亿元" in text
    assert "21.8亿元" in text and "14.5亿元" not in text


def test_the_pace_is_worked_out_from_the_two_totals_and_the_plan(table):
    pace = findings.fiscal_pace(table, external.load_official(), 2015)
    assert pace.added == pytest.approx(1_450_000_000)
    assert pace.yearly_upto_2010 == pytest.approx(480_000_000)
    assert pace.yearly_plan_before_end == pytest.approx(1_155_000_000)
    assert pace.mean_1996_2014 == pytest.approx(11_820_000_000 / 19)
    with pytest.raises(ValueError, match="to end in 2015"):
        findings.fiscal_pace(table, external.load_official(), 2016)


def test_findings_are_a_numbered_list_lead_first(front):
    _, items = front
    lines = findings.markdown_list(items).splitlines()
    assert [line.split(". ", 1)[0] for line in lines] == [str(n) for n in range(1, len(items) + 1)]
    assert lines[0].endswith(items[0].markdown())
