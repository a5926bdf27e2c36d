"""Tables and computed prose as a notebook shows them and the report picks them up.

The checks read the tables' cells (text, and the alignment a reader sees), not their markup.
"""

import pandas as pd
import pytest
from conftest import hand_read, parse_html

from eastwest.analysis import tables
from eastwest.analysis.tables import html_table, output_metadata
from eastwest.clean import indicators


def cells(table_html: str) -> list[list[tuple[str, set[str], str]]]:
    """Each row's cells as (text, classes, inline text-align or '')."""
    page = parse_html(table_html)
    rows = []
    for tr in page.find_all("tr"):
        row = []
        for cell in tr.find_all(recursive=False):
            align = next(
                (d.split(":")[1].strip() for d in cell.get("style", "").split(";")
                 if d.strip().startswith("text-align")),
                "",
            )  # fmt: skip
            row.append((cell.get_text(), set(cell.get("class", [])), align))
        rows.append(row)
    return rows


def aligned(cell) -> str:
    """Where a cell's text sits: right for numbers, left for text (inline, for JupyterLab)."""
    _, classes, align = cell
    if "num" in classes:
        assert align == "", cell  # right-aligned by the stylesheets, and nothing overrides it
        return "right"
    assert "text" in classes and align == "left", cell
    return "left"


def test_html_table_reads_well():
    frame = pd.DataFrame(
        {
            "Series": ["fiscal aid <b>", "projects"],
            "Term 术语": ["财政援助资金", "实施合作项目"],
            "Value": [11820000000.0, 80000.5],
            "Mixed": [118.2, "–"],
            "Missing": [None, 3],
        }
    )
    head, first, second = cells(html_table(frame))
    assert [text for text, *_ in head] == list(frame.columns)
    assert [text for text, *_ in first] == ["fiscal aid <b>", "财政援助资金", "11,820,000,000",
                                            "118.2", "–"]  # fmt: skip
    assert [text for text, *_ in second] == ["projects", "实施合作项目", "80,000.5", "–", "3"]
    assert [aligned(cell) for cell in first] == ["left", "left", "right", "right", "right"]
    assert [aligned(cell) for cell in head] == ["left", "left", "right", "right", "right"]
    # A column in Chinese may not be squeezed to one character a line.
    assert "cjk" in head[1][1] and "cjk" in first[1][1] and "cjk" not in first[0][1]
    # Text is escaped: no <b> element comes out of a cell.
    assert not parse_html(html_table(frame)).find_all("b")


def test_years_keep_their_digits_and_decimals_can_be_set():
    frame = pd.DataFrame({"Year": [2015], "Period": ["1996–2014"], "Value (亿元)": [118.2]})
    _, row = cells(html_table(frame, decimals={"Value (亿元)": 2}))
    assert [text for text, *_ in row] == ["2015", "1996–2014", "118.20"]
    _, row = cells(html_table(frame, plain=["Value (亿元)"], decimals=0))
    assert [text for text, *_ in row] == ["2015", "1996–2014", "118"]


def test_numbers_align_right_and_text_left_wherever_shown():
    frame = pd.DataFrame(
        {
            "Indicator": ["wage, low end", "wage, high end", "aid"],
            "Value": ["3,000 (low end)", "5,000 (high end)", "40,000+"],
            "Note": ["3000至5000元", "3000至5000元", "more than 4 in 10"],
        }
    )
    for row in cells(html_table(frame)):
        assert [aligned(cell) for cell in row] == ["left", "right", "left"]


def test_a_table_can_carry_an_id_and_trusted_html():
    frame = pd.DataFrame({"Link": ['<a href="#a-1">1</a>'], "Text": ["<a>"]})
    page = parse_html(html_table(frame, table_id="table-x", raw_html=["Link"]))
    assert page.find("table").get("id") == "table-x"
    assert [a.get("href") for a in page.find_all("a")] == ["#a-1"]


def test_show_table_and_say_attach_the_report_metadata(monkeypatch):
    shown = []
    monkeypatch.setattr(
        tables, "_display", lambda bundle, metadata: shown.append((bundle, metadata))
    )
    frame = pd.DataFrame({"Region 地区": ["广西"], "Workers (persons)": [350000], "Year": [2015]})
    tables.show_table(frame, "Workers placed", "workers")
    tables.say("Guangxi placed **350,000** workers.")
    tables.say("One line for the summary.", kind="summary")
    (table, table_meta), (text, text_meta), (_, summary_meta) = shown
    assert table_meta == {
        "eastwest": {
            "kind": "table",
            "name": "workers",
            "caption": "Workers placed",
            "alt": "Workers placed",
        }
    }
    _, row = cells(table["text/html"])
    assert [(text_, aligned(cell)) for cell in row for text_ in [cell[0]]] == [
        ("广西", "left"), ("350,000", "right"), ("2015", "right"),  # a year keeps its digits
    ]  # fmt: skip
    assert parse_html(table["text/html"]).find("table").get("id") == "table-workers"
    assert "350000" in table["text/plain"]
    assert text == {
        "text/markdown": "Guangxi placed **350,000** workers.",
        "text/plain": "Guangxi placed **350,000** workers.",
    }
    assert text_meta["eastwest"]["kind"] == "text"
    assert summary_meta["eastwest"]["kind"] == "summary"
    with pytest.raises(ValueError):
        tables.say("x", kind="figure")
    with pytest.raises(ValueError, match="needs a name"):
        tables.show_table(frame, "No name", "")


def test_output_metadata_knows_the_report_s_kinds():
    assert output_metadata("figure", "a", "b", "c") == {
        "eastwest": {"kind": "figure", "name": "a", "caption": "b", "alt": "c"}
    }
    with pytest.raises(ValueError, match="kind must be one of"):
        output_metadata("chart")


def test_reading_table_shows_each_figure_as_written_and_as_a_number():
    table = indicators.build_from_files()
    reading = tables.reading_table(table).set_index("As written")
    wage = reading.loc[hand_read("dongguan_hechi_wage", "range_low").figure]  # 3000至5000元
    assert list(wage["Value"]) == ["3,000 (low end)", "5,000 (high end)"]
    projects = reading.loc[hand_read("cooperation_projects_1996_2014").figure]  # 8万余个
    assert (projects["Value"], projects["Period"], projects["Part"]) == ("80,000+", "1996–2014", 2)
    # '20年来' from 1996 states no end: the period is open; 2015 alone is one year.
    assert reading.loc["132.7亿元", "Period"] == "from 1996"
    assert reading.loc["35万人", "Period"] == "2015"
    assert len(reading) == len(table)
