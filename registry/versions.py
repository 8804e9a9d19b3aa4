"""Saving over what someone else saved meanwhile: the version stamp of a stored row, and the conflict it reveals.

A page that edits a row carries the row's version stamp from when it was opened; saving compares it with the row
as stored now, inside the saving transaction with the row locked. The field pages (`registry.forms.wksbm`) and
every admin change form and inline row (`registry.admin_site`) use this module alone.

The stamp holds, for each concrete field, a short keyed hash (HMAC with the project's secret key) of the stored
value. So, field by field and without any history, saving knows what someone else changed since the page was
opened, what the user changed, and where the two collide; and the page never carries a stored value in clear (a
pengurus's NIK, UU 27/2022). It covers models without `updated_at`, and writes that do not touch `updated_at` or
leave history (`QuerySet.update`, `bulk_update` in imports) still change the stamp.
"""

import contextlib
import datetime
import decimal
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from registry.validators import mask_nik

STAMP_PREFIX = "v1:"
DIGEST_LENGTH = 10
EMPTY = _("(kosong)")
# Fields whose value is personal data: shown masked whenever a conflict lists them.
MASKED_FIELDS = {"nik": mask_nik}


def stamped_fields(model) -> list[models.Field]:
    """The fields a stamp of `model` covers, in a fixed order: every concrete field but the primary key."""
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _canonical(model_field: models.Field, value) -> str:
    if isinstance(value, models.Model):
        value = value.pk
    with contextlib.suppress(ValidationError, TypeError, ValueError):  # an unparsable value is compared as typed
        value = model_field.to_python(value)
    if value is None:
        return "\x00"
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


def digest(model_field: models.Field, value) -> str:
    """The keyed hash of `value` (a model or form value) of `model_field`, as one field of a stamp."""
    key = f"registry.versions.{model_field.model._meta.label}.{model_field.attname}"
    return salted_hmac(key, _canonical(model_field, value), algorithm="sha256").hexdigest()[:DIGEST_LENGTH]


def version_of(instance: models.Model) -> str:
    """The version stamp of `instance` as stored (or as it is in memory): `v1:` and one digest per field."""
    return STAMP_PREFIX + ".".join(digest(f, f.value_from_object(instance)) for f in stamped_fields(type(instance)))


def digests_of(model, stamp: str | None) -> dict[str, str] | None:
    """The digest of each field (by attname) that `stamp` holds, or None when it is not a stamp of `model`'s fields."""
    if not stamp or not stamp.startswith(STAMP_PREFIX):
        return None
    parts = stamp[len(STAMP_PREFIX) :].split(".")
    fields = stamped_fields(model)
    if len(parts) != len(fields):
        return None
    return {f.attname: part for f, part in zip(fields, parts, strict=True)}


@dataclass
class FieldChange:
    """One field someone else changed after the page was opened.

    `mine` is what the user sent, `theirs` the value saved now; `touched` says the user changed it too (a real
    disagreement). Both values are display strings.
    """

    name: str
    label: str
    mine: str
    theirs: str
    touched: bool


@dataclass
class EditConflict:
    """Someone else saved the row after the user opened the page: who, when, and the fields in question.

    `merged` is what the page offers to save next: the user's value where they changed a field, the current value
    where only the other person did.
    """

    changes: list[FieldChange]
    merged: dict = field(default_factory=dict)
    by: object = None
    at: datetime.datetime | None = None


def display_value(model_field: models.Field, value, *, empty=EMPTY) -> str:
    """`value` of `model_field` as a person reads it: choice labels, `17 Juni 2025`, Ya/Tidak, a related row's
    name, NIK masked, `empty` ("(kosong)") for nothing. The history pages show their changes with it too
    (`registry.admin.history.ReadableHistory`)."""
    if isinstance(value, models.Model):
        value = value.pk
    if value in (None, ""):
        return str(empty)
    if model_field.name in MASKED_FIELDS:
        return MASKED_FIELDS[model_field.name](str(value))
    if model_field.is_relation:
        related = model_field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Ya") if value else _("Tidak"))
    if isinstance(value, datetime.datetime):
        return date_format(localtime(value), "j F Y, H.i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def last_saved(instance: models.Model) -> tuple[object, datetime.datetime | None]:
    """Who saved `instance` last and when, as its history knows it; (None, None) without history."""
    history = getattr(instance, "history", None)
    if history is None or not hasattr(history, "first"):
        return None, None
    latest = history.select_related("history_user").first()
    return (latest.history_user, latest.history_date) if latest else (None, None)


def edit_conflict(
    *,
    stamp: str | None,
    stored: models.Model,
    mine: dict,
    labels: dict[str, str] | None = None,
    display: Callable[[models.Field, object], str] = display_value,
) -> EditConflict | None:
    """The conflict between the values a user sends (`mine`, by model field name) over a page opened at `stamp`
    and the row as `stored` now; None when saving them loses nobody's change.

    None when `stamp` is the stored row's, or when every field someone else changed since `stamp` already has the
    value the user sent. A field counts as someone else's change when its stored value differs from the one the
    stamp was taken of (from every differing value when the stamp cannot be read). Fields outside `mine` are not
    compared: the caller writes only `mine`. Changes are listed in the order of `mine`.
    """
    if stamp == version_of(stored):
        return None
    base = digests_of(type(stored), stamp)
    labels = labels or {}
    changes, merged = [], {}
    for name, value in mine.items():
        model_field = stored._meta.get_field(name)
        theirs = model_field.value_from_object(stored)
        merged[name] = value
        theirs_digest, mine_digest = digest(model_field, theirs), digest(model_field, value)
        if base is not None and base[model_field.attname] == theirs_digest:
            continue  # only the user changed it, or nobody did
        if mine_digest == theirs_digest:
            continue
        touched = base is None or base[model_field.attname] != mine_digest
        if not touched:
            merged[name] = theirs
        label = str(labels.get(name) or model_field.verbose_name)
        changes.append(FieldChange(name, label, display(model_field, value), display(model_field, theirs), touched))
    if not changes:
        return None
    by, at = last_saved(stored)
    return EditConflict(changes=changes, merged=merged, by=by, at=at)
