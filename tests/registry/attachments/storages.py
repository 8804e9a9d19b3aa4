"""A storage for tests: Django's file storage, failing to save a thumbnail (a full disk, an S3 bucket that answers
with an error), to show that nothing is left half-stored."""

from django.core.files.storage import FileSystemStorage


class ThumbnailFailingStorage(FileSystemStorage):
    def _save(self, name, content):
        if name.startswith("lampiran/kecil/"):
            raise OSError("No space left on device")
        return super()._save(name, content)
