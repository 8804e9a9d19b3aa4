"""A storage for tests: Django's file storage, failing to save a thumbnail (a full disk, an S3 bucket that answers
with an error), to show that nothing is left half-stored."""

from django.core.files.storage import FileSystemStorage


class ThumbnailFailingStorage(FileSystemStorage):
    def _save(self, name, content):
        if name.startswith("lampiran/kecil/"):
            raise OSError("No space left on device")
        return super()._save(name, content)


class RacedStorage(FileSystemStorage):
    """While a photo's file is being saved, another request stores the same bytes on the same record (its row is
    written here, as that request would have committed it): the first upload must find it and keep nothing."""

    def _save(self, name, content):
        from registry.models import Attachment

        saved = super()._save(name, content)
        if name.startswith("lampiran/kecil/"):
            racing = Attachment.objects.get(title="pola")
            Attachment.objects.filter(pk=racing.pk).update(sha256=RacedStorage.sha256, title="balapan")
        return saved
