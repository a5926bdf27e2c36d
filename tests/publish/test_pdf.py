"""The PDF's font subsets, kept in the font cache, give the committed PDF cold and warm."""

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
