"""The charts' house style, and the plumbing every chart shares.

Every chart function (in ``labour``, ``funding``, ``totals``, ``timeline``, ``pairings``) takes
the indicators and returns a :class:`Chart`: the Figure, the numbers it plots (one row per mark
or written value, naming the indicators behind it), an alt text built from those same numbers,
and the figure's file name. No chart holds a number of its own; every value comes from
``data/processed/indicators.csv``.

``publish()`` writes ``figures/<name>.png`` and ``.svg`` so that a rebuild gives the same bytes,
and shows the PNG in the notebook with the metadata the report assembler looks for.
"""

import base64
import io
import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import NamedTuple

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from eastwest import paths
from eastwest.analysis.external import load_sources, publisher_label
from eastwest.analysis.tables import output_metadata, texts_beside
from eastwest.atomic import write_bytes
from eastwest.edition import current
from eastwest.fonts import CJK_FAMILY, cjk_font_path, environment_font_files
from eastwest.formats import iso_date, part_numeral, period

STYLE = Path(__file__).with_name("eastwest.mplstyle")
SOURCES = paths.SOURCES
FONT_FAMILY = ("DejaVu Sans", CJK_FAMILY)
PNG_DPI = 200

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies and in grey.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
# The article's own three channels of aid (政府援助、企业合作、社会帮扶) keep one colour each
# in every chart, so a reader learns them once.
ACTOR_COLOURS = {
    "government": OKABE_ITO["blue"],
    "enterprise": OKABE_ITO["orange"],
    "society": OKABE_ITO["green"],
    # Projects the article counts without saying who ran them (part 2: 实施合作项目).
    "cooperation": OKABE_ITO["purple"],
    # People: labour sent east, training, exchanges of officials.
    "people": OKABE_ITO["vermillion"],
}
PEOPLE = ACTOR_COLOURS["people"]
PEOPLE_PALE = "#F3C9A8"  # the same hue, for a quantity shown beside its part (trained, placed)
INK = "#333333"
MUTED = "#666666"
NOTE_INK = "#444444"  # darker than MUTED: notes are read, not glanced at
GUIDE = "#E3E3E3"
PALE = "#C9DDEB"

# Charts are drawn at the width they print at (the PDF's text is 6.54 inches wide), so type
# sizes are print sizes; notes at 8 pt stay readable. Characters of a note line at that size:
PRINT_WIDTH = 6.5
NOTE_SIZE = 8
NOTE_WIDTH = 104


# --------------------------------------------------------------------------------------------
# Style and fonts


@cache
def register_cjk_font() -> Path:
    """Make the environment's fonts the only ones matplotlib draws with, Noto Sans CJK SC added
    by path (no font-cache edits, no SimHei): a system's DejaVu or Noto CJK never stands in."""
    own = {path.resolve() for path in environment_font_files()}
    manager = font_manager.fontManager
    manager.ttflist = [font for font in manager.ttflist if Path(font.fname).resolve() in own]
    path = cjk_font_path()
    manager.addfont(str(path))  # also empties matplotlib's font-lookup cache
    return path


@contextmanager
def style():
    """The house style for the duration of a block.

    Chart functions and ``publish()`` both run inside it, because the inline backend may reset
    global rcParams between cells and some parameters (minus sign, SVG options) are read only
    at draw time.
    """
    register_cjk_font()
    with plt.style.context(STYLE), mpl.rc_context({"font.family": list(FONT_FAMILY)}):
        yield


def use_style() -> None:
    """Apply the house style globally, for figures made directly with pyplot."""
    register_cjk_font()
    plt.style.use(STYLE)
    mpl.rcParams["font.family"] = list(FONT_FAMILY)


# --------------------------------------------------------------------------------------------
# Sources and periods, as every chart's notes give them


@cache
def _sources() -> pd.DataFrame:
    return load_sources(SOURCES)


def source_line(parts: Iterable[int]) -> str:
    """'Source: article part 2 (Guangming Daily 光明日报, 2015-11-28)', from data/sources.csv."""
    text = texts_beside(__file__)
    items = []
    for part in sorted({int(p) for p in parts}):
        row = _sources().loc[f"part{part}"]
        publisher = publisher_label(row["publisher"])
        # A part found nowhere else is known by its figures: its total is that publisher's.
        known = "" if row["url"] else text["known_by_total"]
        items.append(text["part"].format(part=part_numeral(part), known=known, publisher=publisher,
                                         published=iso_date(row["published"])))  # fmt: skip
    if not items:
        raise ValueError("source_line: no article part given")
    head = text["source"] if len(items) == 1 else text["sources"]
    return head.format(parts=text["separator"].join(items))


_PERIOD_NOTE = re.compile(r"^(?P<zh>[^\s(]+) \((?P<en>[^)]+)\)")


def period_label(row: pd.Series) -> str:
    """'1996–2014', '2015', or the article's own words ('over 20 years 20年来')."""
    start, end = row["period_start"], row["period_end"]
    if pd.notna(start) and pd.notna(end):
        return period(start, end)
    match = _PERIOD_NOTE.match(row["period_note"])
    chinese = current() == "zh"
    if match:
        return match["zh"] if chinese else f"{match['en']} {match['zh']}"
    return "未注明时间" if chinese else "period not stated 未注明时间"


# --------------------------------------------------------------------------------------------
# Figures


class Chart(NamedTuple):
    fig: Figure
    data: pd.DataFrame
    alt: str
    name: str
    zh: "Chart | None" = None  # the same chart drawn in the Chinese edition's words

    def with_chinese(self, chinese: "Chart") -> "Chart":
        if chinese.name != self.name:
            raise ValueError(f"chart {self.name}: the Chinese edition draws {chinese.name}")
        return self._replace(zh=chinese)


DATA_COLUMNS = ["mark", "indicator", "role", "value", "unit", "qualifier", "plotted", "label"]


def chart_data(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).reindex(columns=DATA_COLUMNS)


def input_mark(row: pd.Series) -> dict:
    """An indicator the chart writes out (in a label) or derives a plotted number from."""
    return {
        "mark": row["indicator"],
        "indicator": row["indicator"],
        "role": "input",
        "value": row["value"],
        "unit": row["unit"],
        "qualifier": row["qualifier"],
        "plotted": float("nan"),
        "label": row["figure"],
    }


# A number with the unit or measure word after it (2015年, 118.2亿元) is one piece; so is a run
# of Latin letters. Closing punctuation joins the piece before it, opening punctuation the one
# after, so that no line starts with the one or ends with the other.
_PIECE = re.compile(r"[A-Za-z0-9.,%+\-–—～/:]+(?:[年月日倍亿万元个名项所]|人次)*|\s+|.")
_CLOSES, _OPENS = set("，。、；：？！）”’》」』"), set("（“‘《「『")


def wrap_chinese(text: str, width: int) -> list[str]:
    """Chinese text in lines of at most ``width`` Latin characters' width (a Han character
    counts two), broken where Chinese may break."""
    pieces: list[str] = []
    for piece in _PIECE.findall(text):
        if pieces and (piece[0] in _CLOSES or pieces[-1][-1] in _OPENS):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    lines, line = [], ""
    for piece in pieces:
        if line and _width(line + piece) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return [*lines, line.rstrip()] if line.strip() else lines


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def add_source(fig: Figure, parts: Iterable[int], notes: Iterable[str] = ()) -> None:
    """Notes and the source line under the figure, left-aligned with it.

    Placed just below the canvas (va='top' at y=0): the tight bounding box used when saving
    takes it in, and the constrained layout never lets it overlap an axis label.
    """
    wrap = wrap_chinese if current() == "zh" else textwrap.wrap
    lines = [line for note in notes for line in wrap(note, NOTE_WIDTH)]
    text = "\n".join([*lines, source_line(parts)])
    fig.text(
        0.0, 0.0, text, ha="left", va="top", fontsize=NOTE_SIZE, color=NOTE_INK, linespacing=1.35
    )


def title(fig: Figure, text: str) -> None:
    fig.suptitle(text, x=0.0, ha="left", color=INK)


def nice_ceiling(value: float) -> float:
    """The next 1, 2, 2.5 or 5 times a power of ten at or above ``value``."""
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def thousands_axis(axis, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.{decimals}f}"))


def log_axis(ax, low: float, high: float) -> None:
    """A log x axis labelled at whole decades only, with thousands separators."""
    ax.set_xscale("log")
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    ax.xaxis.set_major_locator(FixedLocator([10.0**d for d in decades]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1 else f"{v:g}"))


# --------------------------------------------------------------------------------------------
# Publishing


_ID_REF = re.compile(r'(id="|href="#|url\(#)([^")]+)')


def _prefix_ids(svg: str, prefix: str) -> str:
    """Prefix every id (and reference to it) so that SVGs inlined in one page never collide.

    The hash salt already varies clip-path ids, but glyph outlines are named after the font
    and code point ('DejaVuSans-41'), the same in every figure.
    """
    ids = set(re.findall(r'id="([^"]+)"', svg))
    return _ID_REF.sub(
        lambda m: f"{m[1]}{prefix}-{m[2]}" if m[2] in ids else m[0],
        svg,
    )


def log_dot_figure(heading: str, values: list[float]) -> tuple[Figure, object, list[int]]:
    """A print-width figure of one log axis for a dot per value, top row first: the figure, its
    axes and each row's y."""
    fig = Figure(figsize=(PRINT_WIDTH, 3.3))
    ax = fig.subplots()
    title(fig, heading)
    log_axis(ax, min(values), max(values))
    return fig, ax, list(range(len(values)))[::-1]


def render(fig: Figure, name: str) -> tuple[bytes, bytes]:
    """The PNG and SVG bytes of ``fig``: no dates, no versions, ids salted with ``name``."""
    with style():
        # Constrained layout starts from the positions of the last layout and, when a label
        # reaches past its axes, settles only on the second: each format is saved twice, and
        # the second save kept, so that every render gives the same bytes.
        for _ in range(2):
            png = io.BytesIO()
            fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        with mpl.rc_context({"svg.hashsalt": name, "svg.fonttype": "path"}):
            for _ in range(2):
                svg = io.BytesIO()
                fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    text = _prefix_ids(svg.getvalue().decode("utf-8"), name)
    return png.getvalue(), text.encode("utf-8")


_NAME = re.compile(r"[a-z0-9][a-z0-9_]*")


def publish(
    fig: Figure,
    name: str,
    caption: str,
    alt: str,
    outdir=None,
    show: bool | None = None,
    zh: dict | None = None,
) -> None:
    """Write ``<outdir>/<name>.png`` and ``.svg`` and show the figure in the notebook.

    Returns nothing, so that a notebook cell ending in ``publish()`` shows only the figure.

    The notebook output is a display_data with the PNG and the alt text, tagged
    ``{"eastwest": {"kind": "figure", "name", "caption", "alt"}}``: the report assembler finds
    figures by that tag and embeds the SVG. ``show`` defaults to "inside IPython".
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"figure name {name!r}: use lower-case letters, digits and '_'")
    outdir = Path(outdir) if outdir is not None else paths.FIGURES
    png, svg = render(fig, name)
    write_bytes(outdir / f"{name}.png", png)
    write_bytes(outdir / f"{name}.svg", svg)
    if show is None:
        from IPython import get_ipython

        show = get_ipython() is not None
    if show:
        from IPython.display import display

        metadata = output_metadata("figure", name=name, caption=caption, alt=alt)
        if zh:
            metadata["eastwest"]["zh"] = zh
        display(
            {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt},
            raw=True,
            metadata=metadata,
        )
    # Figures made with pyplot would otherwise be shown a second time by the inline backend.
    plt.close(fig)


def show_chart(chart: Chart, caption: str, outdir=None) -> None:
    """Publish a chart of the reader's report in each edition: ``figures/<name>`` as
    ``publish()`` writes it and, drawn in Chinese, ``figures/zh/<name>``; the notebook shows
    the English one, its output's metadata carries the Chinese caption and alt text."""
    if chart.zh is None or not hasattr(caption, "zh"):
        raise ValueError(f"chart {chart.name}: a chart of the report needs both editions")
    outdir = Path(outdir) if outdir is not None else paths.FIGURES
    png, svg = render(chart.zh.fig, chart.name)
    write_bytes(outdir / "zh" / f"{chart.name}.png", png)
    write_bytes(outdir / "zh" / f"{chart.name}.svg", svg)
    plt.close(chart.zh.fig)
    publish(chart.fig, chart.name, caption, chart.alt, outdir,
            zh={"caption": caption.zh, "alt": chart.zh.alt})  # fmt: skip
