"""Where an upload's bytes go while the request is read: never more than the larger upload limit of them.

Every upload of the registry is a list to import (the admin's WKSBM and KPS lists, a penyuluhan's attendance),
refused above `IMPORT_MAX_BYTES` (settings), or an attachment, refused above `ATTACHMENT_MAX_BYTES`. Django keeps
a request's small uploads in memory (`FILE_UPLOAD_MAX_MEMORY_SIZE`, 2.5 MB) and writes larger ones to a temporary
file, whole; nginx bounds the body (12 MB, deploy/nginx-wksbm.conf), but gunicorn reached directly would write any
size to disk. `LimitedTemporaryFileUploadHandler` writes the first `upload_limit() + 1` bytes and counts the rest:
the upload's `size` is its real size, by which the views refuse it before reading it (`refuse_if_too_large`), and
its content is over the limit, which the readers refuse too, should anything read it.
"""

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


def upload_limit() -> int:
    """The most bytes any upload may have: the larger of the import and the attachment limits."""
    return max(settings.IMPORT_MAX_BYTES, settings.ATTACHMENT_MAX_BYTES)


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, keeping at most `upload_limit() + 1` bytes of each file (see above)."""

    def receive_data_chunk(self, raw_data, start):
        """Writes what fits under the limit of `raw_data` (the file's bytes from `start`); Django's `file_complete`
        then gives the file its real size, which the request's parser counted."""
        room = upload_limit() + 1 - start
        if room > 0:
            self.file.write(raw_data[:room])
