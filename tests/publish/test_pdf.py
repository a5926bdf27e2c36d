"""The PDF's font subsets, kept in the font cache, give the committed PDF cold and warm."""

from types import SimpleNamespace

import pytest
from conftest import ROOT

from eastwest import stored
from eastwest.publish import pdf, reader


@pytest.mark.slow
def test_the_committed_pdf_with_an_empty_and_a_filled_font_cache(tmp_path, monkeypatch):
    """Two renders of the committed notebooks (about 10 s): the first cuts every font subset and
    stores it, the second reads them all back."""
    monkeypatch.setattr(stored, "CACHE", tmp_path / ".cache")
    html = reader.printed_html(reader.executed_notebooks())
    committed = (ROOT / "report" / "report.pdf").read_bytes()

    assert pdf.render_pdf(html) == committed
    kept = sorted((tmp_path / ".cache" / "pdf-font").iterdir())
    assert kept, "the PDF's subsets were stored"
    before = {path: path.stat().st_mtime_ns for path in kept}

    assert pdf.render_pdf(html) == committed
    assert sorted((tmp_path / ".cache" / "pdf-font").iterdir()) == kept, "no other key"
    assert {path: path.stat().st_mtime_ns for path in kept} == before, "read back, not cut again"


def test_a_font_subset_is_kept_for_the_clock_it_was_stamped_with(tmp_path, monkeypatch):
    """fontTools dates every subset it saves from SOURCE_DATE_EPOCH: a subset cut under another
    clock (a render outside the build's fixed one) is not handed to the next render."""
    import io

    from fontTools.ttLib import TTFont
    from weasyprint.pdf import fonts

    from eastwest.fonts import latin_faces

    monkeypatch.setattr(stored, "CACHE", tmp_path / ".cache")
    pdf._use_fonttools_subsetter()
    path = latin_faces("EastWest Sans")[0][1]

    def subset_dated(epoch: str) -> int:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        font = SimpleNamespace(file_content=path.read_bytes(), index=0, missing={}, family="x")
        fonts.Font._fonttools_subset(font, {36: "A", 37: "B"}, False)
        return TTFont(io.BytesIO(font.file_content))["head"].modified

    early, late = subset_dated("1000000000"), subset_dated(pdf.FONT_EPOCH)
    assert early != late
    assert subset_dated(pdf.FONT_EPOCH) == late
    assert len(list((tmp_path / ".cache" / "pdf-font").iterdir())) == 2
