"""Bad input stops the data build with a message naming the problem, and writes nothing."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_module

OUTPUTS = ("indicators.csv", "number_audit.csv", "datapackage.json")


def build(root: Path):
    return run_module("eastwest.build_data", root)


def outputs(root: Path) -> dict[str, bytes]:
    processed = root / "data" / "processed"
    return {
        name: (processed / name).read_bytes() for name in OUTPUTS if (processed / name).exists()
    }


def edit_codebook(root: Path, target: str, **changes) -> None:
    path = root / "data" / "codebook.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in changes.items():
        frame.loc[frame["indicator"] == target, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")


def test_clean_input_builds_all_outputs(project_copy):
    result = build(project_copy)
    assert result.returncode == 0, result.stderr
    assert set(outputs(project_copy)) == set(OUTPUTS)
    assert (project_copy / "data" / "processed").exists()
    # No temporary files are left beside the outputs.
    assert not list((project_copy / "data" / "processed").glob(".*"))


def assert_refused(root: Path, *fragments: str) -> None:
    before = outputs(root)
    result = build(root)
    assert result.returncode != 0
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert outputs(root) == before, "a refused build must leave earlier outputs as they were"


@pytest.fixture
def built_copy(project_copy):
    assert build(project_copy).returncode == 0
    return project_copy


def test_changed_article_names_file_and_both_hashes(built_copy):
    article = built_copy / "data" / "raw" / "article.txt"
    recorded = (built_copy / "data" / "raw" / "article.txt.sha256").read_text().split()[0]
    article.write_text(article.read_text(encoding="utf-8").replace("132.7", "133.7"), "utf-8")
    found = hashlib.sha256(article.read_bytes()).hexdigest()
    assert_refused(built_copy, "data/raw/article.txt", recorded, found)


def test_article_not_utf8(built_copy):
    article = built_copy / "data" / "raw" / "article.txt"
    article.write_bytes(article.read_text(encoding="utf-8").encode("gb18030"))
    assert_refused(built_copy, "data/raw/article.txt", "not UTF-8")


def test_empty_article(built_copy):
    (built_copy / "data" / "raw" / "article.txt").write_bytes(b"")
    assert_refused(built_copy, "data/raw/article.txt", "empty")


def test_codebook_quote_missing_from_article(built_copy):
    edit_codebook(built_copy, "clinics_20y", quote="援建卫生院1690个")
    assert_refused(built_copy, "clinics_20y", "援建卫生院1690个", "not in the article")


def test_quote_whose_quantity_does_not_parse(built_copy):
    edit_codebook(built_copy, "clinics_20y", figure="卫生院(所)")
    assert_refused(built_copy, "clinics_20y", "援建卫生院(所)1690个")


def line_of(path: Path, start: str) -> int:
    """The line of the file that starts with ``start`` (the rows here span one line each)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def test_duplicate_indicator_id(built_copy):
    codebook = built_copy / "data" / "codebook.csv"
    first = line_of(codebook, "rural_roads_20y,")
    edit_codebook(built_copy, "clinics_20y", indicator="rural_roads_20y")
    lines = codebook.read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if line.startswith("rural_roads_20y,")]
    assert second[0] == first
    assert_refused(
        built_copy,
        "data/codebook.csv",
        f"line {second[1]}",
        "column 'indicator'",
        "duplicate indicator id 'rural_roads_20y'",
        f"first on line {first}",
    )


def test_codebook_row_with_a_missing_column(built_copy):
    codebook = built_copy / "data" / "codebook.csv"
    text = codebook.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("west_counties_paired,"))
    # The row ends with an empty note; dropping its comma leaves 14 values for 15 columns.
    assert row.endswith(",")
    codebook.write_text(text.replace(row, row[:-1]), encoding="utf-8")
    assert_refused(
        built_copy,
        "data/codebook.csv",
        f"line {line_of(codebook, 'west_counties_paired,')}",
        "column 'note'",
        "14 values for 15 columns",
        "expected one value for each",
    )


def test_codebook_unknown_category(built_copy):
    edit_codebook(built_copy, "clinics_20y", category="welfare")
    line = line_of(built_copy / "data" / "codebook.csv", "clinics_20y,")
    assert_refused(
        built_copy,
        f"data/codebook.csv line {line}, column 'category'",
        "unknown category 'welfare'",
        "expected one of",
        "infrastructure",
    )


def test_codebook_unknown_unit(built_copy):
    edit_codebook(built_copy, "rural_roads_20y", unit="miles")
    line = line_of(built_copy / "data" / "codebook.csv", "rural_roads_20y,")
    assert_refused(
        built_copy,
        f"data/codebook.csv line {line}, column 'unit'",
        "unknown unit 'miles'",
        "expected one of",
        "km",
    )


def append_decision(root: Path, row: str) -> int:
    """Append a rule to data/number_decisions.csv; return its line."""
    path = root / "data" / "number_decisions.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def test_decision_naming_a_number_not_in_the_article(built_copy):
    assert "援建卫生院9999个" not in (built_copy / "data" / "raw" / "article.txt").read_text(
        "utf-8"
    )
    line = append_decision(built_copy, "援建卫生院9999个,9999,word,a clinic count")
    assert_refused(
        built_copy,
        f"data/number_decisions.csv line {line}, column 'context'",
        "'援建卫生院9999个' is not in the article",
        "expected the article's words around the number",
    )


def test_decision_whose_number_is_not_in_its_context(built_copy):
    line = append_decision(built_copy, "十分精彩,五,word,a wrong number")
    assert_refused(
        built_copy,
        f"data/number_decisions.csv line {line}, column 'number'",
        "'五' occurs 0 times",
        "expected the number exactly as written there, once",
    )


def test_decision_with_an_unknown_decision(built_copy):
    line = append_decision(built_copy, "十分精彩,十,adjective,not a kind of decision")
    assert_refused(
        built_copy,
        f"data/number_decisions.csv line {line}, column 'decision'",
        "unknown decision 'adjective'",
        "expected one of",
        "word",
    )


def test_unit_that_contradicts_the_figure(built_copy):
    edit_codebook(built_copy, "rural_roads_20y", unit="yuan")
    assert_refused(built_copy, "rural_roads_20y", "km", "yuan")


def test_undecided_number_stops_the_build(built_copy):
    path = built_copy / "data" / "number_decisions.csv"
    rules = pd.read_csv(path, dtype=str, keep_default_na=False)
    rules[rules["context"] != "十分精彩"].to_csv(path, index=False, lineterminator="\n")
    assert_refused(built_copy, "neither an indicator", "'十'", "十分精彩")


def test_stale_decision_rule_stops_the_build(built_copy):
    line = append_decision(built_copy, "苦瘠甲天下,甲,word,甲 is no numeral")
    assert_refused(
        built_copy, f"data/number_decisions.csv line(s) [{line}]", "decide no number found"
    )
