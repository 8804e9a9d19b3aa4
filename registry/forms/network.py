"""Forms of the network on the field pages: a tie of a WKSBM (with a mitra found by name or another WKSBM, or with
a new mitra), ending and correcting a tie, a mitra and its contact people.

The rules are the models' (`registry.models.network`), judged by the forms through `Model.full_clean`; a tie's
period overlapping another of the same kind between the same two ends is refused with its message on the form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.db.trigram import name_matches
from registry.forms.base import DateField, FieldModelForm, OnceForm, constraint_messages
from registry.forms.editing import EditForm
from registry.forms.pengurus import EndDateForm
from registry.forms.wilayah import CHOICE_LIMIT
from registry.models import Jejaring, JejaringKind, Mitra, MitraContact, MitraKind, Wilayah, Wksbm
from registry.scoping import in_area
from registry.wilayah_codes import ancestor_code, level_of

TIE_MESSAGE_FIELDS = constraint_messages(
    Jejaring,
    {
        "jejaring_ends_after_start": "ended_on",
        "jejaring_not_with_itself": "partner_wksbm",
        "jejaring_one_other_end": "mitra",
        "jejaring_one_open_tie_with_mitra": "kind",
        "jejaring_one_open_tie_with_wksbm": "kind",
    },
)
MITRA_MESSAGE_FIELDS = constraint_messages(Mitra, {"mitra_name_unique_per_wilayah": "name"})


def visible_mitra(user):
    """The mitra `user` may choose as the other end of a tie (`MitraQuerySet.for_user`)."""
    return Mitra.objects.for_user(user).select_related("kind", "wilayah")


def other_wksbm(user, wksbm):
    """The WKSBM of `user`'s area a tie of `wksbm` may join (every one but itself)."""
    return Wksbm.objects.for_user(user).exclude(pk=wksbm.pk).select_related("wilayah")


def seat_options(user, wksbm) -> list[Wilayah]:
    """Where a new mitra of `wksbm`'s tie may be seated: the WKSBM's wilayah and those above it, within `user`'s
    area (a desa's BUMDes, the kecamatan's Puskesmas, the kabupaten's Baznas), lowest first."""
    code = wksbm.wilayah_id
    codes = [ancestor_code(code, level) for level in range(level_of(code), 0, -1)]
    wanted = [code for code in codes if in_area(user, code)]
    by_code = {wilayah.code: wilayah for wilayah in Wilayah.objects.filter(code__in=wanted)}
    return [by_code[code] for code in wanted if code in by_code]


class TieFields(FieldModelForm):
    """What a tie is (the rules are `Jejaring`'s): kind, start, the basis (MoU/PKS number and date), description."""

    kind = forms.ModelChoiceField(
        label=_("Jenis jejaring"),
        queryset=JejaringKind.objects.all(),
        empty_label=_("— pilih jenis —"),
        error_messages={"required": _("Pilih jenis jejaring."), "invalid_choice": _("Pilih jenis dari daftar.")},
    )
    message_fields = TIE_MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Jejaring
        fields = ["kind", "started_on", "basis_number", "basis_date", "description"]
        error_messages = {"started_on": {"required": _("Isi tanggal mulai jejaring.")}}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TieAddForm(OnceForm, TieFields):
    """A tie of `wksbm` with a mitra the user sees or with another WKSBM of the user's area, exactly one of them.

    Validated against every such mitra and WKSBM; shown from at most `CHOICE_LIMIT` of each, narrowed by the name
    `search` (GET `q`), matched as the field search matches names: whatever the spacing, and with small typos on
    PostgreSQL (`registry.db.trigram.name_matches`).
    """

    class Meta(TieFields.Meta):
        fields = ["mitra", "partner_wksbm", *TieFields.Meta.fields]

    def __init__(self, *args, user, wksbm, search: str = "", **kwargs):
        super().__init__(*args, instance=Jejaring(wksbm=wksbm), **kwargs)
        self.shown = {}
        for name, queryset, label, describe in (
            ("mitra", visible_mitra(user), _("Mitra"), lambda m: f"{m.name} — {m.kind} ({m.wilayah.display_name})"),
            (
                "partner_wksbm",
                other_wksbm(user, wksbm),
                _("atau WKSBM lain"),
                lambda w: f"{w.name} ({w.wilayah.display_name})",
            ),
        ):
            field = self.fields[name]
            field.queryset, field.label, field.required = queryset, label, False
            field.error_messages["invalid_choice"] = _("Pilih dari daftar.")
            shown = queryset.filter(name_matches("name", search)) if search else queryset
            rows = list(shown.order_by("name", "pk")[: CHOICE_LIMIT + 1])
            self.shown[name] = rows[:CHOICE_LIMIT]
            field.widget.choices = [("", _("— tidak ada —"))] + [(row.pk, describe(row)) for row in rows[:CHOICE_LIMIT]]
        self.truncated = any(len(rows) > CHOICE_LIMIT for rows in self.shown.values())

    def service_fields(self) -> dict:
        fields = super().service_fields()
        return {"mitra": fields.pop("mitra"), "partner_wksbm": fields.pop("partner_wksbm"), **fields}


class TieWithNewMitraForm(OnceForm, TieFields):
    """The tie's own fields when its other end is a new mitra (`MitraFields` and `ContactFields` beside it), and
    the choice made after the close names were shown: one of them (`pick`) or a new mitra anyway (`confirm_new`)."""

    pick = forms.ModelChoiceField(queryset=Mitra.objects.none(), required=False, widget=forms.HiddenInput)
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, wksbm, **kwargs):
        super().__init__(*args, instance=Jejaring(wksbm=wksbm), **kwargs)
        self.fields["pick"].queryset = Mitra.objects.all()

    def tie_fields(self) -> dict:
        """`tie_create`'s fields of the tie itself (the other end is chosen by the page)."""
        return {name: self.cleaned_data[name] for name in TieFields.Meta.fields}


class MitraFields(FieldModelForm):
    """What a mitra is (the rules are `Mitra`'s): name, kind, level, address, registration number, notes."""

    kind = forms.ModelChoiceField(
        label=_("Jenis mitra"),
        queryset=MitraKind.objects.all(),
        empty_label=_("— pilih jenis —"),
        error_messages={"required": _("Pilih jenis mitra."), "invalid_choice": _("Pilih jenis dari daftar.")},
    )
    message_fields = MITRA_MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Mitra
        fields = ["name", "kind", "level", "address", "registration_number", "notes"]
        error_messages = {"name": {"required": _("Isi nama mitra.")}}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class MitraNewForm(MitraFields):
    """A new mitra seated in one of `seat_options` (the WKSBM's wilayah or above it, within the user's area)."""

    class Meta(MitraFields.Meta):
        fields = ["name", "kind", "level", "wilayah", "address", "registration_number"]

    def __init__(self, *args, user, wksbm, **kwargs):
        super().__init__(*args, instance=Mitra(), **kwargs)
        options = seat_options(user, wksbm)
        field = self.fields["wilayah"]
        field.queryset = Wilayah.objects.filter(code__in=[wilayah.code for wilayah in options])
        field.label = _("Wilayah kedudukan")
        field.error_messages["invalid_choice"] = _("Pilih wilayah kedudukan dari daftar.")
        field.widget.choices = [(wilayah.code, wilayah.display_name) for wilayah in options]
        self.initial.setdefault("wilayah", wksbm.wilayah_id)

    def mitra_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MitraEditForm(EditForm, MitraFields):
    """A mitra corrected over the version the page was opened at; its seat stays (the admin moves a mitra)."""


class ContactFields(FieldModelForm):
    """A contact person of a mitra: name, position, phone (personal data, masked for roles that may not see it)."""

    class Meta(FieldModelForm.Meta):
        model = MitraContact
        fields = ["name", "position", "phone"]
        help_texts = {"phone": _("Contoh: 0812-3456-7890")}
        error_messages = {"name": {"required": _("Isi nama narahubung.")}}


class FirstContactForm(ContactFields):
    """The one contact person entered with a new mitra; optional (left empty, none is recorded)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, instance=MitraContact(), **kwargs)
        self.fields["name"].required = False
        self.fields["name"].label = _("Nama narahubung")

    def _post_clean(self):
        # Judged as a contact only when a name is given; the mitra it belongs to does not exist yet.
        if self.cleaned_data.get("name"):
            super()._post_clean()

    def contact_fields(self) -> list[dict]:
        """`mitra_create`'s `contacts`: the one typed, or none."""
        data = self.cleaned_data
        return [{name: data[name] for name in self.Meta.fields}] if data.get("name") else []


class ContactAddForm(OnceForm, ContactFields):
    """A contact person added to a mitra."""

    def __init__(self, *args, mitra, **kwargs):
        super().__init__(*args, instance=MitraContact(mitra=mitra), **kwargs)


class ContactEditForm(EditForm, ContactFields):
    """A contact person corrected over the version the page was opened at."""


class TieEditForm(EditForm, TieFields):
    """A tie corrected over the version the page was opened at: kind, dates (its end too), basis, description."""

    class Meta(TieFields.Meta):
        fields = ["kind", "started_on", "ended_on", "basis_number", "basis_date", "description"]
        help_texts = {"ended_on": _("Kosongkan bila masih berjalan.")}


class TieEndForm(EndDateForm):
    """The day a tie ends: from that day it is past."""

    on = DateField(label=_("Tanggal berakhir"), error_messages={"required": _("Isi tanggal berakhir.")})
    start_field, end_field = "started_on", "ended_on"
    too_early_message = _("Tanggal berakhir harus sesudah tanggal mulai (%(start)s).")
