"""Adding a document or a photo to a record from the field, and removing one added by mistake.

`attachment_add` (`lampiran/tambah/<target>/<pk>/`, `target` the record's kind as `registry.attachments.pages`
names it, `registry.wksbm`) is a creating page like the others (`CreateOnceView`): sending it twice, or sending
the same photo again on a weak signal, stores it once (the form's one-time token, and the service finding the
same bytes already attached). `?jenis=foto` makes it the phone's "Tambah foto": the kind "Foto kegiatan" chosen
and the file chooser opening the camera, without any JavaScript. A file the service refuses is named in Indonesian
beside the file; the kind, title and date stay as typed.

Both pages answer 404 for a record outside the user's area (or of a kind that carries no attachments), and 403 to
a user who may see the record but not attach to it (`registry.attachments.targets.may_attach`). Each leads back to
the record's page at its attachments section, with the message beside it.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from registry.attachments.pages import record_page, target_of
from registry.attachments.services import add_attachment, remove_attachment
from registry.attachments.targets import attachable_models, may_attach, scoped_record
from registry.forms.attachments import AttachmentForm
from registry.models import Attachment
from registry.views.field_form import CreateOnceView, FieldFormView
from registry.views.reports import RemoveForm

PHOTO = "foto"


def attachable_record(user, target: str, pk: int):
    """The record `pk` of the kind `target` (`registry.wksbm`) within `user`'s area; 404 for a kind that carries no
    attachments or a record outside the area."""
    model = next((model for model in attachable_models() if model._meta.label_lower == target), None)
    if model is None:
        raise Http404
    return get_object_or_404(model._default_manager.for_user(user), pk=pk)


def require_attach(user, record) -> None:
    """Refuses (403) a user who sees `record` but may not attach to it."""
    if not may_attach(user, record):
        raise PermissionDenied


class AttachmentAddView(CreateOnceView):
    """Attaches a document or a photo to a record of the user's area (see the module's docstring)."""

    template_name = "registry/attachments/add.html"
    form_class = AttachmentForm

    def prepare(self) -> None:
        self.record = attachable_record(self.request.user, self.kwargs["target"], self.kwargs["pk"])
        require_attach(self.request.user, self.record)
        self.photo = self.request.GET.get("jenis") == PHOTO

    def get_parts(self, data=None) -> dict:
        files = self.request.FILES if data is not None and self.request.method == "POST" else None
        return {"form": AttachmentForm(data, files, photo=self.photo)}

    def save(self, parts) -> str:
        cleaned = parts["form"].cleaned_data
        add_attachment(
            record=self.record,
            kind=cleaned["kind"],
            title=cleaned["title"],
            upload=cleaned["file"],
            by=self.request.user,
            date=cleaned["date"],
        )
        return record_page(self.record)

    def success_message(self, parts) -> str:
        return _("Lampiran “%(title)s” tersimpan.") % {"title": parts["form"].cleaned_data["title"]}

    def get_context_data(self, **parts) -> dict:
        return {
            **super().get_context_data(**parts),
            "record": self.record,
            "record_kind": self.record._meta.verbose_name,
            "back": record_page(self.record),
            "photo": self.photo,
        }


class AttachmentRemoveView(FieldFormView):
    """Removes an attachment of a record of the user's area, after a confirmation page; the history keeps what was
    removed and by whom."""

    template_name = "registry/attachments/remove.html"
    form_class = RemoveForm

    def prepare(self) -> None:
        self.attachment = get_object_or_404(
            Attachment.objects.select_related("kind", "content_type"), pk=self.kwargs["pk"]
        )
        user = self.request.user
        self.record = scoped_record(user, self.attachment.content_type, self.attachment.object_id)
        if self.record is None:
            raise Http404
        require_attach(user, self.record)

    def save(self, parts) -> str:
        remove_attachment(attachment=self.attachment, by=self.request.user)
        return record_page(self.record)

    def success_message(self, parts) -> str:
        return _("Lampiran “%(title)s” dihapus.") % {"title": self.attachment.title}

    def get_context_data(self, **parts) -> dict:
        return {
            **super().get_context_data(**parts),
            "attachment": self.attachment,
            "record": self.record,
            "record_kind": self.record._meta.verbose_name,
            "back": record_page(self.record),
            "target": target_of(self.record),
        }


attachment_add = login_required(AttachmentAddView.as_view())
attachment_remove = login_required(AttachmentRemoveView.as_view())
