"""Admin of the open data's settings (issue 22): per province, the lowest public level and the public directory of
active WKSBM. Kept by the Admin provinsi of the province (no other role sees them); saved through the services."""

from django.contrib import admin

from registry.admin.history import HistoryAdmin
from registry.admin.scoping import AreaChoiceField, ScopedAdminMixin
from registry.admin.service_saves import ServiceSavesMixin
from registry.enums import WilayahLevel
from registry.models import OpenDataSetting, Wilayah
from registry.opendata.services import open_data_setting_delete, open_data_setting_save


@admin.register(OpenDataSetting)
class OpenDataSettingAdmin(ServiceSavesMixin, ScopedAdminMixin, HistoryAdmin):
    list_display = ("wilayah", "lowest_level", "directory_enabled")
    list_select_related = ("wilayah",)
    fields = ("wilayah", "lowest_level", "directory_enabled")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "wilayah":
            kwargs["queryset"] = Wilayah.objects.for_user(request.user).filter(level=WilayahLevel.PROVINSI)
            kwargs["form_class"] = AreaChoiceField
            kwargs["user"] = request.user
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, request, obj, form, change):
        open_data_setting_save(by=request.user, setting=obj)

    def delete_record(self, request, obj):
        open_data_setting_delete(by=request.user, setting=obj)
