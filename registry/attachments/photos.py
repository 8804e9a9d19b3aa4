"""The latest photos of a record, and of a WKSBM with what happened around it, for the thumbnails of the WKSBM's
page, its profil and the printed reports.

A photo is an attachment stored as an image (`Attachment.is_photo`): a PDF never shows as a thumbnail. Callers
have already found the record within the user's area, so the photos are its own, read in one query whatever the
number of records they come from.
"""

from django.db.models import Q, QuerySet

from registry import extensions
from registry.models import Attachment, MediaType

PHOTO_TYPES = (MediaType.JPEG, MediaType.PNG)
# How many latest photos a record's page, its profil and its printed report show.
LATEST_PHOTOS = 6


def of_kind(model, **lookups) -> Q:
    """Attachments of records of `model` matching `lookups` on `object_id`; the kind is matched by its content
    type's names, joined in the same query (no lookup of the content type of its own)."""
    options = model._meta
    return Q(content_type__app_label=options.app_label, content_type__model=options.model_name, **lookups)


def photos() -> QuerySet[Attachment]:
    """Every photo, latest first (`Attachment`'s ordering), with its kind."""
    return Attachment.objects.filter(media_type__in=PHOTO_TYPES).select_related("kind")


def latest_photos(record, limit: int) -> list[Attachment]:
    """The `limit` latest photos attached to `record` itself (one query)."""
    return list(photos().filter(of_kind(type(record), object_id=record.pk))[:limit])


def wksbm_photos(wksbm, limit: int) -> list[Attachment]:
    """The `limit` latest photos of `wksbm`: its own, its activity reports', and those of the records other apps
    add (`registry.extensions.wksbm_photo_sources`: visits, events), in one query."""
    from registry.models import ActivityReport

    of_records = of_kind(type(wksbm), object_id=wksbm.pk)
    related = [ActivityReport.objects.filter(wksbm=wksbm)]
    related += [source.records(wksbm) for source in extensions.wksbm_photo_sources.values()]
    for records in related:
        of_records |= of_kind(records.model, object_id__in=records.values("pk"))
    return list(photos().filter(of_records)[:limit])
