"""Area scoping in the admin, shared by the registry and trainings admins: it fails closed. A record's choices,
autocompletes, lists, history and delete pages show only what lies in the user's area, and name what lies
outside it without revealing it; personal data is masked on read-only pages (registry.admin.personal). Inlines
whose cost does not grow with their rows are in `registry.admin.inlines`."""

from django import forms
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import router
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from registry.admin.personal import PersonalDataAdminMixin
from registry.scoping import OUTSIDE_AREA_LABEL, area_codes, lies_outside, shown_name


class AreaChoiceIterator(ModelChoiceIterator):
    """The scoped choices, and after them the form's stored value when it lies outside them, as
    "(di luar wilayah Anda)" (`registry.scoping.shown_name`)."""

    def __iter__(self):
        kept, seen = self.field.kept, False
        for value, label in super().__iter__():
            seen = seen or (kept is not None and str(value) == str(kept))
            yield value, label
        if kept is not None and not seen:
            yield ModelChoiceIteratorValue(kept, None), OUTSIDE_AREA_LABEL


class AreaChoiceField(forms.ModelChoiceField):
    """A foreign-key choice scoped by area (`for_user`) that never names a record outside the user's area and
    keeps the form's stored value.

    Only what the user may see is offered, and a submitted value is checked against the same scoped choices,
    except the value the record already holds (`kept`): shown as "(di luar wilayah Anda)" when it lies outside,
    and accepted as it is, so that saving a row does not drop what someone with a wider area linked it to.
    """

    iterator = AreaChoiceIterator

    def __init__(self, *args, user=None, **kwargs):
        self.user, self.kept = user, None
        super().__init__(*args, **kwargs)

    def keep_stored(self, form, name: str) -> None:
        """Takes the value `form`'s saved instance holds for the field `name` as the kept one."""
        instance = getattr(form, "instance", None)
        if instance is None or instance._state.adding or name not in {f.name for f in instance._meta.fields}:
            self.kept = None
            return
        self.kept = getattr(instance, instance._meta.get_field(name).attname)

    def get_bound_field(self, form, field_name):
        self.keep_stored(form, field_name)
        return super().get_bound_field(form, field_name)

    def label_from_instance(self, obj) -> str:
        return shown_name(self.user, obj, super().label_from_instance(obj))

    def to_python(self, value):
        if self.kept is not None and value not in self.empty_values and str(value) == str(self.kept):
            key = self.to_field_name or "pk"
            # The stored value, whatever the user's area: keeping it is not choosing it.
            return self.queryset.model._default_manager.get(**{key: self.kept})
        return super().to_python(value)


class OutsideArea:
    """Stands in, on a page only, for a related record outside the user's area: named "(di luar wilayah Anda)"
    and without a key, so that Django's read-only display links nowhere."""

    pk = ""

    def __str__(self) -> str:
        return str(OUTSIDE_AREA_LABEL)


def hide_names_outside(user, instance) -> None:
    """Replaces, on `instance` as loaded for a read-only page, each related record outside `user`'s area by
    `OutsideArea` (the rule of `registry.scoping.shown_name`). Never on an instance about to be saved."""
    for field in instance._meta.fields:
        if not field.is_relation or not hasattr(field.related_model._default_manager.all(), "for_user"):
            continue
        related = getattr(instance, field.name) if getattr(instance, field.attname) is not None else None
        if related is not None and lies_outside(user, related):
            field.set_cached_value(instance, OutsideArea())


class ScopedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that shows a stored value outside the user's area as "(di luar wilayah Anda)": Django's
    widget looks the selected value up in the scoped choices, finds nothing, and would send the row back empty."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        kept = getattr(self.choices.field, "kept", None)
        options = groups[0][1]
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        shown = {str(option["value"]) for option in options}
        if kept is not None and selected == [str(kept)] and str(kept) not in shown:
            options.append(self.create_option(name, kept, OUTSIDE_AREA_LABEL, True, len(options)))
        return groups


class ScopedChoicesMixin:
    """Foreign-key choices through `for_user` (registry.scoping), for admins and inlines alike, as
    `AreaChoiceField`s: only what the user may see is offered, a record outside the area is never named, and a
    row's stored value is kept."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        manager = db_field.related_model._default_manager
        if "queryset" not in kwargs and hasattr(manager.all(), "for_user"):
            kwargs["queryset"] = manager.all().for_user(request.user)
            kwargs.setdefault("form_class", AreaChoiceField)
            kwargs["user"] = request.user
            if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = ScopedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdminMixin(PersonalDataAdminMixin, ScopedChoicesMixin):
    """An admin whose rows, foreign-key choices and history go through `for_user` (registry.scoping).

    Rows outside the user's areas are not listed and cannot be opened (Django's admin then says the object does
    not exist). Their history answers 404, also once deleted, since a deleted row's area can no longer be
    checked.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def _check_in_scope(self, request, object_id) -> None:
        if area_codes(request.user) is None:
            return
        try:
            visible = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            visible = False
        if not visible:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._check_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        # simple-history's version page of a user who may only view it is read-only too: the same labels rule.
        original = context.get("original")
        if original is not None and not self.has_change_permission(request, original):
            hide_names_outside(request.user, original)
        return super().render_history_view(request, template, context, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        """The object if the user may see it; otherwise 404, so that nothing tells whether it exists elsewhere
        (Django's admin would redirect with "does not exist")."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Read-only pages (a pimpinan's, or inline rows the user may not change) show foreign keys as text.
        if obj is not None and not self.has_change_permission(request, obj):
            hide_names_outside(request.user, obj)
        for inline in context.get("inline_admin_formsets", ()):
            if not inline.has_change_permission:
                for form in inline.formset.forms:
                    hide_names_outside(request.user, form.instance)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_deleted_objects(self, objs, request):
        """Django's list of what a deletion takes with it, each record named by `shown_name`: one outside the
        user's area (the outcome WKSBM of another kecamatan) shows as "(di luar wilayah Anda)", unlinked."""
        try:
            first = objs[0]
        except IndexError:
            return [], {}, set(), []
        collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
        collector.collect(objs)
        site, perms_needed = self.admin_site, set()

        def format_callback(obj):
            opts = obj._meta
            registered = site.is_registered(type(obj))
            if registered and not site.get_model_admin(type(obj)).has_delete_permission(request, obj):
                perms_needed.add(opts.verbose_name)
            label = shown_name(request.user, obj)
            if registered and not lies_outside(request.user, obj):
                try:
                    url = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_change", args=(quote(obj.pk),))
                except NoReverseMatch:
                    pass
                else:
                    return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, label)
            return format_html("{}: {}", capfirst(opts.verbose_name), label)

        to_delete = collector.nested(format_callback)
        protected = [format_callback(obj) for obj in collector.protected]
        model_count = {model._meta.verbose_name_plural: len(found) for model, found in collector.model_objs.items()}
        return to_delete, model_count, perms_needed, protected
