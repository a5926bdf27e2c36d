"""Curated CSV inputs checked row by row against the field dictionary, before anything is built.

Each refusal names the file, the line (counted through quoted line breaks), the column and what
was expected.
"""

import csv
import re
from pathlib import Path

from eastwest import paths
from eastwest.errors import InputError

# How each type is written, for a value frictionless finds is not of its field's type.
_EXPECTED = {
    "integer": "a whole number; expected digits only",
    "number": "a number; expected digits in base units (no 万 or 亿)",
    "date": "a date; expected YYYY-MM-DD",
}


def _said(error, field: dict, lines: list[int]) -> str:
    """A frictionless error on one cell, as "what it is; expected what"."""
    value, rules = error.cell, field.get("constraints", {})
    if error.type == "type-error":
        return f"{value!r} is not {_EXPECTED.get(field['type'], 'a ' + field['type'])}"
    if error.type == "unique-error":
        first = lines[int(re.search(r"position (\d+)", error.note)[1]) - 2]
        return (
            f"duplicate {field['name']} id {value!r} (first on line {first}); expected each id once"
        )
    rule = re.search(r'constraint "(\w+)"', error.note)[1]
    if rule == "required":
        return f"empty; expected: {field['description']}"
    if rule == "enum":
        allowed = ", ".join(str(item) for item in rules["enum"])
        return f"unknown {field['name']} {value!r}; expected one of: {allowed}"
    if rule == "pattern":
        return f"{value!r} does not match {rules['pattern']}; expected: {field['description']}"
    return f"{value!r} is {'below' if rule == 'minimum' else 'above'} {rules[rule]}"


def csv_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each record with the line it starts on (quoted fields may span lines); a
    blank line is an empty record, which frictionless counts as a row too."""
    name = paths.shown(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows, line = [], reader.line_num
            for record in reader:
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
    for line, record in rows:
        if record and len(record) != len(columns):
            where = columns[min(len(record), len(columns) - 1)]
            raise InputError(
                f"{name} line {line}, column {where!r}: the row has {len(record)} values for "
                f"{len(columns)} columns; expected one value for each column "
                "(a comma missing or extra, or a quote not closed?)"
            )
    # Table Schema's own checks of each cell, by frictionless; the file is read as it is.
    from frictionless import Resource, Schema

    schema = Schema.from_descriptor(
        {
            "fields": [
                {**f, "constraints": {**f.get("constraints", {}), "unique": True}}
                if f["name"] in unique
                else f
                for f in fields
            ]
        }
    )
    resource = Resource(path=path.name, basepath=str(path.parent), schema=schema)
    report = resource.validate()
    lines = [line for line, _ in rows]
    errors = [e for task in report.tasks for e in task.errors if getattr(e, "field_name", None)]
    if errors:
        error = min(errors, key=lambda e: e.row_number)
        field = next(f for f in fields if f["name"] == error.field_name)
        line = lines[error.row_number - 2]
        said = _said(error, field, lines)
        raise InputError(f"{name} line {line}, column {field['name']!r}: {said}")
