"""Admin for WKSBM, their boards (pengurus) and their activity reports with funds and help.

Every list and change page here runs a number of queries that does not grow with the rows shown: derived
columns come from annotations (`WksbmQuerySet.with_summary`, report totals), wilayah ancestors from
`select_related`, and inline select boxes share one query per formset (`OneQueryChoicesFormSet`).
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.admin.action_checkbox import QuickActionCheckboxMixin
from registry.admin.attachments import AttachmentInline
from registry.admin.history import HistoryAdmin
from registry.admin.inlines import OneQueryInlineMixin
from registry.admin.list_filters import (
    BoardFilter,
    DormantFilter,
    KabupatenFilter,
    KecamatanFilter,
    KpsKindFilter,
    TermFilter,
)
from registry.admin.lists import WKSBM_LIST, ListImportExportMixin
from registry.admin.pemutakhiran import MissedLastCycleFilter
from registry.admin.scoping import ScopedAdminMixin
from registry.admin.search import WilayahSearchMixin
from registry.enums import WilayahLevel
from registry.models import (
    ActivityReport,
    AidDistribution,
    FundCollection,
    KpsMembership,
    Pengurus,
    Wksbm,
)
from registry.places import wilayah_name_at
from registry.validators import rupiah


def show_date(value) -> str | None:
    """`17 Juni 2025` (the project's DATE_FORMAT), or None for the admin's empty-value mark."""
    return date_format(value) if value else None


# --- Pengurus: the NIK is never sent back to the browser --------------------------------------------------------


class PengurusForm(forms.ModelForm):
    """A pengurus form that never renders the stored NIK (personal data, UU 27/2022 on PDP).

    The NIK box starts empty with the masked NIK as placeholder; left empty it keeps the stored NIK, filled it
    replaces it (validated as on the model), and "hapus NIK" erases it whatever the box holds.
    """

    clear_nik = forms.BooleanField(label=_("hapus NIK"), required=False)

    class Meta:
        model = Pengurus
        fields = ["wksbm", "name", "role", "phone", "nik", "period_from", "period_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["nik"] = ""
        field = self.fields.get("nik")
        if field is not None:
            field.widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})
            if self.instance.nik:
                field.widget.attrs["placeholder"] = self.instance.masked_nik
            field.help_text = _("NIK tersimpan tidak ditampilkan: kosongkan untuk mempertahankan, isi untuk mengganti.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("clear_nik"):
            cleaned["nik"] = ""
        elif not cleaned.get("nik"):
            cleaned["nik"] = self.instance.nik
        return cleaned


def ended_term_q() -> Q:
    """Pengurus whose term ended before today: the board's past members. A term not yet begun is the current
    board's (planned), and stays editable with it."""
    return Q(period_to__lt=dates.today())


class PengurusInline(OneQueryInlineMixin, admin.TabularInline):
    """The current board of a WKSBM (and members whose term is still to begin), editable; ending a term moves a
    member to `PastPengurusInline`."""

    model = Pengurus
    form = PengurusForm
    fields = ("name", "role", "phone", "nik", "clear_nik", "period_from", "period_to")
    related = ("role",)
    extra = 0
    verbose_name = _("pengurus aktif")
    verbose_name_plural = _("Pengurus aktif")

    def get_queryset(self, request):
        rows = super().get_queryset(request).order_by("role__sort_order", "name")
        # A page sent back pairs each row it showed with its record: a term ended elsewhere since the page was
        # opened is still found, and reported as that change (registry.admin_site), not as a row gone.
        return rows if request.method == "POST" else rows.exclude(ended_term_q())


class PastPengurusInline(OneQueryInlineMixin, admin.TabularInline):
    """The past members of a WKSBM's board, read-only (their history is theirs: corrections go through the
    Pengurus page); NIK shown masked (`PersonalDataInlineMixin`)."""

    model = Pengurus
    fields = ("name", "role", "phone", "nik", "period_from", "period_to")
    related = ("role",)
    extra = 0
    verbose_name = _("pengurus terdahulu")
    verbose_name_plural = _("Pengurus terdahulu")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).filter(ended_term_q()).order_by("-period_to", "name")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WksbmMembershipInline(OneQueryInlineMixin, admin.TabularInline):
    """The KPS of a WKSBM, current ones first."""

    model = KpsMembership
    fields = ("kps", "joined_on", "left_on")
    autocomplete_fields = ("kps",)
    related = ("kps",)
    ordering = (F("left_on").desc(nulls_first=True), "kps__name")
    extra = 0
    verbose_name = _("KPS anggota")
    verbose_name_plural = _("KPS anggota")


def with_report_totals(queryset):
    """Annotates reports with `total_collected`, `total_distributed` and `total_beneficiaries`, one subquery each."""

    def total(model, field):
        lines = model.objects.filter(report=OuterRef("pk")).order_by().values("report").annotate(total=Sum(field))
        return Subquery(lines.values("total"))

    return queryset.annotate(
        total_collected=total(FundCollection, "amount"),
        total_distributed=total(AidDistribution, "amount"),
        total_beneficiaries=total(AidDistribution, "beneficiaries"),
    )


class ReportTotalsMixin:
    """Rupiah columns for reports annotated by `with_report_totals`.

    Columns also shown read-only on change pages return the empty-value mark themselves: Django's read-only
    display prints None as "None".
    """

    @admin.display(description=_("dana terhimpun"), ordering="total_collected")
    def collected(self, obj) -> str:
        return rupiah(getattr(obj, "total_collected", None)) or self.get_empty_value_display()

    @admin.display(description=_("bantuan tersalur"), ordering="total_distributed")
    def distributed(self, obj) -> str:
        return rupiah(getattr(obj, "total_distributed", None)) or self.get_empty_value_display()

    @admin.display(description=_("penerima bantuan"), ordering="total_beneficiaries")
    def beneficiaries(self, obj) -> int | str:
        value = getattr(obj, "total_beneficiaries", None)
        return self.get_empty_value_display() if value is None else value


class ActivityReportInline(ReportTotalsMixin, OneQueryInlineMixin, admin.TabularInline):
    """Reports of a WKSBM; fund and help lines are edited on the report's own page."""

    model = ActivityReport
    fields = ("date", "kind", "description", "collected", "distributed")
    readonly_fields = ("collected", "distributed")
    related = ("kind",)
    show_change_link = True
    extra = 0
    # A two-line description keeps one report per table row.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}

    def get_queryset(self, request):
        return with_report_totals(super().get_queryset(request))


# --- WKSBM -----------------------------------------------------------------------------------------------------


class WilayahColumnsMixin:
    """Desa, kecamatan and kabupaten columns of a row's wilayah, read from `select_related` ancestors."""

    @admin.display(description=_("desa/kelurahan"), ordering="wilayah__name")
    def desa(self, obj) -> str | None:
        return wilayah_name_at(obj.wilayah, WilayahLevel.DESA)

    @admin.display(description=_("kecamatan"), ordering="wilayah_id")
    def kecamatan(self, obj) -> str | None:
        return wilayah_name_at(obj.wilayah, WilayahLevel.KECAMATAN)

    @admin.display(description=_("kabupaten/kota"), ordering="wilayah_id")
    def kabupaten(self, obj) -> str | None:
        return wilayah_name_at(obj.wilayah, WilayahLevel.KABUPATEN)


@admin.register(Wksbm)
class WksbmAdmin(
    QuickActionCheckboxMixin,
    ListImportExportMixin,
    ScopedAdminMixin,
    WilayahSearchMixin,
    WilayahColumnsMixin,
    HistoryAdmin,
):
    list_kind = WKSBM_LIST
    list_display = (
        "name",
        "desa",
        "kecamatan",
        "kabupaten",
        "status",
        "board",
        "kps_count",
        "last_activity",
    )
    list_select_related = ("wilayah__parent__parent__parent",)
    list_filter = (
        KabupatenFilter,
        KecamatanFilter,
        "status",
        KpsKindFilter,
        BoardFilter,
        DormantFilter,
        MissedLastCycleFilter,
    )
    search_fields = ("name", "wilayah__name")
    search_help_text = _("Cari nama WKSBM, nama wilayah, kode wilayah (mis. 34.03.08) atau nama pengurus.")
    autocomplete_fields = ("wilayah",)
    inlines = (PengurusInline, PastPengurusInline, WksbmMembershipInline, ActivityReportInline, AttachmentInline)
    readonly_fields = ("board", "kps_count", "last_activity", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "wilayah", "dusun_rw", "address", "phone", "directory_consent")}),
        (_("Pembentukan"), {"fields": ("formed_on", "sk_number", "sk_date", "sk_signed_by")}),
        (_("Status"), {"fields": ("status", "status_changed_on", "notes")}),
        (_("Ringkasan"), {"fields": ("board", "kps_count", "last_activity", "created_at", "updated_at")}),
    )
    list_per_page = 50
    # Counting all rows again beside the filtered count costs a full scan of a national table on every page.
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).with_summary()

    def search_term_matches(self, term: str) -> list:
        board = Pengurus.objects.filter(name__icontains=term).order_by().values("wksbm_id")
        return [*super().search_term_matches(term), board]

    @admin.display(description=_("kepengurusan"), ordering="board_complete")
    def board(self, obj) -> str:
        complete = getattr(obj, "board_complete", None)
        if complete is None:
            return self.get_empty_value_display()
        return _("Lengkap") if complete else _("Belum lengkap")

    @admin.display(description=_("jumlah KPS"), ordering="kps_count")
    def kps_count(self, obj) -> int | str:
        value = getattr(obj, "kps_count", None)
        return self.get_empty_value_display() if value is None else value

    @admin.display(description=_("kegiatan terakhir"), ordering="last_activity_on")
    def last_activity(self, obj) -> str:
        return show_date(getattr(obj, "last_activity_on", None)) or self.get_empty_value_display()

    def save_model(self, request, obj, form, change):
        if change and "status_changed_on" not in form.changed_data:
            obj.date_status_change(form.initial["status"])
        super().save_model(request, obj, form, change)


# --- Pengurus list ---------------------------------------------------------------------------------------------


class PengurusKabupatenFilter(KabupatenFilter):
    field = "wksbm__wilayah__code"


@admin.register(Pengurus)
class PengurusAdmin(QuickActionCheckboxMixin, ScopedAdminMixin, WilayahSearchMixin, HistoryAdmin):
    """Every board member across WKSBM; the NIK only ever masked (list, form and history, see `ReadableHistory`)."""

    form = PengurusForm
    list_display = ("name", "nik_masked", "role", "wksbm", "period", "current")
    list_select_related = ("role", "wksbm")
    list_filter = ("role", TermFilter, PengurusKabupatenFilter)
    search_fields = ("name", "wksbm__name")
    search_help_text = _("Cari nama pengurus, nama WKSBM atau kode wilayah WKSBM (mis. 34.03.08).")
    code_search_field = "wksbm__wilayah__code"
    autocomplete_fields = ("wksbm",)
    fields = ("wksbm", "name", "role", "phone", "nik", "clear_nik", "period_from", "period_to")
    ordering = ("wksbm__wilayah_id", "wksbm__name", "role__sort_order", "name")
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description=_("NIK"))
    def nik_masked(self, obj: Pengurus) -> str | None:
        return obj.masked_nik or None

    @admin.display(description=_("masa bakti"), ordering="period_from")
    def period(self, obj: Pengurus) -> str:
        return f"{show_date(obj.period_from) or '…'} – {show_date(obj.period_to) or '…'}"

    @admin.display(description=_("sedang menjabat"), boolean=True)
    def current(self, obj: Pengurus) -> bool:
        return obj.is_current()

    # Links other apps add beside a pengurus (`registry.extensions.pengurus_links`: "Riwayat pelatihan (2)").
    readonly_fields = ("other_links",)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        extensions.attach_pengurus_links([obj], request.user)
        return obj

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return [*fields, "other_links"] if obj is not None and extensions.pengurus_links else fields

    @admin.display(description=_("tautan lain"))
    def other_links(self, obj: Pengurus) -> str | None:
        links = getattr(obj, "extra_links", [])
        return format_html_join(" · ", '<a href="{}">{}</a>', ((url, label) for label, url in links)) or None


# --- Activity reports ------------------------------------------------------------------------------------------


class FundCollectionInline(OneQueryInlineMixin, admin.TabularInline):
    model = FundCollection
    fields = ("source", "amount", "amount_rupiah", "mitra")
    readonly_fields = ("amount_rupiah",)
    autocomplete_fields = ("mitra",)
    related = ("source", "mitra")
    extra = 0

    @admin.display(description=_("jumlah"))
    def amount_rupiah(self, obj) -> str:
        return rupiah(obj.amount) or self.get_empty_value_display()


class AidDistributionInline(OneQueryInlineMixin, admin.TabularInline):
    model = AidDistribution
    fields = ("purpose", "amount", "amount_rupiah", "beneficiaries", "referred_to", "referred_count")
    readonly_fields = ("amount_rupiah",)
    autocomplete_fields = ("referred_to",)
    related = ("purpose", "referred_to")
    extra = 0

    @admin.display(description=_("jumlah"))
    def amount_rupiah(self, obj) -> str:
        return rupiah(obj.amount) or self.get_empty_value_display()


class ReportKabupatenFilter(KabupatenFilter):
    field = "wksbm__wilayah__code"


@admin.register(ActivityReport)
class ActivityReportAdmin(
    QuickActionCheckboxMixin, ScopedAdminMixin, ReportTotalsMixin, WilayahSearchMixin, HistoryAdmin
):
    list_display = ("date", "wksbm", "wilayah", "kind", "collected", "distributed", "beneficiaries")
    list_select_related = ("wksbm__wilayah", "kind")
    list_filter = ("kind", ReportKabupatenFilter)
    date_hierarchy = "date"
    search_fields = ("wksbm__name", "description")
    search_help_text = _("Cari nama WKSBM, uraian atau kode wilayah (mis. 34.03.08).")
    code_search_field = "wksbm__wilayah__code"
    autocomplete_fields = ("wksbm",)
    fields = ("wksbm", "date", "kind", "description", "collected", "distributed", "beneficiaries")
    readonly_fields = ("collected", "distributed", "beneficiaries")
    inlines = (FundCollectionInline, AidDistributionInline, AttachmentInline)
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        return with_report_totals(super().get_queryset(request))

    @admin.display(description=_("wilayah"), ordering="wksbm__wilayah_id")
    def wilayah(self, obj: ActivityReport) -> str:
        return obj.wksbm.wilayah.display_name
