"""Admin of uji petik samples: the list of draws in the user's area, a draw made from the add page (through
`trainings.sampling.uji_petik_draw`), and a draw's WKSBM read-only; a draw is never changed."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.admin.history import HistoryAdmin
from trainings.admin.base import ScopedAdminMixin, ScopedInlineMixin
from trainings.models import UjiPetik, UjiPetikItem
from trainings.sampling import uji_petik_draw

DRAW_FIELDS = ("wilayah", "size", "seed")


class UjiPetikItemInline(ScopedInlineMixin, admin.TabularInline):
    """The WKSBM drawn, in order; read-only."""

    model = UjiPetikItem
    fields = ("position", "wksbm")
    readonly_fields = ("position", "wksbm")
    related = ("wksbm",)
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UjiPetik)
class UjiPetikAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = ("wilayah", "size", "seed", "drawn_at", "drawn_by", "page_link")
    list_select_related = ("wilayah", "drawn_by")
    list_filter = ("size",)
    search_fields = ("wilayah__name", "=seed")
    autocomplete_fields = ("wilayah",)
    date_hierarchy = "drawn_at"
    inlines = (UjiPetikItemInline,)
    list_per_page = 50

    def get_fields(self, request, obj=None):
        return DRAW_FIELDS if obj is None else (*DRAW_FIELDS, "populations", "drawn_by", "drawn_at", "page_link")

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.get_fields(request, obj)

    def get_inlines(self, request, obj):
        return () if obj is None else self.inlines

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            form.base_fields["seed"].required = False
        return form

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Draws the sample (the service reads the population and records the items with their history)."""
        drawn = uji_petik_draw(by=request.user, wilayah=obj.wilayah, size=obj.size, seed=obj.seed)
        for name in ("id", "seed", "populations", "drawn_by_id", "drawn_at"):
            setattr(obj, name, getattr(drawn, name))
        obj._state.adding = False

    @admin.display(description=_("halaman"))
    def page_link(self, obj) -> str:
        if obj.pk is None:
            return "-"
        return format_html('<a href="{}">{}</a>', reverse("trainings:uji_petik_detail", args=[obj.pk]), _("Buka"))
