"""Template filters naming related records by the area rule of `registry.scoping.shown_name`."""

from django import template

from registry.scoping import lies_outside, shown_name

register = template.Library()


@register.filter
def name_for(obj, user):
    """`{{ event.program|name_for:user }}`: the record's name, or "(di luar wilayah Anda)" outside `user`'s area."""
    return shown_name(user, obj, getattr(obj, "name", None))


@register.filter
def outside_area_of(obj, user) -> bool:
    """`{% if event.program|outside_area_of:user %}`: whether to leave the record unlinked."""
    return obj is not None and lies_outside(user, obj)
