"""Chinese marked for the browser and the embedded font subsets every HTML page carries."""

import base64
import re
from functools import cache
from pathlib import Path

from eastwest.fonts import cjk_font_path, latin_faces
from eastwest.publish.html_text import Piece, edit_text

# The Latin families each kind of page embeds (fonts.LATIN_FACES).
REPORT_LATIN = ("EastWest Serif", "EastWest Sans", "EastWest Mono")
PAGE_LATIN = ("EastWest Sans", "EastWest Mono")
LINE_BREAK_CHARACTERS = "\u00a0\u00ad\u2010-"  # no-break space, soft hyphen, hyphens
CJK_FAMILY = "EastWest CJK"  # a name of our own, so that no installed font can stand in for it
CJK_SANS_FAMILY = "EastWest CJK Sans"  # the Chinese edition's headings

# CJK ideographs, their punctuation and full-width forms, with curly quotes and dashes inside a run.
_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u31c0-\u31ef\u3200-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_RUN = re.compile(f"[“‘《]?[{_CJK}]+(?:[“”‘’—…·]+[{_CJK}]+)*[”’》]?")
CJK_UNICODE_RANGE = (
    "U+2E80-2FDF, U+3000-303F, U+3100-312F, U+31C0-31EF, U+3200-9FFF, U+F900-FAFF, U+FF00-FFEF"
)
# In Chinese text the quotation marks, the dash and the ellipsis are the CJK face's full-width
# ones, not the Latin face's narrow ones: the Chinese edition's faces claim them too.
CJK_PUNCTUATION_RANGE = f"{CJK_UNICODE_RANGE}, U+00B7, U+2014, U+2018-201F, U+2026"

# ---------------------------------------------------------------------------------------------
# Chinese spans and the embedded font


_OPAQUE = ("svg", "style", "script", "title", "textarea", "code", "pre")


def _marked_or_code(piece: Piece) -> bool:
    """Inside an element whose text is code, or that marks its language as Chinese already."""
    return piece.within(*_OPAQUE) or any(
        (element.attrs.get(key) or "").startswith("zh")
        for element in piece.inside
        for key in ("lang", "xml:lang")
    )


def mark_chinese(fragment: str) -> str:
    """Wrap runs of Chinese text in <span lang="zh-Hans"> for line breaking and font choice."""
    return edit_text(
        fragment,
        lambda text: CJK_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', text),
        unless=_marked_or_code,
    )


def embedded_font_css(
    text: str,
    font: Path | None = None,
    latin: tuple[str, ...] = (),
    sans: Path | None = None,
    unicode_range: str = CJK_UNICODE_RANGE,
) -> str:
    """@font-face rules holding just the characters of ``text`` (WOFF2, base64).

    CJK_FAMILY gets the Chinese characters from ``font`` (Noto Sans CJK SC unless given); each
    family named in ``latin`` (see ``fonts.LATIN_FACES``) gets the other characters; with
    ``sans``, CJK_SANS_FAMILY gets the Chinese characters from that font too. A page then
    reads the same in every browser, with the environment's own font files. Deterministic: the
    same characters give the same bytes (no timestamp is recalculated).
    """
    chinese = set("".join(CJK_RUN.findall(text)))
    wanted, font = tuple(sorted(map(ord, chinese))), font or cjk_font_path()
    # Also the spaces and hyphens that line breaking adds, which are not in the text.
    others = {c for c in set(text) - chinese if c >= " "} | set(LINE_BREAK_CHARACTERS)
    others = tuple(sorted(map(ord, others)))
    css = "".join(
        _latin_face_css(family, path, weight, style, others)
        for family, path, weight, style in latin_faces(*latin)
    )
    sans_css = _font_subset_css(wanted, sans, CJK_SANS_FAMILY, unicode_range) if sans else ""
    return _font_subset_css(wanted, font, CJK_FAMILY, unicode_range) + sans_css + css


def _subset_woff2(font_file: Path, wanted: tuple[int, ...], features: list[str]) -> str:
    """The base64 WOFF2 of ``font_file`` cut to the code points ``wanted``."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(layout_features=features, hinting=False, desubroutinize=True)
    # FontForge's build dates, which fontTools cannot subset
    options.drop_tables += ["FFTM"]
    font = TTFont(font_file, recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


@cache
def _font_subset_css(
    wanted: tuple[int, ...],
    font_file: Path,
    family: str = CJK_FAMILY,
    unicode_range: str = CJK_UNICODE_RANGE,
) -> str:
    # Cached: the reader's HTML and its PDF copy want the same characters.
    if not wanted:
        return ""
    data = _subset_woff2(font_file, wanted, features=[])
    return (
        f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: 400;\n'
        f"  unicode-range: {unicode_range};\n"
        f'  src: url("data:font/woff2;base64,{data}") format("woff2"); }}\n'
    )


@cache
def _latin_face_css(
    family: str, font_file: Path, weight: int, style: str, wanted: tuple[int, ...]
) -> str:
    # Kerning and ligatures kept: the PDF sets its lines with these faces.
    data = _subset_woff2(font_file, wanted, features=["*"])
    return (
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight};\n'
        f'  src: url("data:font/woff2;base64,{data}") format("woff2"); }}\n'
    )
