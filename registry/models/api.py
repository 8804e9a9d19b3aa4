"""The API's own records: personal API tokens (stored hashed) and the answers kept for retried creations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class ApiScope(models.TextChoices):
    """What a token may do: read only, or read and write (within the user's role and area in both cases)."""

    READ = "baca", _("Hanya membaca")
    READ_WRITE = "baca-tulis", _("Membaca dan mengubah")


class ApiToken(AbstractAuthToken):
    """A personal API token (django-rest-knox's, `KNOX_TOKEN_MODEL`): its owner made it on their token page, named
    it, chose its scope and its lifetime. Only a hash of the token (`digest`) is stored; the token itself is shown
    once, when it is made. `token_key`, its first characters, tells tokens apart on the page. An expired token is
    refused (and removed by knox on the next use); revoking deletes it.

    The token acts as its owner: the same role, the same areas, the same history; `scope` may narrow it to reading.
    """

    name = models.CharField(_("nama token"), max_length=100)
    scope = models.CharField(_("izin"), max_length=10, choices=ApiScope.choices, default=ApiScope.READ)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"

    @property
    def writes(self) -> bool:
        return self.scope == ApiScope.READ_WRITE


class IdempotentRequest(models.Model):
    """A creating API request sent with an `Idempotency-Key`, and the answer it got: the same key sent again by the
    same user (a retry after a lost answer) gets the stored answer instead of creating again.

    `fingerprint` is a hash of the method, path and body: the same key with another request is refused. Only
    successful answers are kept; a refused request may be corrected and sent again with its key. `manage.py
    housekeeping` removes them after `FORM_SUBMISSION_RETENTION_DAYS`, as it does the field forms' records.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("pengguna"))
    key = models.CharField(_("kunci"), max_length=100)
    method = models.CharField(_("metode"), max_length=10)
    path = models.CharField(_("alamat"), max_length=255)
    fingerprint = models.CharField(_("sidik permintaan"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status jawaban"), null=True)
    response = models.JSONField(_("jawaban"), null=True)
    location = models.CharField(_("alamat hasil"), max_length=255, blank=True)
    etag = models.CharField(_("ETag"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("permintaan API sekali jalan")
        verbose_name_plural = _("permintaan API sekali jalan")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                name="idempotent_request_unique_per_user",
                violation_error_code="idempotent_request_unique_per_user",
                violation_error_message=_("Idempotency-Key ini sudah dipakai untuk permintaan lain."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.method} {self.path}"
