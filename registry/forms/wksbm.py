"""Forms of a WKSBM's profile: creating one in the user's area, and editing it without overwriting others."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms.base import FieldModelForm, OnceForm, constraint_messages
from registry.forms.editing import EditForm
from registry.forms.wilayah import WilayahChoiceField
from registry.models import Wksbm

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
# Issue 22: whether the secretariat's address and phone may appear in the public directory of active WKSBM.
PROFILE_FIELDS += ["directory_consent"]


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


class WksbmEditForm(EditForm, WksbmProfileFields):
    """The profile of an existing WKSBM, carrying the version stamp it was opened at (`EditForm`).

    The wilayah is not edited here: moving a WKSBM would leave its member KPS outside it.
    """

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
        "directory_consent",
        "notes",
    ]
