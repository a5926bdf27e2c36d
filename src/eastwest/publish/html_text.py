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
    kind: str  # "text", "start" (a start tag), "end" (an end tag) or "other" markup
    inside: tuple[Element, ...]  # the elements open around it, outermost first
    element: Element | None = None  # the element a start tag opens (void ones too)

    @property
    def is_text(self) -> bool:
        return self.kind == "text"

    def within(self, *names: str) -> bool:
        """Whether one of the elements ``names`` is open around this piece."""
        return any(element.name in names for element in self.inside)

    def opens(self, name: str, cls: str | None = None) -> bool:
        """Whether this is the start tag of a ``name`` element (of class ``cls``)."""
        return self.kind == "start" and self.element.name == name and has_class(self.element, cls)


def has_class(element: Element, cls: str | None) -> bool:
    return cls is None or cls in (element.attrs.get("class") or "").split()


class _Marks(HTMLParser):
    """Where each piece starts, whether it is text, and what is open there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.marks: list[tuple[tuple[int, int], str, tuple[Element, ...], Element | None]] = []
        self.open: list[Element] = []

    def _mark(self, kind: str, element: Element | None = None) -> None:
        self.marks.append((self.getpos(), kind, tuple(self.open), element))

    def handle_starttag(self, tag, attrs) -> None:
        element = Element(tag, dict(attrs))
        self._mark("start", element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag) -> None:
        self._mark("end")
        names = [element.name for element in self.open]
        if tag in names:  # an end tag closes what is open inside its element too
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def handle_startendtag(self, tag, attrs) -> None:
        self._mark("start", Element(tag, dict(attrs)))

    def handle_data(self, data) -> None:
        self._mark("text")

    handle_entityref = handle_charref = handle_data

    def handle_comment(self, data) -> None:
        self._mark("other")

    handle_decl = handle_pi = unknown_decl = handle_comment


def pieces(fragment: str) -> Iterator[Piece]:
    parser = _Marks()
    parser.feed(fragment)
    parser.close()
    line_starts = [0]
    for line in fragment.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    starts = [line_starts[line - 1] + column for (line, column), *_ in parser.marks]
    ends = [*starts[1:], len(fragment)]
    piece = None
    for start, end, (_, kind, inside, element) in zip(starts, ends, parser.marks, strict=True):
        if kind == "text" and piece is not None and piece.is_text:
            # Data and the entities inside it: one text piece.
            piece = piece._replace(text=piece.text + fragment[start:end])
            continue
        if piece is not None:
            yield piece
        piece = Piece(fragment[start:end], kind, inside, element)
    if piece is not None:
        yield piece


def edit_text(fragment: str, edit, unless=lambda piece: False) -> str:
    """``fragment`` with ``edit`` applied to each text piece but those ``unless`` keeps."""
    return "".join(
        edit(piece.text) if piece.is_text and not unless(piece) else piece.text
        for piece in pieces(fragment)
    )


def edit_markup(fragment: str, edit) -> str:
    """``fragment`` with each piece replaced by ``edit(piece)``: a start tag's own text, say."""
    return "".join(edit(piece) for piece in pieces(fragment))
