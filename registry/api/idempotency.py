"""Creating once over a weak signal: a POST sent with an `Idempotency-Key` header creates at most once.

The first request with a key (per user) records it, does the work and keeps the successful answer; the same key
again gets that answer back (`Idempotent-Replayed: true`), without writing anything. Two requests with one key
at once: the second waits for the first's transaction (the key's unique constraint) and gets its answer. The same
key with another request (method, path or body) is refused (422). A refused request (4xx) keeps no record, so it
may be corrected and sent again with its key. The field forms have the same rule with their hidden token
(`registry.models.FormSubmission`).
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from registry.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 100


class KeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("Idempotency-Key ini sudah dipakai untuk permintaan lain; pakai kunci baru.")
    default_code = "idempotency_key_reused"


class KeyInProgress(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Permintaan dengan Idempotency-Key ini masih diproses; coba lagi sebentar.")
    default_code = "idempotency_key_in_progress"


def fingerprint(request) -> str:
    """A hash of what `request` asks: method, path and its parsed body."""
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def replay(record: IdempotentRequest) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if record.location:
        headers["Location"] = record.location
    if record.etag:
        headers["ETag"] = record.etag
    return Response(record.response, status=record.status, headers=headers)


def once(request, work) -> Response:
    """The answer of `work()` (a function answering `request`), done at most once per `Idempotency-Key` of the
    user; without the header, simply `work()`."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return work()
    if len(key) > MAX_KEY_LENGTH:
        raise exceptions.ValidationError(
            {HEADER: [_("Idempotency-Key paling panjang %(max)d karakter.") % {"max": MAX_KEY_LENGTH}]}
        )
    asked = fingerprint(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotentRequest.objects.create(
                    user=request.user, key=key, method=request.method, path=request.path[:255], fingerprint=asked
                )
        except IntegrityError:
            record = IdempotentRequest.objects.get(user=request.user, key=key)
            if record.fingerprint != asked:
                raise KeyReused from None
            if record.status is None:
                raise KeyInProgress from None
            return replay(record)
        response = work()
        if not status.is_success(response.status_code):
            record.delete()
            return response
        record.status = response.status_code
        record.response = json.loads(JSONRenderer().render(response.data) or b"null")
        record.location = response.get("Location", "")[:255]
        record.etag = response.get("ETag", "")
        record.save(update_fields=["status", "response", "location", "etag"])
    return response
