"""The admin page of a list upload: the upload form, the preview (counts, refusals, rows with their changes) and
the confirm button, in one template (`admin/list_upload.html`) for every list.

A list's admin builds an `UploadPage` per request, stating what is its own: the importer (with its context, such
as the event), the key naming the list in tickets, the upload form, the texts and the URLs; `upload()` answers
the upload form (GET or POST) and `confirm(value)` the confirm button.
"""

from dataclasses import dataclass, field
from html import escape

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.imports.errors import AlreadyImported, ImportRefused
from registry.imports.plan import Action, ImportPlan, ListImport
from registry.uploads.flow import Confirmed, PreviewGone, confirm_upload, preview_upload
from registry.uploads.tickets import ConfirmUploadForm

ACTION_LABELS = {
    Action.NEW: (gettext_lazy("Baru"), "new"),
    Action.CHANGED: (gettext_lazy("Berubah"), "update"),
    Action.UNCHANGED: (gettext_lazy("Tetap"), "skip"),
    Action.REFUSED: (gettext_lazy("Ditolak"), "delete"),
}


class UploadForm(forms.Form):
    """The upload form of a list: one file field, named by `file_field`. A list's form may rename the field or
    word it otherwise. Empty files pass: the pipeline refuses them in its own words, as the commands do."""

    file_field = "import_file"
    import_file = forms.FileField(
        label=gettext_lazy("Berkas"),
        help_text=gettext_lazy("Berkas .xlsx atau .csv dengan baris judul kolom seperti pada templat."),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def upload(self):
        return self.cleaned_data[self.file_field]

    def refusal(self) -> list[str]:
        """Why the file was not taken: its field's errors."""
        return list(self.errors.get(self.file_field, []))


def preview_rows(plan: ImportPlan) -> list[dict]:
    """The rows of `plan` as the preview lists them: number, action label and CSS class, values in the plan's
    value columns, changes {column: (old, new)}."""
    columns = preview_columns(plan)
    return [
        {
            "number": row.number,
            "label": ACTION_LABELS[row.action][0],
            "css": ACTION_LABELS[row.action][1],
            "values": [row.values.get(column, "") for column in columns],
            "changes": row.changes,
        }
        for row in plan.rows
    ]


def preview_columns(plan: ImportPlan) -> list[str]:
    """The value columns the rows of `plan` carry, in their order."""
    return list(dict.fromkeys(column for row in plan.rows for column in row.values))


def preview_body(rows: list[dict]) -> str:
    """The preview table's body (one row per data row: number, action, values, changes old → new) as HTML.

    Built here rather than with template loops: a 5,000-row file took seconds to render through {% for %},
    a tenth of that this way. Every value is escaped (the standard library's `html.escape`, as Django's own).
    """
    lines = []
    for row in rows:
        label, css = escape(row["label"]), row["css"]
        cells = "".join(f"<td>{escape(value)}</td>" for value in row["values"])
        changes = "<br>".join(
            f"{escape(column)}: " + (f"<del>{escape(old)}</del> → " if old else "") + f"<ins>{escape(new)}</ins>"
            for column, (old, new) in row["changes"].items()
        )
        lines.append(f'<tr class="{css}"><td>{row["number"]}</td><td>{label}</td>{cells}<td>{changes}</td></tr>')
    return mark_safe("\n".join(lines))


@dataclass
class UploadPage:
    """The upload → preview → confirm page of one list, for one request.

    `key` names the list, and its context when it has one ("trainings.peserta:12" for event 12), in tickets: a
    preview of one list cannot be confirmed as another. `success_message` is formatted with batch, file, new,
    changed and unchanged; `changed_message` warns that the registry changed since the preview. A committed (or
    already committed) import returns to `done_url`; an expired or foreign confirmation to `upload_url`.
    `context` is added to the template's (the admin's `opts`, an event as `original`…).
    """

    request: object
    admin_site: object
    importer: ListImport
    key: str
    title: str
    breadcrumb: str
    intro_template: str
    upload_url: str
    confirm_url: str
    done_url: str
    success_message: str
    changed_message: str
    confirm_label: str
    upload_form: type[UploadForm] = UploadForm
    confirm_field: str = "ticket"
    context: dict = field(default_factory=dict)

    def upload(self):
        """GET: the upload form. POST: the preview of the uploaded file, with its confirm button when it can be
        committed; a file that cannot be read at all is refused on the form."""
        request = self.request
        form = self.upload_form(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return self.page(form=form)
        try:
            preview = preview_upload(self.importer, form.upload(), key=self.key)
        except ImportRefused as refused:
            for message in refused.messages:
                form.add_error(form.file_field, message)
            return self.page(form=form)
        confirm_form = self.confirm_form(ticket=preview.ticket) if preview.ticket else None
        return self.page(plan=preview.plan, confirm_form=confirm_form)

    def confirm(self, value: str):
        """Commits the upload the ticket `value` names and returns to `done_url`, or shows why not."""
        request = self.request
        confirm_form = ConfirmUploadForm({self.confirm_field: value}, **self.ticket_form_kwargs())
        if not confirm_form.is_valid():
            messages.error(request, _("Pratinjau sudah kedaluwarsa atau tidak sah; unggah berkasnya lagi."))
            return HttpResponseRedirect(self.upload_url)
        ticket = confirm_form.cleaned_data["ticket"]
        try:
            outcome = confirm_upload(self.importer, ticket)
        except AlreadyImported as done:
            messages.warning(request, done.messages[0])
            return HttpResponseRedirect(self.done_url)
        except PreviewGone as gone:
            messages.error(request, gone.messages[0])
            return HttpResponseRedirect(self.upload_url)
        except ImportRefused as refused:
            return self.page(refusal=refused.messages)
        if outcome.renewed:
            messages.warning(request, self.changed_message)
            return self.page(plan=outcome.plan, confirm_form=self.confirm_form(ticket=ticket))
        if outcome.batch is None:
            return self.page(plan=outcome.plan)
        messages.success(request, self.success_message % self.counts_of(outcome))
        return HttpResponseRedirect(self.done_url)

    def ticket_form_kwargs(self) -> dict:
        return {"user": self.request.user, "key": self.key, "field": self.confirm_field}

    def confirm_form(self, *, ticket) -> ConfirmUploadForm:
        return ConfirmUploadForm(ticket=ticket, **self.ticket_form_kwargs())

    @staticmethod
    def counts_of(outcome: Confirmed) -> dict:
        batch = outcome.batch
        return {
            "batch": batch.pk,
            "file": outcome.plan.filename,
            "new": batch.created,
            "changed": batch.updated,
            "unchanged": batch.unchanged,
        }

    def page(self, *, form=None, plan: ImportPlan | None = None, confirm_form=None, refusal: list[str] | None = None):
        """The page: the upload form, and the preview of `plan` or the `refusal` of a file."""
        form = form if form is not None else self.upload_form()
        refusal = refusal if refusal is not None else form.refusal() if form.is_bound else []
        context = {
            **self.admin_site.each_context(self.request),
            **self.context,
            "title": self.title,
            "breadcrumb": self.breadcrumb,
            "intro_template": self.intro_template,
            "form": form,
            "media": form.media,
            "upload_url": self.upload_url,
            "confirm_url": self.confirm_url,
            "confirm_label": self.confirm_label,
            "confirm_form": confirm_form,
            "refusal": refusal,
            "plan": plan,
        }
        if confirm_form is not None:
            context[self.confirm_field] = confirm_form.initial[self.confirm_field]
        if plan is not None:
            rows = preview_rows(plan)
            context |= {
                "counts": {action.value: plan.count(action) for action in Action},
                "errors": plan.errors,
                "rows": rows,
                "preview_columns": preview_columns(plan),
                "preview_body": preview_body(rows),
            }
        self.request.current_app = self.admin_site.name
        return TemplateResponse(self.request, "admin/list_upload.html", context)
