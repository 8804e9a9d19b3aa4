"""Admin inlines whose cost does not grow with their rows: one query per formset for the foreign-key choices,
autocompletes labelled from the related object loaded with the row, rows and choices scoped to the user's area
(`registry.admin.scoping`)."""

from django import forms
from django.forms.models import BaseInlineFormSet, ModelChoiceIteratorValue

from registry.admin.personal import PersonalDataInlineMixin
from registry.admin.scoping import AreaChoiceField, ScopedAdminMixin, ScopedAutocompleteSelect, ScopedChoicesMixin
from registry.scoping import OUTSIDE_AREA_LABEL


class PreloadedAutocompleteSelect(ScopedAutocompleteSelect):
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
        # A scoped field's label names a record outside the user's area as "(di luar wilayah Anda)".
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
            if isinstance(field, AreaChoiceField):
                field.keep_stored(form, name)
            if isinstance(widget, PreloadedAutocompleteSelect):
                model_field = form.instance._meta.get_field(name)
                if model_field.is_cached(form.instance):
                    widget.preloaded = getattr(form.instance, name)
            elif isinstance(widget, forms.Select):
                kept = getattr(field, "kept", None)
                if name not in shared:
                    # iter() first: list() would ask the iterator's len(), a COUNT query of its own. Without the
                    # row's kept value: each row adds its own below.
                    field.kept = None
                    shared[name] = list(iter(field.choices))
                    field.kept = kept
                choices = shared[name]
                if kept is not None and str(kept) not in {str(value) for value, _label in choices}:
                    choices = [*choices, (ModelChoiceIteratorValue(kept, None), OUTSIDE_AREA_LABEL)]
                field.choices = choices


class OneQueryInlineMixin(PersonalDataInlineMixin, ScopedChoicesMixin):
    """Inline options for `OneQueryChoicesFormSet`: its formset, preloaded autocompletes, scoped rows and choices.

    `related` lists the foreign keys the rows display, loaded with the rows.
    """

    formset = OneQueryChoicesFormSet
    related: tuple[str, ...] = ()

    def get_queryset(self, request):
        rows = super().get_queryset(request).select_related(*self.related)
        if isinstance(self, ScopedAdminMixin) or not hasattr(rows, "for_user"):
            return rows
        # Inline rows are a list: those outside the user's area are left out (registry.scoping.shown_name), as
        # a desa KPS's membership of a kecamatan-level WKSBM on a desa penyuluh's page.
        return rows.for_user(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
