"""Bad input stops the data step with a message naming the problem, and writes nothing.

Each refusal is checked where it is raised, on a scratch copy of the inputs: the checks the data
step runs before it writes anything (``eastwest.clean.build.main``), called in this process.
A few go end to end through the step's own command, ``python -m eastwest.build.data INPUT...``, on
one built copy: that the refusal is one line on stderr, without a traceback, and that it leaves
the earlier outputs as they were. tests/build/test_faults.py refuses an article through make.
"""

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run_module

from eastwest.clean.article import load_article
from eastwest.clean.audit import build_audit, load_decisions
from eastwest.clean.codebook import load_codebook
from eastwest.clean.csv_check import check_csv
from eastwest.clean.fields import codebook_fields
from eastwest.clean.indicators import build
from eastwest.errors import InputError

OUTPUTS = ("indicators.csv", "number_audit.csv", "datapackage.json")
INPUTS = ("data/raw/article.txt", "data/raw/article.txt.sha256", "data/codebook.csv",
          "data/number_decisions.csv")  # fmt: skip


def check_inputs(root: Path) -> None:
    """What the data step checks before it writes, in its order, on the inputs under ``root``."""
    article = load_article(root / INPUTS[0], root / INPUTS[1])
    table = build(article, load_codebook(root / INPUTS[2]))
    build_audit(article, table, load_decisions(article, root / INPUTS[3]))


def refusal(root: Path) -> str:
    with pytest.raises(InputError) as err:
        check_inputs(root)
    return str(err.value)


def edit_codebook(root: Path, target: str, **changes) -> None:
    path = root / "data" / "codebook.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in changes.items():
        frame.loc[frame["indicator"] == target, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")


def line_of(path: Path, start: str) -> int:
    """The line of the file that starts with ``start`` (the rows here span one line each)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def append_decision(root: Path, row: str) -> int:
    """Append a rule to data/number_decisions.csv; return its line."""
    path = root / "data" / "number_decisions.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_project_s_inputs_pass(project_copy):
    check_inputs(project_copy)


# --- the codebook ---------------------------------------------------------------------------


def test_codebook_quote_missing_from_article(project_copy):
    edit_codebook(project_copy, "clinics_20y", quote="援建卫生院1690个")
    message = refusal(project_copy)
    assert "clinics_20y" in message and "'援建卫生院1690个' is not in the article" in message


def test_quote_whose_quantity_does_not_parse(project_copy):
    edit_codebook(project_copy, "clinics_20y", figure="卫生院(所)")
    message = refusal(project_copy)
    assert "clinics_20y" in message and "援建卫生院(所)1690个" in message
    assert "cannot parse quantity '卫生院(所)': no number in it" in message


def test_duplicate_indicator_id(project_copy):
    codebook = project_copy / "data" / "codebook.csv"
    first = line_of(codebook, "rural_roads_20y,")
    edit_codebook(project_copy, "clinics_20y", indicator="rural_roads_20y")
    lines = codebook.read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if line.startswith("rural_roads_20y,")]
    assert second[0] == first
    message = refusal(project_copy)
    assert f"data/codebook.csv line {second[1]}, column 'indicator'" in message
    assert f"duplicate indicator id 'rural_roads_20y' (first on line {first})" in message


def test_codebook_row_with_a_missing_column(project_copy):
    codebook = project_copy / "data" / "codebook.csv"
    text = codebook.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("west_counties_paired,"))
    # The row ends with an empty note; dropping its comma leaves 14 values for 15 columns.
    assert row.endswith(",")
    codebook.write_text(text.replace(row, row[:-1]), encoding="utf-8")
    message = refusal(project_copy)
    line = line_of(codebook, "west_counties_paired,")
    assert f"data/codebook.csv line {line}, column 'note'" in message
    assert "14 values for 15 columns; expected one value for each" in message


@pytest.mark.parametrize(
    ("indicator", "column", "value", "expected"),
    [
        ("clinics_20y", "category", "welfare", "infrastructure"),
        ("rural_roads_20y", "unit", "miles", "km"),
    ],
)
def test_codebook_unknown_value(project_copy, indicator, column, value, expected):
    edit_codebook(project_copy, indicator, **{column: value})
    line = line_of(project_copy / "data" / "codebook.csv", f"{indicator},")
    message = refusal(project_copy)
    assert f"data/codebook.csv line {line}, column '{column}'" in message
    assert f"unknown {column} '{value}'; expected one of: " in message
    assert expected in message.split("expected one of: ")[1].split(", ")


def test_unit_that_contradicts_the_figure(project_copy):
    edit_codebook(project_copy, "rural_roads_20y", unit="yuan")
    message = refusal(project_copy)
    assert "rural_roads_20y" in message and "'2.15万公里' is in km" in message
    assert "declares yuan" in message


def test_lines_count_from_the_header_and_through_quoted_line_breaks(tmp_path):
    """A quoted note that spans two lines moves every later row down by one line."""
    codebook = (ROOT / "data" / "codebook.csv").read_text(encoding="utf-8").splitlines(True)
    header, first, second, third = codebook[:4]
    assert first.endswith('"\n')
    broken = first[:-2] + '\nsecond line of the note"\n'
    bad_third = third.replace(",pairing,", ",welfare,", 1)
    path = tmp_path / "codebook.csv"
    path.write_text(header + broken + second + bad_third, encoding="utf-8")
    with pytest.raises(InputError, match=r"codebook\.csv line 5, column 'category'"):
        check_csv(path, codebook_fields(), unique=("indicator",))


def test_curated_file_not_utf8(tmp_path):
    path = tmp_path / "codebook.csv"
    path.write_bytes((ROOT / "data" / "codebook.csv").read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(InputError, match=r"codebook\.csv: not UTF-8"):
        check_csv(path, codebook_fields())


# --- the number decisions -------------------------------------------------------------------


def test_decision_naming_a_number_not_in_the_article(project_copy):
    article = (project_copy / "data" / "raw" / "article.txt").read_text("utf-8")
    assert "援建卫生院9999个" not in article
    line = append_decision(project_copy, "援建卫生院9999个,9999,word,a clinic count")
    message = refusal(project_copy)
    assert f"data/number_decisions.csv line {line}, column 'context'" in message
    assert "'援建卫生院9999个' is not in the article" in message
    assert "expected the article's words around the number" in message


def test_decision_whose_number_is_not_in_its_context(project_copy):
    line = append_decision(project_copy, "十分精彩,五,word,a wrong number")
    message = refusal(project_copy)
    assert f"data/number_decisions.csv line {line}, column 'number'" in message
    assert "'五' occurs 0 times" in message
    assert "expected the number exactly as written there, once" in message


def test_decision_with_an_unknown_decision(project_copy):
    line = append_decision(project_copy, "十分精彩,十,adjective,not a kind of decision")
    message = refusal(project_copy)
    assert f"data/number_decisions.csv line {line}, column 'decision'" in message
    assert "unknown decision 'adjective'; expected one of: " in message
    # An indicator's numbers are decided by the codebook, never by a rule.
    allowed = message.split("expected one of: ")[1].split(", ")
    assert "word" in allowed and "indicator" not in allowed


def test_undecided_number(project_copy):
    path = project_copy / "data" / "number_decisions.csv"
    rules = pd.read_csv(path, dtype=str, keep_default_na=False)
    rules[rules["context"] != "十分精彩"].to_csv(path, index=False, lineterminator="\n")
    message = refusal(project_copy)
    assert "1 number(s) in the article are neither an indicator" in message
    assert "'十'" in message and "十分精彩" in message


def test_stale_decision_rule(project_copy):
    line = append_decision(project_copy, "苦瘠甲天下,甲,word,甲 is no numeral")
    message = refusal(project_copy)
    assert f"data/number_decisions.csv line(s) [{line}]" in message
    assert "decide no number found" in message


# --- end to end, through the data step's command ----------------------------------------------


def data_step(root: Path):
    return run_module("eastwest.build.data", root, *INPUTS)


def outputs(root: Path) -> dict[str, bytes]:
    processed = root / "data" / "processed"
    return {n: (processed / n).read_bytes() for n in OUTPUTS if (processed / n).exists()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("data-step")
    for name in INPUTS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes((ROOT / name).read_bytes())
    result = data_step(root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("clean figures"), result.stdout
    return root


def test_the_step_builds_every_output_and_leaves_no_temporary(built):
    assert set(outputs(built)) == set(OUTPUTS)
    # The scratch copy's table is the committed one: the same inputs give the same bytes.
    assert outputs(built) == {n: (ROOT / "data" / "processed" / n).read_bytes() for n in OUTPUTS}
    assert not list((built / "data" / "processed").glob(".*"))
    again = data_step(built)
    assert again.returncode == 0 and again.stdout == "", "unchanged inputs: nothing to do"


@pytest.mark.parametrize(
    ("edit", "fragments"),
    [
        (
            lambda root: edit_codebook(root, "clinics_20y", category="welfare"),
            ["data/codebook.csv line", "column 'category'", "unknown category 'welfare'"],
        ),
        (
            lambda root: append_decision(root, "苦瘠甲天下,甲,word,甲 is no numeral"),
            ["data/number_decisions.csv line(s)", "decide no number found"],
        ),
    ],
    ids=["codebook", "decisions"],
)
def test_a_refusal_is_one_line_and_keeps_the_outputs(built, edit, fragments):
    before = outputs(built)
    saved = {name: (built / name).read_bytes() for name in INPUTS}
    try:
        edit(built)
        result = data_step(built)
    finally:
        for name, data in saved.items():
            (built / name).write_bytes(data)
    assert result.returncode != 0
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert all(fragment in result.stderr for fragment in fragments), result.stderr
    assert outputs(built) == before, "a refused step must leave earlier outputs as they were"
    assert not list((built / "data" / "processed").glob(".*"))
