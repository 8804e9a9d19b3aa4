"""Admin for the wilayah tree: searchable and filterable by everyone with access, editable by superusers only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.models import Wilayah


class ProvinsiFilter(admin.SimpleListFilter):
    """Filters by the provinsi a wilayah lies in (by code prefix), listing the provinsi in one query."""

    title = _("provinsi")
    parameter_name = "provinsi"

    def lookups(self, request, model_admin):
        return [(w.code, w.name) for w in Wilayah.objects.filter(level=WilayahLevel.PROVINSI).only("code", "name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.within([self.value()])
        return queryset


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    list_display = ("code", "display_name", "level", "kind", "parent")
    list_filter = ("level", ProvinsiFilter, "kind")
    # "^code" is a prefix match (34.03 finds all of Gunungkidul), served by the primary key index.
    search_fields = ("^code", "name")
    list_select_related = ("parent",)
    ordering = ("code",)
    autocomplete_fields = ("parent",)
    show_full_result_count = False
    list_per_page = 50

    @admin.display(description=_("nama"), ordering="name")
    def display_name(self, obj: Wilayah) -> str:
        return obj.display_name

    def get_search_results(self, request, queryset, search_term):
        """Lists everything to readers, but offers only the user's own areas when choosing (autocomplete)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.for_user(request.user)
        return queryset, may_have_duplicates

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
