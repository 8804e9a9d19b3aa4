"""/api/v1/kunjungan/ and /api/v1/tindak-lanjut/: pendampingan and supervisi visits to the WKSBM of the user's area
with the pengurus present and their follow-ups; recorded and corrected as on the visit pages
(`trainings.views.visits`, through `trainings.visit_services`), follow-ups added, corrected and closed."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action

from registry.api.base import RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import RecordSerializer, ScopedRelatedField
from registry.models import Pengurus, Wksbm
from trainings import visit_services as services
from trainings.enums import FollowUpStatus, VisitorRole
from trainings.forms.visits import MESSAGE_FIELDS
from trainings.models import Kunjungan, TindakLanjut, VisitKind
from trainings.views.visits import CLOSE_PERMISSIONS, CREATE_PERMISSIONS, EDIT_PERMISSIONS

CLOSED = [(FollowUpStatus.SELESAI, _("Selesai")), (FollowUpStatus.BATAL, _("Batal"))]


class FollowUpSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = TindakLanjut
        fields = ["id", "what", "responsible", "due_on", "status", "closed_on", "closed_at_visit", "closing_note"]
        read_only_fields = fields


class NewFollowUpSerializer(RecordSerializer):
    """A new follow-up of a visit: what, who is responsible, by when."""

    class Meta(RecordSerializer.Meta):
        model = TindakLanjut
        fields = ["what", "responsible", "due_on"]


class ClosingSerializer(serializers.Serializer):
    """An open follow-up of the WKSBM closed at the visit being recorded, as done or dropped."""

    tindak_lanjut = ScopedRelatedField(queryset=TindakLanjut.objects.all())
    status = serializers.ChoiceField(choices=CLOSED)


class KunjunganSerializer(RecordSerializer):
    wksbm_name = serializers.CharField(source="wksbm.name", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    visitor_display = serializers.CharField(read_only=True, help_text=_("Yang berkunjung."))
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Kunjungan
        fields = [
            "id",
            "wksbm",
            "wksbm_name",
            "date",
            "kind",
            "kind_name",
            "visitor",
            "visitor_name",
            "visitor_role",
            "visitor_display",
            "pengurus_present",
            "topics",
            "findings",
            "advice",
            "agreements",
            "next_visit_due",
            "follow_ups",
            "verification",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class KunjunganUpdateSerializer(RecordSerializer):
    """A visit corrected: its fields, the pengurus present (replacing those recorded, when given) and new
    follow-ups. Who visited is changed in the admin, as on the pages."""

    kind = serializers.PrimaryKeyRelatedField(queryset=VisitKind.objects.all())
    # Among the pengurus of the user's area; the visit's rule (`present_errors`) judges they are of its WKSBM.
    pengurus_present = ScopedRelatedField(queryset=Pengurus.objects.all(), many=True, required=False)
    follow_ups = NewFollowUpSerializer(many=True, required=False)

    class Meta(RecordSerializer.Meta):
        model = Kunjungan
        fields = [
            "date",
            "kind",
            "pengurus_present",
            "topics",
            "findings",
            "advice",
            "agreements",
            "next_visit_due",
            "follow_ups",
        ]


class KunjunganCreateSerializer(KunjunganUpdateSerializer):
    """A new visit: who visited is the user, or a person named with their role (`visitor_name`, `visitor_role`);
    with the earlier open follow-ups of the WKSBM it closes (`closings`). All or nothing."""

    wksbm = ScopedRelatedField(queryset=Wksbm.objects.all())
    visitor_role = serializers.ChoiceField(choices=VisitorRole.choices, required=False, allow_blank=True)
    closings = ClosingSerializer(many=True, required=False)

    class Meta(KunjunganUpdateSerializer.Meta):
        fields = ["wksbm", "visitor_name", "visitor_role", *KunjunganUpdateSerializer.Meta.fields, "closings"]


def follow_up_lines(data: dict) -> list[dict]:
    return [dict(line) for line in data.pop("follow_ups", [])]


def write_visit(work):
    """Runs `work()`; a follow-up's refusal (its fields are not the visit's) answered under `follow_ups`."""
    try:
        return work()
    except DjangoValidationError as error:
        if hasattr(error, "error_dict") and set(error.error_dict) <= {"what", "responsible", "due_on"}:
            raise DjangoValidationError({"follow_ups": error.messages}) from error
        raise


class OverdueFilter:
    """`lewat_jatuh_tempo`: the rows past their due date (the model manager's `overdue_condition`), or the others."""

    def overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = queryset.model.objects.overdue_condition()
        return queryset.filter(condition) if value else queryset.exclude(condition)


class KunjunganFilterSet(OverdueFilter, RecordFilterSet):
    """The admin's filters: kabupaten/kecamatan (`wilayah`, by code prefix), kind, visitor, overdue."""

    wksbm = django_filters.NumberFilter(field_name="wksbm_id", label=_("Id WKSBM"))
    jenis = django_filters.ModelChoiceFilter(
        field_name="kind", queryset=VisitKind.objects.all(), to_field_name="slug", label=_("Jenis kunjungan (slug)")
    )
    petugas = django_filters.NumberFilter(field_name="visitor_id", label=_("Id pengguna yang berkunjung"))
    lewat_jatuh_tempo = django_filters.BooleanFilter(method="overdue", label=_("Lewat jatuh tempo"))

    class Meta:
        model = Kunjungan
        fields = []


class KunjunganViewSet(RecordViewSet):
    """Visits to the WKSBM of the user's area, newest first, with their follow-ups; recorded and corrected with the
    visit pages' permissions (`visit_create`, `visit_update`). Removed in the admin only."""

    queryset = Kunjungan.objects.select_related("wksbm", "kind", "visitor").order_by("-date", "-pk")
    serializer_class = KunjunganSerializer
    create_serializer_class = KunjunganCreateSerializer
    update_serializer_class = KunjunganUpdateSerializer
    filterset_class = KunjunganFilterSet
    message_fields = MESSAGE_FIELDS
    permissions_by_action = {
        "create": CREATE_PERMISSIONS,
        "update": EDIT_PERMISSIONS,
        "partial_update": EDIT_PERMISSIONS,
    }
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.wants("pengurus_present"):
            queryset = queryset.prefetch_related(Prefetch("pengurus_present", Pengurus.objects.only("pk")))
        if self.wants("follow_ups"):
            queryset = queryset.prefetch_related(Prefetch("follow_ups", TindakLanjut.objects.order_by("due_on", "pk")))
        return queryset

    def create_record(self, data):
        closings = [(line["tindak_lanjut"], line["status"]) for line in data.pop("closings", [])]
        follow_ups = follow_up_lines(data)
        if not data.get("visitor_name") and not data.get("visitor_role"):
            data["visitor"] = self.request.user  # "Saya sendiri", as the page's default
        return write_visit(
            lambda: services.visit_create(
                by=self.request.user,
                follow_ups=follow_ups,
                closings=closings,
                pengurus_present=data.pop("pengurus_present", []),
                **data,
            )
        )

    def update_record(self, instance, data):
        follow_ups = follow_up_lines(data)
        present = data.pop("pengurus_present", None)
        write_visit(
            lambda: services.visit_update(
                by=self.request.user, visit=instance, pengurus_present=present, follow_ups=follow_ups, **data
            )
        )


class TindakLanjutSerializer(FollowUpSerializer):
    visit = serializers.PrimaryKeyRelatedField(read_only=True)
    wksbm = serializers.IntegerField(source="visit.wksbm_id", read_only=True)

    class Meta(FollowUpSerializer.Meta):
        fields = ["id", "visit", "wksbm", *FollowUpSerializer.Meta.fields[1:]]
        read_only_fields = fields


class TindakLanjutCreateSerializer(NewFollowUpSerializer):
    visit = ScopedRelatedField(queryset=Kunjungan.objects.all())

    class Meta(NewFollowUpSerializer.Meta):
        fields = ["visit", *NewFollowUpSerializer.Meta.fields]


class CloseSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CLOSED)
    closed_on = serializers.DateField(required=False, help_text=_("Hari ini bila tidak diisi."))
    closing_note = serializers.CharField(required=False, allow_blank=True, max_length=255)


class TindakLanjutFilterSet(OverdueFilter, RecordFilterSet):
    """The admin's filters: status, overdue, kabupaten (`wilayah`, by code prefix)."""

    kunjungan = django_filters.NumberFilter(field_name="visit_id", label=_("Id kunjungan"))
    wksbm = django_filters.NumberFilter(field_name="visit__wksbm_id", label=_("Id WKSBM"))
    status = django_filters.ChoiceFilter(choices=FollowUpStatus.choices, label=_("Status"))
    lewat_jatuh_tempo = django_filters.BooleanFilter(method="overdue", label=_("Lewat jatuh tempo"))

    class Meta:
        model = TindakLanjut
        fields = []


class TindakLanjutViewSet(RecordViewSet):
    """Follow-ups of the visits of the user's area: added to a visit (the visit page's permissions), corrected
    (`change_tindaklanjut`) and closed on their own (`tutup`, as the closing page)."""

    queryset = TindakLanjut.objects.select_related("visit")
    serializer_class = TindakLanjutSerializer
    create_serializer_class = TindakLanjutCreateSerializer
    update_serializer_class = NewFollowUpSerializer
    filterset_class = TindakLanjutFilterSet
    message_fields = MESSAGE_FIELDS
    permissions_by_action = {"create": EDIT_PERMISSIONS}
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_record(self, data):
        return services.follow_up_add(by=self.request.user, **data)

    def update_record(self, instance, data):
        services.follow_up_update(by=self.request.user, follow_up=instance, **data)

    @action(detail=True, methods=["post"], required_permissions=CLOSE_PERMISSIONS)
    def tutup(self, request, pk=None):
        """Closes the open follow-up as done (`selesai`) or dropped (`batal`) on `closed_on` (today by default);
        `If-Match` required."""
        return self.change_with(
            request,
            CloseSerializer,
            lambda follow_up, data: services.follow_up_close(
                by=request.user,
                follow_up=follow_up,
                status=data["status"],
                closed_on=data.get("closed_on"),
                note=data.get("closing_note", ""),
            ),
        )
