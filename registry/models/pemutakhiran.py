"""The update cycle: periods of pemutakhiran and the confirmation that a WKSBM's data was checked in one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import WilayahLevel
from registry.pemutakhiran.querysets import CheckQuerySet, PeriodQuerySet


class PemutakhiranPeriod(models.Model):
    """A period of pemutakhiran ("Pemutakhiran 2027") of the province or of one kabupaten, from `starts_on` to
    `ends_on` (both days included), opened, changed and closed by the admin provinsi.

    Rules: it ends after it starts; it does not overlap another period of the same area, a kabupaten's period and
    its province's counting as the same area, so that a WKSBM belongs to at most one open period on any day.
    Closing it early (`closed_at`) ends it before its last day; the checks made stay.
    """

    name = models.CharField(_("nama"), max_length=100, help_text=_("Misalnya: Pemutakhiran 2027."))
    wilayah = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        related_name="pemutakhiran_periods",
        verbose_name=_("wilayah"),
        help_text=_("Provinsi, atau satu kabupaten/kota."),
    )
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("ditutup oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("periode pemutakhiran")
        verbose_name_plural = _("periode pemutakhiran")
        ordering = ["-starts_on", "wilayah_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="pemutakhiran_period_ends_after_start",
                violation_error_code="pemutakhiran_period_ends_after_start",
                violation_error_message=_("Tanggal selesai periode harus sesudah tanggal mulai."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        if self.wilayah_id and self.wilayah.level not in (WilayahLevel.PROVINSI, WilayahLevel.KABUPATEN):
            errors["wilayah"] = _("Periode pemutakhiran dibuka untuk provinsi atau satu kabupaten/kota.")
        if self.wilayah_id and self.starts_on and self.ends_on:
            overlapping = (
                PemutakhiranPeriod.objects.related_areas(self.wilayah_id)
                .filter(starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
                .exclude(pk=self.pk)
                .order_by("starts_on")
                .first()
            )
            if overlapping is not None:
                errors["starts_on"] = _(
                    "Periode ini tumpang tindih dengan %(name)s (%(start)s–%(end)s) untuk wilayah yang sama."
                ) % {
                    "name": overlapping.name,
                    "start": overlapping.starts_on.strftime("%d/%m/%Y"),
                    "end": overlapping.ends_on.strftime("%d/%m/%Y"),
                }
        if errors:
            raise ValidationError(errors)

    def is_open_on(self, day) -> bool:
        return self.closed_at is None and self.starts_on <= day <= self.ends_on


class PemutakhiranCheck(models.Model):
    """The confirmation that a WKSBM's data was checked ("Data sudah diperiksa") in a period, even when nothing
    changed: by whom and when. One per WKSBM and period, so sending the confirmation twice records it once."""

    period = models.ForeignKey(
        PemutakhiranPeriod, models.CASCADE, related_name="checks", verbose_name=_("periode pemutakhiran")
    )
    wksbm = models.ForeignKey(
        "registry.Wksbm", models.CASCADE, related_name="pemutakhiran_checks", verbose_name=_("WKSBM")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("diperiksa oleh")
    )
    checked_at = models.DateTimeField(_("diperiksa pada"))

    history = HistoricalRecords(no_db_index=["period", "wksbm", "checked_by"])
    objects = CheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemeriksaan data")
        verbose_name_plural = _("pemeriksaan data")
        ordering = ["-checked_at"]
        constraints = [
            models.UniqueConstraint(
                "wksbm",
                "period",
                name="pemutakhiran_check_once_per_period",
                violation_error_code="pemutakhiran_check_once_per_period",
                violation_error_message=_("Data WKSBM ini sudah ditandai diperiksa pada periode ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wksbm} – {self.period}"
