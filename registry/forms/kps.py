"""Forms of a WKSBM's member KPS: a new KPS created in the WKSBM's area, or an existing free one linked; a KPS and
a membership corrected; a member leaving."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.forms.base import DateField, FieldModelForm, OnceForm, constraint_messages
from registry.forms.editing import EditForm
from registry.forms.pengurus import EndDateForm
from registry.forms.wilayah import CHOICE_LIMIT, grouped_choices
from registry.models import Kps, KpsKind, KpsMembership, Wilayah
from registry.scoping import code_prefix_q

MESSAGE_FIELDS = {
    **constraint_messages(Kps, {"kps_name_unique_per_wilayah": "name"}),
    **constraint_messages(KpsMembership, {"kps_one_current_membership": "kps"}),
}


def kps_places(user, wksbm):
    """Where a new KPS of `wksbm` may be: its wilayah and what lies under it, within `user`'s area."""
    return (
        Wilayah.objects.for_user(user)
        .within([wksbm.wilayah_id])
        .filter(level__in=(WilayahLevel.KECAMATAN, WilayahLevel.DESA))
    )


def linkable_kps(user, wksbm):
    """KPS `user` may link to `wksbm`: in its wilayah or under it, and a current member of no WKSBM."""
    current = KpsMembership.objects.filter(kps=OuterRef("pk"), left_on__isnull=True)
    return (
        Kps.objects.for_user(user)
        .filter(code_prefix_q("wilayah__code", [wksbm.wilayah_id]))
        .exclude(Exists(current))
        .select_related("kind", "wilayah")
    )


class KpsFields(FieldModelForm):
    """What a KPS is (the rules are `Kps`'s): name, kind, leader, number of members, phone."""

    kind = forms.ModelChoiceField(
        label=_("Jenis KPS"),
        queryset=KpsKind.objects.all(),
        empty_label=_("— pilih jenis —"),
        error_messages={"required": _("Pilih jenis KPS."), "invalid_choice": _("Pilih jenis KPS dari daftar.")},
    )
    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Kps
        fields = ["name", "kind", "leader", "member_count", "phone"]
        help_texts = {"phone": _("Contoh: 0812-3456-7890")}
        error_messages = {
            "name": {"required": _("Isi nama KPS.")},
            "member_count": {"invalid": _("Tulis angka saja."), "min_value": _("Jumlah anggota tidak boleh negatif.")},
        }


class KpsEditForm(EditForm, KpsFields):
    """A member KPS corrected, over the version the page was opened at; its wilayah stays (it lies in the WKSBM's)."""


class KpsCreateForm(OnceForm, KpsFields):
    """A new KPS, made a member of the WKSBM at once. It lies in the WKSBM's desa; a kecamatan-level WKSBM asks
    where the KPS is."""

    joined_on = DateField(label=_("Tanggal bergabung ke WKSBM"), required=False)

    class Meta(KpsFields.Meta):
        fields = ["name", "kind", "wilayah", "leader", "member_count", "phone"]

    def __init__(self, *args, user, wksbm, **kwargs):
        super().__init__(*args, instance=Kps(wilayah=wksbm.wilayah), **kwargs)
        if wksbm.wilayah.level != WilayahLevel.KECAMATAN:
            del self.fields["wilayah"]
            return
        places = kps_places(user, wksbm)
        self.fields["wilayah"] = forms.ModelChoiceField(
            label=_("Wilayah KPS"),
            queryset=places,
            error_messages={
                "required": _("Pilih wilayah KPS."),
                "invalid_choice": _("Pilih wilayah di dalam wilayah WKSBM ini."),
            },
        )
        self.fields["wilayah"].widget.choices = grouped_choices(
            list(places.select_related("parent")), blank_label=_("— pilih wilayah —")
        )
        self.order_fields(["name", "kind", "wilayah"])

    def kps_fields(self) -> dict:
        """`kps_create`'s keyword arguments: a desa WKSBM's KPS lies in the same desa."""
        fields = {name: value for name, value in self.service_fields().items() if name != "joined_on"}
        return {"wilayah": self.instance.wilayah, **fields}


class KpsLinkForm(OnceForm):
    """An existing KPS of the WKSBM's area that is a current member of no WKSBM, joining it.

    Validated against every linkable KPS; shown from at most `CHOICE_LIMIT` of them, narrowed by a name
    search when there are more.
    """

    kps = forms.ModelChoiceField(
        label=_("KPS"),
        queryset=Kps.objects.none(),
        error_messages={
            "required": _("Pilih KPS yang akan ditautkan."),
            "invalid_choice": _(
                "KPS ini tidak dapat ditautkan: berada di luar wilayah WKSBM ini atau masih anggota WKSBM lain."
            ),
        },
    )
    joined_on = DateField(label=_("Tanggal bergabung ke WKSBM"), required=False)

    def __init__(self, *args, user, wksbm, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kps"]
        field.queryset = linkable_kps(user, wksbm)
        shown = field.queryset.filter(name__icontains=search) if search else field.queryset
        self.shown = list(shown.order_by("name", "pk")[: CHOICE_LIMIT + 1])
        self.truncated = len(self.shown) > CHOICE_LIMIT
        del self.shown[CHOICE_LIMIT:]
        field.widget.choices = [("", _("— pilih KPS —"))] + [
            (kps.pk, f"{kps.name} — {kps.kind} ({kps.wilayah.display_name})") for kps in self.shown
        ]


class MembershipEditForm(EditForm):
    """When a member KPS joined the WKSBM and, once it left, the day it left; over the version the page was opened
    at. Neither day lies ahead (`KpsMembership.clean`)."""

    message_fields = constraint_messages(
        KpsMembership,
        {"kps_membership_dates_in_order": "left_on", "kps_one_current_membership": "left_on"},
    )

    class Meta(FieldModelForm.Meta):
        model = KpsMembership
        fields = ["joined_on", "left_on"]
        labels = {"joined_on": _("Tanggal bergabung ke WKSBM"), "left_on": _("Tanggal keluar")}
        help_texts = {"left_on": _("Kosongkan bila masih anggota.")}


class MembershipEndForm(EndDateForm):
    """The day a KPS leaves the WKSBM."""

    on = DateField(label=_("Tanggal keluar"), error_messages={"required": _("Isi tanggal keluar.")})
    start_field, end_field = "joined_on", "left_on"
    too_early_message = _("Tanggal keluar tidak boleh sebelum tanggal bergabung (%(start)s).")
