"""Every number formatter's contract, against values worked out by hand.

118.2亿元 is 118.2 × 10^8 = 11,820,000,000 yuan, which is 11.82 billion; 1.2万亿元 is 1.2 × 10^12
yuan, 12,000亿; 664.3万 is 6,643,000. Derived figures: 538.3亿元 ÷ 664.3万人次 is 8,103.27… yuan
per person-time, ≈8,100 to the hundred; 157.5亿元 ÷ 35万 workers is 45,000 yuan a year, 3,750 a
month.
"""

import math

import numpy as np
import pandas as pd
import pytest

from eastwest import formats


def test_scales_are_the_chinese_and_english_units():
    assert formats.WAN == 10_000
    assert formats.YI == 100_000_000
    assert formats.BILLION == 1_000_000_000
    assert formats.WAN_YI == 1_000_000_000_000
    assert formats.MISSING == "–"  # an en dash, as typeset


@pytest.mark.parametrize(
    ("qualifier", "text"),
    [("exact", "3,000"), ("at_least", "3,000+"), ("approx", "≈3,000"), ("range_low", "3,000")],
)
def test_marked_says_more_than_and_about(qualifier, text):
    assert formats.marked("3,000", qualifier) == text


def test_marked_defaults_to_exact():
    assert formats.marked("1,834") == "1,834"


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((3_000, "at_least"), "3,000+"),  # 3000多人
        ((1_834,), "1,834"),
        ((45_000, "approx"), "≈45,000"),
        ((1_234.6,), "1,235"),  # no decimals unless asked
        ((1_234.56, "exact", 1), "1,234.6"),
        ((80_000, "at_least"), "80,000+"),  # 8万余个
    ],
)
def test_fmt_number(args, text):
    assert formats.fmt_number(*args) == text


@pytest.mark.parametrize(
    ("value", "scale", "text"),
    [
        (11_820_000_000, 1e8, "118.2"),
        (1_200_000_000_000, 1e8, "12,000"),
        (6_643_000, 1e4, "664.3"),
        (21_500, 1e4, "2.15"),
        (100_000_000, 1e8, "1"),  # no trailing point or zeros
        (123_456_789, 1e8, "1.23"),  # at most two decimals
        (11_820_000_000, 1e9, "11.82"),
    ],
)
def test_fmt_scaled(value, scale, text):
    assert formats.fmt_scaled(value, scale) == text


def test_fmt_yi_is_the_amount_in_yi_without_the_unit():
    assert formats.fmt_yi(11_820_000_000) == "118.2"
    assert formats.fmt_yi(13_270_000_000) == "132.7"
    assert formats.fmt_yi(1_200_000_000_000) == "12,000"
    assert formats.fmt_yi(16_000_000_000, "at_least") == "160+"  # 160多亿


def test_fmt_round_marks_a_rounded_number_as_approximate():
    assert formats.fmt_round(53_830_000_000 / 6_643_000, 100) == "≈8,100"
    assert formats.fmt_round(15_750_000_000 / 350_000, 100) == "45,000"  # exact: no mark
    assert formats.fmt_round(15_750_000_000 / 350_000 / 12, 10) == "3,750"
    assert formats.fmt_round(8_149, 100) == "≈8,100"


def test_fmt_percent():
    assert formats.fmt_percent(30_000 / 34_000) == "88%"  # 3万 of 3.4万 placed: 88.2%
    assert formats.fmt_percent(0.4, approx=True) == "≈40%"  # 1200多 of 3000多
    assert formats.fmt_percent(1) == "100%"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (72.0, "72.0"),  # one decimal from 1 up, also a zero one
        (16.65, "16.7"),  # halves up, as by hand
        (5.6, "5.6"),
        (1_020.1, "1,020.1"),
        (0.3, "0.3"),  # below 1: two significant digits
        (0.02, "0.02"),
        (0.0234, "0.023"),
        (0.0235, "0.024"),
        (0, "0"),
    ],
)
def test_fmt_one_decimal(value, text):
    assert formats.fmt_one_decimal(value) == text


@pytest.mark.parametrize(
    ("ratio", "text"), [(1.45 * 19 / 11.82, "2.3×"), (1.5, "1.5×"), (11.4, "11×"), (10, "10×")]
)
def test_fmt_times(ratio, text):
    assert formats.fmt_times(ratio) == text


def test_yi_billions_and_first_use():
    assert formats.yi(11_820_000_000) == "118.2亿元"
    assert formats.yi(1_450_000_000) == "14.5亿元"  # 132.7 − 118.2
    assert formats.yi(725_000_000) == "7.3亿元"  # 14.5亿 over two years: 7.25, half up
    assert formats.yi(48_000_000) == "0.48亿元"
    assert formats.billions(11_820_000_000) == "11.82 billion yuan"
    assert formats.billions(1_200_000_000_000) == "1,200 billion yuan"
    assert formats.yi_first(480_000_000) == "4.8亿元 (0.48 billion yuan)"


@pytest.mark.parametrize(
    ("value", "qualifier", "text"),
    [
        (40_000.0, "at_least", "40,000+"),
        (3_000, "range_low", "3,000 (low end)"),
        (5_000, "range_high", "5,000 (high end)"),
        (1_834, "exact", "1,834"),
        (0.5, "exact", "0.5"),  # a fraction keeps its decimals
        (1_234.5, "approx", "≈1,234.5"),
    ],
)
def test_display_value(value, qualifier, text):
    assert formats.display_value(value, qualifier) == text


@pytest.mark.parametrize(
    ("values", "decimals"),
    [
        ([1, 2.0, 3], 0),
        ([1, 2.5, 3.25], 2),
        ([0.1234], formats.MAX_AUTO_DECIMALS),
        (["–", 1.5, None], 1),  # what is not a number is left out
        ([math.nan, 2], 0),
        ([], 0),
    ],
)
def test_decimals_needed(values, decimals):
    assert formats.decimals_needed(values) == decimals


@pytest.mark.parametrize(
    ("args", "kwargs", "text"),
    [
        ((-1_234.5,), {}, "−1,234.5"),  # a true minus sign
        ((2.0,), {}, "2"),  # a whole float without its point
        ((11_820_000_000.0,), {}, "11,820,000,000"),
        ((1_234.5678,), {"decimals": 2}, "1,234.57"),
        ((1996,), {"separator": False}, "1996"),  # years are not quantities
        ((None,), {}, "–"),
        ((math.nan,), {}, "–"),
        ((pd.NA,), {}, "–"),
        (("80,000+",), {}, "80,000+"),  # text passes as it is
    ],
)
def test_format_number(args, kwargs, text):
    assert formats.format_number(*args, **kwargs) == text


def test_is_number_and_is_missing():
    assert all(formats.is_number(v) for v in (3, 2.5, np.int64(3), np.float64(1.5)))
    assert not any(formats.is_number(v) for v in (True, "3", None))
    assert all(formats.is_missing(v) for v in (None, math.nan, pd.NA, np.nan))
    assert not any(formats.is_missing(v) for v in ("", 0, "–", [1, None]))


@pytest.mark.parametrize(
    ("start", "end", "words", "text"),
    [
        (1996, 2014, {}, "1996–2014"),
        (2015, 2015, {}, "2015"),
        (2015, None, {}, "2015–"),
        (None, 2014, {}, "–2014"),
        (None, None, {}, ""),
        (pd.NA, pd.NA, {}, ""),
        # The reading table's wording (the old indicators.period_label).
        (2015, pd.NA, {"open_end": "from {start}", "open_start": "{end}"}, "from 2015"),
        (pd.NA, 2014, {"open_end": "from {start}", "open_start": "{end}"}, "2014"),
        (2011, 2015, {"open_end": "from {start}", "open_start": "{end}"}, "2011–2015"),
    ],
)
def test_period(start, end, words, text):
    assert formats.period(start, end, **words) == text


def test_counts_in_wan_as_the_article_writes_them():
    # By hand: 664.3万 is 6,643,000; 74.7万 stands for 747,000 however it was rounded to it.
    assert formats.wan(6_643_000, "人次") == "664.3万人次"
    assert formats.wan_and_count(746_660, "人次") == "74.7万人次 (747,000)"
    assert formats.wan_first(6_643_000, "人次", "person-times") == (
        "664.3万人次 (6.643 million person-times)"
    )
