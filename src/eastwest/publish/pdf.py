"""Typeset report.html as report.pdf with WeasyPrint.

Chinese comes from an explicit @font-face on ``fonts.cjk_serif_font_path()`` under the report's
own family name: left to fontconfig, a machine without the font installed would set Chinese as
empty boxes, with nothing but a log warning. The one FontConfiguration that loads that face must
also write the PDF, or the face is not found at drawing time. Every other face comes from
matplotlib's font folder through ``fonts.private_fontconfig()``: the system's fonts never take part.

The same HTML gives the same bytes on any machine with the same environment and Pango. WeasyPrint
would subset fonts with HarfBuzz where the system has libharfbuzz-subset and with fontTools
elsewhere, and the two give different bytes, so ``render_pdf`` always takes fontTools.

Otherwise WeasyPrint writes dates only when the HTML asks for them
(it doesn't), font names derive from the font data, and the one clock left, the modification
time fontTools stamps on every font subset it saves, reads SOURCE_DATE_EPOCH.
"""

import logging
import os
import re
from contextlib import contextmanager

from eastwest.fonts import cjk_serif_font_path, private_fontconfig
from eastwest.publish.pango import require_pango
from eastwest.publish.webfonts import CJK_FAMILY

# The HTML carries the CJK face as a subset of the same font file, cut to the document's
# characters. The PDF takes that face through CSS() instead of the page: WeasyPrint then subsets a
# few hundred glyphs, where the full 16 MB font cost it tens of seconds with fontTools.
_EMBEDDED_FONT = re.compile(r'<style id="eastwest-font">(.*?)</style>\s*', re.DOTALL)


# The PDF says what it is: PDF/UA-1 (universal accessibility). WeasyPrint then tags it (headings,
# lists, tables, figures with their alt text, for screen readers and reflow) and declares the
# variant in an XMP metadata stream, beside report.html's language and title. That stream holds
# no date and no random id, so the same HTML still gives the same bytes.
PDF_VARIANT = "pdf/ua-1"

# 2016-12-31T00:00:00Z, the end of the period studied; used unless SOURCE_DATE_EPOCH is set.
FONT_EPOCH = "1483142400"


@contextmanager
def _fixed_clock():
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = before or FONT_EPOCH
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def font_face_css() -> str:
    return (
        f'@font-face {{ font-family: "{CJK_FAMILY}"; font-style: normal; font-weight: 400;\n'
        f'  src: url("{cjk_serif_font_path().as_uri()}"); }}\n'
    )


def subsetter() -> str:
    """Which library subsets the PDF's fonts: always fontTools (see the module's docstring)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    found = harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0)
    return "fontTools (libharfbuzz-subset " + ("present, not used)" if found else "not present)")


def _use_fonttools_subsetter() -> None:
    """Make WeasyPrint subset with fontTools, as it does where libharfbuzz-subset is missing.

    The one private name the build touches, for reproducible bytes, not for speed: WeasyPrint
    (``weasyprint.pdf.fonts``) picks HarfBuzz's subsetter when the module-level
    ``harfbuzz_subset`` is found and fontTools' otherwise; tests/publish/test_pdf.py fails if an
    upgrade renames it.
    """
    from weasyprint.pdf import fonts

    fonts.harfbuzz_subset = None


class _FontToolsNotice(logging.Filter):
    """Drop WeasyPrint's per-font warning that it falls back to fontTools: expected here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "instead of HarfBuzz-Subset" not in record.getMessage()


def load_weasyprint() -> None:
    """Import WeasyPrint, or stop with one line where Pango is missing."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        require_pango()
        import weasyprint.text.fonts  # noqa: F401


def embedded_fonts(html_text: str) -> str | None:
    """The @font-face rules a page embeds (assemble fills its fonts' style element), if any."""
    embedded = _EMBEDDED_FONT.search(html_text)
    return embedded.group(1) if embedded and "@font-face" in embedded.group(1) else None


def render_pdf(html_text: str, fonts: str | None = None) -> bytes:
    """The PDF of ``html_text`` (report.html), with every font embedded and subset: the fonts
    the page embeds, or ``fonts`` (those of the page it is a copy of)."""
    load_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.logger import LOGGER
    from weasyprint.text.fonts import FontConfiguration

    _use_fonttools_subsetter()
    notice = _FontToolsNotice()
    LOGGER.addFilter(notice)
    try:
        face = fonts or embedded_fonts(html_text)
        with private_fontconfig():
            font_config = FontConfiguration()
        stylesheet = CSS(string=face or font_face_css(), font_config=font_config)
        document = HTML(string=_EMBEDDED_FONT.sub("", html_text, count=1))
        with _fixed_clock():
            return document.write_pdf(
                stylesheets=[stylesheet], font_config=font_config, pdf_variant=PDF_VARIANT
            )
    finally:
        LOGGER.removeFilter(notice)
