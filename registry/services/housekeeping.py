"""Removing rows that only matter for a while: handled forms, expired sessions, login failures past the lockout.

Run daily by `manage.py housekeeping` (deploy/wksbm-housekeeping.timer). Nothing else removes these rows:
- `FormSubmission`: one row per creating field form ever sent, needed only to recognise the same form sent again
  (registry/views/once.py); kept `FORM_SUBMISSION_RETENTION_DAYS` (settings.py says why 30 is safe).
- Django's sessions past their expiry date: Django refuses them already, and its `clearsessions` is what removes
  them; nothing scheduled it.
- django-axes's failed-login records (`AccessAttempt`) whose last failure is older than the lockout's cool-off
  (`AXES_COOLOFF_TIME`): django-axes counts only failures within the cool-off, so these lock nobody out. It removes
  them itself, but only when someone logs in or fails to; a quiet server keeps them. A username still locked out
  keeps its record. django-axes's successful-login log (`AccessLog`) is not touched.
- Field forms kept when their sending could not be accepted (`KeptForm`, registry/typed_work.py) and no longer
  given back: older than `KEEP_FOR`, typed names and NIK included.
- Uploaded lists waiting for a confirmation that can no longer come (registry.uploads.pending): each new upload
  removes them too, but a server nobody uploads to would keep the last ones, names and phone numbers included.
- Attachments whose record is gone, with their files, and files under `lampiran/` that no attachment names, a day
  after they were saved (registry.attachments.orphans says why either happens).
"""

import datetime
from dataclasses import dataclass
from importlib import import_module

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from registry.attachments.orphans import remove_orphaned_attachments, remove_unnamed_files
from registry.models import FormSubmission, IdempotentRequest
from registry.typed_work import kept_forms_expired
from registry.uploads.pending import remove_expired_uploads


@dataclass(frozen=True)
class HousekeepingReport:
    """How many rows of each kind were removed (or, in a dry run, would be).

    `sessions` is None when sessions are not kept in the database (a cache or cookie session engine);
    `pending_uploads` and `unnamed_attachment_files` count files, not rows.
    """

    form_submissions: int
    sessions: int | None
    login_failures: int
    kept_forms: int
    pending_uploads: int
    orphaned_attachments: int = 0
    unnamed_attachment_files: int = 0
    api_requests: int = 0


def form_submissions_expired(*, now: datetime.datetime) -> QuerySet:
    """The handled-form records older than `FORM_SUBMISSION_RETENTION_DAYS` days at `now`.

    Raises ImproperlyConfigured (Indonesian message) when the setting is below 1 day: a shorter retention could
    forget a submission while a resent form is still to be expected, and it would create a second record.
    """
    days = settings.FORM_SUBMISSION_RETENTION_DAYS
    if days < 1:
        raise ImproperlyConfigured(f"FORM_SUBMISSION_RETENTION_DAYS paling sedikit 1 hari (sekarang {days}).")
    return FormSubmission.objects.filter(created_at__lt=now - datetime.timedelta(days=days))


def api_requests_expired(*, now: datetime.datetime) -> QuerySet:
    """The API's kept answers to creating requests (`IdempotentRequest`) older than `FORM_SUBMISSION_RETENTION_DAYS`
    days at `now`: a retry is no longer to be expected, as for a field form."""
    cutoff = now - datetime.timedelta(days=max(settings.FORM_SUBMISSION_RETENTION_DAYS, 1))
    return IdempotentRequest.objects.filter(created_at__lt=cutoff)


def sessions_expired(*, now: datetime.datetime) -> QuerySet | None:
    """The sessions past their expiry date at `now`, or None when the session engine keeps no database rows."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return None
    return store.get_model_class().objects.filter(expire_date__lt=now)


def login_failures_expired(*, now: datetime.datetime) -> QuerySet:
    """django-axes's failed-login records whose last failure is older than the cool-off at `now`.

    Without a cool-off (`AXES_COOLOFF_TIME = None`) a lockout lasts until an admin resets it, so none is expired.
    """
    cool_off = get_cool_off()
    if cool_off is None:
        return AccessAttempt.objects.none()
    return AccessAttempt.objects.filter(attempt_time__lt=now - cool_off)


def housekeeping_run(*, dry_run: bool = False) -> HousekeepingReport:
    """Removes the expired rows of every kind and the orphaned attachments, all in one transaction (the
    attachments' files once it commits), the expired uploads and the unnamed attachment files; returns how many of
    each.

    With `dry_run` it only counts them. Running it again at once removes nothing more.
    """
    now = timezone.now()
    kinds = {
        "form_submissions": form_submissions_expired(now=now),
        "sessions": sessions_expired(now=now),
        "login_failures": login_failures_expired(now=now),
        "kept_forms": kept_forms_expired(now=now),
        "api_requests": api_requests_expired(now=now),
    }
    # The unnamed files first, while the orphaned attachments still name theirs: each file is counted once.
    counts = {"unnamed_attachment_files": remove_unnamed_files(now=now, dry_run=dry_run)}
    with transaction.atomic():
        for kind, rows in kinds.items():
            if rows is None:
                counts[kind] = None
            elif dry_run:
                counts[kind] = rows.count()
            else:
                # The kind's own rows, without those deleted with them (django-axes's AccessAttemptExpiration).
                counts[kind] = rows.delete()[1].get(rows.model._meta.label, 0)
        counts["orphaned_attachments"] = remove_orphaned_attachments(dry_run=dry_run)
    return HousekeepingReport(**counts, pending_uploads=remove_expired_uploads(dry_run=dry_run))
