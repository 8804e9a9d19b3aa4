"""Where a field form whose sending cannot be accepted is kept instead of lost (`registry.typed_work`).

Two moments, one rule (`keep_and_return`):
- `KeepFormOfEndedSession`, a middleware: a field form sent after the session ended arrives without a user, and
  `login_required` would send the person to log in with their typing lost. Its values are kept for the form's
  owner and the person is sent to log in, then back to the form, which shows them.
- `csrf_failure`, the CSRF_FAILURE_VIEW: a field form sent with a CSRF token that no longer matches (the cookie
  changed, another tab logged in again) is kept the same way and the person is sent back to the form at once.
  Anything else gets the usual refusal (templates/403_csrf.html).
A form is kept only when it carries a valid owner marker for its own address, and for a signed-in person only
when the marker is theirs.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.views import csrf

from registry import typed_work


def keep_and_return(request):
    """Keeps the field form sent in `request` and returns the way back to it: through the login page for a
    request without a user, else straight to the form. None when the form is not kept (see above)."""
    owner_pk = typed_work.owner_of(request)
    if owner_pk is None:
        return None
    if not request.user.is_authenticated:
        typed_work.keep(request, owner_pk=owner_pk)
        messages.info(request, typed_work.SESSION_ENDED)
        return redirect_to_login(request.get_full_path())
    if owner_pk != request.user.pk:
        return None
    typed_work.keep(request, owner_pk=owner_pk)
    return redirect(request.get_full_path())


class KeepFormOfEndedSession:
    """Keeps a field form POSTed without a user (the session ended while it was being filled) before
    `login_required` turns it away. Runs after the CSRF check and the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated:
            return None
        return keep_and_return(request)


def csrf_failure(request, reason=""):
    """The CSRF_FAILURE_VIEW: a field form is kept and the person led back to it; anything else is refused."""
    return keep_and_return(request) or csrf.csrf_failure(request, reason)
