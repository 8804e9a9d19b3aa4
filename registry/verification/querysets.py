"""Reads of the verification queue, scoped by area like every record (`for_user`)."""

from django.db import models
from django.db.models import Min

from registry.enums import VerificationState
from registry.scoping import ScopedQuerySetMixin


class VerificationItemQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wilayah__code"

    def waiting(self):
        """Items waiting for an operator ("menunggu verifikasi"), oldest first."""
        return self.filter(state=VerificationState.MENUNGGU).order_by("submitted_at", "pk")

    def returned(self):
        """Items returned to the field with a reason ("dikembalikan"), oldest first."""
        return self.filter(state=VerificationState.DIKEMBALIKAN).order_by("submitted_at", "pk")

    def open(self):
        """Items not yet verified: waiting or returned."""
        return self.filter(state__in=(VerificationState.MENUNGGU, VerificationState.DIKEMBALIKAN))

    def of_record(self, record):
        """The items of `record` (any verified kind), newest first."""
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(type(record))
        return self.filter(content_type=content_type, object_id=record.pk).order_by("-submitted_at", "-pk")


def queue_groups(items, *, page_size: int = 20, page: int = 1):
    """The waiting `items` (already scoped: `VerificationItem.objects.for_user(user)`) grouped by WKSBM for one
    page of the queue: ([(wksbm or None, [items oldest first])], whether a next page exists). The groups come in
    the order of their oldest item; items of no WKSBM (a KPS not yet a member of one) form one group, None. Two
    queries whatever the queue's length: the page's groups (one more than fit, to know of a next page) and their
    items with what they show.
    """
    waiting = items.waiting()
    start = (page - 1) * page_size
    groups = list(
        waiting.values("wksbm_id")
        .annotate(oldest=Min("submitted_at"))
        .order_by("oldest", "wksbm_id")[start : start + page_size + 1]
    )
    has_next = len(groups) > page_size
    keys = [group["wksbm_id"] for group in groups[:page_size]]
    wanted = models.Q(wksbm_id__in=[key for key in keys if key is not None])
    if None in keys:
        wanted |= models.Q(wksbm=None)
    by_wksbm: dict = {}
    for item in waiting.filter(wanted).select_related(
        "wksbm__wilayah__parent__parent", "wilayah", "submitted_by__petugas_profile"
    ):
        by_wksbm.setdefault(item.wksbm_id, []).append(item)
    return [(by_wksbm[key][0].wksbm, by_wksbm[key]) for key in keys if key in by_wksbm], has_next
