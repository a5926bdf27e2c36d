"""The prose of an HTML fragment, apart from its markup: one walker, on the standard library's
HTML parser.

``pieces(fragment)`` cuts a fragment into markup and text, each with the elements open around
it, as the parser nests them. Joined again, the pieces give the fragment back byte for byte, so
that an edit of the text (curly quotes, lines that keep a figure whole, language spans) changes
nothing else. A text piece is the raw text between two pieces of markup, entities included.
"""

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import NamedTuple

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


class Element(NamedTuple):
    name: str
    attrs: dict[str, str | None]


class Piece(NamedTuple):
    text: str
    is_text: bool
    inside: tuple[Element, ...]  # the elements open around it, outermost first

    def within(self, *names: str) -> bool:
        """Whether one of the elements ``names`` is open around this piece."""
        return any(element.name in names for element in self.inside)


class _Marks(HTMLParser):
    """Where each piece starts, whether it is text, and what is open there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.marks: list[tuple[tuple[int, int], bool, tuple[Element, ...]]] = []
        self.open: list[Element] = []

    def _mark(self, is_text: bool) -> None:
        self.marks.append((self.getpos(), is_text, tuple(self.open)))

    def handle_starttag(self, tag, attrs) -> None:
        self._mark(False)
        if tag not in VOID:
            self.open.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag) -> None:
        self._mark(False)
        names = [element.name for element in self.open]
        if tag in names:  # an end tag closes what is open inside its element too
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def handle_startendtag(self, tag, attrs) -> None:
        self._mark(False)

    def handle_data(self, data) -> None:
        self._mark(True)

    handle_entityref = handle_charref = handle_data

    def handle_comment(self, data) -> None:
        self._mark(False)

    handle_decl = handle_pi = unknown_decl = handle_comment


def pieces(fragment: str) -> Iterator[Piece]:
    parser = _Marks()
    parser.feed(fragment)
    parser.close()
    line_starts = [0]
    for line in fragment.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    starts = [(line_starts[line - 1] + column, is_text, inside)
              for (line, column), is_text, inside in parser.marks]  # fmt: skip
    ends = [start for start, _, _ in starts[1:]] + [len(fragment)]
    text, is_text, inside = "", None, ()
    for (start, this_is_text, this_inside), end in zip(starts, ends, strict=True):
        if this_is_text and is_text:  # data and the entities inside it: one text piece
            text += fragment[start:end]
            continue
        if is_text is not None:
            yield Piece(text, is_text, inside)
        text, is_text, inside = fragment[start:end], this_is_text, this_inside
    if is_text is not None:
        yield Piece(text, is_text, inside)


def edit_text(fragment: str, edit, unless=lambda piece: False) -> str:
    """``fragment`` with ``edit`` applied to each text piece but those ``unless`` keeps."""
    return "".join(
        edit(piece.text) if piece.is_text and not unless(piece) else piece.text
        for piece in pieces(fragment)
    )
