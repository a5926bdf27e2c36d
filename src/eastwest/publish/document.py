"""The reader's document as it is built: notebooks' Markdown and tagged outputs turned into
numbered headings, figures and tables, with the entries the contents list."""

import base64
import html
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path

import mistune
import nbformat
from markupsafe import Markup

from eastwest import edition, paths
from eastwest.analysis.tables import COMPUTED_HREF
from eastwest.publish.html_text import pieces
from eastwest.publish.inline_svg import inline_svg

# ---------------------------------------------------------------------------------------------
# Markdown with numbered headings

SKIP_TAG = "report-skip"
SHORT_TABLE_ROWS = 16  # header included


@dataclass(frozen=True)
class Inputs:
    """The files the report reads besides the notebooks; tests point them elsewhere."""

    figures: Path = paths.FIGURES
    indicators: Path = paths.INDICATORS
    sources: Path = paths.SOURCES
    official_totals: Path = paths.OFFICIAL_TOTALS
    article_sha256: Path = paths.ARTICLE_SHA256
    citation: Path = paths.ROOT / "CITATION.cff"
    markdown_images: Path = paths.NOTEBOOKS  # relative image links in Markdown resolve here


class _Renderer(mistune.HTMLRenderer):
    """Mistune's HTML, with headings numbered by the document and images embedded."""

    def __init__(self, document: "Document", numbered: bool):
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
        alt = html.escape(plain_text(text) or title or "Image", quote=True)
        src = self.document.embedded_image(url, self.cell)
        return f'<img src="{html.escape(src, quote=True)}" alt="{alt}">'


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, entities left escaped."""
    return "".join(piece.text for piece in pieces(fragment) if piece.is_text).strip()


_MANUAL_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+)\s+")


@dataclass
class Entry:
    """A heading, figure or table as the contents list it: ``text`` is HTML."""

    level: int
    number: str
    ident: str
    text: Markup


@dataclass
class Document:
    inputs: Inputs
    graphics: str = "svg"  # or "png", for the PDF
    sections: list[int] = field(default_factory=lambda: [0, 0, 0])
    contents: list[Entry] = field(default_factory=list)
    figures: list[Entry] = field(default_factory=list)
    tables: list[Entry] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    unnumbered_headings: int = 0
    notebook_name: str = ""
    # The edition's words for "Figure 3" and "Table 1", and where the notebooks' pages are.
    figure_label: str = "Figure {number}"
    table_label: str = "Table {number}"
    pages: str = "notebooks"

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
            self.contents.append(Entry(level, number, ident, Markup(plain_text(text))))
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
        if (name := edition.current()) != "en" and kind != "table":
            spec, data = self._in_edition(spec, data, name)
        if kind == "figure":
            self.body.append(self.figure(spec, data))
        elif kind == "table":
            self.body.append(self.table(spec, data["text/html"]))
        elif kind == "text":
            self.body.append(self.computed_links(self.markdown(data["text/markdown"], cell), cell))
        elif kind == "summary":
            text = self.computed_links(self.markdown(data["text/markdown"], cell, True), cell)
            if spec.get("name") == "bottom_line":
                text = f'<div class="bottom-line">\n{text}</div>\n'
            self.summary.append(text)
        else:
            raise ValueError(f"output with unknown eastwest kind {kind!r}")

    def _in_edition(self, spec: dict, data: dict, name: str) -> tuple[dict, dict]:
        """An output as edition ``name`` shows it: the words its metadata carries for it."""
        words = spec.get(name)
        if not words:
            raise ValueError(
                f"{self.notebook_name}: an output of the report ({spec.get('kind')} "
                f"{spec.get('name') or ''}) has no {name} text; make its words bilingual"
            )
        if spec["kind"] == "figure":
            return spec | words | {"folder": name}, data
        return spec, {"text/markdown": words["markdown"]}

    def computed_links(self, fragment: str, cell) -> str:
        """A derived number links to the reviewers' page of its notebook, at the cell that
        states it, where the code that computes it is shown; a cited figure of the article to
        its appendix row, as ``house_style.link_figures`` links the figures it finds."""
        target = f"{self.pages}/{self.notebook_name}.html#cell-id={cell.get('id', '')}"
        fragment = fragment.replace('<a href="#a-', '<a class="fig-ref" href="#a-')
        return fragment.replace(
            f'<a href="{COMPUTED_HREF}">', f'<a class="calc-ref" href="{html.escape(target)}">'
        )

    def figure(self, spec: dict, data: dict) -> str:
        number = len(self.figures) + 1
        name, caption = spec.get("name", ""), sentence(spec.get("caption", ""))
        alt = spec.get("alt") or caption or f"Figure {number}"
        ident = self.unique_id(f"fig-{slug(name) or number}")
        folder = self.inputs.figures / spec.get("folder", "")
        svg, png_file = folder / f"{name}.svg", folder / f"{name}.png"
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
        self.figures.append(Entry(0, str(number), ident, Markup.escape(_short(caption))))
        label = html.escape(self.figure_label.format(number=number))
        return (
            f'<figure class="chart" id="{ident}">\n{graphic}\n'
            f'<figcaption><span class="label">{label}{_stop(label)}</span> '
            f"{html.escape(caption)}</figcaption>\n</figure>\n"
        )

    def table(self, spec: dict, table_html: str, number: str | None = None) -> str:
        number = number or str(len([t for t in self.tables if t.number.isdigit()]) + 1)
        name, caption = spec.get("name", ""), sentence(spec.get("caption", ""))
        ident = self.unique_id(f"tab-{slug(name) or number}")
        self.tables.append(Entry(0, number, ident, Markup.escape(_short(caption))))
        # A short table is kept on one page: split, it would leave a row or two alone.
        short = " short" if table_html.count("<tr") <= SHORT_TABLE_ROWS else ""
        label = html.escape(self.table_label.format(number=number))
        return (
            f'<figure class="table{short}" id="{ident}">\n'
            f'<figcaption><span class="label">{label}{_stop(label)}</span> '
            f"{html.escape(caption)}</figcaption>\n"
            f'<div class="table-wrap">\n{table_html}\n</div>\n</figure>\n'
        )

    def notebook(self, nb: nbformat.NotebookNode, name: str) -> None:
        self.notebook_name = name
        self.body.append(f'<section class="chapter" data-notebook="{html.escape(name)}">\n')
        for cell in nb.cells:
            if SKIP_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            if cell.cell_type == "markdown":
                self.body.append(self.markdown(translated_markdown(name, cell), cell))
            elif cell.cell_type == "code":
                for output in cell.get("outputs", []):
                    self.output(output, cell)
        self.body.append("</section>\n")


def translated_markdown(notebook: str, cell) -> str:
    """A Markdown cell in the current edition: each paragraph its catalog's entry (the
    paragraphs as ``catalogs.extract_notebook`` gives them)."""
    if edition.current() == "en":
        return cell.source
    context = f"{notebook}.ipynb {cell.get('id', '')}"
    paragraphs = filter(None, (p.strip() for p in cell.source.split("\n\n")))
    return "\n\n".join(edition.translated(context, p) for p in paragraphs)


def _stop(label: str) -> str:
    """The full stop after a label: 'Figure 1.'; a Chinese label (图1) takes none."""
    return "." if label.isascii() else ""


def sentence(caption: str) -> str:
    """A caption as house style sets every one: a sentence, ending with a full stop."""
    caption = caption.strip()
    if caption and not re.search(r"""[.!?。][”’'"]*$""", caption):
        caption += "."
    return caption


def _short(caption: str) -> str:
    """A caption's first clause, for the lists of figures and tables."""
    head = re.split(r"(?<=\S)(?:[:;.]\s|[：；。]\s?)", caption, maxsplit=1)[0]
    return head if len(head) >= 12 else caption


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
