"""Forms of the field's evaluation pages: the date and notes of an evaluation and one answer per indicator.

Each indicator is a radio group (`jawaban_<pk>`) of its own options and a note box (`catatan_<pk>`); the
option the registry's facts give is chosen at first and marked. Whether an answer is acceptable (an option of
that indicator, a note when it overrides the pre-fill) is `Jawaban.clean`, called here so that its message
stands next to the indicator; the date and the one-evaluation-per-period rule are `Evaluasi`'s.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry import versions
from registry.forms.base import FieldModelForm, OnceForm, constraint_messages
from registry.forms.editing import EditForm
from trainings.evaluation_services import Answer
from trainings.models.evaluation import Evaluasi, EvaluationStatus, Jawaban, score_and_class

MESSAGE_FIELDS = constraint_messages(Evaluasi, {"evaluasi_one_per_period": "evaluated_on"})


class AnswersMixin:
    """Adds one radio group and one note box per indicator of `indicators` (with their prefetched options);
    `prefilled` is the pre-filled option by indicator pk, `stored` the stored answers by indicator pk."""

    def add_answer_fields(self, indicators, prefilled: dict, stored: dict) -> None:
        self.indicators, self.prefilled = indicators, prefilled
        for indicator in indicators:
            options = list(indicator.options.all())
            answer = stored.get(indicator.pk)
            chosen = answer.option_id if answer else getattr(prefilled.get(indicator.pk), "pk", None)
            self.fields[f"jawaban_{indicator.pk}"] = forms.TypedChoiceField(
                label=indicator.text,
                choices=[(option.pk, f"{option.label} ({option.score})") for option in options],
                coerce=int,
                widget=forms.RadioSelect,
                initial=chosen,
                error_messages={
                    "required": _("Pilih jawaban indikator ini."),
                    "invalid_choice": _("Pilih jawaban dari pilihan indikator ini."),
                },
            )
            self.fields[f"catatan_{indicator.pk}"] = forms.CharField(
                label=_("Catatan"),
                required=False,
                max_length=1000,
                initial=answer.note if answer else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Wajib bila jawaban berbeda dari data registri."),
            )

    def answer_rows(self):
        """(indicator, its radio group, its note box, the pre-filled option) for the template, in order."""
        return [
            (
                indicator,
                self[f"jawaban_{indicator.pk}"],
                self[f"catatan_{indicator.pk}"],
                self.prefilled.get(indicator.pk),
            )
            for indicator in self.indicators
        ]

    def clean_answers(self) -> None:
        """Builds `self.answers` and puts `Jawaban.clean`'s messages next to the indicator they concern."""
        self.answers = []
        for indicator in self.indicators:
            chosen = self.cleaned_data.get(f"jawaban_{indicator.pk}")
            if chosen is None:
                continue
            option = next(option for option in indicator.options.all() if option.pk == chosen)
            note = self.cleaned_data.get(f"catatan_{indicator.pk}", "")
            prefilled = self.prefilled.get(indicator.pk)
            row = Jawaban(indicator=indicator, option=option, prefilled_option=prefilled, note=note)
            try:
                row.clean()
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    target = f"catatan_{indicator.pk}" if field == "note" else f"jawaban_{indicator.pk}"
                    for single in errors:
                        self.add_error(target, single)
                continue
            self.answers.append(Answer(indicator=indicator, option=option, prefilled_option=prefilled, note=note))


class EvaluasiForm(OnceForm, AnswersMixin, FieldModelForm):
    """A new evaluation of a WKSBM with an instrument (`instance`, unsaved, carries both and the assessor)."""

    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Evaluasi
        fields = ["evaluated_on", "notes"]
        help_texts = {"evaluated_on": _("Periode penilaian mengikuti tanggal ini.")}
        error_messages = {"evaluated_on": {"required": _("Isi tanggal penilaian.")}}

    def __init__(self, *args, indicators, prefilled, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].widget.attrs["rows"] = 3
        self.add_answer_fields(indicators, prefilled, {})

    def clean(self):
        cleaned = super().clean()
        self.clean_answers()
        return cleaned


class EvaluasiEditForm(AnswersMixin, EditForm):
    """Changes an evaluation: its date, notes and answers, saved only over the version it was opened at."""

    message_fields = MESSAGE_FIELDS
    compared_fields = ["evaluated_on", "notes"]

    class Meta(FieldModelForm.Meta):
        model = Evaluasi
        fields = ["evaluated_on", "notes"]
        help_texts = {"evaluated_on": _("Periode penilaian mengikuti tanggal ini.")}
        error_messages = {"evaluated_on": {"required": _("Isi tanggal penilaian.")}}

    def __init__(self, *args, indicators, prefilled, stored, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].widget.attrs["rows"] = 3
        self.add_answer_fields(indicators, prefilled, stored)

    def clean(self):
        cleaned = super().clean()
        self.clean_answers()
        return cleaned

    def edit_conflict(self, stored):
        """The conflict with what someone else saved meanwhile: the date and notes, and the score, class and
        status these answers lead to (someone else's answers, or a confirmation, change those)."""
        score, found = score_and_class([answer.option for answer in self.answers], stored.instrument.classes.all())
        mine = {**self.changes(), "score": score, "evaluation_class": found, "status": EvaluationStatus.DIAJUKAN}
        labels = {name: self.fields[name].label for name in self.compared()}
        return versions.edit_conflict(stamp=self.cleaned_data["version"], stored=stored, mine=mine, labels=labels)
