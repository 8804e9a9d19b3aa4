"""Making and revoking personal API tokens: every token is its owner's own, made and revoked on their token page
(`registry.views.api_tokens`); the security log records both, never the token."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registry.models import ApiScope, ApiToken

# The lifetimes offered, in days: a token always expires.
LIFETIMES = (30, 90, 180, 365)
MAX_TOKENS = 10


def token_create(*, by, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """Makes a token for `by`, named `name`, with `scope` (`ApiScope`), valid `days` days (one of `LIFETIMES`).
    Returns the stored token (its hash) and the token itself, which is never stored nor shown again. Refuses a
    blank or duplicate name, another lifetime or scope, and more than `MAX_TOKENS` tokens at once."""
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = _("Beri nama token, mis. nama aplikasi yang memakainya.")
    elif ApiToken.objects.filter(user=by, name__iexact=name).exists():
        errors["name"] = _("Anda sudah punya token dengan nama ini.")
    if scope not in ApiScope.values:
        errors["scope"] = _("Pilih izin token dari daftar.")
    if days not in LIFETIMES:
        errors["days"] = _("Pilih masa berlaku dari daftar.")
    if ApiToken.objects.filter(user=by).count() >= MAX_TOKENS:
        errors["name"] = _("Anda sudah punya %(max)d token; cabut yang tidak dipakai lagi lebih dulu.") % {
            "max": MAX_TOKENS
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return ApiToken.objects.create(user=by, expiry=datetime.timedelta(days=days), name=name[:100], scope=scope)


def token_revoke(*, by, token_key: str) -> ApiToken | None:
    """Revokes (deletes) `by`'s own token whose key is `token_key`; None when they have no such token."""
    token = ApiToken.objects.filter(user=by, token_key=token_key).first()
    if token is not None:
        token.delete()
    return token
