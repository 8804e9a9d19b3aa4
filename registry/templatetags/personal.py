"""Personal data on the field pages and printouts (UU 27/2022, PDP): phone numbers through one rule,
`registry.validators.shown_phone`, in the one display form (`display_phone`: `0812-3456-7890`, `(0274) 391234`).

    {% load personal %}
    {% phone wksbm.phone %}             a tel: link for those who work with phone numbers, masked text otherwise
    {% phone wksbm.phone link=False %}  the same as plain text (printouts)
    {{ wksbm.phone|phone_for:user }}    the same as plain text, as a filter (in a longer expression)
"""

from django import template
from django.utils.html import format_html

from registry.validators import display_phone, shown_phone

register = template.Library()


@register.simple_tag(takes_context=True)
def phone(context, number: str, link: bool = True) -> str:
    """`number` as the signed-in user may read it, a `tel:` link (to the stored E.164 form) when whole and `link`;
    "—" for none."""
    shown = shown_phone(number or "", context["request"].user)
    if not shown:
        return "—"
    if link and shown == display_phone(number):
        return format_html('<a href="tel:{}">{}</a>', number, shown)
    return shown


@register.filter
def phone_for(number: str, user) -> str:
    """`number` as `user` may read it (`shown_phone`), as plain text; an empty string for none."""
    return shown_phone(number or "", user)
