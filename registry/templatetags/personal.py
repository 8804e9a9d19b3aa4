"""Personal data on the field pages and printouts (UU 27/2022, PDP): phone numbers through one rule,
`registry.validators.shown_phone`.

    {% load personal %}
    {% phone wksbm.phone %}             a tel: link for those who work with phone numbers, masked text otherwise
    {% phone wksbm.phone link=False %}  the same as plain text (printouts)
"""

from django import template
from django.utils.html import format_html

from registry.validators import shown_phone

register = template.Library()


@register.simple_tag(takes_context=True)
def phone(context, number: str, link: bool = True) -> str:
    """`number` as the signed-in user may read it, a `tel:` link when whole and `link`; "—" for none."""
    shown = shown_phone(number or "", context["request"].user)
    if not shown:
        return "—"
    if link and shown == number:
        return format_html('<a href="tel:{}">{}</a>', number, number)
    return shown
