"""Charts drawn on the server as SVG: horizontal bars and a trend line, read at a glance on a 360 px phone and on
A4 paper. No script and no inline style: geometry is computed here, the markup is in
templates/registry/reports/_bars.svg.html and _trend.svg.html, the colours in static/css/reports.css.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from registry.templatetags.reports import rupiah

WIDTH = 320  # viewBox units; the SVG scales to its box
BAR_ROW = 34  # label line and bar
BAR_SHARE = 0.66  # of the width for the longest bar; its figure follows it
TREND_HEIGHT = 160
TREND_PAD = (24, 12, 28, 12)  # top, right, bottom, left


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: float
    text_y: int
    bar_y: int
    value_y: int


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per (label, value), each as long as its share of the largest value."""

    title: str
    bars: list[Bar]
    height: int
    width: int = WIDTH


@dataclass(frozen=True)
class Point:
    label: str
    value_text: str
    x: float
    y: float


@dataclass(frozen=True)
class TrendChart:
    """A line through one point per period (a year), with the period under each point and its value above."""

    title: str
    points: list[Point]
    polyline: str
    baseline: float
    height: int = TREND_HEIGHT
    width: int = WIDTH


def bar_chart(title: str, items: list[tuple[str, int]], *, value_text=str) -> BarChart:
    """A BarChart of `items` (label, value); `value_text(value)` writes the figure shown after each bar."""
    largest = max((value for _label, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        top = index * BAR_ROW
        bars.append(
            Bar(
                label=label,
                value_text=value_text(value),
                y=top,
                width=round(value / largest * WIDTH * BAR_SHARE, 1),
                text_y=top + 12,
                bar_y=top + 16,
                value_y=top + 27,
            )
        )
    return BarChart(title=title, bars=bars, height=max(len(items) * BAR_ROW, BAR_ROW))


def trend_chart(title: str, items: list[tuple[str, int]], *, value_text=str) -> TrendChart:
    """A TrendChart of `items` (period label, value) in their order; one point is drawn alone."""
    top, right, bottom, left = TREND_PAD
    largest = max((value for _label, value in items), default=0) or 1
    inner_width, inner_height = WIDTH - left - right, TREND_HEIGHT - top - bottom
    step = inner_width / (len(items) - 1) if len(items) > 1 else 0
    points = []
    for index, (label, value) in enumerate(items):
        x = left + (index * step if len(items) > 1 else inner_width / 2)
        y = top + inner_height - value / largest * inner_height
        points.append(Point(label=label, value_text=value_text(value), x=round(x, 1), y=round(y, 1)))
    polyline = " ".join(f"{point.x},{point.y}" for point in points)
    return TrendChart(title=title, points=points, polyline=polyline, baseline=top + inner_height)


def every_year(values: dict[int, int]) -> list[tuple[str, int]]:
    """(year, value) for every year from the first to the last of `values`, 0 for the years between without
    one, so that a trend line's steps are years."""
    if not values:
        return []
    return [(str(year), values.get(year, 0)) for year in range(min(values), max(values) + 1)]


def rekap_charts(rekap) -> dict:
    """The charts of the rekap page and the printed rekap."""
    status = [(label, count) for _value, label, count in rekap.status_counts]
    return {
        "status": bar_chart(_("WKSBM menurut status"), status),
        "kps": bar_chart(_("KPS menurut jenis"), rekap.kps_by_kind),
        "new": trend_chart(
            _("WKSBM baru per tahun"),
            every_year({year: n for year, n in rekap.new_per_year if year is not None}),
        ),
        "collected": bar_chart(
            _("Dana terhimpun per tahun"), [(str(y.year), y.amount) for y in rekap.collected], value_text=rupiah
        ),
        "distributed": bar_chart(
            _("Bantuan tersalur per tahun"), [(str(y.year), y.amount) for y in rekap.distributed], value_text=rupiah
        ),
    }
