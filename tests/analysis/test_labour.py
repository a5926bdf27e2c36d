"""Chapter 3's charts plot the article's labour figures, read by hand (tests/hand_read.csv)."""

import matplotlib
import pytest
from conftest import dots, hand_read, hand_value, plotted, texts
from matplotlib.collections import LineCollection

from eastwest.analysis import labour
from eastwest.clean import indicators

matplotlib.use("Agg")

WAGE_LOW = hand_value("dongguan_hechi_wage", "range_low")  # 3000至5000元
WAGE_HIGH = hand_value("dongguan_hechi_wage", "range_high")


@pytest.fixture(scope="module")
def ind():
    return indicators.build_from_files()


@pytest.fixture(scope="module")
def built(ind):
    made = {
        fn.__name__: fn(ind)
        for fn in (labour.labour_income, labour.training_to_jobs, labour.people_exchanged)
    }
    yield made
    for chart in made.values():
        matplotlib.pyplot.close(chart.fig)


def test_labour_income_plots_income_per_head(built):
    chart = built["labour_income"]
    # 538.3亿元 ÷ 664.3万人次; 157.5亿元 ÷ 35万人 = 45,000 a year, 3,750 a month.
    per_trip = hand_value("labour_income_1996_2014") / hand_value("labour_export_1996_2014")
    per_worker = hand_value("guangxi_labour_income_2015") / hand_value("guangxi_labour_export_2015")
    assert per_worker == 45_000
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
    assert "劳务收入" in words
    for key in ("labour_income_1996_2014", "labour_export_1996_2014"):
        assert hand_read(key).figure in words  # 538.3亿元, 664.3万人次


def test_training_to_jobs_plots_counts_and_bounded_share(built):
    chart = built["training_to_jobs"]
    for key in (
        "liaoning_qinghai_trained",
        "liaoning_qinghai_placed",
        "dongguan_hechi_trained",
        "dongguan_hechi_placed",
    ):
        assert plotted(chart, key) == hand_value(key)
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
    assert labour.next_round(3_000) == 4_000
    assert labour.next_round(1_200) == 1_300
    assert labour.next_round(20) == 30
    placed = indicators.indicator_row(ind, "dongguan_hechi_placed")
    trained = indicators.indicator_row(ind, "dongguan_hechi_trained")
    assert labour.share_bounds(placed, trained) == pytest.approx((1_200 / 4_000, 1_300 / 3_000))
    # Exact figures bound nothing: 3万 of 3.4万 is one share.
    exact = labour.share_bounds(
        indicators.indicator_row(ind, "liaoning_qinghai_placed"),
        indicators.indicator_row(ind, "liaoning_qinghai_trained"),
    )
    assert exact == pytest.approx((30_000 / 34_000, 30_000 / 34_000))


def test_people_exchanged_plots_person_times_with_their_periods(built):
    chart = built["people_exchanged"]
    ax = chart.fig.axes[0]
    assert ax.get_xscale() == "log"
    keys = (
        "talent_training_1996_2014",
        "leader_visits_1996_2014",
        "leader_visits_provincial_1996_2014",
        "cadre_exchanges_2011_2015",
    )
    assert sorted(dots(ax)) == sorted(hand_value(key) for key in keys)
    for key in keys:
        assert plotted(chart, key) == hand_value(key)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert sum("1996–2014" in t for t in ticks) == 3
    assert sum("2011–2015" in t for t in ticks) == 1
    words = texts(chart.fig)
    assert "人次" in words and "person-times" in words and "互派挂职干部" in words
