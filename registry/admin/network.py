"""Admin for the network: partner organisations (mitra) with their contact people, the ties (jejaring) of each
WKSBM, and their kinds as national reference lists.

Rows go through `for_user` (`registry.network.querysets`): a user sees the mitra of their area, the provincial
and national ones and those tied to their WKSBM, and the ties of their WKSBM at either end. A mitra is changed
and deleted only by the users whose area holds its seat (`MitraQuerySet.seated_in_area`): a provincial mitra is
read-only for a kabupaten operator, its contacts' phones then shown as `registry.admin.personal` says. Every
save goes through the network's services (`registry.network.services`). Every list runs a number of queries
that does not grow with its rows: counts and names are annotations, wilayah ancestors `select_related`.
"""

import datetime

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.admin.action_checkbox import QuickActionCheckboxMixin
from registry.admin.attachments import AttachmentInline
from registry.admin.history import HistoryAdmin
from registry.admin.inlines import OneQueryInlineMixin
from registry.admin.list_filters import KabupatenFilter, KecamatanFilter
from registry.admin.lists import ListImportExportMixin, ListKind
from registry.admin.reference import ReferenceAdmin
from registry.admin.scoping import ScopedAdminMixin, hide_names_outside
from registry.admin.search import WilayahSearchMixin
from registry.admin.service_saves import ServiceSavesMixin, adopt, editable_values
from registry.enums import WilayahLevel
from registry.exports.network_lists import JEJARING_COLUMNS, MITRA_COLUMNS, jejaring_rows, mitra_rows
from registry.imports.jejaring_list import JejaringListImport
from registry.imports.mitra_list import MitraListImport
from registry.models import Jejaring, JejaringKind, Mitra, MitraContact, MitraKind, Wksbm
from registry.network import services
from registry.network.rules import active_q
from registry.places import wilayah_name_at
from registry.scoping import OUTSIDE_AREA_LABEL, code_prefix_q, in_area, scoped_subquery

admin.site.register([MitraKind, JejaringKind], ReferenceAdmin)

# The templates' example: Baznas of Gunungkidul, seated in Wonosari, and its tie with WKSBM Ngudi Rahayu.
MITRA_LIST = ListKind(
    slug="mitra",
    title="mitra",
    importer=MitraListImport,
    columns=MITRA_COLUMNS,
    rows=mitra_rows,
    example={
        "kode_wilayah": "34.03.01",
        "kabupaten": "Gunungkidul",
        "kecamatan": "Wonosari",
        "desa": "",
        "nama_mitra": "Baznas Kabupaten Gunungkidul",
        "jenis_mitra": "Baznas/lembaga zakat",
        "tingkat": "kabupaten",
        "alamat": "Jl. Brigjen Katamso, Wonosari",
        "nomor_registrasi": "",
        "narahubung": "Suparno",
        "jabatan_narahubung": "Ketua",
        "telepon_narahubung": "0812-2700-1234",
        "catatan": "",
    },
    phone_columns=("telepon_narahubung",),
)
JEJARING_LIST = ListKind(
    slug="jejaring",
    title="jejaring",
    importer=JejaringListImport,
    columns=JEJARING_COLUMNS,
    rows=jejaring_rows,
    example={
        "kode_wilayah": "34.03.08.2004",
        "kabupaten": "Gunungkidul",
        "kecamatan": "Semanu",
        "desa": "Candirejo",
        "nama_wksbm": "WKSBM Ngudi Rahayu",
        "nama_mitra": "Baznas Kabupaten Gunungkidul",
        "wksbm_mitra": "",
        "kode_wilayah_mitra": "34.03.01",
        "jenis_jejaring": "Kemitraan dana",
        "tanggal_mulai": datetime.date(2024, 1, 15),
        "tanggal_berakhir": None,
        "nomor_mou": "045/MoU/BAZNAS-GK/I/2024",
        "tanggal_mou": datetime.date(2024, 1, 15),
        "uraian": "Santunan pendidikan anak yatim",
    },
    phone_columns=(),
)


# --- Mitra -----------------------------------------------------------------------------------------------------


class SeatedInAreaMixin:
    """Change and delete only where the user's area holds the mitra's seat (`MitraQuerySet.seated_in_area`, read
    in memory from the seat's code); for an inline, the seat of the mitra it belongs to."""

    def may_change_mitra(self, request, mitra) -> bool:
        return mitra is None or in_area(request.user, mitra.wilayah_id)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_change_mitra(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_change_mitra(request, obj)


class MitraContactInline(SeatedInAreaMixin, OneQueryInlineMixin, admin.TabularInline):
    """The contact people of a mitra; their phones are personal data (masked as `registry.admin.personal` says)."""

    model = MitraContact
    fields = ("name", "position", "phone")
    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.may_change_mitra(request, obj)


class ActiveTiesFilter(admin.SimpleListFilter):
    """Mitra with at least one tie active today, or none."""

    title = _("punya jejaring aktif")
    parameter_name = "jejaring_aktif"

    def lookups(self, request, model_admin):
        return [("ya", _("Ya")), ("tidak", _("Tidak"))]

    def queryset(self, request, queryset):
        active = Exists(Jejaring.objects.filter(active_q(dates.today()), mitra=OuterRef("pk")))
        if self.value() == "ya":
            return queryset.filter(active)
        if self.value() == "tidak":
            return queryset.filter(~active)
        return queryset


def active_tie_count(on):
    """A subquery counting the ties of the outer mitra active on `on`."""
    ties = Jejaring.objects.filter(active_q(on), mitra=OuterRef("pk")).order_by().values("mitra")
    return Subquery(ties.annotate(count=Count("pk")).values("count"))


@admin.register(Mitra)
class MitraAdmin(
    QuickActionCheckboxMixin,
    ServiceSavesMixin,
    SeatedInAreaMixin,
    ListImportExportMixin,
    ScopedAdminMixin,
    WilayahSearchMixin,
    HistoryAdmin,
):
    list_kind = MITRA_LIST
    list_display = ("name", "kind", "level", "seat", "kabupaten", "active_ties", "first_contact")
    list_select_related = ("kind", "wilayah__parent__parent__parent")
    list_filter = ("kind", "level", KabupatenFilter, KecamatanFilter, ActiveTiesFilter)
    search_fields = ("name", "registration_number")
    search_help_text = _(
        "Cari nama mitra, nomor registrasi, nama narahubung, nomor MoU/PKS atau kode wilayah (mis. 34.03.08)."
    )
    autocomplete_fields = ("wilayah",)
    inlines = (MitraContactInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("name", "kind", "level", "wilayah", "address")}),
        (_("Lainnya"), {"fields": ("registration_number", "notes")}),
    )
    list_per_page = 50
    show_full_result_count = False
    row_services = {
        MitraContact: (
            lambda by, row: services.contact_save(by=by, mitra=row.mitra, contact=row),
            lambda by, row: services.contact_delete(by=by, contact=row),
        )
    }

    def get_queryset(self, request):
        contacts = MitraContact.objects.filter(mitra=OuterRef("pk")).order_by("name", "pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_tie_count=active_tie_count(dates.today()), contact_name=Subquery(contacts.values("name")[:1])
            )
        )

    def search_term_matches(self, term: str) -> list:
        contacts = MitraContact.objects.filter(name__icontains=term).order_by().values("mitra_id")
        bases = Jejaring.objects.filter(basis_number__icontains=term, mitra__isnull=False).order_by().values("mitra_id")
        return [*super().search_term_matches(term), contacts, bases]

    def save_record(self, request, obj, form, change):
        if change:
            services.mitra_update(by=request.user, mitra=obj)
        else:
            adopt(obj, services.mitra_create(by=request.user, **editable_values(obj)))

    def delete_record(self, request, obj):
        services.mitra_delete(by=request.user, mitra=obj)

    @admin.display(description=_("kedudukan"), ordering="wilayah_id")
    def seat(self, obj: Mitra) -> str:
        return obj.wilayah.display_name

    @admin.display(description=_("kabupaten/kota"), ordering="wilayah_id")
    def kabupaten(self, obj: Mitra) -> str | None:
        return wilayah_name_at(obj.wilayah, WilayahLevel.KABUPATEN)

    @admin.display(description=_("jejaring aktif"), ordering="active_tie_count")
    def active_ties(self, obj: Mitra) -> int:
        return getattr(obj, "active_tie_count", None) or 0

    @admin.display(description=_("narahubung"), ordering="contact_name")
    def first_contact(self, obj: Mitra) -> str | None:
        return getattr(obj, "contact_name", None)


# --- Jejaring --------------------------------------------------------------------------------------------------


class EitherEndMixin:
    """A wilayah filter of ties matching the WKSBM at either end (a tie between two WKSBM shows on both)."""

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                code_prefix_q("wksbm__wilayah__code", [self.value()])
                | code_prefix_q("partner_wksbm__wilayah__code", [self.value()])
            )
        return queryset


class TieKabupatenFilter(EitherEndMixin, KabupatenFilter):
    pass


class TieKecamatanFilter(EitherEndMixin, KecamatanFilter):
    pass


class TieStateFilter(admin.SimpleListFilter):
    """Ties active today (`registry.network.rules.active_q`) or past (ended, or not yet begun)."""

    title = _("keaktifan")
    parameter_name = "aktif"

    def lookups(self, request, model_admin):
        return [("ya", _("Aktif")), ("tidak", _("Berakhir atau belum mulai"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.active()
        if self.value() == "tidak":
            return queryset.past()
        return queryset


class OtherEndFilter(admin.SimpleListFilter):
    """Ties with a mitra, or with another WKSBM."""

    title = _("pihak jejaring")
    parameter_name = "pihak"

    def lookups(self, request, model_admin):
        return [("mitra", _("Dengan mitra")), ("wksbm", _("Dengan WKSBM lain"))]

    def queryset(self, request, queryset):
        if self.value() == "mitra":
            return queryset.filter(mitra__isnull=False)
        if self.value() == "wksbm":
            return queryset.filter(partner_wksbm__isnull=False)
        return queryset


@admin.register(Jejaring)
class JejaringAdmin(
    QuickActionCheckboxMixin,
    ServiceSavesMixin,
    ListImportExportMixin,
    ScopedAdminMixin,
    WilayahSearchMixin,
    HistoryAdmin,
):
    list_kind = JEJARING_LIST
    list_display = ("tie", "wksbm_name", "other_end", "kind", "started_on", "ended_on", "active", "basis_number")
    inlines = (AttachmentInline,)
    list_display_links = ("tie",)
    list_select_related = ("mitra", "kind")
    list_filter = (
        "kind",
        TieKabupatenFilter,
        TieKecamatanFilter,
        TieStateFilter,
        ("mitra__kind", admin.RelatedOnlyFieldListFilter),
        OtherEndFilter,
    )
    search_fields = ("wksbm__name", "partner_wksbm__name", "mitra__name", "basis_number")
    search_help_text = _("Cari nama WKSBM, nama mitra, nomor MoU/PKS atau kode wilayah WKSBM (mis. 34.03.08).")
    code_search_field = "wksbm__wilayah__code"
    autocomplete_fields = ("wksbm", "mitra", "partner_wksbm")
    fieldsets = (
        (None, {"fields": ("wksbm", "mitra", "partner_wksbm", "kind")}),
        (_("Masa dan dasar"), {"fields": ("started_on", "ended_on", "basis_number", "basis_date", "description")}),
    )
    ordering = ("-started_on", "-id")
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        # Each end named only inside the reader's area (`registry.scoping.shown_name`), in SQL.
        return (
            super()
            .get_queryset(request)
            .annotate(
                wksbm_shown_name=scoped_subquery(request.user, Wksbm.objects, "wksbm_id"),
                partner_shown_name=scoped_subquery(request.user, Wksbm.objects, "partner_wksbm_id"),
            )
        )

    # A tie is named by both its WKSBM (`Jejaring.__str__`), one of which may lie outside the reader's area: its
    # pages (title, breadcrumbs, messages, delete page, history) name that one as outside (`shown_name`). Only the
    # related records loaded with the tie are replaced, on the page: the form sets every end it saves.
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        hide_names_outside(request.user, obj)
        return obj

    def response_add(self, request, obj, post_url_continue=None):
        hide_names_outside(request.user, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        hide_names_outside(request.user, obj)
        return super().response_change(request, obj)

    def history_view_title(self, request, obj):
        hide_names_outside(request.user, obj)
        return super().history_view_title(request, obj)

    def history_form_view_title(self, request, obj):
        hide_names_outside(request.user, obj)
        return super().history_form_view_title(request, obj)

    def save_record(self, request, obj, form, change):
        if change:
            services.tie_update(by=request.user, tie=obj)
        else:
            adopt(obj, services.tie_create(by=request.user, **editable_values(obj)))

    def delete_record(self, request, obj):
        services.tie_delete(by=request.user, tie=obj)

    def export_rows(self, request, queryset):
        return jejaring_rows(queryset, user=request.user)

    def list_export_queryset(self, request, filtered):
        scoped = Jejaring.objects.for_user(request.user)
        return scoped.filter(pk__in=filtered.order_by().values("pk")).order_by("wksbm__wilayah_id", "wksbm__name", "pk")

    @admin.display(description=_("jejaring"), ordering="-started_on")
    def tie(self, obj: Jejaring) -> str:
        return f"#{obj.pk}"

    def action_label(self, obj: Jejaring) -> str:
        # Not str(obj), which names both WKSBM: one of them may lie outside the reader's area.
        return self.tie(obj)

    @admin.display(description=_("WKSBM"), ordering="wksbm__name")
    def wksbm_name(self, obj: Jejaring) -> str:
        return _shown(obj.wksbm_shown_name)

    @admin.display(description=_("pihak lain"))
    def other_end(self, obj: Jejaring) -> str:
        if obj.mitra_id:
            return obj.mitra.name
        return _shown(obj.partner_shown_name)

    @admin.display(description=_("aktif"), boolean=True)
    def active(self, obj: Jejaring) -> bool:
        return obj.is_active()


def _shown(name: str | None) -> str:
    """A WKSBM's name from `scoped_subquery`: NULL for one outside the reader's area."""
    return str(OUTSIDE_AREA_LABEL) if name is None else name
