"""Editing a stored row from the field: the version stamp a form carries, and the NIK box that never shows a NIK.

Every field form that changes an existing row is an `EditForm`: bound to a copy of the row (`instance`, so that
validating it leaves the stored values for the conflict check), with the row's version stamp
(`registry.versions`) from when the page was opened. Saving compares that stamp with the row as stored now
(`edit_conflict`): someone else's change since is never overwritten unseen.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import versions
from registry.forms.base import FieldModelForm
from registry.versions import EditConflict


class EditForm(FieldModelForm):
    """A model form over a stored row with its version stamp in the hidden field `version`.

    `compared_fields` are the model fields the page edits and compares with what someone else saved meanwhile
    (by default `Meta.fields`); the cleaned values of those fields are the update service's keyword arguments
    (`changes`).
    """

    version = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang.")},
    )
    compared_fields: list[str] | None = None

    @classmethod
    def compared(cls) -> list[str]:
        """The model fields the form edits and compares."""
        return list(cls.compared_fields or cls._meta.fields)

    @staticmethod
    def version_of(row) -> str:
        """The version stamp of `row` as the form carries it (`registry.versions.version_of`)."""
        return versions.version_of(row)

    @classmethod
    def initial_for(cls, row) -> dict:
        """The form's initial values: the row as it is now, and its version."""
        initial = {name: getattr(row, name) for name in cls.compared()}
        initial["version"] = cls.version_of(row)
        return initial

    def changes(self) -> dict:
        """The cleaned values of the compared fields, by field name."""
        return {name: self.cleaned_data[name] for name in self.compared()}

    def edit_conflict(self, stored) -> EditConflict | None:
        """The conflict between this valid form and `stored` (the row as saved now, locked), or None when saving
        loses nobody's change (`registry.versions.edit_conflict`)."""
        return versions.edit_conflict(
            stamp=self.cleaned_data["version"],
            stored=stored,
            mine=self.changes(),
            labels={name: self.fields[name].label for name in self.compared()},
        )


class KeptNikMixin:
    """A form over a row with a NIK (personal data, UU 27/2022) that never sends the stored NIK to the browser.

    The NIK box starts empty, its help naming the stored NIK masked; left empty it keeps the stored NIK, filled it
    replaces it (validated as on the model). A form offered again after an edit conflict keeps the NIK its user
    typed (the initial value differs from the stored one), so that "the form holds your values" holds for it too.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed = self.initial.get("nik") or ""
        self.initial["nik"] = typed if typed != self.instance.nik else ""
        self.fields["nik"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})
        if self.instance.nik:
            self.fields["nik"].help_text = _(
                "NIK tersimpan: %(nik)s. Kosongkan untuk mempertahankannya; isi untuk menggantinya."
            ) % {"nik": self.instance.masked_nik}

    def clean_nik(self):
        return self.cleaned_data["nik"] or self.instance.nik
