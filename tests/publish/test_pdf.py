"""The PDF: the committed one from the committed notebooks, and the one private name of
WeasyPrint's that the build sets (its subsetter), checked against the installed WeasyPrint."""

import pytest
from conftest import ROOT

from eastwest import paths
from eastwest.publish import pdf
from eastwest.publish.assemble import assemble
from eastwest.publish.document import Inputs


@pytest.mark.slow
def test_the_committed_pdf_from_the_committed_notebooks():
    """One render of the committed notebooks (a few seconds)."""
    notebooks = sorted(paths.EXECUTED.glob("[0-9][0-9]_*.ipynb"))
    html = assemble(notebooks, Inputs(), graphics="png")
    assert pdf.render_pdf(html) == (ROOT / "report" / "report.pdf").read_bytes()


def test_weasyprint_still_picks_its_subsetter_by_the_name_the_build_sets():
    """WeasyPrint subsets with HarfBuzz where ``weasyprint.pdf.fonts.harfbuzz_subset`` is set and
    with fontTools where it is None; the build sets it to None (``pdf._use_fonttools_subsetter``)
    so that every machine cuts the same bytes. An upgrade that renames or stops reading it would
    let the system's libharfbuzz-subset decide again: this fails first."""
    import inspect

    from weasyprint.pdf import fonts

    assert hasattr(fonts, "harfbuzz_subset"), "WeasyPrint no longer has harfbuzz_subset"
    assert "harfbuzz_subset" in inspect.getsource(fonts.Font.subset)
    assert hasattr(fonts.Font, "_fonttools_subset")
    pdf._use_fonttools_subsetter()
    assert fonts.harfbuzz_subset is None
