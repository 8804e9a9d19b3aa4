"""The security log: one line per login, failed login, lockout, logout, import, export and refused request, each
with the user and the client's address, on the logger `wksbm.security`.

Lines read `event key=value …`, e.g. `masuk_gagal user='sutrisno' address=10.0.0.7 path=/accounts/login/`.
Values a client chose (user names, paths, file names) are written with repr(), so a forged newline cannot start
a false line. `MaskPersonalData`, on every log handler (settings.LOGGING), masks NIK and phone numbers in any
line whoever writes it: the log is read by server administrators, who need neither.

Where the events come from:
- Django's `user_logged_in`, `user_logged_out` and `user_login_failed` signals and django-axes's `user_locked_out`:
  the field login and the admin login alike.
- `ImportBatch` rows (a committed list or attendance import, admin or command), written with the request's user
  and address when there is a request (`SecurityLogMiddleware` keeps the current one), else `address='-'`.
- `SecurityLogMiddleware`: every refusal, every file download (`Content-Disposition: attachment`: the list
  exports and templates) and every upload (a POST carrying files). A refusal is a response with status 403 (a
  page or action the role may not use) or a 404 from one of the registry's pages to a signed-in user: a record
  outside the user's area answers 404, so that nothing tells whether it exists (registry.scoping), and is logged
  `ditolak … status=404`, as is, unavoidably, a record that does not exist at all. An address that is none of
  the registry's pages (a bot probing `/wp-login.php`) is not a refusal and not logged here.

A refusal is that one line. Django would log it again on `django.request` ("Forbidden (Permission denied)" with
the exception's traceback, "Not Found"), saying nothing more and burying the line under a traceback:
`SecurityLogMiddleware` answers a PermissionDenied itself, with Django's own 403 page, and marks each response it
logged as a refusal as logged.
"""

import contextvars
import functools
import ipaddress
import logging
import re

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import get_exception_response
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import get_resolver, get_urlconf

from registry.validators import mask_nik, mask_phone

logger = logging.getLogger("wksbm.security")

_current_request: contextvars.ContextVar = contextvars.ContextVar("wksbm_security_request", default=None)

# A NIK is 16 digits (Permendagri 72/2019); phone numbers as Indonesians write them: 08…, +62 8…, 62 8…,
# with spaces, dots or dashes between groups. Wilayah codes (34.03.08.2004) have neither shape.
NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
PHONE = re.compile(r"(?<![\w.+])(?:\+62|62|0)[ .-]?8(?:[ .-]?\d){7,11}(?!\d)")


def mask_personal_data(text: str) -> str:
    """`text` with every NIK-shaped number masked as the registry lists it (`mask_nik`) and every phone-shaped
    number reduced to its last three digits."""
    text = NIK.sub(lambda match: mask_nik(match.group()), text)
    return PHONE.sub(lambda match: mask_phone(match.group()), text)


class MaskPersonalData(logging.Filter):
    """A handler filter: the record's final message with NIK and phone numbers masked (see the module doc)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the header named by CLIENT_ADDRESS_HEADER (the reverse proxy's
    X-Real-IP) when set; None when the request has neither (a login made in code). django-axes counts failures
    by this address too (settings.AXES_CLIENT_IP_CALLABLE) and stores it in an IP address column, hence None."""
    header = settings.CLIENT_ADDRESS_HEADER
    for candidate in (request.META.get(header, "") if header else "", request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate.strip()))
        except ValueError:  # absent, or not an address (a misconfigured proxy): never stored or logged as such
            continue
    return None


def _user_name(user) -> str:
    return user.get_username() if user is not None and user.is_authenticated else "-"


def log_event(event: str, request=None, *, user=None, level: int = logging.INFO, **details) -> None:
    """Writes `event` with the user (given, or the request's) and the request's address and path, then `details`."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    name = user if isinstance(user, str) else _user_name(user)
    address = client_address(request) if request is not None else None
    parts = [event, f"user={name!r}", f"address={address or '-'}"]
    if request is not None:
        parts.append(f"path={request.path!r}")
    parts.extend(f"{key}={value!r}" for key, value in details.items())
    logger.log(level, " ".join(parts))


@receiver(user_logged_in, dispatch_uid="wksbm.security_log.logged_in")
def _logged_in(sender, request, user, **kwargs):
    log_event("masuk", request, user=user)


@receiver(user_logged_out, dispatch_uid="wksbm.security_log.logged_out")
def _logged_out(sender, request, user, **kwargs):
    log_event("keluar", request, user=user)


@receiver(user_login_failed, dispatch_uid="wksbm.security_log.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    log_event("masuk_gagal", request, user=str(credentials.get("username", "")), level=logging.WARNING)


def _locked_out(sender, request, username, ip_address, **kwargs):
    log_event("dikunci", request, user=str(username or ""), level=logging.WARNING)


def _import_committed(sender, instance, created, using, **kwargs):
    """Logs an import once its batch is committed: a batch rolled back with its import (refused at the last
    moment) was never an import."""
    if created:
        event = functools.partial(
            log_event,
            "impor",
            _current_request.get(),
            user=instance.user,
            kind=str(instance.kind),
            file=instance.filename,
            rows=instance.rows,
            batch=instance.pk,
        )
        transaction.on_commit(event, using=using)


def connect() -> None:
    """Connects the receivers that need other apps' models and signals (called from WksbmConfig.ready)."""
    from axes.signals import user_locked_out

    from registry.models import ImportBatch

    user_locked_out.connect(_locked_out, dispatch_uid="wksbm.security_log.locked_out")
    post_save.connect(_import_committed, sender=ImportBatch, dispatch_uid="wksbm.security_log.import")


def _is_scope_refusal(request) -> bool:
    """Whether a 404 answered one of the registry's pages (the address matched a URL pattern) for a signed-in
    user: the answer to a record outside their area (see the module doc)."""
    user = getattr(request, "user", None)
    return request.resolver_match is not None and user is not None and user.is_authenticated


class SecurityLogMiddleware:
    """Keeps the current request for the import log and logs refusals (403, scope 404), downloads and uploads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        if response.status_code == 403:
            log_event("ditolak", request, level=logging.WARNING, method=request.method)
            response._has_been_logged = True  # Django's log_response then stays silent
        elif response.status_code == 404 and _is_scope_refusal(request):
            log_event("ditolak", request, level=logging.WARNING, method=request.method, status=404)
            response._has_been_logged = True
        disposition = response.get("Content-Disposition", "")
        if disposition.startswith("attachment"):
            log_event("unduh", request, file=disposition.partition("filename=")[2].strip('"'))
        # Only files the view itself parsed: reading an unread body here could fail or waste time.
        if request.method == "POST" and hasattr(request, "_files"):
            for upload in request.FILES.values():
                log_event("unggah", request, file=upload.name, size=upload.size, status=response.status_code)
        return response

    def process_exception(self, request, exception):
        """A view's PermissionDenied answered as Django does (the 403 page, `handler403`), without Django's
        "Forbidden" record and its traceback: `__call__` logs the refusal."""
        if isinstance(exception, PermissionDenied):
            return get_exception_response(request, get_resolver(get_urlconf()), 403, exception)
        return None
