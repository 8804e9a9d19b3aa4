"""Admin machinery shared by the registry and trainings admins: area scoping that fails closed, inlines whose
cost does not grow with their rows, and personal data masked on read-only pages (registry.admin.personal)."""

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404

from registry.admin.personal import PersonalDataAdminMixin, PersonalDataInlineMixin
from registry.scoping import area_codes


class ScopedChoicesMixin:
    """Foreign-key choices through `for_user` (registry.scoping), for admins and inlines alike.

    Only what the user may see is offered, and a submitted value is checked against the same scoped choices.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        manager = db_field.related_model._default_manager
        if "queryset" not in kwargs and hasattr(manager.all(), "for_user"):
            kwargs["queryset"] = manager.all().for_user(request.user)
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
        # simple-history saves a posted version (a revert) for anyone who may view it; it only hides the button.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        """The object if the user may see it; otherwise 404, so that nothing tells whether it exists elsewhere
        (Django's admin would redirect with "does not exist")."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels its selected option from the object loaded with the row.

    Django's widget queries once per rendered widget to label the selected value, so an inline of N rows would
    cost N queries. `OneQueryChoicesFormSet` sets `preloaded` from the row's `select_related` object; anything
    else (a new row, a re-posted different value) falls back to Django's query.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        obj = self.preloaded
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if obj is None or selected != [str(obj.pk)]:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance(obj)
        options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


class OneQueryChoicesFormSet(BaseInlineFormSet):
    """An inline formset whose foreign-key select boxes cost one query per formset instead of one per row.

    Plain selects (jabatan, jenis kegiatan…) share one evaluated choice list; autocompletes are labelled from the
    related object already loaded with the row (see `PreloadedAutocompleteSelect`).
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Django sets only the parent's id on each row; rows whose str() names the parent would fetch it again.
        setattr(form.instance, self.fk.name, self.instance)
        return form

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
                    # iter() first: list() would ask the iterator's len(), a COUNT query of its own.
                    shared[name] = list(iter(field.choices))
                field.choices = shared[name]


class OneQueryInlineMixin(PersonalDataInlineMixin, ScopedChoicesMixin):
    """Inline options for `OneQueryChoicesFormSet`: its formset, preloaded autocompletes, and scoped choices.

    `related` lists the foreign keys the rows display, loaded with the rows.
    """

    formset = OneQueryChoicesFormSet
    related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
