"""The report's English text as gettext messages, for its translations (``make catalogs``).

Babel extracts them (``babel.cfg``) with the two extractors below, besides its own: each Markdown
cell of a notebook that the report shows, paragraph by paragraph, and each sentence template of
a ``.toml`` file beside the module that fills it (``{placeholders}`` kept as they are). Each
message's context says where it stands: the notebook and cell, or the file and key. A
translation lives in ``locale/<language>/LC_MESSAGES/report.po``.
"""

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

from eastwest.edition import catalog_entries, placeholders, strings
from eastwest.paths import ROOT, shown

SKIP_TAG = "report-skip"  # a cell the reader's report leaves out (document.SKIP_TAG)

Message = tuple[int, str, tuple[str, str], list[str]]  # lineno, funcname, (context, id), comments


def extract_notebook(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    """Each paragraph of each Markdown cell the report shows, in the context of its cell."""
    notebook = json.loads(fileobj.read().decode("utf-8"))
    name = fileobj.name.rsplit("/", 1)[-1]
    for index, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown" or SKIP_TAG in cell["metadata"].get("tags", []):
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for paragraph in filter(None, (p.strip() for p in source.split("\n\n"))):
            yield index, "pgettext", (f"{name} {cell.get('id', index)}", paragraph), []


def extract_toml(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    """Each string of a sentence file, in the context of its file and key."""
    text = fileobj.read().decode("utf-8")
    name = "/".join(fileobj.name.split("/")[-2:])
    lines = text.splitlines()
    for path, value in strings(tomllib.loads(text)):
        key = path.rsplit(".", 1)[-1]
        line = next((i for i, s in enumerate(lines, 1) if s.startswith(f"{key} =")), 0)
        yield line, "pgettext", (f"{name} {path}", value), []


def messages(path: Path) -> Iterator[tuple[str, str]]:
    """The (context, text) messages of a notebook or a sentence file, as Babel extracts them."""
    extract = extract_notebook if path.suffix == ".ipynb" else extract_toml
    with path.open("rb") as handle:
        for _, _, (context, text), _ in extract(handle, (), (), {}):
            yield context, text


def untranslated(sources: list[Path]) -> list[str]:
    """Each message of ``sources`` that a translation's catalog has no entry for (new English, or
    English changed since the catalog was brought up to date): where it stands, how it begins."""
    found = []
    for path in _catalogs():
        entries = {(e.context, e.english) for e in catalog_entries(path)}
        found += [
            f"{shown(path)} has no entry for {context}: “{_begins(text)}”"
            for source in sources
            for context, text in messages(source)
            if (context, text) not in entries
        ]
    return found


def misplaced(sources: list[Path]) -> list[str]:
    """Each translation of a message of ``sources`` whose {placeholders} are not the English
    one's: a number it would drop, or one it names that no code fills."""
    wanted = {message for source in sources for message in messages(source)}
    found = []
    for path in _catalogs():
        found += [
            f"{shown(path)}: the translation for {e.context} (“{_begins(e.english)}”) has the "
            f"placeholders {sorted(placeholders(e.translation))}, where the English has "
            f"{sorted(placeholders(e.english))}"
            for e in catalog_entries(path)
            if e.translation
            and (e.context, e.english) in wanted
            and placeholders(e.translation) != placeholders(e.english)
        ]
    return found


def translations(sentences: list[Path]) -> dict[str, str]:
    """What each catalog says for the sentence files ``sentences``: one SHA-256 per catalog and
    file, of its entries' contexts, translations and fuzzy flags. A notebook's results depend on
    these, not on the rest of the catalog (its Markdown is translated when the report is made)."""
    import hashlib

    found = {}
    for path in _catalogs():
        entries = sorted(catalog_entries(path))
        for source in sentences:
            name = "/".join(source.parts[-2:])
            kept = [e for e in entries if e[0].startswith(f"{name} ")]
            text = repr(kept).encode("utf-8")
            found[f"{shown(path)}:{name}"] = hashlib.sha256(text).hexdigest()
    return found


def _catalogs() -> list[Path]:
    return sorted((ROOT / "locale").glob("*/LC_MESSAGES/report.po"))


def _begins(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[:length] + "…"
