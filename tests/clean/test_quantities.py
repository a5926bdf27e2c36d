"""The quantity parser against the article's own figures and generated official-style prose.

Expected values are read off the article by hand; the parser's output is never the reference.
The parser reads one expression (a codebook figure) with ``parse_quantity`` and finds every
number of a text with ``find_numbers``, for the number audit.
"""

import re
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

import pytest
from conftest import ARTICLE_TEXT as ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st

from eastwest.clean.quantities import (
    QUALIFIERS,
    UNITS,
    NumberMatch,
    Quantity,
    QuantityError,
    find_numbers,
    parse_quantity,
)

# The units the parser promises, written out here rather than read from the module.
EXPECTED_UNITS = {
    "元": "yuan",
    "公里": "km",
    "千米": "km",
    "人次": "person-times",
    "人": "persons",
    "名": "persons",
    "户": "households",
    "项": "items",
    "个": "items",
    "栋": "buildings",
    "所": "institutions",
    "家": "organisations",
    "只": "animals",
    "县": "counties",
    "亩": "mu",
    "吨": "tonnes",
    "年": "years",
    # Beyond the article, common in official prose.
    "美元": "usd",
    "平方公里": "km2",
    "个月": "months",
    "公顷": "ha",
    "公斤": "kg",
    "千克": "kg",
    "倍": "fold",
    "%": "percent",
}
MULTIPLIERS = {"万": 10**4, "亿": 10**8, "万亿": 10**12}
FULLWIDTH = str.maketrans("0123456789.-~%", "０１２３４５６７８９．－～％")

PROSE = dict(deadline=None)  # cn2an's first calls and a loaded machine are slow, not wrong


def q(text, low, high=None, unit="count", qualifier="exact", measure_word=""):
    return Quantity(text, low, low if high is None else high, unit, qualifier, measure_word)


def offset_of(context: str, expr: str) -> int:
    """Where `expr` starts in the article, found through the unique text just before it."""
    assert ARTICLE.count(context + expr) == 1, context + expr
    return ARTICLE.index(context + expr) + len(context)


# --- the article ---------------------------------------------------------------------------

# (text just before, expression, low, high, unit, qualifier, measure word), read off the article.
# The units are the parser's, from the measure word alone: the codebook names the noun (1690个
# are clinics).
ARTICLE_QUANTITIES = [
    ("改变她命运的是", "1996年", 1996, 1996, "years", "exact", "年"),  # callers tell years apart
    ("组长、", "19个", 19, 19, "items", "exact", "个"),
    ("苏玉莲随", "4万多名", 40_000, 40_000, "persons", "at_least", "名"),
    ("东部共有", "260个", 260, 260, "items", "exact", "个"),
    ("与西部", "287县", 287, 287, "counties", "exact", "县"),
    ("向西部", "10个", 10, 10, "items", "exact", "个"),
    ("财政援助", "132.7亿元", 13_270_000_000, 13_270_000_000, "yuan", "exact", "元"),
    ("农村公路", "2.15万公里", 21_500, 21_500, "km", "exact", "公里"),
    ("卫生院(所)", "1690个", 1690, 1690, "items", "exact", "个"),
    ("去年收入", "4万元", 40_000, 40_000, "yuan", "exact", "元"),
    ("带动当地", "20余户", 20, 20, "households", "at_least", "户"),
    ("扶持、带动", "3000多户", 3000, 3000, "households", "at_least", "户"),
    ("先后捐赠了", "2.7亿元", 270_000_000, 270_000_000, "yuan", "exact", "元"),
    ("建造了", "1000多栋", 1000, 1000, "buildings", "at_least", "栋"),
    ("资助了", "7000多名", 7000, 7000, "persons", "at_least", "名"),
    ("希望小学", "8所", 8, 8, "institutions", "exact", "所"),
    ("上海市", "28家", 28, 28, "organisations", "exact", "家"),
    ("直接带动", "751户", 751, 751, "households", "exact", "户"),
    ("每年为周边养殖户提供", "1000多只", 1000, 1000, "animals", "at_least", "只"),
    ("基地共培训", "3000多人", 3000, 3000, "persons", "at_least", "人"),
    ("向东莞转移就业", "1200多人", 1200, 1200, "persons", "at_least", "人"),
    ("平均工资在", "3000至5000元", 3000, 5000, "yuan", "range", "元"),
    ("富余劳动力", "35万人", 350_000, 350_000, "persons", "exact", "人"),
    ("实现劳务收入", "157.5亿元", 15_750_000_000, 15_750_000_000, "yuan", "exact", "元"),
    ("对青海", "3.4万名", 34_000, 34_000, "persons", "exact", "名"),
    ("转移就业", "3万名", 30_000, 30_000, "persons", "exact", "名"),
    ("仅", "2011—2015年", 2011, 2015, "years", "range", "年"),  # a span of years: one range
    ("挂职干部", "1834人次", 1834, 1834, "person-times", "exact", "人次"),
    ("财政援助资金", "118.2亿元", 11_820_000_000, 11_820_000_000, "yuan", "exact", "元"),
    ("实际投资", "1.2万亿元", 1_200_000_000_000, 1_200_000_000_000, "yuan", "exact", "元"),
    ("合作项目", "8万余个", 80_000, 80_000, "items", "at_least", "个"),
    ("劳务人员", "664.3万人次", 6_643_000, 6_643_000, "person-times", "exact", "人次"),
    ("实现劳务收入", "538.3亿元", 53_830_000_000, 53_830_000_000, "yuan", "exact", "元"),
    ("考察互访", "8.8万人次", 88_000, 88_000, "person-times", "exact", "人次"),
    ("其中省级", "5160人次", 5160, 5160, "person-times", "exact", "人次"),
    ("各类人才", "55.7万人次", 557_000, 557_000, "person-times", "exact", "人次"),
    ("实用技术", "3072项", 3072, 3072, "items", "exact", "项"),
]


@pytest.mark.parametrize(
    ("context", "expr", "low", "high", "unit", "qualifier", "measure_word"),
    ARTICLE_QUANTITIES,
    ids=[row[1] for row in ARTICLE_QUANTITIES],
)
def test_article_quantity_parses_to_its_hand_read_value(
    context, expr, low, high, unit, qualifier, measure_word
):
    offset_of(context, expr)  # the expression is the article's, where the table says
    quantity = parse_quantity(expr)
    assert quantity == q(expr, low, high, unit, qualifier, measure_word)
    # Integral values are ints, never floats that only look whole.
    assert type(quantity.low) is int and type(quantity.high) is int


def test_article_rhyme_counts_every_numeral():
    rhyme = "“一只兔,油盐醋;十只兔,新衣裤;百只兔,娶媳妇;千只兔,进城住”"
    assert rhyme in ARTICLE
    numbers = [(n.text, n.value, n.kind) for n in find_numbers(rhyme)]
    assert numbers == [("一", 1, "chinese"), ("十", 10, "chinese"), ("百", 100, "chinese"),
                       ("千", 1000, "chinese")]  # fmt: skip


def test_article_repeated_gives_proportionally_many_numbers():
    once = find_numbers(ARTICLE)
    many = find_numbers(ARTICLE * 50)
    assert len(many) == 50 * len(once)
    shift = 49 * len(ARTICLE)
    assert [(n.start - shift, n.end - shift, n.text, n.value) for n in many[-len(once) :]] == [
        (n.start, n.end, n.text, n.value) for n in once
    ]


# --- every number in the article -------------------------------------------------------------


@pytest.fixture(scope="module")
def article_numbers() -> list[NumberMatch]:
    return find_numbers(ARTICLE)


def covered(numbers: list[NumberMatch]) -> set[int]:
    return {i for n in numbers for i in range(n.start, n.end)}


def test_every_digit_in_the_article_is_in_an_arabic_number(article_numbers):
    digits = {m.start() for m in re.finditer("[0-9]", ARTICLE)}
    assert digits <= covered([n for n in article_numbers if n.kind == "arabic"])


def test_every_chinese_numeral_in_the_article_is_in_a_number(article_numbers):
    numerals = {m.start() for m in re.finditer("[〇零一二两三四五六七八九十百千万亿]", ARTICLE)}
    assert numerals <= covered(article_numbers)


def test_numbers_slice_back_and_do_not_overlap(article_numbers):
    for n in article_numbers:
        assert ARTICLE[n.start : n.end] == n.text
    for before, after in pairwise(article_numbers):
        assert before.end <= after.start


def test_multiplier_belongs_to_the_arabic_number(article_numbers):
    start = offset_of("苏玉莲随", "4万多名")
    assert NumberMatch(start, start + 2, "4万", 40_000, "arabic") in article_numbers
    assert not [n for n in article_numbers if n.start == start + 1]  # no separate 万


def test_one_inside_a_word_is_listed(article_numbers):
    start = offset_of("东西扶贫协作", "一直在政府主导下推进")
    assert NumberMatch(start, start + 1, "一", 1, "chinese") in article_numbers


def test_numbers_of_one_sentence():
    sentence = "苏玉莲和乡亲们这20年的生活巨变,是我国东西扶贫协作开展20年来丰硕成果的一个真实写照。"
    assert sentence in ARTICLE
    assert [(n.start, n.text, n.value, n.kind) for n in find_numbers(sentence)] == [
        (8, "20", 20, "arabic"),
        (28, "20", 20, "arabic"),
        (37, "一", 1, "chinese"),
    ]


def test_numbers_of_the_statistics_paragraph():
    paragraph = next(line for line in ARTICLE.splitlines() if line.startswith("据统计"))
    assert [n.value for n in find_numbers(paragraph)] == [
        1996, 2014, 11_820_000_000, 1_200_000_000_000, 80_000, 6_643_000, 53_830_000_000,
        88_000, 5160, 557_000, 3072,
    ]  # fmt: skip


def test_every_article_quantity_starts_at_a_number(article_numbers):
    starts = {n.start for n in article_numbers}
    for context, expr, *_ in ARTICLE_QUANTITIES:
        assert offset_of(context, expr) in starts, expr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1996", [("1996", 1996, "arabic")]),
        ("１２万", [("１２万", 120_000, "arabic")]),
        ("10多万人", [("10多万", 100_000, "arabic")]),  # the lower bound
        ("1万2千元", [("1万2千", 12_000, "arabic")]),
        ("三千多万元", [("三千多万", 30_000_000, "chinese")]),
        ("3两", [("3", 3, "arabic"), ("两", 2, "chinese")]),  # 两 is not glued to bare digits
        ("2011—2015年", [("2011", 2011, "arabic"), ("2015", 2015, "arabic")]),
        ("亿万人民", [("亿万", None, "chinese")]),  # listed, with no numeric reading
        # No thousands separators: with ASCII commas between clauses they would glue numbers.
        ("共15,300人", [("15", 15, "arabic"), ("300", 300, "arabic")]),
        ("0.5", [("0.5", 0.5, "arabic")]),
        ("没有数字", []),
    ],
)
def test_find_numbers_forms(text, expected):
    assert [(n.text, n.value, n.kind) for n in find_numbers(text)] == expected


# --- parse_quantity, one form at a time ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "measure_word"),
    [
        ("132.7亿元", 13_270_000_000, "yuan", "元"),
        ("2.15万公里", 21_500, "km", "公里"),
        ("1.2万亿元", 1_200_000_000_000, "yuan", "元"),
        ("664.3万人次", 6_643_000, "person-times", "人次"),
        ("4万元", 40_000, "yuan", "元"),
        ("0.01亿元", 1_000_000, "yuan", "元"),
        ("5千万元", 50_000_000, "yuan", "元"),
        ("100万美元", 1_000_000, "usd", "美元"),
    ],
)
def test_decimals_with_multipliers_are_exact_ints(text, value, unit, measure_word):
    quantity = parse_quantity(text)
    assert quantity == q(text, value, unit=unit, measure_word=measure_word)
    assert type(quantity.value) is int


@pytest.mark.parametrize(("text", "value"), [("0.5元", 0.5), ("1.25元", 1.25), ("3.5%", 3.5)])
def test_fractional_values_are_floats(text, value):
    assert parse_quantity(text).value == value
    assert type(parse_quantity(text).value) is float


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("3000多人", 3000, "at_least"),
        ("4万多名", 40_000, "at_least"),
        ("8万余个", 80_000, "at_least"),
        ("20余户", 20, "at_least"),
        ("10多万人", 100_000, "at_least"),  # 多 before the multiplier
        ("逾3000人", 3000, "at_least"),
        ("超过3000人", 3000, "at_least"),
        ("超3000人", 3000, "at_least"),
        ("3000人以上", 3000, "at_least"),
        ("近3000人", 3000, "approx"),
        ("约3000人", 3000, "approx"),
        ("大约3000人", 3000, "approx"),
        ("将近3000人", 3000, "approx"),
        ("接近3000人", 3000, "approx"),
        ("3000人左右", 3000, "approx"),
        ("约3000人左右", 3000, "approx"),
        ("约3000多人", 3000, "at_least"),  # disagreeing qualifiers: at_least wins
        ("3000人", 3000, "exact"),
        ("近5年", 5, "exact"),  # the past five years
    ],
)
def test_qualifiers(text, value, qualifier):
    quantity = parse_quantity(text)
    assert (quantity.low, quantity.high, quantity.qualifier) == (value, value, qualifier)
    assert quantity.text == text


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("3000至5000元", 3000, 5000, "yuan"),
        ("3000-5000元", 3000, 5000, "yuan"),
        ("3000~5000元", 3000, 5000, "yuan"),
        ("3000〜5000元", 3000, 5000, "yuan"),
        ("3000到5000元", 3000, 5000, "yuan"),
        ("3000元至5000元", 3000, 5000, "yuan"),
        ("３０００～５０００元", 3000, 5000, "yuan"),
        ("3至5万元", 30_000, 50_000, "yuan"),  # 万 on the upper end applies to both
        ("3000至5万元", 3000, 50_000, "yuan"),  # ...unless the lower end is already larger
        ("1.5至2亿元", 150_000_000, 200_000_000, "yuan"),
        ("2011—2015年", 2011, 2015, "years"),
        ("三至五年", 3, 5, "years"),
        ("3至5", 3, 5, "count"),
    ],
)
def test_ranges(text, low, high, unit):
    quantity = parse_quantity(text)
    assert (quantity.low, quantity.high, quantity.unit, quantity.qualifier) == (
        low,
        high,
        unit,
        "range",
    )
    assert quantity.value == low  # documented: a range's value is its lower end


@pytest.mark.parametrize(("word", "unit"), EXPECTED_UNITS.items())
def test_measure_words(word, unit):
    quantity = parse_quantity(f"12{word}")
    assert (quantity.value, quantity.unit, quantity.measure_word) == (12, unit, word)


def test_module_units_match_the_promised_ones():
    assert UNITS == EXPECTED_UNITS
    assert QUALIFIERS == ("exact", "at_least", "approx", "range")


@pytest.mark.parametrize(
    ("text", "value", "unit", "measure_word"),
    [
        ("1834人次", 1834, "person-times", "人次"),  # 人次 before 人
        ("3个月", 3, "months", "个月"),  # 个月 before 个
        ("5千米", 5, "km", "千米"),  # 千米 is a unit, not 千 × 米
        ("5千克", 5, "kg", "千克"),
        ("5千公里", 5000, "km", "公里"),
        ("1.2万亿元", 1_200_000_000_000, "yuan", "元"),  # 万亿 before 万
        ("2平方公里", 2, "km2", "平方公里"),
        ("287县", 287, "counties", "县"),
        ("1996", 1996, "count", ""),
        ("3000多", 3000, "count", ""),
    ],
)
def test_longest_measure_word_wins(text, value, unit, measure_word):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit, quantity.measure_word) == (value, unit, measure_word)


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("三千人", 3000, "exact", "persons"),
        ("一万二千元", 12_000, "exact", "yuan"),
        ("两百户", 200, "exact", "households"),
        ("五十多人", 50, "at_least", "persons"),
        ("十只", 10, "exact", "animals"),
        ("百只", 100, "exact", "animals"),
        ("千只", 1000, "exact", "animals"),
        ("二〇一六年", 2016, "exact", "years"),
        ("三千多万元", 30_000_000, "at_least", "yuan"),
        ("十多万人", 100_000, "at_least", "persons"),
        ("三十万亩", 300_000, "exact", "mu"),
        ("两万亿元", 2_000_000_000_000, "exact", "yuan"),
        ("约三千人", 3000, "approx", "persons"),
        ("一个", 1, "exact", "items"),  # whole text: parsed, though running text skips it
        ("1万2千元", 12_000, "exact", "yuan"),  # mixed digits and numerals
        ("3万五千元", 35_000, "exact", "yuan"),
    ],
)
def test_chinese_numerals(text, value, qualifier, unit):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.qualifier, quantity.unit) == (value, qualifier, unit)
    assert type(quantity.value) is int


def test_fullwidth_equals_ascii():
    wide = parse_quantity("１３２．７亿元")
    assert wide == replace(parse_quantity("132.7亿元"), text="１３２．７亿元")


def test_surrounding_whitespace_is_allowed_and_dropped():
    assert parse_quantity("  132.7亿元\n") == parse_quantity("132.7亿元")
    assert parse_quantity("\u3000132.7亿元").text == "132.7亿元"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("元", "no number"),
        ("abc", "no number"),
        ("约亿元", "multiplier without a number"),
        ("万元", "multiplier without a number"),
        ("132.7亿元 and 5元", "2 numbers in it, expected one quantity"),
        ("132.7亿元，5元", "2 numbers in it, expected one quantity"),
        ("3人至5元", "different units"),
        ("132.7亿元x", "text around"),
        ("3000至", "text around"),
        ("5000至3000元", "downwards"),
    ],
)
def test_errors_name_the_text(text, reason):
    with pytest.raises(QuantityError) as caught:
        parse_quantity(text)
    message = str(caught.value)
    assert message.startswith(f"cannot parse quantity {text!r}: ")
    assert reason in message


def test_quantity_error_is_a_value_error():
    assert issubclass(QuantityError, ValueError)


def test_quantity_is_frozen():
    quantity = parse_quantity("4万元")
    with pytest.raises(AttributeError):
        quantity.low = 1  # type: ignore[misc]


# --- long and odd texts ------------------------------------------------------------------------


def test_adversarial_inputs_finish():
    # Long runs that look like numbers but are not; they must neither crash nor hang.
    for text in ["1" * 100_000, "一" * 100_000, "1万" * 20_000, "1,1," * 20_000, "约" * 50_000]:
        find_numbers(text)
    assert find_numbers("1" * 100)[0].value is None  # too long to be a figure


# --- properties ------------------------------------------------------------------------------

measure_words = st.sampled_from(sorted(EXPECTED_UNITS))
multipliers = st.sampled_from(sorted(MULTIPLIERS))
decimals = st.one_of(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("9999.9"), places=1),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2),
)
plus = st.sampled_from(["多", "余"])
separators = st.sampled_from(["至", "到", "-", "~"])


def written(d: Decimal) -> str:
    return format(d, "f")


@settings(**PROSE)
@given(n=st.integers(1, 99_999), word=measure_words)
def test_integers_with_measure_words_round_trip(n, word):
    text = f"{n}{word}"
    assert parse_quantity(text) == q(text, n, unit=EXPECTED_UNITS[word], measure_word=word)


@settings(**PROSE)
@given(d=decimals, mult=multipliers, word=st.sampled_from(["元", "公里", "人次", "吨", "亩"]))
def test_decimals_with_multipliers_round_trip_exactly(d, mult, word):
    quantity = parse_quantity(f"{written(d)}{mult}{word}")
    assert quantity.value == d * MULTIPLIERS[mult]
    assert type(quantity.value) is int
    assert quantity.high == quantity.low
    assert (quantity.unit, quantity.measure_word) == (EXPECTED_UNITS[word], word)


@settings(**PROSE)
@given(d=decimals, mult=multipliers, more=plus, word=st.sampled_from(["元", "人", "户", "个"]))
def test_more_after_the_multiplier_is_at_least(d, mult, more, word):
    quantity = parse_quantity(f"{written(d)}{mult}{more}{word}")
    assert quantity.value == d * MULTIPLIERS[mult]
    assert quantity.qualifier == "at_least"


@settings(**PROSE)
@given(n=st.integers(1, 9999), mult=multipliers, more=plus, word=st.sampled_from(["元", "人"]))
def test_more_before_the_multiplier_is_at_least(n, mult, more, word):
    quantity = parse_quantity(f"{n}{more}{mult}{word}")  # '10多万人'
    assert quantity.value == n * MULTIPLIERS[mult]
    assert quantity.qualifier == "at_least"


@settings(**PROSE)
@given(n=st.integers(1, 99_999), more=plus, word=measure_words)
def test_more_after_a_plain_number_is_at_least(n, more, word):
    quantity = parse_quantity(f"{n}{more}{word}")
    assert (quantity.value, quantity.qualifier) == (n, "at_least")


@settings(**PROSE)
@given(pair=st.lists(st.integers(1, 99_999), min_size=2, max_size=2, unique=True), sep=separators)
def test_ranges_round_trip(pair, sep):
    a, b = sorted(pair)
    quantity = parse_quantity(f"{a}{sep}{b}元")
    assert (quantity.low, quantity.high, quantity.qualifier) == (a, b, "range")


@settings(**PROSE)
@given(pair=st.lists(st.integers(1, 9999), min_size=2, max_size=2, unique=True), mult=multipliers)
def test_range_multiplier_on_the_upper_end_applies_to_both(pair, mult):
    a, b = sorted(pair)
    quantity = parse_quantity(f"{a}至{b}{mult}元")
    assert (quantity.low, quantity.high) == (a * MULTIPLIERS[mult], b * MULTIPLIERS[mult])


def expressions() -> st.SearchStrategy[tuple[str, Decimal | int, Decimal | int, str]]:
    """(text, low, high, qualifier) written the way the article writes quantities."""
    point = st.builds(
        lambda n, w: (f"{n}{w}", n, n, "exact"), st.integers(1, 99_999), measure_words
    )
    scaled = st.builds(
        lambda d, m, w: (f"{written(d)}{m}{w}", d * MULTIPLIERS[m], d * MULTIPLIERS[m], "exact"),
        decimals,
        multipliers,
        measure_words,
    )
    more = st.builds(
        lambda n, p, w: (f"{n}{p}{w}", n, n, "at_least"), st.integers(1, 99_999), plus,
        measure_words,
    )  # fmt: skip
    approx = st.builds(
        lambda pre, n, w: (f"{pre}{n}{w}", n, n, "approx"),
        st.sampled_from(["约", "近", "大约", "将近"]),
        st.integers(1, 99_999),
        st.sampled_from(["元", "人", "户", "个", "吨"]),  # not 年: 近N年 is "the past N years"
    )
    ranged = st.builds(
        lambda pair, s: (f"{min(pair)}{s}{max(pair)}元", min(pair), max(pair), "range"),
        st.lists(st.integers(1, 99_999), min_size=2, max_size=2, unique=True),
        separators,
    )
    chinese = st.sampled_from(
        [("三千人", 3000, 3000, "exact"), ("两百户", 200, 200, "exact"),
         ("五十多人", 50, 50, "at_least"), ("一万二千元", 12_000, 12_000, "exact")]
    )  # fmt: skip
    return st.one_of(point, scaled, more, approx, ranged, chinese)


@settings(**PROSE)
@given(expr=expressions())
def test_fullwidth_parses_like_ascii(expr):
    text = expr[0]
    wide = text.translate(FULLWIDTH)
    assert parse_quantity(wide) == replace(parse_quantity(text), text=wide)


@settings(**PROSE)
@given(expr=expressions())
def test_generated_expressions_parse_to_their_values(expr):
    text, low, high, qualifier = expr
    quantity = parse_quantity(text)
    assert (quantity.text, quantity.low, quantity.high) == (text, low, high)
    assert quantity.qualifier == qualifier


@settings(**PROSE)
@given(n=st.integers(0, 10**12), before=st.sampled_from(["", "共", "其中"]))
def test_find_numbers_reads_integers_back(n, before):
    text = f"{before}{n}，"
    assert find_numbers(text) == [
        NumberMatch(len(before), len(before) + len(str(n)), str(n), n, "arabic")
    ]
