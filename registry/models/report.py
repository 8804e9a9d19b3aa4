"""What a WKSBM reports: activities, with the funds collected and the help distributed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import dates
from registry.models.verification import VerifiedRecord
from registry.querysets import ReportLineQuerySet, ReportQuerySet
from registry.validators import rupiah


class ActivityReport(VerifiedRecord):
    """One activity of a WKSBM on a date: a meeting, a social action, a fund drive, a distribution of help.

    Funds collected by source and help distributed by purpose hang off it as lines. The latest report date is
    the WKSBM's "last activity"; none for 12 months flags it as possibly dormant.
    """

    wksbm = models.ForeignKey("registry.Wksbm", models.CASCADE, related_name="reports", verbose_name=_("WKSBM"))
    date = models.DateField(_("tanggal"))
    kind = models.ForeignKey("registry.ActivityKind", models.PROTECT, verbose_name=_("jenis kegiatan"))
    description = models.TextField(_("uraian"), blank=True)

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan kegiatan")
        verbose_name_plural = _("laporan kegiatan")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["wksbm", "-date"], name="report_wksbm_date_idx")]

    def __str__(self) -> str:
        return f"{self.kind} — {self.date:%d/%m/%Y}" if self.date and self.kind_id else str(_("laporan kegiatan"))

    def clean(self):
        if errors := dates.future_date_errors(self, ["date"], _("Tanggal laporan tidak boleh di masa depan.")):
            raise ValidationError(errors)


class FundCollection(models.Model):
    """Money a WKSBM raised in one activity from one source, in whole Rupiah, and the mitra it came from, if any."""

    # The rekap's "hanya data terverifikasi" counts a line by its report's state (`registry.reports.area`).
    verified_through = "report"

    report = models.ForeignKey(ActivityReport, models.CASCADE, related_name="collections", verbose_name=_("laporan"))
    source = models.ForeignKey("registry.FundSource", models.PROTECT, verbose_name=_("sumber dana"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    mitra = models.ForeignKey(
        "registry.Mitra",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_collections",
        verbose_name=_("dari mitra"),
        help_text=_("Mitra asal dana, bila ada (misalnya CSR perusahaan atau Baznas)."),
    )

    history = HistoricalRecords()
    objects = ReportLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("penghimpunan dana")
        verbose_name_plural = _("penghimpunan dana")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="fund_collection_amount_not_negative",
                violation_error_code="fund_collection_amount_not_negative",
                violation_error_message=_("Jumlah dana tidak boleh negatif."),
            ),
            models.UniqueConstraint(
                fields=["report", "source"],
                name="fund_collection_one_line_per_source",
                violation_error_code="fund_collection_one_line_per_source",
                violation_error_message=_("Sumber dana ini sudah dicatat pada laporan yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {rupiah(self.amount)}"


class AidDistribution(models.Model):
    """Help a WKSBM gave in one activity for one purpose: an amount in whole Rupiah and how many people; a referral
    (rujukan) names the mitra the people were sent on to and how many."""

    # The rekap's "hanya data terverifikasi" counts a line by its report's state (`registry.reports.area`).
    verified_through = "report"

    report = models.ForeignKey(ActivityReport, models.CASCADE, related_name="distributions", verbose_name=_("laporan"))
    purpose = models.ForeignKey("registry.AidPurpose", models.PROTECT, verbose_name=_("tujuan bantuan"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    beneficiaries = models.IntegerField(_("jumlah penerima"), default=0)
    # A referral (rujukan): the people sent on to a mitra (a Puskesmas, an LKS) for help the WKSBM cannot give.
    referred_to = models.ForeignKey(
        "registry.Mitra",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("dirujuk ke mitra"),
    )
    referred_count = models.PositiveIntegerField(_("jumlah orang dirujuk"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ReportLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("penyaluran bantuan")
        verbose_name_plural = _("penyaluran bantuan")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="aid_distribution_amount_not_negative",
                violation_error_code="aid_distribution_amount_not_negative",
                violation_error_message=_("Jumlah bantuan tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(beneficiaries__gte=0),
                name="aid_distribution_beneficiaries_not_negative",
                violation_error_code="aid_distribution_beneficiaries_not_negative",
                violation_error_message=_("Jumlah penerima tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(referred_count__isnull=True) | Q(referred_to__isnull=False),
                name="aid_distribution_referral_names_mitra",
                violation_error_code="aid_distribution_referral_names_mitra",
                violation_error_message=_("Jumlah orang dirujuk diisi bersama mitra tujuan rujukan."),
            ),
            models.UniqueConstraint(
                fields=["report", "purpose"],
                name="aid_distribution_one_line_per_purpose",
                violation_error_code="aid_distribution_one_line_per_purpose",
                violation_error_message=_("Tujuan bantuan ini sudah dicatat pada laporan yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}: {rupiah(self.amount)}"
