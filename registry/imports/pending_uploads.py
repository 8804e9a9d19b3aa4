"""Uploaded lists waiting for their confirm step, and their removal once no preview can confirm them.

The admin's preview stores the uploaded bytes until the operator confirms (registry.admin.lists). A preview
that is never confirmed would otherwise leave its file, full of names and phone numbers, in the temporary
folder for good. Every new upload first removes the waiting files older than a preview's lifetime, so the
folder never holds more than a day of uploads, with no scheduled job: under systemd's PrivateTmp only the
service itself can see its temporary folder anyway.
"""

import contextlib
import datetime
import os
import tempfile
import time

from import_export.tmp_storages import TempFolderStorage

# A preview may be confirmed for this long (the confirm ticket's lifetime).
PREVIEW_LIFETIME = datetime.timedelta(hours=24)
# A waiting file is removed this long after its preview expired; the margin covers the moment between storing
# the file and signing its ticket.
REMOVAL_MARGIN = datetime.timedelta(hours=1)
PREFIX = "wksbm-impor-"


class PendingUploadStorage(TempFolderStorage):
    """django-import-export's temporary folder storage, with files named `PREFIX…` (readable by their owner
    only, as `tempfile` makes them) and a stored name always read as a file name inside the folder."""

    def _open(self, mode="r"):
        if self.name:
            return super()._open(mode)
        remove_expired_uploads()
        waiting = tempfile.NamedTemporaryFile(prefix=PREFIX, delete=False)  # noqa: SIM115 (closed by the caller)
        self.name = os.path.basename(waiting.name)
        return waiting

    def get_full_path(self) -> str:
        return os.path.join(tempfile.gettempdir(), os.path.basename(self.name))

    def remove(self) -> None:
        """Removes the stored upload; one already removed (by a concurrent confirmation of it) is left gone."""
        with contextlib.suppress(FileNotFoundError):
            super().remove()


def remove_expired_uploads(now: float | None = None) -> int:
    """Removes the waiting uploads whose preview can no longer be confirmed; returns how many were removed.

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
                    os.remove(entry.path)
                    removed += 1
            except FileNotFoundError:
                continue
    return removed
