"""Sending a creating form twice creates one record (a retry on a weak signal, a double tap, back and send again).

Two guards, recorded together in a `FormSubmission` in the same transaction as the record, before it:
- the form's one-time token (`registry.forms.base.OnceForm`): the same form sent again, even concurrently
  (the second request waits on the unique token and then finds the first one's result);
- a fingerprint of the address and the values sent: a browser that goes back reloads the form with a new
  token but restores what was typed, and the same values sent again within `REPEAT_WINDOW` are the same
  submission.
A repeat sends the user to the first result instead of creating again.
"""

import datetime
import hashlib
import json
import uuid
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.forms.base import OnceForm, add_service_error
from registry.models import FormSubmission

ALREADY_SENT = _("Formulir ini sudah terkirim sebelumnya; datanya tidak dicatat dua kali.")
TOKEN_INVALID = _("Formulir ini tidak dapat disimpan sekarang. Periksa isiannya lalu kirim sekali lagi.")

# How long the same values sent again count as a repeat rather than a new record.
REPEAT_WINDOW = datetime.timedelta(hours=1)

# Fields that differ between two sendings of the same values.
NOT_CONTENT = {"csrfmiddlewaretoken", "form_token"}


def fingerprint(request) -> str:
    """A hash of the address and the values of a POST, less its CSRF and one-time tokens."""
    values = sorted((key, value) for key, values in request.POST.lists() if key not in NOT_CONTENT for value in values)
    payload = json.dumps([request.path, values], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def earlier_result(request, form: OnceForm):
    """A redirect to what this user's earlier sending of this form created, or None when it is new.

    The same one-time token, or the same values sent to the same address within `REPEAT_WINDOW`.
    """
    repeat = Q(fingerprint=fingerprint(request), created_at__gte=timezone.now() - REPEAT_WINDOW)
    token = form.submitted_token()
    if token is not None:
        repeat |= Q(token=token)
    url = (
        FormSubmission.objects.filter(repeat, user=request.user)
        .exclude(url="")
        .order_by("-created_at")
        .values_list("url", flat=True)
        .first()
    )
    if not url:
        return None
    messages.info(request, ALREADY_SENT)
    return redirect(url)


def renew_token(form: OnceForm) -> None:
    """Gives a bound `form` a fresh token, for a form shown again because its token could not be used."""
    form.data = form.data.copy()
    form.data[form.add_prefix("form_token")] = str(uuid.uuid4())


def retry_if_token_refused(form: OnceForm) -> None:
    """After a failed validation: a missing or malformed token gets a fresh one, so that sending again works."""
    if form.has_error("form_token"):
        renew_token(form)


def create_once(request, form: OnceForm, create: Callable[[], str], *, success: str, message_fields=None):
    """Runs `create()` — which writes through a service and returns the address of the result — once per token.

    Returns a redirect to the result (with `success` as message), or to the first result when the token was
    used meanwhile; or None after putting the error on `form` (a service's ValidationError, or a token that
    cannot be used), with nothing written.
    """
    token = form.cleaned_data["form_token"]
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(token=token, fingerprint=fingerprint(request), user=request.user)
            url = create()
            submission.url = url
            submission.save(update_fields=["url"])
    except ValidationError as error:
        add_service_error(form, error, message_fields=message_fields)
        return None
    except IntegrityError:
        done = earlier_result(request, form)
        if done is not None:
            return done
        form.add_error(None, TOKEN_INVALID)
        renew_token(form)
        return None
    messages.success(request, success)
    return redirect(url)
