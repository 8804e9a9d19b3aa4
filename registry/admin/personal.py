"""Personal data on the admin's read-only pages (UU 27/2022, PDP): the change page of a user who may only view a
record, its inlines, and simple-history's version page.

Django shows a read-only field's stored value as it is. Here a NIK field is shown masked (`mask_nik`) to
everyone, and a phone field as `registry.validators.shown_phone` says: whole for the roles that change records,
masked for the others (pimpinan). Editable forms never show a stored NIK either (see
`registry.admin.wksbm.PengurusForm`); the history's list of changes masks both (`ReadableHistory`).

Every phone field is edited in the one display form (`registry.forms.base.PhoneField`: `0812-3456-7890`, stored
as E.164), so a number typed in another form of the stored one is no change, and a read-only one is shown in it
too (`display_phone`).

A field is personal by its validator (`validate_nik`, `validate_phone`), so a new one is covered as it is
declared.
"""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from registry.forms.base import PhoneField
from registry.roles import may_see_phone_numbers
from registry.validators import display_phone, mask_nik, mask_phone, validate_nik, validate_phone

# The read-only display of each kind of personal field: the admin attribute shown in the field's place.
NIK_DISPLAY = "personal_nik_masked"
PHONE_DISPLAY = "personal_phone_masked"
PHONE_WHOLE_DISPLAY = "personal_phone_shown"


def personal_fields(model) -> dict[str, str]:
    """The model's personal fields: field name → "nik" or "phone", by the field's validators."""
    found = {}
    for field in model._meta.concrete_fields:
        if validate_nik in field.validators:
            found[field.name] = "nik"
        elif validate_phone in field.validators:
            found[field.name] = "phone"
    return found


def _stored(obj, kind: str) -> str:
    """The stored value of `obj`'s personal field of `kind` ("nik" or "phone"), or ""."""
    names = [name for name, found in personal_fields(type(obj)).items() if found == kind]
    return (getattr(obj, names[0]) or "") if names else ""


class PersonalDataAdminMixin:
    """For an admin or an inline: on a page where the record is read-only for the user, each NIK field is shown
    masked and, for a user who does not work with phone numbers, each phone field too; simple-history's version
    page is read-only for a user who may not change the record, as the change page is.

    Each model has at most one NIK and one phone field, which the two displays read.
    """

    def personal_read_only(self, request, obj) -> bool:
        """Whether the record's fields are shown read-only to the user: a stored record they may not change (an
        add page is never read-only)."""
        return obj is not None and not self.has_change_permission(request, obj)

    def _personal_displays(self, request) -> dict[str, str]:
        shown = {}
        for name, kind in personal_fields(self.model).items():
            if kind == "nik":
                shown[name] = NIK_DISPLAY
            else:
                shown[name] = PHONE_WHOLE_DISPLAY if may_see_phone_numbers(request.user) else PHONE_DISPLAY
        return shown

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if validate_phone in getattr(db_field, "validators", ()):
            kwargs.setdefault("form_class", PhoneField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _is_model_field(self, name) -> bool:
        try:
            self.model._meta.get_field(name)
        except (FieldDoesNotExist, TypeError):
            return False
        return True

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.personal_read_only(request, obj):
            return fieldsets
        displays = self._personal_displays(request)
        # A form-only field (such as "hapus NIK") has nothing to show on a read-only page.
        form_only = {name for name in self.form.declared_fields if not self._is_model_field(name)}
        return [
            (title, {**options, "fields": self._shown_fields(options["fields"], displays, form_only)})
            for title, options in fieldsets
        ]

    def _shown_fields(self, fields, displays, form_only, seen=None):
        seen = set() if seen is None else seen
        shown = []
        for field in fields:
            if isinstance(field, (list, tuple)):
                shown.append(tuple(self._shown_fields(field, displays, form_only, seen)))
                continue
            field = displays.get(field, field)
            if field not in form_only and field not in seen:
                seen.add(field)
                shown.append(field)
        return shown

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.personal_read_only(request, obj):
            return readonly
        # Every field, as Django's change page makes them for a user who may only view: simple-history's version
        # page asks this method alone, and would otherwise offer the stored values in an editable form. (Read from
        # the model, not from get_fieldsets, which may ask this method.)
        fields = [f.name for f in self.model._meta.get_fields() if f.concrete and f.editable and not f.auto_created]
        displays = self._personal_displays(request)
        every = [*fields, *displays.values()]
        return [*readonly, *(name for name in every if name not in readonly)]

    # Django's read-only display prints None as "None": nothing shows as the admin's empty-value mark.
    @admin.display(description=_("NIK"))
    def personal_nik_masked(self, obj) -> str:
        return mask_nik(_stored(obj, "nik")) or self.get_empty_value_display()

    @admin.display(description=_("telepon"))
    def personal_phone_masked(self, obj) -> str:
        return mask_phone(_stored(obj, "phone")) or self.get_empty_value_display()

    @admin.display(description=_("telepon"))
    def personal_phone_shown(self, obj) -> str:
        return display_phone(_stored(obj, "phone")) or self.get_empty_value_display()


class PersonalDataInlineMixin(PersonalDataAdminMixin):
    """`PersonalDataAdminMixin` for an inline, whose rows are read-only when the parent record may not be changed
    or the rows may be neither changed nor added (Django's `get_inline_formsets`). A user who may add rows but
    not change them is not one of the roles (registry.roles): their stored rows would show as Django shows them."""

    def personal_read_only(self, request, obj) -> bool:
        if obj is None:
            return False
        parent_admin = self.admin_site._registry.get(self.parent_model)
        parent_editable = parent_admin is None or parent_admin.has_change_permission(request, obj)
        rows_editable = self.has_change_permission(request, obj) or self.has_add_permission(request, obj)
        return not (parent_editable and rows_editable)
