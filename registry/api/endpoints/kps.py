"""/api/v1/kps/ and /api/v1/keanggotaan/: the KPS of the user's area and their memberships of WKSBM, kept as on
the field pages (`registry.services.wksbm`)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action

from registry.api.base import RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import RecordSerializer, ScopedRelatedField
from registry.forms.kps import MESSAGE_FIELDS, KpsCreateForm, KpsFields, MembershipEditForm, MembershipEndForm
from registry.models import Kps, KpsKind, KpsMembership, Wilayah, Wksbm
from registry.services import wksbm as services


class KpsSerializer(RecordSerializer):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Kps
        fields = ["id", *KpsCreateForm.Meta.fields, "kind_name", "notes", "verification", "created_at", "updated_at"]
        read_only_fields = fields


class KpsCreateSerializer(RecordSerializer):
    wilayah = ScopedRelatedField(queryset=Wilayah.objects.all())

    class Meta(RecordSerializer.Meta):
        model = Kps
        fields = KpsCreateForm.Meta.fields


class KpsUpdateSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Kps
        fields = KpsFields.Meta.fields


class KpsFilterSet(RecordFilterSet):
    jenis = django_filters.ModelChoiceFilter(
        field_name="kind", queryset=KpsKind.objects.all(), to_field_name="slug", label=_("Jenis KPS (slug)")
    )

    class Meta:
        model = Kps
        fields = []


class KpsViewSet(RecordViewSet):
    """KPS: read by every role in the area; created (`add_kps`) and corrected (`change_kps`). A KPS joins a WKSBM
    through /api/v1/keanggotaan/."""

    queryset = Kps.objects.select_related("kind")
    serializer_class = KpsSerializer
    create_serializer_class = KpsCreateSerializer
    update_serializer_class = KpsUpdateSerializer
    filterset_class = KpsFilterSet
    message_fields = MESSAGE_FIELDS
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_record(self, data):
        return services.kps_create(by=self.request.user, **data)

    def update_record(self, instance, data):
        services.row_update(by=self.request.user, row=instance, **data)


class MembershipSerializer(RecordSerializer):
    kps = serializers.PrimaryKeyRelatedField(read_only=True)
    wksbm = serializers.PrimaryKeyRelatedField(read_only=True)
    kps_name = serializers.CharField(source="kps.name", read_only=True)
    wksbm_name = serializers.CharField(source="wksbm.name", read_only=True)

    class Meta(RecordSerializer.Meta):
        model = KpsMembership
        fields = ["id", "kps", "kps_name", "wksbm", "wksbm_name", "joined_on", "left_on", "verification"]
        read_only_fields = fields


class MembershipCreateSerializer(RecordSerializer):
    kps = ScopedRelatedField(queryset=Kps.objects.all())
    wksbm = ScopedRelatedField(queryset=Wksbm.objects.all())

    class Meta(RecordSerializer.Meta):
        model = KpsMembership
        fields = ["kps", "wksbm", "joined_on"]


class MembershipUpdateSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = KpsMembership
        fields = MembershipEditForm.Meta.fields


class MembershipFilterSet(RecordFilterSet):
    wksbm = django_filters.NumberFilter(field_name="wksbm_id", label=_("Id WKSBM"))
    kps = django_filters.NumberFilter(field_name="kps_id", label=_("Id KPS"))
    berjalan = django_filters.BooleanFilter(field_name="left_on", lookup_expr="isnull", label=_("Masih anggota"))

    class Meta:
        model = KpsMembership
        fields = []


class MembershipViewSet(RecordViewSet):
    """Memberships of KPS in WKSBM: read by every role in the area; added (`add_kpsmembership`: a KPS joins a
    WKSBM), corrected and ended (`change_kpsmembership`)."""

    queryset = KpsMembership.objects.select_related("kps", "wksbm")
    serializer_class = MembershipSerializer
    create_serializer_class = MembershipCreateSerializer
    update_serializer_class = MembershipUpdateSerializer
    filterset_class = MembershipFilterSet
    message_fields = {**MembershipEditForm.message_fields, **MESSAGE_FIELDS}
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_record(self, data):
        return services.membership_add(by=self.request.user, **data)

    def update_record(self, instance, data):
        services.row_update(by=self.request.user, row=instance, **data)

    @action(detail=True, methods=["post"], required_permissions=("registry.change_kpsmembership",))
    def akhiri(self, request, pk=None):
        """The KPS leaves the WKSBM on `on` (today by default); `If-Match` required."""
        return self.end_with(
            request,
            MembershipEndForm,
            lambda membership, on: services.membership_end(by=request.user, membership=membership, on=on),
        )
