"""The API's error answers: a service's (or a model's) Django ValidationError as a 400 with its Indonesian messages
per field, placed by the web's rule (`registry.forms.base.routed_messages`); a 404 that tells nothing."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from registry.forms.base import routed_messages

NOT_FOUND = _("Data tidak ditemukan.")


def field_errors(error: DjangoValidationError, fields=(), *, message_fields=None) -> dict[str, list[str]]:
    """`error`'s messages by field as the API answers them: next to a field of `fields` (the serializer's), a named
    constraint's by `message_fields` (violation code → field), the rest under `non_field_errors`."""
    answer = {}
    for field, errors in routed_messages(error, set(fields), message_fields=message_fields).items():
        key = api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field
        answer[key] = [str(message) for single in errors for message in single.messages]
    return answer


def exception_handler(exc, context):
    """DRF's handler, with a Django ValidationError as a 400 and a 404 in the registry's words (a record outside the
    area and one that does not exist answer alike)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(field_errors(exc))
    elif isinstance(exc, Http404 | exceptions.NotFound):
        exc = exceptions.NotFound(NOT_FOUND)
    return drf_exception_handler(exc, context)
