"""Admin for penyuluhan events with their narasumber, peserta, headcounts per unsur and outcomes as inlines, and
the import of an event's attendance list (trainings.admin.attendance).

The list costs a fixed number of queries however many events it shows: totals are annotations
(`PenyuluhanQuerySet.with_totals`) and place names come from `select_related` ancestors.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.admin.attachments import AttachmentInline
from registry.admin.history import HistoryAdmin
from registry.enums import WilayahLevel
from registry.places import ancestor_at
from registry.scoping import OUTSIDE_AREA_LABEL, scoped_subquery
from trainings.admin.attendance import AttendanceImportMixin
from trainings.admin.base import ScopedAdminMixin, ScopedInlineMixin
from trainings.admin.list_filters import EventYearFilter, KabupatenFilter, ProgramFilter
from trainings.admin.peserta_match import PesertaMatchActionMixin
from trainings.models import Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Program


class NarasumberInline(ScopedInlineMixin, admin.TabularInline):
    model = Narasumber
    fields = ("name", "institution", "topic")
    extra = 1


class PesertaCountInline(ScopedInlineMixin, admin.TabularInline):
    """Headcounts per unsur, for participants whose names are not known."""

    model = PesertaCount
    fields = ("unsur", "count")
    related = ("unsur",)
    verbose_name_plural = _("jumlah peserta per unsur (bila nama tidak diketahui)")


class PesertaInline(ScopedInlineMixin, admin.TabularInline):
    model = Peserta
    fields = ("name", "unsur", "origin", "phone", "pengurus", "kps")
    # The pengurus's WKSBM tells whether it lies in the user's area (registry.scoping.shown_name).
    related = ("unsur", "origin", "pengurus__role", "pengurus__wksbm", "kps")
    autocomplete_fields = ("origin", "pengurus", "kps")
    verbose_name_plural = _("peserta bernama")


class EventOutcomeInline(ScopedInlineMixin, admin.TabularInline):
    """The WKSBM formed or revived after this event."""

    model = Outcome
    fk_name = "event"
    fields = ("wksbm", "kind", "notes")
    related = ("wksbm",)
    autocomplete_fields = ("wksbm",)
    verbose_name_plural = _("WKSBM yang dibentuk atau dihidupkan kembali")


@admin.register(Penyuluhan)
class PenyuluhanAdmin(PesertaMatchActionMixin, AttendanceImportMixin, ScopedAdminMixin, HistoryAdmin):
    list_display = (
        "date",
        "theme",
        "kind",
        "place",
        "kabupaten",
        "program_shown",
        "participant_total",
        "narasumber_count",
        "formed_count",
    )
    list_select_related = ("kind", "wilayah__parent__parent")
    list_filter = (KabupatenFilter, "kind", EventYearFilter, ProgramFilter)
    search_fields = ("theme", "venue", "organiser", "wilayah__name")
    search_help_text = _("Cari tema, tempat, penyelenggara atau nama wilayah.")
    autocomplete_fields = ("wilayah",)
    ordering = ("-starts_on", "wilayah_id")
    inlines = (PesertaCountInline, PesertaInline, NarasumberInline, EventOutcomeInline, AttachmentInline)
    readonly_fields = ("participant_total", "narasumber_count", "formed_count", "print_links")
    fieldsets = (
        (None, {"fields": ("kind", "theme", ("starts_on", "ends_on"), "wilayah", "venue", "organiser", "program")}),
        (_("Peserta"), {"fields": ("expected_participants", "participant_total", "narasumber_count", "formed_count")}),
        (_("Catatan tahapan"), {"fields": ("preparation_notes", "implementation_notes", "follow_up_notes")}),
        (_("Cetak"), {"fields": ("print_links",)}),
    )
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        # The admin edits the events held in the user's area, not those only attended by its people.
        programs = Program.objects.all()
        return (
            super()
            .get_queryset(request)
            .held_in_area(request.user)
            .with_totals()
            .annotate(program_name=scoped_subquery(request.user, programs, "program_id"))
        )

    @admin.display(description=_("program"), ordering="program__name")
    def program_shown(self, obj) -> str | None:
        """The event's program, named only inside the user's area (registry.scoping.shown_name)."""
        if not obj.program_id:
            return None
        return getattr(obj, "program_name", None) or OUTSIDE_AREA_LABEL

    @admin.display(description=_("tanggal"), ordering="starts_on")
    def date(self, obj) -> str:
        return date_format(obj.starts_on, "SHORT_DATE_FORMAT")

    @admin.display(description=_("tempat"), ordering="wilayah_id")
    def place(self, obj) -> str:
        return obj.wilayah.display_name

    @admin.display(description=_("kabupaten/kota"), ordering="wilayah_id")
    def kabupaten(self, obj) -> str | None:
        found = ancestor_at(obj.wilayah, WilayahLevel.KABUPATEN)
        return found.display_name if found else None

    @admin.display(description=_("jumlah peserta"), ordering="participant_total")
    def participant_total(self, obj) -> int | None:
        return getattr(obj, "participant_total", None)

    @admin.display(description=_("narasumber"), ordering="narasumber_count")
    def narasumber_count(self, obj) -> int | None:
        return getattr(obj, "narasumber_count", None)

    @admin.display(description=_("WKSBM baru"), ordering="formed_count")
    def formed_count(self, obj) -> int | None:
        return getattr(obj, "formed_count", None)

    @admin.display(description=_("cetak"))
    def print_links(self, obj) -> str | None:
        if obj is None or obj.pk is None:
            return None
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("trainings:attendance_sheet", args=[obj.pk]),
            _("Daftar hadir"),
            reverse("trainings:event_report", args=[obj.pk]),
            _("Laporan kegiatan"),
        )
