"""Forms of a WKSBM's profile: creating one in the user's area, and editing it without overwriting others."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import versions
from registry.enums import WksbmStatus
from registry.forms.base import DateField, OnceForm, PhoneField, constraint_messages
from registry.forms.wilayah import WilayahChoiceField
from registry.models import Wksbm
from registry.versions import EditConflict

# Named model constraints whose message belongs next to a field rather than above the form.
MESSAGE_FIELDS = constraint_messages(
    Wksbm,
    {
        "wksbm_name_unique_per_wilayah": "name",
        "wksbm_sk_after_formation": "sk_date",
        "wksbm_status_change_after_formation": "status_changed_on",
    },
)


class WksbmProfileFields(forms.Form):
    """The profile fields people keep from the field, labelled as on the SK."""

    name = forms.CharField(
        label=_("Nama WKSBM"),
        max_length=200,
        error_messages={"required": _("Isi nama WKSBM.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    dusun_rw = forms.CharField(label=_("Dusun/RW"), max_length=100, required=False)
    address = forms.CharField(label=_("Alamat sekretariat"), max_length=255, required=False)
    formed_on = DateField(label=_("Tanggal pembentukan"), required=False)
    sk_number = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)
    sk_date = DateField(label=_("Tanggal SK"), required=False)
    sk_signed_by = forms.CharField(label=_("Penandatangan SK"), max_length=150, required=False)
    phone = PhoneField(label=_("Telepon sekretariat"), help_text=_("Contoh: 0812-3456-7890"))

    def clean(self):
        cleaned = super().clean()
        formed_on, sk_date = cleaned.get("formed_on"), cleaned.get("sk_date")
        if formed_on and sk_date and sk_date < formed_on:
            self.add_error("sk_date", _("Tanggal SK tidak boleh sebelum tanggal pembentukan."))
        return cleaned


class WksbmCreateForm(OnceForm, WksbmProfileFields):
    """A new WKSBM: where (from the user's area only) and its profile. Cleaned data are `wksbm_create`'s fields."""

    field_order = ["wilayah", "name"]

    def __init__(self, *args, user, wilayah_options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"] = WilayahChoiceField(
            user=user,
            options=wilayah_options,
            help_text=_("Desa/kelurahan WKSBM, atau kecamatan untuk WKSBM tingkat kecamatan."),
        )
        self.order_fields(self.field_order)


class WksbmEditForm(WksbmProfileFields):
    """The profile of an existing WKSBM, carrying the version stamp (`registry.versions`) it was opened at.

    The wilayah is not edited here: moving a WKSBM would leave its member KPS outside it.
    """

    status = forms.ChoiceField(
        label=_("Status"),
        choices=WksbmStatus.choices,
        error_messages={"invalid_choice": _("Pilih status dari daftar.")},
    )
    status_changed_on = DateField(
        label=_("Tanggal perubahan status"),
        required=False,
        help_text=_("Kosongkan bila status berubah hari ini."),
    )
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang.")},
    )

    # The fields compared when someone else saved the record in the meantime.
    compared_fields = [
        "name",
        "dusun_rw",
        "address",
        "formed_on",
        "sk_number",
        "sk_date",
        "sk_signed_by",
        "status",
        "status_changed_on",
        "phone",
        "notes",
    ]

    @staticmethod
    def version_of(wksbm: Wksbm) -> str:
        """The version stamp of `wksbm` as the form carries it (`registry.versions.version_of`)."""
        return versions.version_of(wksbm)

    @classmethod
    def initial_for(cls, wksbm: Wksbm) -> dict:
        """The form's initial values: the WKSBM as it is now, and its version."""
        initial = {name: getattr(wksbm, name) for name in cls.compared_fields}
        initial["version"] = cls.version_of(wksbm)
        return initial

    def changes(self, wksbm: Wksbm) -> dict:
        """The cleaned profile values as `wksbm_update`'s keyword arguments; a new status left undated is left
        to the service, which dates it today."""
        changes = {name: self.cleaned_data[name] for name in self.compared_fields}
        if changes["status"] != wksbm.status and changes["status_changed_on"] is None:
            del changes["status_changed_on"]
        return changes


def edit_conflict(form: WksbmEditForm, wksbm: Wksbm) -> EditConflict | None:
    """The conflict between a valid edit `form` and `wksbm` as saved now, or None when saving loses nothing
    (`registry.versions.edit_conflict` over the profile fields)."""
    return versions.edit_conflict(
        stamp=form.cleaned_data["version"],
        stored=wksbm,
        mine={name: form.cleaned_data[name] for name in WksbmEditForm.compared_fields},
        labels={name: form.fields[name].label for name in WksbmEditForm.compared_fields},
    )
