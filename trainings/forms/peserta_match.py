"""The form of "Cocokkan peserta dengan pengurus": for each participant whose pengurus is unsure, one of its
candidates, "bukan pengurus", or nothing yet (decided later)."""

from django import forms
from django.utils.translation import gettext_lazy as _

NONE = "bukan"


class PesertaMatchForm(forms.Form):
    """One choice per unsure participant (`unsure`: (peserta, match) pairs, `trainings.pengurus_match.unsure_of`).

    `decisions()` gives {peserta pk: pengurus pk, or None for "bukan pengurus"}; participants left blank are left
    for later.
    """

    def __init__(self, *args, unsure, **kwargs):
        super().__init__(*args, **kwargs)
        self.unsure = unsure
        for peserta, match in unsure:
            choices = [("", _("— putuskan nanti —"))]
            choices += [(str(p.pk), f"{p.name} — {p.role}, {p.wksbm.name}") for p in match.candidates]
            choices.append((NONE, _("Bukan pengurus")))
            self.fields[self.field_name(peserta)] = forms.ChoiceField(
                label=peserta.name,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Pilih salah satu calon pengurus dari daftar.")},
            )

    @staticmethod
    def field_name(peserta) -> str:
        return f"peserta_{peserta.pk}"

    def decisions(self) -> dict[int, int | None]:
        decided = {}
        for peserta, _match in self.unsure:
            value = self.cleaned_data.get(self.field_name(peserta))
            if value:
                decided[peserta.pk] = None if value == NONE else int(value)
        return decided
