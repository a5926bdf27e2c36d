"""The Chinese edition (中文版) against the English: the same structure and the same numbers,
finding by finding, figure by figure and table by table, in Chinese typography."""

import itertools
import re
from decimal import Decimal

import pytest
from conftest import ROOT, parse_html
from pypdf import PdfReader

REPORT = ROOT / "report"
EDITIONS = {"en": REPORT / "report.html", "zh": REPORT / "zh" / "report.html"}


@pytest.fixture(scope="module")
def docs():
    return {name: parse_html(path.read_text(encoding="utf-8")) for name, path in EDITIONS.items()}


# What only the English edition gives: amounts in billions and counts in full beside the
# article's 亿 and 万 ("118.2亿元 (11.82 billion yuan)", "74.7万人次 (747,000)"). The Chinese
# reader reads the figure itself.
_GLOSS = re.compile(
    r"\((?:over )?[\d.,+ =−]+(?:billion|trillion|million)[^()]*\)"
    r"|\(\d{1,3}(?:,\d{3})+\)|\(over [\d.]+ billion\)|\([\d,]+ km\)"
)
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_NUMBER_IN_WAN = re.compile(rf"(?P<number>{_NUMBER.pattern})\s*(?P<wan>万(?!亿))?")
WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_WORD = re.compile(rf"\b({'|'.join(WORDS)})\b", re.IGNORECASE)
HAN = dict(zip("一二三四五六七八九十两", [*range(1, 11), 2], strict=True))
_HAN_COUNT = re.compile(rf"(?<![一-龥])([{''.join(HAN)}])(个|年|项|名|次)")
MONTHS = "January February March April May June July August September October November December"
_MONTH = re.compile(rf"\b({'|'.join(MONTHS.split())})\b")


def numbers(text: str, english: bool) -> list[str]:
    """The numbers of a text, as a sorted list without thousands separators."""
    text = re.sub(r"\s+", " ", text)
    if english:  # and its months as the Chinese edition writes them: 2015年11月28日
        text = _GLOSS.sub("", text)
        text = _MONTH.sub(lambda m: str(MONTHS.split().index(m[1]) + 1), text)
        text = _WORD.sub(lambda m: str(WORDS.index(m[1].lower()) + 1), text)
        text = text.replace("12th Five-Year Plan", "十二五")  # a name, as 十二五 is
    else:  # the article's 篇一, the name 十二五, and a count in words (一年, 两个)
        text = text.replace("十二五", "").replace("篇一", "篇1").replace("篇二", "篇2")
        text = re.sub("两(?=[个项名次])", "2", text)
        text = _HAN_COUNT.sub(lambda m: f"{HAN[m[1]]}{m[2]}", text)
    # A count in 万 is that many ten thousands in either edition (4.5万 is 45,000).
    found = []
    for match in _NUMBER_IN_WAN.finditer(text):
        number = Decimal(match["number"].replace(",", ""))
        if match["wan"]:
            number *= 10_000
        found.append(f"{number.normalize():f}")
    return sorted(found)


def _text(element) -> str:
    return element.get_text(" ") if element is not None else ""


def test_each_edition_links_to_the_other(docs):
    for name, other, href in (("en", "zh", "zh/report.html"), ("zh", "en", "../report.html")):
        doc = docs[name]
        alternate = doc.find("link", rel="alternate")
        assert alternate["href"] == href and alternate["hreflang"].startswith(other)
        title_page = doc.find("header", class_="title-page")
        assert title_page.find("a", href=href), name
        assert doc.find("nav", class_="page-nav").find("a", href=href), name


def test_the_chinese_edition_is_chinese(docs):
    doc = docs["zh"]
    assert doc.find("html")["lang"] == "zh-Hans"
    assert doc.find("title").get_text().startswith("东西扶贫协作")
    body = " ".join(_text(s) for s in doc.find_all("section", class_="chapter"))
    body += _text(doc.find("section", class_="findings-page"))
    han = len(re.findall(r"[\u4e00-\u9fff]", body))
    latin = len(re.findall(r"[A-Za-z]", body))
    # Latin letters stay only in names, references and codes (SHA-256, URLs).
    assert han > 10 * latin, (han, latin)
    for word in ("Figure", "Table", "Section", "billion", "million", "Caveat", "person-times"):
        assert word not in _text(doc.find("section", class_="chapter")), word


def test_the_structure_is_the_same(docs):
    def outline(doc):
        return [
            (h.name, h.get("id"))
            for h in doc.find_all(["h1", "h2", "h3"])
            if h.get("id") and not h.get("id").startswith("h-")
        ]

    assert outline(docs["en"]) == outline(docs["zh"])
    for kind in ("chart", "table"):
        ids = [[f["id"] for f in d.find_all("figure", class_=kind)] for d in docs.values()]
        assert ids[0] == ids[1] and ids[0], kind


# The figures a passage states: each figure of the article and each derived number (both
# linked, in either edition: to the appendix row, to the notebook cell), and each amount in the
# article's units (亿元, 万亿元, 万人次) or percentage, which both editions write alike.
_AMOUNT = re.compile(r"\d[\d.,]*\s*(?:万亿元|亿元|万人次|%)")


def figures(element, english: bool) -> list[str]:
    links = element.find_all("a", class_=["calc-ref", "fig-ref"])
    said = [n for link in links for n in numbers(_text(link), english)]
    for link in links:
        link.extract()
    rest = " ".join(_AMOUNT.findall(re.sub(r"\s+", "", _text(element))))
    return sorted(said + numbers(rest, english))


def test_the_bottom_line_and_each_key_finding_state_the_same_figures(docs):
    def findings(doc):
        summary = doc.find("section", class_="findings-page")
        return [
            summary.find("div", class_="bottom-line"),
            *summary.find("ol").find_all("li", recursive=False),
        ]

    english, chinese = findings(docs["en"]), findings(docs["zh"])
    assert len(english) == len(chinese) == 5
    for en, zh in zip(english, chinese, strict=True):
        said = figures(en, True), figures(zh, False)
        assert said[0] and said[0] == said[1], (_text(en), _text(zh))


def test_each_chart_states_the_same_numbers(docs):
    # Alt texts and captions, chart by chart.
    for en, zh in zip(*(d.find_all("figure", class_="chart") for d in docs.values()), strict=True):
        alt = [f.find(attrs={"aria-label": True}) or f.find("img") for f in (en, zh)]
        said = [a.get("aria-label") or a.get("alt") for a in alt]
        assert numbers(said[0], True) == numbers(said[1], False), en["id"]
        captions = [_text(f.find("figcaption")) for f in (en, zh)]
        assert numbers(captions[0], True) == numbers(captions[1], False), en["id"]


def test_each_table_states_the_same_numbers_row_by_row(docs):
    for en, zh in zip(*(d.find_all("figure", class_="table") for d in docs.values()), strict=True):
        rows = [f.find("tbody").find_all("tr") for f in (en, zh)]
        assert len(rows[0]) == len(rows[1]) > 5, en["id"]
        for en_row, zh_row in zip(*rows, strict=True):
            assert en_row.get("id") == zh_row.get("id")
            # Each cell but the names, which the English gives in both languages.
            cells = [[_text(td) for td in row.find_all("td")] for row in (en_row, zh_row)]
            if en["id"] == "tab-indicators":
                cells = [c[1:] for c in cells]
            assert [numbers(c, True) for c in cells[0]] == [numbers(c, False) for c in cells[1]]


def test_the_chapters_state_the_same_numbers(docs):
    # Section by section: the computed paragraphs and the notebooks' Markdown alike.
    def sections(doc):
        found = {}
        for section in doc.find_all("section", class_="chapter"):
            key = None
            for element in section.find_all(["h1", "h2", "p", "li", "figcaption"]):
                if element.name in ("h1", "h2"):
                    key = element.get("id")
                elif key and element.find_parent(["figure", "li"]) is None:
                    found.setdefault(key, []).append(element)
        return found

    english, chinese = sections(docs["en"]), sections(docs["zh"])
    assert english.keys() == chinese.keys()
    for key in english:
        en = sorted(n for element in english[key] for n in figures(element, True))
        zh = sorted(n for element in chinese[key] for n in figures(element, False))
        assert en == zh, key


_CLOSING = "，。、；：？！）”》』」"
_OPENING = "“（《『「"


def test_the_chinese_pdf_breaks_lines_as_chinese_does():
    reader = PdfReader(REPORT / "zh" / "report.pdf")
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    assert len(lines) > 300
    starts = [line for line in lines if line and line[0] in _CLOSING]
    ends = [line for line in lines if line.strip() and line.rstrip()[-1] in _OPENING]
    assert starts == [] and ends == []
    # A number is never split from its unit: no line ends in digits that the next begins
    # with a unit for.
    split = [
        (a, b)
        for a, b in itertools.pairwise(lines)
        if re.search(r"\d$", a) and re.match(r"(?:亿|万|年|月|日|倍|元|%|人次|个|名)", b)
    ]
    assert split == []


def test_the_chinese_pdf_says_its_language_and_is_tagged():
    reader = PdfReader(REPORT / "zh" / "report.pdf")
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]) == "zh-Hans"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert "东西扶贫协作" in str(reader.metadata.get("/Title"))


def _faces(html: str) -> dict[str, set[int]]:
    """Each embedded font family with the code points its subsets hold."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    faces: dict[str, set[int]] = {}
    for family, data in re.findall(
        r'font-family: "([^"]+)";[^}]*?base64,([A-Za-z0-9+/=]+)"', html, re.DOTALL
    ):
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        faces.setdefault(family, set()).update(font.getBestCmap())
    return faces


@pytest.mark.parametrize("name", list(EDITIONS))
def test_every_chinese_character_a_page_shows_is_in_its_embedded_faces(name):
    # The screen's own links (目录, 顶部, 中文版) included: they are added after the text.
    html = EDITIONS[name].read_text(encoding="utf-8")
    doc = parse_html(html)
    for element in doc.find_all(["style", "svg", "title", "script"]):
        element.decompose()
    shown = {ord(c) for c in doc.get_text() if re.match(r"[\u3400-\u9fff\uff01-\uff5e]", c)}
    faces = _faces(html)
    assert shown and shown <= faces["EastWest CJK"], sorted(map(chr, shown - faces["EastWest CJK"]))
    if name == "zh":  # headings, labels and emphasis: any character may stand there
        assert shown <= faces["EastWest CJK Sans"]


@pytest.mark.parametrize("name", list(EDITIONS))
def test_no_markdown_is_left_unrendered(name, docs):
    # CommonMark closes ** only where the rules allow: next to full-width punctuation a
    # translation's bold can stay as two asterisks.
    text = " ".join(
        _text(section)
        for section in docs[name].find_all("section", class_=["chapter", "findings-page"])
    )
    assert "**" not in text and not re.search(r"(?<![\w*])\*\S", text), name
