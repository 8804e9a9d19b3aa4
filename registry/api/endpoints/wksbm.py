"""/api/v1/wksbm/: the WKSBM of the user's area with their derived facts (board complete, member count, last
activity, "mungkin vakum"), current board and member KPS nested; created, changed and deleted as on the web."""

from collections import defaultdict

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from registry.api.base import RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import (
    BuiltRowsSerializer,
    MaskedNikField,
    PhoneField,
    RecordSerializer,
    ScopedRelatedField,
    iso_date,
)
from registry.enums import WksbmStatus
from registry.forms.wilayah import area_candidates
from registry.forms.wksbm import MESSAGE_FIELDS, PROFILE_FIELDS, WksbmEditForm
from registry.models import KpsKind, KpsMembership, Pengurus, Wilayah, Wksbm
from registry.services import wksbm as services
from registry.services.base import delete_recorded
from registry.validators import mask_nik, phone_shown_to

SUMMARY_FIELDS = ("board_complete", "kps_count", "last_activity_on", "possibly_dormant")


class BoardMemberSerializer(serializers.ModelSerializer):
    """A current pengurus as listed with the WKSBM: the NIK masked, the phone as the user may see it."""

    # It describes the rows `current_boards` builds (for the schema; a test holds them equal): answers read those.

    role = serializers.CharField(source="role.name", read_only=True)
    phone = PhoneField(read_only=True)
    masked_nik = MaskedNikField()

    class Meta:
        model = Pengurus
        fields = ["id", "name", "role", "role_id", "phone", "masked_nik", "period_from", "period_to"]
        list_serializer_class = BuiltRowsSerializer


class MemberSerializer(serializers.ModelSerializer):
    """A current member KPS, by its membership."""

    # It describes the rows `current_members` builds (for the schema; a test holds them equal): answers read those.

    kps_name = serializers.CharField(source="kps.name", read_only=True)
    kps_kind = serializers.CharField(source="kps.kind.name", read_only=True)

    class Meta:
        model = KpsMembership
        fields = ["id", "kps_id", "kps_name", "kps_kind", "joined_on"]
        list_serializer_class = BuiltRowsSerializer


def current_boards(wksbm_ids: list[int], user) -> dict[int, list[dict]]:
    """The current pengurus of each WKSBM of `wksbm_ids` as `BoardMemberSerializer` answers them, by role then
    name: one query of plain rows (a page of 100 WKSBM holds some 400 pengurus; a model instance and a serializer
    each would cost more than the query)."""
    shown = phone_shown_to(user)
    rows = (
        Pengurus.objects.current()
        .filter(wksbm_id__in=wksbm_ids)
        .order_by("role__sort_order", "name", "pk")
        .values_list("wksbm_id", "id", "name", "role__name", "role_id", "phone", "nik", "period_from", "period_to")
    )
    boards = defaultdict(list)
    for wksbm_id, pk, name, role, role_id, phone, nik, period_from, period_to in rows:
        boards[wksbm_id].append(
            {
                "id": pk,
                "name": name,
                "role": role,
                "role_id": role_id,
                "phone": shown(phone),
                "masked_nik": mask_nik(nik or ""),
                "period_from": iso_date(period_from),
                "period_to": iso_date(period_to),
            }
        )
    return boards


def current_members(wksbm_ids: list[int]) -> dict[int, list[dict]]:
    """The current member KPS of each WKSBM of `wksbm_ids` as `MemberSerializer` answers them, by name: one query
    of plain rows (a page of 100 WKSBM holds a thousand memberships or more)."""
    rows = (
        KpsMembership.objects.current()
        .filter(wksbm_id__in=wksbm_ids)
        .order_by("kps__name", "pk")
        .values_list("wksbm_id", "id", "kps_id", "kps__name", "kps__kind__name", "joined_on")
    )
    members = defaultdict(list)
    for wksbm_id, pk, kps_id, kps_name, kps_kind, joined_on in rows:
        members[wksbm_id].append(
            {"id": pk, "kps_id": kps_id, "kps_name": kps_name, "kps_kind": kps_kind, "joined_on": iso_date(joined_on)}
        )
    return members


class WksbmListSerializer(serializers.ListSerializer):
    """A page of WKSBM: their boards and members read for the whole page at once (`WksbmSerializer.read_nested`)."""

    def to_representation(self, data):
        rows = list(data)
        self.child.read_nested(rows)
        return super().to_representation(rows)


class WksbmSerializer(RecordSerializer):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True, help_text=_("Kode wilayah Kemendagri."))
    wilayah_name = serializers.CharField(source="wilayah.display_name", read_only=True)
    board_complete = serializers.BooleanField(read_only=True, help_text=_("Setiap jabatan wajib terisi hari ini."))
    kps_count = serializers.IntegerField(read_only=True, help_text=_("Jumlah KPS anggota saat ini."))
    last_activity_on = serializers.DateField(read_only=True, help_text=_("Tanggal laporan kegiatan terakhir."))
    possibly_dormant = serializers.BooleanField(read_only=True, help_text=_("Ditandai mungkin vakum."))
    pengurus = BoardMemberSerializer(source="current_board", many=True, read_only=True)
    members = MemberSerializer(source="current_members", many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Wksbm
        fields = [
            "id",
            "name",
            "wilayah",
            "wilayah_name",
            *[name for name in PROFILE_FIELDS if name != "name"],
            "status",
            "status_changed_on",
            "notes",
            "verification",
            "created_at",
            "updated_at",
            *SUMMARY_FIELDS,
            "pengurus",
            "members",
        ]
        read_only_fields = fields
        list_serializer_class = WksbmListSerializer

    def read_nested(self, rows: list[Wksbm]) -> None:
        """Sets `current_board` and `current_members` on each of `rows` where the answer has them (`?fields=`):
        one query each for all the rows."""
        ids = [row.pk for row in rows]
        if "pengurus" in self.fields:
            request = self.context.get("request")
            boards = current_boards(ids, request.user if request else None)
            for row in rows:
                row.current_board = boards.get(row.pk, [])
        if "members" in self.fields:
            members = current_members(ids)
            for row in rows:
                row.current_members = members.get(row.pk, [])

    def to_representation(self, instance):
        if not isinstance(self.parent, WksbmListSerializer):
            self.read_nested([instance])
        return super().to_representation(instance)


class WksbmCreateSerializer(RecordSerializer):
    """A new WKSBM: the web's creating form's fields; the wilayah among the form's choices (`area_candidates`)."""

    wilayah = ScopedRelatedField(queryset=Wilayah.objects.all(), candidates=area_candidates)

    class Meta(RecordSerializer.Meta):
        model = Wksbm
        fields = ["wilayah", *PROFILE_FIELDS]


class WksbmUpdateSerializer(RecordSerializer):
    """A WKSBM's profile: the web's edit form's fields (the wilayah is not changed, as on the web)."""

    class Meta(RecordSerializer.Meta):
        model = Wksbm
        fields = WksbmEditForm.Meta.fields


class WksbmFilterSet(RecordFilterSet):
    status = django_filters.ChoiceFilter(choices=WksbmStatus.choices, label=_("Status"))
    jenis_kps = django_filters.ModelChoiceFilter(
        queryset=KpsKind.objects.all(),
        to_field_name="slug",
        method="member_kind",
        label=_("Punya KPS anggota jenis ini (slug)"),
    )
    kepengurusan = django_filters.ChoiceFilter(
        choices=[("lengkap", _("Lengkap")), ("belum", _("Belum lengkap"))],
        method="board",
        label=_("Kepengurusan"),
    )
    mungkin_vakum = django_filters.BooleanFilter(method="dormant", label=_("Mungkin vakum"))

    class Meta:
        model = Wksbm
        fields = []

    @extend_schema_field(OpenApiTypes.STR)
    def member_kind(self, queryset, name, kind):
        return queryset.having_member_kind(kind.pk) if kind else queryset

    def board(self, queryset, name, value):
        if value == "lengkap":
            return queryset.complete_board()
        return queryset.incomplete_board() if value == "belum" else queryset

    def dormant(self, queryset, name, value):
        if value is None:
            return queryset
        condition = queryset.possibly_dormant_condition()
        return queryset.filter(condition) if value else queryset.exclude(condition)


class WksbmViewSet(RecordViewSet):
    """WKSBM: read by every role in its area; created (`add_wksbm`), changed (`change_wksbm`) and deleted
    (`delete_wksbm`, the office's operators, as in the admin) through `registry.services.wksbm`."""

    queryset = Wksbm.objects.select_related("wilayah")
    serializer_class = WksbmSerializer
    create_serializer_class = WksbmCreateSerializer
    update_serializer_class = WksbmUpdateSerializer
    filterset_class = WksbmFilterSet
    message_fields = MESSAGE_FIELDS

    def get_queryset(self):
        queryset = super().get_queryset()
        if any(self.wants(name) for name in SUMMARY_FIELDS):
            queryset = queryset.with_summary().with_dormant_flag()
        return queryset

    def create_record(self, data):
        return services.wksbm_create(by=self.request.user, **data)

    def update_record(self, instance, data):
        services.wksbm_update(by=self.request.user, wksbm=instance, **data)

    def remove_record(self, instance):
        delete_recorded(instance, by=self.request.user)
