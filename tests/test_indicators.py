"""The indicator table against the article, read by hand."""

import pandas as pd
import pytest
from frictionless import Package

from eastwest import indicators, paths
from eastwest.codebook import load_codebook
from eastwest.source import load_article

# (indicator, qualifier, value in base units, unit): read off the article, not off the output.
HAND_READ = [
    # part 1, 万 with "more than" (4万多名父老乡亲)
    ("minning_relocated_persons", "at_least", 40_000, "persons"),
    # part 1, decimal 亿 (132.7亿元)
    ("fiscal_aid_20y", "exact", 13_270_000_000, "yuan"),
    # part 1, decimal 万 with a length unit (2.15万公里)
    ("rural_roads_20y", "exact", 21_500, "km"),
    # part 1, plain count with 个 (1690个)
    ("clinics_20y", "exact", 1_690, "clinics"),
    # part 1, 余 after a plain number (20余户)
    ("lei_linxian_households_led", "at_least", 20, "households"),
    # part 1, 多 with 栋 (1000多栋)
    ("zhu_yinglong_buildings", "at_least", 1_000, "buildings"),
    # part 1, number before 所 (希望小学8所)
    ("shenzhen_hope_schools", "exact", 8, "schools"),
    # part 1, a range (3000至5000元): two rows
    ("dongguan_hechi_wage", "range_low", 3_000, "yuan"),
    ("dongguan_hechi_wage", "range_high", 5_000, "yuan"),
    # part 1, 万 with 名 (3.4万名)
    ("liaoning_qinghai_trained", "exact", 34_000, "persons"),
    # part 1, 人次 without a multiplier (1834人次)
    ("cadre_exchanges_2011_2015", "exact", 1_834, "person-times"),
    # part 1, measure word straight after the number (287县)
    ("west_counties_paired", "exact", 287, "counties"),
    # part 2, decimal 亿 (118.2亿元)
    ("fiscal_aid_1996_2014", "exact", 11_820_000_000, "yuan"),
    # part 2, 万亿 (1.2万亿元)
    ("enterprise_investment_1996_2014", "exact", 1_200_000_000_000, "yuan"),
    # part 2, 余 after 万 (8万余个)
    ("cooperation_projects_1996_2014", "at_least", 80_000, "projects"),
    # part 2, decimal 万 with 人次 (664.3万人次)
    ("labour_export_1996_2014", "exact", 6_643_000, "person-times"),
    # part 2, 项 (3072项)
    ("technologies_1996_2014", "exact", 3_072, "items"),
]


@pytest.fixture(scope="module")
def built() -> pd.DataFrame:
    return indicators.build(load_article(), load_codebook())


@pytest.mark.parametrize(("indicator", "qualifier", "value", "unit"), HAND_READ)
def test_value_read_by_hand(built, indicator, qualifier, value, unit):
    row = built[(built["indicator"] == indicator) & (built["qualifier"] == qualifier)]
    assert len(row) == 1
    assert row["value"].iloc[0] == value
    assert row["unit"].iloc[0] == unit


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
