"""Who is calling the API: a personal token (`ApiToken`, made on the user's token page) or the browser's session
(the browsable pages), and how often they may (throttling per token)."""

from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions
from rest_framework.throttling import SimpleRateThrottle

from registry.models import ApiToken

INVALID_TOKEN = _("Token tidak sah, sudah dicabut atau sudah kedaluwarsa. Buat token baru di halaman Token API.")


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>`: knox's check of the hashed token and its expiry (an expired token is removed
    on its next use), answered in Indonesian. The token's owner must be active; `request.auth` is the token."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as failed:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from failed


def token_of(request) -> ApiToken | None:
    """The token `request` was authenticated with, or None (a session)."""
    return request.auth if isinstance(request.auth, ApiToken) else None


class TokenRateThrottle(SimpleRateThrottle):
    """`API_RATE_LIMIT` requests per token (per user for the session, per address for the anonymous), counted in
    the default cache."""

    scope = "api"

    def get_cache_key(self, request, view):
        token = token_of(request)
        if token is not None:
            ident = f"token-{token.digest[:32]}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
