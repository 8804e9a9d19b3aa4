"""The one way services save a model: validated, in a transaction, with the history naming who did it."""

from django.db import models, transaction


def save_validated(instance: models.Model, *, by, reason: str | None = None) -> models.Model:
    """Runs `full_clean()` (fields, `clean()`, named constraints) and saves `instance`, recording `by` in history.

    Raises django.core.exceptions.ValidationError with Indonesian messages, saving nothing, when a rule fails.
    `by` is the acting user, or None for system jobs (the history then names no user); `reason`, when given, is
    the history's change reason (the page that made the change).
    """
    instance.full_clean()
    instance._history_user = by
    if reason:
        instance._change_reason = str(reason)
    with transaction.atomic():
        instance.save()
    return instance


def delete_recorded(instance: models.Model, *, by, reason: str | None = None) -> None:
    """Deletes `instance`, its history recording the deletion by `by` (with `reason` when given)."""
    instance._history_user = by
    if reason:
        instance._change_reason = str(reason)
    with transaction.atomic():
        instance.delete()
