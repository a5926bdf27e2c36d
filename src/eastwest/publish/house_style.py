"""House style applied to the assembled text: curly quotes, links to figures and to the
appendix."""

import re

import pandas as pd

from eastwest.publish.appendix import figure_row_id

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
