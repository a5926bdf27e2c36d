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


def test_duplicate_indicator_id(built_copy):
    edit_codebook(built_copy, "clinics_20y", indicator="rural_roads_20y")
    assert_refused(built_copy, "duplicate indicator id", "rural_roads_20y")


def test_unit_that_contradicts_the_figure(built_copy):
    edit_codebook(built_copy, "rural_roads_20y", unit="yuan")
    assert_refused(built_copy, "rural_roads_20y", "km", "yuan")


def test_undecided_number_stops_the_build(built_copy):
    path = built_copy / "data" / "number_decisions.csv"
    rules = pd.read_csv(path, dtype=str, keep_default_na=False)
    rules[rules["context"] != "十分精彩"].to_csv(path, index=False, lineterminator="\n")
    assert_refused(built_copy, "neither an indicator", "'十'", "十分精彩")


def test_stale_decision_rule_stops_the_build(built_copy):
    path = built_copy / "data" / "number_decisions.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("苦瘠甲天下,甲,word,甲 is no numeral\n")
    assert_refused(built_copy, "decide no number found")
