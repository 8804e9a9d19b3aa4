"""Documents and photos attached to a record: the SK, the berita acara, a signed daftar hadir, photos of an activity
or a visit, the MoU behind a tie, the LPJ of a fund.

An attachment points at its record generically (`content_type`, `object_id`), as NetBox's image attachments do:
any model registered in `registry.attachments.targets` can carry attachments (WKSBM, activity reports, mitra,
ties and forums here; penyuluhan events, visits and evaluations from `trainings`). Who may see an attachment is
who may see its record: the record's own `for_user` decides (`registry.attachments.targets.scoped_record`).

Files are stored through Django's storage API under names the registry makes (`attachment_file_name`), never
under the name a user sent: a name sent is only kept as `original_name` for people to read.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models.reference import ReferenceItem


class AttachmentKind(ReferenceItem):
    """A kind of attachment: SK, berita acara, daftar hadir bertanda tangan, foto kegiatan, MoU/PKS, LPJ, lainnya.
    A migration seeds these; the Admin provinsi adds more in the admin."""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jenis lampiran")
        verbose_name_plural = _("jenis lampiran")


class MediaType(models.TextChoices):
    """What an attachment's stored bytes are, decided from their content (never from a name or a declared type).
    Photos are stored re-encoded as JPEG (or PNG when sent as PNG); a PDF is stored as sent."""

    JPEG = "image/jpeg", _("foto (JPEG)")
    PNG = "image/png", _("gambar (PNG)")
    PDF = "application/pdf", _("dokumen PDF")


def attachment_file_name(instance, filename: str) -> str:
    """`lampiran/<year>/<month>/<random>.<extension of the stored media type>`: the name sent plays no part."""
    extension = {MediaType.JPEG: "jpg", MediaType.PNG: "png", MediaType.PDF: "pdf"}.get(instance.media_type, "bin")
    today = timezone.localdate()
    return f"lampiran/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def thumbnail_file_name(instance, filename: str) -> str:
    """`lampiran/kecil/<year>/<month>/<random>.jpg`: a photo's thumbnail, always a JPEG."""
    today = timezone.localdate()
    return f"lampiran/kecil/{today:%Y/%m}/{uuid.uuid4().hex}.jpg"


class Attachment(models.Model):
    """A file attached to a record, with its kind, title, date and who uploaded it.

    The same bytes are stored once per record (`sha256`): an upload sent again on a weak signal finds the one
    already stored. A photo has a `thumbnail`; a PDF has none.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("jenis data"))
    object_id = models.PositiveBigIntegerField(_("nomor data"))
    record = GenericForeignKey("content_type", "object_id")
    kind = models.ForeignKey(AttachmentKind, on_delete=models.PROTECT, verbose_name=_("jenis lampiran"))
    title = models.CharField(_("judul"), max_length=200)
    date = models.DateField(_("tanggal"), null=True, blank=True)
    file = models.FileField(_("berkas"), upload_to=attachment_file_name, max_length=255)
    thumbnail = models.FileField(_("gambar kecil"), upload_to=thumbnail_file_name, max_length=255, blank=True)
    media_type = models.CharField(_("jenis berkas"), max_length=30, choices=MediaType.choices)
    size = models.PositiveIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(_("sidik berkas (SHA-256)"), max_length=64)
    original_name = models.CharField(_("nama berkas asal"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-uploaded_at"], name="attachment_of_record")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "sha256"],
                name="attachment_once_per_record",
                violation_error_code="attachment_once_per_record",
                violation_error_message=_("Berkas yang sama sudah dilampirkan pada data ini."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_photo(self) -> bool:
        return self.media_type in (MediaType.JPEG, MediaType.PNG)
