"""What a person who signs out leaves on the device: nothing of the registry's.

Field forms keep drafts in the browser's storage (`static/js/drafts.js`): names, phone numbers, sometimes a NIK
being typed. On a phone or a computer shared at the kantor desa, the next person must not find them. Signing
out, from the field pages or the admin, therefore answers with `Clear-Site-Data: "storage"`, which makes the
browser empty the site's local storage; the logout button also clears the drafts itself before sending
(`data-forget-drafts`), for browsers that ignore the header. The browser's HTTP cache holds nothing to clear:
every signed-in page is sent `no-store` (`wksbm.cache_control`).
"""

from django.contrib.auth.signals import user_logged_out

CLEAR_SITE_DATA = '"storage"'
_SIGNED_OUT = "_wksbm_signed_out"


def _note_sign_out(sender, request, user, **kwargs) -> None:
    if request is not None and user is not None:  # Django sends the signal with no user for an anonymous logout
        setattr(request, _SIGNED_OUT, True)


def connect() -> None:
    """Connects the receiver noting, on the request, that its user signed out (every logout view sends
    Django's `user_logged_out`)."""
    user_logged_out.connect(_note_sign_out, dispatch_uid="wksbm.device_data.signed_out")


class ClearSiteDataOnSignOutMiddleware:
    """Adds `Clear-Site-Data: "storage"` to the response of a request during which its user signed out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, _SIGNED_OUT, False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
