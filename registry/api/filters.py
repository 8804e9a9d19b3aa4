"""The API lists' filters, django-filter FilterSets over the same queryset rules the admin's list filters use
(`registry.admin.list_filters`): wilayah by code prefix (`code_prefix_q`), "mungkin vakum"
(`possibly_dormant`), "kepengurusan belum lengkap" (`incomplete_board`), member KPS kind
(`having_member_kind`), and "changed since" a date."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from registry.scoping import code_prefix_q


class WilayahPrefixFilter(django_filters.CharFilter):
    """Records whose wilayah lies at or under the code given (`34.03` for a kabupaten), by the queryset's own
    `area_field`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Kode wilayah (beserta wilayah di bawahnya), mis. 34.03"))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(code_prefix_q(queryset.area_field, [value.strip().rstrip(".")]))


class ChangedSinceFilter(django_filters.CharFilter):
    """Records changed (or created) at or after the moment given (`2026-01-31`, from that day's start in the
    project's time zone, or `2026-01-31T08:00:00+07:00`): by `updated_at` where the model has it, else by its
    history (a record with a history row since then)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Diubah sejak (tanggal atau waktu ISO 8601)"))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        since = moment(value)
        model = queryset.model
        if any(field.name == "updated_at" for field in model._meta.concrete_fields):
            return queryset.filter(updated_at__gte=since)
        changed = model.history.filter(history_date__gte=since).values("id")
        return queryset.filter(pk__in=changed)


def moment(value: str) -> datetime.datetime:
    """`value` (an ISO date or date-time) as an aware date-time; a 400 with the expected form otherwise."""
    value = value.strip()
    try:
        parsed = parse_datetime(value.replace(" ", "+"))
        if parsed is None and (day := parse_date(value)) is not None:
            parsed = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationError(
            {"diubah_sejak": [_("Tulis tanggal seperti 2026-01-31 (atau 2026-01-31T08:00:00+07:00).")]}
        )
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class RecordFilterSet(django_filters.FilterSet):
    """Every scoped list's filters: `wilayah` (code prefix) and `diubah_sejak`."""

    wilayah = WilayahPrefixFilter()
    diubah_sejak = ChangedSinceFilter()
