"""Every output is drawn with the environment's own font files, whatever the system has.

That a machine with other fonts under the same names builds the same bytes is proven by the
clean rebuild in tests/build/test_reproduction.py, which runs on such a machine; its control
test shows that an unprotected PDF there would pick the foreign fonts up.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eastwest import fonts
from eastwest.publish import pdf


def test_font_files_come_from_the_environment():
    for path in fonts.environment_font_files():
        assert path.is_file()
        assert Path(sys.prefix).resolve() in path.resolve().parents, path
    names = {path.name for path in fonts.environment_font_files()}
    assert {"NotoSansCJKsc-Regular.otf", "NotoSerifCJKsc-Regular.otf", "DejaVuSerif.ttf"} <= names
    assert "SimHei.ttf" not in names


def test_latin_faces_are_the_dejavu_files_under_names_of_our_own():
    faces = fonts.latin_faces("EastWest Serif")
    assert {(path.name, weight, style) for _, path, weight, style in faces} == {
        ("DejaVuSerif.ttf", 400, "normal"),
        ("DejaVuSerif-Bold.ttf", 700, "normal"),
        ("DejaVuSerif-Italic.ttf", 400, "italic"),
        ("DejaVuSerif-BoldItalic.ttf", 700, "italic"),
    }
    assert all(path.parent == fonts.latin_font_dir() for _, path, _, _ in faces)
    with pytest.raises(ValueError, match="Times"):
        fonts.latin_faces("Times")


def test_private_fontconfig_offers_the_environment_fonts_and_nothing_else():
    fc_match = shutil.which("fc-match")
    assert fc_match, "fontconfig's fc-match is needed to ask fontconfig what it offers"
    before = os.environ.get("FONTCONFIG_FILE")
    with fonts.private_fontconfig():
        env = dict(os.environ)
    assert os.environ.get("FONTCONFIG_FILE") == before  # restored after the block
    for family in ("DejaVu Serif", "Noto Sans CJK SC", "Arial", "SimHei"):
        found = subprocess.run(
            [fc_match, "--format=%{file}", family], env=env, capture_output=True, text=True
        ).stdout
        assert Path(found).parent == fonts.latin_font_dir(), (family, found)
    serif = subprocess.run(
        [fc_match, "--format=%{file}", "DejaVu Serif"], env=env, capture_output=True, text=True
    ).stdout
    assert Path(serif).name == "DejaVuSerif.ttf"


def test_pdf_never_subsets_with_harfbuzz(monkeypatch):
    """HarfBuzz's subsetter, even where the system has a recent one, is never called."""
    from weasyprint.pdf import fonts as pdf_fonts

    real = pdf_fonts.harfbuzz

    class Refuses:
        def __getattr__(self, name):
            raise AssertionError(f"HarfBuzz subsetter used ({name})")

        def __bool__(self):
            return True

    class RecentHarfBuzz:
        """The system's HarfBuzz, at least the version WeasyPrint subsets with (4.1)."""

        def __getattr__(self, name):
            return getattr(real, name)

        @staticmethod
        def hb_version_atleast(*version):
            return version <= (4, 1, 0) or real.hb_version_atleast(*version)

    monkeypatch.setattr(pdf_fonts, "harfbuzz_subset", Refuses())
    monkeypatch.setattr(pdf_fonts, "harfbuzz", RecentHarfBuzz())
    # Latin text only: the DejaVu faces are subset like the CJK one, in a fraction of the time.
    data = pdf.render_pdf("<p>East–West cooperation, 132.7 <b>billion</b> <i>yuan</i></p>")
    assert data.startswith(b"%PDF-")
    assert pdf.subsetter().startswith("fontTools")
