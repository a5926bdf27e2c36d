"""Every way the Chinese edition writes a number, amount, share, period or date: the article's
own units (亿元, 万亿元, 万人次, no conversion to billions or millions), 2015年11月28日, and
GB/T 15835's habits (no thousands separator below 万, 一字线 between two years).

Each function writes the kind of quantity its English counterpart in ``formats`` writes, from
the same value, so that the two editions state the same numbers.
"""

from datetime import date

from eastwest.formats import WAN, WAN_YI, YI, fmt_one_decimal


def yi(value: float) -> str:
    """An amount of yuan in 亿元, one decimal, halves rounded up: 118.2亿元."""
    return f"{fmt_one_decimal(value / YI)}亿元"


def wan_yi(value: float) -> str:
    """An amount in 万亿元: 1.2万亿元 (below one 万亿, two significant digits: 0.02万亿元)."""
    return f"{fmt_one_decimal(value / WAN_YI)}万亿元"


def wan(value: float, unit: str) -> str:
    """A count in 万, one decimal: 664.3万人次."""
    return f"{fmt_one_decimal(value / WAN)}万{unit}"


def count(value: float, unit: str = "") -> str:
    """A whole count as Chinese prose writes it: 1834名 below 万, 4.5万元 from 万 up."""
    if abs(value) >= WAN:
        return wan(value, unit)
    return f"{value:.0f}{unit}"


def percent(share: float, approx: bool = False) -> str:
    """29%, or 约29% where the share is rounded from rounded figures."""
    return f"{'约' if approx else ''}{share * 100:.0f}%"


def times(ratio: float) -> str:
    """A ratio as 倍: 2.4倍, 11倍."""
    return f"{ratio:.1f}倍" if ratio < 10 else f"{ratio:.0f}倍"


def period(start, end) -> str:
    """1996—2014年, or 2015年 for one year."""
    return f"{start}年" if start == end else f"{start}—{end}年"


def long_date(iso: str) -> str:
    """'2016-07-21' as 2016年7月21日."""
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def month_year(iso: str) -> str:
    """'2016-12-09' as 2016年12月."""
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月"
