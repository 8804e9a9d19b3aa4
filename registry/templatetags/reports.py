"""Template filters of the report pages: Rupiah (`Rp125.000.000`) and percentages."""

from django import template

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
