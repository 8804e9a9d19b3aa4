"""/api/v1/pengurus/: the board members of the WKSBM in the user's area; added, corrected and their term ended as
on the field pages (`registry.services.wksbm`), the NIK never answered whole."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action

from registry.api.base import RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import MaskedNikField, RecordSerializer, ScopedRelatedField
from registry.forms.pengurus import MESSAGE_FIELDS, PengurusEndForm, PengurusFields
from registry.models import Pengurus, Wksbm
from registry.querysets import current_term_q
from registry.services import wksbm as services

FIELDS = PengurusFields.Meta.fields  # role, name, phone, nik, period_from, period_to


class EndSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text=_("Hari terakhir; hari ini bila tidak diisi."))


class PengurusSerializer(RecordSerializer):
    wksbm = serializers.PrimaryKeyRelatedField(read_only=True)
    role_name = serializers.CharField(source="role.name", read_only=True)
    masked_nik = MaskedNikField()
    is_current = serializers.SerializerMethodField()

    class Meta(RecordSerializer.Meta):
        model = Pengurus
        fields = ["id", "wksbm", *FIELDS, "role_name", "masked_nik", "is_current", "verification"]
        read_only_fields = ["verification"]

    def get_is_current(self, pengurus) -> bool:
        return pengurus.is_current()


class PengurusCreateSerializer(RecordSerializer):
    wksbm = ScopedRelatedField(queryset=Wksbm.objects.all())

    class Meta(RecordSerializer.Meta):
        model = Pengurus
        fields = ["wksbm", *FIELDS]


class PengurusUpdateSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Pengurus
        fields = FIELDS


class PengurusFilterSet(RecordFilterSet):
    wksbm = django_filters.NumberFilter(field_name="wksbm_id", label=_("Id WKSBM"))
    menjabat = django_filters.BooleanFilter(method="serving", label=_("Sedang menjabat hari ini"))

    class Meta:
        model = Pengurus
        fields = []

    def serving(self, queryset, name, value):
        if value is None:
            return queryset
        from registry import dates

        condition = current_term_q(dates.today())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class PengurusViewSet(RecordViewSet):
    """Pengurus: read by every role in the area; added (`add_pengurus`), corrected and ended (`change_pengurus`).
    A NIK left empty on a correction keeps the stored one, as on the field page."""

    queryset = Pengurus.objects.select_related("role", "wksbm")
    serializer_class = PengurusSerializer
    create_serializer_class = PengurusCreateSerializer
    update_serializer_class = PengurusUpdateSerializer
    filterset_class = PengurusFilterSet
    message_fields = MESSAGE_FIELDS
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_record(self, data):
        return services.pengurus_add(by=self.request.user, **data)

    def update_record(self, instance, data):
        if not data.get("nik"):
            data.pop("nik", None)
        services.row_update(by=self.request.user, row=instance, **data)

    @action(detail=True, methods=["post"], required_permissions=("registry.change_pengurus",))
    def akhiri(self, request, pk=None):
        """Ends the term on `on` (today by default); `If-Match` required."""
        return self.end_with(
            request,
            PengurusEndForm,
            lambda pengurus, on: services.pengurus_end_term(by=request.user, pengurus=pengurus, on=on),
        )
