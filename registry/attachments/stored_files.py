"""Removing attachments' stored files, through Django's storage API (`default_storage`), never through paths on
disk: the storage may be a folder or an S3 bucket.

A file goes once nothing names it any more: `remove_files_on_commit` when a row naming it is deleted (if the
transaction rolls back, the row and its files stay), `remove_files` at once for files saved by a write that was
then refused (nothing names them yet). A file already gone is not an error: removing twice removes nothing more.
"""

import logging
from collections.abc import Iterable

from django.core.files.storage import default_storage
from django.db import transaction

logger = logging.getLogger(__name__)


def remove_files(names: Iterable[str]) -> int:
    """Removes the stored files `names` (empty names skipped) now; returns how many existed. A file that cannot be
    removed is logged and left for the housekeeping (`attachment_files_unnamed`), never raised."""
    removed = 0
    for name in names:
        if not name:
            continue
        try:
            if default_storage.exists(name):
                default_storage.delete(name)
                removed += 1
        except OSError:
            logger.exception("Berkas lampiran %s tidak dapat dihapus", name)
    return removed


def remove_files_on_commit(names: Iterable[str]) -> None:
    """Removes the stored files `names` once the current transaction commits (at once outside one)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: remove_files(names))
