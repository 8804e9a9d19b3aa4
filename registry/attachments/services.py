"""Adding and removing attachments: the one way their rows and files are written, for the field pages, the admin
and the API alike. Keyword-only, taking `by`, the acting user (None for a system job); each leaves history.

An upload is checked and converted by `registry.attachments.processing` before anything is stored; its files are
saved through Django's storage API under the names the model makes. Nothing is half-stored: a refusal after the
files were saved removes them (`registry.attachments.stored_files`). Should the surrounding transaction roll back
after a success (a request answered with an error), its files stay unnamed and the housekeeping removes them after
a day (`registry.attachments.orphans`).

Who may add or remove is the caller's check (`registry.attachments.targets.may_attach`); these functions take the
record as given.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from registry.attachments.processing import process_received, receive, refuse
from registry.attachments.stored_files import remove_files, remove_files_on_commit
from registry.attachments.targets import is_attachable
from registry.models import Attachment, AttachmentKind
from registry.services.base import delete_recorded, save_validated

TOO_MANY = _("Data ini sudah memiliki %(limit)s lampiran, batas terbanyak. Hapus lampiran yang tidak diperlukan dulu.")
RECORD_GONE = _("Data ini sudah dihapus; lampiran tidak disimpan.")
# Fields made from the file itself, checked by `registry.attachments.processing` rather than by the form.
FILE_FIELDS = ["file", "thumbnail", "media_type", "size", "sha256", "original_name"]


def add_attachment(*, record, kind: AttachmentKind, title: str, upload, by, date=None) -> Attachment:
    """Stores `upload` (a Django File/UploadedFile) on `record` (a saved record of a model registered in
    `registry.attachments.targets`) as an attachment of `kind`, titled `title`, dated `date`, uploaded by `by`.

    Returns the attachment already on the record when the same bytes were sent before (the SHA-256 of the bytes
    *sent*, so a resent photo is found although the stored one is re-encoded), storing nothing more. Raises
    django.core.exceptions.ValidationError({"file": [Indonesian message]}) (or {"title": …}, {"kind": …}) on any
    refusal: a file not accepted (see `registry.attachments.processing`), over `ATTACHMENT_MAX_BYTES`, a record with
    `ATTACHMENT_MAX_PER_RECORD` attachments already, or a record deleted meanwhile. After a refusal nothing is stored
    (no row, no file).
    """
    if record.pk is None or not is_attachable(record):
        raise TypeError(f"{record!r} cannot carry attachments (unsaved, or its model is not registered)")
    content_type = ContentType.objects.get_for_model(record)
    attachment = Attachment(
        content_type=content_type,
        object_id=record.pk,
        kind=kind,
        title=(title or "").strip(),
        date=date,
        uploaded_by=by,
    )
    # The form's own fields first: a missing title is said before the file is read.
    attachment.full_clean(exclude=FILE_FIELDS, validate_unique=False, validate_constraints=False)
    received = receive(upload)
    existing = _stored_once(attachment, received.sha256)
    if existing is not None:
        return existing
    _refuse_if_full(attachment)
    processed = process_received(received)
    attachment.media_type = processed.media_type
    attachment.size = len(processed.content)
    attachment.sha256 = processed.sha256
    attachment.original_name = processed.original_name
    saved = []
    try:
        attachment.file.save("lampiran", ContentFile(processed.content), save=False)
        saved.append(attachment.file.name)
        if processed.thumbnail is not None:
            attachment.thumbnail.save("kecil", ContentFile(processed.thumbnail), save=False)
            saved.append(attachment.thumbnail.name)
        with transaction.atomic():
            _lock_record(record)
            existing = _stored_once(attachment, processed.sha256)
            if existing is not None:
                remove_files(saved)
                return existing
            _refuse_if_full(attachment)
            return save_validated(attachment, by=by)
    except IntegrityError:
        # The same bytes stored on the record by a request racing this one (attachment_once_per_record).
        remove_files(saved)
        existing = _stored_once(attachment, processed.sha256)
        if existing is None:
            raise
        return existing
    except BaseException:
        remove_files(saved)
        raise


def remove_attachment(*, attachment: Attachment, by, reason: str | None = None) -> None:
    """Deletes `attachment` (its history records `by`, and `reason` when given), and its file and thumbnail once
    the transaction commits."""
    names = [attachment.file.name, attachment.thumbnail.name]
    delete_recorded(attachment, by=by, reason=reason)
    remove_files_on_commit(names)


def _stored_once(attachment: Attachment, sha256: str) -> Attachment | None:
    return Attachment.objects.filter(
        content_type=attachment.content_type, object_id=attachment.object_id, sha256=sha256
    ).first()


def _refuse_if_full(attachment: Attachment) -> None:
    limit = settings.ATTACHMENT_MAX_PER_RECORD
    count = Attachment.objects.filter(content_type=attachment.content_type, object_id=attachment.object_id).count()
    if count >= limit:
        raise refuse(TOO_MANY, limit=limit)


def _lock_record(record) -> None:
    """Locks the record's row until the transaction ends, so two uploads at once cannot both pass the per-record
    limit; refuses when the record is gone."""
    if not type(record)._base_manager.select_for_update().filter(pk=record.pk).values_list("pk", flat=True):
        raise ValidationError({"file": [RECORD_GONE]})
