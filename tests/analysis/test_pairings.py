"""The pairs of provinces the article names: curated with its own words, and drawn on a map."""

import matplotlib
import pytest
from conftest import ARTICLE_TEXT, hand_read
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from eastwest.analysis import pairings
from eastwest.analysis.pairings import KINDS, load_pairings, load_regions, with_coordinates
from eastwest.clean import indicators

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def chart():
    made = pairings.pairings_map(indicators.build_from_files())
    yield made
    matplotlib.pyplot.close(made.fig)


def test_pairings_map_draws_every_pair_and_the_county_counts(chart):
    pairs = load_pairings()
    # The pair arrows are the annotations without text; labels' leader lines carry their label.
    arrows = [
        t.arrow_patch
        for t in chart.fig.axes[0].texts
        if isinstance(getattr(t, "arrow_patch", None), FancyArrowPatch) and not t.get_text()
    ]
    assert len(arrows) == len(pairs)
    assert set(chart.data["mark"]) >= set(pairs["pair_id"])
    words = "\n".join(t.get_text() for t in chart.fig.findobj(Text))
    for key in ("east_counties_paired", "west_counties_paired"):
        assert str(hand_read(key).value) in words  # 260 and 287
    for name in ("闽宁", "沪滇", "粤桂", "浙川", "甬黔"):
        assert name in words
    assert "东部" in words and "西部" in words


def test_pairing_quotes_and_model_names_are_the_articles_words():
    pairs = load_pairings()
    for pair in pairs.itertuples():
        assert pair.quote in ARTICLE_TEXT, pair.pair_id
        for model in filter(None, pair.model_zh.split("; ")):
            assert model in ARTICLE_TEXT, (pair.pair_id, model)
        assert (pair.kind == "named_model") == bool(pair.model_zh), pair.pair_id
    assert set(pairs["kind"]) <= set(KINDS)
    assert pairs["pair_id"].is_unique


def test_pairings_cover_the_pairs_the_article_names():
    pairs = load_pairings()
    named = set(zip(pairs["east_zh"], pairs["west_zh"], strict=True))
    expected = {
        ("福建", "宁夏"),
        ("上海", "云南"),
        ("广东", "广西"),
        ("浙江", "四川"),
        ("宁波", "贵州"),
        ("镇海区", "普安县"),
        ("山东", "重庆"),
        ("北京", "赤峰"),
        ("北京", "乌兰察布"),
        ("辽宁", "青海"),
        ("深圳", "毕节"),
        ("深圳", "黔南"),
        ("东莞", "河池"),
    }
    assert named == expected
    models = set(pairs.loc[pairs["kind"] == "named_model", "east_zh"])
    assert models == {"福建", "上海", "广东", "浙江", "宁波"}


def test_an_unknown_kind_of_pair_is_refused(tmp_path):
    text = pairings.PAIRINGS.read_text(encoding="utf-8").replace("named_model", "rumour", 1)
    (tmp_path / "pairings.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind \\['rumour'\\]"):
        load_pairings(tmp_path / "pairings.csv")


def test_regions_have_plausible_coordinates_for_every_pair():
    regions = load_regions()
    assert regions["region_id"].is_unique
    assert regions["lat"].between(18, 54).all() and regions["lon"].between(73, 135).all()
    pairs = with_coordinates(load_pairings(), regions)
    sides = regions.set_index("region_id")["side"]
    assert (sides[pairs["east_id"]] == "east").all()
    assert (sides[pairs["west_id"]] == "west").all()
    with pytest.raises(KeyError, match=r"regions\.csv lacks"):
        with_coordinates(load_pairings(), regions[regions["side"] == "east"])


def test_smaller_regions_belong_to_their_province():
    regions = load_regions()
    by_name = regions.set_index("name_zh")["region_id"]
    # 镇海区 is a district of 宁波, in 浙江; 普安县 a county of 黔西南, in 贵州 (the article).
    assert pairings.province_of(by_name["镇海区"], regions) == by_name["浙江"]
    assert pairings.province_of(by_name["普安县"], regions) == by_name["贵州"]
    assert pairings.province_of(by_name["宁夏"], regions) == by_name["宁夏"]
    assert pairings.region_label("辽宁") == "Liaoning 辽宁"


def test_the_reading_table_names_each_pair_in_both_languages():
    pairs = load_pairings()
    table = pairings.reading_table(pairs)
    assert len(table) == len(pairs)
    fujian = table[table["East → West 东部 → 西部"] == "Fujian 福建 → Ningxia 宁夏"].iloc[0]
    assert "闽宁" in fujian["Named as"]
    assert fujian["The article’s words"] in ARTICLE_TEXT
    reported = table[pairs["kind"].to_numpy() == "reported_project"]
    assert (reported["Named as"] == KINDS["reported_project"]).all()
