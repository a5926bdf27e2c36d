"""The Chinese edition's numbers, read by hand from the article's own way of writing them."""

from eastwest import formats, formats_zh


def test_amounts_and_counts_keep_the_article_s_units():
    # The article writes 132.7亿元, 1.2万亿元 and 664.3万人次; so does the Chinese edition.
    assert formats_zh.yi(13_270_000_000) == "132.7亿元"
    assert formats_zh.wan_yi(1_200_000_000_000) == "1.2万亿元"
    assert formats_zh.wan(6_643_000, "人次") == "664.3万人次"
    assert formats_zh.count(1834, "名") == "1834名"
    assert formats_zh.count(45_000, "元") == "4.5万元"


def test_shares_ratios_periods_and_dates():
    assert formats_zh.percent(0.29) == "29%" and formats_zh.percent(0.4, approx=True) == "约40%"
    assert formats_zh.times(2.4) == "2.4倍" and formats_zh.times(11.2) == "11倍"
    assert formats_zh.period(1996, 2014) == "1996—2014年"
    assert formats_zh.period(2015, 2015) == "2015年"
    assert formats_zh.long_date("2015-11-28") == "2015年11月28日"
    assert formats_zh.month_year("2016-12-09") == "2016年12月"


def test_the_two_editions_round_an_amount_alike():
    # 11.55亿 is printed 11.6亿元 in both: the number a reader compares across editions.
    value = 1_155_000_000
    assert formats_zh.yi(value) == formats.yi(value) == "11.6亿元"
