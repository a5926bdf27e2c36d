"""Finding one's way on screen: links and frames the HTML pages get on top of the document."""

import html
import itertools

from eastwest.edition import edition
from eastwest.publish import template, words
from eastwest.publish.document import plain_text
from eastwest.publish.html_text import has_class, pieces

# ---------------------------------------------------------------------------------------------
# Finding one's way on screen. The PDF has its contents with page numbers and its outline; a
# browser gets, on top of the same document, a way back to the contents from anywhere, each
# chapter's link to its full record, charts that open full size and tables that scroll inside
# a labelled frame. All of it is links and CSS: no script.

SCREEN_ONLY = "screen-only"


SCREEN_WORDS = ("record_link", "to_contents", "to_top", "open_full_size", "close", "other_edition")


def screen_words() -> str:
    """The words the screen's links add to the document, in the current edition: the page's
    embedded fonts must hold their characters too."""
    text = words()
    return "".join(text[key] for key in SCREEN_WORDS)


def page_nav(contents: str, top: str, other: str = "") -> str:
    """The links that stay in a corner of the screen: contents, top, and ``other`` (HTML)."""
    text = words()
    return (
        f'<nav class="page-nav screen-only" aria-label="{html.escape(text["page_nav"])}">'
        f"{other}"
        f'<a class="to-contents" href="#{contents}">{html.escape(text["to_contents"])}</a>'
        f'<a class="to-top" href="#{top}">{html.escape(text["to_top"])}</a></nav>\n'
    )


def other_edition_link(href: str, lang: str, name: str) -> str:
    """The link to the other edition, in the screen's corner."""
    with edition(name):
        text = words()
    return (
        f'<a class="to-edition" href="{html.escape(href, quote=True)}" hreflang="{lang}" '
        f'lang="{lang}" title="{html.escape(text["other_edition_note"])}">'
        f"{html.escape(text['other_edition'])}</a>"
    )


def screen_navigation(
    page: str, pages: str = "notebooks", name: str = "en", other: str = ""
) -> str:
    """The reader's report.html with the links and frames a screen needs (see above), in
    edition ``name``; ``other`` is the link to the other edition, for the page's header.

    ``pages`` is where the notebooks' HTML pages are, relative to the report.
    """
    with edition(name):
        return _screen_navigation(page, pages, other)


def _screen_navigation(page: str, pages: str, other: str) -> str:
    out: list[str] = []
    record = None  # the notebook of a chapter whose title just ended
    chart: dict | None = None  # a chart's parts, gathered up to the end of its caption
    label = ""  # the label of the table whose caption is being read
    for piece in pieces(_with_screen_style(page)):
        if record and piece.is_text and piece.text.startswith("\n"):
            href = html.escape(f"{pages}/{record}.html", quote=True)
            out.append(
                f'\n<p class="record-link {SCREEN_ONLY}"><a href="{href}">'
                f"{html.escape(words()['record_link'])}</a></p>\n"
            )
            piece = piece._replace(text=piece.text[1:])
        record = None
        if chart is not None:
            if piece.opens("figcaption"):
                chart["caption"] = []
            elif piece.kind == "end" and piece.text == "</figcaption>":
                out.append(_framed_chart(chart["id"], "".join(chart["graphic"]),
                                         "".join(chart["caption"])))  # fmt: skip
                chart = None
            else:
                chart["caption" if "caption" in chart else "graphic"].append(piece.text)
            continue
        if piece.opens("figure", "chart"):
            chart = {"id": piece.element.attrs["id"], "graphic": []}
            out.append(piece.text)
            continue
        if piece.is_text and any(e.name == "span" and has_class(e, "label") for e in piece.inside):
            label = piece.text.removesuffix(".")
        if piece.opens("div", "table-wrap") and _in_table_figure(piece):
            piece = piece._replace(
                text=f'<div class="table-wrap" tabindex="0" role="region" '
                f'aria-label="{html.escape(words()["scrolls"].format(label=label), quote=True)}">'
            )
        out.append(piece.text)
        if piece.kind == "end" and piece.text == "</h1>":
            section = next((e for e in piece.inside if e.name == "section"), None)
            if section is not None and has_class(section, "chapter"):
                record = section.attrs.get("data-notebook")
    nav = page_nav("contents", "title", other)
    return "".join(out).replace("</body>", nav + "</body>", 1)


def _in_table_figure(piece) -> bool:
    return any(e.name == "figure" and (e.attrs.get("class") or "").startswith("table")
               for e in piece.inside)  # fmt: skip


def _framed_chart(ident: str, graphic: str, caption: str) -> str:
    """A chart's graphic framed to open full size, and its caption with the link that says so."""
    label = plain_text(caption.split("</span>", 1)[0]).rstrip(".")
    graphic = graphic.removeprefix("\n").removesuffix("\n")
    return (
        f"\n{full_size(ident, graphic, label)}\n"
        f"<figcaption>{caption} {open_full_size(ident)}</figcaption>"
    )


def full_size(ident: str, graphic: str, label: str) -> str:
    """``graphic`` as a link that opens it full size (screen.css), and its Close link back to
    the element ``ident``; ``label`` names the chart in the link's title."""
    full = f"{ident}-full"
    text = words()
    title = html.escape(text["open_label_full_size"].format(label=label), quote=True)
    return (
        f'<span class="chart-anchor" id="{full}"></span>'
        f'<div class="chart-frame"><a class="chart-close {SCREEN_ONLY}" href="#{ident}">'
        f"{html.escape(text['close'])}</a>\n"
        f'<a class="chart-link" href="#{full}" title="{title}">{graphic}</a></div>'
    )


def open_full_size(ident: str) -> str:
    """A link that looks like one: the chart itself opens full size too, but does not say so."""
    text = html.escape(words()["open_full_size"])
    return f'<a class="chart-open {SCREEN_ONLY}" href="#{ident}-full">{text}</a>'


def notebook_navigation(page: str, name: str, names: list[str], report: str) -> str:
    """A reviewer's page with links to the report and to the other notebooks, and contents.

    ``name`` is this notebook's stem, ``names`` every notebook's in order, ``report`` the
    reader's report relative to the page. The contents list the page's own H1 and H2 headings.
    """
    headings = _headings(page)
    items = "".join(
        f'<li class="toc-h{level}"><a href="#{ident}">'
        f"{plain_text(text).removesuffix('¶').strip()}</a></li>"
        for level, ident, text in headings
    )
    others = "".join(
        f'<li><a href="{other}.html"'
        + (' aria-current="page"' if other == name else "")
        + f">{html.escape(_notebook_label(other))}</a></li>"
        for other in names
    )
    top = "page-top"
    header = (
        f'<nav class="nb-nav" id="{top}" aria-label="Report and notebooks">'
        f'<p class="nb-back"><a href="{report}">← The report</a>'
        f' · <a href="{report}#contents">its contents</a></p>'
        f'<p class="nb-intro">The full record behind the report: each notebook with its code and '
        f'outputs, as executed.</p><ol class="nb-list">{others}</ol></nav>\n'
        f'<nav class="nb-toc" id="contents" aria-label="Contents of this notebook">'
        f'<h2 class="nb-toc-title">Contents</h2><ol>{items}</ol></nav>\n'
    )
    out, numbers = [], itertools.count(1)
    parts = list(pieces(_with_screen_style(page)))
    for i, piece in enumerate(parts):
        if _is_output_chart(parts[i : i + 5]):
            # An output has no id, and not every chart a name: they are numbered down the page.
            # nbconvert makes every output focusable so that it can be scrolled; a chart fits
            # its output, and its links take the focus.
            ident = f"chart-{next(numbers)}"
            start = piece.text.removesuffix(">").replace(' tabindex="0"', "")
            graphic = full_size(ident, parts[i + 2].text, "the chart")
            parts[i + 1 : i + 5] = [piece._replace(text="") for _ in range(4)]
            piece = piece._replace(
                text=f'{start} id="{ident}">\n{graphic}\n{open_full_size(ident)}\n</div>'
            )
        if piece.opens("main") and not any(p.opens("main") for p in parts[:i]):
            piece = piece._replace(text=f"{piece.text}\n{header}")
        out.append(piece.text)
    nav = page_nav("contents", top)
    return "".join(out).replace("</body>", nav + "</body>", 1)


def _headings(page: str) -> list[tuple[str, str, str]]:
    """Each H1 and H2 with an id: its level, id and inner HTML."""
    found, current = [], None
    for piece in pieces(page):
        if (
            piece.kind == "start"
            and piece.element.name in ("h1", "h2")
            and "id" in (piece.element.attrs)
        ):
            current = [piece.element.name[1], piece.element.attrs["id"], ""]
        elif current and piece.kind == "end" and piece.text == f"</h{current[0]}>":
            found.append(tuple(current))
            current = None
        elif current:
            current[2] += piece.text
    return found


def _is_output_chart(parts) -> bool:
    """A chart output as nbconvert's page template writes it: its div, a line, the image alone,
    a line, the div's end."""
    shape = [p.kind for p in parts], [p.text for p in parts[1::2]]
    if shape[0] != ["start", "text", "start", "text", "end"] or shape[1] != ["\n", "\n"]:
        return False
    cls = parts[0].element.attrs.get("class") or ""
    return (
        parts[0].element.name == "div"
        and cls.startswith(
            ("jp-RenderedImage jp-OutputArea-output", "jp-RenderedSVG jp-OutputArea-output")
        )
        and parts[2].element.name == "img"
        and parts[4].text == "</div>"
    )


def _with_screen_style(page: str) -> str:
    """``page`` with screen.css for screens, and without the on-screen aids when printed."""
    style = (
        f'<style id="eastwest-screen">\n@media screen {{\n{template("screen.css")}}}\n'
        f"@media print {{ .{SCREEN_ONLY} {{ display: none; }} }}\n</style>\n"
    )
    return page.replace("</head>", style + "</head>", 1)


def _notebook_label(stem: str) -> str:
    """'03_labour' as '3 Labour'."""
    number, _, words = stem.partition("_")
    return f"{int(number)} {words.replace('_', ' ').capitalize()}" if number.isdigit() else stem
