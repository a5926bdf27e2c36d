"""The walker that edits an HTML fragment's prose: markup back byte for byte, text with the
elements open around it."""

from conftest import ROOT

from eastwest.publish.html_text import edit_text, pieces


def test_markup_comes_back_byte_for_byte_from_every_committed_page():
    for page in [ROOT / "report" / "report.html", *(ROOT / "report" / "notebooks").glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "".join(piece.text for piece in pieces(text)) == text, page.name


def test_text_knows_what_is_open_around_it():
    fragment = (
        '<p>It&#39;s <a href="x>y">a link</a> &amp; <code>x = 1</code><br>tail</p>'
        "<!-- a comment --><svg><title>t</title></svg>"
    )
    found = [(p.text, [e.name for e in p.inside]) for p in pieces(fragment) if p.is_text]
    assert found == [
        ("It&#39;s ", ["p"]),
        ("a link", ["p", "a"]),
        (" &amp; ", ["p"]),
        ("x = 1", ["p", "code"]),
        ("tail", ["p"]),  # <br> is void: it opens nothing
        ("t", ["svg", "title"]),
    ]
    # A '>' inside an attribute is no end of a tag, as it was to a regular expression.
    assert edit_text(fragment, str.upper, unless=lambda p: p.within("code", "svg")) == (
        '<p>IT&#39;S <a href="x>y">A LINK</a> &AMP; <code>x = 1</code><br>TAIL</p>'
        "<!-- a comment --><svg><title>t</title></svg>"
    )
