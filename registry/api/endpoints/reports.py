"""/api/v1/laporan/: the activity reports of the WKSBM in the user's area with their fund and aid lines; recorded,
corrected (lines replaced as a whole) and removed as on the field pages (`registry.services.wksbm`, with its rule
of who may remove a report and until when)."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers

from registry.api.base import RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import RecordSerializer, ScopedRelatedField
from registry.models import ActivityKind, ActivityReport, AidDistribution, FundCollection, Mitra, Wksbm
from registry.services import wksbm as services
from registry.views.reports import REPORT_CHANGE_PERMISSIONS, REPORT_PERMISSIONS, REPORT_REMOVE_PERMISSIONS


class FundLineSerializer(RecordSerializer):
    mitra = ScopedRelatedField(queryset=Mitra.objects.all(), required=False, allow_null=True)
    source_name = serializers.CharField(source="source.name", read_only=True)

    class Meta(RecordSerializer.Meta):
        model = FundCollection
        fields = ["source", "source_name", "amount", "mitra"]


class AidLineSerializer(RecordSerializer):
    referred_to = ScopedRelatedField(queryset=Mitra.objects.all(), required=False, allow_null=True)
    purpose_name = serializers.CharField(source="purpose.name", read_only=True)

    class Meta(RecordSerializer.Meta):
        model = AidDistribution
        fields = ["purpose", "purpose_name", "amount", "beneficiaries", "referred_to", "referred_count"]


class ReportSerializer(RecordSerializer):
    wksbm = serializers.PrimaryKeyRelatedField(read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    collected = FundLineSerializer(source="collections", many=True, read_only=True)
    distributed = AidLineSerializer(source="distributions", many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = ActivityReport
        fields = ["id", "wksbm", "date", "kind", "kind_name", "description", "collected", "distributed", "verification"]
        read_only_fields = fields


class ReportWriteSerializer(RecordSerializer):
    """A report's fields and its lines, each list replacing the stored lines (one line per source, per purpose)."""

    collected = FundLineSerializer(many=True, required=False)
    distributed = AidLineSerializer(many=True, required=False)

    class Meta(RecordSerializer.Meta):
        model = ActivityReport
        fields = ["date", "kind", "description", "collected", "distributed"]

    def validate(self, data):
        for name, key in (("collected", "source"), ("distributed", "purpose")):
            keys = [line[key].pk for line in data.get(name, [])]
            if len(keys) != len(set(keys)):
                raise serializers.ValidationError({name: [_("Satu baris untuk setiap sumber/tujuan saja.")]})
        return data


class ReportCreateSerializer(ReportWriteSerializer):
    wksbm = ScopedRelatedField(queryset=Wksbm.objects.all())

    class Meta(ReportWriteSerializer.Meta):
        fields = ["wksbm", *ReportWriteSerializer.Meta.fields]


def line_tuples(data: dict) -> dict:
    """The service's `collected` and `distributed` lines from the validated lists."""
    return {
        "collected": [(line["source"], line["amount"], line.get("mitra")) for line in data.pop("collected", [])],
        "distributed": [
            (
                line["purpose"],
                line["amount"],
                line["beneficiaries"],
                line.get("referred_to"),
                line.get("referred_count"),
            )
            for line in data.pop("distributed", [])
        ],
    }


class ReportFilterSet(RecordFilterSet):
    wksbm = django_filters.NumberFilter(field_name="wksbm_id", label=_("Id WKSBM"))
    jenis = django_filters.ModelChoiceFilter(
        field_name="kind", queryset=ActivityKind.objects.all(), to_field_name="slug", label=_("Jenis kegiatan (slug)")
    )
    dari = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Tanggal kegiatan dari"))
    sampai = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tanggal kegiatan sampai"))

    class Meta:
        model = ActivityReport
        fields = []


class ReportViewSet(RecordViewSet):
    """Activity reports: read by every role in the area; recorded, corrected and removed with the field pages'
    permissions (the report's and its lines'); a penyuluh removes only within days of entering (403 after)."""

    queryset = ActivityReport.objects.select_related("kind")
    serializer_class = ReportSerializer
    create_serializer_class = ReportCreateSerializer
    update_serializer_class = ReportWriteSerializer
    filterset_class = ReportFilterSet
    permissions_by_action = {
        "create": REPORT_PERMISSIONS,
        "update": REPORT_CHANGE_PERMISSIONS,
        "partial_update": REPORT_CHANGE_PERMISSIONS,
        "destroy": REPORT_REMOVE_PERMISSIONS,
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.wants("collected"):
            lines = FundCollection.objects.select_related("source").order_by("pk")
            queryset = queryset.prefetch_related(Prefetch("collections", lines))
        if self.wants("distributed"):
            lines = AidDistribution.objects.select_related("purpose").order_by("pk")
            queryset = queryset.prefetch_related(Prefetch("distributions", lines))
        return queryset

    def create_record(self, data):
        lines = line_tuples(data)
        return services.report_create(by=self.request.user, **data, **lines)

    def update_record(self, instance, data):
        if self.action == "partial_update":
            # Lines left out of a PATCH stay as they are.
            for name, related in (("collected", "collections"), ("distributed", "distributions")):
                if name not in data:
                    data[name] = [self.stored_line(line) for line in getattr(instance, related).all()]
        lines = line_tuples(data)
        services.report_update(by=self.request.user, report=instance, **data, **lines)

    @staticmethod
    def stored_line(line) -> dict:
        if isinstance(line, FundCollection):
            return {"source": line.source, "amount": line.amount, "mitra": line.mitra}
        return {
            "purpose": line.purpose,
            "amount": line.amount,
            "beneficiaries": line.beneficiaries,
            "referred_to": line.referred_to,
            "referred_count": line.referred_count,
        }

    def remove_record(self, instance):
        try:
            services.report_delete(by=self.request.user, report=instance)
        except DjangoValidationError as error:
            if error.code == "report_removal_refused":
                raise exceptions.PermissionDenied(error.messages[0]) from error
            raise
