"""Managing petugas (users) in the admin, on one page: username, full name, NIP, jabatan, phone (the petugas
profile, printed in signature blocks), one of the four roles, the areas by name, active.

No raw Django permission list: the role is a choice of the four roles (`registry.roles`), whose groups hold the
permissions, and admin access (`is_staff`) follows from the role (`registry.roles.staff_status`). Superuser status
is never set here.

A superuser manages everyone. Anyone else with the user permissions (the Admin provinsi role) sees and manages
only the users whose every area lies inside their own (`registry.scoping.users_within_q`, the one rule for the
list, every object page — change, password, history, delete — and every action), can give only the four roles,
and nobody sees or grants superuser or staff status, groups or individual permissions here. Areas are chosen by
autocomplete within the editor's own areas, and a user they save keeps at least one area, so that they stay
someone's to manage.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from registry.admin.scoping import ScopedChoicesMixin
from registry.enums import Role
from registry.forms.base import field_formfield
from registry.models import PetugasProfile, RoleGroup, UserArea, display_name, profile_of
from registry.roles import role_of, staff_status
from registry.scoping import users_within_q
from registry.services.petugas import role_assign
from registry.validators import display_phone

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


PROFILE_FIELDS = ("full_name", "nip", "jabatan", "phone")


def _profile_field(name: str, **kwargs) -> forms.Field:
    return field_formfield(PetugasProfile._meta.get_field(name), **kwargs)


class PetugasFields(forms.Form):
    """The petugas profile and the role, on the user's page. The profile's rules are the model's
    (`PetugasProfile.full_clean`, errors shown on their fields); `profile` and `role` are ready to save after
    validation."""

    full_name = _profile_field("full_name")
    nip = _profile_field("nip", max_length=24)  # typed with spaces between its parts; stored without
    jabatan = _profile_field("jabatan")
    phone = _profile_field("phone")
    role = forms.TypedChoiceField(
        label=_("peran"), choices=[("", "---------"), *Role.choices], coerce=Role, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The profile as stored (empty when there is none yet), to save it only when it changes.
        self.stored_profile = dict.fromkeys(PROFILE_FIELDS, "")
        if self.instance.pk is not None:
            profile = profile_of(self.instance)
            self.stored_profile = {name: getattr(profile, name) for name in PROFILE_FIELDS}
            for name in PROFILE_FIELDS:
                self.initial.setdefault(name, getattr(profile, name))
            self.initial["phone"] = display_phone(profile.phone)
            self.initial.setdefault("role", role_of(self.instance))
        # A superuser needs no role; everyone else works through one.
        self.fields["role"].required = not self.instance.is_superuser

    def _post_clean(self):
        super()._post_clean()
        # Admin access follows the role; what they may do there is their role group's permissions.
        self.instance.is_staff = staff_status(self.cleaned_data.get("role"), superuser=self.instance.is_superuser)
        self.profile = profile_of(self.instance)
        for name in PROFILE_FIELDS:
            if name in self.cleaned_data:
                setattr(self.profile, name, self.cleaned_data[name])
        try:
            self.profile.full_clean(exclude=["user"], validate_unique=False)
        except ValidationError as error:
            self._update_errors(error)

    def save_profile_and_role(self, user) -> None:
        """Saves the profile of `user` (saved first) when it changed (so an unchanged page writes no history row),
        and gives them the chosen role."""
        self.profile.user = user
        if {name: getattr(self.profile, name) for name in PROFILE_FIELDS} != self.stored_profile:
            self.profile.save()
        role_assign(user=user, role=self.cleaned_data.get("role"))


class PetugasChangeForm(PetugasFields, UserChangeForm):
    pass


class PetugasCreationForm(PetugasFields, AdminUserCreationForm):
    pass


class RoleListFilter(admin.SimpleListFilter):
    """The users of one of the four roles."""

    title = _("peran")
    parameter_name = "peran"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value() in Role.values:
            return queryset.filter(groups__role_group__role=self.value())
        return queryset


admin.site.unregister(User)


@admin.register(User)
class PetugasAdmin(UserAdmin):
    form = PetugasChangeForm
    add_form = PetugasCreationForm
    inlines = (UserAreaInline,)
    list_display = ("username", "full_name", "role_shown", "areas_shown", "is_active", "last_login")
    list_filter = (RoleListFilter, "is_active")
    search_fields = (
        "username",
        "petugas_profile__full_name",
        "petugas_profile__nip",
        "first_name",
        "last_name",
        "areas__wilayah__name",
        "areas__wilayah__code",
    )
    profile_fieldset = (_("Data petugas"), {"fields": ("full_name", "nip", "jabatan", "phone", "email")})
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        profile_fieldset,
        (_("Akses"), {"fields": ("role", "is_active")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        profile_fieldset,
        (_("Akses"), {"fields": ("role", "is_active")}),
    )

    def get_queryset(self, request):
        """The users the editor may manage (`users_within_q`); every page and action of this admin reads here."""
        roles = Prefetch("groups__role_group", queryset=RoleGroup.objects.all())
        areas = Prefetch("areas", queryset=UserArea.objects.select_related("wilayah"))
        managed = super().get_queryset(request).filter(users_within_q(request.user))
        return managed.select_related("petugas_profile").prefetch_related("groups", roles, areas)

    def get_object(self, request, object_id, from_field=None):
        """The user if the editor may manage them; otherwise 404, as for every scoped object."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def save_related(self, request, form, formsets, change):
        # After the user row (saved, or left alone when unchanged), whatever else changed: profile, role, areas.
        form.save_profile_and_role(form.instance)
        super().save_related(request, form, formsets, change)

    @admin.display(description=_("nama lengkap"), ordering="petugas_profile__full_name")
    def full_name(self, obj) -> str:
        return display_name(obj)

    @admin.display(description=_("peran"))
    def role_shown(self, obj) -> str:
        return ", ".join(
            str(group.role_group) for group in obj.groups.all() if getattr(group, "role_group", None) is not None
        )

    @admin.display(description=_("wilayah kerja"))
    def areas_shown(self, obj) -> str:
        return ", ".join(area.wilayah.display_name for area in obj.areas.all())
