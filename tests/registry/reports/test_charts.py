"""The SVG charts' geometry: bars as long as their share of the largest value, a trend line through every year."""

from registry.reports.charts import WIDTH, bar_chart, every_year, trend_chart


def test_bars_are_as_long_as_their_share_of_the_largest_value():
    chart = bar_chart("Status", [("Aktif", 13), ("Vakum", 1), ("Bubar", 0)])

    longest = chart.bars[0].width
    assert [bar.label for bar in chart.bars] == ["Aktif", "Vakum", "Bubar"]
    assert [round(bar.width / longest, 3) for bar in chart.bars] == [1, round(1 / 13, 3), 0]
    assert longest < WIDTH
    assert [bar.y for bar in chart.bars] == [0, 34, 68]
    assert chart.height == 102


def test_an_empty_chart_has_no_bars_and_divides_by_nothing():
    assert bar_chart("Kosong", []).bars == []
    assert [point.y for point in trend_chart("Nol", [("2024", 0), ("2025", 0)]).points] == [132.0, 132.0]


def test_the_trend_line_steps_through_every_year_with_the_largest_on_top():
    chart = trend_chart("Baru", every_year({2019: 11, 2021: 1}))

    assert [(point.label, point.value_text) for point in chart.points] == [("2019", "11"), ("2020", "0"), ("2021", "1")]
    assert [point.x for point in chart.points] == [12.0, 160.0, 308.0]
    assert chart.points[0].y == 24.0
    assert chart.polyline == "12.0,24.0 160.0,132.0 308.0,122.2"
