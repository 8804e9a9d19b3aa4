"""Building blocks of the field forms: phone-friendly widgets, Indonesian dates and Rupiah, the one-time token,
model forms and where errors show.

Every field form puts its labels above the fields and its errors next to the field they concern
(templates/registry/_field.html). A form that edits a model is a `FieldModelForm`: the model's rules judge it,
and are not repeated here. A service's ValidationError, and a model constraint's, are placed on the form by
`routed_error` (by the constraint's violation code).
"""

import uuid

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from lokal.rupiah import parse_rupiah

from registry.validators import display_phone, normalize_phone_number, validate_phone

# Formats accepted in a date field: the browser's date picker sends ISO; people type 17/06/2025 or 17-06-2025.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"]


class DateInput(forms.DateInput):
    """The phone's own date picker (`type=date`), which needs the ISO value; typed dates still parse."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date typed as 17/06/2025 or picked, with an Indonesian message for anything else."""

    widget = DateInput
    default_error_messages = {"invalid": _("Tulis tanggal seperti 17/06/2025.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


class RupiahField(forms.CharField):
    """An amount of whole Rupiah typed as people write it: `125.000`, `Rp125.000`, `Rp 1.500.000`, `125000`.

    Cleans to an int. Refuses negative, fractional and approximate amounts ("2 jutaan") with Indonesian messages.
    """

    default_error_messages = {
        "invalid": _("Tulis jumlah rupiah seperti 125.000 atau Rp125.000."),
        "negative": _("Jumlah tidak boleh negatif."),
        "fraction": _("Tulis jumlah dalam rupiah bulat, tanpa sen."),
        "approximate": _("Tulis jumlah yang pasti, bukan perkiraan."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        # A number pad with a dot on phones; "Rp" is optional, so the field stays a text field.
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        if text.lstrip().startswith("-"):
            raise ValidationError(self.error_messages["negative"], code="negative")
        parsed = parse_rupiah(text)
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if parsed.approximate:
            raise ValidationError(self.error_messages["approximate"], code="approximate")
        if parsed.amount != int(parsed.amount):
            raise ValidationError(self.error_messages["fraction"], code="fraction")
        return int(parsed.amount)


class PhoneField(forms.CharField):
    """An Indonesian phone number, shown in its display form (`display_phone`: 0812-3456-7890) and cleaned to its
    E.164 form (+6281234567890) so lists and imports agree. A number typed in another form of the stored one is no
    change (`has_changed`), so saving it unchanged writes nothing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone_number(value) if value else ""

    def prepare_value(self, value):
        return display_phone(value) if value else value

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            typed = self.clean(data)
        except ValidationError:
            return True
        return (initial or "") != typed


class OnceForm(forms.Form):
    """A form that creates a record, with a one-time token so that sending it twice creates one record.

    The token is a fresh UUID on every unbound form; a bound form keeps the one it was sent with, so a form
    shown again with errors is still the same submission. See `registry.views.once`.
    """

    form_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Formulir ini tidak lengkap. Periksa isiannya lalu kirim sekali lagi."),
            "invalid": _("Formulir ini tidak lengkap. Periksa isiannya lalu kirim sekali lagi."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = uuid.uuid4()

    def submitted_token(self) -> uuid.UUID | None:
        """The token the bound form was sent with, or None when it is missing or malformed."""
        try:
            return uuid.UUID(str(self.data.get(self.add_prefix("form_token"), "")))
        except ValueError:
            return None

    def service_fields(self) -> dict:
        """The cleaned values less the token: the keyword arguments of the service that creates the record."""
        return {name: value for name, value in self.cleaned_data.items() if name != "form_token"}


def constraint_messages(model, fields_by_constraint: dict[str, str]) -> dict[str, str]:
    """Maps the violation code of each named constraint of `model` to the form field its message belongs next to.

    Django reports a broken model constraint as an error of the whole form; this lets the form show it next to
    the field the person has to change (the name of a duplicate WKSBM, the end date of a term). Keyed by the
    constraint's `violation_error_code`, never its message, so a translated message lands on the same field.
    Raises LookupError for a name that is not a constraint of `model` with a code.
    """
    codes = {constraint.name: constraint.violation_error_code for constraint in model._meta.constraints}
    missing = [name for name in fields_by_constraint if not codes.get(name)]
    if missing:
        raise LookupError(f"{model._meta.label} has no constraint with a violation code named {missing}")
    return {codes[name]: field for name, field in fields_by_constraint.items()}


def routed_messages(
    error: ValidationError, fields, *, message_fields: dict[str, str] | None = None
) -> dict[str, list[ValidationError]]:
    """The messages of `error` keyed by where each shows among `fields` (names): next to its own field when shown,
    a named constraint's message next to the field `message_fields` (violation code → field, see
    `constraint_messages`) gives for its code, anything else under NON_FIELD_ERRORS. The field forms
    (`routed_error`) and the API (`registry.api.errors`) place a service's messages by this one rule."""
    message_fields = message_fields or {}
    by_field = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    routed: dict[str, list[ValidationError]] = {}
    for field, errors in by_field.items():
        for single in errors:
            target = field if field in fields else message_fields.get(single.code)
            routed.setdefault(target if target in fields else NON_FIELD_ERRORS, []).append(single)
    return routed


def routed_error(form: forms.Form, error: ValidationError, *, message_fields: dict[str, str] | None = None):
    """`error` keyed by where each message shows on `form` (`routed_messages`)."""
    return ValidationError(routed_messages(error, form.fields, message_fields=message_fields))


def add_service_error(
    form: forms.Form, error: ValidationError, *, message_fields: dict[str, str] | None = None
) -> None:
    """Puts a service's ValidationError on `form`, each message where `routed_error` places it."""
    form.add_error(None, routed_error(form, error, message_fields=message_fields))


def field_formfield(model_field, **kwargs):
    """The form field of `model_field` on a field page: a date typed or picked (`DateField`), a phone number
    (`PhoneField`, for a field validated by `validate_phone`), anything else as Django makes it."""
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateField)
    elif validate_phone in model_field.validators:
        kwargs.setdefault("form_class", PhoneField)
    return model_field.formfield(**kwargs)


class FieldModelForm(forms.ModelForm):
    """A field form that edits a model: lengths, validators, the model's `clean` and its constraints come from
    the model (`Model.full_clean`, run by the form); the form states only labels, widgets and its own wording.

    A broken constraint's message shows next to the field `message_fields` gives for its violation code
    (`routed_error`), as a service's does. Writes go through the services with the cleaned values, never
    `form.save()`.
    """

    message_fields: dict[str, str] = {}

    class Meta:
        formfield_callback = field_formfield

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError):
            error = routed_error(self, error, message_fields=self.message_fields)
        super().add_error(field, error)
