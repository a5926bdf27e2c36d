"""Finding one's way on screen: links and frames the HTML pages get on top of the document."""

import html
import itertools
import re

from eastwest.publish import template
from eastwest.publish.document import plain_text

# ---------------------------------------------------------------------------------------------
# Finding one's way on screen. The PDF has its contents with page numbers and its outline; a
# browser gets, on top of the same document, a way back to the contents from anywhere, each
# chapter's link to its full record, charts that open full size and tables that scroll inside
# a labelled frame. All of it is links and CSS: no script.

SCREEN_ONLY = "screen-only"
PAGE_NAV = (
    '<nav class="page-nav screen-only" aria-label="Contents and top of the page">'
    '<a class="to-contents" href="#{contents}">Contents</a>'
    '<a class="to-top" href="#{top}">Top ↑</a></nav>\n'
)
_CHAPTER = re.compile(r'(<section class="chapter" data-notebook="([^"]+)">\n.*?</h1>\n)', re.DOTALL)
_CHART = re.compile(
    r'<figure class="chart" id="([^"]+)">\n(.*?)\n<figcaption>(.*?)</figcaption>', re.DOTALL
)
# A chart in a notebook's output, as the page template writes it.
_OUTPUT_CHART = re.compile(
    r'(<div class="jp-Rendered(?:Image|SVG) jp-OutputArea-output[^"]*"[^>]*)>\n'
    r"(<img [^>]*>)\n</div>"
)
_TABLE = re.compile(
    r'(<figure class="table[^"]*" id="[^"]+">\n<figcaption><span class="label">([^<]*?)\.?</span>'
    r'.*?</figcaption>\n)<div class="table-wrap">',
    re.DOTALL,
)


def screen_navigation(page: str, pages: str = "notebooks") -> str:
    """The reader's report.html with the links and frames a screen needs (see above).

    ``pages`` is where the notebooks' HTML pages are, relative to the report.
    """

    def chapter(match: re.Match) -> str:
        href = html.escape(f"{pages}/{match.group(2)}.html", quote=True)
        return (
            f'{match.group(1)}<p class="record-link {SCREEN_ONLY}"><a href="{href}">'
            "The full record of this chapter: its method, checks and code →</a></p>\n"
        )

    def chart(match: re.Match) -> str:
        ident, graphic, caption = match.groups()
        label = plain_text(caption.split("</span>", 1)[0]).rstrip(".")
        return (
            f'<figure class="chart" id="{ident}">\n{full_size(ident, graphic, label)}\n'
            f"<figcaption>{caption} {open_full_size(ident)}</figcaption>"
        )

    def table(match: re.Match) -> str:
        label = html.escape(match.group(2), quote=True)
        return (
            f'{match.group(1)}<div class="table-wrap" tabindex="0" role="region" '
            f'aria-label="{label}, scrolls sideways">'
        )

    page = _with_screen_style(page)
    page = _CHAPTER.sub(chapter, page)
    page = _CHART.sub(chart, page)
    page = _TABLE.sub(table, page)
    nav = PAGE_NAV.format(contents="contents", top="title")
    return page.replace("</body>", nav + "</body>", 1)


def full_size(ident: str, graphic: str, label: str) -> str:
    """``graphic`` as a link that opens it full size (screen.css), and its Close link back to
    the element ``ident``; ``label`` names the chart in the link's title."""
    full = f"{ident}-full"
    title = html.escape(f"Open {label} full size", quote=True)
    return (
        f'<span class="chart-anchor" id="{full}"></span>'
        f'<div class="chart-frame"><a class="chart-close {SCREEN_ONLY}" href="#{ident}">'
        f'Close ✕</a>\n<a class="chart-link" href="#{full}" title="{title}">{graphic}</a></div>'
    )


def open_full_size(ident: str) -> str:
    """A link that looks like one: the chart itself opens full size too, but does not say so."""
    return f'<a class="chart-open {SCREEN_ONLY}" href="#{ident}-full">Open full size</a>'


def notebook_navigation(page: str, name: str, names: list[str], report: str) -> str:
    """A reviewer's page with links to the report and to the other notebooks, and contents.

    ``name`` is this notebook's stem, ``names`` every notebook's in order, ``report`` the
    reader's report relative to the page. The contents list the page's own H1 and H2 headings.
    """
    headings = re.findall(r'<h([12]) id="([^"]+)">(.*?)</h\1>', page, re.DOTALL)
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
    numbers = itertools.count(1)

    def chart(match: re.Match) -> str:
        # An output has no id, and not every chart a name: they are numbered down the page.
        ident = f"chart-{next(numbers)}"
        # nbconvert makes every output focusable so that it can be scrolled; a chart fits its
        # output, and its links take the focus.
        output = match.group(1).replace(' tabindex="0"', "")
        graphic = full_size(ident, match.group(2), "the chart")
        return f'{output} id="{ident}">\n{graphic}\n{open_full_size(ident)}\n</div>'

    page = _with_screen_style(page)
    page = _OUTPUT_CHART.sub(chart, page)
    page = re.sub(r"(<main[^>]*>)", lambda m: m.group(1) + "\n" + header, page, count=1)
    nav = PAGE_NAV.format(contents="contents", top=top)
    return page.replace("</body>", nav + "</body>", 1)


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
