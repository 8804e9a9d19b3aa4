"""/api/v1/mitra/, /api/v1/jejaring/ and /api/v1/forum/: the network of the user's area, by the web's rules
(`registry.network.querysets`, `registry.network.services`).

- A mitra is read with its contact people (their phones as the user may see them) by whoever sees it; created
  (`add_mitra`) seated in the user's area, with its contacts; corrected (`change_mitra`) only by the users whose area
  holds its seat (403 for the others, as its page).
- A tie is read at either end; recorded (`add_jejaring`) for a WKSBM of the area with a mitra the user sees or
  another WKSBM of the area, corrected and ended (`change_jejaring`, `…/akhiri/`). Removed in the admin.
- A forum is read only, with its current board and member WKSBM: the forums are kept in the admin.
"""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.decorators import action

from registry import dates
from registry.api.base import ReadOnlyRecordViewSet, RecordViewSet
from registry.api.filters import RecordFilterSet
from registry.api.serializers import MaskedNikField, PhoneField, RecordSerializer, ScopedRelatedField
from registry.enums import MitraLevel
from registry.forms.network import MITRA_MESSAGE_FIELDS, TIE_MESSAGE_FIELDS, TieEndForm
from registry.models import (
    ForumKomunikasi,
    ForumMember,
    ForumPengurus,
    Jejaring,
    JejaringKind,
    Mitra,
    MitraContact,
    MitraKind,
    Wilayah,
    Wksbm,
)
from registry.network import services
from registry.network.rules import active_q
from registry.scoping import in_area

# --- Mitra -----------------------------------------------------------------------------------------------------


class ContactSerializer(RecordSerializer):
    """A contact person of a mitra: personal data, the phone as the user may see it."""

    class Meta(RecordSerializer.Meta):
        model = MitraContact
        fields = ["id", "name", "position", "phone"]
        read_only_fields = ["id"]


class MitraSerializer(RecordSerializer):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True, help_text=_("Kode wilayah kedudukan."))
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Mitra
        fields = [
            "id",
            "name",
            "kind",
            "kind_name",
            "level",
            "wilayah",
            "reach",
            "address",
            "registration_number",
            "notes",
            "contacts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


MITRA_FIELDS = ["name", "kind", "level", "address", "registration_number", "notes"]


class MitraUpdateSerializer(RecordSerializer):
    """A mitra's own fields (its seat is not changed, as on its page); its contacts on their own rows."""

    class Meta(RecordSerializer.Meta):
        model = Mitra
        fields = MITRA_FIELDS


class MitraCreateSerializer(MitraUpdateSerializer):
    """A new mitra seated in the user's area, with its contact people; all or nothing."""

    wilayah = ScopedRelatedField(queryset=Wilayah.objects.all())
    contacts = ContactSerializer(many=True, required=False)

    class Meta(MitraUpdateSerializer.Meta):
        fields = ["wilayah", *MITRA_FIELDS, "contacts"]


class MitraFilterSet(RecordFilterSet):
    """The admin's filters: kind, level, kabupaten/kecamatan (`wilayah`, by code prefix), active ties."""

    jenis = django_filters.ModelChoiceFilter(
        field_name="kind", queryset=MitraKind.objects.all(), to_field_name="slug", label=_("Jenis mitra (slug)")
    )
    tingkat = django_filters.ChoiceFilter(field_name="level", choices=MitraLevel.choices, label=_("Tingkat"))
    jejaring_aktif = django_filters.BooleanFilter(method="active_ties", label=_("Punya jejaring aktif"))

    class Meta:
        model = Mitra
        fields = []

    def active_ties(self, queryset, name, value):
        if value is None:
            return queryset
        active = Exists(Jejaring.objects.filter(active_q(dates.today()), mitra=OuterRef("pk")))
        return queryset.filter(active if value else ~active)


class MitraViewSet(RecordViewSet):
    """Mitra the user sees (`MitraQuerySet.for_user`), with their contacts; see the module docstring."""

    queryset = Mitra.objects.select_related("kind")
    serializer_class = MitraSerializer
    create_serializer_class = MitraCreateSerializer
    update_serializer_class = MitraUpdateSerializer
    filterset_class = MitraFilterSet
    message_fields = MITRA_MESSAGE_FIELDS
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.wants("contacts"):
            queryset = queryset.prefetch_related(Prefetch("contacts", MitraContact.objects.order_by("pk")))
        return queryset

    def locked_object(self):
        mitra = super().locked_object()
        if not in_area(self.request.user, mitra.wilayah_id):
            raise exceptions.PermissionDenied  # seen, but seated outside the user's area: the page's 403
        return mitra

    def create_record(self, data):
        contacts = [dict(contact) for contact in data.pop("contacts", [])]
        return services.mitra_create(by=self.request.user, contacts=contacts, **data)

    def update_record(self, instance, data):
        services.mitra_update(by=self.request.user, mitra=instance, **data)


# --- Jejaring --------------------------------------------------------------------------------------------------


class TieSerializer(RecordSerializer):
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    active = serializers.SerializerMethodField(help_text=_("Aktif hari ini."))

    class Meta(RecordSerializer.Meta):
        model = Jejaring
        fields = [
            "id",
            "wksbm",
            "mitra",
            "partner_wksbm",
            "kind",
            "kind_name",
            "started_on",
            "ended_on",
            "active",
            "basis_number",
            "basis_date",
            "description",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_active(self, tie) -> bool:
        return tie.is_active(dates.today())


TIE_FIELDS = ["kind", "started_on", "basis_number", "basis_date", "description"]


class TieUpdateSerializer(RecordSerializer):
    """A tie corrected: its kind, dates, basis and description, as on its page."""

    kind = serializers.PrimaryKeyRelatedField(queryset=JejaringKind.objects.all())

    class Meta(RecordSerializer.Meta):
        model = Jejaring
        fields = ["kind", "started_on", "ended_on", "basis_number", "basis_date", "description"]


class TieCreateSerializer(RecordSerializer):
    """A tie of a WKSBM of the user's area with a mitra the user sees or another WKSBM of the area (exactly one;
    the model's rules judge the rest)."""

    wksbm = ScopedRelatedField(queryset=Wksbm.objects.all())
    mitra = ScopedRelatedField(queryset=Mitra.objects.all(), required=False, allow_null=True)
    partner_wksbm = ScopedRelatedField(queryset=Wksbm.objects.all(), required=False, allow_null=True)
    kind = serializers.PrimaryKeyRelatedField(queryset=JejaringKind.objects.all())

    class Meta(RecordSerializer.Meta):
        model = Jejaring
        fields = ["wksbm", "mitra", "partner_wksbm", *TIE_FIELDS]


class TieFilterSet(RecordFilterSet):
    """The admin's filters: kind, kabupaten/kecamatan of the WKSBM (`wilayah`), active or past, the other end."""

    wksbm = django_filters.NumberFilter(method="of_wksbm", label=_("Id WKSBM (di salah satu ujung)"))
    mitra = django_filters.NumberFilter(field_name="mitra_id", label=_("Id mitra"))
    jenis = django_filters.ModelChoiceFilter(
        field_name="kind", queryset=JejaringKind.objects.all(), to_field_name="slug", label=_("Jenis jejaring (slug)")
    )
    aktif = django_filters.BooleanFilter(method="state", label=_("Aktif hari ini"))
    ujung_lain = django_filters.ChoiceFilter(
        choices=[("mitra", _("Mitra")), ("wksbm", _("WKSBM lain"))], method="other_end", label=_("Ujung lain")
    )

    class Meta:
        model = Jejaring
        fields = []

    def of_wksbm(self, queryset, name, value):
        return queryset.of_wksbm(int(value)) if value is not None else queryset

    def state(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.active() if value else queryset.past()

    def other_end(self, queryset, name, value):
        if value == "mitra":
            return queryset.filter(mitra__isnull=False)
        return queryset.filter(partner_wksbm__isnull=False) if value == "wksbm" else queryset


class TieViewSet(RecordViewSet):
    """Ties of the WKSBM of the user's area (at either end); see the module docstring."""

    queryset = Jejaring.objects.select_related("kind")
    serializer_class = TieSerializer
    create_serializer_class = TieCreateSerializer
    update_serializer_class = TieUpdateSerializer
    filterset_class = TieFilterSet
    # An overlap with another tie of the same kind is said next to the kind.
    message_fields = {**TIE_MESSAGE_FIELDS, "jejaring_one_active_per_kind": "kind"}
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_record(self, data):
        return services.tie_create(by=self.request.user, **data)

    def update_record(self, instance, data):
        services.tie_update(by=self.request.user, tie=instance, **data)

    @action(detail=True, methods=["post"], required_permissions=("registry.change_jejaring",))
    def akhiri(self, request, pk=None):
        """Ends the tie on `on` (today by default); `If-Match` required."""

        def end(tie, on):
            try:
                services.tie_end(by=request.user, tie=tie, ended_on=on)
            except DjangoValidationError as error:
                raise exceptions.ValidationError({"on": error.messages}) from error  # the body's field, as the page

        return self.end_with(request, TieEndForm, end)


# --- Forum -----------------------------------------------------------------------------------------------------


class ForumBoardSerializer(serializers.ModelSerializer):
    """A board member of a forum: the NIK masked, the phone as the user may see it."""

    role = serializers.CharField(source="role.name", read_only=True)
    phone = PhoneField(read_only=True)
    masked_nik = MaskedNikField()

    class Meta:
        model = ForumPengurus
        fields = ["id", "name", "role", "phone", "masked_nik", "period_from", "period_to"]


class ForumMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForumMember
        fields = ["id", "wksbm", "joined_on", "left_on"]


class ForumSerializer(RecordSerializer):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True)
    pengurus = ForumBoardSerializer(many=True, read_only=True)
    members = ForumMemberSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = ForumKomunikasi
        fields = [
            "id",
            "name",
            "wilayah",
            "formed_on",
            "sk_number",
            "sk_date",
            "sk_signed_by",
            "address",
            "notes",
            "pengurus",
            "members",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ForumFilterSet(RecordFilterSet):
    """The area (`wilayah`, by code prefix), as the admin's list filters by kabupaten; no filter by level yet."""

    class Meta:
        model = ForumKomunikasi
        fields = []


class ForumViewSet(ReadOnlyRecordViewSet):
    """Forums the user sees (their area's, and those with a member WKSBM there), read only."""

    queryset = ForumKomunikasi.objects.all()
    serializer_class = ForumSerializer
    filterset_class = ForumFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.wants("pengurus"):
            board = ForumPengurus.objects.select_related("role").order_by("role__sort_order", "name")
            queryset = queryset.prefetch_related(Prefetch("pengurus", board))
        if self.wants("members"):
            queryset = queryset.prefetch_related(Prefetch("members", ForumMember.objects.order_by("pk")))
        return queryset
