"""The reviewers' pages: each executed notebook, code included, as an offline HTML page.

``report/notebooks/NN_name.html`` beside ``report/notebooks/NN_name.ipynb``, written by
``execute`` after it runs the notebook. Each page embeds its own font subsets, links to the
report and to the other notebooks, and passes the same offline audit as the report.
"""

from functools import cache
from pathlib import Path

import nbformat

from eastwest import paths
from eastwest.analysis.tables import COMPUTED_HREF
from eastwest.atomic import write_text
from eastwest.publish import TEMPLATES, template
from eastwest.publish.document import Inputs
from eastwest.publish.html_audit import checked
from eastwest.publish.html_text import Piece, edit_markup
from eastwest.publish.screen_nav import notebook_navigation
from eastwest.publish.webfonts import PAGE_LATIN, embedded_font_css


@cache
def _exporter():
    # One for every page of a process: loading its templates is a fifth of an export.
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file="notebook.html.j2",
        extra_template_paths=[str(TEMPLATES)],
        embed_images=True,
    )


def notebook_html(path: Path, inputs: Inputs = Inputs()) -> str:
    """One executed notebook, code included, as an offline HTML page (without the CJK font)."""
    exporter = _exporter()
    nb = nbformat.read(path, as_version=4)
    _computed_links_to_own_cell(nb)
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
    # nbconvert makes each cell's input focusable, but what scrolls on a narrow screen is the
    # code's editor inside it, which the keyboard could then not scroll: the editor takes the
    # focus instead, and Markdown, which never scrolls, none.
    return edit_markup(page, _focus_on_the_editor)


def _focus_on_the_editor(piece: Piece) -> str:
    if piece.opens("div", "jp-Cell-inputWrapper"):
        return piece.text.replace(' tabindex="0"', "")
    if piece.opens("div", "jp-InputArea-editor") and "tabindex" not in piece.element.attrs:
        return piece.text.removesuffix(">") + ' tabindex="0">'
    return piece.text


def _computed_links_to_own_cell(nb: nbformat.NotebookNode) -> None:
    """A derived number in a cell's text links to that cell, whose code computes it (the
    reader's report links the same number here); a cited figure of the article to its row in
    the reader's appendix, which this page does not have."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown")
            if text:
                output["data"]["text/markdown"] = text.replace(
                    f"]({COMPUTED_HREF})", f"](#cell-id={cell.get('id', '')})"
                ).replace("](#a-", "](../report.html#a-")


def with_font(page: str, font_css: str) -> str:
    """``page`` with the CJK font and the Latin-first font stack added to its <head>."""
    style = f'<style id="eastwest-fonts">\n{font_css}{template("notebook.css")}</style>\n'
    return page.replace("</head>", style + "</head>", 1)


def write_page(notebook: Path, inputs: Inputs = Inputs()) -> None:
    """report/notebooks/NN_name.html beside the executed notebook, code included."""
    page = notebook_navigation(
        notebook_html(notebook, inputs),
        notebook.stem,
        # The source notebooks, not the executed copies: a parallel build renders one page
        # while others are still executing.
        [path.stem for path in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))],
        report="../report.html",
    )
    write_text(
        notebook.with_suffix(".html"),
        checked(with_font(page, embedded_font_css(page, latin=PAGE_LATIN)), notebook.name),
    )
