"""Admin for KPS (Karang Taruna, PKK, posyandu, PSM…) and the WKSBM they belong to."""

from django.contrib import admin
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.admin.action_checkbox import QuickActionCheckboxMixin
from registry.admin.history import HistoryAdmin
from registry.admin.inlines import OneQueryInlineMixin
from registry.admin.list_filters import KabupatenFilter, KecamatanFilter
from registry.admin.lists import KPS_LIST, ListImportExportMixin
from registry.admin.scoping import ScopedAdminMixin
from registry.admin.search import WilayahSearchMixin
from registry.enums import WilayahLevel
from registry.models import Kps, KpsMembership, Wksbm
from registry.places import wilayah_name_at
from registry.scoping import OUTSIDE_AREA_LABEL, scoped_subquery


class KpsMembershipInline(OneQueryInlineMixin, admin.TabularInline):
    """The WKSBM a KPS belongs or belonged to, the current one first."""

    model = KpsMembership
    fields = ("wksbm", "joined_on", "left_on")
    autocomplete_fields = ("wksbm",)
    related = ("wksbm",)
    ordering = (F("left_on").desc(nulls_first=True), "-joined_on")
    extra = 0


@admin.register(Kps)
class KpsAdmin(QuickActionCheckboxMixin, ListImportExportMixin, ScopedAdminMixin, WilayahSearchMixin, HistoryAdmin):
    list_kind = KPS_LIST
    list_display = ("name", "kind", "area", "kabupaten", "leader", "member_count", "current_wksbm")
    list_select_related = ("kind", "wilayah__parent__parent")
    list_filter = ("kind", KabupatenFilter, KecamatanFilter)
    search_fields = ("name", "wilayah__name", "leader")
    search_help_text = _("Cari nama KPS, nama wilayah, kode wilayah (mis. 34.03.08) atau nama ketua.")
    autocomplete_fields = ("wilayah",)
    inlines = (KpsMembershipInline,)
    fields = ("name", "kind", "wilayah", "leader", "member_count", "phone", "notes")
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        current = KpsMembership.objects.current().filter(kps=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                current_wksbm_id=Subquery(current.values("wksbm_id")[:1]),
                # Named only inside the user's area: a desa's KPS may belong to a kecamatan-level WKSBM.
                current_wksbm_name=scoped_subquery(request.user, Wksbm.objects, "current_wksbm_id"),
            )
        )

    @admin.display(description=_("desa/kecamatan"), ordering="wilayah__name")
    def area(self, obj: Kps) -> str | None:
        """The KPS's own desa or kecamatan; empty for a KPS registered at kabupaten level."""
        return obj.wilayah.display_name if obj.wilayah.level >= WilayahLevel.KECAMATAN else None

    @admin.display(description=_("kabupaten/kota"), ordering="wilayah_id")
    def kabupaten(self, obj: Kps) -> str | None:
        return wilayah_name_at(obj.wilayah, WilayahLevel.KABUPATEN)

    @admin.display(description=_("WKSBM saat ini"), ordering="current_wksbm_name")
    def current_wksbm(self, obj: Kps) -> str | None:
        if not getattr(obj, "current_wksbm_id", None):
            return None
        if obj.current_wksbm_name is None:
            return OUTSIDE_AREA_LABEL
        url = reverse("admin:registry_wksbm_change", args=[obj.current_wksbm_id])
        return format_html('<a href="{}">{}</a>', url, obj.current_wksbm_name)
