"""/api/v1/penilaian/: the evaluations of the WKSBM of the user's area with their score, class and answers, read
only. They are entered, corrected, confirmed and sent back on the evaluation pages (answers per indicator of the
province's instrument, `trainings.evaluation_services`), not through the API."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.api.base import ReadOnlyRecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import RecordSerializer
from trainings.models import Evaluasi, Instrument, Jawaban
from trainings.models.evaluation import EvaluationStatus


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jawaban
        fields = ["indicator", "option", "note"]


class EvaluasiSerializer(RecordSerializer):
    wksbm_name = serializers.CharField(source="wksbm.name", read_only=True)
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)
    class_name = serializers.CharField(source="evaluation_class.name", read_only=True, default=None)
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Evaluasi
        fields = [
            "id",
            "wksbm",
            "wksbm_name",
            "instrument",
            "instrument_name",
            "period",
            "evaluated_on",
            "assessor",
            "notes",
            "score",
            "evaluation_class",
            "class_name",
            "status",
            "confirmed_at",
            "answers",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EvaluasiFilterSet(RecordFilterSet):
    """The admin's filters: instrument, period, class, status, kabupaten (`wilayah`, by code prefix)."""

    wksbm = django_filters.NumberFilter(field_name="wksbm_id", label=_("Id WKSBM"))
    instrumen = django_filters.ModelChoiceFilter(
        field_name="instrument", queryset=Instrument.objects.all(), label=_("Id instrumen")
    )
    periode = django_filters.CharFilter(field_name="period", label=_("Periode, mis. 2026"))
    kelas = django_filters.NumberFilter(field_name="evaluation_class_id", label=_("Id kelas"))
    status = django_filters.ChoiceFilter(choices=EvaluationStatus.choices, label=_("Status"))

    class Meta:
        model = Evaluasi
        fields = []


class EvaluasiViewSet(ReadOnlyRecordViewSet):
    """Evaluations of the WKSBM of the user's area (read only, see the module docstring)."""

    queryset = Evaluasi.objects.select_related("wksbm", "instrument", "evaluation_class")
    serializer_class = EvaluasiSerializer
    filterset_class = EvaluasiFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.wants("answers"):
            queryset = queryset.prefetch_related(Prefetch("answers", Jawaban.objects.order_by("pk")))
        return queryset
