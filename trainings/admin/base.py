"""What every trainings admin shares: area scoping that fails closed, and inlines whose cost does not grow.

`ScopedAdminMixin` sends every read through `for_user(request.user)`: the change list, the change, delete and
history pages (an out-of-area object answers as missing) and the choices of every foreign key to a scoped
model (so a submitted out-of-area value is refused). `OneQueryChoicesFormSet` keeps an inline of N rows at a
constant number of queries.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404

from registry.scoping import area_codes


def scoped_choices(model, user):
    """The rows of `model` that `user` may pick, or None when `model` is not scoped (a reference list)."""
    rows = model._default_manager.all()
    return rows.for_user(user) if hasattr(rows, "for_user") else None


class ScopedAdminMixin:
    """Admin (or inline) whose rows and foreign-key choices are those `request.user` may see."""

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            scoped = scoped_choices(db_field.related_model, request.user)
            if scoped is not None:
                kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _require_in_scope(self, request, object_id) -> None:
        # simple_history's pages look the object up by itself, and fall back to the history of objects it does
        # not find: outside a user's areas that would show another area's records.
        if area_codes(request.user) is None:
            return
        try:
            visible = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            visible = False
        if not visible:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete labelling its selected option from the object already loaded with the inline row.

    Django's widget runs a query per rendered widget to label the selected value; `OneQueryChoicesFormSet` sets
    `preloaded` from the row's `select_related` object instead. Anything else (a new row, a re-posted different
    value) falls back to Django's query.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        obj = self.preloaded
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if obj is None or selected != [str(obj.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(obj)
        options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


class OneQueryChoicesFormSet(BaseInlineFormSet):
    """An inline formset whose foreign-key boxes cost one query per formset instead of one per row.

    Plain selects (unsur, hasil…) share one evaluated choice list; autocompletes are labelled from the related
    object loaded with the row (see `PreloadedAutocompleteSelect`).
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        shared = self.__dict__.setdefault("_shared_choices", {})
        for name, field in form.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, PreloadedAutocompleteSelect):
                model_field = form.instance._meta.get_field(name)
                if model_field.is_cached(form.instance):
                    widget.preloaded = getattr(form.instance, name)
            elif isinstance(widget, forms.Select):
                if name not in shared:
                    shared[name] = list(field.choices)
                field.choices = shared[name]


class ScopedInlineMixin(ScopedAdminMixin):
    """An inline scoped by area, with `OneQueryChoicesFormSet`; `related` lists the foreign keys rows display."""

    formset = OneQueryChoicesFormSet
    related: tuple[str, ...] = ()
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
