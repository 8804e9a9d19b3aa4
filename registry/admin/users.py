"""Managing petugas (users) in the admin: Admin provinsi creates users with a role and areas.

A superuser manages everyone. Anyone else with the user permissions (the Admin provinsi role) sees and manages
only the users whose every area lies inside their own (`registry.scoping.users_within_q`, the one rule for the
list, every object page — change, password, history, delete — and every action), can give only the four roles,
and can neither see nor grant superuser or staff status or individual permissions. Areas are chosen by
autocomplete within the editor's own areas, and a user they save keeps at least one area, so that they stay
someone's to manage.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from registry.admin.scoping import ScopedChoicesMixin
from registry.models import UserArea
from registry.roles import role_groups
from registry.scoping import users_within_q

User = get_user_model()


class UserAreaFormSet(BaseInlineFormSet):
    """The areas of a user; when `requires_area`, at least one must remain (a user without an area works nowhere
    and would be nobody's to manage but a superuser's)."""

    requires_area = False

    def clean(self):
        super().clean()
        if not self.requires_area or any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("wilayah") and not (self.can_delete and self._should_delete_form(form))
        ]
        if not kept:
            raise ValidationError(_("Isi paling sedikit satu wilayah kerja di dalam wilayah Anda."))


class UserAreaInline(ScopedChoicesMixin, admin.TabularInline):
    model = UserArea
    formset = UserAreaFormSet
    extra = 1
    autocomplete_fields = ("wilayah",)
    verbose_name = _("wilayah kerja")
    verbose_name_plural = _("wilayah kerja")

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user).select_related("wilayah")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.requires_area = not request.user.is_superuser
        return formset


admin.site.unregister(User)


@admin.register(User)
class PetugasAdmin(UserAdmin):
    inlines = (UserAreaInline,)
    list_display = ("username", "get_full_name", "roles", "areas_shown", "is_active", "last_login")
    list_filter = ("groups", "is_active")
    search_fields = ("username", "first_name", "last_name", "email", "areas__wilayah__code")
    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data pribadi"), {"fields": ("first_name", "last_name", "email")}),
        (_("Peran"), {"fields": ("is_active", "groups")}),
    )
    limited_add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2", "groups")}),
    )

    def get_queryset(self, request):
        """The users the editor may manage (`users_within_q`); every page and action of this admin reads here."""
        return super().get_queryset(request).filter(users_within_q(request.user)).prefetch_related("groups", "areas")

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.limited_add_fieldsets if obj is None else self.limited_fieldsets

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = role_groups()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        """The user if the editor may manage them; otherwise 404, as for every scoped object."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def save_model(self, request, obj, form, change):
        # Every role works in the admin; what they may do there is their group's permissions.
        obj.is_staff = obj.is_staff or obj.is_superuser or bool(form.cleaned_data.get("groups"))
        super().save_model(request, obj, form, change)

    @admin.display(description=_("peran"))
    def roles(self, obj) -> str:
        return ", ".join(group.name for group in obj.groups.all())

    @admin.display(description=_("wilayah kerja"))
    def areas_shown(self, obj) -> str:
        return ", ".join(area.wilayah_id for area in obj.areas.all())
