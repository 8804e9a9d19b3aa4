"""WKSBM units and their boards."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower, Replace
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import dates
from registry.enums import WilayahLevel, WksbmStatus
from registry.models.board import BoardMember
from registry.models.imports import ImportBatchHistory
from registry.models.verification import VerifiedRecord
from registry.querysets import PengurusQuerySet, WksbmQuerySet
from registry.validators import clean_name, validate_phone


def name_key_expression(field: str = "name"):
    """The database form of `registry.validators.name_key`: lower case, spaces removed (names are pre-cleaned)."""
    return Lower(Replace(F(field), models.Value(" "), models.Value("")))


class Wksbm(VerifiedRecord):
    """A Wahana Kesejahteraan Sosial Berbasis Masyarakat: the welfare forum of one desa/kelurahan or kecamatan.

    Its name is unique within its wilayah, case and spaces ignored (the import's natural key). Board
    completeness, member count and last activity are derived (see `WksbmQuerySet.with_summary`).
    """

    name = models.CharField(_("nama WKSBM"), max_length=200)
    wilayah = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        related_name="wksbm_set",
        verbose_name=_("wilayah"),
        help_text=_("Desa/kelurahan, atau kecamatan untuk WKSBM tingkat kecamatan."),
    )
    dusun_rw = models.CharField(_("dusun/RW"), max_length=100, blank=True)
    address = models.CharField(_("alamat sekretariat"), max_length=255, blank=True)
    formed_on = models.DateField(_("tanggal pembentukan"), null=True, blank=True)
    sk_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    sk_signed_by = models.CharField(_("penandatangan SK"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=WksbmStatus.choices, default=WksbmStatus.AKTIF)
    status_changed_on = models.DateField(_("tanggal perubahan status"), null=True, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    notes = models.TextField(_("catatan"), blank=True)
    # Issue 22: the public directory of active WKSBM names the secretariat's contact only with the WKSBM's consent.
    directory_consent = models.BooleanField(
        _("Setuju kontak sekretariat ditampilkan di direktori publik"),
        default=False,
        help_text=_("Alamat dan telepon sekretariat tampil di direktori WKSBM aktif bila provinsi menyalakannya."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    # History is read per record (`id`) and per import batch, never by wilayah: no index on it (see
    # `ImportBatchHistory`).
    history = HistoricalRecords(bases=[ImportBatchHistory], no_db_index=["wilayah"])
    objects = WksbmQuerySet.as_manager()

    class Meta:
        verbose_name = _("WKSBM")
        verbose_name_plural = _("WKSBM")
        ordering = ["wilayah_id", "name"]
        constraints = [
            models.UniqueConstraint(
                name_key_expression(),
                "wilayah",
                name="wksbm_name_unique_per_wilayah",
                violation_error_code="wksbm_name_unique_per_wilayah",
                violation_error_message=_("Sudah ada WKSBM dengan nama ini di wilayah yang sama."),
            ),
            models.CheckConstraint(
                condition=Q(status_changed_on__isnull=True)
                | Q(formed_on__isnull=True)
                | Q(status_changed_on__gte=F("formed_on")),
                name="wksbm_status_change_after_formation",
                violation_error_code="wksbm_status_change_after_formation",
                violation_error_message=_("Tanggal perubahan status tidak boleh sebelum tanggal pembentukan."),
            ),
            models.CheckConstraint(
                condition=Q(sk_date__isnull=True) | Q(formed_on__isnull=True) | Q(sk_date__gte=F("formed_on")),
                name="wksbm_sk_after_formation",
                violation_error_code="wksbm_sk_after_formation",
                violation_error_message=_("Tanggal SK tidak boleh sebelum tanggal pembentukan."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def date_status_change(self, previous_status: str, changed_on=None) -> None:
        """Dates a change of status: when `status` differs from `previous_status`, `status_changed_on` becomes
        `changed_on`, or today when no date is given. The one rule the admin, the field form, the import and the
        services use for dating a status change."""
        if self.status != previous_status:
            self.status_changed_on = changed_on or dates.today()

    def clean(self):
        self.name = clean_name(self.name or "")
        errors = {}
        if self.wilayah_id and self.wilayah.level not in (WilayahLevel.KECAMATAN, WilayahLevel.DESA):
            errors["wilayah"] = _("WKSBM berada di desa/kelurahan atau kecamatan, bukan di %(level)s.") % {
                "level": self.wilayah.get_level_display().lower()
            }
        errors.update(dates.future_date_errors(self, ("formed_on", "sk_date", "status_changed_on")))
        if errors:
            raise ValidationError(errors)


class Pengurus(VerifiedRecord, BoardMember):
    """A member of a WKSBM board: a person in a role for a period (open-ended when `period_to` is empty); the
    shape and rules of every board are `BoardMember`'s.

    The NIK is optional personal data (UU 27/2022): collected only when given, and shown masked in every list.
    """

    wksbm = models.ForeignKey(Wksbm, models.CASCADE, related_name="pengurus", verbose_name=_("WKSBM"))

    # History is read per record (`id`) and per import batch; never by WKSBM or role, so those columns carry no
    # index (see `ImportBatchHistory`): an import writes a history row for every board member.
    history = HistoricalRecords(bases=[ImportBatchHistory], no_db_index=["wksbm", "role"])
    objects = PengurusQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")
        ordering = ["role__sort_order", "name"]
        constraints = [BoardMember.term_order_constraint("pengurus_period_in_order")]
