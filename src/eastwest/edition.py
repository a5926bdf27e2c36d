"""The report's editions: English, and Chinese (中文版) from the same computed numbers.

Every sentence is written in English with named {placeholders} (a notebook's Markdown, or a
``.toml`` file beside the module that fills it); its translation is an entry of the language's
gettext catalog, ``locale/<locale>/LC_MESSAGES/report.po``, found by the sentence's context and
its English text (``make catalogs``). While a block runs ``with edition("zh"):``, the sentence
files read in Chinese and ``formats`` writes numbers, periods and dates as Chinese prose does.

A function marked :func:`bilingual` runs once per edition on the same arguments, and returns the
English result with the Chinese one attached (``.zh``): a notebook computes its numbers once, and
each edition's text is filled from them.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, wraps
from pathlib import Path
from typing import NamedTuple

from eastwest.paths import ROOT, shown

# Each edition with the locale of its catalog; the English text is the source, no catalog.
EDITIONS = {"en": "", "zh": "zh_Hans"}
LOCALE = ROOT / "locale"
_current: ContextVar[str] = ContextVar("edition", default="en")


def current() -> str:
    return _current.get()


@contextmanager
def edition(name: str) -> Iterator[None]:
    """The block runs in edition ``name``."""
    if name not in EDITIONS:
        raise ValueError(f"edition {name!r}: the editions are {', '.join(EDITIONS)}")
    token = _current.set(name)
    try:
        yield
    finally:
        _current.reset(token)


def report_folder(name: str) -> str:
    """Where edition ``name``'s report stands under report/: the English at the top, each
    translation in a folder named for its edition."""
    return "" if name == "en" else name


def catalog_path(name: str) -> Path:
    return LOCALE / EDITIONS[name] / "LC_MESSAGES" / "report.po"


class Entry(NamedTuple):
    """One message of a catalog: where it stands, the English, its translation, and whether a
    translator must look at it again."""

    context: str
    english: str
    translation: str
    fuzzy: bool


@cache
def catalog_entries(path: Path) -> tuple[Entry, ...]:
    """The messages of the catalog at ``path``, read once per process."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return tuple(
            Entry(m.context or "", m.id, m.string, m.fuzzy) for m in read_po(handle) if m.id
        )


@cache
def _catalog(path: Path) -> dict[tuple[str, str], str]:
    return {(e.context, e.english): e.translation for e in catalog_entries(path)}


def map_strings(value, change: Callable[[str, str], str], key: str = ""):
    """A sentence file's data with each string ``change(key, string)``: keys as the catalogs
    name them, 'end_year.evidence' for a table's, 'term.3.meaning' for a list's."""
    if isinstance(value, str):
        return change(key, value)
    if isinstance(value, dict):
        return {k: map_strings(v, change, f"{key}.{k}" if key else k) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, change, f"{key}.{i}") for i, v in enumerate(value, 1)]
    return value


def strings(value) -> list[tuple[str, str]]:
    """Each string of a sentence file's data with its key (``map_strings``), in order."""
    found: list[tuple[str, str]] = []
    map_strings(value, lambda key, text: found.append((key, text)) or text)
    return found


def translated(context: str, text: str, name: str | None = None) -> str:
    """``text`` in edition ``name`` (the current one if not given): the catalog's entry for it,
    or ``text`` itself while the entry waits for its translation (``make catalogs`` has added it,
    and ``make test`` fails until it is translated and reviewed)."""
    name = name or current()
    if name == "en":
        return text
    path = catalog_path(name)
    begins = text if len(text) <= 70 else text[:70] + "…"
    try:
        found = _catalog(path)[(context, text)]
    except KeyError:
        raise ValueError(
            f"{shown(path)} has no translation for {context}: “{begins}” (make catalogs, then "
            "translate the entry)"
        ) from None
    if not found:
        # A new sentence waits for its translator in English; make test fails until it is done.
        return text
    if placeholders(found) != placeholders(text):
        raise ValueError(
            f"{shown(path)}: the translation for {context} (“{begins}”) has the placeholders "
            f"{sorted(placeholders(found))}, where the English has {sorted(placeholders(text))}"
        )
    return found


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    """The {names} of a sentence template."""
    return set(_PLACEHOLDER.findall(text))


class Bilingual(str):
    """An English text that carries its Chinese counterpart as ``.zh``."""

    zh: str

    def __new__(cls, english: str, chinese: str):
        text = super().__new__(cls, english)
        text.zh = chinese
        return text


def _paired(english, chinese):
    if isinstance(english, str):
        return Bilingual(english, chinese)
    if isinstance(english, list | tuple) and not hasattr(english, "_fields"):
        return type(english)(_paired(e, c) for e, c in zip(english, chinese, strict=True))
    return english.with_chinese(chinese)  # a Chart or a Check


def bilingual(function: Callable) -> Callable:
    """Run ``function`` in each edition; its English result comes back with the Chinese one
    attached (a text, a list or tuple of them, or an object with ``with_chinese``)."""

    @wraps(function)
    def both(*args, **kwargs):
        with edition("en"):
            english = function(*args, **kwargs)
        with edition("zh"):
            chinese = function(*args, **kwargs)
        return _paired(english, chinese)

    return both
