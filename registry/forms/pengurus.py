"""Forms of a WKSBM's board: adding a person in a role, correcting what is recorded of them, ending a term."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.forms.base import DateField, FieldModelForm, OnceForm, constraint_messages
from registry.forms.editing import EditForm, KeptNikMixin
from registry.models import Pengurus, PengurusRole

MESSAGE_FIELDS = constraint_messages(Pengurus, {"pengurus_period_in_order": "period_to"})


class PengurusFields(FieldModelForm):
    """A person on the board (the rules are `Pengurus`'s): role, name, phone, NIK, term."""

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


class PengurusAddForm(OnceForm, PengurusFields):
    """A person joining the board; cleaned data (less the token) are `pengurus_add`'s fields."""


class PengurusEditForm(KeptNikMixin, EditForm, PengurusFields):
    """A board member corrected: name, role, phone, NIK (replaced only when typed), term dates; over the version the
    page was opened at. A term planned to end later may end after today; ending it now is "Akhiri masa bakti"."""

    class Meta(PengurusFields.Meta):
        help_texts = {**PengurusFields.Meta.help_texts, "period_to": _("Kosongkan bila masih menjabat.")}


class EndDateForm(forms.Form):
    """The day a `row` ends (a term, a membership: its `end_field`), today unless told.

    Not before the day it began (its `start_field`): the row's own constraint judges the day, worded here with
    that day (`too_early_message`). Not after today either (`registry.dates.future_date_errors`, worded by
    `future_message`): ending something takes effect on the day given, so a day ahead would leave it current.
    """

    # Each kind of ending declares its date field `on`, labelled and worded for it.
    start_field: str
    end_field: str
    too_early_message: str
    future_message = _(
        "Tanggal ini setelah hari ini. Isi hari ini atau tanggal yang sudah lewat; "
        "yang diakhiri langsung tercatat sebagai sudah berakhir."
    )

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        self.initial.setdefault("on", dates.today())

    def clean_on(self):
        on = self.cleaned_data["on"]
        ended = copy.copy(self.row)
        setattr(ended, self.end_field, on)
        if dates.future_date_errors(ended, [self.end_field]):
            raise ValidationError(self.future_message, code=dates.FUTURE_DATE)
        others = {field.name for field in ended._meta.fields} - {self.start_field, self.end_field}
        try:
            ended.validate_constraints(exclude=others)
        except ValidationError as error:
            start = getattr(self.row, self.start_field)
            raise ValidationError(self.too_early_message % {"start": start.strftime("%d/%m/%Y")}) from error
        return on


class PengurusEndForm(EndDateForm):
    """The last day of a pengurus's term."""

    on = DateField(label=_("Akhir masa bakti"), error_messages={"required": _("Isi tanggal akhir masa bakti.")})
    start_field, end_field = "period_from", "period_to"
    too_early_message = _("Akhir masa bakti tidak boleh sebelum awalnya (%(start)s).")
