"""/api/v1/penyuluhan/ and /api/v1/peserta/: penyuluhan events with their narasumber, headcounts per unsur and
totals, recorded and corrected where they are held in the user's area (as the event's pages,
`trainings.views.penyuluhan`); their named participants, read as `PesertaQuerySet.for_user` allows (phones as the
user may see them) and added to an event held in the user's area."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.api.base import RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import RecordSerializer, ScopedRelatedField
from registry.models import Wilayah
from trainings import reports, services
from trainings.forms.penyuluhan import EVENT_LEVELS, MAX_COUNT, MESSAGE_FIELDS
from trainings.models import EventKind, Narasumber, Penyuluhan, Peserta, PesertaCount, Program, Unsur
from trainings.views.penyuluhan import CREATE_PERMISSIONS, origin_choices

TOTAL_FIELDS = ("named_count", "counted_total", "participant_total", "narasumber_count", "formed_count")
# The standard actions that only read: the others write, to an event held in the user's area only.
READS = ("list", "retrieve")


def events_held_in_area(user):
    """The events `user` may write to: those held in their area (`held_in_area`, as the event's pages)."""
    return Penyuluhan.objects.held_in_area(user)


def event_places(user):
    """Where `user` may hold an event: a desa, kecamatan or kabupaten of their area, or their whole province."""
    return Wilayah.objects.for_user(user).filter(level__in=EVENT_LEVELS)


def nested(name: str, work):
    """Runs `work()` (a service call for one line of the list `name`), its refusal answered under `name`."""
    try:
        return work()
    except DjangoValidationError as error:
        raise DjangoValidationError({name: error.messages}) from error


class NarasumberSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Narasumber
        fields = ["id", "name", "institution", "topic"]
        read_only_fields = ["id"]


class CountSerializer(RecordSerializer):
    unsur_name = serializers.CharField(source="unsur.name", read_only=True)
    count = serializers.IntegerField(min_value=0, max_value=MAX_COUNT)

    class Meta(RecordSerializer.Meta):
        model = PesertaCount
        fields = ["unsur", "unsur_name", "count"]


class PenyuluhanSerializer(RecordSerializer):
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    wilayah = serializers.CharField(source="wilayah_id", read_only=True, help_text=_("Kode wilayah kegiatan."))
    wilayah_name = serializers.CharField(source="wilayah.display_name", read_only=True)
    named_count = serializers.IntegerField(read_only=True, help_text=_("Peserta yang dicatat namanya."))
    counted_total = serializers.IntegerField(read_only=True, help_text=_("Jumlah peserta per unsur (tanpa nama)."))
    participant_total = serializers.IntegerField(read_only=True, help_text=_("Seluruh peserta."))
    narasumber_count = serializers.IntegerField(read_only=True)
    formed_count = serializers.IntegerField(read_only=True, help_text=_("WKSBM terbentuk sesudah kegiatan."))
    narasumber = NarasumberSerializer(many=True, read_only=True)
    counts = CountSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Penyuluhan
        fields = [
            "id",
            "kind",
            "kind_name",
            "theme",
            "starts_on",
            "ends_on",
            "wilayah",
            "wilayah_name",
            "venue",
            "organiser",
            "program",
            "expected_participants",
            "preparation_notes",
            "implementation_notes",
            "follow_up_notes",
            *TOTAL_FIELDS,
            "narasumber",
            "counts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


UPDATE_FIELDS = [
    "kind",
    "theme",
    "starts_on",
    "ends_on",
    "venue",
    "organiser",
    "program",
    "expected_participants",
    "preparation_notes",
    "implementation_notes",
    "follow_up_notes",
]


class PenyuluhanUpdateSerializer(RecordSerializer):
    """An event's own fields (its place is not changed, as on the pages); the program among those of the area."""

    kind = serializers.PrimaryKeyRelatedField(queryset=EventKind.objects.all())
    program = ScopedRelatedField(queryset=Program.objects.all(), required=False, allow_null=True)

    class Meta(RecordSerializer.Meta):
        model = Penyuluhan
        fields = UPDATE_FIELDS


class PenyuluhanCreateSerializer(PenyuluhanUpdateSerializer):
    """A new event as the page records it: its place in the user's area, a one-day event when `ends_on` is left
    out, with its narasumber and its headcounts per unsur (all or nothing)."""

    wilayah = ScopedRelatedField(queryset=Wilayah.objects.all(), candidates=event_places)
    ends_on = serializers.DateField(required=False, allow_null=True)
    narasumber = NarasumberSerializer(many=True, required=False)
    counts = CountSerializer(many=True, required=False)

    class Meta(PenyuluhanUpdateSerializer.Meta):
        fields = ["wilayah", *UPDATE_FIELDS, "narasumber", "counts"]

    def validate_counts(self, counts):
        unsur = [line["unsur"].pk for line in counts]
        if len(unsur) != len(set(unsur)):
            raise serializers.ValidationError(_("Satu baris untuk setiap unsur saja."))
        return counts


class PenyuluhanFilterSet(RecordFilterSet):
    """The admin's filters: kabupaten (`wilayah`, by code prefix), kind, year and program ("tanpa": none)."""

    jenis = django_filters.ModelChoiceFilter(
        field_name="kind", queryset=EventKind.objects.all(), to_field_name="slug", label=_("Jenis kegiatan (slug)")
    )
    tahun = django_filters.NumberFilter(method="year", label=_("Tahun mulai"))
    program = django_filters.CharFilter(method="of_program", label=_("Id program, atau 'tanpa'"))

    class Meta:
        model = Penyuluhan
        fields = []

    def year(self, queryset, name, value):
        return queryset.in_year(int(value)) if value is not None else queryset

    def of_program(self, queryset, name, value):
        if value == "tanpa":
            return queryset.filter(program__isnull=True)
        return queryset.filter(program_id=int(value)) if value.isdigit() else queryset.none()


class PenyuluhanViewSet(RecordViewSet):
    """Events the user sees (held in their area, or attended by people of it), with their totals; recorded (the
    page's permissions: event, narasumber and headcounts) in a place of the area and corrected
    (`change_penyuluhan`) only where held in the area (404 otherwise). Removed in the admin only."""

    queryset = Penyuluhan.objects.select_related(*reports.EVENT_RELATED)
    serializer_class = PenyuluhanSerializer
    create_serializer_class = PenyuluhanCreateSerializer
    update_serializer_class = PenyuluhanUpdateSerializer
    filterset_class = PenyuluhanFilterSet
    message_fields = MESSAGE_FIELDS
    permissions_by_action = {"create": CREATE_PERMISSIONS}
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def scope(self, queryset):
        if self.action in READS:
            return super().scope(queryset)
        return queryset.held_in_area(self.request.user)

    def get_queryset(self):
        queryset = super().get_queryset()
        if any(self.wants(name) for name in TOTAL_FIELDS):
            queryset = queryset.with_totals()
        if self.wants("narasumber"):
            queryset = queryset.prefetch_related(Prefetch("narasumber", Narasumber.objects.order_by("pk")))
        if self.wants("counts"):
            counts = PesertaCount.objects.select_related("unsur")
            queryset = queryset.prefetch_related(Prefetch("counts", counts))
        return queryset

    def create_record(self, data):
        by = self.request.user
        narasumber, counts = data.pop("narasumber", []), data.pop("counts", [])
        event = services.penyuluhan_create(by=by, **data)
        for line in narasumber:
            nested("narasumber", lambda line=line: services.narasumber_add(by=by, event=event, **line))
        for line in counts:
            if line["count"]:
                nested("counts", lambda line=line: services.peserta_count_set(by=by, event=event, **line))
        return event

    def update_record(self, instance, data):
        services.penyuluhan_update(by=self.request.user, event=instance, **data)


class PesertaSerializer(RecordSerializer):
    unsur_name = serializers.CharField(source="unsur.name", read_only=True)
    origin = serializers.CharField(source="origin_id", read_only=True, allow_null=True)

    class Meta(RecordSerializer.Meta):
        model = Peserta
        fields = ["id", "event", "name", "unsur", "unsur_name", "origin", "phone", "pengurus", "kps"]
        read_only_fields = fields


class PesertaCreateSerializer(RecordSerializer):
    """A named participant of an event held in the user's area; the asal desa from the event's kabupaten (as the
    page and the attendance import accept it)."""

    event = ScopedRelatedField(queryset=Penyuluhan.objects.all(), candidates=events_held_in_area)
    unsur = serializers.PrimaryKeyRelatedField(queryset=Unsur.objects.all())
    origin = serializers.PrimaryKeyRelatedField(queryset=Wilayah.objects.all(), required=False, allow_null=True)

    class Meta(RecordSerializer.Meta):
        model = Peserta
        fields = ["event", "name", "unsur", "origin", "phone"]

    def validate(self, data):
        origin = data.get("origin")
        if origin is not None and not origin_choices(data["event"])[1].filter(pk=origin.pk).exists():
            raise serializers.ValidationError({"origin": [_("Pilih asal desa di kabupaten/kota tempat kegiatan.")]})
        return data


class PesertaFilterSet(RecordFilterSet):
    kegiatan = django_filters.NumberFilter(field_name="event_id", label=_("Id kegiatan"))
    unsur = django_filters.ModelChoiceFilter(
        queryset=Unsur.objects.all(), to_field_name="slug", label=_("Unsur (slug)")
    )

    class Meta:
        model = Peserta
        fields = []


class PesertaViewSet(RecordViewSet):
    """Named participants as `PesertaQuerySet.for_user` allows (all of an event held in the area; of another
    event only those of the area); added (`add_peserta`) to an event held in the area, linked to their pengurus
    when the match is sure (`peserta_link_sure`, as the page). Corrected and removed in the admin."""

    queryset = Peserta.objects.select_related("unsur")
    serializer_class = PesertaSerializer
    create_serializer_class = PesertaCreateSerializer
    filterset_class = PesertaFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def create_record(self, data):
        peserta = services.peserta_add(by=self.request.user, **data)
        services.peserta_link_sure(by=self.request.user, event=peserta.event, people=[peserta])
        return peserta
