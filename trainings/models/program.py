"""Programs: an optional grouping of penyuluhan events with a target of WKSBM to grow."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.validators import clean_name
from trainings.querysets import ProgramQuerySet, achievement_percent


class Program(models.Model):
    """One campaign of events, e.g. ten village sessions in a kabupaten in one week of August 2019.

    `wilayah` is the area the program covers (a kabupaten, or the provinsi for a province-wide one); its events
    lie in it. Scoped by that wilayah like every registry record. The figures (events, participants, narasumber
    appearances, WKSBM formed) are derived, see `ProgramQuerySet.with_figures`.
    """

    name = models.CharField(_("nama program"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun"))
    starts_on = models.DateField(_("mulai"), null=True, blank=True)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)
    organiser = models.CharField(
        _("penyelenggara"), max_length=200, blank=True, help_text=_("Mis. Seksi Penyuluhan Dinas Sosial DIY.")
    )
    wilayah = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah sasaran"),
        help_text=_("Provinsi, kabupaten/kota atau kecamatan yang dicakup program."),
    )
    target_new_wksbm = models.PositiveIntegerField(
        _("target WKSBM baru"), null=True, blank=True, help_text=_("Jumlah WKSBM baru yang ingin dibentuk.")
    )
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program penyuluhan")
        verbose_name_plural = _("program penyuluhan")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="program_dates_in_order",
                violation_error_code="program_dates_in_order",
                violation_error_message=_("Tanggal selesai program tidak boleh sebelum tanggal mulainya."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def clean(self):
        self.name = clean_name(self.name or "")

    @property
    def achievement_percent(self) -> int | None:
        """WKSBM formed as a whole percentage of the target; needs `with_figures()`. None without a target."""
        return achievement_percent(self.formed_count, self.target_new_wksbm)
