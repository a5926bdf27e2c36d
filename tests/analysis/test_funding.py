"""Chapter 4's charts plot the article's funding figures, read by hand (tests/hand_read.csv)."""

import matplotlib
import pytest
from conftest import dots, hand_read, hand_value, plotted, texts

from eastwest.analysis import funding
from eastwest.clean import indicators

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def built():
    ind = indicators.build_from_files()
    made = {fn.__name__: fn(ind) for fn in (funding.funding_scale, funding.funding_outputs)}
    yield made
    for chart in made.values():
        matplotlib.pyplot.close(chart.fig)


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
        assert row["value"] == hand_value(key)
        assert row["plotted"] == pytest.approx(hand_value(key) / 100_000_000)
    ax = chart.fig.axes[0]
    assert ax.get_xscale() == "log"
    assert sorted(dots(ax)) == pytest.approx([2.7, 118.2, 132.7, 12_000])
    ratio = chart.data.set_index("mark").loc["enterprise_to_fiscal_ratio", "value"]
    assert ratio == pytest.approx(1_200_000_000_000 / 11_820_000_000)
    words = texts(chart.fig)
    for key in keys:
        assert hand_read(key).figure in words  # 118.2亿元, 132.7亿元, 1.2万亿元, 2.7亿元
    assert "≈100×" in words
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
        assert plotted(chart, key) == hand_value(key)
        (bar,) = ax.patches
        assert bar.get_width() == hand_value(key)
        assert ax.get_xlim()[1] > hand_value(key)
    assert len({ax.get_xlim() for ax in chart.fig.axes}) == len(keys)
    words = texts(chart.fig)
    for label in ("21,500 km", "1,690 clinics", "80,000+ projects", "1,000+ buildings"):
        assert label in words
    assert "农村公路" in words and "卫生院" in words and "希望小学" in words
