"""List filters of the trainings admin; each lists its choices in one query, from the rows the user may see."""

from django.contrib import admin
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.models import Wilayah
from registry.scoping import code_prefix_q
from registry.wilayah_codes import KABUPATEN_CODE_LENGTH
from trainings.models import Program


class KabupatenFilter(admin.SimpleListFilter):
    """Filters by kabupaten/kota (code prefix), listing only those where the admin's rows lie."""

    title = _("kabupaten/kota")
    parameter_name = "kabupaten"
    field = "wilayah"

    def lookups(self, request, model_admin):
        prefixes = (
            model_admin.get_queryset(request)
            .order_by()
            .annotate(prefix=Left(f"{self.field}_id", KABUPATEN_CODE_LENGTH))
            .values("prefix")
        )
        kabupaten = Wilayah.objects.filter(level=WilayahLevel.KABUPATEN, code__in=prefixes).only("code", "name", "kind")
        return [(w.code, w.display_name) for w in kabupaten]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(code_prefix_q(f"{self.field}__code", [self.value()]))
        return queryset


class EventYearFilter(admin.SimpleListFilter):
    """Filters events by the year they started, listing the years of the user's events."""

    title = _("tahun")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("starts_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.in_year(int(self.value()))
        return queryset


class ProgramFilter(admin.SimpleListFilter):
    """Filters events by program, listing the programs in the user's areas; "tanpa program" for the others."""

    title = _("program")
    parameter_name = "program"
    NONE = "tanpa"

    def lookups(self, request, model_admin):
        programs = Program.objects.for_user(request.user).only("pk", "name", "year")
        return [(str(p.pk), str(p)) for p in programs] + [(self.NONE, _("Tanpa program"))]

    def queryset(self, request, queryset):
        if self.value() == self.NONE:
            return queryset.filter(program__isnull=True)
        if self.value() and self.value().isdigit():
            return queryset.filter(program_id=int(self.value()))
        return queryset
