"""Every output is drawn with the environment's own font files, whatever the system has.

A machine with the distribution's Noto CJK (a .ttc collection), other fonts named like ours, or
HarfBuzz's subset library must give the same bytes as one without them.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, foreign_font_env

from eastwest import fonts, pdf

PROBE = Path(__file__).with_name("font_probe.py")


def probe(out: Path, env: dict[str, str], *flags: str) -> dict[str, bytes]:
    run_env = os.environ | {"PYTHONPATH": str(ROOT / "src")} | env
    result = subprocess.run(
        [sys.executable, str(PROBE), str(out), *flags],
        env=run_env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def foreign(tmp_path_factory) -> dict[str, str]:
    return foreign_font_env(tmp_path_factory.mktemp("foreign-fonts"))


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("plain")
    (folder / "matplotlib").mkdir()
    return probe(folder / "out", {"MPLCONFIGDIR": str(folder / "matplotlib")})


def test_font_files_come_from_the_environment():
    for path in fonts.environment_font_files():
        assert path.is_file()
        assert Path(sys.prefix).resolve() in path.resolve().parents, path
    names = {path.name for path in fonts.environment_font_files()}
    assert {"NotoSansCJKsc-Regular.otf", "NotoSerifCJKsc-Regular.otf", "DejaVuSerif.ttf"} <= names
    assert "SimHei.ttf" not in names


def test_the_foreign_machine_really_offers_other_fonts(foreign):
    # The condition is reproduced: fontconfig answers the family names with the foreign files.
    fc_match = shutil.which("fc-match")
    assert fc_match, "fontconfig's fc-match is needed to check the test's own setup"
    env = os.environ | foreign
    for family, wanted in (("Noto Sans CJK SC", ".ttc"), ("DejaVu Serif", "decoy-serif.ttf")):
        found = subprocess.run(
            [fc_match, "--format=%{file}", family], env=env, capture_output=True, text=True
        ).stdout
        assert found.endswith(wanted), (family, found)


def test_foreign_fonts_would_change_an_unprotected_pdf(foreign, plain, tmp_path):
    # Without the private fontconfig, the decoy "DejaVu Serif" is drawn: the test can fail.
    unprotected = probe(tmp_path / "out", foreign, "--unprotected")
    assert unprotected["page.pdf"] != plain["page.pdf"]


def test_foreign_fonts_change_no_chart_and_no_pdf_byte(foreign, plain, tmp_path):
    assert probe(tmp_path / "out", foreign) == plain


def test_pdf_never_subsets_with_harfbuzz(monkeypatch):
    """HarfBuzz's subsetter, where the system has it, is never called: fontTools always is."""
    from weasyprint.pdf import fonts as pdf_fonts

    page = "<p>东西扶贫协作 132.7亿元</p>"
    baseline = pdf.render_pdf(page)

    class Refuses:
        def __getattr__(self, name):
            raise AssertionError(f"HarfBuzz subsetter used ({name})")

        def __bool__(self):
            return True

    monkeypatch.setattr(pdf_fonts, "harfbuzz_subset", Refuses())
    assert pdf.render_pdf(page) == baseline
    assert pdf.subsetter().startswith("fontTools")


def _quoted_families(css: str) -> set[str]:
    stacks = re.findall(r"font-family:\s*([^;}]+)|\bfont:[^;}\"]*((?:\"[^\"]+\"[,\s]*)+)", css)
    return {name for stack in stacks for name in re.findall(r'"([^"]+)"', "".join(stack))}


@pytest.mark.parametrize(
    "page",
    ["report.html", *(f"notebooks/{p.name}" for p in (ROOT / "report/notebooks").glob("*.html"))],
)
def test_html_pages_embed_every_font_they_name(page):
    """Each family a page's styles ask for by name is embedded in the page itself."""
    text = (ROOT / "report" / page).read_text(encoding="utf-8")
    css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", text, re.DOTALL))
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    embedded = {re.search(r'font-family:\s*"([^"]+)"', face)[1] for face in faces}
    assert all("data:font/woff2;base64," in face for face in faces)
    wanted = _quoted_families(re.sub(r"@font-face\s*{[^}]*}", "", css))
    # JupyterLab's own stylesheet names its fonts through variables that ours override.
    wanted -= {name for name in wanted if name.startswith("var(")}
    assert wanted, "no font family found: the test reads the wrong thing"
    assert wanted <= embedded, f"{page} names fonts it does not embed: {wanted - embedded}"
