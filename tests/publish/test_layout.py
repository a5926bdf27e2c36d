"""The HTML pages laid out on a phone (390 px) and, for the report, a desktop screen (1400 px).

The setup installs no browser: Chromium is a system package, and the pip packages that drive one
download it from the network. So the layout comes from the engine the project already has,
WeasyPrint, given screen media and a page as wide as the screen. Three differences from a browser
are closed first: WeasyPrint matches media queries by type only, so the width queries are decided
here for the screen's width; it would hyphenate long strings (a SHA-256) that browsers leave
whole, so hyphenation is off, the worst case; and it reads ``overflow`` but not ``overflow-x``,
so a frame that scrolls must say ``overflow: auto`` (which browsers read too).

Then no box may reach past the screen's right edge unless it sits inside a frame that scrolls;
nothing may be cut off by a frame that clips without scrolling (code cells were); and every
table must be inside a frame that scrolls, itself within the screen, or show its rows as blocks
(the appendix's on a phone).
"""

import re
from functools import cache

import pytest

from eastwest import paths
from eastwest.fonts import private_fontconfig

REPORT = paths.REPORT / "report.html"
NOTEBOOK_PAGES = sorted((paths.REPORT / "notebooks").glob("[0-9][0-9]_*.html"))
PHONE, DESKTOP = 390, 1400
# Each page at each width it must work at: the notebook pages, full width at any size, are
# checked where they used to break.
LAYOUTS = [(REPORT, PHONE), (REPORT, DESKTOP)] + [(page, PHONE) for page in NOTEBOOK_PAGES]
SCROLLS = {"auto", "scroll"}
TOLERANCE_PX = 0.5
MEDIA = re.compile(r"@media([^{;]*)\{")
WIDTH_FEATURE = re.compile(r"\(\s*(min|max)-width\s*:\s*([\d.]+)(px|em|rem)\s*\)")


def _matches(query: str, width: int) -> bool:
    """Whether one media query (no commas) holds on a screen ``width`` px wide."""
    words = set(re.sub(r"\([^)]*\)", " ", query).lower().split()) - {"and", "only"}
    if words - {"screen", "all"}:
        return False  # print, speech, "not ...": none of them is this screen
    for bound, number, unit in WIDTH_FEATURE.findall(query):
        limit = float(number) * (16 if unit != "px" else 1)  # em in a query: the initial 16 px
        if (bound == "min" and width < limit) or (bound == "max" and width > limit):
            return False
    return True


def resolve_media_queries(page: str, width: int) -> str:
    """``page`` with every width query replaced by ``screen`` or by a type that never matches."""

    def decide(match: re.Match) -> str:
        prelude = match.group(1)
        if "(" not in prelude:
            return match.group(0)
        holds = any(_matches(q, width) for q in prelude.split(","))
        return "@media screen {" if holds else "@media speech {"

    return MEDIA.sub(decide, page)


def _label(box) -> str:
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", "?")
    classes = element.get("class") if element is not None else None
    text = (getattr(box, "text", "") or "").strip()
    return f"<{tag}{' class=' + repr(classes) if classes else ''}> {text[:40]!r}".strip()


def _right(box) -> float:
    return box.border_box_x() + box.border_width()


@cache
def layout(path, width: int):
    """Boxes past the right edge outside any scrolling frame; for each table: the id nearest
    to it, its frame (the nearest box that scrolls or clips, or None), its container (the
    nearest block) and its box; boxes hidden past the edge of a frame that clips; and for each
    table laid out as blocks, the id nearest to it and its box."""
    from weasyprint import CSS, HTML
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.fonts import FontConfiguration

    page = resolve_media_queries(path.read_text(encoding="utf-8"), width)
    # The environment's fonts (DejaVu, and the CJK face the page embeds), as for the PDF: the
    # same widths on every machine, whatever fonts its system has.
    with private_fontconfig():
        fonts = FontConfiguration()
    screen = CSS(
        string=f"@page {{ size: {width}px 60000px; margin: 0 }} * {{ hyphens: manual !important }}",
        font_config=fonts,
    )
    document = HTML(string=page, base_url=str(path), media_type="screen").render(
        stylesheets=[screen], font_config=fonts
    )
    overflowing, tables, cut, stacked = [], [], [], []

    def walk(box, frame, container, where):
        element = getattr(box, "element", None)
        where = element.get("id") if element is not None and element.get("id") else where
        if not isinstance(box, boxes.PageBox | boxes.MarginBox):
            if frame is None and _right(box) > width + TOLERANCE_PX:
                overflowing.append(f"{_label(box)} reaches {_right(box):.0f} px")
            clips = frame is not None and frame.style["overflow"] not in SCROLLS
            if clips and _right(box) > _right(frame) + TOLERANCE_PX:
                cut.append(f"{_label(box)} cut off at {_right(frame):.0f} px")
            if isinstance(box, boxes.TableBox) and box.element_tag == "table":
                tables.append((where, frame, container, box))
            elif box.element_tag == "table" and not _wraps_a_table(box):
                stacked.append((where, box))
            if box.style["overflow"] != "visible":
                frame = box
            if isinstance(box, boxes.BlockBox) and box.element_tag != "table":
                container = box
        for child in getattr(box, "children", []):
            walk(child, frame, container, where)

    for page_box in document.pages:
        walk(page_box._page_box, None, None, "")
    return overflowing, tables, cut, stacked


def _wraps_a_table(box) -> bool:
    from weasyprint.formatting_structure import boxes

    return any(isinstance(child, boxes.TableBox) for child in getattr(box, "children", []))


def _text(box) -> str:
    return getattr(box, "text", "") + "".join(map(_text, getattr(box, "children", [])))


def _cells(box):
    if getattr(box, "element_tag", None) == "td":
        yield box
    else:
        for child in getattr(box, "children", []):
            yield from _cells(child)


def _name(layout_case) -> str:
    return f"{layout_case[0].name}@{layout_case[1]}px"


@pytest.mark.slow
@pytest.mark.parametrize(("page", "width"), LAYOUTS, ids=map(_name, LAYOUTS))
def test_the_page_never_scrolls_sideways(page, width):
    overflowing, *_ = layout(page, width)
    assert not overflowing, (
        f"{page.name} at {width} px is wider than the screen; first boxes past the edge:\n  "
        + "\n  ".join(dict.fromkeys(overflowing[:20]))
    )


@pytest.mark.slow
@pytest.mark.parametrize(("page", "width"), LAYOUTS, ids=map(_name, LAYOUTS))
def test_every_table_scrolls_inside_a_frame_within_the_screen(page, width):
    _, tables, _, stacked = layout(page, width)
    # Every table of the page is laid out, none missed by the walk (a table running onto the
    # next page of the layout is there twice).
    laid_out = {id(table.element) for *_, table in tables} | {id(t.element) for _, t in stacked}
    assert len(laid_out) == len(re.findall(r"<table[\s>]", page.read_text(encoding="utf-8")))
    for ident, table in stacked:
        assert "stacks" in table.element.get("class").split(), f"table {ident} lost its layout"
    for ident, frame, _, _ in tables:
        assert frame is not None, f"table {ident} is in no frame that scrolls"
        assert frame.style["overflow"] in SCROLLS, f"table {ident}: its frame clips, not scrolls"
        assert _right(frame) <= width + TOLERANCE_PX, f"table {ident}: its frame is too wide"


@pytest.mark.slow
@pytest.mark.parametrize(("page", "width"), LAYOUTS, ids=map(_name, LAYOUTS))
def test_nothing_is_cut_off_by_a_frame_that_does_not_scroll(page, width):
    _, _, cut, _ = layout(page, width)
    assert not cut, f"{page.name} at {width} px hides content:\n  " + "\n  ".join(
        dict.fromkeys(cut[:20])
    )


@pytest.mark.slow
def test_tables_fit_their_frame_on_a_desktop_screen():
    _, tables, *_ = layout(REPORT, DESKTOP)
    for ident, _, container, table in tables:
        overflow = _right(table) - _right(container)
        assert overflow <= TOLERANCE_PX, (
            f"table {ident} is {overflow:.0f} px wider than its container at {DESKTOP} px"
        )


@pytest.mark.slow
def test_the_appendix_tables_show_each_row_as_labelled_lines_on_a_phone_only():
    appendix = {"tab-indicators", "tab-official-totals"}
    _, _, _, stacked = layout(REPORT, PHONE)
    assert {ident for ident, _ in stacked} == appendix
    for ident, table in stacked:
        cells = list(_cells(table))
        assert cells, f"table {ident} has no cells"
        for cell in cells:
            first = cell.children[0] if cell.children else None
            label = cell.element.get("data-label")
            # Each cell starts with its column's name (an empty cell shows nothing at all).
            assert label and getattr(first, "element_tag", "") == "td::before", (ident, label)
            # (the space where a label's line breaks is in no box)
            assert "".join(_text(first).split()) == "".join(label.split())
            assert _right(cell) <= PHONE + TOLERANCE_PX
    _, tables, _, stacked = layout(REPORT, DESKTOP)
    assert not stacked and appendix <= {ident for ident, *_ in tables}


def test_width_queries_are_decided_like_a_browser():
    css = (
        "@media screen and (min-width: 80em) { a {} } @media print { b {} } "
        "@media screen and (max-width: 400px), print and (min-width: 1px) { c {} }"
    )
    phone = resolve_media_queries(css, PHONE)
    desktop = resolve_media_queries(css, DESKTOP)
    assert phone.count("@media speech {") == 1 and "@media screen { c" in phone
    assert "@media screen { a" in desktop and "@media speech { c" in desktop
    assert "@media print { b" in phone and "@media print { b" in desktop


def test_every_notebook_has_a_page_to_lay_out():
    notebooks = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert [p.stem for p in NOTEBOOK_PAGES] == [p.stem for p in notebooks]
