"""The office's uploaded logo, for the kop surat of printed documents: served to logged-in users only, never from
a public media URL (uploads stay out of reach of anyone who is not signed in)."""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from registry.models import OfficeSettings


@login_required
def office_logo(request):
    """The logo of the office's settings (`OfficeSettings.logo`); 404 while there is none."""
    logo = OfficeSettings.current().logo
    if not logo:
        raise Http404
    try:
        opened = logo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
    return FileResponse(opened, content_type=content_type)
