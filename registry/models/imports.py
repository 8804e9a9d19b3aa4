"""Import batches: one row per imported file, and the link from every history record it wrote back to it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One committed import of a list file: who, when, which file, what kind of list, and what it changed.

    Every history record an import writes carries its batch (`ImportBatchHistory.import_batch`), so an auditor
    can go from a change to the file that made it and back.
    """

    class Kind(models.TextChoices):
        WKSBM = "wksbm", _("Daftar WKSBM")
        KPS = "kps", _("Daftar KPS")
        ATTENDANCE = "peserta", _("Daftar hadir penyuluhan")
        MITRA = "mitra", _("Daftar mitra")
        JEJARING = "jejaring", _("Daftar jejaring")

    kind = models.CharField(_("jenis daftar"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("oleh")
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    filename = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(_("sidik berkas (SHA-256)"), max_length=64)
    rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    created = models.PositiveIntegerField(_("baru"), default=0)
    updated = models.PositiveIntegerField(_("berubah"), default=0)
    unchanged = models.PositiveIntegerField(_("tetap"), default=0)
    # The preview this batch confirmed (a digest of its confirm ticket), when it came from one: unique, so a
    # preview confirmed twice (a double click, two tabs, a resent request) is committed once, even when the two
    # confirmations race; the second finds this batch and names it.
    confirmation = models.CharField(_("konfirmasi pratinjau"), max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = _("impor berkas")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.filename} ({self.created_at:%d/%m/%Y %H.%M})"


class ImportBatchHistory(models.Model):
    """Abstract base of the history models of importable records: which import batch, if any, wrote the record.

    History is read per record (its `id`, in the admin's history and the WKSBM form) and per import batch (the
    audit trail), so those columns are indexed; the relation columns a history model copies from its record
    (wilayah, WKSBM, role…) are not (`HistoricalRecords(no_db_index=…)`): nothing looks history up by them, and
    an import pays for every index on every history row it writes.
    """

    # No database constraint: an import writes tens of thousands of history rows at once, and a deferred foreign
    # key check per row cost a third of its commit. The reference is sound without it: a history row is only
    # ever given the batch created in the same transaction (`registry.imports.writes.history_stamp`), and a batch
    # with history cannot be deleted (PROTECT, enforced by Django's deletion collector). The index stays: it is
    # the auditor's way from a batch to its changes.
    import_batch = models.ForeignKey(
        ImportBatch,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("impor berkas"),
    )

    class Meta:
        abstract = True
