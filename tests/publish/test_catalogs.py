"""The translation catalogs follow the English text: every paragraph the report shows and every
sentence template is an entry, and a translation keeps its sentence's placeholders."""

import json
import re
import tomllib

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import ROOT

POT = ROOT / "locale" / "report.pot"
CATALOGS = sorted((ROOT / "locale").glob("*/LC_MESSAGES/report.po"))
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _read(path):
    with path.open("rb") as handle:
        return read_po(handle)


def _extracted() -> set[tuple[str, str]]:
    # The mapping make catalogs uses, read from babel.cfg.
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, _ = parse_mapping_cfg(config)
    return {(context, message) for _, _, message, _, context in extract_from_dir(ROOT, method_map)}


def test_the_template_holds_the_english_text_as_it_is_now():
    committed = {(m.context, m.id) for m in _read(POT) if m.id}
    assert committed == _extracted(), "the catalogs are out of date: run make catalogs"


def test_the_entries_are_every_paragraph_and_every_template():
    # Counted another way: the report's Markdown paragraphs, and the strings of the .toml files.
    paragraphs = 0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown" and "report-skip" not in cell["metadata"].get(
                "tags", []
            ):
                paragraphs += len([p for p in "".join(cell["source"]).split("\n\n") if p.strip()])

    def strings(value) -> int:
        if isinstance(value, str):
            return 1
        items = value.values() if isinstance(value, dict) else value
        return sum(strings(item) for item in items) if isinstance(value, dict | list) else 0

    files = [
        *(ROOT / "src/eastwest/analysis").glob("*.toml"),
        *(ROOT / "src/eastwest/publish/templates").glob("*.toml"),
    ]
    templates = sum(strings(tomllib.loads(p.read_text(encoding="utf-8"))) for p in files)
    assert len(_extracted()) == paragraphs + templates


def test_each_catalog_has_an_entry_for_each_message_and_keeps_its_placeholders():
    wanted = {(m.context, m.id) for m in _read(POT) if m.id}
    assert CATALOGS, "no catalog under locale/"
    for path in CATALOGS:
        catalog = _read(path)
        assert {(m.context, m.id) for m in catalog if m.id} == wanted, path
        for message in catalog:
            if message.id and message.string:
                # Each placeholder at least once, none dropped, none misnamed or added.
                said = set(PLACEHOLDER.findall(message.string))
                assert said == set(PLACEHOLDER.findall(message.id)), (path, message.context)


def test_every_entry_is_translated_and_reviewed():
    # make catalogs marks an entry fuzzy when its English changes: a translator must look again.
    for path in CATALOGS:
        undone = [
            f"{m.context}: {'fuzzy' if m.fuzzy else 'empty'}"
            for m in _read(path)
            if m.id and (m.fuzzy or not m.string)
        ]
        assert undone == [], f"{path.relative_to(ROOT)}: {undone}"
