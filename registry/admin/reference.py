"""Admin for the reference lists administrators extend: KPS kinds, pengurus roles, activity kinds, fund sources and
aid purposes. Entries in use cannot be deleted (their foreign keys PROTECT them)."""

from django.contrib import admin

from registry.admin.filters import HistoryAdmin
from registry.models import ActivityKind, AidPurpose, FundSource, KpsKind, PengurusRole


class ReferenceAdmin(HistoryAdmin):
    """A reference list: name, a slug filled from the name, and the order it is offered in."""

    list_display = ("name", "slug", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "sort_order")


admin.site.register([KpsKind, ActivityKind, FundSource, AidPurpose], ReferenceAdmin)


@admin.register(PengurusRole)
class PengurusRoleAdmin(ReferenceAdmin):
    list_display = ("name", "slug", "required", "sort_order")
    list_filter = ("required",)
    fields = ("name", "slug", "required", "sort_order")
