"""The project's admin site, on which no admin loses an update: a change form and its inline rows save only over
the version they were opened at, and an add form creates one record however often it is sent.

`AdminSite.register` puts `EditConflictAdmin` in front of every ModelAdmin registered (the registry's, the
trainings', Django's own), and that in turn wraps every inline, so no admin can miss it. This module stays outside
the `registry.admin` package: the site is built while Django's own admin modules register on it, before the
registry's admin modules (which import Django's) may be imported.

Change pages: the object's form and each existing inline row carry the row's version stamp (`registry.versions`)
in a hidden `version_stamp`. On POST, inside the admin's saving transaction, the object and the rows of each
inline are locked (`select_for_update`) before they are read; a row whose stored values differ from the stamp
where the user's values would undo them, or a row deleted meanwhile, makes the whole save refused: nothing is
written and the page answers 409 with the fields in question ("Isian Anda" / "Tersimpan sekarang", who and when
as history knows) and the forms offered again at the new version, with the user's values where they changed a
field and the stored ones elsewhere. Saving that page again keeps the user's values.

Add pages: the form carries a one-time `form_token`, recorded in a `FormSubmission` in the same transaction as the
record (`registry.views.once`); the same form sent again (by its token, never by equal values) leads to the first
record. A unique constraint broken by a concurrent save (two people adding the same WKSBM name at the same moment)
is caught inside the save and reported on the form with the constraint's own message.
"""

import contextlib
import copy
import functools
import uuid

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, router, transaction
from django.forms.formsets import DELETION_FIELD_NAME
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registry.forms.base import OnceForm
from registry.models import FormSubmission
from registry.roles import may_use_admin
from registry.versions import EditConflict, edit_conflict, stamped_fields, version_of
from registry.views.once import TOKEN_INVALID, earlier_result

VERSION_FIELD = "version_stamp"
TOKEN_FIELD = "form_token"
OWN_FIELDS = (VERSION_FIELD, TOKEN_FIELD)

CONFLICT = _(
    "Data ini sudah diubah orang lain setelah Anda membuka halaman ini. Tidak ada yang disimpan: periksa isian yang "
    "bertabrakan lalu simpan lagi."
)
ROW_GONE = _(
    "Baris yang sudah dihapus orang lain setelah Anda membuka halaman ini kini ditandai hapus. Tidak ada yang "
    "disimpan: periksa lalu simpan lagi."
)
MISSING_VERSION = _("Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang.")
SAVE_FAILED = _(
    "Data ini tidak dapat disimpan karena bertabrakan dengan data yang baru saja disimpan orang lain. Periksa "
    "isiannya lalu simpan lagi."
)


class AlreadySent(Exception):
    """The add form's token was recorded meanwhile by another sending of the same form."""


class SaveRefused(Exception):
    """The database refused the save (a unique constraint a concurrent save broke first); `error` says why."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


def lock_rows(model, **lookup) -> None:
    """Locks the rows of `model` matching `lookup` until the end of the current transaction (PostgreSQL; SQLite
    writes one transaction at a time anyway). Does nothing outside a transaction or for an unreadable lookup."""
    using = router.db_for_write(model)
    if not transaction.get_connection(using).in_atomic_block:
        return
    with contextlib.suppress(ValueError, ValidationError):
        list(model._base_manager.using(using).select_for_update().filter(**lookup).order_by("pk").values_list("pk"))


class VersionedFormMixin:
    """A model form that saves only over the version of its row it was opened at (`VERSION_FIELD`).

    `stored` is the row as read when the form was built, under the lock `EditConflictAdmin` takes; after
    validation, `edit_conflict` holds the conflict with it, if any. `save_refused` is an error the database gave
    an earlier attempt of the same request, shown on the form.
    """

    save_refused: ValidationError | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance._state.adding or self.instance.pk is None
        self.stored = None if adding else copy.copy(self.instance)
        self.edit_conflict: EditConflict | None = None
        if self.stored is not None and VERSION_FIELD in self.fields:
            self.initial[VERSION_FIELD] = version_of(self.instance)

    def compared_fields(self) -> list[str]:
        """The model fields this form writes."""
        return [
            f.name
            for f in stamped_fields(type(self.instance))
            if f.name in self.fields and not self.fields[f.name].disabled
        ]

    def _post_clean(self):
        super()._post_clean()
        if self.save_refused is not None:
            self._show_refusal(self.save_refused)
        if not self.is_bound or self.stored is None or VERSION_FIELD not in self.fields:
            return
        stamp = self.data.get(self.add_prefix(VERSION_FIELD))
        if not stamp:
            self.add_error(None, MISSING_VERSION)
            return
        names = self.compared_fields()
        self.edit_conflict = edit_conflict(
            stamp=stamp,
            stored=self.stored,
            mine={name: self.instance._meta.get_field(name).value_from_object(self.instance) for name in names},
            labels={name: self.fields[name].label for name in names},
        )
        if self.edit_conflict is not None:
            self.add_error(None, CONFLICT)

    def _show_refusal(self, refused: ValidationError) -> None:
        # Validated again, the form may already name the constraint the concurrent save broke.
        shown = {str(message) for errors in self.errors.values() for message in errors}
        by_field = refused.error_dict if hasattr(refused, "error_dict") else {NON_FIELD_ERRORS: refused.error_list}
        for name, errors in by_field.items():
            for message in (m for error in errors for m in error.messages):
                if message not in shown:
                    self.add_error(name if name in self.fields else None, message)

    def offer_again(self) -> None:
        """Puts the bound form at the stored row's version, with the stored value in each field that only someone
        else changed: what a fresh form on the stored row shows there (so a NIK stays unrendered)."""
        fresh = type(self)(instance=self.stored, prefix=self.prefix)
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = version_of(self.stored)
        for change in self.edit_conflict.changes:
            if change.touched:
                continue
            name = self.add_prefix(change.name)
            value = fresh[change.name].value()
            widget = self.fields[change.name].widget
            if isinstance(widget, forms.MultiWidget):
                for suffix, part in zip(widget.widgets_names, widget.decompress(value), strict=True):
                    self.data[name + suffix] = "" if part is None else part
            elif isinstance(widget, forms.CheckboxInput) and not value:
                self.data.pop(name, None)
            else:
                self.data[name] = "" if value is None else value


@functools.cache
def _hidden_field(name: str) -> forms.Field:
    if name == TOKEN_FIELD:
        message = OnceForm.base_fields[TOKEN_FIELD].error_messages["invalid"]
        # Optional here: a sending without it (a script, an old page) is a new record, as any fresh form.
        return forms.UUIDField(widget=forms.HiddenInput, required=False, error_messages={"invalid": message})
    return forms.CharField(widget=forms.HiddenInput, required=False)


def versioned_form(form_class, *, adding: bool, save_refused=None):
    """`form_class` with the version stamp (or, to add, the one-time token) and `VersionedFormMixin`."""
    own = TOKEN_FIELD if adding else VERSION_FIELD
    bases = (VersionedFormMixin, OnceForm, form_class) if adding else (VersionedFormMixin, form_class)
    attrs = {own: copy.deepcopy(_hidden_field(own)), "save_refused": save_refused, "__module__": __name__}
    return type(form_class.__name__, bases, attrs)


def with_field(fieldsets, name: str) -> list:
    """`fieldsets` with the field `name` added to the first one (a hidden field renders as a hidden row)."""
    fieldsets = list(fieldsets)
    if not fieldsets:
        return [(None, {"fields": [name]})]
    title, options = fieldsets[0]
    fields = list(options.get("fields", ()))
    if name not in fields:
        fields.append(name)
    return [(title, {**options, "fields": fields}), *fieldsets[1:]]


def _form_fields(admin_obj, request, obj, kwargs) -> dict:
    """`kwargs` of `get_form`/`get_formset` with the form's fields named, less the ones this module adds."""
    if "fields" not in kwargs:
        kwargs["fields"] = flatten_fieldsets(admin_obj.get_fieldsets(request, obj))
    if kwargs["fields"] is not None:
        kwargs["fields"] = [name for name in kwargs["fields"] if name not in OWN_FIELDS]
    return kwargs


class VersionedFormSetMixin:
    """An inline formset whose existing rows are locked before they are read, each row a `VersionedFormMixin`.

    A row sent back whose record is gone (deleted meanwhile) is marked `row_gone`; any conflicting or gone row
    refuses the whole formset.
    """

    def get_queryset(self):
        if not hasattr(self, "_queryset") and self.is_bound and self.instance.pk is not None:
            lock_rows(self.model, **{self.fk.name: self.instance.pk})
        return super().get_queryset()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.row_gone = False
        if self.is_bound and i < self.initial_form_count():
            sent = self.data.get(form.add_prefix(self.model._meta.pk.name))
            form.row_gone = bool(sent) and form.instance._state.adding
        return form

    def clean(self):
        super().clean()
        errors = []
        if any(getattr(form, "edit_conflict", None) for form in self.forms):
            errors.append(ValidationError(CONFLICT, code="edit_conflict"))
        if any(form.row_gone and not self._deleting(form) for form in self.initial_forms):
            errors.append(ValidationError(ROW_GONE, code="row_gone"))
        if errors:
            raise ValidationError(errors)

    def _deleting(self, form) -> bool:
        return self.can_delete and self._should_delete_form(form)

    def offer_again(self) -> None:
        """After a refusal: each gone row offered marked for deletion (it is gone: saving again drops what the user
        typed in it), and the rows shown each beside their own record."""
        for form in self.initial_forms:
            if form.row_gone and self.can_delete:
                form.data = form.data.copy()
                form.data[form.add_prefix(DELETION_FIELD_NAME)] = "on"
        # The admin pairs the rows sent back with the rows stored now, one by one; a gone row would shift them.
        self._queryset = [form.instance for form in self.initial_forms]


class VersionedInlineMixin:
    """An inline whose rows carry their version stamp (see `VersionedFormSetMixin`)."""

    def get_fields(self, request, obj=None):
        return [name for name in super().get_fields(request, obj) if name not in OWN_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            fieldsets = with_field(fieldsets, VERSION_FIELD)
        return fieldsets

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **_form_fields(self, request, obj, kwargs))
        formset.form = versioned_form(formset.form, adding=False)
        return type(formset.__name__, (VersionedFormSetMixin, formset), {"__module__": __name__})


@functools.cache
def versioned_inline(inline_class):
    """`inline_class` with `VersionedInlineMixin` in front (one class per inline class)."""
    if issubclass(inline_class, VersionedInlineMixin):
        return inline_class
    return type(inline_class.__name__, (VersionedInlineMixin, inline_class), {"__module__": inline_class.__module__})


class EditConflictAdmin:
    """What every ModelAdmin of the site does on its add and change pages (see the module's docstring)."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.inlines = [versioned_inline(inline) for inline in self.inlines]

    def _own_field(self, request, obj) -> str | None:
        if obj is None:
            return TOKEN_FIELD if self.has_add_permission(request) else None
        return VERSION_FIELD if self.has_change_permission(request, obj) else None

    def get_fields(self, request, obj=None):
        return [name for name in super().get_fields(request, obj) if name not in OWN_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        own = self._own_field(request, obj)
        return with_field(fieldsets, own) if own else fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **_form_fields(self, request, obj, kwargs))
        return versioned_form(form, adding=obj is None, save_refused=getattr(request, "admin_save_refused", None))

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST":
            field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
            lock_rows(self.model, **{field.attname: object_id})
        return super().get_object(request, object_id, from_field)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        adding = object_id is None or "_saveasnew" in request.POST
        if request.method == "POST" and adding and (done := earlier_result(request, OnceForm(request.POST))):
            return done
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except AlreadySent:
            if done := earlier_result(request, OnceForm(request.POST)):
                return done
            refused = ValidationError(TOKEN_INVALID)
        except SaveRefused as error:
            refused = error.error
        # Everything the refused attempt wrote is rolled back: the page is built again, the reason on the form.
        request.admin_save_refused = refused
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change and _as_stored(obj):
            # Nothing changed (a phone number typed in another form of the stored one is no change): no write,
            # so no history row saying so.
            return
        submission = None
        if not change:
            token = form.cleaned_data.get(TOKEN_FIELD) if TOKEN_FIELD in form.fields else None
            try:
                with transaction.atomic():
                    submission = FormSubmission.objects.create(token=token or uuid.uuid4(), user=request.user)
            except IntegrityError as error:
                raise AlreadySent from error
        _refuse_integrity_errors(lambda: super(EditConflictAdmin, self).save_model(request, obj, form, change), obj)
        if submission is not None:
            submission.url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
            submission.save(update_fields=["url"])

    def save_related(self, request, form, formsets, change):
        _refuse_integrity_errors(
            lambda: super(EditConflictAdmin, self).save_related(request, form, formsets, change), form.instance
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        conflicts = []
        main = context["adminform"].form
        rows = [(main, None)] + [
            (form, inline.formset) for inline in context.get("inline_admin_formsets", ()) for form in inline.formset
        ]
        for form, formset in rows:
            if getattr(form, "edit_conflict", None) is not None:
                title = str(form.stored)
                if formset is not None:
                    title = f"{capfirst(formset.model._meta.verbose_name)}: {title}"
                conflicts.append({"title": title, "conflict": form.edit_conflict, "gone": False})
                form.offer_again()
            elif getattr(form, "row_gone", False) and not formset._deleting(form):
                conflicts.append({"title": capfirst(formset.model._meta.verbose_name), "conflict": None, "gone": True})
        for inline in context.get("inline_admin_formsets", ()):
            if any(getattr(form, "row_gone", False) for form in inline.formset.initial_forms):
                inline.formset.offer_again()
        context["edit_conflicts"] = conflicts
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if conflicts:
            response.status_code = 409
        return response


def _as_stored(obj) -> bool:
    """Whether every concrete field of `obj` holds the value its stored row holds (one query)."""
    names = [field.attname for field in obj._meta.concrete_fields]
    stored = type(obj)._base_manager.filter(pk=obj.pk).values(*names).first()
    return stored is not None and all(stored[name] == getattr(obj, name) for name in names)


def _refuse_integrity_errors(save, obj) -> None:
    """Runs `save()` in a savepoint; a database refusal becomes `SaveRefused` with the broken constraint's own
    message (validated again now that the concurrent save is visible), or `SAVE_FAILED`."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError as error:
        try:
            obj.validate_constraints()
            obj.validate_unique()
        except ValidationError as broken:
            raise SaveRefused(broken) from error
        raise SaveRefused(ValidationError(SAVE_FAILED)) from error


class AdminSite(admin.AdminSite):
    """Every ModelAdmin registered here saves only over the version its page was opened at, and an add form sent
    twice creates one record (see the module's docstring). Only the roles that work in the admin may open it
    (`registry.roles.may_use_admin`: not the penyuluh, who works on the field pages)."""

    def has_permission(self, request):
        return may_use_admin(request.user)

    def admin_view(self, view, cacheable=False):
        """Django's admin view, which sends a visitor who may not use the admin to its login page; a signed-in user
        whose role does not work in the admin (a penyuluh) is refused (403) instead, as any page their role may
        not use, rather than offered a login they cannot use either (they log out on the field pages)."""
        wrapped = super().admin_view(view, cacheable)

        @functools.wraps(wrapped)
        def refuse_signed_in_field_roles(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return wrapped(request, *args, **kwargs)

        return refuse_signed_in_field_roles

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, EditConflictAdmin):
            attrs = {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__}
            admin_class = type(admin_class.__name__, (EditConflictAdmin, admin_class), attrs)
        super().register(model_or_iterable, admin_class, **options)
