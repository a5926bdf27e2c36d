"""The reader's report and the reviewers' pages, built from two small fake notebooks.

The pages are read with BeautifulSoup (conftest.parse_html): what a reader or a browser gets
from them (text, numbering, links that resolve, alternative text), not the markup that gives it.
The committed report itself, HTML and PDF (the PDF's copy of the HTML, without screen navigation
and with the charts as PNG, included), is checked in test_published.py; that a build gives the
same bytes every time, by the clean rebuild in tests/build/test_reproduction.py.
"""

import base64
import re

import nbformat
import pandas as pd
import pytest
from conftest import parse_html, references
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from eastwest.analysis.tables import html_table, output_metadata
from eastwest.publish import (
    appendix,
    assemble,
    document,
    house_style,
    html_audit,
    inline_svg,
    pages,
    screen_nav,
    template,
    webfonts,
)
from eastwest.publish.document import Inputs

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
        "name_en": ["Fiscal aid over 20 years", "Rural roads built", "Township clinics' count"],
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
        "title": ["东西扶贫协作战略意义", "Part 1 (篇一)", "测试标题 (A test headline)"],
        "publisher": [
            "出国留学网 (compilation site)",
            "Xinhua (新华社)",
            "Guangming Daily (光明日报)",
        ],
        "published": ["", "2016-07-21", "2015-11-28"],
        "author": ["", "马俊; 何晨阳", "李慧"],
        "url": ["", "http://example.org/xinhua", "http://example.org/gmw"],
        "access": ["No address was recorded with the copy.", "", "A reprint."],
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
FIGURE_ALT = "Bar chart: fiscal aid rose from 11.8 to 13.3 billion yuan."
PNG_ALT = "Bar chart of labour export."


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
            FIGURE_ALT,
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
            "A chart kept as PNG",  # the house style ends it with a full stop
            PNG_ALT,
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
    (figures / "fiscal_aid.png").write_bytes(base64.b64decode(PNG_1PX))
    INDICATORS.to_csv(root / "indicators.csv", index=False)
    SOURCES.to_csv(root / "sources.csv", index=False)
    TOTALS.to_csv(root / "official_totals.csv", index=False)
    (root / "article.txt.sha256").write_text(f"{SHA}  article.txt\n")
    inputs = Inputs(
        figures=figures,
        indicators=root / "indicators.csv",
        sources=root / "sources.csv",
        official_totals=root / "official_totals.csv",
        article_sha256=root / "article.txt.sha256",
        markdown_images=root,
    )
    return root, sorted(executed.glob("[0-9][0-9]_*.ipynb")), inputs


@pytest.fixture(scope="module")
def html(project):
    """The report without its embedded font subset, which takes seconds (see test_published)."""
    _, notebooks, inputs = project
    return assemble.assemble(notebooks, inputs, embed_font=False)


@pytest.fixture(scope="module")
def doc(html):
    return parse_html(html)


@pytest.fixture(scope="module")
def screen(html):
    return screen_nav.screen_navigation(html)


def words(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def loads(page) -> list[str]:
    """What a page would fetch: src, srcset, poster, the href of <link>, <image> and <use>,
    and url() in its styles, other than data: URLs and its own fragments."""
    found = []
    for element in [page, *page.find_all(True)]:
        for name, value in element.attrs.items():
            value = value if isinstance(value, str) else " ".join(value)  # class is a list
            if name in ("src", "srcset", "poster") or (
                name in ("href", "xlink:href") and element.name in ("link", "image", "use")
            ):
                found.append(value)
            found += re.findall(r"""url\(\s*["']?([^"')]+)""", value)
        if element.name == "style":
            found += re.findall(r"""url\(\s*["']?([^"')]+)""", element.get_text())
    # The other edition is named (rel="alternate"), not fetched.
    alternate = {
        link.get("href") for link in page.find_all("link") if link.get("rel") == ["alternate"]
    }
    return [url for url in found if not url.startswith(("data:", "#")) and url not in alternate]


def in_chinese(element) -> bool:
    return any((e.get("lang") or "").startswith("zh") for e in [element, *element.parents])


# --- The reader's report ----------------------------------------------------------------------


def test_notebooks_are_taken_in_order_and_only_numbered(project):
    _, notebooks, _ = project
    assert [p.name for p in notebooks] == ["01_funding.ipynb", "02_labour.ipynb"]


def test_report_html_is_offline_and_scriptless(html, doc):
    assert not doc.find_all("script")
    assert loads(doc) == []
    assert html_audit.audit_html(html) == []
    # Citations stay as plain links: they are followed, never loaded.
    assert "https://example.org/a" in [a.get("href") for a in doc.find_all("a")]


def test_report_html_has_no_code_and_no_unmarked_output(html):
    for hidden in (SECRET_CODE, "hidden_total", "debug print", "SKIPPED_NOTE"):
        assert hidden not in html


def test_report_html_language_title_and_chinese_spans(doc):
    assert doc.find("html").get("lang") == "en"
    title = doc.find("title").get_text()
    assert title.startswith("East–West poverty-alleviation cooperation, 1996–2015")
    assert "东西扶贫协作" in title
    meta = {m.get("name"): m.get("content") for m in doc.find_all("meta") if m.get("name")}
    assert meta["author"] and meta["description"]
    # Every run of Chinese in the body is marked as Chinese, for line breaking and fonts.
    body = doc.find("body")
    assert body is not None
    chinese = [
        (text, parent)
        for parent in [body, *body.find_all(True)]
        for text in parent.contents
        if isinstance(text, str) and re.search(r"[\u4e00-\u9fff]", text)
    ]
    assert chinese
    assert all(in_chinese(parent) for _, parent in chinese if parent.name not in ("svg", "title"))


def test_title_page_takes_publishers_from_sources(doc):
    subtitle = words(doc.find("p", class_="subtitle"))
    assert "part 1, Xinhua’s (新华社) report of 21 July 2016" in subtitle
    assert "part 2, Guangming Daily’s (光明日报) report of 28 November 2015" in subtitle


def test_every_image_has_alt_text(doc):
    assert all(img.get("alt", "").strip() for img in doc.find_all("img"))
    svgs = doc.find_all("svg")
    assert svgs, "the figure with an SVG file is inlined as SVG"
    for svg in svgs:
        assert svg.get("role") == "img" and svg.get("aria-label")
    # The SVG's title, which screen readers and tooltips use, is the figure's alt text.
    assert [t.get_text() for svg in svgs for t in svg.find_all("title")] == [FIGURE_ALT]


def test_figure_without_svg_falls_back_to_png(doc):
    (img,) = doc.find_all("img", alt=PNG_ALT)
    assert img.get("src").startswith("data:image/png;base64,")


def test_inline_svg_ids_are_unique_and_every_reference_resolves(html, doc):
    ids = [e.get("id") for e in doc.find_all(True) if e.get("id")]
    assert len(ids) == len(set(ids))
    assert set(references(doc)) <= set(ids)
    # The chart's own ids are renamed, so that another chart's "clip1" could not collide.
    assert "clip1" not in ids and "tick" not in ids
    (svg,) = doc.find_all("svg")
    assert any(ref in {e.get("id") for e in [svg, *svg.find_all(True)]} for ref in references(svg))
    # matplotlib's global style rule is scoped to the chart, never left to style the page.
    assert not [s for s in doc.find_all("style") if "stroke-linejoin" in s.get_text()]
    assert svg.get("stroke-linejoin") == "round"


def test_inline_svg_ignores_the_global_namespace_registry():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # no libharfbuzz-subset here
        import weasyprint.pdf.metadata  # noqa: F401  (it registers "" as a prefix on import)

    svg = inline_svg.inline_svg(SVG, "A chart", "p-")
    assert svg.startswith("<svg ")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg.split(">", 1)[0]
    assert "ns0:" not in svg and "xlink" not in svg


def test_sections_figures_and_tables_are_numbered(doc):
    main = doc.find("main")
    assert main is not None
    headings = [words(h) for h in main.find_all(["h1", "h2", "h3"])]
    chapters = headings[: headings.index("A Appendix")] if "A Appendix" in headings else headings
    assert chapters[:5] == [
        "1 Funding and aid 资金援助",
        "1.1 Fiscal aid 财政援助",
        "1.1.1 Over twenty years",
        "1.2 A second subsection",
        "2 Labour 劳务协作",  # the notebook's own "2." is not doubled
    ]
    labels = [words(label) for label in doc.find_all("span", class_="label")]
    assert [label for label in labels if label.startswith("Figure")] == ["Figure 1.", "Figure 2."]
    assert [label for label in labels if label.startswith("Table")] == [
        "Table 1.",
        "Table A.1.",
        "Table A.2.",
    ]


def test_contents_link_every_section_and_appendix(doc):
    toc = doc.find("nav", class_="toc")
    assert toc is not None
    linked = [a.get("href").lstrip("#") for a in toc.find_all("a")]
    ids = {e["id"]: e for e in doc.find_all(id=True)}
    assert set(linked) <= set(ids)
    numbered = [
        h for h in doc.find("main").find_all(["h1", "h2"]) if h.find_all("span", class_="secnum")
    ]
    assert len(numbered) >= 4 + 3  # the two chapters' sections, the appendices
    assert {h.get("id") for h in numbered} <= set(linked)
    # And the figures and tables, by their numbers.
    assert {ids[i].name for i in linked} >= {"h1", "h2", "figure"}


def test_summary_is_collected_before_contents(html, doc):
    order = [e.get("id") for e in doc.find_all(True) if e.get("id") in ("key-findings", "contents")]
    assert order == ["key-findings", "contents"]
    assert "Fiscal aid reached" in words(doc.find(id="key-findings"))
    assert html.count("Fiscal aid reached") == 1


def test_tables_read_well(doc):
    cells = {words(td) for td in doc.find_all("td")}
    assert {"13,270,000,000", "11,820,000,000"} <= cells
    assert "1996–2014" in cells  # periods are years, not quantities
    text = words(doc)
    assert "132.7亿元" in text  # the quote stays verbatim
    assert SHA in text


def test_appendix_tables_name_each_cell_s_column_for_a_phone(doc):
    # On a narrow screen the rows of these tables become blocks (report.css, and test_layout),
    # each cell led by the name its column has in the header.
    for ident in ("tab-indicators", "tab-official-totals"):
        table = doc.find(id=ident).find("table")
        assert table is not None
        assert "stacks" in table.get("class", [])
        names = [words(th) for th in table.find("thead").find_all("th")]
        rows = table.find("tbody").find_all("tr")
        assert rows and all(
            [td.get("data-label") for td in row.find_all("td")] == names for row in rows
        )


def test_appendix_lists_sources_and_references(doc):
    text = words(doc)
    assert "Xinhua’s (新华社)" in text and "Section 1.1" in text  # the parts, described there
    (refs,) = doc.find_all("ol", class_="references")
    # Each source with its title, publisher, date, reporters, address and what the copy is.
    assert [words(li) for li in refs.find_all("li")] == [
        "测试标题 (A test headline). Guangming Daily (光明日报), 28 November 2015, by 李慧. "
        "http://example.org/gmw. A reprint."
    ]
    assert "http://example.org/gmw" in [a.get("href") for a in refs.find_all("a")]
    # The article itself has no address: the colophon says so.
    assert "No address was recorded with the copy." in words(doc.find("dl", class_="colophon"))


def test_a_reference_without_its_source_row_is_refused(tmp_path, project):
    _, notebooks, inputs = project
    totals = TOTALS.assign(url="http://example.org/elsewhere")
    totals.to_csv(tmp_path / "official_totals.csv", index=False)
    moved = Inputs(**{**vars(inputs), "official_totals": tmp_path / "official_totals.csv"})
    with pytest.raises(ValueError, match=r"sources\.csv: 0 rows for Guangming Daily .*elsewhere"):
        assemble.assemble(notebooks, moved, embed_font=False)


def test_the_author_is_named_once_in_the_citation_file(doc, tmp_path):
    cff = Inputs().citation.read_text(encoding="utf-8")
    (name,) = re.findall(r'^\s+- name: "(.+)"$', cff, re.MULTILINE)
    meta = {m.get("name"): m.get("content") for m in doc.find_all("meta") if m.get("name")}
    assert meta["author"] == name
    assert words(doc.find("dl", class_="colophon")).count(name) == 1  # the suggested citation
    no_authors = tmp_path / "CITATION.cff"
    no_authors.write_text(re.sub(r"authors:\n(  .*\n)+", "", cff), encoding="utf-8")
    with pytest.raises(ValueError, match="no 'authors'"):
        appendix.read_citation(no_authors)


# --- House style: what the reader's eye meets -------------------------------------------------


def kept_together(doc) -> list[str]:
    return [words(span) for span in doc.find_all("span", class_="nobr")]


def test_a_figure_never_breaks_from_its_unit(doc):
    kept = kept_together(doc)
    # In prose, in a link to its row, and in the appendix's quotes alike.
    assert "13,270,000,000 yuan" in kept
    links = [a for a in doc.find("main").find_all("a", class_="fig-ref") if words(a) == "132.7亿元"]
    assert links and all(words(a.find("span", class_="nobr")) == "132.7亿元" for a in links)
    assert {"132.7亿元", "2.15万公里", "1690个"} <= set(kept)
    assert house_style.keep_together("3,000 yuan, 160多亿元 and 8万余个 of 11.82 billion yuan") == (
        '<span class="nobr">3,000 yuan</span>, <span class="nobr">160多亿元</span> and '
        '<span class="nobr">8万余个</span> of <span class="nobr">11.82 billion yuan</span>'
    )


def test_a_short_chinese_name_in_english_text_stays_whole_and_a_quote_may_break(doc):
    kept = kept_together(doc)
    assert "东西扶贫协作" in kept  # "The article reports 东西扶贫协作 funding."
    # A quote's Chinese runs on around its figures: it breaks where Chinese breaks.
    quote = "东部省市向西部10个省区市共提供财政援助132.7亿元"
    assert quote in words(doc) and not [k for k in kept if "东部" in k or "省区市" in k]
    fragment = "Guangming Daily (光明日报) in 乌兰察布; 对口帮扶宁夏领导小组成员单位."
    kept = kept_together(parse_html(house_style.keep_together(fragment)))
    assert kept == ["光明日报", "乌兰察布"]  # the third, of 14 characters, is a sentence


def test_one_quotation_style_curly_in_tables_too(doc):
    table_text = " ".join(words(td) for td in doc.find_all("td"))
    assert "Township clinics’ count" in table_text
    assert not re.search(r"['\"]", words(doc.find("main")))
    assert house_style.curly_quotes("the '20 years' and Xinhua's") == "the “20 years” and Xinhua’s"


def test_every_caption_ends_with_a_full_stop(doc):
    captions = [words(c) for c in doc.find_all("figcaption")]
    assert captions and all(c.endswith(".") for c in captions), captions
    assert "Figure 2. A chart kept as PNG." in captions
    assert document.sentence("Fiscal aid (1996–2014)") == "Fiscal aid (1996–2014)."
    assert document.sentence("Aid rose.") == "Aid rose." and document.sentence("") == ""


def test_no_automatic_hyphenation_in_any_stylesheet():
    for name in ("report.css", "print.css", "screen.css", "notebook.css"):
        assert not re.search(r"hyphens:\s*auto", template(name)), name


def test_unknown_output_kind_and_remote_markdown_image_are_refused(tmp_path, project):
    _, _, inputs = project
    bad_kind = new_code_cell("x")
    bad_kind.outputs = [
        new_output("display_data", data={"text/plain": "x"}, metadata={"eastwest": {"kind": "x"}})
    ]
    remote = new_markdown_cell("# T\n\n![chart](https://example.org/chart.png)")
    for i, (cell, message) in enumerate(
        ((bad_kind, "unknown eastwest kind"), (remote, "the report is offline"))
    ):
        path = tmp_path / f"0{i}_bad.ipynb"
        nbformat.write(new_notebook(cells=[cell]), path)
        with pytest.raises(ValueError, match=message):
            assemble.assemble([path], inputs, embed_font=False)


# --- The offline audit and the Chinese spans ------------------------------------------------------


def test_missing_alt_and_remote_images_are_refused():
    assert html_audit.audit_html('<img src="data:image/png;base64,AA">')
    assert html_audit.audit_html('<img src="https://example.org/x.png" alt="x">')
    assert html_audit.audit_html('<link rel="stylesheet" href="https://cdn.example.org/a.css">')
    assert html_audit.audit_html("<style>@font-face { src: url(https://x.org/f.woff) }</style>")
    assert html_audit.audit_html("<script>alert(1)</script>")
    assert html_audit.audit_html('<p onclick="x()">a</p>')
    assert html_audit.audit_html('<a href="https://example.org">a citation</a>') == []
    with pytest.raises(ValueError, match=r"page\.html is not self-contained"):
        html_audit.checked("<script></script>", "page.html")


def test_mark_chinese_marks_text_and_leaves_markup_alone():
    fragment = '<p title="中文">东西<b>扶贫</b> and <svg><text>协作</text></svg></p>'
    marked = parse_html(webfonts.mark_chinese(fragment))
    assert marked.get_text() == parse_html(fragment).get_text()  # not a character of text changes
    (p,) = marked.find_all("p")
    assert p.get("title") == "中文"  # attributes are not text
    runs = {
        text: in_chinese(parent)
        for parent in [marked, *marked.find_all(True)]
        for text in parent.contents
        if isinstance(text, str) and text.strip()
    }
    assert runs == {"东西": True, "扶贫": True, " and ": False, "协作": False}  # SVG's own text
    assert [b.get_text() for b in marked.find_all("b")] == ["扶贫"]


def test_embedded_font_is_a_subset_that_depends_on_the_characters_only():
    css = webfonts.embedded_font_css("东西扶贫协作")
    assert css == webfonts.embedded_font_css("协作扶贫东西")
    (face,) = re.findall(r"@font-face \{[^}]*\}", css)
    assert f'font-family: "{webfonts.CJK_FAMILY}"' in face
    assert "data:font/woff2;base64," in face and len(face) < 20_000


# --- On screen ------------------------------------------------------------------------------------


def test_report_on_screen_links_back_to_contents_and_to_the_notebook_pages(screen):
    assert html_audit.audit_html(screen) == []
    page = parse_html(screen)
    ids = {e["id"]: e for e in page.find_all(id=True)}
    assert set(references(page)) <= set(ids)
    (nav,) = page.find_all("nav", class_="page-nav")
    assert [a.get("href") for a in nav.find_all("a")] == ["#contents", "#title"]
    # Each chapter opens with a link to its notebook's page, right after its title.
    for name in ("01_funding", "02_labour"):
        (chapter,) = page.find_all("section", attrs={"data-notebook": name})
        first, second = chapter.find_all(recursive=False)[:2]
        assert first.name == "h1" and second.name == "p"
        assert [a.get("href") for a in second.find_all("a")] == [f"notebooks/{name}.html"]
        assert [a.get("href") for a in page.find_all("a")].count(f"notebooks/{name}.html") == 1


def test_charts_open_full_size_and_tables_scroll_in_labelled_frames(screen):
    page = parse_html(screen)
    ids = {e["id"]: e for e in page.find_all(id=True)}
    charts = page.find_all("figure", class_="chart")
    assert len(charts) == 2
    for chart in charts:
        inside = {e.get("id") for e in [chart, *chart.find_all(True)] if e.get("id")}
        links = [a for a in chart.find_all("a") if a.get("href", "").startswith("#")]
        opening = [a for a in links if a.get("href")[1:] in inside - {chart.get("id")}]
        closing = [a for a in links if a.get("href")[1:] == chart.get("id")]
        assert len(opening) == 2  # the chart itself, and its caption's link
        assert len(closing) == 1 and "screen-only" in closing[0].get("class", [])
        assert all(a.get("href")[1:] in ids for a in links)
    frames = page.find_all("div", class_="table-wrap")
    tables = page.find_all("figure", class_="table")
    assert len(frames) == len(tables) >= 2
    for table in tables:
        (frame,) = table.find_all("div", class_="table-wrap")
        label = words(table.find("span", class_="label")).rstrip(".")
        assert frame.get("tabindex") == "0" and frame.get("role") == "region"
        assert frame.get("aria-label") == f"{label}, scrolls sideways"


# --- The reviewers' pages ---------------------------------------------------------------------


def test_notebook_pages_keep_code_and_load_nothing(project):
    _, notebooks, inputs = project
    page = pages.with_font(pages.notebook_html(notebooks[0], inputs), "")
    assert SECRET_CODE.split("=")[0].strip() in page
    tree = parse_html(page)
    assert not tree.find_all("script")
    assert loads(tree) == []
    assert html_audit.audit_html(page) == []
    assert FIGURE_ALT in [img.get("alt") for img in tree.find_all("img")]


def test_notebook_page_has_contents_and_links_to_report_and_other_pages(project):
    _, notebooks, inputs = project
    page = screen_nav.notebook_navigation(
        pages.notebook_html(notebooks[0], inputs),
        "01_funding",
        ["01_funding", "02_labour"],
        report="../report.html",
    )
    assert html_audit.audit_html(page) == []
    tree = parse_html(page)
    hrefs = [a.get("href") for a in tree.find_all("a")]
    assert "../report.html" in hrefs and "../report.html#contents" in hrefs
    (others,) = tree.find_all("ol", class_="nb-list")
    assert [(a.get("href"), a.get("aria-current"), words(a)) for a in others.find_all("a")] == [
        ("01_funding.html", "page", "1 Funding"),
        ("02_labour.html", None, "2 Labour"),
    ]
    contents = tree.find("nav", class_="nb-toc")
    assert contents is not None
    assert [words(a) for a in contents.find_all("a")] == [
        "Funding and aid 资金援助",
        "Fiscal aid 财政援助",
        "A second subsection",
    ]
    assert set(references(tree)) <= {e["id"] for e in tree.find_all(id=True)}


def test_notebook_page_charts_open_full_size_like_the_report_s(project, screen):
    _, notebooks, inputs = project
    page = screen_nav.notebook_navigation(
        pages.notebook_html(notebooks[0], inputs), "01_funding", ["01_funding"], report="r.html"
    )
    tree = parse_html(page)
    ids = {e["id"]: e for e in tree.find_all(id=True)}
    images = tree.find_all("img")
    assert FIGURE_ALT in [img.get("alt") for img in images]
    for image in images:
        (link,) = image.find_parents("a")
        (output,) = image.find_parents(class_="jp-OutputArea-output")
        ident = output.get("id")
        assert "chart-link" in link.get("class", []) and link.get("href") == f"#{ident}-full"
        assert ids[f"{ident}-full"].name == "span"
        hrefs = {a.get("href"): a for a in output.find_all("a")}
        assert words(hrefs[f"#{ident}"]) == "Close ✕"  # back to the output
        assert output.get("tabindex") is None  # its links take the focus
    # The same markup as the report's charts: one stylesheet opens both.
    report_chart = parse_html(screen).find("figure", class_="chart")
    assert report_chart is not None
    for chart in (report_chart, output):
        anchor = chart.find("span", class_="chart-anchor")
        frame = chart.find("div", class_="chart-frame")
        assert anchor is not None and frame is not None
        assert anchor.parent is frame.parent
        close, link = frame.find_all(recursive=False)
        assert set(close.get("class", [])) == {"chart-close", "screen-only"}
        assert set(link.get("class", [])) == {"chart-link"}
    opening = [a for a in output.find_all("a", class_="chart-open") if words(a) == "Open full size"]
    assert len(opening) == 1 and "screen-only" in opening[0].get("class", [])
    assert set(references(tree)) <= set(ids)


def test_notebook_page_code_takes_the_focus_and_its_prompts_are_not_greyed(project):
    _, notebooks, inputs = project
    page = pages.with_font(pages.notebook_html(notebooks[0], inputs), "")
    tree = parse_html(page)
    editors = tree.find_all("div", class_="jp-InputArea-editor")
    assert editors and all(e.get("tabindex") == "0" for e in editors)
    # Not the input around the editor, nor Markdown: one stop per cell, where it scrolls.
    assert not [e for e in tree.find_all("div", class_="jp-Cell-inputWrapper") if e.get("tabindex")]
    # Lab's last word halves the prompts' contrast (opacity 0.5); the page's own has the last.
    values = re.findall(r"--jp-cell-prompt-not-active-opacity:\s*([\d.]+)", page)
    assert "0.5" in values and values[-1] == "1"
