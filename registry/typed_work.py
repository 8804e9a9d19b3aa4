"""Never losing what a petugas typed into a field form when its sending cannot be accepted (issue 17).

A field form sent after the session ended (the POST arrives without a user) or after the CSRF token changed is
kept server-side, for that one form, and shown filled when its owner opens the form again:

- Every field form carries a signed owner marker (`mark_owner`, a hidden field `OWNER_FIELD`): the user it was
  shown to and its address. Only a POST carrying a valid marker for its own address is kept (`owner_of`), and
  only for that user: nobody else logging in on the same browser gets the values, and another site cannot
  plant values (it cannot sign a marker).
- `keep` stores the values (never files; no CSRF token, marker or password) in a `KeptForm` under a random key
  that only the browser's session knows; nothing goes into an address.
- `take`, called by the form page's GET, gives them back once, to the same user on the same address within
  `KEEP_FOR`, with the message `RESTORED`; `manage.py housekeeping` removes kept forms older than that
  (`kept_forms_expired`).

The marker also names the browser's own draft of the form (static/js/drafts.js), so that a draft, too, is
offered only to the person who typed it, on the page where it was typed.
"""

import datetime
import secrets

from django import forms
from django.contrib import messages
from django.core import signing
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import KeptForm

OWNER_FIELD = "form_owner"
# Where the key of the browser's kept form waits in its session (the new one, after a login).
SESSION_KEY = "kept_form"
# How long a kept form is given back: a working day's interruption, well within a session's SESSION_HOURS.
KEEP_FOR = datetime.timedelta(hours=4)

RESTORED = _("Isian Anda dipulihkan; periksa lalu kirim.")
SESSION_ENDED = _("Sesi Anda telah berakhir. Masuk lagi: isian formulir Anda disimpan dan ditampilkan kembali.")

_signer = signing.Signer(salt="registry.typed_work.owner")

# The one-time token of a creating form is kept: it names the submission (sent again, it still creates once), it
# grants nothing. Any other field named like a secret is not.
SUBMISSION_TOKEN = "form_token"
SECRET_WORDS = ("password", "sandi", "token", "csrf")


def owner_marker(user, path: str) -> str:
    """The signed marker of a field form at `path` shown to `user`. The same for the same user and address, so
    that the browser's draft of the form (named by it) is found again when the page is opened again."""
    return _signer.sign(f"{user.pk}:{path}")


def owner_of(request) -> int | None:
    """The pk of the user to whom the form sent in `request` (a POST) was shown, or None when it carries no valid
    owner marker for its own address (not a field form, or a marker made up or copied from another form)."""
    sent = next((value for name, value in request.POST.items() if field_name(name) == OWNER_FIELD), None)
    if not sent:
        return None
    try:
        user_pk, path = _signer.unsign(sent).split(":", 1)
    except (signing.BadSignature, ValueError):
        return None
    return int(user_pk) if path == request.path else None


def field_name(name: str) -> str:
    """The field's own name in a POST key, without its form's prefix (`dana-0-amount` → `amount`)."""
    return name.rsplit("-", 1)[-1]


def is_kept(name: str) -> bool:
    """Whether the POST value `name` is kept: not the CSRF token, the owner marker or anything like a secret."""
    own = field_name(name)
    if own == SUBMISSION_TOKEN:
        return True
    return own != OWNER_FIELD and not any(word in own.lower() for word in SECRET_WORDS)


class OwnerMarkerField(forms.CharField):
    """The hidden owner marker. It always shows the marker of the page being served, never a value sent, and a
    form shown with values (sent back with errors, or restored) says so (`data-bound`) to the draft script."""

    def __init__(self, marker: str, *, bound: bool):
        attrs = {"data-owner": ""} | ({"data-bound": ""} if bound else {})
        super().__init__(required=False, initial=marker, widget=forms.HiddenInput(attrs=attrs))

    def bound_data(self, data, initial):
        return initial


def mark_owner(form: forms.BaseForm, request) -> None:
    """Adds the owner marker of `request`'s user and address to `form`'s hidden fields."""
    marker = owner_marker(request.user, request.path)
    form.fields[OWNER_FIELD] = OwnerMarkerField(marker, bound=form.is_bound)


def keep(request, *, owner_pk: int) -> KeptForm:
    """Keeps the values of the form sent in `request` for the user `owner_pk`, and its key in the session (whose
    data survives the login that follows). Files are not kept. A browser keeps one form: the last one sent."""
    values = {name: request.POST.getlist(name) for name in request.POST if is_kept(name)}
    kept = KeptForm.objects.create(key=secrets.token_urlsafe(32), user_id=owner_pk, path=request.path, values=values)
    request.session[SESSION_KEY] = kept.key
    return kept


def take(request) -> QueryDict | None:
    """The values kept for this form (the user's, at this address, within `KEEP_FOR`) as POST data, removed as
    they are given back, with the message `RESTORED`; or None."""
    key = request.session.get(SESSION_KEY)
    if not key or not request.user.is_authenticated:
        return None
    cutoff = timezone.now() - KEEP_FOR
    kept = KeptForm.objects.filter(key=key, user=request.user, path=request.path, created_at__gte=cutoff).first()
    if kept is None:
        return None
    kept.delete()
    del request.session[SESSION_KEY]
    data = QueryDict(mutable=True)
    for name, values in kept.values.items():
        data.setlist(name, values)
    messages.info(request, RESTORED)
    return data


def kept_forms_expired(*, now: datetime.datetime) -> QuerySet:
    """The kept forms no longer given back at `now` (older than `KEEP_FOR`)."""
    return KeptForm.objects.filter(created_at__lt=now - KEEP_FOR)
