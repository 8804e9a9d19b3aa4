"""A frozen rekap: the rekap of one wilayah as it stood when it was reported upward, kept unchanged for good.

The figures that the province sends on must read later exactly as they were sent (issue 20, "Figures that stay as
reported"). A `RekapSnapshot` therefore stores what was printed and downloaded, not the means to recompute it: the
printed rekap as rendered HTML and every table of the rekap's download as JSON (`registry.reports.snapshots`).
Neither a later change of the registry's records nor a later change of the code of a rekap section alters it.

A snapshot is written once (`registry.reports.snapshots.freeze_rekap`) and never changed: the model refuses a second
save, no role holds the change permission, and only a superuser may delete a mistaken one (its history stays).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.scoping import ScopedQuerySetMixin

FROZEN_MESSAGE = _("Rekap yang sudah dibekukan tidak dapat diubah.")
TITLE_MISSING = _("Isi judul rekap beku.")


class RekapSnapshotQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Snapshots, scoped as the rekap is: a user sees the snapshots of their area and of what lies under it (a
    kabupaten operator those of the kabupaten and its kecamatan, not the province's)."""

    area_field = "wilayah__code"


class RekapSnapshot(models.Model):
    """The rekap of `wilayah` frozen at `frozen_at` by `frozen_by` (see the module's docstring).

    `printed_html` is the printed rekap's document (kop surat, figures, charts, signature) as rendered then;
    `tables` is the download's tables as rendered then (`registry.reports.snapshots.encode_tables`);
    `frozen_by_name` is the freezing user's full name then, printed in the banner whatever becomes of the account;
    `frozen_by` is None when the system froze it (a period closed on its last day, "sistem").
    `verified_only` says which data it counts: everything recorded, or only what operators had verified.
    """

    wilayah = models.ForeignKey(
        "registry.Wilayah", models.PROTECT, related_name="+", verbose_name=_("wilayah"), db_index=False
    )
    title = models.CharField(
        _("judul"),
        max_length=200,
        help_text=_("Misalnya: Rekap Pemutakhiran 2027."),
        error_messages={"blank": TITLE_MISSING, "null": TITLE_MISSING},
    )
    note = models.TextField(_("catatan"), blank=True)
    frozen_at = models.DateTimeField(_("waktu pembekuan"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibekukan oleh"),
    )
    frozen_by_name = models.CharField(_("nama yang membekukan"), max_length=300)
    verified_only = models.BooleanField(
        _("hanya data terverifikasi"),
        default=False,
        help_text=_("Rekap beku ini hanya menghitung data yang sudah diverifikasi operator."),
    )
    printed_html = models.TextField(_("rekap tercetak"))
    tables = models.JSONField(_("tabel unduhan"))

    history = HistoricalRecords()
    objects = RekapSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekap beku")
        verbose_name_plural = _("rekap beku")
        ordering = ["-frozen_at", "-pk"]
        indexes = [models.Index(fields=["wilayah", "-frozen_at"], name="rekapsnapshot_wilayah_frozen")]

    def __str__(self) -> str:
        return gettext("%(title)s (%(wilayah)s)") % {"title": self.title, "wilayah": self.wilayah_id}

    def save(self, *args, **kwargs):
        """Saves a new snapshot; refuses to save one that exists (a snapshot is never changed)."""
        if not self._state.adding:
            raise ValidationError(FROZEN_MESSAGE, code="rekapsnapshot_frozen")
        super().save(*args, **kwargs)

    @property
    def data_label(self) -> str:
        """Which data the snapshot counts, in words ("Data: hanya yang terverifikasi")."""
        from registry.reports.area import ALL_DATA, VERIFIED_DATA

        return VERIFIED_DATA if self.verified_only else ALL_DATA
