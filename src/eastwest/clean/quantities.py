"""Quantity expressions in Chinese official prose: '132.7亿元', '4万多名', '3000至5000元'.

`parse_quantity` reads one expression (a codebook figure) and `find_numbers` every number in a
text at all (years, '一' inside words), for auditing the article's figures.

Values are in base units: '132.7亿元' is 13_270_000_000 yuan. Arithmetic is exact (fractions), so
the result is an int whenever the value is integral and a float otherwise.

Grammar, in order: [qualifier] number [多|余] [measure word] [左右|以上], or for a range
[qualifier] number [measure word] 至|到|-|~|〜|—|– number [measure word]. A number is Arabic
digits (full-width allowed, optional decimals) with the Chinese numerals that follow them from a
multiplier on ('4万', '5千万', '1.2万亿', '1万2千'), or a run of Chinese numerals ('三千',
'一万二千'), which cn2an converts. A 多/余 may also sit before the multiplier ('10多万人').

Choices worth knowing:
- `measure_word` is the word after the number *without* its multiplier: '132.7亿元' -> '元',
  '2.15万公里' -> '公里'; the multiplier is part of the number.
- In a range, a multiplier written only on the upper end also scales the lower end when the
  lower end is smaller as written: '3至5万元' is 30_000..50_000, '3000至5万元' is 3_000..50_000.
  A prefix qualifier before a range is kept in `text` but the qualifier is 'range'.
- When both a prefix and a suffix qualifier are present and disagree, 'at_least' wins.
- '近N年' ('近5年来') means "the past N years", not "nearly N years": it is 'exact'.
- Years are not told apart from durations: '1996年' is 1996 'years'; '2011—2015年' and
  '1996年至2014年' are ranges of 'years'. Callers classify years themselves.
- A number without a measure word has the unit 'count'.
- Not supported: upper bounds (不足, 不到, 不超过, 以下: the number reads as exact),
  approximate digit pairs ('两三个', '三四千'), 几/数 ('十几', '数百'), 点 decimals ('一点五'),
  spaces inside an expression, 'a万b' without a unit on b ('3万5' is two numbers), ',' thousands
  separators, and idioms that look like amounts ('千家万户' gives 1000 organisations).
"""

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import cn2an

from eastwest.clean import fields

__all__ = [
    "QUALIFIERS",
    "UNITS",
    "NumberMatch",
    "Quantity",
    "QuantityError",
    "find_numbers",
    "parse_quantity",
]

# The field dictionary's qualifiers, with a range still one value: the indicator table stores
# it as its two ends (range_low, range_high).
QUALIFIERS = (*(q for q in fields.QUALIFIERS if not q.startswith("range_")), "range")

# Measure word as written -> normalised unit.
UNITS: dict[str, str] = {
    "元": "yuan",
    "美元": "usd",
    "公里": "km",
    "千米": "km",
    "平方公里": "km2",
    "人次": "person-times",
    "人": "persons",
    "名": "persons",
    "户": "households",
    "项": "items",
    "个": "items",
    "个月": "months",
    "栋": "buildings",
    "所": "institutions",
    "家": "organisations",
    "只": "animals",
    "县": "counties",
    "亩": "mu",
    "公顷": "ha",
    "吨": "tonnes",
    "公斤": "kg",
    "千克": "kg",
    "年": "years",
    "倍": "fold",
    "%": "percent",
}


class QuantityError(ValueError):
    """A text that is not exactly one quantity expression."""


@dataclass(frozen=True)
class Quantity:
    text: str  # as written (full-width kept), without surrounding whitespace
    low: int | float  # base units; low == high unless qualifier == 'range'
    high: int | float
    unit: str  # a value of UNITS, or 'count' when no measure word follows
    qualifier: str  # one of QUALIFIERS
    measure_word: str  # as written, multiplier excluded: '元' for '132.7亿元'; '' for a count

    @property
    def value(self) -> int | float:
        """The point value; for a range its lower end, so check `qualifier` first."""
        return self.low


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: int | float | None  # None when there is no numeric reading ('亿万', 70 digits)
    kind: str  # 'arabic' (digits, with any Chinese numerals glued on) or 'chinese'


# Full-width digits and the signs used around them fold to ASCII one character for one (NFKC),
# so offsets into the folded copy are offsets into the original. Only these few are folded:
# the rest of the full-width block (，（）：) plays no part in the grammar.
_FULLWIDTH = {ch: unicodedata.normalize("NFKC", ch) for ch in "０１２３４５６７８９．－～％"}
_FULLWIDTH_RE = re.compile(f"[{''.join(_FULLWIDTH)}]")

_CN = "〇零一二两三四五六七八九十百千万亿"
_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# After the first digit. No ',' thousands groups: Chinese prose does not use them, and in text
# with ASCII commas between clauses (as in the article) '15,300人' would glue two numbers.
_DIGITS_REST = r"[0-9]*(?:\.[0-9]+)?"
# After digits, 千 before 米/克 is the unit 千米/千克, not a multiplier ('5千米' is 5 km).
_CN_TAIL = r"(?:[〇零一二两三四五六七八九十百万亿]|千(?![米克]))"
_UNIT_TAIL = r"(?:[十百万亿]|千(?![米克]))"
# 多/余 belongs inside the number only when a multiplier follows: '10多万', '三千多万'.
_PLUS_MULT = rf"(?:[多余]{_UNIT_TAIL}{{1,4}})"
# Digits take the Chinese numerals after them only from a multiplier on ('3万五', '1万2千'):
# digits followed straight by 两/一 ('3两', '2015一') are two things. The bounds keep a token
# short, so rescanning after one that does not evaluate ('1万1万1万…') stays linear.
_ARABIC_TAIL = rf"{_UNIT_TAIL}{_CN_TAIL}{{0,8}}"
_ARABIC_REST = (
    rf"{_DIGITS_REST}(?:{_ARABIC_TAIL}(?:[0-9]{{1,8}}{_ARABIC_TAIL}){{0,3}})?{_PLUS_MULT}?"
)
_CHINESE_REST = rf"[{_CN}]*{_PLUS_MULT}?"
# A number opens with one plain character class and a lookbehind on that character then picks
# the Arabic or the Chinese grammar. A pattern that opens with a plain class lets the regex
# engine jump between candidate characters instead of trying every position, several times
# faster on long texts.
_NUMBER = rf"[0-9{_CN}](?:(?<=[0-9]){_ARABIC_REST}|(?<=[{_CN}]){_CHINESE_REST})"
# Digits with at most a plain multiplier: the fallback when a longer number does not evaluate.
_STRICT_NUMBER = (
    rf"(?:[0-9]{_DIGITS_REST}(?:[十百千]?(?:万亿|亿|万)|[十百]|千(?![米克]))?"
    rf"|[{_CN}]{_CHINESE_REST})"
)

_MEASURE = "|".join(re.escape(w) for w in sorted(UNITS, key=len, reverse=True))
_SEP = "[至到~〜\\-—–]"
_TAIL = rf"(?P<plus>[多余])?(?P<mw>{_MEASURE})?(?P<post>左右|以上)?"


_QUANTITY = re.compile(rf"(?P<n1>{_NUMBER})(?:(?P<mw1>{_MEASURE})?{_SEP}(?P<n2>{_NUMBER}))?{_TAIL}")
_NUMBERS = re.compile(_NUMBER)
_STRICT_NUMBER_RE = re.compile(_STRICT_NUMBER)

# Qualifiers before a number, two-character words first, so that 将近 wins over 近.
_PREFIXES = ("大约", "将近", "接近", "超过", "约", "近", "超", "逾")
_QUALIFIER_OF = {
    "大约": "approx",
    "约": "approx",
    "将近": "approx",
    "接近": "approx",
    "近": "approx",
    "左右": "approx",
    "超过": "at_least",
    "超": "at_least",
    "逾": "at_least",
    "以上": "at_least",
    "多": "at_least",
    "余": "at_least",
}

_PURE_MULT = re.compile(r"[十百千]?(?:万亿|亿|万)?")
_TRAILING_MULT = re.compile(r"(?:万亿|亿|万)$")
_LEADING_DIGITS = re.compile(r"[0-9.]+")
# Longer numbers are not figures anyone writes; bounding them keeps int() and cn2an cheap.
_MAX_CN2AN = 32
_MAX_DIGITS = 64


class _Rejected(Exception):
    """The matched text does not make sense as a quantity."""


def _fold(text: str) -> str:
    return _FULLWIDTH_RE.sub(lambda m: _FULLWIDTH[m.group()], text)


def _as_number(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


def _mult_value(chars: str) -> int:
    product = 1
    for ch in chars:
        product *= _MULT[ch]
    return product


@lru_cache(maxsize=4096)
def _cn2an(text: str) -> Fraction | None:
    if len(text) > _MAX_CN2AN:
        return None
    if text[0] in "十百千万亿":
        text = "一" + text  # '百只兔', '千元': the leading 一 goes unwritten
    try:
        return Fraction(str(cn2an.cn2an(text, "smart")))
    except ValueError:
        return None


# Failures are cached too (as None): the same odd run tends to recur in a long text.
@lru_cache(maxsize=4096)
def _evaluate(token: str) -> tuple[Fraction, int] | None:
    """(base, multiplier) of a number token, so that a range can share the multiplier."""
    # 多/余 inside a token sits before a multiplier; the value is the lower bound.
    plain = token.replace("多", "").replace("余", "")
    if plain[0].isdigit():
        digits = _LEADING_DIGITS.match(plain).group()
        if len(digits) > _MAX_DIGITS:
            return None
        tail = plain[len(digits) :]
        if _PURE_MULT.fullmatch(tail):
            return Fraction(digits), _mult_value(tail)
        whole = None if "." in digits else _cn2an(plain)
        return None if whole is None else (whole, 1)
    mult = _TRAILING_MULT.search(plain)
    head = plain[: mult.start()] if mult else plain
    if not head and _PURE_MULT.fullmatch(plain):
        return Fraction(1), _mult_value(plain)
    if mult and head and "万" not in head and "亿" not in head:
        base = _cn2an(head)
        return None if base is None else (base, _mult_value(mult.group()))
    whole = _cn2an(plain)
    return None if whole is None else (whole, 1)


@lru_cache(maxsize=4096)
def _number_value(token: str) -> int | float | None:
    parts = _evaluate(token)
    return None if parts is None else _as_number(parts[0] * parts[1])


# (n1, n2, mw1, mw, plus, post) of a match.
_Parts = tuple[str, str | None, str | None, str | None, str | None, str | None]


def _parts(m: re.Match[str]) -> _Parts:
    return m.group("n1", "n2", "mw1", "mw", "plus", "post")


# A pure function of what is written, so cached: long texts repeat their quantities.
@lru_cache(maxsize=8192)
def _quantity(written: str, parts: _Parts, prefix: str | None) -> Quantity:
    n1, n2, mw1, mw, plus, post = parts
    mw = mw or ""
    if n1.strip("万亿") == "":
        raise _Rejected("a multiplier without a number")
    if n2 is None:
        low = high = _number_value(n1)
        if low is None:
            raise _Rejected(f"not a number: {n1!r}")
        inner = "多" if "多" in n1 or "余" in n1 else None  # '10多万人'
        if prefix == "近" and mw == "年":
            prefix = None  # 近5年来: the past five years, not nearly five
        kinds = {_QUALIFIER_OF[w] for w in (prefix, inner, plus, post) if w}
        qualifier = next((q for q in ("at_least", "approx") if q in kinds), "exact")
    else:
        if mw1 and mw1 != mw:
            raise _Rejected(f"range ends in different units: {mw1!r}, {mw!r}")
        parts1, parts2 = _evaluate(n1), _evaluate(n2)
        if parts1 is None or parts2 is None:
            raise _Rejected(f"not a number: {n1 if parts1 is None else n2!r}")
        (base1, mult1), (base2, mult2) = parts1, parts2
        if mult1 == 1 and mult2 > 1 and base1 < base2:
            mult1 = mult2  # '3至5万元': 万 applies to both ends
        low, high = _as_number(base1 * mult1), _as_number(base2 * mult2)
        if low > high:
            raise _Rejected("range runs downwards")
        qualifier = "range"
    return Quantity(written, low, high, UNITS.get(mw, "count"), qualifier, mw)


def parse_quantity(text: str) -> Quantity:
    """Parse ONE quantity expression that is the whole of `text`, e.g. '132.7亿元'.

    Surrounding whitespace is allowed and left out of `Quantity.text`.
    """
    stripped = text.strip()
    folded = _fold(stripped)
    prefix = next((w for w in _PREFIXES if folded.startswith(w)), None)
    m = _QUANTITY.fullmatch(folded, len(prefix or ""))
    if m is None:
        found = len(find_numbers(stripped)) if stripped else 0
        if not stripped:
            reason = "empty text"
        elif found == 0:
            reason = "no number in it"
        elif found > 1:
            reason = f"{found} numbers in it, expected one quantity"
        else:
            reason = "text around the quantity"
        raise QuantityError(f"cannot parse quantity {text!r}: {reason}")
    try:
        return _quantity(stripped, _parts(m), prefix)
    except _Rejected as exc:
        raise QuantityError(f"cannot parse quantity {text!r}: {exc}") from None


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number written in `text`, Arabic or Chinese, quantity or not, left to right.

    Chinese numerals glued to Arabic digits from a multiplier on ('4万', '1万2千') are part of
    the Arabic number. The value of a number with 多/余 before its multiplier ('10多万') is the
    lower bound.
    """
    folded = _fold(text)
    found: list[NumberMatch] = []
    pos = 0
    while (m := _NUMBERS.search(folded, pos)) is not None:
        start, end = m.span()
        kind = "arabic" if folded[start].isdigit() else "chinese"
        value = _number_value(m.group())
        if value is None and kind == "arabic":
            # Keep the digits and a plain multiplier; the rest is found as Chinese next.
            end = _STRICT_NUMBER_RE.match(folded, start).end()
            value = _number_value(folded[start:end])
        found.append(NumberMatch(start, end, text[start:end], value, kind))
        pos = end
    return found
