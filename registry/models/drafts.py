"""Typed work kept across a login: a field form whose sending could not be accepted, kept for its owner."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeptForm(models.Model):
    """The values of one field form sent when it could not be accepted (the session had ended, or the CSRF token
    had changed), kept until its owner opens the form again (`registry.typed_work`).

    `key` is random and is known only to the browser that sent the form (in its session), never put in an
    address. `user` is the person the form was shown to (the form's signed owner marker), so nobody else who
    logs in on that browser gets the values. `values` holds every field's list of values as sent, without the
    CSRF token, the owner marker, passwords or files. A kept form is of use for `typed_work.KEEP_FOR` only;
    `manage.py housekeeping` removes older ones.
    """

    key = models.CharField(_("kunci"), max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("pengguna"))
    path = models.CharField(_("alamat formulir"), max_length=500)
    values = models.JSONField(_("isian"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("isian yang disimpan")
        verbose_name_plural = _("isian yang disimpan")

    def __str__(self) -> str:
        return self.path
