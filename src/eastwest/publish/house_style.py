"""House style applied to the assembled text: curly quotes, lines that keep a number with its
unit and a Chinese name whole, links to figures and to the appendix."""

import re

import pandas as pd

from eastwest.analysis.tables import figure_row_id
from eastwest.clean import fields, quantities
from eastwest.publish.html_text import edit_text
from eastwest.publish.webfonts import CJK_RUN

# ---------------------------------------------------------------------------------------------
# House style applied to the assembled text: curly quotes, links to figures and to the appendix

_MARKUP_TEXT = ("code", "style", "script", "svg", "title")  # text that is code, not prose
_NO_TEXT_EDIT = (*_MARKUP_TEXT, "a")  # and a link's text, which may be its address


def _curly(text: str) -> str:
    text = text.replace("&#34;", '"').replace("&quot;", '"').replace("&#39;", "'")
    text = text.replace("&#x27;", "'")
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)  # apostrophes: Xinhua’s
    # One quotation style: a quotation in single quotes ('20 years') takes double ones, as
    # every other does; ’ is left to the apostrophe. Curly quotes already typed are kept: the
    # article's own, quoted verbatim, among them.
    text = re.sub(r"(^|[\s(\[—–/])'([^'\n]*?[^'\s])'(?!\w)", r"\1“\2”", text)
    text = re.sub(r"(^|[\s(\[—–/])'", r"\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r'(^|[\s(\[—–/])"', r"\1“", text)
    return text.replace('"', "”")


def curly_quotes(fragment: str) -> str:
    """Straight quotes in the text of ``fragment`` made curly (markup and code left alone)."""
    return edit_text(fragment, _curly, unless=lambda piece: piece.within(*_NO_TEXT_EDIT))


# A line may not break inside a figure and its unit, as the article writes one (132.7亿元,
# 664.3万人次, 160多亿元, 8万余个: the measure words are the parser's) or as English prose does
# (3,000 yuan, 11.82 billion yuan, 1,834 cadres: the field dictionary's units and a few nouns),
# nor inside a short Chinese name or term set in English (光明日报, 普安县, 20年来). A longer
# run of Chinese, a quote, still breaks where Chinese may, but not inside its figures.
_NUMBER = r"(?<![0-9A-Za-z.,])\d+(?:,\d{3})*(?:\.\d+)?"
_MEASURE_ZH = "|".join(map(re.escape, sorted(quantities.UNITS, key=len, reverse=True)))
_SCALE_ZH = "万亿|亿|万|千|百"
_QUANTITY_ZH = re.compile(
    rf"{_NUMBER}(?:[多余]?(?:{_SCALE_ZH})[多余]?(?:{_MEASURE_ZH})?|[多余]?(?:{_MEASURE_ZH}))"
)
_SCALE_EN = "thousand|million|billion|trillion"
_NOUNS_EN = {*fields.UNITS, "people", "cadres", "years", "times"}
_UNIT_EN = "|".join(map(re.escape, sorted(_NOUNS_EN, key=len, reverse=True)))
# A range (3,000–5,000 yuan) keeps its two ends and its unit together too.
_QUANTITY_EN = (
    rf"{_NUMBER}(?:–\d+(?:,\d{{3}})*(?:\.\d+)?)?\+?\s+"
    rf"(?:(?:{_SCALE_EN})(?:\s+(?:{_UNIT_EN}))?|(?:{_UNIT_EN}))\b"
)
# A run of Chinese with the figures inside it is taken whole (20年来, 132.7亿元, a quote), so that
# its neighbours tell a term set in English from a Chinese sentence.
# A date (21 July 2016) and a span of years (1996–2010) read as one word.
_DATE_EN = (
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}\b|\b\d{4}–\d{4}\b"
)
_KEPT_TOGETHER = re.compile(rf"{_QUANTITY_EN}|{_DATE_EN}|(?P<zh>(?:{CJK_RUN.pattern}|{_NUMBER})+)")
_IN_CHINESE = re.compile(r"[0-9\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
SHORT_CHINESE = 10  # characters; 东西扶贫协作战略意义, the article's title, is ten
NO_BREAK = '<span class="nobr">{}</span>'


def _no_break(m: re.Match) -> str:
    return NO_BREAK.format(m.group(0))


# A sum stays on its line: 132.7 + 27.6 = 160.3亿元, 1.5 − 1.2 = 0.3万亿元.
_OPERATOR = re.compile(r"(?<=[\d元次]) ([−+=×]) (?=[\d(])")


def _kept(text: str) -> str:
    text = _OPERATOR.sub("\u00a0\\1\u00a0", text)

    def one(m: re.Match) -> str:
        run = m.group("zh")
        if run is None:
            return _no_break(m)  # an English figure and its unit
        if not CJK_RUN.search(run):
            return run  # a number alone
        neighbours = text[m.start() - 1 : m.start()] + text[m.end() : m.end() + 1]
        if len(run) <= SHORT_CHINESE and not _IN_CHINESE.search(neighbours):
            return _no_break(m)
        return _QUANTITY_ZH.sub(_no_break, run)

    return _KEPT_TOGETHER.sub(one, text)


def keep_together(fragment: str, kept=_kept) -> str:
    """Each figure with its unit, and each short Chinese name in English text, in a span that
    does not break across lines (``.nobr``); ``kept`` says what keeps together in a text. Links'
    text too: 132.7亿元 is linked to its row."""
    return edit_text(fragment, kept, unless=lambda piece: piece.within(*_MARKUP_TEXT))


def house_style(body: str) -> str:
    """The assembled body in house style: curly quotes, then what keeps together. Once, over
    everything the reader sees: prose, captions, tables, appendix and colophon alike."""
    return keep_together(curly_quotes(body))


# The Chinese edition keeps a number with its unit or measure word (132.7亿元, 1996—2014年,
# 2.4倍, 约8100元, 3000多名, 29%) and a label with its number (图1, 表A.1, 第2.4节) on one line.
_UNIT_ZH = rf"(?:{_MEASURE_ZH}|年|月|日|倍|%|元|公里|节|个|名|项|所)"
_KEPT_ZH = re.compile(
    rf"(?:[图表]|第)?约?[A-Z]?\.?{_NUMBER}(?:[—–.]\d+)*[多余]?(?:{_SCALE_ZH})?[多余]?"
    rf"(?:{_UNIT_ZH})(?:\d+{_UNIT_ZH})*|(?:[图表]|第)[A-Z]?\.?{_NUMBER}"
)


def _kept_zh(text: str) -> str:
    return _KEPT_ZH.sub(_no_break, _OPERATOR.sub("\u00a0\\1\u00a0", text))


def house_style_zh(body: str) -> str:
    """The Chinese edition's house style: straight quotes curly, and what keeps together."""
    return keep_together(curly_quotes(body), _kept_zh)


def link_figures(fragment: str, indicators: pd.DataFrame) -> str:
    """Each figure from the article, as the text writes it (132.7亿元), linked to its row in
    Appendix Table A.1."""
    written = {}
    if "figure" not in indicators:
        return fragment
    for row in indicators.drop_duplicates("indicator").itertuples():
        if row.figure and len(row.figure) >= 3:
            written.setdefault(row.figure, figure_row_id(row.indicator))
    if not written:
        return fragment
    # Longest first, and not inside a longer number: 1.2万亿元 is not 2万亿元.
    pattern = re.compile(
        r"(?<![\d.])("
        + "|".join(re.escape(w) for w in sorted(written, key=len, reverse=True))
        + r")"
    )

    def linked(text: str) -> str:
        return pattern.sub(
            lambda m: f'<a class="fig-ref" href="#{written[m.group(1)]}">{m.group(1)}</a>', text
        )

    skipped = (*_NO_TEXT_EDIT, "figcaption", "h1", "h2")
    return edit_text(fragment, linked, unless=lambda piece: piece.within(*skipped))


def link_references(fragment: str, entries: dict[str, str]) -> str:
    """ "Figure 3", "Table A.1" in the text linked to what they name (``entries``: label → id,
    in the edition's words: 图3, 表A.1)."""
    if not entries:
        return fragment
    pattern = re.compile(
        "|".join(rf"(?<![A-Za-z0-9.]){re.escape(label)}(?!\.?\d)" for label in
                 sorted(entries, key=len, reverse=True))
    )  # fmt: skip

    def linked(text: str) -> str:
        def one(m: re.Match) -> str:
            ident = entries.get(m.group(0))
            return f'<a class="xref" href="#{ident}">{m.group(0)}</a>' if ident else m.group(0)

        return pattern.sub(one, text)

    skipped = (*_NO_TEXT_EDIT, "figcaption")
    return edit_text(fragment, linked, unless=lambda piece: piece.within(*skipped))
