"""The one way services save a model: validated, in a transaction, with the history naming who did it."""

from django.db import models, transaction


def save_validated(instance: models.Model, *, by) -> models.Model:
    """Runs `full_clean()` (fields, `clean()`, named constraints) and saves `instance`, recording `by` in history.

    Raises django.core.exceptions.ValidationError with Indonesian messages, saving nothing, when a rule fails.
    `by` is the acting user, or None for system jobs (the history then names no user).
    """
    instance.full_clean()
    instance._history_user = by
    with transaction.atomic():
        instance.save()
    return instance
