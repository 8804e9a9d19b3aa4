"""Admin for the trainings' national reference lists: event kinds and participant unsur; only a superuser changes
them (`registry.admin.reference.NationalListMixin`)."""

from django.contrib import admin

from registry.admin.history import HistoryAdmin
from registry.admin.reference import NationalListMixin
from trainings.models import EventKind, Unsur


@admin.register(EventKind, Unsur)
class ReferenceAdmin(NationalListMixin, HistoryAdmin):
    """A reference list: name, a slug filled from the name, and the order it is offered in."""

    list_display = ("name", "slug", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "sort_order")
