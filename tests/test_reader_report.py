"""The reader's report as published: findings first, short, cited in order, in house style.

Every expected number is worked out here from the article text itself (and, where a finding
leans on it, from the external figures' CSV), by regular expressions and arithmetic that share
nothing with the pipeline's parser, formatter or findings module.
"""

import csv
import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from eastwest import paths

PDF = paths.REPORT / "report.pdf"
HTML = paths.REPORT / "report.html"
ARTICLE = paths.ARTICLE
MAX_PAGES = 16


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return [page.extract_text() for page in PdfReader(PDF).pages]


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html_text() -> str:
    return HTML.read_text(encoding="utf-8")


def _one(pattern: str, text: str) -> str:
    found = re.findall(pattern, text)
    assert len(found) == 1, (pattern, found)
    return found[0]


def _d(text: str) -> Decimal:
    return Decimal(text)


def _r1(value: Decimal) -> str:
    """One decimal, halves up, as a reader rounds by hand."""
    return str(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


def _flat(text: str) -> str:
    """PDF text with line breaks joined, so that a sentence can be searched across lines."""
    return re.sub(r"\s+", " ", text.replace("-\n", "-"))


@pytest.fixture(scope="module")
def expected(article) -> dict[str, str]:
    """The numbers the key findings must print, from the article's sentences."""
    earlier = _d(_one(r"共向西部贫困地区投入财政援助资金([\d.]+)亿元", article))
    later = _d(_one(r"共提供财政援助([\d.]+)亿元", article))
    span = _one(r"(\d{4})年至(\d{4})年", article)
    years = int(span[1]) - int(span[0]) + 1
    assert f"{years}年来" in article  # part 2 counts 1996–2014 as 19 years, inclusively
    with open(paths.OFFICIAL_TOTALS, encoding="utf-8") as f:
        plan = next(
            r for r in csv.DictReader(f)
            if r["series"] == "fiscal_aid"
            and (r["period_start"], r["period_end"]) == ("2011", "2015")
        )  # fmt: skip
    plan_yi = _d(plan["value"]) / Decimal(10**8)
    added = later - earlier
    export = _d(_one(r"输出劳务人员([\d.]+)万人次", article))
    income = _d(_one(r"万人次[,，]实现劳务收入([\d.]+)亿元", article))
    gx_workers = _d(_one(r"输出广西富余劳动力(\d+)万人", article))
    gx_income = _d(_one(r"万人[,，]实现劳务收入([\d.]+)亿元", article))
    per_worker = gx_income * 10**8 / (gx_workers * 10**4)
    return {
        "earlier": f"{earlier}亿元",
        "later": f"{later}亿元",
        "added": f"{added}亿元",
        "mean": _r1(earlier / years) + "亿元",
        "before_2011": _r1((later - plan_yi) / 15) + "亿元",
        "2011_2014": _r1((plan_yi - added) / 4) + "亿元",
        "enterprise": _one(r"引导企业实际投资([\d.]+万亿元)", article),
        "export": f"{export}万人次",
        "income": f"{income}亿元",
        "per_trip": f"{round(income * 10**8 / (export * 10**4), -2):,.0f} yuan per person-time",
        "per_worker": f"{per_worker:,.0f} yuan each",
        "per_month": f"{per_worker / 12:,.0f} yuan a month",
        "period": f"{span[0]}–{int(span[1]) + 1}",
    }


def test_at_most_sixteen_pages(pages):
    assert len(pages) <= MAX_PAGES


def test_key_findings_open_page_two_with_the_article_s_numbers(pages, expected):
    page = _flat(pages[1])
    assert page.lstrip().startswith("Key findings"), page[:80]
    for key, number in expected.items():
        assert number in page, (key, number)
    # 亿元 is glossed in billions on its first use there, and nominal yuan is said.
    first = page.index(expected["before_2011"])
    assert "billion yuan" in page[first : first + 60]
    assert "nominal" in page
    assert page.count("Caveat:") >= 4


def test_title_and_running_head_give_the_period_the_analysis_concludes(pages, expected):
    assert expected["period"] in pages[0]
    assert all("1996–2016" not in page for page in pages)
    assert all(expected["period"] in page for page in pages[2:])  # the running head


class _Body(HTMLParser):
    """The text of <main> outside figure and table captions, and the ids and links in it."""

    def __init__(self):
        super().__init__()
        self.depth = {"main": 0, "figcaption": 0, "table": 0, "code": 0}
        self.text, self.ids, self.links, self.figure_links = [], set(), [], []
        self.in_appendix = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.depth:
            self.depth[tag] += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "section" and "appendix" in (attrs.get("class") or ""):
            self.in_appendix += 1
        if tag == "a" and self.depth["main"]:
            self.links.append(attrs.get("href", ""))
            if "fig-ref" in (attrs.get("class") or ""):
                self.figure_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in self.depth:
            self.depth[tag] -= 1

    def handle_data(self, data):
        if self.depth["main"] and not (self.depth["figcaption"] or self.in_appendix):
            self.text.append(data)


@pytest.fixture(scope="module")
def body(html_text) -> _Body:
    parser = _Body()
    parser.feed(html_text)
    return parser


def test_every_figure_and_table_is_cited_in_order(html_text, body):
    text = " ".join(body.text)
    for label in ("Figure", "Table"):
        numbers = sorted(
            {int(n) for n in re.findall(rf'<span class="label">{label} (\d+)\.</span>', html_text)}
        )
        assert numbers == list(range(1, len(numbers) + 1))
        firsts = []
        for n in numbers:
            cited = re.search(rf"\b{label} {n}\b", text)
            assert cited, f"{label} {n} is never cited in the text"
            firsts.append(cited.start())
        assert firsts == sorted(firsts), f"{label}s are first cited out of order"


def test_article_figures_in_the_text_link_to_their_appendix_row(body, html_text):
    assert body.figure_links, "no figure from the article is linked"
    rows = set(re.findall(r'<tr id="(a-[a-z0-9-]+)"', html_text))
    for href in body.figure_links:
        assert href.lstrip("#") in rows, href


def test_appendix_has_one_row_per_figure_with_its_quote(html_text, article):
    with open(paths.INDICATORS, encoding="utf-8") as f:
        indicators = {r["indicator"]: r for r in csv.DictReader(f)}
    rows = re.findall(r'<tr id="a-[a-z0-9-]+">(.*?)</tr>', html_text, re.DOTALL)
    assert len(rows) == len(indicators)
    for row in rows:
        quote = re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)[-1])
        assert quote in article, quote


def test_no_code_identifiers_or_paths_in_the_reader_s_text(pages):
    text = "\n".join(pages)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)
    for fragment in (".csv", ".py", ".ipynb", "data/", "eastwest.", "`"):
        assert fragment not in text, fragment


def test_quotes_are_curly_in_the_text(body):
    text = " ".join(body.text)
    assert "'" not in text and '"' not in text


def test_hash_printed_once_and_never_hyphenated(pages):
    digest = paths.ARTICLE_SHA256.read_text().split()[0]
    joined = re.sub(r"\s+", "", "".join(pages))
    assert joined.count(digest) == 1
    assert not re.search(r"[0-9a-f]{8,}-[0-9a-f]{4,}", joined)


def test_colophon_takes_version_and_date_from_the_citation_file(pages):
    cff = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version = re.search(r'^version: "?([^"\n]+)"?$', cff, re.MULTILINE).group(1)
    year = re.search(r'^date-released: "?(\d{4})', cff, re.MULTILINE).group(1)
    back = _flat(pages[-1])
    assert f"Version {version}" in back or f"Version {version}" in _flat(pages[-2])
    assert "Suggested citation" in _flat(pages[-1] + pages[-2]) and year in back + pages[-2]
    assert "MIT" in _flat(pages[-1] + pages[-2])


def test_glossary_explains_the_units(pages):
    back = _flat(pages[-1] + pages[-2])
    for term in ("亿", "万亿", "人次", "多, 余", "闽宁"):
        assert term in back, term


def test_pdf_is_tagged_with_its_outline_kept():
    reader = PdfReader(PDF)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "the PDF carries no structure tags"
    assert catalog["/MarkInfo"]["/Marked"]
    assert reader.outline, "the outline is gone"
