"""The Chinese edition's numbers, read by hand from the article's own way of writing them."""

from eastwest import formats, formats_zh
from eastwest.edition import edition


def test_amounts_and_counts_keep_the_article_s_units():
    # The article writes 132.7亿元, 1.2万亿元, 664.3万人次, 3.4万名, 8万余个 and 1834人次.
    assert formats_zh.yi(13_270_000_000) == "132.7亿元"
    assert formats_zh.yi(102_010_000_000) == "1020.1亿元"  # no separator before 亿
    assert formats_zh.wan_yi(1_200_000_000_000) == "1.2万亿元"
    assert formats_zh.wan(6_643_000, "人次") == "664.3万人次"
    assert formats_zh.fmt_number(34_000) == "3.4万"
    assert formats_zh.fmt_number(80_000, "at_least") == "8万多"
    assert formats_zh.fmt_number(1834) == "1834"
    assert formats_zh.fmt_approx(8_103.3) == "约8100"
    assert formats_zh.fmt_approx(45_000) == "4.5万"


def test_shares_ratios_periods_and_dates():
    assert formats_zh.fmt_percent(0.29) == "29%"
    assert formats_zh.fmt_percent(0.4, approx=True) == "约40%"
    assert formats_zh.fmt_times(2.4) == "2.4倍" and formats_zh.fmt_times(11.2) == "11倍"
    assert formats_zh.period(1996, 2014) == "1996—2014年"
    assert formats_zh.period(2015, 2015) == "2015年"
    assert formats_zh.long_date("2015-11-28") == "2015年11月28日"
    assert formats_zh.month_year("2016-12-09") == "2016年12月"
    assert formats_zh.part_numeral(2) == "二"  # the article heads its parts 篇一, 篇二


def test_the_two_editions_round_an_amount_alike():
    # 11.55亿 is printed 11.6亿元 in both: the number a reader compares across editions.
    value = 1_155_000_000
    assert formats_zh.yi(value) == formats.yi(value) == "11.6亿元"


def test_formats_writes_each_edition_s_form_in_its_edition():
    # The same call, two editions: the English glosses billions, the Chinese does not.
    assert formats.yi_first(11_820_000_000) == "118.2亿元 (11.82 billion yuan)"
    assert formats.period(1996, 2014) == "1996–2014"
    with edition("zh"):
        assert formats.yi_first(11_820_000_000) == "118.2亿元"
        assert formats.period(1996, 2014) == "1996—2014年"
        assert formats.gloss("11.82 billion yuan") == ""
    assert formats.gloss("11.82 billion yuan") == " (11.82 billion yuan)"
