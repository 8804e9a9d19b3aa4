"""Uploaded lists waiting for their confirm step, and their removal once no preview can confirm them.

A preview keeps the uploaded bytes until the operator confirms (`registry.uploads.flow`), together with the
[new, changed, unchanged] counts its latest preview showed: a confirmation commits only when the file still plans
so. A preview that is never confirmed would otherwise leave its file, full of names and phone numbers, in the
temporary folder for good. Every new upload first removes the waiting files older than a preview's lifetime, and
`manage.py housekeeping` removes them daily (its unit joins the service's private temporary folder), so the
folder never holds more than a day of uploads.
"""

import contextlib
import datetime
import json
import os
import tempfile
import time
from dataclasses import dataclass

# A preview may be confirmed for this long (the confirm ticket's lifetime).
PREVIEW_LIFETIME = datetime.timedelta(hours=24)
# A waiting file is removed this long after its preview expired; the margin covers the moment between storing
# the file and signing its ticket.
REMOVAL_MARGIN = datetime.timedelta(hours=1)
PREFIX = "wksbm-impor-"


@dataclass(frozen=True)
class PendingUpload:
    """A stored upload: its bytes and the counts its latest preview showed."""

    data: bytes
    counts: list[int]


def store_upload(data: bytes, counts: list[int]) -> str:
    """Keeps `data` and its preview's `counts` until the confirm step; returns the name it is stored under
    (`PREFIX…`, in the temporary folder, readable by its owner only, as `tempfile` makes it). Removes the
    expired uploads first."""
    remove_expired_uploads()
    with tempfile.NamedTemporaryFile(prefix=PREFIX, delete=False) as waiting:
        _write(waiting, data, counts)
    return os.path.basename(waiting.name)


def upload_path(name: str) -> str:
    """Where the upload `name` is stored: a stored name is always read as a file name inside the folder."""
    return os.path.join(tempfile.gettempdir(), os.path.basename(name))


def read_upload(name: str) -> PendingUpload | None:
    """The upload stored as `name`, or None when it is gone (confirmed, expired) or was never stored."""
    if not os.path.basename(name).startswith(PREFIX):
        return None
    try:
        with open(upload_path(name), "rb") as stored:
            header, data = stored.read().split(b"\n", 1)
        return PendingUpload(data=data, counts=json.loads(header))
    except (OSError, ValueError):
        return None


def renew_upload(name: str, counts: list[int]) -> None:
    """Records that the upload `name` was previewed again, showing `counts`."""
    pending = read_upload(name)
    if pending is not None:
        with open(upload_path(name), "wb") as stored:
            _write(stored, pending.data, counts)


def remove_upload(name: str) -> None:
    """Removes the upload `name`; one already removed (by a concurrent confirmation of it) is left gone."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(upload_path(name))


def remove_expired_uploads(now: float | None = None, *, dry_run: bool = False) -> int:
    """Removes the waiting uploads whose preview can no longer be confirmed; returns how many were removed (with
    `dry_run`, how many would be, removing nothing).

    `now` is a `time.time()` value (the current time when None). Files another process removes meanwhile are
    skipped.
    """
    cutoff = (time.time() if now is None else now) - (PREVIEW_LIFETIME + REMOVAL_MARGIN).total_seconds()
    removed = 0
    with os.scandir(tempfile.gettempdir()) as entries:
        for entry in entries:
            if not entry.name.startswith(PREFIX):
                continue
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    if not dry_run:
                        os.remove(entry.path)
                    removed += 1
            except FileNotFoundError:
                continue
    return removed


def _write(file, data: bytes, counts: list[int]) -> None:
    file.write(json.dumps(counts).encode() + b"\n")
    file.write(data)
