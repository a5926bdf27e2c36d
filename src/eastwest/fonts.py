"""The font files every output is drawn with, all from the locked environment.

A system's own copies never take part: Debian's Noto CJK is a ``.ttc`` collection of another
version, and a build that picked it up would crash or stop reproducing its committed bytes.

- Chinese: Noto Sans CJK SC (charts, notebook pages) and Noto Serif CJK SC (the reader's report),
  from the ``mplfonts`` package, loaded by path. ``mplfonts init`` is never run (it edits
  matplotlib's own install) and its SimHei is never used (not freely licensed).
- Latin: the DejaVu faces that ship inside matplotlib.

WeasyPrint finds fonts through fontconfig, so ``private_fontconfig()`` gives it a configuration
that lists matplotlib's font folder and nothing else.
"""

import atexit
import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from xml.sax.saxutils import escape

CJK_FAMILY = "Noto Sans CJK SC"
CJK_SANS_FILE = "NotoSansCJKsc-Regular.otf"
CJK_SERIF_FILE = "NotoSerifCJKsc-Regular.otf"


class FontNotFound(RuntimeError):
    pass


def _mplfonts_file(name: str) -> Path:
    # Found, not imported: importing mplfonts imports matplotlib (0.2-2 s), which a page or the
    # PDF step would otherwise pay only to learn where the font files are.
    spec = find_spec("mplfonts")
    folders = spec.submodule_search_locations if spec else None
    path = Path(folders[0]) / "fonts" / name if folders else None
    if path is None or not path.is_file():
        raise FontNotFound(
            f"{name} not found in the mplfonts package: install the environment with `make env`"
        )
    return path


@cache
def cjk_font_path() -> Path:
    """Noto Sans CJK SC, the Chinese face of the charts and the notebook pages."""
    return _mplfonts_file(CJK_SANS_FILE)


@cache
def cjk_serif_font_path() -> Path:
    """Noto Serif CJK SC, the Chinese face beside the reader's report's serif body."""
    return _mplfonts_file(CJK_SERIF_FILE)


@cache
def latin_font_dir() -> Path:
    """matplotlib's own font folder: DejaVu Sans, Serif and Mono in every weight and slant."""
    # matplotlib.get_data_path() without importing matplotlib, for the same reason as above.
    spec = find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontNotFound("matplotlib not found: install the environment with `make env`")
    folder = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    if not (folder / "DejaVuSerif.ttf").is_file():
        raise FontNotFound(f"DejaVu fonts missing from matplotlib's data folder {folder}")
    return folder


# The Latin faces the HTML pages embed (and the PDF takes from them), under names of our own so
# that no installed font can stand in: (family, file in matplotlib's folder, weight, style).
LATIN_FACES = (
    ("EastWest Serif", "DejaVuSerif.ttf", 400, "normal"),
    ("EastWest Serif", "DejaVuSerif-Bold.ttf", 700, "normal"),
    ("EastWest Serif", "DejaVuSerif-Italic.ttf", 400, "italic"),
    ("EastWest Serif", "DejaVuSerif-BoldItalic.ttf", 700, "italic"),
    ("EastWest Sans", "DejaVuSans.ttf", 400, "normal"),
    ("EastWest Sans", "DejaVuSans-Bold.ttf", 700, "normal"),
    ("EastWest Sans", "DejaVuSans-Oblique.ttf", 400, "italic"),
    ("EastWest Mono", "DejaVuSansMono.ttf", 400, "normal"),
)


def latin_faces(*families: str) -> list[tuple[str, Path, int, str]]:
    """The faces of ``families`` from LATIN_FACES, each with its file's path."""
    unknown = set(families) - {face[0] for face in LATIN_FACES}
    if unknown:
        raise ValueError(f"no Latin face named {sorted(unknown)}")
    folder = latin_font_dir()
    return [(f, folder / name, w, s) for f, name, w, s in LATIN_FACES if f in families]


def environment_font_files() -> list[Path]:
    """Every font file an output may use; matplotlib's charts are limited to these."""
    return [*sorted(latin_font_dir().glob("*.ttf")), cjk_font_path(), cjk_serif_font_path()]


_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def fontconfig_text(fonts: Path, cache_dir: Path) -> str:
    """A fontconfig configuration that offers the fonts in ``fonts`` and nothing else."""
    return _FONTCONFIG.format(fonts=escape(str(fonts)), cache=escape(str(cache_dir)))


@cache
def _fontconfig_file() -> Path:
    # No <include>: neither the system's font folders nor its alias rules take part.
    folder = Path(tempfile.mkdtemp(prefix="eastwest-fontconfig-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    conf = folder / "fonts.conf"
    conf.write_text(fontconfig_text(latin_font_dir(), folder), encoding="utf-8")
    return conf


@contextmanager
def private_fontconfig():
    """Fontconfig (and so WeasyPrint) sees the environment's fonts only, for the block."""
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(_fontconfig_file())
    try:
        yield
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before
