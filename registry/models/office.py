"""The office that prints the registry's documents: its kop surat (letterhead) and where its documents are signed.

One record for the whole registry (`OfficeSettings.current()`), kept by admins in the admin. Until it is filled
in, printed documents carry the heading derived from the printing user's area (`registry.documents`).
"""

from django.core.validators import validate_image_file_extension
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.validators import validate_phone

SINGLETON_PK = 1


class OfficeSettings(models.Model):
    """The kop surat (instansi, alamat, telepon, e-mail, website, logo) and the place of signing.

    There is one: `save` always writes the row `SINGLETON_PK`, and `current()` reads it (or an unsaved empty
    one). The logo is an image checked by its content (Pillow, through `ImageField`), served to logged-in users
    only (`registry.views.office.office_logo`).
    """

    government = models.CharField(
        _("pemerintah daerah"),
        max_length=200,
        blank=True,
        help_text=_("Baris di atas nama instansi, misalnya Pemerintah Daerah Daerah Istimewa Yogyakarta."),
    )
    instansi = models.CharField(_("instansi"), max_length=200, help_text=_("Misalnya Dinas Sosial."))
    address = models.CharField(_("alamat"), max_length=300)
    phone = models.CharField(_("telepon"), max_length=20, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="kop-surat/",
        blank=True,
        validators=[validate_image_file_extension],
        help_text=_("Gambar PNG atau JPEG, dicetak di kiri kop surat."),
    )
    signing_place = models.CharField(_("tempat penandatanganan"), max_length=100, help_text=_("Misalnya Yogyakarta."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan kantor")
        verbose_name_plural = _("pengaturan kantor")

    def __str__(self) -> str:
        return str(_("Kop surat dan tempat penandatanganan"))

    def save(self, *args, **kwargs):
        self.pk = SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "OfficeSettings":
        """The office's settings: the stored record, or an empty unsaved one before an admin fills it in."""
        return cls.objects.filter(pk=SINGLETON_PK).first() or cls(pk=SINGLETON_PK)

    @property
    def filled_in(self) -> bool:
        """Whether an admin has saved the settings (only then do documents print this kop surat)."""
        return bool(self.instansi)
