"""The figures published outside the article: loaded only when every row checks out, each
with its own term, period and publication."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from eastwest.analysis import external
from eastwest.clean.fields import official_totals_fields, sources_fields
from eastwest.errors import InputError

OFFICIAL = ROOT / "data" / "external" / "official_totals.csv"
SOURCES = ROOT / "data" / "sources.csv"


def refusal(load, path: Path) -> str:
    with pytest.raises(InputError) as err:
        load(path)
    return str(err.value)


def official_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the official totals with one value of line 2 replaced."""
    lines = OFFICIAL.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new, 1)
    path = tmp_path / "official_totals.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_the_official_totals_load_with_numbers_and_years():
    official = external.load_official()
    assert list(official.columns) == [f["name"] for f in official_totals_fields()]
    assert official["value"].dtype == "float64"
    assert official["period_start"].dtype == "int64" and official["period_end"].dtype == "int64"
    row = external.official(official, "fiscal_aid", 2011, 2015)
    assert row["value"] == 6_070_000_000  # 60.7亿元, the December 2016 briefing


def test_official_total_that_is_not_a_number(tmp_path):
    message = refusal(external.load_official, official_with(tmp_path, ",5520000000,", ",55.2亿,"))
    assert "official_totals.csv line 2, column 'value'" in message
    assert "'55.2亿' is not a number; expected digits" in message


def test_official_total_from_an_unknown_source(tmp_path):
    path = official_with(tmp_path, "People's Daily (人民日报)", "a blog")
    message = refusal(external.load_official, path)
    assert "official_totals.csv line 2, column 'publisher'" in message
    assert "unknown publisher 'a blog'; expected one of" in message
    assert "Xinhua (新华社)" in message


def test_official_total_in_an_unknown_unit(tmp_path):
    message = refusal(external.load_official, official_with(tmp_path, ",yuan,", ",元,"))
    assert "line 2, column 'unit': unknown unit '元'; expected one of: yuan" in message


def test_changed_columns_are_refused_on_line_one(tmp_path):
    changed = tmp_path / "official_totals.csv"
    changed.write_text(
        OFFICIAL.read_text(encoding="utf-8").replace("term_zh,", "term,", 1), encoding="utf-8"
    )
    message = refusal(external.load_official, changed)
    assert "official_totals.csv line 1: columns [" in message
    assert "differ from the expected [" in message
    assert "missing ['term_zh'], unexpected ['term']" in message


def test_sources_load_by_id_and_a_wrong_header_is_refused(tmp_path):
    sources = external.load_sources()
    assert list(sources.columns) == [f["name"] for f in sources_fields()][1:]
    assert sources.loc["part1", "publisher"] == "Xinhua (新华社)"
    assert sources.loc["part2", "published"] == "2015-11-28"
    changed = tmp_path / "sources.csv"
    changed.write_text(
        SOURCES.read_text(encoding="utf-8").replace(",author,", ",authors,", 1), encoding="utf-8"
    )
    message = refusal(external.load_sources, changed)
    assert "sources.csv line 1: columns [" in message and "differ from the expected [" in message
    assert "'authors'" in message and "'author'" in message


def test_official_lookup_names_what_is_missing():
    with pytest.raises(KeyError, match="fiscal_aid 1996–2013"):
        external.official(external.load_official(), "fiscal_aid", 1996, 2013)


def test_citations_terms_and_names_drop_what_a_label_does_not_need():
    assert external.short_publisher("People's Daily (人民日报)") == "People’s Daily"
    row = pd.Series({"publisher": "Xinhua (新华社)", "published": "2016-07-21"})
    assert external.citation(row) == "Xinhua, 2016-07-21"
    assert external.own_term("财政援助资金(1996—2014年累计)") == "财政援助资金"
    assert external.own_term("财政援助(20年累计)") == "财政援助"
    assert external.series_name_en("Fiscal aid 1996–2014") == "Fiscal aid"
    assert external.series_name_en("Fiscal aid over 20 years") == "Fiscal aid"
    assert external.PROGRAMME_START == 1996


def test_a_publisher_s_name_is_read_one_way_and_written_three():
    """One reading of 'People's Daily (人民日报)', and the three forms the report prints."""
    assert external.publisher_names("People's Daily (人民日报)") == ("People’s Daily", "人民日报")
    assert external.publisher_label("Xinhua (新华社)") == "Xinhua 新华社"
    assert external.publisher_owner("Guangming Daily (光明日报)") == "Guangming Daily’s (光明日报)"
    assert external.publisher_names("various") == ("various", "")
