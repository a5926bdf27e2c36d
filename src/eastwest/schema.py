"""The field dictionary: the published tables and the curated inputs they are built from.

One description, type and unit rule per column; the same quantity has the same name in every
table. ``datapackage.json`` is generated from the published tables' fields, and the tests validate
the CSVs against it. The curated inputs (codebook, number decisions, official totals) are checked
row by row against the same dictionary by ``check_csv`` before anything is built from them.
"""

import csv
import json
import math
import re
from pathlib import Path

from eastwest import paths
from eastwest.atomic import write_text
from eastwest.errors import InputError

UNITS = [
    "yuan", "km", "persons", "person-times", "households", "items", "counties", "provinces",
    "clinics", "projects", "buildings", "schools", "hospitals", "animals", "organisations",
]  # fmt: skip


def _field(name, type_, description, **constraints):
    field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _indicator_fields():
    return [
        _field(
            "indicator",
            "string",
            "Stable snake_case id of the indicator (data/codebook.csv)",
            required=True,
            pattern="[a-z][a-z0-9_]*",
        ),
        _field(
            "series",
            "string",
            "The quantity measured, shared by every figure of it across "
            "tables and sources (e.g. fiscal_aid); empty for local stories",
        ),
        _field("name_en", "string", "English name", required=True),
        _field("name_zh", "string", "Chinese name (简体中文)", required=True),
        _field(
            "category",
            "string",
            "Theme of the indicator",
            required=True,
            enum=[
                "funding",
                "labour",
                "training",
                "exchange",
                "infrastructure",
                "social",
                "pairing",
                "livelihood",
                "governance",
                "technology",
            ],
        ),
        _field(
            "part",
            "integer",
            "Part of the article stating it: 1 (篇一) or 2 (篇二)",
            required=True,
            enum=[1, 2],
        ),
        _field(
            "value",
            "number",
            "The figure in base units (yuan, not 亿元), parsed from `figure`",
            required=True,
            minimum=0,
        ),
        _field("unit", "string", "Base unit of `value`", required=True, enum=UNITS),
        _field(
            "qualifier",
            "string",
            "exact; at_least (多, 余: more than); approx (近, 约); "
            "range_low / range_high (the ends of a range such as 3000至5000元)",
            required=True,
            enum=["exact", "at_least", "approx", "range_low", "range_high"],
        ),
        _field("figure", "string", "The quantity exactly as the article writes it", required=True),
        _field(
            "quote",
            "string",
            "The article's words stating the figure: an exact substring",
            required=True,
        ),
        _field(
            "quote_offset",
            "integer",
            "Character offset of `quote` in data/raw/article.txt",
            required=True,
            minimum=0,
        ),
        _field(
            "figure_offset",
            "integer",
            "Character offset of `figure` in the article",
            required=True,
            minimum=0,
        ),
        _field("period_start", "integer", "First year covered; empty where the article gives none"),
        _field("period_end", "integer", "Last year covered; empty where the article gives none"),
        _field("period_note", "string", "The article's own words on the period, translated"),
        _field(
            "region_from", "string", "Giving side (east), in Chinese; 东部 for the East as a whole"
        ),
        _field("region_to", "string", "Receiving side (west), in Chinese; 西部 for the West"),
        _field("note", "string", "Reading notes"),
    ]


def _audit_fields():
    return [
        _field(
            "offset",
            "integer",
            "Character offset of the number in the article",
            required=True,
            minimum=0,
        ),
        _field(
            "number",
            "string",
            "The number as written (Arabic with 万/亿, or Chinese)",
            required=True,
        ),
        _field("kind", "string", "arabic or chinese", required=True, enum=["arabic", "chinese"]),
        _field("value", "number", "Numeric value of the number alone (no unit)"),
        _field("part", "integer", "Part of the article; empty for the preamble and headings"),
        _field("context", "string", "The text around the number", required=True),
        _field(
            "decision",
            "string",
            "What the number is: feeds an indicator, or why not",
            required=True,
            enum=[
                "indicator",
                "year",
                "duration",
                "ordinal",
                "word",
                "name",
                "slogan",
                "reference",
                "grade",
            ],
        ),
        _field("indicator", "string", "The indicator it feeds, where decision is indicator"),
        _field("note", "string", "Why", required=True),
    ]


def _totals_fields():
    return [
        _field("series", "string", "The quantity compared", required=True),
        _field("name_en", "string", "English name", required=True),
        _field("name_zh", "string", "Chinese name", required=True),
        _field("unit", "string", "Base unit of the values", required=True, enum=UNITS),
        _field("indicator_1996_2014", "string", "Indicator id of the 1996–2014 total (part 2)"),
        _field("indicator_20_years", "string", "Indicator id of the '20 years' total (part 1)"),
        _field(
            "value_1996_2014", "number", "Cumulative total 1996–2014 (Guangming Daily, 2015-11-28)"
        ),
        _field("value_20_years", "number", "Cumulative total over '20 years' (Xinhua, 2016-07)"),
        _field("difference", "number", "value_20_years − value_1996_2014"),
        _field("growth_ratio", "number", "difference / value_1996_2014"),
        _field("yearly_average_1996_2014", "number", "value_1996_2014 / 19 years"),
        _field(
            "period_end_assumed",
            "string",
            "Assumed end of the '20 years' period; n/a for a series only one total reports",
            enum=["2015", "mid-2016", "2016", "n/a"],
        ),
        _field("added_years", "number", "Years between the two totals under that assumption"),
        _field("implied_yearly_added", "number", "difference / added_years"),
        _field(
            "ratio_to_yearly_average", "number", "implied_yearly_added / yearly_average_1996_2014"
        ),
        _field("comparable", "boolean", "Whether both totals exist", required=True),
        _field("reason", "string", "Why a comparison is impossible, or the caveat on it"),
    ]


def _fields(fields: list[dict], names: list[str]) -> list[dict]:
    by_name = {field["name"]: field for field in fields}
    return [by_name[name] for name in names]


def codebook_fields() -> list[dict]:
    """data/codebook.csv: the indicator table's own columns, before the figure is parsed."""
    return _fields(
        _indicator_fields(),
        [
            "indicator", "series", "name_en", "name_zh", "category", "part", "quote", "figure",
            "unit", "period_start", "period_end", "period_note", "region_from", "region_to", "note",
        ],
    )  # fmt: skip


def decision_fields() -> list[dict]:
    """data/number_decisions.csv: a curated decision for a number that feeds no indicator."""
    decisions = _fields(_audit_fields(), ["decision"])[0]["constraints"]["enum"]
    return [
        _field(
            "context",
            "string",
            "The article's words around the number, verbatim",
            required=True,
        ),
        _field("number", "string", "The number as written, once in `context`", required=True),
        _field(
            "decision",
            "string",
            "What the number is (an indicator's numbers are decided by the codebook)",
            required=True,
            enum=[d for d in decisions if d != "indicator"],
        ),
        _field("note", "string", "Why", required=True),
    ]


# The publications data/external/official_totals.csv may cite; data/external/README.md has them.
PUBLISHERS = ["People's Daily (人民日报)", "Guangming Daily (光明日报)", "Xinhua (新华社)"]


def official_totals_fields() -> list[dict]:
    """data/external/official_totals.csv: figures published elsewhere, each with its source."""
    return [
        _field("series", "string", "The quantity (as in indicators.csv)", required=True,
               pattern="[a-z][a-z0-9_]*"),
        _field("term_zh", "string", "The publication's own Chinese term", required=True),
        _field("value", "number", "The figure in base units (yuan, not 亿元)", required=True,
               minimum=0),
        _field("unit", "string", "Base unit of `value`", required=True, enum=UNITS),
        _field("period_start", "integer", "First year covered", required=True),
        _field("period_end", "integer", "Last year covered", required=True),
        _field("published", "date", "Publication date (YYYY-MM-DD)", required=True),
        _field("publisher", "string", "The publication, as the report cites it", required=True,
               enum=PUBLISHERS),
        _field("reporter", "string", "Reporter(s) named by the publication"),
        _field("url", "string", "Where a copy can be read", required=True,
               pattern=r"https?://\S+"),
        _field("note", "string", "Reading notes"),
    ]  # fmt: skip


def _problem(field: dict, value: str) -> str | None:
    """What is wrong with one value, as "what it is; expected what", or None."""
    rules = field.get("constraints", {})
    if value.strip() == "":
        return f"empty; expected: {field['description']}" if rules.get("required") else None
    kind = field["type"]
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return f"{value!r} is not a whole number; expected digits only"
        number = int(value)
    elif kind == "number":
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            return f"{value!r} is not a number; expected digits in base units (no 万 or 亿)"
    elif kind == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"{value!r} is not a date; expected YYYY-MM-DD"
    if "enum" in rules and (number if kind == "integer" else value) not in rules["enum"]:
        allowed = ", ".join(str(item) for item in rules["enum"])
        return f"unknown {field['name']} {value!r}; expected one of: {allowed}"
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        return f"{value!r} does not match {rules['pattern']}; expected: {field['description']}"
    if "minimum" in rules and number < rules["minimum"]:
        return f"{value!r} is below {rules['minimum']}"
    if "maximum" in rules and number > rules["maximum"]:
        return f"{value!r} is above {rules['maximum']}"
    return None


def csv_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each record with the line it starts on (quoted fields may span lines)."""
    name = paths.shown(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows, line = [], reader.line_num
            for record in reader:
                if record:
                    rows.append((line + 1, record))
                line = reader.line_num
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 ({err.reason} at byte {err.start})") from None
    except (OSError, csv.Error) as err:
        raise InputError(f"{name}: cannot be read as CSV ({err})") from None
    return header, rows


def check_csv(path: Path, fields: list[dict], unique: tuple[str, ...] = ()) -> None:
    """Raise InputError at the first value that breaks ``fields``: file, line, column, expected.

    ``unique`` names columns whose values must not repeat (an id).
    """
    name, columns = paths.shown(path), [field["name"] for field in fields]
    header, rows = csv_rows(path)
    if header != columns:
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        raise InputError(
            f"{name} line 1: columns {header} differ from the expected {columns}"
            f" (missing {missing}, unexpected {extra})"
        )
    seen: dict[str, dict[str, int]] = {column: {} for column in unique}
    for line, record in rows:
        if len(record) != len(columns):
            where = columns[min(len(record), len(columns) - 1)]
            raise InputError(
                f"{name} line {line}, column {where!r}: the row has {len(record)} values for "
                f"{len(columns)} columns; expected one value for each column "
                "(a comma missing or extra, or a quote not closed?)"
            )
        for field, value in zip(fields, record, strict=True):
            problem = _problem(field, value)
            if problem:
                raise InputError(f"{name} line {line}, column {field['name']!r}: {problem}")
            if field["name"] in seen:
                first = seen[field["name"]].setdefault(value, line)
                if first != line:
                    raise InputError(
                        f"{name} line {line}, column {field['name']!r}: duplicate "
                        f"{field['name']} id {value!r} (first on line {first}); "
                        "expected each id once"
                    )


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
                _indicator_fields(),
                ["indicator", "qualifier"],
                "Every figure of the article",
            ),
            _resource(
                "number_audit",
                "number_audit.csv",
                _audit_fields(),
                ["offset"],
                "Every number of the article and its decision",
            ),
            _resource(
                "totals_2014_2016",
                "totals_2014_2016.csv",
                _totals_fields(),
                ["series", "period_end_assumed"],
                "The 1996–2014 and '20 years' cumulative totals compared",
            ),
        ],
    }


def write_datapackage(path=paths.DATAPACKAGE) -> None:
    write_text(path, json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
