"""Curated CSV inputs checked row by row against the field dictionary, before anything is built.

Each refusal names the file, the line (counted through quoted line breaks), the column and what
was expected.
"""

import csv
import math
import re
from pathlib import Path

from eastwest import paths
from eastwest.errors import InputError


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
