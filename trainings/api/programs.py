"""/api/v1/program/ (read only: programs are kept in the admin) and /api/v1/hasil-kegiatan/ (the WKSBM an event or
a program helped form or revive: read, and recorded for an event as on the event's page)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.api.base import ReadOnlyRecordViewSet, RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import RecordSerializer, ScopedRelatedField
from registry.models import Wksbm
from trainings import services
from trainings.enums import OutcomeKind
from trainings.forms.penyuluhan import MESSAGE_FIELDS
from trainings.models import Outcome, Penyuluhan, Program


class ProgramSerializer(RecordSerializer):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True, help_text=_("Kode wilayah sasaran."))
    event_count = serializers.IntegerField(read_only=True, help_text=_("Jumlah kegiatan program."))
    participant_total = serializers.IntegerField(read_only=True, help_text=_("Peserta bernama dan per unsur."))
    narasumber_count = serializers.IntegerField(read_only=True, help_text=_("Penampilan narasumber."))
    formed_count = serializers.IntegerField(read_only=True, help_text=_("WKSBM terbentuk."))
    revived_count = serializers.IntegerField(read_only=True, help_text=_("WKSBM dihidupkan kembali."))
    achievement_percent = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta(RecordSerializer.Meta):
        model = Program
        fields = [
            "id",
            "name",
            "year",
            "starts_on",
            "ends_on",
            "organiser",
            "wilayah",
            "target_new_wksbm",
            "notes",
            "event_count",
            "participant_total",
            "narasumber_count",
            "formed_count",
            "revived_count",
            "achievement_percent",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ProgramFilterSet(RecordFilterSet):
    """The admin's filters: year and kabupaten (`wilayah`, by code prefix)."""

    tahun = django_filters.NumberFilter(field_name="year", label=_("Tahun"))

    class Meta:
        model = Program
        fields = []


class ProgramViewSet(ReadOnlyRecordViewSet):
    """Programs of the user's area with their figures (`ProgramQuerySet.with_figures`, one query per list)."""

    queryset = Program.objects.with_figures()
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet


class OutcomeSerializer(RecordSerializer):
    wksbm_name = serializers.CharField(source="wksbm.name", read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Outcome
        fields = ["id", "event", "program", "wksbm", "wksbm_name", "kind", "notes"]
        read_only_fields = fields


def events_held_in_area(user):
    """The events `user` may write to: those held in their area (as the event's pages)."""
    return Penyuluhan.objects.held_in_area(user)


class OutcomeCreateSerializer(RecordSerializer):
    """A WKSBM recorded as formed or revived after an event held in the user's area; the model judges that it lies
    in the event's (or its program's) area."""

    event = ScopedRelatedField(queryset=Penyuluhan.objects.all(), candidates=events_held_in_area)
    wksbm = ScopedRelatedField(queryset=Wksbm.objects.all())
    kind = serializers.ChoiceField(choices=OutcomeKind.choices, default=OutcomeKind.FORMED)

    class Meta(RecordSerializer.Meta):
        model = Outcome
        fields = ["event", "wksbm", "kind", "notes"]


class OutcomeFilterSet(RecordFilterSet):
    kegiatan = django_filters.NumberFilter(field_name="event_id", label=_("Id kegiatan"))
    program = django_filters.NumberFilter(field_name="program_id", label=_("Id program"))
    hasil = django_filters.ChoiceFilter(field_name="kind", choices=OutcomeKind.choices, label=_("Hasil"))

    class Meta:
        model = Outcome
        fields = []


class OutcomeViewSet(RecordViewSet):
    """Outcomes, scoped by the WKSBM's wilayah; recorded (`add_outcome`) for an event held in the user's area
    through `trainings.services.outcome_record`. Changed and removed in the admin only."""

    queryset = Outcome.objects.select_related("wksbm")
    serializer_class = OutcomeSerializer
    create_serializer_class = OutcomeCreateSerializer
    filterset_class = OutcomeFilterSet
    message_fields = MESSAGE_FIELDS
    http_method_names = ["get", "post", "head", "options"]

    def create_record(self, data):
        return services.outcome_record(by=self.request.user, **data)
