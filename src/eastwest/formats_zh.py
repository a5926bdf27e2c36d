"""Every way the Chinese edition writes a number, amount, share, period or date: the article's
own units (亿元, 万亿元, 万人次, no conversion to billions or millions), 2015年11月28日, and
GB/T 15835's habits (no thousands separator below 万, 一字线 between two years).

Each function is the Chinese form of the function of the same name in ``formats``, from the
same arguments: ``formats`` calls it while a block runs in the Chinese edition, so that the two
editions state the same numbers.
"""

from datetime import date

import pandas as pd

from eastwest.formats import WAN, WAN_YI, YI, fmt_one_decimal, fmt_scaled, rounded

_MARKS = {"at_least": "{}多", "approx": "约{}"}


def fmt_number(value: float, qualifier: str = "exact", decimals: int = 0) -> str:
    """3000多 where the article says 多/余, 约3000 where approximate; from 万 up in 万, as
    the article writes its counts: 3.4万, 2.15万, 8万多."""
    if abs(value) >= WAN:
        text = f"{fmt_scaled(value, WAN).replace(',', '')}万"
    else:
        text = f"{value:.{decimals}f}"
    return _MARKS.get(qualifier, "{}").format(text)


def _plain(text: str) -> str:
    """No thousands separator in a number set with 亿 or 万: 1020.1亿元."""
    return text.replace(",", "")


def part_numeral(part: int) -> str:
    return "〇一二三四五六七八九"[int(part)] if 0 < int(part) < 10 else f"{part}"


def with_unit(number: str, unit: str) -> str:
    return f"{_plain(number)}{unit}"


def span(low: str, high: str) -> str:
    """A range of two written numbers: 3000～5000 (GB/T 15834's 浪纹线)."""
    return f"{low}～{high}"


def fmt_approx(value: float, significant: int = 3) -> str:
    """A derived number to three significant digits, 约 unless it is exact: 约8100."""
    near = rounded(value, significant)
    return fmt_number(near, "exact" if near == value else "approx")


def count_word(count: int) -> str:
    return f"{count}"


def fmt_percent(share: float, approx: bool = False) -> str:
    """29%, or 约29% where the share is rounded from rounded figures."""
    return f"{'约' if approx else ''}{share * 100:.0f}%"


def fmt_times(ratio: float) -> str:
    """A ratio as 倍: 2.4倍, 11倍."""
    return f"{ratio:.1f}倍" if ratio < 10 else f"{ratio:.0f}倍"


def times_text(text: str) -> str:
    """约11倍."""
    return f"{text}倍"


def yuan(text: str) -> str:
    return f"{text}元"


def gloss(text: str) -> str:
    return ""


def billions(value: float, unit: str = "") -> str:
    return ""


def yi(value: float) -> str:
    """An amount of yuan in 亿元, one decimal, halves rounded up: 118.2亿元."""
    return f"{_plain(fmt_one_decimal(value / YI))}亿元"


def yi_first(value: float) -> str:
    return yi(value)


def wan_yi(value: float) -> str:
    """An amount in 万亿元: 1.2万亿元 (below one 万亿, two significant digits: 0.02万亿元)."""
    return f"{_plain(fmt_one_decimal(value / WAN_YI))}万亿元"


def wan_yi_first(value: float) -> str:
    return wan_yi(value)


def wan(value: float, unit: str) -> str:
    """A count in 万, one decimal: 664.3万人次."""
    return f"{_plain(fmt_one_decimal(value / WAN))}万{unit}"


def wan_first(value: float, unit: str, english: str = "") -> str:
    return wan(value, unit)


def wan_and_count(value: float, unit: str) -> str:
    return wan(value, unit)


def period(start, end, open_end: str = "", open_start: str = "") -> str:
    """1996—2014年, or 2015年 for one year; 2011年起 or 截至2015年 with one end unknown."""
    missing = [pd.isna(x) for x in (start, end)]
    if all(missing):
        return ""
    if missing[1]:
        return f"{start}年起"
    if missing[0]:
        return f"截至{end}年"
    return f"{start}年" if start == end else f"{start}—{end}年"


def long_date(iso: str) -> str:
    """'2016-07-21' as 2016年7月21日."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.year}年{day.month}月{day.day}日"


def iso_date(iso: str) -> str:
    return long_date(iso)


def month_year(iso: str) -> str:
    """'2016-12-09' as 2016年12月."""
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月"
