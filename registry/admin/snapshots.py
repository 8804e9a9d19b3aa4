"""Admin of frozen rekap snapshots: the snapshots of the user's area, freezing one from the add page (through
`registry.reports.snapshots.freeze_rekap`), and a snapshot read-only. A snapshot is never changed; only a superuser
deletes a mistaken one (its history keeps it)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.admin.history import HistoryAdmin
from registry.admin.scoping import ScopedAdminMixin
from registry.models import RekapSnapshot
from registry.reports.snapshots import freeze_rekap

FREEZE_FIELDS = ("wilayah", "title", "note", "verified_only")
SHOWN_FIELDS = ("wilayah", "title", "note", "verified_only", "frozen_at", "frozen_by_name", "page_link")


@admin.register(RekapSnapshot)
class RekapSnapshotAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = ("title", "wilayah", "frozen_at", "frozen_by_name", "page_link")
    list_select_related = ("wilayah",)
    search_fields = ("title", "wilayah__name", "=wilayah__code")
    autocomplete_fields = ("wilayah",)
    date_hierarchy = "frozen_at"
    list_per_page = 50

    def get_fields(self, request, obj=None):
        return FREEZE_FIELDS if obj is None else SHOWN_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else SHOWN_FIELDS

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        """A mistaken snapshot is deleted by a superuser alone; no role may."""
        return request.user.is_active and request.user.is_superuser

    def save_model(self, request, obj, form, change):
        """Freezes the rekap of the chosen wilayah (the service renders and stores it, with its history)."""
        frozen = freeze_rekap(
            by=request.user,
            area_code=obj.wilayah_id,
            title=obj.title,
            note=obj.note,
            verified_only=obj.verified_only,
        )
        for name in ("id", "frozen_at", "frozen_by_id", "frozen_by_name", "printed_html", "tables"):
            setattr(obj, name, getattr(frozen, name))
        obj._state.adding = False

    @admin.display(description=_("halaman"))
    def page_link(self, obj) -> str:
        if obj.pk is None:
            return "-"
        return format_html('<a href="{}">{}</a>', reverse("rekap_snapshot", args=[obj.pk]), _("Buka"))
