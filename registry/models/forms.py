"""Form submissions already handled: a form sent twice (a retry on a weak signal, a double tap) creates one record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A creating field form handled once, recorded with the page of what it created.

    Each creating form carries a fresh UUID `token` in a hidden field; the view records it in the same
    transaction as the record it creates, so a second submission with the same token, sequential or
    concurrent, finds the first one and leads to its `url` instead of creating again. Only the token identifies a
    sending: the same values from a fresh form are a new record. `url` is empty only inside that transaction.
    A record is needed only until a repeat is no longer to be expected: `manage.py housekeeping` removes it after
    `FORM_SUBMISSION_RETENTION_DAYS` (registry/services/housekeeping.py).
    """

    token = models.UUIDField(_("token formulir"), unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("pengguna"))
    url = models.CharField(_("alamat hasil"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengiriman formulir")
        verbose_name_plural = _("pengiriman formulir")

    def __str__(self) -> str:
        return f"{self.token} → {self.url}"
