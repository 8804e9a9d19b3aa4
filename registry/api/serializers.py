"""The API's serializers: `?fields=` to trim answers, and personal data by the web's rules (UU 27/2022).

- A NIK is never answered whole: `nik` is write-only, its masked form (`3403••••••••••01`) is `masked_nik`.
- A phone number is answered as `registry.validators.shown_phone` shows it on the pages: whole (0812-3456-7890)
  for the roles that change records, masked (08******890) for the pimpinan; written in any form people type
  and stored in its E.164 form (`normalize_phone_number`).
- Every other rule is the model's and the service's: `RecordSerializer` checks only types and formats, and
  leaves uniqueness and the constraints to the service's `full_clean` (so their messages are the web's).
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.validators import mask_nik, normalize_phone_number, shown_phone, validate_phone

FIELDS_PARAMETER = "fields"


def requested_fields(request) -> set[str] | None:
    """The field names of `?fields=a,b` (None when not given: every field)."""
    if request is None:
        return None
    raw = request.query_params.get(FIELDS_PARAMETER)
    if not raw:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


class PhoneField(serializers.CharField):
    """A phone number: read as the user may see it (`shown_phone`), written as typed and stored as E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        kwargs.pop("validators", None)
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        return shown_phone(value or "", request.user if request else None)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        if not text:
            return ""
        try:
            return normalize_phone_number(text)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class MaskedNikField(serializers.ReadOnlyField):
    """The NIK as it may be listed (`mask_nik`); "" for none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "nik")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return mask_nik(value or "")


def iso_date(value: datetime.date | None) -> str | None:
    """A date as DRF's `DateField` answers it (ISO 8601, the API's date format), for rows built without one."""
    return value.isoformat() if value else None


class BuiltRowsSerializer(serializers.ListSerializer):
    """A nested list whose rows are read already in the answer's form (dicts built from plain database rows, for
    lists too long for a serializer a row); the child serializer describes them for the schema. Set it as the
    child's `Meta.list_serializer_class`, and test the built rows against the child's own answer."""

    def to_representation(self, data):
        return list(data)


class FieldsMixin:
    """Keeps only the fields named by `?fields=` on the answer's top-level records (`context["trim"]`, set by the
    viewsets for what they answer, not for what they read); nested records keep all theirs."""

    def get_fields(self):
        fields = super().get_fields()
        top = self.parent is None or (self.parent is self.root and isinstance(self.root, serializers.ListSerializer))
        if not (top and self.context.get("trim")):
            return fields
        wanted = requested_fields(self.context.get("request"))
        if wanted is None:
            return fields
        return {name: field for name, field in fields.items() if name in wanted}


class RecordSerializer(FieldsMixin, serializers.ModelSerializer):
    """A model's serializer under the API's rules (see the module docstring): phone fields as `PhoneField`, NIK
    fields write-only, no validator of the serializer's own (the service's `full_clean` judges)."""

    class Meta:
        validators = []

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if validate_phone in model_field.validators:
            field_class = PhoneField
            kwargs = {key: kwargs[key] for key in ("required", "allow_blank", "label", "help_text") if key in kwargs}
        if model_field.name == "nik":
            kwargs["write_only"] = True
        return field_class, kwargs

    def get_validators(self):
        return []


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record chosen by its id among those the user may choose: `candidates(user)` when given (the web
    form's own choices, e.g. `area_candidates`), else `queryset.for_user(user)`; one outside them is refused as if
    it did not exist."""

    default_error_messages = {
        "does_not_exist": _("Tidak ditemukan di wilayah kerja Anda: %(pk)s."),
        "incorrect_type": _("Tulis id-nya."),
    }

    def __init__(self, *, candidates=None, **kwargs):
        self.candidates = candidates
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = request.user if request else None
        if self.candidates is not None:
            return self.candidates(user)
        return super().get_queryset().for_user(user)

    def to_internal_value(self, data):
        if isinstance(data, bool | list | dict):
            raise serializers.ValidationError(self.error_messages["incorrect_type"])
        try:
            return self.get_queryset().get(pk=data)
        except ObjectDoesNotExist:
            raise serializers.ValidationError(self.error_messages["does_not_exist"] % {"pk": data}) from None
        except (TypeError, ValueError, DjangoValidationError):
            raise serializers.ValidationError(self.error_messages["incorrect_type"]) from None
