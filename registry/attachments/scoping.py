"""Which attachments a user sees, as a queryset: those whose record they see. An attachment has no area of its
own; each attachable model's `for_user` decides for its records (`registry.attachments.targets`), as
`scoped_record` does for one attachment."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from registry.attachments.targets import attachable_models
from registry.scoping import area_codes


def attachments_for_user(queryset, user):
    """The attachments of `queryset` whose record `user` sees (every one for a superuser, none for a user without
    an area): one condition per attachable model, each a subquery of that model's `for_user`."""
    if area_codes(user) is None:
        return queryset
    condition = Q(pk__in=[])
    types = ContentType.objects.get_for_models(*attachable_models())
    for model, content_type in types.items():
        seen = model._default_manager.for_user(user).values("pk")
        condition |= Q(content_type=content_type, object_id__in=seen)
    return queryset.filter(condition)
