"""Show tables and computed prose from a notebook in the form the report picks up.

The report never shows code, and shows a cell's output only when the output carries
``{"eastwest": {"kind": ..., "name": ..., "caption": ..., "alt": ...}}`` in its metadata.
``show_table`` and ``say`` attach that metadata; ``html_table`` is also how the report lays out
its own appendix tables, so that every table reads the same way.
"""

import html
import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from eastwest import edition
from eastwest.formats import (
    MISSING,
    display_value,
    fmt_number,
    format_number,
    is_missing,
    is_number,
    period,
)

KINDS = ("figure", "table", "text", "summary")
TABLE_CLASS = "eastwest-table"
STACKS_CLASS = "stacks"
LEFT = "text-align: left"

# Years and periods are labels, not quantities: "1,996" would misread.
_PLAIN_COLUMN = re.compile(r"year|period|年", re.IGNORECASE)


def output_metadata(kind: str, name: str = "", caption: str = "", alt: str = "") -> dict:
    """The metadata that makes an output part of the report."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return {"eastwest": {"kind": kind, "name": name, "caption": caption, "alt": alt}}


_DASHES = {"", "-", "–", "—"}
# Numbers a notebook has already formatted: "40,000+", "12.3%", "≈8,100", "2.33×", and with a
# qualifier in brackets, "3,000 (low end)".
_NUMBER_TEXT = re.compile(r"[~≈<>≤≥+−-]?\s?\d[\d,]*(\.\d+)?\s?[+%×]?(\s\([^()]*\))?")
_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _blank(value) -> bool:
    return is_missing(value) or (isinstance(value, str) and value.strip() in _DASHES)


def _column_classes(column: str, values: list, right: set[str]) -> str:
    """``num`` (right-aligned) for columns of numbers, ``text`` (left-aligned) for the others,
    and ``cjk`` for columns mostly in Chinese.

    Numbers may come as numbers or as text a notebook has formatted already. Text cells also
    carry their alignment inline: JupyterLab right-aligns every cell of an output table with
    CSS of its own, and an inline style is the one rule that travels with the output.

    A Chinese cell may break between any two characters, so without a minimum width the table
    layout squeezes such a column to one character per line.
    """
    classes = []
    numeric = [v for v in values if not _blank(v)]
    if column in right or (
        numeric and all(is_number(v) or _NUMBER_TEXT.fullmatch(str(v).strip()) for v in numeric)
    ):
        classes.append("num")
    else:
        classes.append("text")
    texts = [str(v) for v in values if isinstance(v, str) and not _blank(v)]
    if texts and sum(bool(_CJK.search(t)) for t in texts) * 2 >= len(texts):
        classes.append("cjk")
    style = "" if "num" in classes else f' style="{LEFT}"'
    return f' class="{" ".join(classes)}"{style}'


def html_table(
    frame,
    *,
    decimals: int | Mapping[str, int] | None = None,
    plain: Iterable[str] = (),
    index: bool = False,
    table_id: str | None = None,
    raw_html: Iterable[str] = (),
    right: Iterable[str] = (),
    stacks: bool = False,
    row_ids: Iterable[str] | None = None,
) -> str:
    """A pandas DataFrame as a plain, reproducible HTML table.

    Numbers get thousands separators and the fewest decimals that show them as they are (or
    ``decimals``: one count for all, or per column); columns named in ``plain``, or whose name
    mentions a year or period, keep their digits as they are. Columns of numbers are
    right-aligned, and so are the columns named in ``right`` (numbers already formatted as text);
    all other columns are left-aligned, wherever the table is shown.
    Cells of the ``raw_html`` columns are trusted HTML; all other text is escaped.

    A table that ``stacks`` may show each row as a block of labelled cells where the screen is
    too narrow for its columns (the report's CSS): each cell carries its column's name.
    ``row_ids`` gives each body row an id, in order.
    """
    if index:
        frame = frame.reset_index()
    columns = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    cells = [list(row) for row in frame.itertuples(index=False, name=None)]
    raw_html, right = set(raw_html), set(right)

    layout = []
    for i, column in enumerate(columns):
        places = decimals.get(column) if isinstance(decimals, Mapping) else decimals
        separator = column not in plain and not _PLAIN_COLUMN.search(column)
        classes = _column_classes(column, [row[i] for row in cells], right)
        layout.append((places, separator, column in raw_html, classes))

    labels = [f' data-label="{html.escape(column)}"' if stacks else "" for column in columns]
    head = "".join(
        f'<th scope="col"{classes}>{html.escape(column)}</th>'
        for column, (*_, classes) in zip(columns, layout, strict=True)
    )
    body = []
    ids = iter(row_ids) if row_ids is not None else None
    for row in cells:
        tds = []
        for value, label, (places, separator, raw, classes) in zip(
            row, labels, layout, strict=True
        ):
            if is_missing(value):
                text = MISSING
            elif raw:
                text = str(value)
            elif is_number(value):
                text = html.escape(format_number(value, places, separator))
            else:
                text = html.escape(str(value))
            tds.append(f"<td{classes}{label}>{text}</td>")
        row_id = f' id="{html.escape(next(ids))}"' if ids is not None else ""
        body.append(f"<tr{row_id}>{''.join(tds)}</tr>")
    ident = f' id="{html.escape(table_id)}"' if table_id else ""
    names = f"{TABLE_CLASS} {STACKS_CLASS}" if stacks else TABLE_CLASS
    return (
        f'<table class="{names}"{ident}>\n<thead><tr>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )


def reading_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The indicator table as a reader wants it: names, figure as written, value, unit, period."""
    return pd.DataFrame(
        {
            "Indicator": frame["name_en"],
            "中文": frame["name_zh"],
            "As written": frame["figure"],
            "Value": [
                display_value(v, q) for v, q in zip(frame["value"], frame["qualifier"], strict=True)
            ],
            "Unit": frame["unit"],
            "Period": [
                period(s, e, open_end="from {start}", open_start="{end}")
                for s, e in zip(frame["period_start"], frame["period_end"], strict=True)
            ],
            "Part": frame["part"],
        }
    )


def _display(bundle: dict, metadata: dict) -> None:
    from IPython.display import display

    display(bundle, metadata=metadata, raw=True)


def show_table(frame, caption: str, name: str, **layout) -> None:
    """Display ``frame`` as a numbered table of the report (``layout`` goes to ``html_table``)."""
    if not name:
        raise ValueError("a table needs a name")
    bundle = {
        "text/html": html_table(frame, table_id=f"table-{name}", **layout),
        "text/plain": frame.to_string(index=layout.get("index", False)),
    }
    _display(bundle, output_metadata("table", name=name, caption=caption, alt=caption))


# The report links a number marked with ``derived`` to the notebook cell whose output states it,
# on the reviewers' page of that notebook; this placeholder stands for that address.
COMPUTED_HREF = "#computed"


def derived(text: str) -> str:
    """``text`` (a sum, ratio or pace worked out from the figures) marked as computed."""
    return f"[{text}]({COMPUTED_HREF})"


def cited_count(row: pd.Series) -> str:
    """A count of the article's, in English with its 多 as '+' (3,000+), linked to its row; in
    Chinese with the article's own 多 or 余 (8万余)."""
    text = fmt_number(row["value"], row["qualifier"])
    if edition.current() != "en" and "余" in str(row.get("figure", "")):
        text = text.replace("多", "余")
    return cited(text, row["indicator"])


def figure_row_id(indicator: str) -> str:
    """The id of an article figure's row in the report's Appendix Table A.1."""
    return "a-" + re.sub(r"[^a-z0-9]+", "-", indicator.lower()).strip("-")


def cited(text: str, indicator: str) -> str:
    """``text``, a figure of the article written in English (34,000), linked to its row in the
    appendix, which quotes the sentence it was read from."""
    return f"[{text}](#{figure_row_id(indicator)})"


def texts_beside(module_file: str) -> dict:
    """A module's sentences, as text with {placeholders}: the .toml file of the same name beside
    it (which the build counts as part of the module: eastwest.build.records), in the current
    edition's language."""
    return _texts(Path(module_file).with_suffix(".toml"), edition.current())


@cache
def _texts(path: Path, name: str) -> dict:
    context = "/".join(path.parts[-2:])  # as the catalogs name it: analysis/findings.toml
    return edition.map_strings(
        tomllib.loads(path.read_text(encoding="utf-8")),
        lambda key, text: edition.translated(f"{context} {key}", text, name),
    )


def say(markdown_text: str, kind: str = "text", name: str = "") -> None:
    """Display computed Markdown as narrative (``kind="text"``) or for the summary.

    A text from a :func:`eastwest.edition.bilingual` function brings its Chinese with it, which
    the output's metadata keeps for the Chinese edition."""
    if kind not in ("text", "summary"):
        raise ValueError(f"say() shows text or summary, not {kind!r}")
    bundle = {"text/markdown": markdown_text, "text/plain": markdown_text}
    metadata = output_metadata(kind, name=name)
    if chinese := getattr(markdown_text, "zh", None):
        metadata["eastwest"]["zh"] = {"markdown": chinese}
    _display(bundle, metadata)
