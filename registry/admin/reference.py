"""Admin for the national reference lists: KPS kinds, pengurus roles, activity kinds, fund sources and aid purposes.

They are the same for every province, so only a superuser changes them (`NationalListMixin`); everyone else reads
them. Entries in use cannot be deleted (their foreign keys PROTECT them)."""

from django.contrib import admin

from registry.admin.history import HistoryAdmin
from registry.models import ActivityKind, AidPurpose, FundSource, KpsKind, PengurusRole


class NationalListMixin:
    """A national reference list: viewed by whoever holds its view permission, added to, changed and deleted by
    superusers alone, whatever permissions a group was given (see `registry.roles`).

    One list sets the rules of every province at once: a pengurus role marked required changes every province's
    "kepengurusan belum lengkap" count, so no provincial administrator may change it for the others.
    """

    def has_add_permission(self, request, *args) -> bool:
        return _superuser(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return _superuser(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return _superuser(request) and super().has_delete_permission(request, obj)


def _superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class ReferenceAdmin(NationalListMixin, HistoryAdmin):
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
