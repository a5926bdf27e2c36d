"""Every way the project writes a number, a period or an amount of money: one home for each.

Amounts are in base units (yuan, persons) everywhere in the data; these functions turn them into
what a reader sees: 亿元 beside billions of yuan, thousands separators, '+' for the article's
多/余 (more than), '≈' for a derived or approximate number.
"""

import importlib
import math
import numbers
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import wraps

import numpy as np
import pandas as pd

from eastwest.edition import current

WAN = 1e4  # 万
YI = 1e8  # 亿: the unit the article and the charts give amounts of money in
BILLION = 1e9  # for English prose: 118.2亿 is 11.82 billion
WAN_YI = 1e12  # 万亿
# The units the article writes its totals in, with their size in base units: the one table.
SCALES = {"万亿元": WAN_YI, "亿元": YI, "万人次": WAN}

MISSING = "–"


def per_edition(english: Callable) -> Callable:
    """A form that another edition writes its own way: the function of the same name in its
    module (``formats_zh`` for the Chinese), from the same arguments, while a block runs in that
    edition."""

    @wraps(english)
    def either(*args, **kwargs):
        if (name := current()) == "en":
            return english(*args, **kwargs)
        forms = importlib.import_module(f"eastwest.formats_{name}")
        return getattr(forms, english.__name__)(*args, **kwargs)

    return either


MAX_AUTO_DECIMALS = 3
_MARKS = {"at_least": "{}+", "approx": "≈{}"}


def is_missing(value) -> bool:
    missing = pd.isna(value)
    return isinstance(missing, bool | np.bool_) and bool(missing)  # a list gives an array


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def marked(text: str, qualifier: str = "exact") -> str:
    """'3,000+' where the article says 多/余 (at least), '≈3,000' where it is approximate."""
    return _MARKS.get(qualifier, "{}").format(text)


@per_edition
def fmt_number(value: float, qualifier: str = "exact", decimals: int = 0) -> str:
    """Thousands separators and the qualifier's mark: 3000 at_least → '3,000+'."""
    return marked(f"{value:,.{decimals}f}", qualifier)


def fmt_scaled(value: float, scale: float) -> str:
    """``value / scale`` with as few decimals as it needs, at most two: 11.82e9 / 1e8 → '118.2'."""
    return f"{value / scale:,.2f}".rstrip("0").rstrip(".")


def fmt_yi(value_yuan: float, qualifier: str = "exact") -> str:
    """A yuan amount in 亿 (100 million), without the unit: 11.82e9 → '118.2'."""
    return marked(fmt_scaled(value_yuan, YI), qualifier)


def rounded(value: float, significant: int = 3) -> float:
    """``value`` to ``significant`` digits."""
    step = 10 ** (math.floor(math.log10(abs(value))) - significant + 1)
    return round(value / step) * step


def fmt_round(value: float, step: float) -> str:
    """A derived number rounded to ``step`` and marked approximate unless it is exact."""
    rounded = round(value / step) * step
    return f"{rounded:,.0f}" if rounded == value else f"≈{rounded:,.0f}"


@per_edition
def fmt_approx(value: float, significant: int = 3) -> str:
    """A derived number to three significant digits, marked approximate unless it is exact:
    8103.3 → '≈8,100', 45000 → '45,000', 3750 → '3,750'."""
    return fmt_round(value, 10 ** (math.floor(math.log10(abs(value))) - significant + 1))


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@per_edition
def count_word(count: int) -> str:
    """A small count as prose writes it: 'six checks', but '13 pairs'."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else f"{count:,}"


def fmt_rough(value: float) -> str:
    """A ratio of rounded figures, to two significant digits: 101.5 → '≈100'."""
    return fmt_approx(value, significant=2)


@per_edition
def fmt_percent(share: float, approx: bool = False) -> str:
    return f"{'≈' if approx else ''}{share * 100:.0f}%"


def fmt_one_decimal(value: float) -> str:
    """One decimal from 1 up, two significant digits below: 72.0, 5.6, 0.3, 0.023.

    Halves round up, as a reader rounding 16.65 by hand would.
    """
    number = Decimal(repr(float(value)))
    if abs(number) >= 1:
        return f"{number.quantize(Decimal('0.1'), ROUND_HALF_UP):,}"
    if number == 0:
        return "0"
    places = Decimal(1).scaleb(number.adjusted() - 1)  # two significant digits
    return f"{number.quantize(places, ROUND_HALF_UP).normalize():f}"


@per_edition
@per_edition
def times_text(text: str) -> str:
    """A ratio already written, in a sentence: '≈11 times' (as much)."""
    return f"{text} times"


def times_as_much(ratio: float) -> str:
    """A ratio in a sentence: '2.4 times' (as much)."""
    return times_text(fmt_one_decimal(ratio))


@per_edition
def part_numeral(part: int) -> str:
    """A part of the article by its number: 'part 2' (the Chinese edition: 篇二, as the article
    heads it)."""
    return f"{part}"


@per_edition
def with_unit(number: str, unit: str) -> str:
    """A number already written, and its unit: 1,020.1亿元 (the Chinese edition: 1020.1亿元)."""
    return f"{number}{unit}"


@per_edition
def span(low: str, high: str) -> str:
    """A range of two written numbers: '3,000–5,000'."""
    return f"{low}–{high}"


@per_edition
def yuan(text: str) -> str:
    """An amount written out in yuan: '≈8,100 yuan'."""
    return f"{text} yuan"


@per_edition
def gloss(text: str) -> str:
    """What English readers are given beside a figure in 亿 or 万: ' (11.82 billion yuan)'.
    Chinese readers read the figure itself, so their edition has none."""
    return f" ({text})"


@per_edition
def fmt_times(ratio: float) -> str:
    """A ratio as a reader would say it: 2.3×, 11×."""
    return f"{ratio:.1f}×" if ratio < 10 else f"{ratio:.0f}×"


@per_edition
def yi(value: float) -> str:
    """An amount of yuan in 亿元, one decimal, halves rounded up: 118.2亿元, 7.3亿元."""
    return f"{fmt_one_decimal(value / YI)}亿元"


def _half_up(value: float, places: str) -> str:
    return f"{Decimal(repr(float(value))).quantize(Decimal(places), ROUND_HALF_UP):,}"


@per_edition
def billions(value: float, unit: str = " billion yuan") -> str:
    """The same amount in English: 11.82 billion yuan (two decimals, as 亿 has one, and halves
    rounded up as ``yi`` rounds them, so that 11.55亿, printed 11.6亿元, is 1.16 billion)."""
    return f"{_half_up(value / BILLION, '0.01').rstrip('0').rstrip('.')}{unit}"


@per_edition
def yi_first(value: float) -> str:
    """An amount on its first use: 118.2亿元 (11.82 billion yuan)."""
    return f"{yi(value)} ({billions(value)})"


@per_edition
def wan_yi_first(value: float) -> str:
    """An amount in 万亿元, with trillions: 1.2万亿元 (1.2 trillion yuan); below one 万亿, two
    significant digits (0.02万亿元)."""
    scaled = fmt_one_decimal(value / WAN_YI)
    return f"{scaled}万亿元 ({scaled} trillion yuan)"


@per_edition
def wan(value: float, unit: str) -> str:
    """A count in 万, one decimal, halves rounded up: 74.7万人次."""
    return f"{fmt_one_decimal(value / WAN)}万{unit}"


@per_edition
def wan_first(value: float, unit: str, english: str) -> str:
    """A count in 万, with millions: 664.3万人次 (6.643 million person-times)."""
    return f"{wan(value, unit)} ({value / 1e6:,.3f} million {english})"


@per_edition
def wan_and_count(value: float, unit: str) -> str:
    """A count in 万 with the plain count it stands for beside it: 74.7万人次 (747,000)."""
    in_wan = fmt_one_decimal(value / WAN)
    return f"{in_wan}万{unit} ({float(in_wan.replace(',', '')) * WAN:,.0f})"


def display_value(value: float, qualifier: str) -> str:
    """Thousands separators, and '+' where the article says 多 or 余 (more than)."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    ends = {"range_low": "{} (low end)", "range_high": "{} (high end)"}
    return ends[qualifier].format(text) if qualifier in ends else marked(text, qualifier)


def decimals_needed(values: Iterable) -> int:
    """The fewest decimals (up to MAX_AUTO_DECIMALS) that show every value as it is."""
    finite = [float(v) for v in values if is_number(v) and math.isfinite(v)]
    for decimals in range(MAX_AUTO_DECIMALS + 1):
        if all(abs(v - round(v, decimals)) <= 1e-9 * max(1.0, abs(v)) for v in finite):
            return decimals
    return MAX_AUTO_DECIMALS


def format_number(value, decimals: int | None = None, separator: bool = True) -> str:
    """``1234567.5`` as ``1,234,567.5``; whole floats without a decimal point."""
    if is_missing(value):
        return MISSING
    if not is_number(value):
        return str(value)
    if decimals is None:
        decimals = decimals_needed([value])
    comma = "," if separator else ""
    number = float(value)
    text = f"{number:{comma}.{decimals}f}" if decimals else f"{round(number):{comma}d}"
    return text.replace("-", "−")  # a true minus sign, as typeset


@per_edition
def period(start, end, open_end: str = "{start}–", open_start: str = "–{end}") -> str:
    """'1996–2014', or '2015' for one year; ``open_end``/``open_start`` word a period with one
    end unknown ('from {start}'); '' where the article gives no years at all."""
    if pd.isna(start) and pd.isna(end):
        return ""
    if pd.isna(end):
        return open_end.format(start=start)
    if pd.isna(start):
        return open_start.format(end=end)
    return f"{start}" if start == end else f"{start}–{end}"


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@per_edition
def long_date(iso: str) -> str:
    """'2016-07-21' as '21 July 2016' (not strftime: its month names follow the locale)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@per_edition
def iso_date(iso: str) -> str:
    """A date as the sources record it, 2016-07-21 (the Chinese edition: 2016年7月21日)."""
    return iso


@per_edition
def month_year(iso: str) -> str:
    """'2016-12-09' as 'December 2016'."""
    day = date.fromisoformat(iso)
    return f"{MONTHS[day.month - 1]} {day.year}"


def display_unit(figure: str) -> tuple[str, float]:
    """The unit an article figure is written in ("118.2亿元" → 亿元), with its size."""
    suffix = re.sub(r"^[\d.]+", "", figure).rstrip("多余")
    return suffix, SCALES[suffix]
