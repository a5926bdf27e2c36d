"""Shared fixtures and helpers.

- HAND_READ: the article's figures read off data/raw/article.txt by hand (tests/hand_read.csv),
  the one copy every test that needs them reads.
- A scratch copy of the project's inputs, and a way to run a module of the package on it.
- A machine whose fonts would change the outputs if they were used.
- parse_html: a page as BeautifulSoup reads it, so that tests check what a page does, not its
  markup.

The test folders mirror the package's stages (ground/, clean/, analysis/, publish/) and build/
holds what runs make. pytest's default import mode puts this folder on sys.path, so test
modules import from here with ``from conftest import ...``.
"""

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_TEXT = (ROOT / "data" / "raw" / "article.txt").read_text(encoding="utf-8")


# --- the article's figures, read by hand ----------------------------------------------------


class HandRead(NamedTuple):
    indicator: str
    qualifier: str
    value: int  # in base units: yuan, persons, km
    unit: str
    figure: str  # the figure as the article writes it
    words: str  # the article's words around it, verbatim and found once


def _hand_read() -> list[HandRead]:
    with open(Path(__file__).with_name("hand_read.csv"), encoding="utf-8", newline="") as f:
        return [HandRead(**(row | {"value": int(row["value"])})) for row in csv.DictReader(f)]


HAND_READ = _hand_read()


def hand_read(indicator: str, qualifier: str | None = None) -> HandRead:
    """The one hand-read row of ``indicator`` (and ``qualifier``, for a range's two ends)."""
    rows = [r for r in HAND_READ if r.indicator == indicator]
    rows = [r for r in rows if qualifier is None or r.qualifier == qualifier]
    assert len(rows) == 1, f"tests/hand_read.csv: {len(rows)} rows for {indicator} {qualifier}"
    return rows[0]


def hand_value(indicator: str, qualifier: str | None = None) -> int:
    return hand_read(indicator, qualifier).value


# --- a scratch project ------------------------------------------------------------------------


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The project's data inputs in a scratch root, for builds that must not touch the real one."""
    for folder in ("data/raw", "data/external"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name in ("codebook.csv", "number_decisions.csv", "sources.csv"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    return tmp_path


def run_module(module: str, root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m module` with the project root moved to `root`."""
    env = os.environ | {"EASTWEST_ROOT": str(root), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env, capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip


def as_in_a_terminal() -> None:
    """Default signal handling in a child process, as under a terminal, also where the tests
    run in the background (nohup, some CI runners): there SIGINT and SIGHUP are ignored, and a
    child inherits that."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


# --- a machine with other fonts ---------------------------------------------------------------


def _renamed(source: Path, family: str, target: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
    font.save(target)


def foreign_font_env(folder: Path) -> dict[str, str]:
    """Environment variables for a machine whose fonts would change the outputs if used.

    Its fontconfig offers what a Debian machine with fonts-noto-cjk has (Noto Sans CJK SC in a
    .ttc collection, another file than the locked one) and, in place of the system's DejaVu, two
    decoys named like the DejaVu faces the outputs use but drawn differently: the "DejaVu Serif"
    decoy is DejaVu Sans Mono, and keeps that PostScript name.
    matplotlib gets a fresh cache folder, so it lists that machine's fonts anew.
    """
    from fontTools.ttLib import TTCollection, TTFont

    from eastwest.fonts import cjk_font_path, fontconfig_text, latin_font_dir

    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    collection = TTCollection()
    collection.fonts = [TTFont(cjk_font_path())]
    collection.save(fonts / "NotoSansCJK-Regular.ttc")
    _renamed(latin_font_dir() / "DejaVuSansMono.ttf", "DejaVu Serif", fonts / "decoy-serif.ttf")
    _renamed(latin_font_dir() / "DejaVuSerif.ttf", "DejaVu Sans", fonts / "decoy-sans.ttf")
    conf = folder / "fonts.conf"
    conf.write_text(fontconfig_text(fonts, folder / "cache"), encoding="utf-8")
    (folder / "matplotlib").mkdir()
    return {"FONTCONFIG_FILE": str(conf), "MPLCONFIGDIR": str(folder / "matplotlib")}


# --- pages as BeautifulSoup reads them ---------------------------------------------------------


def parse_html(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def references(page: Tag) -> list[str]:
    """The ids a page (or an element, itself included) refers to in itself: href="#…",
    xlink:href="#…" and url(#…)."""
    found = []
    for element in [page, *page.find_all(True)]:
        for name, value in element.attrs.items():
            value = value if isinstance(value, str) else " ".join(value)  # class is a list
            if name in ("href", "xlink:href") and value.startswith("#") and len(value) > 1:
                found.append(value[1:])
            found += re.findall(r"url\(#([^)]+)\)", value)
    return found


# --- order --------------------------------------------------------------------------------------


def pytest_collection_modifyitems(items):
    """tests/build/ first, the rest in collection order.

    Its files run make and take longest (the clean rebuild above all); ``make test``'s two
    workers take whole files in this order (``--dist loadfile --no-loadscope-reorder``), so
    these start at once and the short files fill in beside them.
    """
    items.sort(key=lambda item: not item.nodeid.startswith("tests/build/"))


def texts(fig) -> str:
    """Every text a figure draws, one per line."""
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in fig.findobj(Text))


def dots(ax) -> list[float]:
    """x of the dot markers (guide lines are lines too, without markers)."""
    return [line.get_xdata()[0] for line in ax.lines if line.get_marker() == "o"]


def plotted(chart, mark) -> float:
    """The number a chart plots for one of its marks."""
    rows = chart.data[chart.data["mark"] == mark]
    assert len(rows) == 1, f"{chart.name}: {len(rows)} rows for {mark}"
    return float(rows["plotted"].iloc[0])
