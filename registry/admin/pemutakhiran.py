"""Admin of the update cycle: the periods of pemutakhiran, opened, changed and closed (an action) by the admin
provinsi through `registry.pemutakhiran.services`; every other role reads the periods of their area and province.
The list counts each period's checks in one query; the WKSBM list's filter of WKSBM missed by the last cycle is
`MissedLastCycleFilter`."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.admin.history import HistoryAdmin
from registry.admin.scoping import AreaChoiceField, ScopedAdminMixin
from registry.admin.service_saves import ServiceSavesMixin, adopt, editable_values
from registry.enums import WilayahLevel
from registry.models import PemutakhiranPeriod, Wilayah
from registry.pemutakhiran import services
from registry.pemutakhiran.querysets import missed_last_cycle


@admin.register(PemutakhiranPeriod)
class PemutakhiranPeriodAdmin(ServiceSavesMixin, ScopedAdminMixin, HistoryAdmin):
    list_display = ("name", "wilayah_name", "starts_on", "ends_on", "state", "check_count")
    list_select_related = ("wilayah",)
    fields = ("name", "wilayah", "starts_on", "ends_on")
    readonly_fields = ()
    actions = ("close_periods",)
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(checks_made=Count("checks"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "wilayah":
            kwargs["queryset"] = Wilayah.objects.for_user(request.user).filter(level__lte=WilayahLevel.KABUPATEN)
            kwargs["form_class"] = AreaChoiceField
            kwargs["user"] = request.user
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, request, obj, form, change):
        if change:
            services.period_update(by=request.user, period=obj)
        else:
            adopt(obj, services.period_open(by=request.user, **editable_values(obj)))

    def delete_record(self, request, obj):
        services.period_delete(by=request.user, period=obj)

    @admin.action(description=_("Tutup periode terpilih"), permissions=["change"])
    def close_periods(self, request, queryset):
        closed = 0
        for period in queryset:
            try:
                services.period_close(by=request.user, period=period)
            except ValidationError as error:
                self.message_user(request, f"{period}: {' '.join(error.messages)}", messages.WARNING)
            else:
                closed += 1
        if closed:
            self.message_user(request, _("%(count)s periode ditutup.") % {"count": closed}, messages.SUCCESS)

    @admin.display(description=_("wilayah"), ordering="wilayah_id")
    def wilayah_name(self, obj: PemutakhiranPeriod) -> str:
        return obj.wilayah.display_name

    @admin.display(description=_("keadaan"))
    def state(self, obj: PemutakhiranPeriod) -> str:
        if obj.is_open_on(dates.today()):
            return _("Sedang dibuka")
        return _("Ditutup") if obj.closed_at else _("Tidak dibuka")

    @admin.display(description=_("WKSBM diperiksa"), ordering="checks_made")
    def check_count(self, obj: PemutakhiranPeriod) -> int:
        return obj.checks_made


class MissedLastCycleFilter(admin.SimpleListFilter):
    """WKSBM not checked in the last cycle of their area that is over (`querysets.missed_last_cycle`)."""

    title = _("pemutakhiran")
    parameter_name = "pemutakhiran"

    def lookups(self, request, model_admin):
        return [("terlewat", _("Belum diperiksa pada pemutakhiran terakhir"))]

    def queryset(self, request, queryset):
        if self.value() == "terlewat":
            return missed_last_cycle(queryset, dates.today())
        return queryset
