"""The reader's report, the reviewers' pages and the PDF, built from small fake notebooks."""

import io
import re

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from eastwest import html_audit, inline_svg, report, screen_nav, webfonts
from eastwest.tables import format_number, html_table, output_metadata

SECRET_CODE = "hidden_total = 118.2 * 1e8  # must never reach report.html"
PNG_1PX = (  # one white pixel
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
    "2mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SVG = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="360pt" height="180pt" viewBox="0 0 360 180">
 <metadata><title>matplotlib</title></metadata>
 <defs><style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
  <clipPath id="clip1"><rect x="30" y="10" width="320" height="150"/></clipPath>
  <path id="tick" d="M 0 0 L 0 4" stroke="#000"/></defs>
 <g id="axes_1" clip-path="url(#clip1)">
  <rect id="patch_1" x="40" y="60" width="80" height="100" fill="#8c2f1b"/>
  <rect id="patch_2" x="160" y="30" width="80" height="130" fill="#1f4e79"/>
 </g>
 <path d="M 30 160 L 350 160" stroke="#000"/>
 <use xlink:href="#tick" x="80" y="160"/>
</svg>
"""
INDICATORS = pd.DataFrame(
    {
        "indicator": ["fiscal_aid_20y", "rural_roads_20y", "clinics_20y"],
        "name_en": ["Fiscal aid over 20 years", "Rural roads built", "Township clinics built"],
        "name_zh": ["财政援助(20年累计)", "帮助修建农村公路", "援建卫生院(所)"],
        "value": [13270000000, 21500, 1690],
        "unit": ["yuan", "km", "clinics"],
        "qualifier": ["", "", ""],
        "figure": ["132.7亿元", "2.15万公里", "1690个"],
        "quote": [
            "东部省市向西部10个省区市共提供财政援助132.7亿元",
            "帮助修建农村公路2.15万公里",
            "援建卫生院(所)1690个",
        ],
        "period_start": [1996, 1996, 1996],
        "period_end": ["", "", ""],
        "part": [1, 1, 1],
    }
)
SOURCES = pd.DataFrame(
    {
        "source": ["article", "part1", "part2"],
        "title": ["东西扶贫协作战略意义", "Part 1 (篇一)", "Part 2 (篇二)"],
        "publisher": [
            "出国留学网 (compilation site)",
            "Xinhua (新华社)",
            "Guangming Daily (光明日报)",
        ],
        "published": ["", "2016-07-21", "2015-11-28"],
        "author": ["", "马俊; 何晨阳", "李慧"],
        "url": ["", "http://example.org/xinhua", "http://example.org/gmw"],
        "licence": ["", "", ""],
        "note": ["the analysed text", "", ""],
    }
)
TOTALS = pd.DataFrame(
    {
        "series": ["fiscal_aid"],
        "term_zh": ["财政援助资金"],
        "value": [11820000000],
        "unit": ["yuan"],
        "period_start": [1996],
        "period_end": [2014],
        "published": ["2015-11-28"],
        "publisher": ["Guangming Daily (光明日报)"],
        "reporter": ["李慧"],
        "url": ["http://example.org/gmw"],
        "note": ["same figures as part 2"],
    }
)
SHA = "05bbd9e2808c755834e9c3d553e333bd1607bd31f48cc1aac9460b992886fd50"


def _display(data: dict, kind: str, name: str = "", caption: str = "", alt: str = ""):
    return new_output("display_data", data=data, metadata=output_metadata(kind, name, caption, alt))


def _notebook_funding() -> nbformat.NotebookNode:
    table = pd.DataFrame(
        {"Part (篇)": ["篇一", "篇二"], "Fiscal aid (yuan)": [13270000000, 11820000000]}
    )
    code = new_code_cell(SECRET_CODE, execution_count=1)
    code.outputs = [
        new_output("stream", name="stdout", text="debug print, not for readers\n"),
        _display(
            {"image/png": PNG_1PX, "text/plain": "<Figure>"},
            "figure",
            "fiscal_aid",
            "Fiscal aid, 1996–2014 and 1996–2015 (财政援助).",
            "Bar chart: fiscal aid rose from 11.8 to 13.3 billion yuan.",
        ),
        _display(
            {"text/html": html_table(table), "text/plain": table.to_string()},
            "table",
            "fiscal_aid",
            "Fiscal aid in the two parts of the article.",
        ),
        _display(
            {"text/markdown": "Part 1 gives **13,270,000,000 yuan** (132.7亿元) of fiscal aid."},
            "text",
        ),
        _display({"text/markdown": "Fiscal aid reached 132.7亿元 (东西扶贫协作)."}, "summary"),
    ]
    return new_notebook(
        cells=[
            new_markdown_cell(
                "# Funding and aid 资金援助\n\nThe article reports 东西扶贫协作 funding."
            ),
            new_markdown_cell("Draft notes: SKIPPED_NOTE", metadata={"tags": ["report-skip"]}),
            new_markdown_cell("## Fiscal aid 财政援助\n\n### Over twenty years\n\nText."),
            code,
            new_markdown_cell(
                "## A second subsection\n\nMore text with a [citation](https://example.org/a)."
            ),
        ]
    )


def _notebook_labour() -> nbformat.NotebookNode:
    code = new_code_cell("print('labour')", execution_count=1)
    code.outputs = [
        _display(
            {"image/png": PNG_1PX, "text/plain": "<Figure>"},
            "figure",
            "no_svg_for_this",
            "A chart kept as PNG.",
            "Bar chart of labour export.",
        )
    ]
    return new_notebook(
        cells=[new_markdown_cell("# 2. Labour 劳务协作\n\n劳务输出 moved workers east."), code]
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    executed = root / "executed"
    figures = root / "figures"
    executed.mkdir()
    figures.mkdir()
    nbformat.write(_notebook_funding(), executed / "01_funding.ipynb")
    nbformat.write(_notebook_labour(), executed / "02_labour.ipynb")
    (executed / "notes.ipynb").write_text("not a numbered notebook")
    (figures / "fiscal_aid.svg").write_text(SVG, encoding="utf-8")
    INDICATORS.to_csv(root / "indicators.csv", index=False)
    SOURCES.to_csv(root / "sources.csv", index=False)
    TOTALS.to_csv(root / "official_totals.csv", index=False)
    (root / "article.txt.sha256").write_text(f"{SHA}  article.txt\n")
    inputs = report.Inputs(
        figures=figures,
        indicators=root / "indicators.csv",
        sources=root / "sources.csv",
        official_totals=root / "official_totals.csv",
        article_sha256=root / "article.txt.sha256",
        markdown_images=root,
    )
    return root, report.executed_notebooks(executed), inputs


@pytest.fixture(scope="module")
def html(project):
    """The report without its embedded font subset, which takes seconds (tested on its own)."""
    _, notebooks, inputs = project
    return report.assemble(notebooks, inputs, embed_font=False)


@pytest.fixture(scope="module")
def pdf_bytes(html):
    from eastwest.pdf import render_pdf

    return render_pdf(html)


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def _loads(page: str) -> list[str]:
    """URLs a page would fetch: src/srcset, href of <link>, <image> and <use>, CSS url()."""
    loads = re.findall(r"""\s(?:src|srcset|poster)\s*=\s*["']?([^"'\s>]+)""", page)
    loads += re.findall(r"""<(?:link|image|use)\b[^>]*\bhref\s*=\s*["']([^"']+)""", page)
    loads += re.findall(r"""url\(\s*["']?([^"')]+)""", page)
    return [u for u in loads if not u.startswith(("data:", "#"))]


def test_notebooks_are_taken_in_order_and_only_numbered(project):
    _, notebooks, _ = project
    assert [p.name for p in notebooks] == ["01_funding.ipynb", "02_labour.ipynb"]


def test_report_html_is_offline_and_scriptless(html):
    assert "<script" not in html.lower()
    assert _loads(html) == []
    assert html_audit.audit_html(html) == []
    # citations stay as plain links: they are followed, never loaded
    assert 'href="https://example.org/a"' in html


def test_report_html_has_no_code_and_no_unmarked_output(html):
    assert SECRET_CODE not in html
    assert "hidden_total" not in html
    assert "debug print" not in html
    assert "SKIPPED_NOTE" not in html


def test_report_html_language_title_and_chinese_spans(html):
    assert re.search(r'<html lang="en"', html)
    assert (
        "<title>East–West poverty-alleviation cooperation, 1996–2015 / 东西扶贫协作</title>" in html
    )
    assert '<span lang="zh-Hans">东西扶贫协作</span>' in html
    assert re.search(r'<meta name="author" content="[^"]+">', html)
    assert re.search(r'<meta name="description" content="[^"]+">', html)


def test_title_page_takes_publishers_from_sources(html):
    subtitle = re.search(r'<p class="subtitle">(.*?)</p>', html, re.DOTALL).group(1)
    text = re.sub(r"<[^>]+>", "", subtitle)
    assert "Xinhua (新华社) on 21 July 2016 (part 1)" in text
    assert "Guangming Daily (光明日报) on 28 November 2015 (part 2)" in text


def test_every_image_has_alt_text(html):
    for tag in re.findall(r"<img\b[^>]*>", html):
        assert re.search(r'\salt="[^"]+"', tag), tag
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert svgs, "the figure with an SVG file is inlined as SVG"
    for tag in svgs:
        assert 'role="img"' in tag and re.search(r'aria-label="[^"]+"', tag)
    assert "<title>Bar chart: fiscal aid rose from 11.8 to 13.3 billion yuan.</title>" in html


def test_inline_svg_ids_are_prefixed(html):
    assert 'id="clip1"' not in html
    assert re.search(r'clip-path="url\(#fig-fiscal-aid-clip1\)"', html)
    assert re.search(r'<use [^>]*href="#fig-fiscal-aid-tick"', html)
    assert "stroke-linejoin" not in re.findall(r"<style>.*?</style>", html, re.DOTALL)[0]


def test_inline_svg_ignores_the_global_namespace_registry():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # no libharfbuzz-subset here
        import weasyprint.pdf.metadata  # noqa: F401  (it registers "" as a prefix on import)

    svg = inline_svg.inline_svg(SVG, "A chart", "p-")
    assert svg.startswith("<svg ")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg.split(">", 1)[0]
    assert "ns0:" not in svg and "xlink" not in svg


def test_sections_figures_and_tables_are_numbered(html):
    assert re.search(r'<h1 id="sec-1"><span class="secnum">1</span> Funding and aid', html)
    assert re.search(r'<h2 id="sec-1-1"><span class="secnum">1.1</span> Fiscal aid', html)
    assert re.search(r'<h3 id="sec-1-1-1"><span class="secnum">1.1.1</span> Over', html)
    assert re.search(r'<h2 id="sec-1-2"><span class="secnum">1.2</span> A second', html)
    # a manual "2." in the heading is not doubled
    assert re.search(r'<h1 id="sec-2"><span class="secnum">2</span> Labour', html)
    assert '<span class="label">Figure 1.</span>' in html
    assert '<span class="label">Figure 2.</span>' in html
    assert '<span class="label">Table 1.</span>' in html
    assert '<span class="label">Table A.1.</span>' in html
    assert html.index("Figure 1.") < html.index("Figure 2.")


def test_contents_link_every_section(html):
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.DOTALL).group(0)
    for ident in ("sec-1", "sec-1-1", "sec-1-2", "sec-2", "app-a", "app-b"):
        assert f'href="#{ident}"' in toc
        assert f'id="{ident}"' in html


def test_summary_is_collected_before_contents(html):
    summary = html.index('id="key-findings"')
    assert summary < html.index('id="contents"')
    assert html.count("Fiscal aid reached") == 1


def test_tables_read_well(html):
    assert "13,270,000,000" in html
    assert "11,820,000,000" in html
    assert ">1996–2014<" in html  # periods are years, not quantities
    assert "132.7亿元" in _text(html)  # the quote stays verbatim
    assert SHA in html


def test_appendix_lists_sources_and_references(html):
    text = _text(html)
    assert "Xinhua (新华社)" in text
    assert '<li value="1">Guangming Daily' in html
    assert "Xinhua (新华社) on 21 July 2016 (part 1)" in text


def test_builds_are_identical(project, html):
    _, notebooks, inputs = project
    assert report.assemble(notebooks, inputs, embed_font=False) == html


@pytest.mark.slow
def test_embedded_font_is_a_small_deterministic_subset(project):
    _, notebooks, inputs = project
    page = report.assemble(notebooks, inputs)
    face = re.search(r'@font-face \{ font-family: "EastWest CJK".*?\}', page, re.DOTALL).group(0)
    assert "data:font/woff2;base64," in face
    assert len(face) < 200_000
    assert html_audit.audit_html(page) == []
    assert webfonts.embedded_font_css("东西扶贫协作") == webfonts.embedded_font_css("协作扶贫东西")


def test_missing_alt_and_remote_images_are_refused():
    assert html_audit.audit_html('<img src="data:image/png;base64,AA">')
    assert html_audit.audit_html('<img src="https://example.org/x.png" alt="x">')
    assert html_audit.audit_html('<link rel="stylesheet" href="https://cdn.example.org/a.css">')
    assert html_audit.audit_html("<style>@font-face { src: url(https://x.org/f.woff) }</style>")
    assert html_audit.audit_html("<script>alert(1)</script>")
    assert html_audit.audit_html('<a href="https://example.org">a citation</a>') == []


def test_mark_chinese_leaves_markup_alone():
    marked = webfonts.mark_chinese(
        '<p title="中文">东西<b>扶贫</b> and <svg><text>协作</text></svg></p>'
    )
    assert marked == (
        '<p title="中文"><span lang="zh-Hans">东西</span><b><span lang="zh-Hans">扶贫</span></b>'
        " and <svg><text>协作</text></svg></p>"
    )


def test_notebook_pages_keep_code_and_load_nothing(project):
    _, notebooks, inputs = project
    page = report.with_font(report.notebook_html(notebooks[0], inputs), "")
    assert SECRET_CODE.split("#")[0].strip().split("=")[0].strip() in page
    assert "<script" not in page.lower()
    assert _loads(page) == []
    assert html_audit.audit_html(page) == []
    assert 'alt="Bar chart: fiscal aid rose' in page


def _pdf(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def _fonts(reader) -> list[dict]:
    fonts = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                fonts.append(descendant.get_object())
    return fonts


@pytest.mark.slow
def test_pdf_embeds_every_font_and_a_cjk_one(pdf_bytes):
    fonts = _fonts(_pdf(pdf_bytes))
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
        assert re.match(r"/[A-Z0-9]+\+", font["/BaseFont"]), "subset fonts carry a tag"
    names = [str(f["/BaseFont"]) for f in fonts]
    assert any("CJK" in n or "EastWest" in n for n in names), names


@pytest.mark.slow
def test_pdf_text_outline_and_pages(pdf_bytes):
    reader = _pdf(pdf_bytes)
    text = "".join(page.extract_text() for page in reader.pages)
    for phrase in ("东西扶贫协作", "财政援助", "劳务协作", "Funding and aid"):
        assert phrase in text
    assert SECRET_CODE not in text
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    assert any("Funding and aid" in t for t in titles)
    assert any("Fiscal aid" in t and t.startswith("1.1") for t in titles)
    assert any("Glossary and colophon" in t for t in titles)
    assert 5 <= len(reader.pages) <= 20
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1
    info = reader.metadata
    assert info.title.startswith("East–West poverty-alleviation cooperation")
    assert info.author and info.subject
    assert "/CreationDate" not in info and "/ModDate" not in info
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"


@pytest.mark.slow
def test_pdf_contents_have_page_numbers(pdf_bytes):
    reader = _pdf(pdf_bytes)
    contents_page = next(p for p in reader.pages if "Contents" in p.extract_text())
    lines = contents_page.extract_text().splitlines()
    numbered = [line for line in lines if re.search(r"Funding and aid.*\s([1-9]\d*)$", line)]
    assert numbered, lines


@pytest.mark.slow
def test_pdf_is_byte_identical_across_renders(html, pdf_bytes):
    from eastwest.pdf import render_pdf

    assert render_pdf(html) == pdf_bytes


def test_figure_without_svg_falls_back_to_png(html):
    assert re.search(
        r'<img src="data:image/png;base64,[^"]+" alt="Bar chart of labour export\.">', html
    )


def test_notebook_pages_are_identical_across_builds(project):
    _, notebooks, inputs = project
    assert report.notebook_html(notebooks[1], inputs) == report.notebook_html(notebooks[1], inputs)


def test_unknown_output_kind_and_remote_markdown_image_are_refused(tmp_path, project):
    _, _, inputs = project
    bad_kind = new_code_cell("x")
    bad_kind.outputs = [
        new_output("display_data", data={"text/plain": "x"}, metadata={"eastwest": {"kind": "x"}})
    ]
    remote = new_markdown_cell("# T\n\n![chart](https://example.org/chart.png)")
    for i, cell in enumerate((bad_kind, remote)):
        path = tmp_path / f"0{i}_bad.ipynb"
        nbformat.write(new_notebook(cells=[cell]), path)
        with pytest.raises(ValueError):
            report.assemble([path], inputs, embed_font=False)


def test_show_table_and_say_attach_the_report_metadata(monkeypatch):
    from eastwest import tables

    shown = []
    monkeypatch.setattr(
        tables, "_display", lambda bundle, metadata: shown.append((bundle, metadata))
    )
    frame = pd.DataFrame({"Region 地区": ["广西"], "Workers (persons)": [350000], "Year": [2015]})
    tables.show_table(frame, "Workers placed", "workers")
    tables.say("Guangxi placed **350,000** workers.")
    tables.say("One line for the summary.", kind="summary")
    (table, table_meta), (text, text_meta), (_, summary_meta) = shown
    assert table_meta == {
        "eastwest": {
            "kind": "table",
            "name": "workers",
            "caption": "Workers placed",
            "alt": "Workers placed",
        }
    }
    assert '<td class="num">350,000</td>' in table["text/html"]
    assert '<td class="num">2015</td>' in table["text/html"]  # a year keeps its digits
    assert text == {
        "text/markdown": "Guangxi placed **350,000** workers.",
        "text/plain": "Guangxi placed **350,000** workers.",
    }
    assert text_meta["eastwest"]["kind"] == "text"
    assert summary_meta["eastwest"]["kind"] == "summary"
    with pytest.raises(ValueError):
        tables.say("x", kind="figure")


def test_html_table_reads_well():
    frame = pd.DataFrame(
        {
            "Series": ["fiscal aid <b>", "projects"],
            "Term 术语": ["财政援助资金", "实施合作项目"],
            "Value": [11820000000.0, 80000.5],
            "Mixed": [118.2, "–"],
            "Missing": [None, 3],
        }
    )
    table = html_table(frame)
    assert "fiscal aid &lt;b&gt;" in table
    assert ">11,820,000,000<" in table and ">80,000.5<" in table
    assert '<td class="num">118.2</td>' in table and '<td class="num">–</td>' in table
    left = 'style="text-align: left"'
    assert f'<th scope="col" class="text cjk" {left}>Term 术语</th>' in table
    assert f'<td class="text" {left}>fiscal aid &lt;b&gt;</td>' in table
    assert format_number(-1234.5) == "−1,234.5"  # a true minus sign
    assert format_number(2.0) == "2"


def test_numbers_align_right_and_text_left_wherever_shown():
    frame = pd.DataFrame(
        {
            "Indicator": ["wage, low end", "wage, high end", "aid"],
            "Value": ["3,000 (low end)", "5,000 (high end)", "40,000+"],
            "Note": ["3000至5000元", "3000至5000元", "more than 4 in 10"],
        }
    )
    cells = re.findall(r"<t[dh][\s>][^>]*>?", html_table(frame))
    columns = [cells[i::3] for i in range(3)]
    # Text columns carry their alignment inline: JupyterLab right-aligns every output cell.
    for column in (columns[0], columns[2]):
        assert all('class="text' in c and "text-align: left" in c for c in column), column
    assert all('class="num"' in c and "style" not in c for c in columns[1]), columns[1]


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page))


def _fragment_links(page: str) -> list[str]:
    return re.findall(r'href="#([^"]*)"', page)


def test_report_on_screen_links_back_to_contents_and_to_the_notebook_pages(html):
    page = screen_nav.screen_navigation(html)
    assert html_audit.audit_html(page) == []
    ids = _ids(page)
    assert set(_fragment_links(page)) <= ids
    assert re.search(r'class="page-nav[^"]*".*href="#contents".*href="#title"', page)
    # Each chapter opens with a link to its notebook's page, right after its title.
    for name in ("01_funding", "02_labour"):
        assert page.count(f'href="notebooks/{name}.html"') == 1, name
        opening = f'data-notebook="{name}">\n<h1 [^\n]*</h1>\n<p class="record-link'
        assert re.search(opening, page), name


def test_charts_open_full_size_and_tables_scroll_in_labelled_frames(html):
    page = screen_nav.screen_navigation(html)
    figures = re.findall(r'<figure class="chart" id="([^"]+)">', page)
    assert len(figures) == 2
    for ident in figures:
        assert f'<span class="chart-anchor" id="{ident}-full"></span><div class="chart-frame">' in (
            page
        )
        assert page.count(f'href="#{ident}-full"') == 2  # the chart itself, and its caption
        assert f'class="chart-close screen-only" href="#{ident}"' in page
    frames = re.findall(r'<div class="table-wrap"[^>]*>', page)
    labels = re.findall(r'<figure class="table[^"]*" id="[^"]+">\n<figcaption><span class="label">'
                        r"(Table [^<]+?)\.</span>", page)  # fmt: skip
    assert len(frames) == len(labels) >= 2
    for frame, label in zip(frames, labels, strict=True):
        assert f'tabindex="0" role="region" aria-label="{label}, scrolls sideways"' in frame


def test_the_pdf_copy_has_no_screen_navigation(project):
    _, notebooks, inputs = project
    printed = report.printed_html(notebooks, inputs)
    for screen_only in ('class="page-nav', 'class="chart-anchor', 'class="record-link'):
        assert screen_only not in printed
    assert 'id="eastwest-screen"' not in printed


def test_notebook_page_has_contents_and_links_to_report_and_other_pages(project):
    _, notebooks, inputs = project
    page = screen_nav.notebook_navigation(
        report.notebook_html(notebooks[0], inputs),
        "01_funding",
        ["01_funding", "02_labour"],
        report="../report.html",
    )
    assert html_audit.audit_html(page) == []
    assert '<a href="../report.html">' in page and 'href="../report.html#contents"' in page
    assert '<a href="01_funding.html" aria-current="page">1 Funding</a>' in page
    assert '<a href="02_labour.html">2 Labour</a>' in page
    contents = re.search(r'<nav class="nb-toc".*?</nav>', page, re.DOTALL).group(0)
    titles = re.findall(r'<a href="#[^"]+">([^<]+)</a>', contents)
    assert titles == ["Funding and aid 资金援助", "Fiscal aid 财政援助", "A second subsection"]
    assert set(_fragment_links(page)) <= _ids(page)
