"""What a user is told: a returned record, new items in their verification queue, a period of pemutakhiran opened or
closing soon. Each notification belongs to one user, who alone ever sees it (owner-scoped, not area-scoped), in
the in-app list (`notifikasi/`), counted in the header, and in the optional daily e-mail digest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.notifications.querysets import NotificationQuerySet


class NotificationKind(models.TextChoices):
    """Why a user is told."""

    DIKEMBALIKAN = "dikembalikan", _("Data dikembalikan")
    ANTREAN = "antrean", _("Antrean verifikasi")
    PERIODE_DIBUKA = "periode_dibuka", _("Periode pemutakhiran dibuka")
    PERIODE_SEGERA_BERAKHIR = "periode_segera_berakhir", _("Periode pemutakhiran segera berakhir")


class Notification(models.Model):
    """One thing a user is told, in Indonesian words composed when it is made (`text`), leading to the local path
    `url`. Unread while `read_at` is empty; `emailed_at` says it went out in a daily digest.

    `key` deduplicates an event that must reach a user once ("period 7 closing soon": `periode-7-berakhir`): at
    most one notification per user and non-empty key. The unread "antrean" notification of a user is one row whose
    text is kept up to date (`registry.notifications.services`), not one per item.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("pengguna")
    )
    kind = models.CharField(_("jenis"), max_length=30, choices=NotificationKind.choices)
    text = models.CharField(_("isi"), max_length=500)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    key = models.CharField(_("kunci"), max_length=100, blank=True, default="")
    created_at = models.DateTimeField(_("dibuat pada"))
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat e-mail pada"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "user",
                "key",
                condition=~Q(key=""),
                name="notification_once_per_user_and_key",
                violation_error_code="notification_once_per_user_and_key",
                violation_error_message=_("Pengguna ini sudah diberi notifikasi tersebut."),
            ),
            models.UniqueConstraint(
                "user",
                condition=Q(kind="antrean", read_at__isnull=True),
                name="notification_one_unread_queue_per_user",
                violation_error_code="notification_one_unread_queue_per_user",
                violation_error_message=_("Pengguna ini sudah punya notifikasi antrean yang belum dibaca."),
            ),
        ]
        indexes = [
            # The header's count of unread notifications, and the list newest first.
            models.Index(fields=["user", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["user", "-created_at"], name="notification_list_idx"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
