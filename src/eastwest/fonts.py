"""The one CJK font used by the charts, the HTML and the PDF: Noto Sans CJK SC.

The system's copy wins where fontconfig knows it; otherwise the copy that ships inside the
``mplfonts`` package is loaded by path. ``mplfonts init`` is never run (it edits matplotlib's
own install) and its SimHei is never used (not freely licensed).
"""

import shutil
import subprocess
from functools import cache
from importlib.resources import files
from pathlib import Path

CJK_FAMILY = "Noto Sans CJK SC"
MPLFONTS_FILE = "NotoSansCJKsc-Regular.otf"


class FontNotFound(RuntimeError):
    pass


def _system_font() -> Path | None:
    if not shutil.which("fc-match"):
        return None
    # fc-match always answers with *some* font; accept it only if it really is the family asked for.
    out = subprocess.run(
        ["fc-match", "--format=%{family}\n%{file}", f"{CJK_FAMILY}:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    if len(out) == 2 and CJK_FAMILY in out[0].split(","):
        path = Path(out[1])
        if path.is_file():
            return path
    return None


def _mplfonts_font() -> Path | None:
    try:
        path = Path(str(files("mplfonts") / "fonts" / MPLFONTS_FILE))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


@cache
def cjk_font_path() -> Path:
    """The Noto Sans CJK SC file every output uses."""
    path = _system_font() or _mplfonts_font()
    if path is None:
        raise FontNotFound(
            f"{CJK_FAMILY} not found: neither fontconfig nor the mplfonts package provides it "
            "(install the environment with `make`, or the fonts-noto-cjk system package)"
        )
    return path
