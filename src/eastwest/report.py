"""Turn the executed notebooks into the reviewers' pages, the reader's report and its PDF.

``python -m eastwest.report`` reads ``report/notebooks/NN_name.ipynb`` in order and writes

- ``report/notebooks/NN_name.html``: each notebook with its code, for reviewers;
- ``report/report.html``: one document without code, assembled here because nbconvert merges
  nothing: title page, summary, contents, numbered sections, figures and tables, appendix;
- ``report/report.pdf``: the same document typeset by WeasyPrint (see ``eastwest.pdf``).

What a notebook contributes is decided by the notebook itself: its Markdown cells (unless tagged
``report-skip``) and those outputs that carry ``{"eastwest": {...}}`` metadata (``eastwest.tables``
and ``eastwest.charts`` write them). Everything is self-contained: no script, and nothing that
a browser would fetch; ``audit_html`` checks that before a file is written.
"""

import argparse
import base64
import html
import mimetypes
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import mistune
import nbformat
import pandas as pd
from markupsafe import Markup

from eastwest import paths
from eastwest.atomic import write_bytes, write_text
from eastwest.fonts import cjk_font_path, cjk_serif_font_path, latin_faces
from eastwest.tables import format_number, html_table

TITLE_EN = "East–West poverty-alleviation cooperation, 1996–2015"
TITLE_ZH = "东西扶贫协作"
TITLE = f"{TITLE_EN} / {TITLE_ZH}"
SHORT_TITLE = f"East–West cooperation 1996–2015 · {TITLE_ZH}"
AUTHOR = "The East–West report authors"
DESCRIPTION = (
    "Figures on China’s East–West poverty-alleviation cooperation (东西扶贫协作), 1996–2015, "
    "from one Chinese news article in two parts, cleaned, compared and charted."
)
KEYWORDS = "East–West poverty-alleviation cooperation, 东西扶贫协作, poverty alleviation, China"
SOURCES = paths.SOURCES
TEMPLATES = Path(__file__).parent / "templates"
SKIP_TAG = "report-skip"
SHORT_TABLE_ROWS = 16  # header included
# The Latin families each kind of page embeds (fonts.LATIN_FACES).
REPORT_LATIN = ("EastWest Serif", "EastWest Sans", "EastWest Mono")
PAGE_LATIN = ("EastWest Sans", "EastWest Mono")
LINE_BREAK_CHARACTERS = "\u00a0\u00ad\u2010-"  # no-break space, soft hyphen, hyphens
CJK_FAMILY = "EastWest CJK"  # a name of our own, so that no installed font can stand in for it
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# CJK ideographs, their punctuation and full-width forms, with curly quotes and dashes inside a run.
_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u31c0-\u31ef\u3200-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_RUN = re.compile(f"[“‘《]?[{_CJK}]+(?:[“”‘’—…·]+[{_CJK}]+)*[”’》]?")
CJK_UNICODE_RANGE = (
    "U+2E80-2FDF, U+3000-303F, U+3100-312F, U+31C0-31EF, U+3200-9FFF, U+F900-FAFF, U+FF00-FFEF"
)


@dataclass(frozen=True)
class Inputs:
    """The files the report reads besides the notebooks; tests point them elsewhere."""

    figures: Path = paths.FIGURES
    indicators: Path = paths.INDICATORS
    sources: Path = SOURCES
    official_totals: Path = paths.OFFICIAL_TOTALS
    article_sha256: Path = paths.ARTICLE_SHA256
    citation: Path = paths.ROOT / "CITATION.cff"
    markdown_images: Path = paths.NOTEBOOKS  # relative image links in Markdown resolve here


# ---------------------------------------------------------------------------------------------
# Markdown with numbered headings


class _Renderer(mistune.HTMLRenderer):
    """Mistune's HTML, with headings numbered by the document and images embedded."""

    def __init__(self, document: "_Document", numbered: bool):
        super().__init__(escape=False)
        self.document = document
        self.numbered = numbered
        self.cell: nbformat.NotebookNode | None = None

    def heading(self, text: str, level: int, **attrs) -> str:
        if not self.numbered:  # a summary's own headings stay out of the numbering and contents
            level = min(level + 2, 6)
            return f'<h{level} class="unnumbered">{text}</h{level}>\n'
        return self.document.heading(text, level)

    def image(self, text: str, url: str, title: str | None = None) -> str:
        alt = html.escape(_plain(text) or title or "Image", quote=True)
        src = self.document.embedded_image(url, self.cell)
        return f'<img src="{html.escape(src, quote=True)}" alt="{alt}">'


def _plain(fragment: str) -> str:
    """The text of an HTML fragment, entities left escaped."""
    return re.sub(r"<[^>]+>", "", fragment).strip()


_MANUAL_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+)\s+")


@dataclass
class _Entry:
    """A heading, figure or table as the contents list it: ``text`` is HTML."""

    level: int
    number: str
    ident: str
    text: Markup


@dataclass
class _Document:
    inputs: Inputs
    graphics: str = "svg"  # or "png", for the PDF
    sections: list[int] = field(default_factory=lambda: [0, 0, 0])
    contents: list[_Entry] = field(default_factory=list)
    figures: list[_Entry] = field(default_factory=list)
    tables: list[_Entry] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    unnumbered_headings: int = 0

    def __post_init__(self):
        self.prose = _Renderer(self, numbered=True)
        self.summary_prose = _Renderer(self, numbered=False)
        plugins = ["table", "strikethrough", "url"]
        self._markdown = mistune.create_markdown(renderer=self.prose, plugins=plugins)
        self._summary = mistune.create_markdown(renderer=self.summary_prose, plugins=plugins)

    def unique_id(self, wanted: str) -> str:
        ident, n = wanted, 1
        while ident in self.ids:
            n += 1
            ident = f"{wanted}-{n}"
        self.ids.add(ident)
        return ident

    def heading(self, text: str, level: int) -> str:
        text = _MANUAL_NUMBER.sub("", text, count=1)  # "3. Labour" would read "3 3. Labour"
        if level > len(self.sections):
            self.unnumbered_headings += 1
            ident = self.unique_id(f"h-{self.unnumbered_headings}")
            return f'<h{level} id="{ident}">{text}</h{level}>\n'
        self.sections[level - 1] += 1
        self.sections[level:] = [0] * (len(self.sections) - level)
        numbers = [str(n) for n in self.sections[:level]]
        number, ident = ".".join(numbers), self.unique_id("sec-" + "-".join(numbers))
        if level <= 2:
            self.contents.append(_Entry(level, number, ident, Markup(_plain(text))))
        return f'<h{level} id="{ident}"><span class="secnum">{number}</span> {text}</h{level}>\n'

    def markdown(self, source: str, cell=None, summary: bool = False) -> str:
        renderer = self.summary_prose if summary else self.prose
        renderer.cell = cell
        return (self._summary if summary else self._markdown)(source)

    def embedded_image(self, url: str, cell) -> str:
        if url.startswith("data:"):
            return url
        if url.startswith("attachment:"):
            name = url.removeprefix("attachment:")
            bundle = (cell or {}).get("attachments", {}).get(name)
            if not bundle:
                raise ValueError(f"Markdown image {url!r}: the cell has no such attachment")
            mime, data = next(iter(bundle.items()))
            return f"data:{mime};base64,{''.join(data.split())}"
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE):
            raise ValueError(
                f"Markdown image {url!r}: the report is offline; "
                "attach the image to the cell or save it beside the notebooks"
            )
        path = self.inputs.markdown_images / url
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"

    # Outputs ---------------------------------------------------------------------------------

    def output(self, output: nbformat.NotebookNode, cell) -> None:
        spec = output.get("metadata", {}).get("eastwest")
        if not spec:
            return
        kind, data = spec.get("kind"), output.get("data", {})
        if kind == "figure":
            self.body.append(self.figure(spec, data))
        elif kind == "table":
            self.body.append(self.table(spec, data["text/html"]))
        elif kind == "text":
            self.body.append(self.markdown(data["text/markdown"], cell))
        elif kind == "summary":
            self.summary.append(self.markdown(data["text/markdown"], cell, summary=True))
        else:
            raise ValueError(f"output with unknown eastwest kind {kind!r}")

    def figure(self, spec: dict, data: dict) -> str:
        number = len(self.figures) + 1
        name, caption = spec.get("name", ""), spec.get("caption", "")
        alt = spec.get("alt") or caption or f"Figure {number}"
        ident = self.unique_id(f"fig-{_slug(name) or number}")
        svg = self.inputs.figures / f"{name}.svg"
        png_file = self.inputs.figures / f"{name}.png"
        if self.graphics == "png" and name and png_file.is_file():
            png = base64.b64encode(png_file.read_bytes()).decode()
            graphic = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}">'
        elif name and svg.is_file():
            graphic = inline_svg(svg.read_text(encoding="utf-8"), alt, prefix=f"{ident}-")
        elif "image/svg+xml" in data:
            graphic = inline_svg(data["image/svg+xml"], alt, prefix=f"{ident}-")
        elif "image/png" in data:
            png = "".join(data["image/png"].split())
            graphic = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}">'
        else:
            raise ValueError(f"figure {name!r}: no {svg.name}, and no SVG or PNG in the output")
        self.figures.append(_Entry(0, str(number), ident, Markup.escape(_short(caption))))
        return (
            f'<figure class="chart" id="{ident}">\n{graphic}\n'
            f'<figcaption><span class="label">Figure {number}.</span> '
            f"{html.escape(caption)}</figcaption>\n</figure>\n"
        )

    def table(self, spec: dict, table_html: str, number: str | None = None) -> str:
        number = number or str(len([t for t in self.tables if t.number.isdigit()]) + 1)
        name, caption = spec.get("name", ""), spec.get("caption", "")
        ident = self.unique_id(f"tab-{_slug(name) or number}")
        self.tables.append(_Entry(0, number, ident, Markup.escape(_short(caption))))
        # A short table is kept on one page: split, it would leave a row or two alone.
        short = " short" if table_html.count("<tr") <= SHORT_TABLE_ROWS else ""
        return (
            f'<figure class="table{short}" id="{ident}">\n'
            f'<figcaption><span class="label">Table {number}.</span> '
            f"{html.escape(caption)}</figcaption>\n"
            f'<div class="table-wrap">\n{table_html}\n</div>\n</figure>\n'
        )

    def notebook(self, nb: nbformat.NotebookNode, name: str) -> None:
        self.body.append(f'<section class="chapter" data-notebook="{html.escape(name)}">\n')
        for cell in nb.cells:
            if SKIP_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            if cell.cell_type == "markdown":
                self.body.append(self.markdown(cell.source, cell))
            elif cell.cell_type == "code":
                for output in cell.get("outputs", []):
                    self.output(output, cell)
        self.body.append("</section>\n")


def _short(caption: str) -> str:
    """A caption's first clause, for the lists of figures and tables."""
    head = re.split(r"(?<=\S)(?::|;|\.|：|。)\s", caption, maxsplit=1)[0]
    return head if len(head) >= 12 else caption


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Inline SVG


def inline_svg(svg_text: str, alt: str, prefix: str) -> str:
    """An SVG file as an accessible inline <svg> that scales to the text width.

    Ids get ``prefix`` because every inline SVG shares the page's id space: two matplotlib charts
    both define ``#patch_1`` and clip paths of their own.
    """
    root = ElementTree.fromstring(svg_text)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}title"):
                parent.remove(child)
    _prefix_ids(root, prefix)
    _scope_global_style(root)
    if "viewBox" not in root.attrib and "width" in root.attrib and "height" in root.attrib:
        width, height = (_length(root.attrib[k]) for k in ("width", "height"))
        root.set("viewBox", f"0 0 {width:g} {height:g}")
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    root.set("role", "img")
    root.set("aria-label", alt)
    root.set("class", "chart-svg")
    title = ElementTree.Element(f"{{{SVG_NS}}}title")
    title.text = alt
    root.insert(0, title)
    # Plain tag names, not the global namespace registry: WeasyPrint rewrites that registry on
    # import, and "ns0:svg" is no SVG to an HTML parser (which needs no namespaces inline).
    for el in root.iter():
        el.tag = el.tag.rpartition("}")[2]
    root.set("xmlns", SVG_NS)
    return ElementTree.tostring(root, encoding="unicode")


def _length(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group())
    return value * 4 / 3 if text.endswith("pt") else value


def _prefix_ids(root: ElementTree.Element, prefix: str) -> None:
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    pattern = re.compile(r"url\(#([^)]+)\)")

    def rename(match: re.Match) -> str:
        name = match.group(1)
        return f"url(#{prefix}{name})" if name in ids else match.group(0)

    for el in root.iter():
        for key, value in list(el.attrib.items()):
            if key == f"{{{XLINK_NS}}}href":  # SVG 2's plain href needs no xlink prefix
                del el.attrib[key]
                key = "href"
                el.set(key, value)
            if key == "id":
                el.set(key, prefix + value)
            elif key == "href" and value[1:] in ids:
                el.set(key, f"#{prefix}{value[1:]}")
            elif "url(#" in value:
                el.set(key, pattern.sub(rename, value))


def _scope_global_style(root: ElementTree.Element) -> None:
    """Turn matplotlib's ``*{stroke-linejoin: round; ...}`` into attributes of the chart's root.

    A <style> inside inline SVG applies to the whole page; presentation attributes on the root
    are inherited by the chart alone.
    """
    for parent in list(root.iter()):
        for style in [c for c in parent if c.tag == f"{{{SVG_NS}}}style"]:
            rule = re.fullmatch(r"\s*\*\s*\{([^{}]*)\}\s*", style.text or "")
            if rule:
                for declaration in filter(str.strip, rule.group(1).split(";")):
                    prop, _, value = declaration.partition(":")
                    root.set(prop.strip(), value.strip())
                parent.remove(style)


# ---------------------------------------------------------------------------------------------
# Chinese spans and the embedded font


def mark_chinese(fragment: str) -> str:
    """Wrap runs of Chinese text in <span lang="zh-Hans"> for line breaking and font choice."""
    parts = re.split(r"(<[^>]*>)", fragment)
    stack: list[bool] = []  # per open element: does it already mark (or forbid) a language span
    void = {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "source", "area", "base"}
    for i, part in enumerate(parts):
        if i % 2:
            tag = re.match(r"<\s*(/?)\s*([a-zA-Z0-9:-]+)", part)
            if not tag or part.startswith("<!"):
                continue
            closing, name = tag.group(1), tag.group(2).lower()
            if name in void or part.endswith("/>"):
                continue
            if closing:
                if stack:
                    stack.pop()
            else:
                opaque = name in ("svg", "style", "script", "title", "textarea", "code", "pre")
                stack.append(opaque or bool(re.search(r'\blang="zh', part)))
        elif part and not any(stack):
            parts[i] = CJK_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', part)
    return "".join(parts)


def embedded_font_css(text: str, font: Path | None = None, latin: tuple[str, ...] = ()) -> str:
    """@font-face rules holding just the characters of ``text`` (WOFF2, base64).

    CJK_FAMILY gets the Chinese characters from ``font`` (Noto Sans CJK SC unless given); each
    family named in ``latin`` (see ``fonts.LATIN_FACES``) gets the other characters. A page then
    reads the same in every browser, with the environment's own font files. Deterministic: the
    same characters give the same bytes (no timestamp is recalculated).
    """
    chinese = set("".join(CJK_RUN.findall(text)))
    css = _font_subset_css(tuple(sorted(map(ord, chinese))), font or cjk_font_path())
    # Also the spaces and hyphens that line breaking adds, which are not in the text.
    others = {c for c in set(text) - chinese if c >= " "} | set(LINE_BREAK_CHARACTERS)
    others = tuple(sorted(map(ord, others)))
    for family, path, weight, style in latin_faces(*latin):
        css += _latin_face_css(family, path, weight, style, others)
    return css


def _subset_woff2(font_file: Path, wanted: tuple[int, ...], features: list[str]) -> str:
    """The base64 WOFF2 of ``font_file`` cut to the code points ``wanted``."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(layout_features=features, hinting=False, desubroutinize=True)
    options.drop_tables += ["FFTM"]  # FontForge's build dates, which fontTools cannot subset
    font = TTFont(font_file, recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


@cache
def _font_subset_css(wanted: tuple[int, ...], font_file: Path) -> str:
    # Cached: the reader's HTML and its PDF copy want the same characters.
    if not wanted:
        return ""
    data = _subset_woff2(font_file, wanted, features=[])
    return (
        f'@font-face {{ font-family: "{CJK_FAMILY}"; font-style: normal; font-weight: 400;\n'
        f"  unicode-range: {CJK_UNICODE_RANGE};\n"
        f'  src: url("data:font/woff2;base64,{data}") format("woff2"); }}\n'
    )


@cache
def _latin_face_css(
    family: str, font_file: Path, weight: int, style: str, wanted: tuple[int, ...]
) -> str:
    # Kerning and ligatures kept: the PDF sets its lines with these faces.
    data = _subset_woff2(font_file, wanted, features=["*"])
    return (
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight};\n'
        f'  src: url("data:font/woff2;base64,{data}") format("woff2"); }}\n'
    )


# ---------------------------------------------------------------------------------------------
# Offline and accessibility audit


class _Audit(HTMLParser):
    """Everything in a page that would run, or load from elsewhere, or lacks a text alternative."""

    LOADING = frozenset({"src", "srcset", "data", "poster", "background"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}> element")
        if tag == "link":
            self.problems.append(f"<link> to {attrs.get('href')!r}")
        for key, value in attrs.items():
            value = (value or "").strip()
            if key.startswith("on"):
                self.problems.append(f"event handler {key} on <{tag}>")
            if key in self.LOADING and not value.startswith("data:"):
                self.problems.append(f"<{tag} {key}={value[:60]!r}> loads a file")
            svg_link = key in ("href", "xlink:href") and tag in ("image", "use", "feimage")
            if svg_link and not value.startswith(("#", "data:")):
                self.problems.append(f"<{tag} {key}={value[:60]!r}> loads a file")
            if key == "style":
                self._css(value, f"style of <{tag}>")
        if tag == "img" and not (attrs.get("alt") or "").strip():
            self.problems.append(f"<img> without alt text: {str(attrs.get('src'))[:40]!r}")
        if tag == "svg" and not (attrs.get("aria-label") or attrs.get("aria-hidden")):
            self.problems.append("<svg> without aria-label")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._css(data, "<style>")

    def _css(self, css: str, where: str) -> None:
        if re.search(r"@import", css, re.IGNORECASE):
            self.problems.append(f"@import in {where}")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            if not url.startswith(("data:", "#")):
                self.problems.append(f"url({url[:60]!r}) in {where}")


def audit_html(text: str) -> list[str]:
    """Why ``text`` is not a self-contained, script-free, accessible page (empty if it is)."""
    audit = _Audit()
    audit.feed(text)
    audit.close()
    return audit.problems


def _checked(text: str, what: str) -> str:
    problems = audit_html(text)
    if problems:
        listed = "\n  ".join(dict.fromkeys(problems))
        raise ValueError(f"{what} is not self-contained and accessible:\n  {listed}")
    return text


# ---------------------------------------------------------------------------------------------
# Title page and appendix

APPENDIX_HEADS = (
    (1, "A", "Appendix: the figures"),
    (2, "A.1", "Every figure in the article"),
    (2, "A.2", "Figures from other publications"),
    (1, "B", "Glossary and colophon"),
    (2, "B.1", "Glossary"),
    (2, "B.2", "Colophon"),
)


def _read_text_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _long_date(iso: str) -> str:
    """'2016-07-21' as '21 July 2016' (not strftime: its month names follow the locale)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _year(text: str) -> str:
    return re.sub(r"^(\d{4})\.0+$", r"\1", str(text).strip())


def _period(start: str, end: str) -> str:
    start, end = _year(start), _year(end)
    if start and end:
        return start if start == end else f"{start}–{end}"
    if start:
        return f"{start}–"
    return f"–{end}" if end else ""


def _periods(frame: pd.DataFrame) -> list[str]:
    return [_period(s, e) for s, e in zip(frame["period_start"], frame["period_end"], strict=True)]


def _value(value: str) -> str:
    """A figure as read: separators when it is a number, the text as it is otherwise."""
    number = pd.to_numeric(value, errors="coerce")
    return value if pd.isna(number) else format_number(float(number))


def first_published(sources: pd.DataFrame) -> list[str]:
    """'Xinhua (新华社) on 21 July 2016 (part 1)', and the same for part 2, from sources.csv."""
    parts = sources.set_index("source")
    out = []
    for part in ("part1", "part2"):
        row = parts.loc[part]
        when = f" on {_long_date(row['published'])}" if row["published"] else ""
        out.append(f"{row['publisher']}{when} (part {part.removeprefix('part')})")
    return out


QUALIFIERS = {
    "exact": "",
    "at_least": "at least",
    "range_low": "range, low end",
    "range_high": "range, high end",
}


def figure_row_id(indicator: str) -> str:
    """The id of an article figure's row in Appendix Table A.1 (``a-fiscal-aid-20y``)."""
    return "a-" + _slug(indicator)


def indicator_table(indicators: pd.DataFrame) -> str:
    """Every figure of the article: names in both languages, as written, period and quote.

    Each row carries the id that the figures in the text link to; a range's second row (the
    wage range gives two values) shares the first row's.
    """
    names = [
        Markup('<span class="name-en">{}</span><span class="name-zh">{}</span>').format(
            r.name_en, r.name_zh
        )
        for r in indicators.itertuples()
    ]
    written = indicators.get("figure", pd.Series("", index=indicators.index))
    values = [Markup("{}").format(w or _value(v)) for v, w in zip(indicators["value"], written,
                                                                   strict=True)]  # fmt: skip
    rows = pd.DataFrame(
        {
            "Figure (English / 中文)": names,
            "As written": values,
            "Unit": indicators["unit"],
            "Period": _periods(indicators),
            "Part": indicators["part"].map(_year),
            "Quote (原文)": indicators["quote"],
        }
    )
    # The second value of a range repeats its first row's figure: keep one row per figure.
    first = ~indicators["indicator"].duplicated()
    rows = rows[first.to_numpy()]
    table = html_table(rows, raw_html=list(rows.columns[:2]), right=["As written"])
    ids = iter(figure_row_id(i) for i in indicators.loc[first, "indicator"])
    return re.sub(r"<tr><td", lambda m: f'<tr id="{next(ids)}"><td', table)


def sources_table(sources: pd.DataFrame) -> str:
    titles = [
        Markup("{}").format(t)
        + (Markup('<span class="url"><a href="{0}">{0}</a></span>').format(u) if u else "")
        for t, u in zip(sources["title"], sources["url"], strict=True)
    ]
    rows = pd.DataFrame(
        {
            "Source": sources["source"],
            "Title": titles,
            "Publisher": sources["publisher"],
            "Published": sources["published"],
            "Author": sources["author"].str.replace(";", "、"),
            "Note": sources["note"],
        }
    )
    return html_table(rows, raw_html=["Title"])


def _published_value(value: str, unit: str) -> str:
    """An external figure in the units the report writes its kind in: 亿元 or 万亿元 for
    money, 万人次 for person-times, plain counts otherwise."""
    number = float(value)
    if unit == "yuan":
        if number >= 1e11:
            return f"{number / 1e12:.3g}万亿元"
        return f"{number / 1e8:,.1f}亿元"
    if unit == "person-times" and number >= 1e4:
        return f"{number / 1e4:,.1f}万人次"
    return f"{format_number(number)} {unit}"


def totals_table(totals: pd.DataFrame) -> tuple[str, list[dict]]:
    """The external figures, each with its term, period and publication (a numbered reference)."""
    columns = ["publisher", "published", "reporter", "url"]
    keys = list(totals[columns].itertuples(index=False, name=None))
    publications = list(dict.fromkeys(keys))
    reference = {p: i + 1 for i, p in enumerate(publications)}
    rows = pd.DataFrame(
        {
            "Series": totals["series"].str.replace("_", " "),
            "Term (中文)": totals["term_zh"],
            "As published": [
                _published_value(v, u) for v, u in zip(totals["value"], totals["unit"], strict=True)
            ],
            "Period": _periods(totals),
            "Source": [f"[{reference[key]}] {key[1]}" for key in keys],
        }
    )
    table = html_table(rows, right=["As published"])
    return table, [dict(zip(columns, p, strict=True)) for p in publications]


# ---------------------------------------------------------------------------------------------
# Key findings, glossary, colophon


GLOSSARY = (
    ("亿 (yì)", "a hundred million, 10⁸. 118.2亿元 is 11.82 billion yuan."),
    ("万 (wàn)", "ten thousand, 10⁴. 664.3万人次 is 6.643 million person-times."),
    ("万亿 (wàn yì)", "a trillion, 10¹²: ten thousand times a hundred million. 1.2万亿元 is "
     "1.2 trillion yuan."),
    ("元 (yuán)", "the yuan (renminbi). All amounts are nominal: yuan of the year they were "
     "spent, not adjusted for prices."),
    ("人次 (rén cì)", "person-times: a person counted once for each trip, visit or course, "
     "so not a count of people."),
    ("多, 余 (duō, yú)", "“more than”, after a round number: 3000多人 is at least 3,000 "
     "people and, read in the usual way, fewer than 4,000. Shown as 3,000+."),
    ("东西扶贫协作", "East–West poverty-alleviation cooperation: the programme, begun in "
     "1996, that pairs richer eastern provinces and cities with poor western ones."),
    ("对口帮扶, 结对", "paired assistance, pairing: an eastern partner assigned to aid a "
     "western one."),
    ("闽宁, 沪滇, 粤桂 or 两广, 浙川, 甬黔", "the five pairings the article names as models "
     "(模式): Fujian (闽)–Ningxia (宁), Shanghai (沪)–Yunnan (滇), Guangdong (粤)–Guangxi (桂), "
     "Zhejiang (浙)–Sichuan (川), Ningbo (甬)–Guizhou (黔)."),
    ("十二五", "the 12th Five-Year Plan, 2011–2015."),
    ("篇一, 篇二", "part 1 and part 2 of the article: two news reports, by Xinhua (2016) and "
     "Guangming Daily (2015)."),
)  # fmt: skip


def read_citation(path: Path) -> dict[str, str]:
    """The top-level ``key: value`` pairs of CITATION.cff (version, date-released, title…)."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r'^([a-z-]+):\s*"?(.*?)"?\s*$', line)
        if match and match.group(2):
            fields[match.group(1)] = match.group(2)
    for needed in ("version", "date-released", "title", "license"):
        if needed not in fields:
            raise ValueError(f"{path.name}: no {needed!r}")
    return fields


# ---------------------------------------------------------------------------------------------
# House style applied to the assembled text: curly quotes, links to figures and to the appendix

_TAG = re.compile(r"(<[^>]+>)")
_NO_TEXT_EDIT = ("code", "a", "style", "script", "svg", "title")


def _text_segments(fragment: str, also: tuple[str, ...] = ()):
    """Yield (is_text, piece, inside) over ``fragment``: ``inside`` is the set of open tags
    among those whose text must not change (code, links, SVG)."""
    stack: list[str] = []
    for piece in _TAG.split(fragment):
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            name = name.group(1).lower() if name else ""
            if name in _NO_TEXT_EDIT + also and not piece.endswith("/>"):
                if piece.startswith("</"):
                    if name in stack:
                        stack.remove(name)
                else:
                    stack.append(name)
            yield False, piece, set(stack)
        else:
            yield True, piece, set(stack)


def _curly(text: str) -> str:
    text = text.replace("&#34;", '"').replace("&quot;", '"').replace("&#39;", "'")
    text = text.replace("&#x27;", "'")
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)  # apostrophes: Xinhua’s
    text = re.sub(r"(^|[\s(\[—–/])'", r"\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r'(^|[\s(\[—–/])"', r"\1“", text)
    return text.replace('"', "”")


def curly_quotes(fragment: str) -> str:
    """Straight quotes in the text of ``fragment`` made curly (markup and code left alone)."""
    return "".join(
        _curly(piece) if is_text and not inside else piece
        for is_text, piece, inside in _text_segments(fragment)
    )


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

    return "".join(
        linked(piece) if is_text and not inside else piece
        for is_text, piece, inside in _text_segments(fragment, also=("figcaption", "h1", "h2"))
    )


def link_references(fragment: str, entries: dict[str, str]) -> str:
    """ "Figure 3", "Table A.1" in the text linked to what they name (``entries``: label → id)."""
    pattern = re.compile(r"\b(Figure|Table) ([A-Z]\.)?(\d+)\b")

    def linked(text: str) -> str:
        def one(m: re.Match) -> str:
            ident = entries.get(m.group(0))
            return f'<a class="xref" href="#{ident}">{m.group(0)}</a>' if ident else m.group(0)

        return pattern.sub(one, text)

    return "".join(
        linked(piece) if is_text and not inside else piece
        for is_text, piece, inside in _text_segments(fragment, also=("figcaption",))
    )


# ---------------------------------------------------------------------------------------------
# The reader's document


@cache
def _template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


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


def assemble(
    notebooks: list[Path],
    inputs: Inputs = Inputs(),
    embed_font: bool = True,
    graphics: str = "svg",
) -> str:
    """The reader's report.html built from ``notebooks`` (executed, in order).

    ``graphics="png"`` sets the charts as their 200 dpi PNGs instead of inline SVG: the copy
    that becomes the PDF, since WeasyPrint draws SVG node by node and the charts' glyph paths
    would take more than half of the PDF's render time.
    """
    document = _Document(inputs, graphics)
    for path in notebooks:
        document.notebook(nbformat.read(path, as_version=4), path.stem)
    sources = _read_text_csv(inputs.sources)
    heads = {}
    for level, number, title in APPENDIX_HEADS:
        ident = document.unique_id("app-" + _slug(number))
        heads[number] = _Entry(level, number, ident, Markup.escape(title))
        document.contents.append(heads[number])

    def numbered(number: str, name: str, caption: str, table: str) -> Markup:
        return Markup(document.table({"name": name, "caption": caption}, table, number=number))

    indicator_rows = _read_text_csv(inputs.indicators)
    indicators = numbered(
        "A.1",
        "indicators",
        "Every figure in the article, as written, with the sentence it comes from.",
        indicator_table(indicator_rows),
    )
    totals, references = totals_table(_read_text_csv(inputs.official_totals))
    totals = numbered(
        "A.2",
        "official-totals",
        "Figures for the programme published elsewhere, each with its own term (术语).",
        totals,
    )
    citation = read_citation(inputs.citation)
    entries = {f"Figure {e.number}": e.ident for e in document.figures}
    entries |= {f"Table {e.number}": e.ident for e in document.tables}
    chapters = link_references(
        link_figures(curly_quotes("".join(document.body)), indicator_rows), entries
    )

    page = (
        _jinja()
        .get_template("report.html.j2")
        .render(
            title=TITLE,
            title_en=TITLE_EN,
            title_zh=TITLE_ZH,
            author=AUTHOR,
            description=DESCRIPTION,
            keywords=KEYWORDS,
            style=Markup(_template("report.css")),
            print_style=Markup(_template("print.css").replace("{{short_title}}", SHORT_TITLE)),
            first_published=first_published(sources),
            article=sources.set_index("source").loc["article"].to_dict(),
            sha256=read_sha256(inputs.article_sha256),
            summary=Markup(link_figures(curly_quotes("".join(document.summary)), indicator_rows)),
            contents=document.contents,
            figures=document.figures,
            tables=document.tables,
            chapters=Markup(chapters),
            heads=heads,
            indicator_table=Markup(link_references(indicators, entries)),
            totals_table=totals,
            references=references,
            glossary=GLOSSARY,
            citation=citation,
            released=_long_date(citation["date-released"]),
        )
    )
    head, body = page.split("<body>", 1)
    body = mark_chinese(body)
    if embed_font:
        # The running header's Chinese lives in the head's CSS, so both parts pick the glyphs.
        # Serif Chinese beside the serif body.
        font_css = embedded_font_css(head + body, cjk_serif_font_path(), REPORT_LATIN)
        head = head.replace("/* eastwest-font */", font_css, 1)
    return _checked(f"{head}<body>{body}", "report.html")


# ---------------------------------------------------------------------------------------------
# The reviewers' pages


def notebook_html(path: Path, inputs: Inputs = Inputs()) -> str:
    """One executed notebook, code included, as an offline HTML page (without the CJK font)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        template_file="notebook.html.j2",
        extra_template_paths=[str(TEMPLATES)],
        embed_images=True,
    )
    nb = nbformat.read(path, as_version=4)
    title = next(
        (
            line[2:].strip()
            for cell in nb.cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("# ")
        ),
        "",
    )
    name = f"{title} ({path.stem})" if title else path.stem
    resources = {"metadata": {"name": name, "path": str(inputs.markdown_images)}}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return page


def with_font(page: str, font_css: str) -> str:
    """``page`` with the CJK font and the Latin-first font stack added to its <head>."""
    style = f'<style id="eastwest-fonts">\n{font_css}{_template("notebook.css")}</style>\n'
    return page.replace("</head>", style + "</head>", 1)


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
        full = f"{ident}-full"
        label = html.escape(_plain(caption.split("</span>", 1)[0]).rstrip("."), quote=True)
        return (
            f'<figure class="chart" id="{ident}">\n'
            f'<span class="chart-anchor" id="{full}"></span>'
            f'<div class="chart-frame"><a class="chart-close {SCREEN_ONLY}" href="#{ident}">'
            f'Close ✕</a>\n<a class="chart-link" href="#{full}" title="Open {label} full size">'
            f"{graphic}</a></div>\n<figcaption>{caption} "
            f'<a class="chart-open {SCREEN_ONLY}" href="#{full}">Open full size</a></figcaption>'
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


def notebook_navigation(page: str, name: str, names: list[str], report: str) -> str:
    """A reviewer's page with links to the report and to the other notebooks, and contents.

    ``name`` is this notebook's stem, ``names`` every notebook's in order, ``report`` the
    reader's report relative to the page. The contents list the page's own H1 and H2 headings.
    """
    headings = re.findall(r'<h([12]) id="([^"]+)">(.*?)</h\1>', page, re.DOTALL)
    items = "".join(
        f'<li class="toc-h{level}"><a href="#{ident}">'
        f"{_plain(text).removesuffix('¶').strip()}</a></li>"
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
    page = _with_screen_style(page)
    page = re.sub(r"(<main[^>]*>)", lambda m: m.group(1) + "\n" + header, page, count=1)
    nav = PAGE_NAV.format(contents="contents", top=top)
    return page.replace("</body>", nav + "</body>", 1)


def _with_screen_style(page: str) -> str:
    """``page`` with screen.css for screens, and without the on-screen aids when printed."""
    style = (
        f'<style id="eastwest-screen">\n@media screen {{\n{_template("screen.css")}}}\n'
        f"@media print {{ .{SCREEN_ONLY} {{ display: none; }} }}\n</style>\n"
    )
    return page.replace("</head>", style + "</head>", 1)


def _notebook_label(stem: str) -> str:
    """'03_labour' as '3 Labour'."""
    number, _, words = stem.partition("_")
    return f"{int(number)} {words.replace('_', ' ').capitalize()}" if number.isdigit() else stem


# ---------------------------------------------------------------------------------------------
# Command line


def executed_notebooks(directory: Path = paths.EXECUTED) -> list[Path]:
    return sorted(directory.glob("[0-9][0-9]_*.ipynb"))


def printed_html(notebooks: list[Path], inputs: Inputs = Inputs()) -> str:
    """The HTML that becomes report.pdf: the reader's report with the charts as PNG."""
    return assemble(notebooks, inputs, graphics="png")


def write_page(notebook: Path, inputs: Inputs = Inputs()) -> None:
    """report/notebooks/NN_name.html beside the executed notebook, code included."""
    page = notebook_navigation(
        notebook_html(notebook, inputs),
        notebook.stem,
        # The source notebooks, not the executed copies: a parallel build renders one page
        # while others are still executing.
        [path.stem for path in executed_notebooks(paths.NOTEBOOKS)],
        report="../report.html",
    )
    write_text(
        notebook.with_suffix(".html"),
        _checked(with_font(page, embedded_font_css(page, latin=PAGE_LATIN)), notebook.name),
    )


def write_report_html(notebooks: list[Path], out_dir: Path, inputs: Inputs = Inputs()) -> None:
    page = screen_navigation(assemble(notebooks, inputs))
    write_text(out_dir / "report.html", _checked(page, "report.html"))


def write_report_pdf(notebooks: list[Path], out_dir: Path, inputs: Inputs = Inputs()) -> None:
    from eastwest.pdf import render_pdf

    write_bytes(out_dir / "report.pdf", render_pdf(printed_html(notebooks, inputs)))


def build(
    notebooks: list[Path],
    out_dir: Path,
    inputs: Inputs = Inputs(),
    pdf: bool = True,
) -> dict[str, float]:
    """Write every output; return how long each step took, in seconds."""
    steps = {
        "notebook pages": lambda: [write_page(path, inputs) for path in notebooks],
        "report.html": lambda: write_report_html(notebooks, out_dir, inputs),
    }
    if pdf:
        steps["report.pdf"] = lambda: write_report_pdf(notebooks, out_dir, inputs)
    timings = {}
    for step, run in steps.items():
        start = time.perf_counter()
        run()
        timings[step] = time.perf_counter() - start
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.report",
        description="Build report/notebooks/*.html, report/report.html and report/report.pdf "
        "from the executed notebooks in report/notebooks, unconditionally. `make` renders "
        "through eastwest.execute (each page) and eastwest.build (HTML and PDF), which skip "
        "what is current.",
    )
    parser.add_argument(
        "part", nargs="?", default="all", choices=["all", "page", "html", "pdf"],
        help="what to build (default: all)",
    )  # fmt: skip
    parser.add_argument("notebook", nargs="?", type=Path, help="with `page`: the executed notebook")
    parser.add_argument("--no-pdf", action="store_true", help="with `all`: skip the PDF")
    parser.add_argument("--timings", action="store_true", help="print each step's seconds")
    args = parser.parse_args(argv)

    notebooks = executed_notebooks()
    if not notebooks:
        raise SystemExit(
            f"error: no executed notebooks in {paths.EXECUTED.relative_to(paths.ROOT)}"
        )
    for needed in (paths.INDICATORS, SOURCES, paths.OFFICIAL_TOTALS, paths.ARTICLE_SHA256):
        if not needed.is_file():
            raise SystemExit(f"error: {needed.relative_to(paths.ROOT)} is missing")
    start = time.perf_counter()
    try:
        if args.part == "page":
            if args.notebook is None:
                raise SystemExit("error: `page` needs the executed notebook")
            write_page(args.notebook.resolve())
            timings = {f"page {args.notebook.name}": time.perf_counter() - start}
        elif args.part == "html":
            write_report_html(notebooks, paths.REPORT)
            timings = {"report.html": time.perf_counter() - start}
        elif args.part == "pdf":
            write_report_pdf(notebooks, paths.REPORT)
            timings = {"report.pdf": time.perf_counter() - start}
        else:
            timings = build(notebooks, paths.REPORT, pdf=not args.no_pdf)
    except ValueError as err:
        raise SystemExit(f"error: {err}") from None
    if not args.timings:
        return
    for step, seconds in timings.items():
        print(f"{step}: {seconds:.1f} s", file=sys.stderr)
    if "report.pdf" in timings:
        from eastwest.pdf import subsetter

        print(f"PDF fonts subset with {subsetter()}", file=sys.stderr)


if __name__ == "__main__":
    main()
