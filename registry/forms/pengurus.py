"""Forms of a WKSBM's board: adding a person in a role, and ending a term."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.forms.base import DateField, OnceForm, PhoneField, constraint_messages
from registry.models import Pengurus, PengurusRole
from registry.validators import validate_nik

MESSAGE_FIELDS = constraint_messages(Pengurus, {"pengurus_period_in_order": "period_to"})


class PengurusAddForm(OnceForm):
    """A person joining the board; cleaned data (less the token) are `pengurus_add`'s fields."""

    role = forms.ModelChoiceField(
        label=_("Jabatan"),
        queryset=PengurusRole.objects.all(),
        empty_label=_("— pilih jabatan —"),
        error_messages={"required": _("Pilih jabatannya."), "invalid_choice": _("Pilih jabatan dari daftar.")},
    )
    name = forms.CharField(label=_("Nama"), max_length=150, error_messages={"required": _("Isi nama pengurus.")})
    phone = PhoneField(label=_("Telepon"), help_text=_("Contoh: 0812-3456-7890"))
    nik = forms.CharField(
        label=_("NIK"),
        max_length=16,
        required=False,
        validators=[validate_nik],
        help_text=_("Boleh dikosongkan. Data pribadi: isi hanya bila diperlukan."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    period_from = DateField(label=_("Masa bakti dari"), required=False)
    period_to = DateField(label=_("Masa bakti sampai"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("Akhir masa bakti tidak boleh sebelum awalnya."))
        return cleaned


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
