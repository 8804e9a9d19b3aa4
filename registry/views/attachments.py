"""Serving an attachment's file or thumbnail: the only way its bytes leave the registry.

The attachment is served to whoever sees its record (`registry.attachments.targets.scoped_record`) and is a 404 to
anyone else, as its record is. A PDF always downloads (`Content-Disposition: attachment`); a photo shows inline.
Every answer says `nosniff` and carries a sandboxing Content-Security-Policy, so a browser never runs anything
uploaded; `Cache-Control: private, no-store` comes from `wksbm.cache_control` as on every signed-in page.

In production nginx sends the bytes: with `ATTACHMENT_ACCEL_REDIRECT` set (the internal location of the media
folder, `deploy/nginx-wksbm.conf`), the view answers with `X-Accel-Redirect` and no body.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from registry.attachments.targets import scoped_record
from registry.models import Attachment, MediaType

# Nothing in a served file may run or load anything, even if a browser were to render it.
SANDBOX_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
EXTENSIONS = {MediaType.JPEG: "jpg", MediaType.PNG: "png", MediaType.PDF: "pdf"}


@login_required
def attachment_file(request, pk: int):
    """The attachment's stored file: inline for a photo, a download for a PDF."""
    return file_response(_visible_attachment(request, pk))


@login_required
def attachment_thumbnail(request, pk: int):
    """A photo's thumbnail (a JPEG); 404 for an attachment that has none (a PDF)."""
    return thumbnail_response(_visible_attachment(request, pk))


def file_response(attachment: Attachment) -> HttpResponse:
    """The answer serving `attachment`'s file (the caller has checked that the user sees its record): inline for a
    photo, a download for a PDF; sandboxed, and sent by nginx when `ATTACHMENT_ACCEL_REDIRECT` is set. The page
    and the API (`registry.api.endpoints.attachments`) both answer with it."""
    as_download = attachment.media_type == MediaType.PDF
    return _file_response(attachment.file, attachment.media_type, _download_name(attachment), as_download)


def thumbnail_response(attachment: Attachment) -> HttpResponse:
    """The answer serving `attachment`'s thumbnail, as `file_response`; Http404 when it has none (a PDF)."""
    if not attachment.thumbnail:
        raise Http404
    return _file_response(attachment.thumbnail, MediaType.JPEG, f"kecil-{_download_name(attachment)}", False)


def _visible_attachment(request, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    if scoped_record(request.user, attachment.content_type, attachment.object_id) is None:
        raise Http404
    return attachment


def _download_name(attachment: Attachment) -> str:
    """A safe file name from the title (`sk-pengesahan.pdf`): the name sent at upload never reaches a header."""
    stem = slugify(attachment.title)[:80] or f"lampiran-{attachment.pk}"
    return f"{stem}.{EXTENSIONS.get(attachment.media_type, 'bin')}"


def _file_response(stored, media_type: str, download_name: str, as_download: bool) -> HttpResponse:
    accel_prefix = settings.ATTACHMENT_ACCEL_REDIRECT
    if accel_prefix:
        response = HttpResponse(content_type=media_type)
        response["X-Accel-Redirect"] = f"{accel_prefix.rstrip('/')}/{stored.name}"
        response["Content-Disposition"] = content_disposition_header(as_download, download_name)
    else:
        try:
            opened = stored.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(opened, content_type=media_type, as_attachment=as_download, filename=download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    return response
