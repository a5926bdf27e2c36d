"""The field dictionary (``fields.toml``): the published tables and the curated inputs.

One description, type and unit rule per column; the same quantity has the same name in every
table. ``datapackage.json`` is generated from the published tables' fields, and the tests validate
the CSVs against it. The curated inputs (codebook, number decisions, official totals) are checked
row by row against the same dictionary (``csv_check``) before anything is built from them.
Every column list and allowed value below is defined here once; the code that writes or checks
a table imports it.
"""

import json
import tomllib
from pathlib import Path

from eastwest import paths
from eastwest.atomic import write_text

_DICTIONARY = tomllib.loads(Path(__file__).with_name("fields.toml").read_text(encoding="utf-8"))
ENUMS = _DICTIONARY.pop("enums")
ENUMS["decisions"] = ["indicator", *ENUMS["decided"]]

UNITS = ENUMS["units"]
COUNT_UNITS = set(ENUMS["count_units"])
CATEGORIES = ENUMS["categories"]
QUALIFIERS = ENUMS["qualifiers"]
DECISIONS = ENUMS["decisions"]
PUBLISHERS = ENUMS["publishers"]
*PERIOD_END_READINGS, NOT_APPLICABLE = ENUMS["period_end_assumed"]


def _table(name: str) -> list[dict]:
    """One table's fields, each enum given by name replaced by its list."""
    fields = []
    for field in _DICTIONARY[name]:
        field = dict(field)
        rules = field.get("constraints")
        if rules and isinstance(rules.get("enum"), str):
            field["constraints"] = rules | {"enum": ENUMS[rules["enum"]]}
        fields.append(field)
    return fields


INDICATOR_FIELDS = _table("indicators")
AUDIT_FIELDS = _table("number_audit")
TOTALS_FIELDS = _table("totals_2014_2016")


def _fields(fields: list[dict], names: list[str]) -> list[dict]:
    by_name = {field["name"]: field for field in fields}
    return [by_name[name] for name in names]


def codebook_fields() -> list[dict]:
    """data/codebook.csv: the indicator table's own columns, before the figure is parsed."""
    return _fields(
        INDICATOR_FIELDS,
        [
            "indicator", "series", "name_en", "name_zh", "category", "part", "quote", "figure",
            "unit", "period_start", "period_end", "period_note", "region_from", "region_to", "note",
        ],
    )  # fmt: skip


def decision_fields() -> list[dict]:
    """data/number_decisions.csv: a curated decision for a number that feeds no indicator."""
    return _table("number_decisions")


def official_totals_fields() -> list[dict]:
    """data/external/official_totals.csv: figures published elsewhere, each with its source."""
    return _table("official_totals")


def sources_fields() -> list[dict]:
    """data/sources.csv: the article's parts and the other publications it is read beside."""
    return _table("sources")


def names(fields: list[dict]) -> list[str]:
    return [field["name"] for field in fields]


INDICATOR_COLUMNS = names(INDICATOR_FIELDS)
AUDIT_COLUMNS = names(AUDIT_FIELDS)
TOTALS_COLUMNS = names(TOTALS_FIELDS)


def _resource(name, path, fields, primary_key, title):
    return {
        "name": name,
        "title": title,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "primaryKey": primary_key, "missingValues": [""]},
    }


def datapackage() -> dict:
    return {
        "name": "eastwest-cooperation-figures",
        "title": "East–West poverty-alleviation cooperation (东西扶贫协作): the article's figures",
        "profile": "tabular-data-package",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Tables: Creative Commons Attribution 4.0; quotes remain the publishers'",
            }
        ],
        "sources": [
            {
                "title": "东西扶贫协作战略意义, parts 1 (Xinhua, 2016-07-21) and 2 "
                "(Guangming Daily, 2015-11-28)",
                "path": "../raw/article.txt",
            }
        ],
        "resources": [
            _resource(
                "indicators",
                "indicators.csv",
                INDICATOR_FIELDS,
                ["indicator", "qualifier"],
                "Every figure of the article",
            ),
            _resource(
                "number_audit",
                "number_audit.csv",
                AUDIT_FIELDS,
                ["offset"],
                "Every number of the article and its decision",
            ),
            _resource(
                "totals_2014_2016",
                "totals_2014_2016.csv",
                TOTALS_FIELDS,
                ["series", "period_end_assumed"],
                "The 1996–2014 and '20 years' cumulative totals compared",
            ),
        ],
    }


def write_datapackage(path=paths.DATAPACKAGE) -> None:
    write_text(path, json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
