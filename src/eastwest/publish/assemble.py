"""The reader's report assembled from the executed notebooks, in order, as one HTML document.

nbconvert merges nothing, so the document is built here: title page, key findings, contents,
numbered sections, figures and tables, appendix. ``reader`` writes it as ``report/report.html``
and, with the charts as PNG, typesets it as ``report/report.pdf`` (``pdf``).

What a notebook contributes is decided by the notebook itself: its Markdown cells (unless tagged
``report-skip``) and those outputs that carry ``{"eastwest": {...}}`` metadata (the analysis
stage's ``tables`` and ``style`` write them). Everything is self-contained: no script, and nothing
that a browser would fetch; ``html_audit`` checks that before a file is written. The parts live in
their own modules: ``document`` (numbered headings, figures, tables), ``appendix``,
``house_style``, ``inline_svg``, ``webfonts``.
"""

import re
from functools import cache
from pathlib import Path

import nbformat
from markupsafe import Markup

from eastwest import paths
from eastwest.analysis.external import load_sources
from eastwest.edition import edition, report_folder
from eastwest.fonts import cjk_font_path, cjk_serif_font_path
from eastwest.publish import TEMPLATES, template, words
from eastwest.publish.appendix import (
    APPENDIX_HEADS,
    access_note,
    first_published,
    glossary,
    in_edition_title,
    indicator_table,
    long_date,
    read_citation,
    read_text_csv,
    totals_table,
)
from eastwest.publish.document import Document, Entry, Inputs, slug
from eastwest.publish.house_style import house_style, house_style_zh, link_figures, link_references
from eastwest.publish.html_audit import checked
from eastwest.publish.screen_nav import screen_words
from eastwest.publish.webfonts import (
    CJK_PUNCTUATION_RANGE,
    CJK_UNICODE_RANGE,
    REPORT_LATIN,
    embedded_font_css,
    mark_chinese,
)

SOURCES = paths.SOURCES


# ---------------------------------------------------------------------------------------------
# The reader's document


@cache
def _jinja():
    from jinja2 import Environment, FileSystemLoader

    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
    )


def read_sha256(path: Path) -> str:
    digest = path.read_text(encoding="utf-8").split()[0].lower()
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise ValueError(f"{path.name}: no SHA-256 digest")
    return digest


def _appendix_heads(document: Document) -> dict[str, Entry]:
    """The appendix's headings, numbered A, A.1, … and added to the contents."""
    heads, text = {}, words()
    for level, number, key in APPENDIX_HEADS:
        ident = document.unique_id("app-" + slug(number))
        heads[number] = Entry(level, number, ident, Markup.escape(text[key]))
        document.contents.append(heads[number])
    return heads


def _appendix_tables(document: Document, inputs: Inputs, indicator_rows, sources) -> tuple:
    """Tables A.1 (the article's figures) and A.2 (other publications), and A.2's references."""

    def numbered(number: str, name: str, caption: str, table: str) -> Markup:
        return Markup(document.table({"name": name, "caption": caption}, table, number=number))

    text = words()
    indicators = numbered("A.1", "indicators", text["a1_caption"], indicator_table(indicator_rows))
    totals, references = totals_table(read_text_csv(inputs.official_totals), sources)
    totals = numbered("A.2", "official-totals", text["a2_caption"], totals)
    return indicators, totals, references


def other_edition(name: str) -> tuple[str, str]:
    """The other edition's report, relative to edition ``name``'s, and its language."""
    other = "zh" if name == "en" else "en"
    there = "/".join(filter(None, (report_folder(other), "report.html")))
    return up(name) + there, "zh-Hans" if other == "zh" else "en"


def up(name: str) -> str:
    """From edition ``name``'s report back to report/."""
    return "../" if report_folder(name) else ""


def assemble(
    notebooks: list[Path],
    inputs: Inputs = Inputs(),
    embed_font: bool = True,
    graphics: str = "svg",
    name: str = "en",
) -> str:
    """The reader's report.html built from ``notebooks`` (executed, in order), in edition
    ``name``.

    ``graphics="png"`` sets the charts as their 200 dpi PNGs instead of inline SVG: the copy
    that becomes the PDF, since WeasyPrint draws SVG node by node and the charts' glyph paths
    would take more than half of the PDF's render time.
    """
    with edition(name):
        return _assemble(notebooks, inputs, embed_font, graphics, name)


def _assemble(notebooks, inputs, embed_font, graphics, name) -> str:
    text = words()
    document = Document(
        inputs, graphics, figure_label=text["figure"], table_label=text["table"],
        pages=f"{up(name)}notebooks",
    )  # fmt: skip
    for path in notebooks:
        document.notebook(nbformat.read(path, as_version=4), path.stem)
    sources = load_sources(inputs.sources)
    heads = _appendix_heads(document)
    indicator_rows = read_text_csv(inputs.indicators)
    indicators, totals, references = _appendix_tables(document, inputs, indicator_rows, sources)
    citation = read_citation(inputs.citation)
    entries = {text["figure"].format(number=e.number): e.ident for e in document.figures}
    entries |= {text["table"].format(number=e.number): e.ident for e in document.tables}
    chapters = link_references(link_figures("".join(document.body), indicator_rows), entries)
    other_href, other_lang = other_edition(name)
    if graphics == "png":  # the PDF links to the other edition's PDF
        other_href = other_href.removesuffix(".html") + ".pdf"
    title = text["title"]

    page = (
        _jinja()
        .get_template("report.html.j2")
        .render(
            words=text,
            language=text["language"],
            title=f"{title} / {text['other_title']}",
            title_en=title,
            title_zh=text["other_title"],
            other_edition={
                "href": other_href,
                "lang": other_lang,
                "text": text["other_edition"],
                "note": text["other_edition_note"],
            },
            subtitle=text["subtitle"].format(
                published=text["published_separator"].join(first_published(sources))
            ),
            findings_note=Markup(text["findings_note"]),
            author=citation["authors"],
            description=text["description"],
            keywords=text["keywords"],
            style=Markup(
                template("report.css") + (template("report-zh.css") if name == "zh" else "")
            ),
            print_style=Markup(
                template("print.css").replace("{{short_title}}", text["short_title"])
            ),
            article=sources.loc["article"].to_dict()
            | {
                "title": in_edition_title(sources.loc["article", "title"]),
                "publisher": in_edition_title(sources.loc["article", "publisher"]),
                "access": access_note(sources.loc["article", "access"]),
            },
            sha256=read_sha256(inputs.article_sha256),
            summary=Markup(link_figures("".join(document.summary), indicator_rows)),
            contents=document.contents,
            figures=document.figures,
            tables=document.tables,
            chapters=Markup(chapters),
            heads=heads,
            indicator_table=Markup(link_references(indicators, entries)),
            totals_table=totals,
            references=references,
            glossary=glossary(),
            citation=citation,
            released=long_date(citation["date-released"]),
        )
    )
    head, body = page.split("<body>", 1)
    body = mark_chinese(house_style(body)) if name == "en" else house_style_zh(body)
    if embed_font:
        # The running header's Chinese lives in the head's CSS, so both parts pick the glyphs.
        # Serif Chinese beside the serif body; the Chinese edition's headings in sans.
        chinese = name == "zh"
        sans = cjk_font_path() if chinese else None
        marks = CJK_PUNCTUATION_RANGE if chinese else CJK_UNICODE_RANGE
        shown = head + body + screen_words()  # and the links a screen adds (screen_nav)
        font_css = embedded_font_css(shown, cjk_serif_font_path(), REPORT_LATIN, sans, marks)
        head = head.replace("/* eastwest-font */", font_css, 1)
    return checked(f"{head}<body>{body}", "report.html")
