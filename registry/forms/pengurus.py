"""Forms of a WKSBM's board: adding a person in a role, and ending a term."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.forms.base import DateField, FieldModelForm, OnceForm, constraint_messages
from registry.models import Pengurus, PengurusRole

MESSAGE_FIELDS = constraint_messages(Pengurus, {"pengurus_period_in_order": "period_to"})


class PengurusAddForm(OnceForm, FieldModelForm):
    """A person joining the board (the rules are `Pengurus`'s); cleaned data (less the token) are `pengurus_add`'s
    fields."""

    role = forms.ModelChoiceField(
        label=_("Jabatan"),
        queryset=PengurusRole.objects.all(),
        empty_label=_("— pilih jabatan —"),
        error_messages={"required": _("Pilih jabatannya."), "invalid_choice": _("Pilih jabatan dari daftar.")},
    )
    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Pengurus
        fields = ["role", "name", "phone", "nik", "period_from", "period_to"]
        help_texts = {
            "phone": _("Contoh: 0812-3456-7890"),
            "nik": _("Boleh dikosongkan. Data pribadi: isi hanya bila diperlukan."),
        }
        error_messages = {"name": {"required": _("Isi nama pengurus.")}}
        widgets = {"nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})}


class EndDateForm(forms.Form):
    """The day something ends (a term, a membership), today unless told; not before `starts_on`."""

    on = DateField(label=_("Tanggal berakhir"), error_messages={"required": _("Isi tanggalnya.")})

    too_early_message = _("Tanggal berakhir tidak boleh sebelum %(start)s.")

    def __init__(self, *args, starts_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.starts_on = starts_on
        self.initial.setdefault("on", dates.today())

    def clean_on(self):
        on = self.cleaned_data["on"]
        if self.starts_on and on < self.starts_on:
            raise forms.ValidationError(self.too_early_message % {"start": self.starts_on.strftime("%d/%m/%Y")})
        return on


class PengurusEndForm(EndDateForm):
    """The last day of a pengurus's term."""

    on = DateField(label=_("Akhir masa bakti"), error_messages={"required": _("Isi tanggal akhir masa bakti.")})
    too_early_message = _("Akhir masa bakti tidak boleh sebelum awalnya (%(start)s).")
