"""Which records can carry attachments, and who may see and add them: the one rule, for the field pages, the file
view, the admin and the API alike.

A model is registered once at start-up (`register`); the registry registers its own in `RegistryConfig.ready` and
`trainings` its events, visits and evaluations in `TrainingsConfig.ready`, so the registry never imports
`trainings`. A registered model's default manager has `for_user(user)`: an attachment is seen by whoever sees its
record, and nobody else (a file outside the user's area is a 404, as its record is).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

_MODELS: dict[str, type[models.Model]] = {}


def register(model: type[models.Model]) -> None:
    """Lets records of `model` carry attachments. Its default manager must have `for_user(user)`."""
    if not hasattr(model._default_manager, "for_user"):
        raise TypeError(f"{model._meta.label} has no for_user(); an attachment's record must be scoped by area")
    _MODELS[model._meta.label_lower] = model


def attachable_models() -> list[type[models.Model]]:
    """Every model whose records can carry attachments, in the order registered."""
    return list(_MODELS.values())


def is_attachable(model_or_record) -> bool:
    """True when records of this model (or this record's model) can carry attachments."""
    return model_or_record._meta.label_lower in _MODELS


def scoped_record(user, content_type: ContentType, object_id: int) -> models.Model | None:
    """The record (`content_type`, `object_id`) when it can carry attachments and `user` may see it; else None (not
    registered, gone, or outside the user's area)."""
    model = _MODELS.get(f"{content_type.app_label}.{content_type.model}")
    if model is None:
        return None
    return model._default_manager.for_user(user).filter(pk=object_id).first()


def may_attach(user, record: models.Model) -> bool:
    """True when `user` may add attachments to `record` (and remove them): they may add attachments at all
    (`registry.add_attachment`), may change the record itself (`<app>.change_<model>`: a forum, kept by the office,
    takes the office's attachments only), and see the record (its area)."""
    options = record._meta
    if not is_attachable(record):
        return False
    if not (
        user.has_perm("registry.add_attachment") and user.has_perm(f"{options.app_label}.change_{options.model_name}")
    ):
        return False
    return type(record)._default_manager.for_user(user).filter(pk=record.pk).exists()


def register_registry_models() -> None:
    """The registry's records that carry attachments: WKSBM, activity reports, mitra, ties and forums."""
    from registry.models import ActivityReport, ForumKomunikasi, Jejaring, Mitra, Wksbm

    for model in (Wksbm, ActivityReport, Mitra, Jejaring, ForumKomunikasi):
        register(model)
