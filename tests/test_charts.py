"""The charts plot the article's numbers, speak both languages and publish reproducibly."""

import io
import logging
import re
import warnings

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.collections import LineCollection
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from eastwest import charts, indicators, paths
from eastwest.fonts import CJK_FAMILY, cjk_font_path
from eastwest.pairings import KINDS, load_pairings, load_regions, with_coordinates

matplotlib.use("Agg")

ARTICLE = paths.ARTICLE.read_text(encoding="utf-8")

# Read off the article by hand, in base units (亿 = 10^8, 万 = 10^4); never copied from a build.
ARTICLE_VALUES = {
    "labour_export_1996_2014": 6_643_000,  # 664.3万人次
    "labour_income_1996_2014": 53_830_000_000,  # 538.3亿元
    "guangxi_labour_export_2015": 350_000,  # 35万人
    "guangxi_labour_income_2015": 15_750_000_000,  # 157.5亿元
    "liaoning_qinghai_trained": 34_000,  # 3.4万名
    "liaoning_qinghai_placed": 30_000,  # 3万名
    "dongguan_hechi_trained": 3_000,  # 3000多人
    "dongguan_hechi_placed": 1_200,  # 1200多人
    "talent_training_1996_2014": 557_000,  # 55.7万人次
    "leader_visits_1996_2014": 88_000,  # 8.8万人次
    "leader_visits_provincial_1996_2014": 5_160,  # 5160人次
    "cadre_exchanges_2011_2015": 1_834,  # 1834人次
    "fiscal_aid_1996_2014": 11_820_000_000,  # 118.2亿元
    "fiscal_aid_20y": 13_270_000_000,  # 132.7亿元
    "enterprise_investment_1996_2014": 1_200_000_000_000,  # 1.2万亿元
    "zhu_yinglong_donation": 270_000_000,  # 2.7亿元
    "rural_roads_20y": 21_500,  # 2.15万公里
    "clinics_20y": 1_690,  # 1690个
    "cooperation_projects_1996_2014": 80_000,  # 8万余个
    "zhu_yinglong_buildings": 1_000,  # 1000多栋
    "shenzhen_hope_schools": 8,  # 8所
    "east_counties_paired": 260,  # 260个县市
    "west_counties_paired": 287,  # 287县(市)
}
WAGE_LOW, WAGE_HIGH = 3_000, 5_000  # 3000至5000元
AT_LEAST = {
    "dongguan_hechi_trained",
    "dongguan_hechi_placed",
    "cooperation_projects_1996_2014",
    "zhu_yinglong_buildings",
}


@pytest.fixture(scope="module")
def ind():
    # Built from the article and codebook, so the tests never depend on a stale data file.
    return indicators.build_from_files()


@pytest.fixture(scope="module")
def built(ind):
    made = {
        fn.__name__: fn(ind)
        for fn in (
            charts.labour_income,
            charts.training_to_jobs,
            charts.people_exchanged,
            charts.funding_scale,
            charts.funding_outputs,
            charts.pairings_map,
        )
    }
    yield made
    for chart in made.values():
        matplotlib.pyplot.close(chart.fig)


def texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text))


def dots(ax) -> list[float]:
    """x of the dot markers (guide lines are lines too, without markers)."""
    return [line.get_xdata()[0] for line in ax.lines if line.get_marker() == "o"]


def plotted(chart, mark) -> float:
    rows = chart.data[chart.data["mark"] == mark]
    assert len(rows) == 1, f"{chart.name}: {len(rows)} rows for {mark}"
    return float(rows["plotted"].iloc[0])


def test_the_hand_read_values_match_the_indicators(ind):
    for key, value in ARTICLE_VALUES.items():
        row = charts.indicator_row(ind, key)
        assert row["value"] == value, key
        assert (row["qualifier"] == "at_least") == (key in AT_LEAST), key
    assert charts.indicator_row(ind, "dongguan_hechi_wage", "range_low")["value"] == WAGE_LOW
    assert charts.indicator_row(ind, "dongguan_hechi_wage", "range_high")["value"] == WAGE_HIGH


# --- Labour ---------------------------------------------------------------------------------


def test_labour_income_plots_income_per_head(built):
    chart = built["labour_income"]
    per_trip = 53_830_000_000 / 6_643_000
    assert plotted(chart, "income_per_person_time") == pytest.approx(per_trip, rel=1e-12)
    assert plotted(chart, "income_per_worker_2015") == pytest.approx(45_000)
    assert plotted(chart, "income_per_month_2015") == pytest.approx(3_750)
    assert plotted(chart, "wage_range_low") == WAGE_LOW
    assert plotted(chart, "wage_range_high") == WAGE_HIGH
    left, right = chart.fig.axes
    widths = sorted(p.get_width() for p in left.patches)
    assert widths == pytest.approx([per_trip, 45_000])
    (segment,) = next(c for c in right.collections if isinstance(c, LineCollection)).get_segments()
    assert [segment[0][0], segment[1][0]] == [WAGE_LOW, WAGE_HIGH]
    assert right.lines[0].get_xdata()[0] == pytest.approx(3_750)
    words = texts(chart.fig)
    assert "≈8,100" in words and "45,000" in words and "3,000–5,000" in words
    assert "劳务收入" in words and "538.3亿元" in words and "664.3万人次" in words


def test_training_to_jobs_plots_counts_and_bounded_share(built):
    chart = built["training_to_jobs"]
    for key in (
        "liaoning_qinghai_trained",
        "liaoning_qinghai_placed",
        "dongguan_hechi_trained",
        "dongguan_hechi_placed",
    ):
        assert plotted(chart, key) == ARTICLE_VALUES[key]
    top, bottom = chart.fig.axes
    assert sorted(p.get_width() for p in top.patches) == [30_000, 34_000]
    assert sorted(p.get_width() for p in bottom.patches) == [1_200, 3_000]
    shares = chart.data.set_index("mark")["value"]
    assert shares["liaoning_qinghai_placed_share"] == pytest.approx(30_000 / 34_000)
    assert shares["dongguan_hechi_placed_share"] == pytest.approx(0.4)
    words = texts(chart.fig)
    assert "88% placed" in words and "≈40% placed" in words
    assert "3,000+" in words and "1,200+" in words
    # 1200多 of 3000多, read as 1,200–1,299 of 3,000–3,999: between 30% and 43%.
    assert "between 30% and 43%" in words
    assert "转移就业" in words and "培训" in words


def test_share_bounds_read_duo_as_short_of_the_next_round_number(ind):
    assert charts.next_round(3_000) == 4_000
    assert charts.next_round(1_200) == 1_300
    assert charts.next_round(20) == 30
    placed = charts.indicator_row(ind, "dongguan_hechi_placed")
    trained = charts.indicator_row(ind, "dongguan_hechi_trained")
    assert charts.share_bounds(placed, trained) == pytest.approx((1_200 / 4_000, 1_300 / 3_000))


def test_people_exchanged_plots_person_times_with_their_periods(built):
    chart = built["people_exchanged"]
    ax = chart.fig.axes[0]
    assert ax.get_xscale() == "log"
    assert sorted(dots(ax)) == [1_834, 5_160, 88_000, 557_000]
    for key in (
        "talent_training_1996_2014",
        "leader_visits_1996_2014",
        "leader_visits_provincial_1996_2014",
        "cadre_exchanges_2011_2015",
    ):
        assert plotted(chart, key) == ARTICLE_VALUES[key]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert sum("1996–2014" in t for t in ticks) == 3
    assert sum("2011–2015" in t for t in ticks) == 1
    words = texts(chart.fig)
    assert "人次" in words and "person-times" in words and "互派挂职干部" in words


# --- Funding --------------------------------------------------------------------------------


def test_funding_scale_plots_yuan_in_yi(built):
    chart = built["funding_scale"]
    keys = (
        "fiscal_aid_1996_2014",
        "fiscal_aid_20y",
        "enterprise_investment_1996_2014",
        "zhu_yinglong_donation",
    )
    for key in keys:
        row = chart.data.set_index("mark").loc[key]
        assert row["value"] == ARTICLE_VALUES[key]
        assert row["plotted"] == pytest.approx(ARTICLE_VALUES[key] / 100_000_000)
    ax = chart.fig.axes[0]
    assert ax.get_xscale() == "log"
    assert sorted(dots(ax)) == pytest.approx([2.7, 118.2, 132.7, 12_000])
    ratio = chart.data.set_index("mark").loc["enterprise_to_fiscal_ratio", "value"]
    assert ratio == pytest.approx(1_200_000_000_000 / 11_820_000_000)
    words = texts(chart.fig)
    for label in ("118.2亿元", "132.7亿元", "1.2万亿元", "2.7亿元", "≈100×"):
        assert label in words
    assert "财政援助" in words and "亿元 / 100 million yuan" in ax.get_xlabel()


def test_funding_outputs_gives_each_unit_its_own_axis(built):
    chart = built["funding_outputs"]
    keys = (
        "rural_roads_20y",
        "clinics_20y",
        "cooperation_projects_1996_2014",
        "zhu_yinglong_buildings",
        "shenzhen_hope_schools",
    )
    assert len(chart.fig.axes) == len(keys)
    for ax, key in zip(chart.fig.axes, keys, strict=True):
        assert plotted(chart, key) == ARTICLE_VALUES[key]
        (bar,) = ax.patches
        assert bar.get_width() == ARTICLE_VALUES[key]
        assert ax.get_xlim()[1] > ARTICLE_VALUES[key]
    assert len({ax.get_xlim() for ax in chart.fig.axes}) == len(keys)
    words = texts(chart.fig)
    for label in ("21,500 km", "1,690 clinics", "80,000+ projects", "1,000+ buildings"):
        assert label in words
    assert "农村公路" in words and "卫生院" in words and "希望小学" in words


def test_pairings_map_draws_every_pair_and_the_county_counts(built):
    chart = built["pairings_map"]
    pairs = load_pairings()
    # The pair arrows are the annotations without text; labels' leader lines carry their label.
    arrows = [
        t.arrow_patch
        for t in chart.fig.axes[0].texts
        if isinstance(getattr(t, "arrow_patch", None), FancyArrowPatch) and not t.get_text()
    ]
    assert len(arrows) == len(pairs)
    assert set(chart.data["mark"]) >= set(pairs["pair_id"])
    words = texts(chart.fig)
    assert "260" in words and "287" in words
    for name in ("闽宁", "沪滇", "粤桂", "浙川", "甬黔"):
        assert name in words
    assert "东部" in words and "西部" in words


# --- Shared conventions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("labour_income", {1, 2}),
        ("training_to_jobs", {1}),
        ("people_exchanged", {1, 2}),
        ("funding_scale", {1, 2}),
        ("funding_outputs", {1, 2}),
        ("pairings_map", {1, 2}),
    ],
)
def test_every_chart_names_its_source_and_is_bilingual(built, name, parts):
    chart = built[name]
    words = texts(chart.fig)
    assert charts.source_line(parts) in words
    # The title states the takeaway in English; the Chinese terms stand beside the English
    # in the panel titles and labels.
    title = chart.fig.get_suptitle()
    assert re.search(r"[A-Za-z]{3,}.* [a-z]+ ", title)
    labels = " ".join(
        [title, *(ax.get_title(loc="left") for ax in chart.fig.axes)]
        + [t.get_text() for ax in chart.fig.axes for t in ax.get_yticklabels()]
    )
    assert re.search(r"[\u4e00-\u9fff]", labels)
    assert chart.alt and chart.name.startswith(("labour_", "funding_"))


def test_source_line_comes_from_sources_csv():
    assert (
        charts.source_line([2]) == "Source: article part 2 (Guangming Daily 光明日报, 2015-11-28)"
    )
    both = charts.source_line([2, 1])
    assert both.startswith("Sources: article part 1 (Xinhua 新华社, 2016-07-21); part 2")


def test_number_formats():
    assert charts.fmt_number(3_000, "at_least") == "3,000+"
    assert charts.fmt_number(1_834) == "1,834"
    assert charts.fmt_number(45_000, "approx") == "≈45,000"
    assert charts.fmt_yi(11_820_000_000) == "118.2"
    assert charts.fmt_yi(1_200_000_000_000) == "12,000"
    assert charts.fmt_round(53_830_000_000 / 6_643_000, 100) == "≈8,100"
    assert charts.fmt_round(45_000, 100) == "45,000"


# --- Fonts ----------------------------------------------------------------------------------


def test_the_cjk_font_is_noto_sans_cjk_sc_by_path():
    path = charts.register_cjk_font()
    assert path == cjk_font_path()
    assert font_manager.FontProperties(fname=str(path)).get_name() == CJK_FAMILY
    found = font_manager.findfont(
        font_manager.FontProperties(family=CJK_FAMILY), fallback_to_default=False
    )
    assert found == str(path)
    assert "SimHei" not in found
    with charts.style():
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", CJK_FAMILY]
        assert matplotlib.rcParams["svg.fonttype"] == "path"
        assert not matplotlib.rcParams["axes.spines.top"]
        assert not matplotlib.rcParams["axes.spines.right"]


def test_use_style_applies_the_house_style_globally():
    with matplotlib.rc_context():
        charts.use_style()
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", CJK_FAMILY]
        assert matplotlib.rcParams["savefig.dpi"] == 200
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0] == "#0072B2"


def test_chinese_renders_without_missing_glyphs(ind, caplog, tmp_path):
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        chart = charts.pairings_map(ind)
        charts.publish(chart.fig, chart.name, "c", chart.alt, outdir=tmp_path)
    svg = tmp_path / f"{chart.name}.svg"
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "Glyph" in m or "missing" in m or "findfont" in m]
    # Chinese glyphs come from the CJK font, Latin ones from DejaVu.
    text = svg.read_text(encoding="utf-8")
    assert "NotoSansCJK" in text and "DejaVuSans" in text


# --- Publishing -----------------------------------------------------------------------------


def test_publish_is_byte_identical_across_builds(ind, tmp_path):
    for run in ("a", "b"):
        chart = charts.funding_scale(ind)
        charts.publish(chart.fig, chart.name, "caption", chart.alt, outdir=tmp_path / run)
    for ext in ("png", "svg"):
        first = (tmp_path / "a" / f"funding_scale.{ext}").read_bytes()
        second = (tmp_path / "b" / f"funding_scale.{ext}").read_bytes()
        assert first == second, ext
    assert first.startswith(b"<?xml")


def test_republishing_one_figure_gives_the_same_bytes(ind, tmp_path):
    chart = charts.labour_income(ind)
    png1, svg1 = charts.render(chart.fig, chart.name)
    png2, svg2 = charts.render(chart.fig, chart.name)
    assert png1 == png2 and svg1 == svg2


def test_published_files_carry_no_date_or_version(ind, tmp_path):
    chart = charts.people_exchanged(ind)
    charts.publish(chart.fig, chart.name, "c", chart.alt, outdir=tmp_path)
    png, svg = tmp_path / f"{chart.name}.png", tmp_path / f"{chart.name}.svg"
    text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in text and "Matplotlib v" not in text
    assert re.search(r"\d{4}-\d{2}-\d{2}T", text) is None
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert b"tEXt" not in data and b"tIME" not in data


def test_svg_ids_differ_between_figures(ind, tmp_path):
    ids = []
    for fn in (charts.labour_income, charts.funding_scale):
        chart = fn(ind)
        charts.publish(chart.fig, chart.name, "c", chart.alt, outdir=tmp_path)
        text = (tmp_path / f"{chart.name}.svg").read_text(encoding="utf-8")
        found = set(re.findall(r'id="([^"]+)"', text))
        assert found
        # Every reference points at an id of the same file.
        refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', text))
        assert refs <= found
        ids.append(found)
    assert not ids[0] & ids[1]


def test_publish_displays_the_png_with_report_metadata(ind, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "IPython.display.display", lambda *objs, **kw: shown.append((objs, kw)), raising=True
    )
    chart = charts.training_to_jobs(ind)
    charts.publish(chart.fig, chart.name, "A caption", chart.alt, outdir=tmp_path, show=True)
    ((bundle,), kwargs) = shown[0]
    assert set(bundle) == {"image/png", "text/plain"}
    assert bundle["text/plain"] == chart.alt
    assert kwargs["raw"] is True
    assert kwargs["metadata"] == {
        "eastwest": {
            "kind": "figure",
            "name": "labour_training",
            "caption": "A caption",
            "alt": chart.alt,
        }
    }
    assert (tmp_path / "labour_training.png").is_file()
    assert (tmp_path / "labour_training.svg").is_file()


def test_publish_rejects_names_that_are_not_file_safe(ind, tmp_path):
    chart = charts.funding_outputs(ind)
    with pytest.raises(ValueError, match="figure name"):
        charts.publish(chart.fig, "Funding outputs", "c", "a", outdir=tmp_path)


# --- Pairings -------------------------------------------------------------------------------


def test_pairing_quotes_and_model_names_are_the_articles_words():
    pairs = load_pairings()
    for pair in pairs.itertuples():
        assert pair.quote in ARTICLE, pair.pair_id
        for model in filter(None, pair.model_zh.split("; ")):
            assert model in ARTICLE, (pair.pair_id, model)
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


def test_regions_have_plausible_coordinates_for_every_pair():
    regions = load_regions()
    assert regions["region_id"].is_unique
    assert regions["lat"].between(18, 54).all() and regions["lon"].between(73, 135).all()
    pairs = with_coordinates(load_pairings(), regions)
    sides = regions.set_index("region_id")["side"]
    assert (sides[pairs["east_id"]] == "east").all()
    assert (sides[pairs["west_id"]] == "west").all()


# The PDF's text is 166 mm (6.54 in) wide; a chart wider than that (its PNG, margins included)
# is scaled down, and its type with it.
PDF_TEXT_WIDTH_IN = 166 / 25.4


@pytest.mark.parametrize(
    "name", ["labour_income", "training_to_jobs", "people_exchanged", "funding_scale"]
)
def test_report_charts_print_their_type_at_seven_and_a_half_points_or_more(built, name):
    from PIL import Image

    chart = built[name]
    png, _ = charts.render(chart.fig, chart.name)
    width_in = Image.open(io.BytesIO(png)).size[0] / charts.PNG_DPI
    scale = min(1.0, PDF_TEXT_WIDTH_IN / width_in)
    sizes = [t.get_fontsize() for t in chart.fig.findobj(Text) if t.get_text().strip()]
    assert min(sizes) * scale >= 7.5, (min(sizes), scale)
