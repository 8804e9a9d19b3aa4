"""Reads of the verification queue, scoped by area like every record (`for_user`)."""

from django.db import models

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
