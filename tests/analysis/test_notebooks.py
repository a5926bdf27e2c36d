"""The notebooks: numbered in reading order, and no number in what they say is typed by hand.

Every number in the report's prose comes from the data through the analysis modules: the code
cells type no number, their strings carry no digits but names and the article's own words, and
the Markdown cells the report uses carry none either."""

import ast
import json
import re
import tomllib

import pytest
from conftest import ARTICLE_TEXT, ROOT

from eastwest.build import records

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Digits that are names or definitions, not quantities: the article's term for its period,
# cross-references, the parts of the article, the plan period's name, a unit's gloss.
NAMES = re.compile(
    r"“20 years”|\b(?:Figure|Table|Section|Appendix)s? [A-Z]?\.?\d+(?:\.\d+)*"
    r"|\b[Pp]arts? [12]\b|\b12th Five-Year Plan\b|\bc\d\d\b|SHA-256|utf-8|亿元 \(100 million yuan\)"
)
# A run of Chinese with digits (19年来, 1996年至2014年) must be the article's own words.
CHINESE_WITH_DIGITS = re.compile(r"[\u3400-\u9fff\d.,，]*\d[\u3400-\u9fff\d.,，]*")


def _cells(path, kind):
    return [c for c in json.loads(path.read_text("utf-8"))["cells"] if c["cell_type"] == kind]


def _typed_digits(text: str) -> list[str]:
    """The digits in ``text`` that are neither names nor quoted from the article."""
    text = NAMES.sub("", text)
    typed = []
    for run in CHINESE_WITH_DIGITS.findall(text):
        if re.search(r"[\u3400-\u9fff]", run) and run.strip(".,，") in ARTICLE_TEXT:
            continue
        typed.append(run)
    return typed


def test_notebooks_are_ordered_and_named():
    assert NOTEBOOKS, "no notebooks found"
    names = [path.name for path in NOTEBOOKS]
    for index, name in enumerate(names, start=1):
        assert name.startswith(f"{index:02d}_"), f"{name}: expected the prefix {index:02d}_"
        assert "Untitled" not in name and "-Copy" not in name


def test_code_types_no_numbers_and_defines_no_helpers():
    for path in NOTEBOOKS:
        for cell in _cells(path, "code"):
            tree = ast.parse("".join(cell["source"]))
            constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
            numbers = [c for c in constants if type(c) in (int, float)]
            assert numbers == [], f"{path.name} cell {cell['id']} types {numbers}"
            assert not any(isinstance(n, ast.FunctionDef | ast.Lambda) for n in ast.walk(tree))
            # Identifiers (fiscal_aid_1996_2014, part1) name data; they are not prose.
            strings = [c for c in constants if isinstance(c, str) and not c.isidentifier()]
            typed = [d for s in strings for d in _typed_digits(s)]
            assert typed == [], f"{path.name} cell {cell['id']} writes {typed} by hand"


def test_markdown_the_report_uses_types_no_numbers():
    for path in NOTEBOOKS:
        for cell in _cells(path, "markdown"):
            if "report-skip" in cell["metadata"].get("tags", []):
                continue
            typed = _typed_digits("".join(cell["source"]))
            assert typed == [], f"{path.name} cell {cell['id']} types {typed}"


def test_the_checks_find_typed_numbers():
    """The rule above can fail: a year, an amount or an unquoted Chinese figure is caught."""
    assert _typed_digits("fiscal aid rose in 2011") == ["2011"]
    assert _typed_digits("14.5亿元 in one year") == ["14.5亿元"]
    assert _typed_digits("Part 2’s “19年来” (Figure 1, part 2)") == []


def test_cell_ids_run_in_order():
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text("utf-8"))["cells"]
        assert [c["id"] for c in cells] == [f"c{i:02d}" for i in range(1, len(cells) + 1)]


def test_notebooks_import_the_analysis_stage_not_the_report_s():
    """What a notebook runs is analysis; the report's own modules (publish) never run in it."""
    for path in NOTEBOOKS:
        code = "\n".join("".join(c["source"]) for c in _cells(path, "code"))
        modules = set()
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules.add(node.module)
            elif isinstance(node, ast.Import):
                modules |= {alias.name for alias in node.names}
        ours = {m for m in modules if m.split(".")[0] == "eastwest"}
        assert ours, path.name
        assert not {m for m in ours if m.startswith("eastwest.publish")}, path.name


def test_the_front_page_s_text_types_no_numbers():
    """The key findings' sentences live in findings.toml: words and placeholders, no figures."""
    texts = tomllib.loads((ROOT / "src/eastwest/analysis/findings.toml").read_text("utf-8"))
    sentences = [texts.pop("bottom_line"), texts.pop("finding")] + [
        text for finding in texts.values() for key, text in finding.items() if key != "section"
    ]
    assert len(sentences) == 10
    typed = [digits for sentence in sentences for digits in _typed_digits(sentence)]
    assert typed == [], typed


def test_the_checks_text_types_no_numbers():
    """What each check says lives in checks.toml: words and placeholders. (The verdict rules, for
    reviewers, give an example, 118.2亿 is 118.15–118.25亿: they are check_text.toml's.)"""
    texts = tomllib.loads((ROOT / "src/eastwest/analysis/checks.toml").read_text("utf-8"))
    sentences = [t for t in texts.values() if isinstance(t, str)] + [
        text for check in texts.values() if isinstance(check, dict) for text in check.values()
    ]
    assert len(sentences) > 20
    typed = [digits for sentence in sentences for digits in _typed_digits(sentence)]
    assert typed == [], typed


@pytest.mark.parametrize(
    "module", ["overview", "totals", "labour_text", "funding", "pairings", "timeline", "style"]
)
def test_a_chapter_s_text_types_no_numbers(module):
    path = ROOT / "src/eastwest/analysis" / f"{module}.toml"
    texts = tomllib.loads(path.read_text("utf-8"))

    def strings(value):
        return (
            [value] if isinstance(value, str) else [s for v in value.values() for s in strings(v)]
        )

    typed = [d for sentence in strings(texts) for d in _typed_digits(sentence)]
    assert texts and typed == [], typed


def test_the_report_s_text_is_an_input_of_its_notebook():
    """An edited sentence re-runs the notebook that prints it, as an edited module would."""
    for module, text in (("findings", "findings.toml"), ("findings", "checks.toml"),
                         ("labour_text", "labour_text.toml"), ("funding", "funding.toml"),
                         ("pairings", "pairings.toml"), ("overview", "overview.toml"),
                         ("totals", "totals.toml")):  # fmt: skip
        code = f"from eastwest.analysis import {module}"
        assert ROOT / "src/eastwest/analysis" / text in records.package_imports(code)
