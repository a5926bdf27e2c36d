"""The indicator table and the number audit against the article, read by hand."""

import re
from decimal import Decimal

import pandas as pd
import pytest
from conftest import ARTICLE_TEXT, HAND_READ
from frictionless import Package

from eastwest import paths
from eastwest.clean import indicators
from eastwest.clean.article import load_article
from eastwest.clean.codebook import load_codebook

MULTIPLIERS = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}


@pytest.fixture(scope="module")
def built() -> pd.DataFrame:
    return indicators.build(load_article(), load_codebook())


@pytest.mark.parametrize("row", HAND_READ, ids=lambda r: f"{r.indicator}-{r.qualifier}")
def test_the_hand_read_table_is_the_article_s(row):
    """tests/hand_read.csv itself: its words are the article's, and its value what they say,
    by arithmetic of its own (nothing of the pipeline's parser)."""
    assert ARTICLE_TEXT.count(row.words) == 1 and row.figure in row.words
    ends = re.fullmatch(r"(\d+)至(\d+)\D+", row.figure)
    if ends:
        assert row.qualifier in ("range_low", "range_high")
        assert row.value == int(ends[1 if row.qualifier == "range_low" else 2])
        return
    number, multiplier, more = re.match(r"([\d.]+)(万亿|亿|万)?([多余])?", row.figure).groups()
    assert row.value == Decimal(number) * MULTIPLIERS[multiplier or ""]
    assert row.qualifier == ("at_least" if more else "exact")


@pytest.mark.parametrize("row", HAND_READ, ids=lambda r: f"{r.indicator}-{r.qualifier}")
def test_value_read_by_hand(built, row):
    found = built[(built["indicator"] == row.indicator) & (built["qualifier"] == row.qualifier)]
    assert len(found) == 1
    assert found["value"].iloc[0] == row.value
    assert found["unit"].iloc[0] == row.unit
    assert found["figure"].iloc[0] == row.figure
    # The one reading the analysis uses: an at_least or exact figure is the indicator's only row.
    if row.qualifier in ("exact", "at_least"):
        assert indicators.indicator_row(built, row.indicator)["qualifier"] == row.qualifier
        assert indicators.value_of(built, row.indicator) == row.value


def test_a_range_is_two_rows_and_a_lookup_must_name_the_end(built):
    with pytest.raises(KeyError, match="2 rows for dongguan_hechi_wage"):
        indicators.indicator_row(built, "dongguan_hechi_wage")
    with pytest.raises(KeyError, match="no_such_indicator"):
        indicators.value_of(built, "no_such_indicator")


def test_every_quote_is_in_the_article_at_its_offset(built):
    text = load_article().text
    for row in built.itertuples():
        assert text[row.quote_offset : row.quote_offset + len(row.quote)] == row.quote
        assert text[row.figure_offset : row.figure_offset + len(row.figure)] == row.figure


def test_both_parts_are_covered(built):
    assert set(built["part"]) == {1, 2}
    # Part 2's summary paragraph holds nine figures (据统计, 1996年至2014年 ... 3072项).
    assert (built.drop_duplicates("indicator")["part"] == 2).sum() == 9


def test_published_table_matches_a_fresh_build(built):
    published = paths.INDICATORS.read_text(encoding="utf-8")
    assert published == built.to_csv(index=False, lineterminator="\n")


def test_the_published_table_loads_with_whole_numbers_as_integers(built):
    table = indicators.load()
    assert list(table.columns) == list(built.columns)
    assert str(table["period_start"].dtype) == "Int64" and table["value"].dtype == "float64"
    # 1834人次 were exchanged in 2011–2015; a '20 years' total states no end.
    cadres = indicators.indicator_row(table, "cadre_exchanges_2011_2015")
    assert (cadres["period_start"], cadres["period_end"]) == (2011, 2015)
    assert pd.isna(indicators.indicator_row(table, "fiscal_aid_20y")["period_end"])


def test_published_tables_validate_against_the_data_package():
    report = Package(str(paths.DATAPACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_audit_decides_every_number_and_feeds_every_indicator(built):
    audit = pd.read_csv(paths.NUMBER_AUDIT, keep_default_na=False)
    assert (audit["decision"] != "").all()
    fed = set(audit.loc[audit["decision"] == "indicator", "indicator"])
    assert fed == set(built["indicator"])
    # The rabbit rhyme's four numerals (一只兔 … 千只兔) are a slogan, not data.
    rhyme = audit[audit["context"].str.contains("只兔") & (audit["kind"] == "chinese")]
    assert list(rhyme["number"]) == ["一", "十", "百", "千"]
    assert set(rhyme["decision"]) == {"slogan"}
    # The years of the article are years, by the audit's own rule: 1996, 2011, 2014, 2015...
    years = audit.loc[audit["decision"] == "year", "number"]
    assert {"1996", "2011", "2014", "2015"} <= set(years)
