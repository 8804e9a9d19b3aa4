"""No copy of a signed-in user's pages in any cache (UU 27/2022, PDP): the registry's pages and downloads carry
names, NIK (masked) and phone numbers, which a shared proxy or the browser's disk cache must not keep."""

from registry.opendata import PUBLIC_RESPONSE

PRIVATE_NO_STORE = "private, no-store"


class PrivateNoStoreMiddleware:
    """Sends every response to a signed-in user with `Cache-Control: private, no-store`, whatever the view set
    (the admin's `never_cache` included: one rule, one header).

    Static files never get here: WhiteNoise answers them earlier in the chain, with their own long-lived caching.
    Anonymous responses (the login page, error pages) keep what their views set, and so do the public open data's
    pages and files (issue 22: marked by `registry.opendata.PUBLIC_RESPONSE`), which name no person and are the
    same for everyone: their `Cache-Control: public` stands, and the user is not read for them (reading it would make
    the session add `Vary: Cookie`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, PUBLIC_RESPONSE, False):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = PRIVATE_NO_STORE
        return response
