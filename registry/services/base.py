"""The one way services save a model: validated, in a transaction, with the history naming who did it."""

from django.db import models, transaction

from registry.verification import services as verification


def save_validated(instance: models.Model, *, by, reason: str | None = None) -> models.Model:
    """Runs `full_clean()` (fields, `clean()`, named constraints) and saves `instance`, recording `by` in history.

    Raises django.core.exceptions.ValidationError with Indonesian messages, saving nothing, when a rule fails.
    `by` is the acting user, or None for system jobs (the history then names no user); `reason`, when given, is
    the history's change reason (the page that made the change). A record of a verified kind entered by a user
    whose entries wait (a penyuluh) is sent for verification in the same transaction (`registry.verification`).
    """
    instance.full_clean()
    instance._history_user = by
    if reason:
        instance._change_reason = str(reason)
    with transaction.atomic():
        sent = verification.prepare(instance, by=by)
        instance.save()
        if sent is not None:
            sent()
    return instance


def delete_recorded(instance: models.Model, *, by, reason: str | None = None) -> None:
    """Deletes `instance`, its history recording the deletion by `by` (with `reason` when given). Its open
    verification items go with it; a report line removed by a penyuluh sends its report for verification."""
    instance._history_user = by
    if reason:
        instance._change_reason = str(reason)
    with transaction.atomic():
        verification.forget(instance, by=by)
        instance.delete()
