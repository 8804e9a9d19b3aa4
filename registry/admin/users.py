"""Managing petugas (users) in the admin: Admin provinsi creates users with a role and areas.

A superuser manages everyone. Anyone else with the user permissions (the Admin provinsi role) sees and edits
only users working inside their own areas, can give only the four roles, and can neither see nor grant
superuser status or individual permissions. Areas are chosen by autocomplete within the editor's own areas.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from registry.admin.scoping import ScopedChoicesMixin
from registry.enums import Role
from registry.models import UserArea
from registry.scoping import area_codes

User = get_user_model()
ROLE_GROUP_NAMES = [str(role.label) for role in Role]


class UserAreaInline(ScopedChoicesMixin, admin.TabularInline):
    model = UserArea
    extra = 1
    autocomplete_fields = ("wilayah",)
    verbose_name = _("wilayah kerja")
    verbose_name_plural = _("wilayah kerja")

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user).select_related("wilayah")


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
        users = super().get_queryset(request).prefetch_related("groups", "areas")
        codes = area_codes(request.user)
        if codes is None:
            return users
        # Only users working inside the editor's areas, and never a superuser.
        inside = UserArea.objects.for_user(request.user).values("user_id")
        return users.filter(pk__in=inside, is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.limited_add_fieldsets if obj is None else self.limited_fieldsets

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_GROUP_NAMES)
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
