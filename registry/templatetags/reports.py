"""Template filters of the report pages: Rupiah (`Rp125.000.000`), percentages and place names."""

from django import template

from registry.places import place_name
from registry.validators import rupiah as rupiah_text

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """`Rp125.000.000`; "Rp0" for nothing collected."""
    return rupiah_text(amount or 0)


@register.filter
def percent(value) -> str:
    """`57%`, or "—" when there is nothing to divide by."""
    return "—" if value is None else f"{value}%"


@register.filter
def number(value) -> str:
    """A whole number with Indonesian thousands separators (`50.000`). Humanize's `intcomma` gives the same
    through the locale machinery, at ten times the cost: a rekap shows hundreds of figures."""
    if value is None or value == "":
        return ""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


@register.filter
def place(wilayah) -> str:
    """ "Kalurahan Kampung, Kapanewon Ngawen, Kabupaten Gunungkidul" (see `registry.places.place_name`)."""
    return place_name(wilayah)


@register.filter
def figure(row, key: str) -> int:
    """A contributed per-wilayah figure of a rekap row (`Row.figures[key]`; 0 when none was recorded)."""
    return row.figures.get(key, 0)


@register.filter
def column_figure(row, column) -> str:
    """The text of a contributed column (`registry.extensions.RekapColumn`) in a rekap row: a number, or a
    percentage for a share column."""
    value = column.value(row.figures)
    return percent(value) if column.share_of else number(value)
