"""Verification of what is entered in the field: the state a record carries and the queue's items.

A record of a verified kind (`registry.verification.kinds`) carries its state (`VerifiedRecord.verification`), which
the rekap's "verified only" switch reads. Each change a penyuluh sends is a `VerificationItem`: what changed, before
→ after, who sent it and when, and the operator's decision with its reason. A record has at most one open item
(waiting or returned): a further change by the penyuluh updates it and sends it again.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import VerificationState
from registry.verification.querysets import VerificationItemQuerySet

OPEN_STATES = (VerificationState.MENUNGGU, VerificationState.DIKEMBALIKAN)


class VerifiedRecord(models.Model):
    """A record whose field entries an operator verifies. Records entered before verification existed, and those
    entered by operators and admins, are verified."""

    verification = models.CharField(
        _("verifikasi"),
        max_length=13,
        choices=VerificationState.choices,
        default=VerificationState.TERVERIFIKASI,
        editable=False,
    )

    class Meta:
        abstract = True

    @property
    def is_verified(self) -> bool:
        return self.verification == VerificationState.TERVERIFIKASI


class ChangeKind(models.TextChoices):
    """What a verification item is about: a record entered new, or a change to one."""

    BARU = "baru", _("Data baru")
    PERUBAHAN = "perubahan", _("Perubahan")


class VerificationItem(models.Model):
    """One change sent from the field, waiting for (or decided by) an operator of its WKSBM's kabupaten.

    `changes` lists what changed as [field label, before, after] in words, as the penyuluh sent it ("" for a field
    of a new record). `wilayah` scopes the item (the record's own wilayah, or its WKSBM's); `wksbm` groups the queue
    (the record's WKSBM, the WKSBM itself for a WKSBM, none for a KPS not yet a member of one). The item's history
    keeps every step: sent, confirmed, returned with its reason, sent again.
    """

    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+", verbose_name=_("jenis data"))
    object_id = models.PositiveBigIntegerField(_("nomor data"))
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("jenis"), max_length=30)
    change = models.CharField(_("perubahan"), max_length=10, choices=ChangeKind.choices)
    wilayah = models.ForeignKey("registry.Wilayah", models.PROTECT, related_name="+", verbose_name=_("wilayah"))
    wksbm = models.ForeignKey(
        "registry.Wksbm",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="verification_items",
        verbose_name=_("WKSBM"),
    )
    title = models.CharField(_("data"), max_length=200)
    changes = models.JSONField(_("isi perubahan"), default=list)
    state = models.CharField(
        _("status"), max_length=13, choices=VerificationState.choices, default=VerificationState.MENUNGGU
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("dikirim oleh")
    )
    submitted_at = models.DateTimeField(_("dikirim pada"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    reason = models.TextField(_("alasan dikembalikan"), blank=True)

    history = HistoricalRecords(no_db_index=["content_type", "wilayah", "wksbm", "submitted_by", "decided_by"])
    objects = VerificationItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("verifikasi data")
        verbose_name_plural = _("verifikasi data")
        ordering = ["submitted_at", "pk"]
        permissions = [("verify_verificationitem", _("Dapat memverifikasi data dari lapangan"))]
        constraints = [
            models.UniqueConstraint(
                "content_type",
                "object_id",
                condition=Q(state__in=OPEN_STATES),
                name="verification_one_open_item_per_record",
                violation_error_code="verification_one_open_item_per_record",
                violation_error_message=_("Data ini sudah menunggu verifikasi."),
            ),
            models.CheckConstraint(
                condition=~Q(state=VerificationState.DIKEMBALIKAN) | ~Q(reason=""),
                name="verification_returned_with_reason",
                violation_error_code="verification_returned_with_reason",
                violation_error_message=_("Tulis alasan data ini dikembalikan."),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "submitted_at"], name="verification_queue_idx"),
            models.Index(fields=["content_type", "object_id"], name="verification_record_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_change_display()}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES
