"""Open data (issue 22): what each province publishes without a login, and the stored releases served from.

`OpenDataSetting` is the Admin provinsi's choice for their province: the lowest level whose rows are published and
whether the public directory of active WKSBM is switched on. `OpenDataRelease` is what `publish_open_data` rendered
for one province (or, with an empty code, for every published province together): the CSV, JSON and metadata
files as served, byte for byte, and `OpenDataPage` the drill-down page's rows under each published wilayah. The
public pages read these rows only (a query or two), never the registry's records.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import WilayahLevel
from registry.scoping import ScopedQuerySetMixin

# Without a setting a province publishes its own totals only: nothing below provinsi until an admin chooses.
DEFAULT_LOWEST_LEVEL = WilayahLevel.PROVINSI
# The key of the release of every published province together (the national files).
NATIONAL = ""


class OpenDataSettingQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wilayah__code"


class OpenDataSetting(models.Model):
    """How much of one province's figures is public: rows of `lowest_level` and above (provinsi, kabupaten/kota,
    kecamatan or desa/kelurahan; figures of the wilayah below are neither listed nor published), and whether the
    public directory of its active WKSBM is on. One per province; kept by its Admin provinsi."""

    wilayah = models.OneToOneField(
        "registry.Wilayah",
        models.PROTECT,
        related_name="open_data_setting",
        verbose_name=_("provinsi"),
        limit_choices_to={"level": WilayahLevel.PROVINSI},
    )
    lowest_level = models.PositiveSmallIntegerField(
        _("tingkat terendah yang dipublikasikan"),
        choices=WilayahLevel.choices,
        default=DEFAULT_LOWEST_LEVEL,
        help_text=_(
            "Angka wilayah di bawah tingkat ini tidak dipublikasikan, agar kelompok kecil tidak dapat dikenali."
        ),
    )
    directory_enabled = models.BooleanField(
        _("direktori WKSBM aktif dipublikasikan"),
        default=False,
        help_text=_(
            "Daftar WKSBM aktif (nama, desa, tahun pembentukan) di halaman data terbuka; kontak sekretariat hanya "
            "bagi WKSBM yang setuju."
        ),
    )

    history = HistoricalRecords()
    objects = OpenDataSettingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaturan data terbuka")
        verbose_name_plural = _("pengaturan data terbuka")
        ordering = ["wilayah_id"]

    def __str__(self) -> str:
        return str(_("Data terbuka %(code)s")) % {"code": self.wilayah_id}

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.wilayah_id and self.wilayah.level != WilayahLevel.PROVINSI:
            raise ValidationError({"wilayah": _("Pengaturan data terbuka dibuat untuk satu provinsi.")})


class OpenDataRelease(models.Model):
    """The files of one published release of province `code` (`NATIONAL`: all published provinces together), as
    served: `csv_text` and `json_text` the figures, `metadata_text` their metadata (Satu Data Indonesia's manner),
    `directory_text` the directory's JSON (empty while it is off). `content_hash` (the ETag) is the hash of them all;
    `published_at` (Last-Modified) when this content was first published, `checked_at` the last publish that found
    it unchanged. One row per code, replaced in place when the content changes."""

    code = models.CharField(_("kode provinsi"), max_length=13, unique=True, blank=True)
    published_at = models.DateTimeField(_("dipublikasikan"))
    checked_at = models.DateTimeField(_("diperiksa"))
    content_hash = models.CharField(_("hash isi"), max_length=64)
    csv_text = models.TextField(_("CSV"))
    json_text = models.TextField(_("JSON"))
    metadata_text = models.TextField(_("metadata"))
    directory_text = models.TextField(_("direktori"), blank=True)

    class Meta:
        verbose_name = _("rilis data terbuka")
        verbose_name_plural = _("rilis data terbuka")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code or str(_("Nasional"))


class OpenDataPage(models.Model):
    """The public page of one wilayah in a release: its own figures and its published children's (`content`:
    {"wilayah": row, "trail": [[code, name], …], "rows": [row, …]}), read by the drill-down in one query."""

    release = models.ForeignKey(OpenDataRelease, models.CASCADE, related_name="pages")
    code = models.CharField(_("kode wilayah"), max_length=13)
    content = models.JSONField(_("isi"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                name="opendatapage_code_unique",
                violation_error_code="opendatapage_code_unique",
                violation_error_message=_("Halaman data terbuka wilayah ini sudah ada."),
            )
        ]

    def __str__(self) -> str:
        return self.code or str(_("Nasional"))
