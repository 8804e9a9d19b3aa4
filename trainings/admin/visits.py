"""Admin for visits (*kunjungan*) with their follow-ups inline and the pengurus present, the follow-ups' own list,
and the visit kinds (a national reference list, superusers only).

Both lists are scoped by area and cost a fixed number of queries however many rows they show: the WKSBM and its
wilayah come by `select_related`, and "lewat jatuh tempo" is one condition in SQL
(`KunjunganQuerySet.overdue_condition`, `TindakLanjutQuerySet.overdue_condition`). The rules are the models',
`Kunjungan.present_errors` included; the admin states none of its own.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.admin.attachments import AttachmentInline
from registry.admin.history import EMPTY_MARK, HistoryAdmin, ReadableHistory
from registry.admin.list_filters import KabupatenFilter, KecamatanFilter
from registry.admin.reference import ReferenceAdmin
from registry.models import Pengurus
from registry.roles import may_see_phone_numbers
from trainings.admin.base import ScopedAdminMixin, ScopedInlineMixin
from trainings.models import Kunjungan, TindakLanjut, VisitKind

admin.site.register(VisitKind, ReferenceAdmin)


class VisitKabupatenFilter(KabupatenFilter):
    field = "wksbm__wilayah__code"


class VisitKecamatanFilter(KecamatanFilter):
    field = "wksbm__wilayah__code"


class FollowUpKabupatenFilter(KabupatenFilter):
    field = "visit__wksbm__wilayah__code"


class OverdueFilter(admin.SimpleListFilter):
    """Rows overdue today ("lewat jatuh tempo"), or not, by the model's own condition."""

    title = _("lewat jatuh tempo")
    parameter_name = "lewat"

    def lookups(self, request, model_admin):
        return [("ya", _("Ya")), ("tidak", _("Tidak"))]

    def queryset(self, request, queryset):
        condition = queryset.model.objects.overdue_condition()
        if self.value() == "ya":
            return queryset.filter(condition)
        if self.value() == "tidak":
            return queryset.exclude(condition)
        return queryset


class VisitAdminForm(forms.ModelForm):
    """A visit in the admin: the pengurus present judged by `Kunjungan.present_errors`."""

    def clean(self):
        cleaned = super().clean()
        present = cleaned.get("pengurus_present")
        if present is not None and self.instance.wksbm_id is None and cleaned.get("wksbm"):
            self.instance.wksbm = cleaned["wksbm"]
        if present and self.instance.wksbm_id and (error := self.instance.present_errors(present)):
            self.add_error(None, error)
        return cleaned


class FollowUpInline(ScopedInlineMixin, admin.TabularInline):
    """The visit's follow-ups; closing one at a later visit names that visit."""

    model = TindakLanjut
    fk_name = "visit"
    fields = ("what", "responsible", "due_on", "status", "closed_on", "closed_at_visit", "closing_note")
    related = ("closed_at_visit__kind",)
    autocomplete_fields = ("closed_at_visit",)
    extra = 1


class VisitHistory(ReadableHistory):
    """A visit's history, with the pengurus present (a many-to-many, kept by simple-history as rows of the
    through table) named."""

    def prepare_delta_change_value(self, change, value):
        if change.field != "pengurus_present":
            return super().prepare_delta_change_value(change, value)
        # Each row of the through table names its pengurus, loaded with the history rows or by its id.
        people = [row.get("pengurus") for row in value or []]
        ids = [person for person in people if not isinstance(person, Pengurus)]
        named = [person.name for person in people if isinstance(person, Pengurus)]
        named += Pengurus.objects.filter(pk__in=ids).values_list("name", flat=True) if ids else []
        return ", ".join(sorted(named)) or EMPTY_MARK


@admin.register(Kunjungan)
class KunjunganAdmin(ScopedAdminMixin, HistoryAdmin):
    form = VisitAdminForm
    list_display = ("date_shown", "wksbm", "kind", "visitor_shown", "place", "next_visit_due")
    list_select_related = ("kind", "visitor", "wksbm__wilayah__parent__parent")
    list_filter = (VisitKabupatenFilter, VisitKecamatanFilter, "kind", ("visitor", admin.RelatedOnlyFieldListFilter))
    list_filter += (OverdueFilter,)
    search_fields = ("wksbm__name", "visitor_name", "findings", "agreements")
    search_help_text = _("Cari nama WKSBM, nama petugas, temuan atau kesepakatan.")
    autocomplete_fields = ("wksbm", "visitor", "pengurus_present")
    ordering = ("-date", "-pk")
    inlines = (FollowUpInline, AttachmentInline)
    readonly_fields = ("print_links",)
    fieldsets = (
        (None, {"fields": ("wksbm", "date", "kind")}),
        (_("Petugas"), {"fields": ("visitor", ("visitor_name", "visitor_role"))}),
        (_("Hasil kunjungan"), {"fields": ("pengurus_present", "topics", "findings", "advice", "agreements")}),
        (None, {"fields": ("next_visit_due", "print_links")}),
    )
    list_per_page = 50
    show_full_result_count = False

    def get_historical_record_context_helper(self, request, historical_record):
        return VisitHistory(self.model, historical_record, whole_phones=may_see_phone_numbers(request.user))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "pengurus_present":
            kwargs["queryset"] = Pengurus.objects.for_user(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("tanggal"), ordering="date")
    def date_shown(self, obj) -> str:
        return date_format(obj.date, "SHORT_DATE_FORMAT")

    @admin.display(description=_("petugas"))
    def visitor_shown(self, obj) -> str:
        return obj.visitor_display

    @admin.display(description=_("desa/kelurahan"), ordering="wksbm__wilayah_id")
    def place(self, obj) -> str:
        return obj.wksbm.wilayah.display_name

    @admin.display(description=_("cetak"))
    def print_links(self, obj) -> str | None:
        if obj is None or obj.pk is None:
            return None
        return format_html(
            '<a href="{}">{}</a>', reverse("trainings:visit_report", args=[obj.pk]), _("Laporan kunjungan")
        )


@admin.register(TindakLanjut)
class TindakLanjutAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = ("what", "responsible", "due_on", "status", "closed_on", "wksbm_shown", "visit_date")
    list_select_related = ("visit__wksbm__wilayah",)
    list_filter = ("status", OverdueFilter, FollowUpKabupatenFilter)
    search_fields = ("what", "responsible", "visit__wksbm__name")
    search_help_text = _("Cari tindak lanjut, penanggung jawab atau nama WKSBM.")
    autocomplete_fields = ("visit", "closed_at_visit")
    fields = ("visit", "what", "responsible", "due_on", "status", "closed_on", "closed_at_visit", "closing_note")
    ordering = ("due_on", "pk")
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description=_("WKSBM"), ordering="visit__wksbm__name")
    def wksbm_shown(self, obj) -> str:
        return obj.visit.wksbm.name

    @admin.display(description=_("tanggal kunjungan"), ordering="visit__date")
    def visit_date(self, obj) -> str:
        return date_format(obj.visit.date, "SHORT_DATE_FORMAT")
