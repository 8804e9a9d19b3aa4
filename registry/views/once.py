"""Sending a creating form twice creates one record (a retry on a weak signal, a double tap, a resent request).

The guard is the form's own one-time token (`registry.forms.base.OnceForm`), recorded in a `FormSubmission` in
the same transaction as the record, before it: the same form sent again, even concurrently (the second request
waits on the unique token and then finds the first one's result), leads to the first result instead of creating
again. Only the token says "the same form": equal values sent from a fresh form are a new record, so that what
was undone (a KPS removed by mistake, linked again at once) can be done again.
"""

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from registry.forms.base import OnceForm, add_service_error
from registry.models import FormSubmission
from registry.views.saved import say_saved

ALREADY_SENT = _("Formulir ini sudah terkirim sebelumnya; datanya tidak dicatat dua kali.")
TOKEN_INVALID = _("Formulir ini tidak dapat disimpan sekarang. Periksa isiannya lalu kirim sekali lagi.")


def earlier_result(request, form: OnceForm):
    """A redirect to what this user's earlier sending of this form (its one-time token) created, or None when it
    is new."""
    token = form.submitted_token()
    if token is None:
        return None
    url = (
        FormSubmission.objects.filter(token=token, user=request.user)
        .exclude(url="")
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
            submission = FormSubmission.objects.create(token=token, user=request.user)
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
    say_saved(request, success, url)
    return redirect(url)
