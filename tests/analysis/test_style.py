"""The charts' house style: fonts, sources, two languages, and figures that publish reproducibly.

Properties of the published files are read off the committed figures/ (the clean rebuild in
tests/build/test_reproduction.py proves they are what a build draws); what only drawing can
show (warnings, what publish() displays) is drawn here.
"""

import logging
import re
import struct
import warnings
from itertools import combinations

import matplotlib
import pytest
from conftest import ROOT, texts
from matplotlib import font_manager
from matplotlib.text import Text

from eastwest.analysis import funding, labour, pairings, style
from eastwest.clean import indicators
from eastwest.fonts import CJK_FAMILY, cjk_font_path

matplotlib.use("Agg")

FIGURES = ROOT / "figures"
# The PDF's text is 166 mm (6.54 in) wide; a chart wider than that (its PNG, margins included)
# is scaled down, and its type with it.
PDF_TEXT_WIDTH_IN = 166 / 25.4


@pytest.fixture(scope="module")
def ind():
    # Built from the article and codebook, so the tests never depend on a stale data file.
    return indicators.build_from_files()


CHART_PARTS = {
    labour.labour_income: {1, 2},
    labour.training_to_jobs: {1},
    labour.people_exchanged: {1, 2},
    funding.funding_scale: {1, 2},
    funding.funding_outputs: {1, 2},
    pairings.pairings_map: {1, 2},
}


@pytest.fixture(scope="module")
def charts(ind):
    made = {fn.__name__: fn(ind) for fn in CHART_PARTS}
    yield made
    for chart in made.values():
        matplotlib.pyplot.close(chart.fig)


def png_width_in(path) -> float:
    width = struct.unpack(">I", path.read_bytes()[16:20])[0]  # the PNG header's IHDR width
    return width / style.PNG_DPI


def print_size(chart) -> tuple[float, float]:
    """The smallest type of ``chart`` and the scale its published PNG prints at."""
    scale = min(1.0, PDF_TEXT_WIDTH_IN / png_width_in(FIGURES / f"{chart.name}.png"))
    sizes = [t.get_fontsize() for t in chart.fig.findobj(Text) if t.get_text().strip()]
    return min(sizes), scale


# --- Shared conventions ---------------------------------------------------------------------


@pytest.mark.parametrize("fn", CHART_PARTS, ids=lambda fn: fn.__name__)
def test_every_chart_names_its_source_and_is_bilingual(charts, fn):
    chart = charts[fn.__name__]
    assert style.source_line(CHART_PARTS[fn]) in texts(chart.fig)
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
    # What the chart plots is listed, each mark once.
    assert chart.data["mark"].is_unique and set(style.DATA_COLUMNS) == set(chart.data.columns)


@pytest.mark.parametrize(
    "fn",
    [labour.labour_income, labour.training_to_jobs, labour.people_exchanged, funding.funding_scale],
    ids=lambda fn: fn.__name__,
)
def test_report_charts_print_their_type_at_seven_and_a_half_points_or_more(charts, fn):
    smallest, scale = print_size(charts[fn.__name__])
    assert smallest * scale >= 7.5, (smallest, scale)


def test_source_line_comes_from_sources_csv():
    assert style.source_line([2]) == "Source: article part 2 (Guangming Daily 光明日报, 2015-11-28)"
    both = style.source_line([2, 1])
    # Part 1 is known by its figures only (no copy found): its total is Xinhua's.
    assert both.startswith("Sources: article part 1 (total as Xinhua 新华社, 2016-07-21); part 2")
    with pytest.raises(ValueError, match="no article part"):
        style.source_line([])


def test_period_label_gives_years_or_the_article_s_words(ind):
    assert style.period_label(indicators.indicator_row(ind, "fiscal_aid_1996_2014")) == (
        "1996–2014"
    )
    assert style.period_label(indicators.indicator_row(ind, "guangxi_labour_export_2015")) == (
        "2015"
    )
    # '20年来' states no end: the label is the article's own words, in both languages.
    twenty = style.period_label(indicators.indicator_row(ind, "fiscal_aid_20y"))
    assert "20" in twenty and re.search(r"[A-Za-z]", twenty) and "年" in twenty


def test_nice_ceiling():
    assert [style.nice_ceiling(v) for v in (0.7, 1, 1.2, 2.2, 3, 7, 11, 4_100)] == [
        1, 1, 2, 2.5, 5, 10, 20, 5_000,
    ]  # fmt: skip


# --- Fonts ----------------------------------------------------------------------------------


def test_the_cjk_font_is_noto_sans_cjk_sc_by_path():
    path = style.register_cjk_font()
    assert path == cjk_font_path()
    assert font_manager.FontProperties(fname=str(path)).get_name() == CJK_FAMILY
    found = font_manager.findfont(
        font_manager.FontProperties(family=CJK_FAMILY), fallback_to_default=False
    )
    assert found == str(path)
    assert "SimHei" not in found
    with style.style():
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", CJK_FAMILY]
        assert matplotlib.rcParams["svg.fonttype"] == "path"
        assert not matplotlib.rcParams["axes.spines.top"]
        assert not matplotlib.rcParams["axes.spines.right"]


def test_use_style_applies_the_house_style_globally():
    with matplotlib.rc_context():
        style.use_style()
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", CJK_FAMILY]
        assert matplotlib.rcParams["savefig.dpi"] == 200
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0] == "#0072B2"


def test_chinese_renders_without_missing_glyphs(ind, caplog, tmp_path):
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        chart = pairings.pairings_map(ind)
        style.publish(chart.fig, chart.name, "c", chart.alt, outdir=tmp_path)
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "Glyph" in m or "missing" in m or "findfont" in m]
    # Chinese glyphs come from the CJK font, Latin ones from DejaVu.
    text = (tmp_path / f"{chart.name}.svg").read_text(encoding="utf-8")
    assert "NotoSansCJK" in text and "DejaVuSans" in text


# --- Publishing -----------------------------------------------------------------------------


def test_rendering_one_figure_twice_gives_the_same_bytes(ind):
    chart = labour.labour_income(ind)
    png1, svg1 = style.render(chart.fig, chart.name)
    png2, svg2 = style.render(chart.fig, chart.name)
    assert png1 == png2 and svg1 == svg2
    assert png1.startswith(b"\x89PNG") and svg1.startswith(b"<?xml")


def test_a_chart_whose_layout_settles_late_renders_the_committed_bytes(ind):
    # The training chart's labels reach past its axes: its layout settles only on the second
    # pass, so a render that kept its first save would not give the committed file.
    chart = labour.training_to_jobs(ind)
    png, svg = style.render(chart.fig, chart.name)
    assert png == (FIGURES / f"{chart.name}.png").read_bytes()
    assert svg == (FIGURES / f"{chart.name}.svg").read_bytes()


PUBLISHED = sorted(FIGURES.glob("*.svg"))


def test_every_published_figure_has_its_png_and_svg():
    assert PUBLISHED, "no figures: run make report"
    assert sorted(p.stem for p in FIGURES.glob("*.png")) == [p.stem for p in PUBLISHED]


@pytest.mark.parametrize("svg", PUBLISHED, ids=lambda p: p.stem)
def test_published_files_carry_no_date_or_version(svg):
    text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in text and "Matplotlib v" not in text
    assert re.search(r"\d{4}-\d{2}-\d{2}T", text) is None
    data = svg.with_suffix(".png").read_bytes()
    assert data.startswith(b"\x89PNG")
    assert b"tEXt" not in data and b"tIME" not in data


def _ids(svg) -> set[str]:
    return set(re.findall(r'id="([^"]+)"', svg.read_text(encoding="utf-8")))


@pytest.mark.parametrize("svg", PUBLISHED, ids=lambda p: p.stem)
def test_every_reference_in_a_published_svg_points_at_its_own_ids(svg):
    text = svg.read_text(encoding="utf-8")
    refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', text))
    assert refs and refs <= _ids(svg)


def test_svg_ids_differ_between_figures():
    """Figures inlined in one page share its ids: no two figures may define the same."""
    for first, second in combinations(PUBLISHED, 2):
        assert not _ids(first) & _ids(second), (first.name, second.name)


def test_publish_displays_the_png_with_report_metadata(ind, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "IPython.display.display", lambda *objs, **kw: shown.append((objs, kw)), raising=True
    )
    chart = labour.training_to_jobs(ind)
    style.publish(chart.fig, chart.name, "A caption", chart.alt, outdir=tmp_path, show=True)
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
    chart = funding.funding_outputs(ind)
    with pytest.raises(ValueError, match="figure name"):
        style.publish(chart.fig, "Funding outputs", "c", "a", outdir=tmp_path)
    assert list(tmp_path.iterdir()) == []
