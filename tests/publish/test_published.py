"""The committed report as a reader gets it: report/report.pdf and report/report.html, each
opened once, and the notebooks' pages beside them.

Findings first, short, cited in order, in house style, offline, every font embedded. Every
expected number is worked out here from the article text itself (and, where a finding leans on
it, from the external figures' CSV), by regular expressions and arithmetic that share nothing
with the pipeline's parser, formatter or findings module. That a clean rebuild gives exactly
these bytes, on a machine with other fonts, is tests/build/test_reproduction.py's proof: no
test here renders a PDF of its own.
"""

import csv
import re
import struct
from decimal import ROUND_HALF_UP, Decimal

import nbformat
import pytest
from conftest import ARTICLE_TEXT, HAND_READ, ROOT, parse_html, references
from pypdf import PdfReader

from eastwest.publish import html_audit

REPORT = ROOT / "report"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PAGES = [REPORT / "report.html"] + [REPORT / "notebooks" / f"{p.stem}.html" for p in NOTEBOOKS]
MAX_PAGES = 12  # the reader's report, appendix included
A4 = (595.3, 841.9)  # points


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    return PdfReader(REPORT / "report.pdf")


@pytest.fixture(scope="module")
def pages(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def pdf_text(pages) -> str:
    return "\n".join(pages)


@pytest.fixture(scope="module")
def outline(reader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.fixture(scope="module")
def html_text() -> str:
    return (REPORT / "report.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(html_text):
    return parse_html(html_text)


@pytest.fixture(scope="module")
def page_texts() -> dict[str, str]:
    """report.html and each notebook's page, by name."""
    return {path.name: path.read_text(encoding="utf-8") for path in PAGES}


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


def _one(pattern: str, text: str) -> str:
    found = re.findall(pattern, text)
    assert len(found) == 1, (pattern, found)
    return found[0]


def _r1(value: Decimal) -> str:
    """One decimal, halves up, as a reader rounds by hand."""
    return str(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


def _flat(text: str) -> str:
    """PDF text with line breaks joined, so that a sentence can be searched across lines."""
    return re.sub(r"\s+", " ", text.replace("-\n", "-"))


def words(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


# --- The PDF as a file ----------------------------------------------------------------------


def test_every_font_is_embedded_and_subset_and_one_is_cjk(reader):
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} not embedded"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
    assert any("CJK" in name for name in fonts), sorted(fonts)
    # Only the environment's faces: those the report embeds under names of its own, and
    # matplotlib's DejaVu, the one folder its fontconfig offers. No font the system chose.
    families = {name.split("+", 1)[1].split("-")[0] for name in fonts}
    assert families <= {"EastWest", "DejaVu"} and "EastWest" in families, sorted(fonts)


def test_page_count_size_language_and_metadata(reader):
    assert 8 <= len(reader.pages) <= MAX_PAGES
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - A4[0]) < 1
        assert abs(float(page.mediabox.height) - A4[1]) < 1
    info = reader.metadata
    assert info.title.startswith("East–West poverty-alleviation cooperation")
    assert info.author and info.subject
    assert "/CreationDate" not in info and "/ModDate" not in info
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"


def test_the_pdf_declares_itself_pdf_ua_with_its_title(reader):
    """PDF/UA-1, stated in the XMP metadata stream beside the title, where a checker reads it;
    a viewer shows the title, not the file name."""
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert f">{reader.metadata.title}</rdf:li>" in xmp
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]


def test_pdf_is_tagged_with_its_outline_kept(reader):
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "the PDF carries no structure tags"
    assert catalog["/MarkInfo"]["/Marked"]


def test_outline_has_every_chapter_numbered_and_the_back_matter(outline):
    for chapter in chapter_titles():
        assert any(chapter in title for title in outline), (chapter, outline)
    assert any(re.match(r"\d+\.\d+ ", title) for title in outline), "sections are numbered"
    assert any("Glossary and colophon" in title for title in outline)
    assert outline[:2] == ["Key findings", "Contents"]


def test_contents_give_the_page_each_chapter_starts_on(pages):
    contents = next(i for i, page in enumerate(pages) if page.lstrip().startswith("Contents"))
    entries = re.findall(r"^(\d+) (.+?) ?\.{3,}\s*(\d+)$", pages[contents], re.MULTILINE)
    assert [number for number, _, _ in entries] == [str(n) for n in range(1, len(NOTEBOOKS) + 1)]
    for number, title, page in entries:
        # Chapters run on: the page given holds the chapter's heading.
        assert f"{number} {title}" in _flat(pages[int(page) - 1]), (number, title, page)


def test_the_pdf_sets_each_chart_from_its_png_and_no_screen_navigation(reader, pdf_text, doc):
    """The PDF is typeset from the report's print copy: charts as their published PNGs (SVG
    would be drawn node by node), and none of the links and frames a screen gets."""
    charts = [f.get("id").removeprefix("fig-") for f in doc.find_all("figure", class_="chart")]
    assert charts
    pngs = {
        struct.unpack(
            ">II", (ROOT / "figures" / f"{name.replace('-', '_')}.png").read_bytes()[16:24]
        )
        for name in charts
    }
    images = set()

    def collect(xobjects):
        for ref in xobjects.values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                images.add((int(xobject["/Width"]), int(xobject["/Height"])))
            elif xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                collect(xobject["/Resources"].get("/XObject", {}))

    for page in reader.pages:
        collect(page["/Resources"].get("/XObject", {}))
    assert images == pngs
    for screen_only in ("Open full size", "Close ✕", "Top ↑", "The full record of this chapter"):
        assert screen_only in doc.get_text() and screen_only not in pdf_text


# --- What it says ---------------------------------------------------------------------------


def test_chinese_and_key_figures_are_text(pdf_text):
    # Phrases and figures read off the article: they must be selectable text, not pictures.
    for phrase in ("东西扶贫协作", "财政援助资金", "人次", "闽宁"):
        assert phrase in pdf_text, phrase
    for row in HAND_READ:
        if row.indicator in ("fiscal_aid_1996_2014", "fiscal_aid_20y", "labour_export_1996_2014"):
            assert row.figure in pdf_text, row.figure  # 118.2亿元, 132.7亿元, 664.3万人次


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    """The numbers the key findings must print, from the article's sentences."""
    article = ARTICLE_TEXT
    earlier = Decimal(_one(r"共向西部贫困地区投入财政援助资金([\d.]+)亿元", article))
    later = Decimal(_one(r"共提供财政援助([\d.]+)亿元", article))
    span = _one(r"(\d{4})年至(\d{4})年", article)
    years = int(span[1]) - int(span[0]) + 1
    assert f"{years}年来" in article  # part 2 counts 1996–2014 as 19 years, inclusively
    with open(ROOT / "data" / "external" / "official_totals.csv", encoding="utf-8") as f:
        plan = next(
            r for r in csv.DictReader(f)
            if r["series"] == "fiscal_aid"
            and (r["period_start"], r["period_end"]) == ("2011", "2015")
        )  # fmt: skip
    plan_yi = Decimal(plan["value"]) / Decimal(10**8)
    added = later - earlier
    export = Decimal(_one(r"输出劳务人员([\d.]+)万人次", article))
    income = Decimal(_one(r"万人次[,，]实现劳务收入([\d.]+)亿元", article))
    gx_workers = Decimal(_one(r"输出广西富余劳动力(\d+)万人", article))
    gx_income = Decimal(_one(r"万人[,，]实现劳务收入([\d.]+)亿元", article))
    with open(ROOT / "data" / "external" / "official_totals.csv", encoding="utf-8") as f:
        social = next(
            r for r in csv.DictReader(f)
            if r["series"] == "social_donations" and r["published"] == "2016-07-21"
        )  # fmt: skip
    social_yi = Decimal(social["value"]) / Decimal(10**8)
    return {
        "later": f"{later}亿元",
        "sum": f"{later + social_yi}亿元",  # Xinhua's fiscal and social aid: 160.3
        "added": f"{added}亿元",
        "before_2011": _r1((later - plan_yi) / 15) + "亿元",
        "2011_2014": _r1((plan_yi - added) / 4) + "亿元",
        "export": f"{export}万人次",
        "income": f"{income}亿元",
        "per_trip": f"{round(income * 10**8 / (export * 10**4), -2):,.0f} yuan per person-time",
        "gx_income": f"{gx_income}亿元",
        "gx_workers": f"{gx_workers}万人",
        "gx_share": f"{round(gx_income / income * 100)}%",  # one province, one year: 29%
        "period": f"{span[0]}–{int(span[1]) + 1}",
    }


def test_key_findings_open_page_two_with_the_article_s_numbers(pages, expected):
    page = _flat(pages[1])
    assert page.lstrip().startswith("Key findings"), page[:80]
    for key, number in expected.items():
        assert number in page, (key, number)
    # 亿元 is glossed in billions on its first use there, and nominal yuan is said.
    first = page.index(expected["before_2011"])
    assert "billion yuan" in page[first : first + 60]
    assert "nominal" in page
    assert page.count("(Section ") == 4  # each finding says where its evidence is


def test_title_and_running_head_give_the_period_the_analysis_concludes(pages, expected):
    assert expected["period"] in pages[0]
    assert all("1996–2016" not in page for page in pages)
    assert all(expected["period"] in page for page in pages[2:])  # the running head


def test_no_code_identifiers_or_paths_in_the_reader_s_text(pdf_text, html_text):
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", pdf_text), re.findall(
        r"\b[a-z]+_[a-z_]+\b", pdf_text
    )
    for fragment in (".csv", ".py", ".ipynb", "data/", "eastwest.", "`"):
        assert fragment not in pdf_text, fragment
    for snippet in ("import pandas", "show_table(", "from eastwest", "publish("):
        assert snippet not in pdf_text and snippet not in html_text


def test_hash_printed_once_and_never_hyphenated(pages):
    digest = (ROOT / "data" / "raw" / "article.txt.sha256").read_text().split()[0]
    joined = re.sub(r"\s+", "", "".join(pages))
    assert joined.count(digest) == 1
    assert not re.search(r"[0-9a-f]{8,}-[0-9a-f]{4,}", joined)


def test_colophon_takes_version_and_date_from_the_citation_file(pages):
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version = re.search(r'^version: "?([^"\n]+)"?$', cff, re.MULTILINE).group(1)
    year = re.search(r'^date-released: "?(\d{4})', cff, re.MULTILINE).group(1)
    back = _flat(pages[-2] + pages[-1])
    assert f"Version {version}" in back
    assert "Suggested citation" in back and year in back
    assert "MIT" in back


def test_glossary_explains_the_units(pages):
    back = _flat(pages[-2] + pages[-1])
    for term in ("亿", "万亿", "人次", "多", "余", "闽宁"):
        assert term in back, term


# --- The HTML: cited in order, linked to the evidence -------------------------------------------


def body_text(doc) -> str:
    """The text of <main> outside figure captions and the appendix: what the prose says."""
    main = doc.find("main")
    assert main is not None
    parts = []
    for element in [main, *main.find_all(True)]:
        skipped = [element, *element.parents]
        if any(e.name == "figcaption" or "appendix" in e.get("class", []) for e in skipped):
            continue
        parts += [c for c in element.contents if isinstance(c, str)]
    return " ".join(parts)


def test_every_figure_and_table_is_cited_in_order(doc):
    text = body_text(doc)
    labels = [words(span) for span in doc.find_all("span", class_="label")]
    for label in ("Figure", "Table"):
        numbers = sorted({int(m[1]) for m in map(re.compile(rf"{label} (\d+)\.").fullmatch,
                                                 labels) if m})  # fmt: skip
        # Every chapter has figures; its tables may all be in the reviewers' record.
        assert numbers == list(range(1, len(numbers) + 1)) and (numbers or label == "Table")
        firsts = []
        for n in numbers:
            cited = re.search(rf"\b{label} {n}\b", text)
            assert cited, f"{label} {n} is never cited in the text"
            firsts.append(cited.start())
        assert firsts == sorted(firsts), f"{label}s are first cited out of order"


def test_article_figures_in_the_text_link_to_their_appendix_row(doc):
    main = doc.find("main")
    figure_links = [a.get("href") for a in main.find_all("a", class_="fig-ref")]
    assert figure_links, "no figure from the article is linked"
    rows = {tr.get("id") for tr in doc.find_all("tr") if (tr.get("id") or "").startswith("a-")}
    for href in figure_links:
        assert href.lstrip("#") in rows, href


def test_appendix_has_one_row_per_figure_with_its_quote(doc):
    with open(ROOT / "data" / "processed" / "indicators.csv", encoding="utf-8") as f:
        indicators = {r["indicator"] for r in csv.DictReader(f)}
    rows = [tr for tr in doc.find_all("tr") if (tr.get("id") or "").startswith("a-")]
    assert len(rows) == len(indicators)
    for row in rows:
        quote = row.find_all(recursive=False)[-1].get_text()
        assert quote in ARTICLE_TEXT, quote


def test_quotes_are_curly_in_the_text(doc):
    text = body_text(doc)
    assert "'" not in text and '"' not in text
    tables = " ".join(words(td) for td in doc.find_all("td"))
    assert "’" in tables and not re.search(r"['\"]", tables), "straight quotes in a table"


# Table A.2's figures as the sources print them, copied from their sentences: People's Daily
# 2008 ("无偿捐资55.2亿元", "实施企业合作项目7.2万个，实际投资1020.1亿元", ...), Guangming Daily
# 2015, Xinhua 2016 ("132.7億元 ... 27.6億元 ... 1.5萬億元", in traditional characters) and
# Guangming Daily 2016 ("提供援助资金160多亿元", "东部249个 ... 354个贫困县").
PUBLISHED = [
    "55.2亿元", "1020.1亿元", "7.2万个", "199.8万人次", "159.5亿元", "41.9万人次", "2901项",
    "4751所", "118.2亿元", "132.7亿元", "27.6亿元", "1.5万亿元", "160多亿元", "1.5万亿元",
    "60.7亿元", "3.8亿元", "1.2万亿元", "1834人次", "6661人次", "77.8万人次", "240.3万人次",
    "249个", "354个",
]  # fmt: skip


def test_figures_from_elsewhere_are_shown_as_published(doc):
    table = doc.find("figure", id="tab-official-totals")
    assert table is not None
    header = [words(th) for th in table.find_all("th")]
    column = header.index("As published")
    rows = table.find_all("tr")
    cells = [words(tr.find_all(recursive=False)[column]) for tr in rows if tr.find_all("td")]
    assert cells == PUBLISHED
    periods = [words(tr.find_all(recursive=False)[header.index("Period")]) for tr in rows][1:]
    assert periods.count("1996–2015 (inferred)") == 3  # Xinhua's three "20 years" figures


def test_no_figure_breaks_from_its_unit(doc):
    kept = {words(span) for span in doc.find_all("span", class_="nobr")}
    # A figure with a unit (132.7亿元, 3,000–5,000 yuan); a bare count (260) cannot split.
    linked = {words(a) for a in doc.find("main").find_all("a", class_="fig-ref")}
    linked = {w for w in linked if re.search(r"[^\d,.+≈–\s]", w)}
    rows = [tr for tr in doc.find_all("tr") if (tr.get("id") or "").startswith("a-")]
    as_written = {words(tr.find_all(recursive=False)[1]) for tr in rows}  # 132.7亿元, 3000至5000元
    assert linked and as_written and linked | as_written <= kept, (linked | as_written) - kept


def test_the_report_s_links_and_ids_resolve(doc):
    ids = [e.get("id") for e in doc.find_all(True) if e.get("id")]
    assert len(ids) == len(set(ids)), "an id is defined twice"
    assert set(references(doc)) <= set(ids)
    notebook_links = {a.get("href") for a in doc.find_all("a")} & {
        f"notebooks/{p.stem}.html" for p in NOTEBOOKS
    }
    assert len(notebook_links) == len(NOTEBOOKS), "each chapter links to its notebook's page"


# --- Every page: offline, labelled, its fonts embedded -------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in PAGES])
def test_page_is_offline_and_labelled(page_texts, name):
    text = page_texts[name]
    assert html_audit.audit_html(text) == []  # the audit the build runs before it writes
    page = parse_html(text)
    assert (page.find("html").get("lang") or "").startswith("en")
    if name == "report.html":
        assert not page.find_all("script")
    assert not [s for s in page.find_all("script") if s.get("src")], "no script is fetched"
    remote = [
        value
        for e in page.find_all(True)
        for key, value in e.attrs.items()
        if (key == "src" or (key == "href" and e.name == "link"))
        and re.match(r"(https?:)?//", value)
    ]
    assert remote == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), "no CSS fetches from the network"
    assert all(img.get("alt", "").strip() for img in page.find_all("img"))
    assert all(svg.get("aria-label") or svg.get("aria-hidden") for svg in page.find_all("svg"))


def _quoted_families(css: str) -> set[str]:
    stacks = re.findall(r"font-family:\s*([^;}]+)|\bfont:[^;}\"]*((?:\"[^\"]+\"[,\s]*)+)", css)
    return {name for stack in stacks for name in re.findall(r'"([^"]+)"', "".join(stack))}


@pytest.mark.parametrize("name", [p.name for p in PAGES])
def test_page_embeds_every_font_it_names(page_texts, name):
    """Each family a page's styles ask for by name is embedded in the page itself, as a subset."""
    css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", page_texts[name], re.DOTALL))
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    embedded = {re.search(r'font-family:\s*"([^"]+)"', face)[1] for face in faces}
    assert all("data:font/woff2;base64," in face for face in faces)
    # Subsets of the characters used: the whole CJK font would be megabytes.
    assert all(len(face) < 200_000 for face in faces), [len(face) for face in faces]
    wanted = _quoted_families(re.sub(r"@font-face\s*{[^}]*}", "", css))
    # JupyterLab's own stylesheet names its fonts through variables that ours override.
    wanted -= {family for family in wanted if family.startswith("var(")}
    assert wanted, "no font family found: the test reads the wrong thing"
    assert wanted <= embedded, f"{name} names fonts it does not embed: {wanted - embedded}"
    assert "EastWest CJK" in embedded
