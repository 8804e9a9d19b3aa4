"""Correcting what is recorded, from the field: one protocol for every page that edits a stored row.

A page edits `edited()` (the WKSBM itself, or a row of it: a pengurus, a member KPS, a membership, a report) with
an `EditForm` that carries the row's version stamp. On POST the row is locked and read again; when someone else
saved it since the page was opened, nothing is written and the page answers 409 with the fields in question and
the form offered again at the new version (`FieldFormView`). A save leaves history naming the user and the page
(`registry.history_sources`), and leads back to the WKSBM's page at the item saved, with the message beside it.
"""

import copy

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from registry.views.base import WksbmPageMixin, detail_url
from registry.views.field_form import FieldFormView


class VersionedEditMixin:
    """A `FieldFormView` whose form (`form_class`, an `EditForm`) edits the stored row `edited()`, saved only over
    the version the form was opened at."""

    template_name = "registry/row_form.html"
    lock_on_post = True

    def edited(self):
        """The stored row the form edits (loaded, and locked on POST, by `prepare`)."""
        raise NotImplementedError

    def get_form_kwargs(self) -> dict:
        # A copy: validating the form sets its values on the instance, and the conflict check needs the stored ones.
        row = self.edited()
        return {"instance": copy.copy(row), "initial": self.form_class.initial_for(row)}

    def find_conflict(self, form):
        return form.edit_conflict(self.edited())

    def form_after_conflict(self, conflict):
        row = self.edited()
        initial = {**conflict.merged, "version": self.form_class.version_of(row)}
        return self.form_class(instance=copy.copy(row), initial=initial)

    def refused(self) -> None:
        self.edited().refresh_from_db()

    def success_message(self, parts) -> str:
        return _("Perubahan tersimpan.")

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "conflict": self.conflict}


class WksbmRowMixin(WksbmPageMixin):
    """A page of one row (`model`, its pk in the URL as `<context_name>_pk`) of a WKSBM of the user's area; 404 for
    a row of another WKSBM or outside the area. The row is `self.row`, shown as `context_name`; on POST it is
    locked until the request's transaction ends when the page `lock_on_post`."""

    model: type
    related: tuple[str, ...] = ()
    context_name: str

    def load(self) -> None:
        rows = self.model.objects.for_user(self.request.user).filter(wksbm=self.wksbm).select_related(*self.related)
        if self.lock_on_post and self.request.method == "POST":
            rows = rows.select_for_update(of=("self",))
        self.row = get_object_or_404(rows, pk=self.kwargs[f"{self.context_name}_pk"])

    def item_anchor(self) -> str:
        """The id of the row's item on the WKSBM's page, where the page leads after saving."""
        return f"{self.context_name}-{self.row.pk}"

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), self.context_name: self.row}


class RowEditView(VersionedEditMixin, WksbmRowMixin, FieldFormView):
    """Corrects a row of a WKSBM of the user's area through `update_service` (keyword arguments `by`, the edited
    row as `service_arg` and the form's `changes()`); `title` names the page."""

    title: str
    update_service: staticmethod
    service_arg = "row"

    def edited(self):
        return self.row

    def save(self, parts) -> str:
        self.update_service(
            by=self.request.user,
            **{self.service_arg: self.edited()},
            **parts["form"].changes(),
        )
        return detail_url(self.wksbm, self.item_anchor())

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "title": self.title}
