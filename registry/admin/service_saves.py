"""Admin saves that go through the service functions: the admin calls the service, as the field pages and the
imports do, so that every rule, transaction and history row is the same whichever page wrote the record.

A ModelAdmin names its record's services (`save_record`, `delete_record`) and, for each inline model, the row's
(`row_services`); Django's admin builds and validates the forms, the services write.
"""

from collections.abc import Callable

from django.db import models


def adopt(obj: models.Model, saved: models.Model) -> None:
    """Gives the admin's `obj` the stored state of `saved` (the same record as a service created it): its key and
    every field the save filled (derived fields, timestamps), so the inline rows sent with it attach to it."""
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


def editable_values(obj: models.Model) -> dict:
    """The values of `obj`'s editable fields (what a form sets), by field name: the arguments of a `*_create`
    service."""
    return {
        field.name: getattr(obj, field.name)
        for field in obj._meta.concrete_fields
        if field.editable and not field.primary_key
    }


class ServiceSavesMixin:
    """For a ModelAdmin: saves and deletes of the record and of its inline rows through service functions.

    - `save_record(request, obj, form, change)` stores `obj` as the form left it (a service call);
    - `delete_record(request, obj)` deletes it (a service call), for the delete page and the bulk action alike;
    - `row_services`: inline model → (save(by, row), delete(by, row)), each a service call.
    """

    row_services: dict[type[models.Model], tuple[Callable, Callable]] = {}

    def save_record(self, request, obj, form, change) -> None:
        raise NotImplementedError

    def delete_record(self, request, obj) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        self.save_record(request, obj, form, change)

    def delete_model(self, request, obj):
        self.delete_record(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_record(request, obj)

    def save_formset(self, request, form, formset, change):
        if getattr(formset, "shown_only", False):
            return  # a read-only inline (the record's attachments): nothing of it is saved
        save, delete = self.row_services[formset.model]
        rows = formset.save(commit=False)
        for row in formset.deleted_objects:
            delete(request.user, row)
        for row in rows:
            save(request.user, row)
        formset.save_m2m()
