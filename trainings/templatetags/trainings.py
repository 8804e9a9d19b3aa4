"""Template filters of the trainings pages."""

from django import template

from registry.places import place_name

register = template.Library()


@register.filter
def place(wilayah) -> str:
    """ "Kalurahan Kampung, Kapanewon Ngawen, Kabupaten Gunungkidul" (see `registry.places.place_name`)."""
    return place_name(wilayah)


@register.filter
def date_range(event) -> str:
    """ "8 Agustus 2019", or "8 – 9 Agustus 2019" / "30 Juli – 2 Agustus 2019" for a longer event."""
    from django.utils.formats import date_format

    start, end = event.starts_on, event.ends_on
    if end is None or end == start:
        return date_format(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} – {date_format(end)}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end)}"
    return f"{date_format(start)} – {date_format(end)}"
