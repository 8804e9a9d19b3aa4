"""Admin for programs: their figures in the list, program-level outcomes inline, a link to the program page."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.admin.history import HistoryAdmin
from trainings.admin.base import ScopedAdminMixin, ScopedInlineMixin
from trainings.admin.list_filters import KabupatenFilter
from trainings.models import Outcome, Program


class ProgramOutcomeInline(ScopedInlineMixin, admin.TabularInline):
    """WKSBM credited to the program as a whole; those credited to one of its events are entered on the event."""

    model = Outcome
    fk_name = "program"
    fields = ("wksbm", "kind", "notes")
    related = ("wksbm",)
    autocomplete_fields = ("wksbm",)
    verbose_name_plural = _("WKSBM hasil program (di luar kegiatan tertentu)")


@admin.register(Program)
class ProgramAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = (
        "name",
        "year",
        "wilayah",
        "event_count",
        "participant_total",
        "narasumber_count",
        "achievement",
    )
    list_select_related = ("wilayah",)
    list_filter = ("year", KabupatenFilter)
    search_fields = ("name", "organiser")
    autocomplete_fields = ("wilayah",)
    inlines = (ProgramOutcomeInline,)
    readonly_fields = ("event_count", "participant_total", "narasumber_count", "achievement", "page_link")
    fieldsets = (
        (None, {"fields": ("name", "year", ("starts_on", "ends_on"), "organiser", "wilayah", "target_new_wksbm")}),
        (
            _("Capaian"),
            {"fields": ("event_count", "participant_total", "narasumber_count", "achievement", "page_link")},
        ),
        (_("Catatan"), {"fields": ("notes",)}),
    )
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).with_figures()

    @admin.display(description=_("kegiatan"), ordering="event_count")
    def event_count(self, obj) -> int | None:
        return getattr(obj, "event_count", None)

    @admin.display(description=_("peserta"), ordering="participant_total")
    def participant_total(self, obj) -> int | None:
        return getattr(obj, "participant_total", None)

    @admin.display(description=_("narasumber"), ordering="narasumber_count")
    def narasumber_count(self, obj) -> int | None:
        return getattr(obj, "narasumber_count", None)

    @admin.display(description=_("WKSBM baru / target"), ordering="formed_count")
    def achievement(self, obj) -> str | None:
        if getattr(obj, "formed_count", None) is None:
            return None
        if not obj.target_new_wksbm:
            return str(obj.formed_count)
        return f"{obj.formed_count} / {obj.target_new_wksbm} ({obj.achievement_percent}%)"

    @admin.display(description=_("halaman program"))
    def page_link(self, obj) -> str | None:
        if obj is None or obj.pk is None:
            return None
        return format_html(
            '<a href="{}">{}</a>', reverse("trainings:program_detail", args=[obj.pk]), _("Buka halaman program")
        )
