"""Optimistic concurrency over the API: an `ETag` per record, `If-Match` required to change one.

The tag is a hash of the record's version stamp (`registry.versions.version_of`, the stamp the web's edit pages
carry to detect someone else's save): it changes with every stored field, whoever wrote it (web, admin, import,
API). It covers the record's own row; a WKSBM's board and members are records of their own with their own tags.
"""

import hashlib

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

from registry.versions import version_of


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Sertakan header If-Match berisi ETag data ini (dari GET terakhir), agar perubahan orang lain tidak tertimpa."
    )
    default_code = "if_match_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "Data ini sudah diubah orang lain sejak Anda membacanya. Baca lagi (GET), periksa perubahannya, lalu kirim "
        "dengan ETag yang baru."
    )
    default_code = "stale"


def etag_of(instance) -> str:
    """The strong ETag of `instance` as stored (or as loaded): a quoted hash of its version stamp."""
    return '"' + hashlib.sha256(version_of(instance).encode()).hexdigest()[:32] + '"'


def check_if_match(request, instance) -> None:
    """Raises PreconditionRequired (428) when `request` has no If-Match, PreconditionFailed (412) when none of its
    tags is `instance`'s current one. Call it with the row locked, inside the writing transaction."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if etag_of(instance) not in tags:
        raise PreconditionFailed
