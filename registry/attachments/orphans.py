"""Attachments and files nothing needs any more, removed by `manage.py housekeeping` (daily):

- attachment rows whose record is gone. An attachment points at its record generically (any registered model, from
  `registry` or `trainings`), so no foreign key deletes it with its record; a deleted WKSBM, report or event leaves
  its attachments behind until the housekeeping deletes them (with history, as the system) and their files.
- files under `lampiran/` in storage that no attachment names, older than `UNNAMED_FILE_AGE`: files saved by an
  upload whose request then failed and rolled back, or whose removal failed. The age keeps the files of an upload
  being stored at this moment (saved a moment before their row is committed).

Both go through Django's storage API only (the storage may be a folder or an S3 bucket).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from registry.attachments.services import remove_attachment
from registry.attachments.stored_files import remove_files
from registry.models import Attachment

FOLDER = "lampiran"
UNNAMED_FILE_AGE = datetime.timedelta(days=1)


def attachments_orphaned() -> QuerySet:
    """The attachments whose record no longer exists (or whose record's model is gone altogether)."""
    gone = Q()
    content_types = Attachment.objects.order_by().values_list("content_type", flat=True).distinct()
    for content_type_id in content_types:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        of_type = Q(content_type_id=content_type_id)
        if model is not None:
            of_type &= ~Q(object_id__in=model._base_manager.values("pk"))
        gone |= of_type
    return Attachment.objects.filter(gone) if gone else Attachment.objects.none()


def remove_orphaned_attachments(*, dry_run: bool = False) -> int:
    """Deletes the orphaned attachments (history naming no user, reason "record deleted") and, on commit, their
    files; returns how many (with `dry_run`, only counts them)."""
    orphaned = list(attachments_orphaned())
    if not dry_run:
        for attachment in orphaned:
            remove_attachment(attachment=attachment, by=None, reason=gettext("Data yang dilampiri sudah dihapus"))
    return len(orphaned)


def attachment_files_unnamed(*, now: datetime.datetime) -> list[str]:
    """The files under `lampiran/` that no attachment names (file or thumbnail), last changed before `now` less
    `UNNAMED_FILE_AGE`."""
    named = set()
    for file_name, thumbnail_name in Attachment.objects.values_list("file", "thumbnail"):
        named.update((file_name, thumbnail_name))
    cutoff = now - UNNAMED_FILE_AGE
    return [
        name for name in _stored_names(FOLDER) if name not in named and default_storage.get_modified_time(name) < cutoff
    ]


def remove_unnamed_files(*, now: datetime.datetime, dry_run: bool = False) -> int:
    """Removes `attachment_files_unnamed(now=now)`; returns how many (with `dry_run`, only counts them)."""
    unnamed = attachment_files_unnamed(now=now)
    if not dry_run:
        remove_files(unnamed)
    return len(unnamed)


def _stored_names(folder: str):
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for name in folders:
        yield from _stored_names(f"{folder}/{name}")
