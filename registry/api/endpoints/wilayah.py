"""/api/v1/wilayah/: the official wilayah tree within the user's areas (read only), by its dotted code."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.api.base import ReadOnlyRecordViewSet
from registry.api.filters import WilayahPrefixFilter
from registry.api.serializers import RecordSerializer
from registry.enums import WilayahLevel
from registry.models import Wilayah


class WilayahSerializer(RecordSerializer):
    display_name = serializers.CharField(read_only=True, help_text=_("Nama seperti ditulis di daerahnya."))

    class Meta(RecordSerializer.Meta):
        model = Wilayah
        fields = ["code", "name", "display_name", "level", "kind", "parent"]


class WilayahFilterSet(django_filters.FilterSet):
    wilayah = WilayahPrefixFilter()
    tingkat = django_filters.ChoiceFilter(field_name="level", choices=WilayahLevel.choices, label=_("Tingkat"))
    induk = django_filters.CharFilter(field_name="parent_id", label=_("Kode wilayah induk"))

    class Meta:
        model = Wilayah
        fields = []


class WilayahViewSet(ReadOnlyRecordViewSet):
    """The wilayah in the user's areas and under them; any other answers 404."""

    queryset = Wilayah.objects.all()
    serializer_class = WilayahSerializer
    filterset_class = WilayahFilterSet
    lookup_value_regex = r"[0-9.]+"
