"""Forms of a WKSBM's profile: creating one in the user's area, and editing it without overwriting others."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import versions
from registry.forms.base import FieldModelForm, OnceForm, constraint_messages
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


PROFILE_FIELDS = ["name", "dusun_rw", "address", "formed_on", "sk_number", "sk_date", "sk_signed_by", "phone"]


class WksbmProfileFields(FieldModelForm):
    """The profile fields people keep from the field, labelled as on the SK; every rule is the model's."""

    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Wksbm
        fields = PROFILE_FIELDS
        labels = {"phone": _("Telepon sekretariat")}
        help_texts = {"phone": _("Contoh: 0812-3456-7890")}
        error_messages = {"name": {"required": _("Isi nama WKSBM.")}}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "off"})}


class WksbmCreateForm(OnceForm, WksbmProfileFields):
    """A new WKSBM: where (from the user's area only) and its profile. Cleaned data are `wksbm_create`'s fields."""

    field_order = ["wilayah", "name"]

    class Meta(WksbmProfileFields.Meta):
        fields = ["wilayah", *PROFILE_FIELDS]

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

    Bound to a copy of the WKSBM (`instance`), validated as it would be saved. The wilayah is not edited here:
    moving a WKSBM would leave its member KPS outside it.
    """

    version = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang.")},
    )

    class Meta(WksbmProfileFields.Meta):
        fields = [*PROFILE_FIELDS, "status", "status_changed_on", "notes"]
        help_texts = {
            **WksbmProfileFields.Meta.help_texts,
            "status_changed_on": _("Kosongkan bila status berubah hari ini."),
        }
        error_messages = {
            **WksbmProfileFields.Meta.error_messages,
            "status": {"invalid_choice": _("Pilih status dari daftar.")},
        }
        widgets = {**WksbmProfileFields.Meta.widgets, "notes": forms.Textarea(attrs={"rows": 3})}

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
        """The cleaned profile values as `wksbm_update`'s keyword arguments, a change of status dated by the one
        rule for it (`Wksbm.date_status_change`: today when left undated)."""
        changes = {name: self.cleaned_data[name] for name in self.compared_fields}
        self.instance.date_status_change(wksbm.status, changes["status_changed_on"])
        changes["status_changed_on"] = self.instance.status_changed_on
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
