"""The committed report as a reader gets it: the real PDF and HTML, opened and checked."""

import re
from html.parser import HTMLParser

import nbformat
import pytest
from pypdf import PdfReader

from eastwest import paths

PDF = paths.REPORT / "report.pdf"
HTML = paths.REPORT / "report.html"
NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    return PdfReader(PDF)


@pytest.fixture(scope="module")
def pdf_text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def chapter_titles() -> list[str]:
    """Each notebook's H1, as the author wrote it."""
    titles = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            heading = re.search(r"^# (.+)$", cell.source, re.MULTILINE)
            if cell.cell_type == "markdown" and heading:
                titles.append(heading.group(1).strip())
                break
    return titles


def test_every_font_is_embedded_and_subset_and_one_is_cjk(reader):
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    for name, font in fonts.items():
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} not embedded"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
    assert any("CJK" in name for name in fonts), sorted(fonts)


def test_chinese_and_key_figures_are_text(pdf_text):
    # Phrases and figures read off the article: they must be selectable text, not pictures.
    for phrase in ("东西扶贫协作", "财政援助资金", "人次", "闽宁", "118.2", "132.7", "664.3"):
        assert phrase in pdf_text, phrase


def test_outline_has_every_chapter(reader):
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    for chapter in chapter_titles():
        assert any(chapter in title for title in titles), (chapter, titles)


def test_page_count_size_and_metadata(reader):
    assert 15 <= len(reader.pages) <= 60
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 1
        assert abs(float(page.mediabox.height) - 841.9) < 1
    assert "East–West" in reader.metadata.title
    assert "/CreationDate" not in reader.metadata and "/ModDate" not in reader.metadata


def test_no_code_in_the_reader_s_report(pdf_text):
    html_text = HTML.read_text(encoding="utf-8")
    for snippet in ("import pandas", "show_table(", "from eastwest", "publish("):
        assert snippet not in pdf_text
        assert snippet not in html_text


class _Loads(HTMLParser):
    """Collects what a page would fetch, and images without alternative text."""

    def __init__(self):
        super().__init__()
        self.remote, self.unlabelled, self.scripts, self.lang = [], [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "script":
            self.scripts += 1
        fetched = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
        if fetched and re.match(r"(https?:)?//", fetched):
            self.remote.append(fetched)
        if tag == "img" and not attrs.get("alt"):
            self.unlabelled.append(attrs.get("src", "")[:40])
        if tag == "svg" and not (attrs.get("aria-label") or attrs.get("aria-hidden")):
            self.unlabelled.append("<svg>")


@pytest.mark.parametrize(
    "page", [HTML, *[paths.EXECUTED / f"{p.stem}.html" for p in NOTEBOOKS]], ids=lambda p: p.name
)
def test_html_is_offline_and_labelled(page):
    text = page.read_text(encoding="utf-8")
    loads = _Loads()
    loads.feed(text)
    assert loads.remote == [], loads.remote
    assert loads.scripts == 0 or page != HTML
    assert not re.search(r"<script[^>]+src=", text), "no script is fetched"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), "no CSS fetches from the network"
    assert loads.unlabelled == [], loads.unlabelled
    assert loads.lang and loads.lang.startswith("en")
