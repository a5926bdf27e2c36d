"""Shared fixtures: a scratch copy of the project's inputs, and a way to run the build on it."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
    decoys named like the DejaVu faces the outputs use but drawn differently.
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


def as_in_a_terminal() -> None:
    """Default signal handling in a child process, as under a terminal, also where the tests
    run in the background (nohup, some CI runners): there SIGINT and SIGHUP are ignored, and a
    child inherits that."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
