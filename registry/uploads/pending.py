"""Uploaded lists waiting for their confirm step, and their removal once no preview can confirm them.

A preview keeps the uploaded bytes until the operator confirms (`registry.uploads.flow`), together with the
[new, changed, unchanged] counts its latest preview showed: a confirmation commits only when the file still plans
so. The bytes go through Django's storage API (`default_storage`, under `FOLDER`): MEDIA_ROOT, which several
application servers share over a network filesystem, or the S3 bucket (settings `S3_BUCKET`). So the preview
may be answered by one server and the confirmation by another (tests/multiserver/); nothing waits in one
server's temporary folder or memory.

A preview that is never confirmed would otherwise leave its file, full of names and phone numbers, stored for
good. Every new upload first removes the waiting files older than a preview's lifetime, and
`manage.py housekeeping` removes them daily, so the folder never holds more than a day of uploads.
"""

import datetime
import json
import posixpath
import secrets
import time
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

# A preview may be confirmed for this long (the confirm ticket's lifetime).
PREVIEW_LIFETIME = datetime.timedelta(hours=24)
# A waiting file is removed this long after its preview expired; the margin covers the moment between storing
# the file and signing its ticket.
REMOVAL_MARGIN = datetime.timedelta(hours=1)
# Where in the storage the waiting uploads are (MEDIA_ROOT/impor-menunggu/ on a filesystem), and how their names
# begin: only a name of that form is ever read, written or removed.
FOLDER = "impor-menunggu"
PREFIX = "wksbm-impor-"


@dataclass(frozen=True)
class PendingUpload:
    """A stored upload: its bytes and the counts its latest preview showed."""

    data: bytes
    counts: list[int]


def store_upload(data: bytes, counts: list[int]) -> str:
    """Keeps `data` and its preview's `counts` until the confirm step; returns the name it is stored under
    (`PREFIX` and a random part, which the confirm ticket carries). Removes the expired uploads first.

    On a filesystem the file gets FILE_UPLOAD_PERMISSIONS (settings: 0o640, owner and the media folder's group).
    """
    remove_expired_uploads()
    stored = default_storage.save(_path(f"{PREFIX}{secrets.token_urlsafe(24)}"), ContentFile(_content(data, counts)))
    return posixpath.basename(stored)


def upload_path(name: str) -> str:
    """The storage name of the upload `name`: a stored name is always read as a file name inside `FOLDER`."""
    return _path(name)


def read_upload(name: str) -> PendingUpload | None:
    """The upload stored as `name`, or None when it is gone (confirmed, expired) or was never stored."""
    if not _is_upload_name(name):
        return None
    try:
        with default_storage.open(_path(name), "rb") as stored:
            header, data = stored.read().split(b"\n", 1)
        return PendingUpload(data=data, counts=json.loads(header))
    except (OSError, ValueError):
        return None


def renew_upload(name: str, counts: list[int]) -> None:
    """Records that the upload `name` was previewed again, showing `counts` (the same bytes, rewritten in place:
    the ticket names the file)."""
    pending = read_upload(name)
    if pending is not None:
        with default_storage.open(_path(name), "wb") as stored:
            stored.write(_content(pending.data, counts))


def remove_upload(name: str) -> None:
    """Removes the upload `name`; one already removed (by a concurrent confirmation of it) is left gone."""
    if _is_upload_name(name):
        default_storage.delete(_path(name))


def remove_expired_uploads(now: float | None = None, *, dry_run: bool = False) -> int:
    """Removes the waiting uploads whose preview can no longer be confirmed; returns how many were removed (with
    `dry_run`, how many would be, removing nothing).

    `now` is a `time.time()` value (the current time when None); a file's age is the storage's modification time.
    Files another server removes meanwhile are skipped.
    """
    cutoff = (time.time() if now is None else now) - (PREVIEW_LIFETIME + REMOVAL_MARGIN).total_seconds()
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # nothing was ever uploaded here
        return 0
    removed = 0
    for name in names:
        if not name.startswith(PREFIX):
            continue
        try:
            expired = default_storage.get_modified_time(_path(name)).timestamp() < cutoff
        except OSError:
            continue
        if expired:
            if not dry_run:
                default_storage.delete(_path(name))
            removed += 1
    return removed


def _is_upload_name(name: str) -> bool:
    return posixpath.basename(name).startswith(PREFIX)


def _path(name: str) -> str:
    return f"{FOLDER}/{posixpath.basename(name)}"


def _content(data: bytes, counts: list[int]) -> bytes:
    return json.dumps(counts).encode() + b"\n" + data
