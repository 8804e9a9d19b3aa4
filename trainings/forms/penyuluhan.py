"""Forms of the field's Penyuluhan pages: an event in the user's area with its narasumber and headcounts, named
participants, the headcounts per unsur, and the WKSBM an event led to.

Writes go through `trainings.services`; the rules they enforce are not repeated here beyond what lets an error
stand next to its field.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.forms.base import FieldModelForm, OnceForm, constraint_messages
from registry.forms.wilayah import grouped_choices
from registry.models import Wilayah
from trainings.models import EventKind, Narasumber, Outcome, Penyuluhan, Peserta, Unsur

# The provinsi level is offered only to users whose area is a whole province (`Wilayah.for_user`).
EVENT_LEVELS = (WilayahLevel.PROVINSI, WilayahLevel.KABUPATEN, WilayahLevel.KECAMATAN, WilayahLevel.DESA)
# Lines offered per page: enough for one sitting, short enough for a phone screen.
NARASUMBER_LINES = 3
PESERTA_LINES = 5
MAX_COUNT = 100_000

MESSAGE_FIELDS = {
    **constraint_messages(Penyuluhan, {"penyuluhan_dates_in_order": "ends_on"}),
    **constraint_messages(Outcome, {"outcome_unique_per_event": "wksbm"}),
}

COUNT_ERRORS = {
    "invalid": _("Tulis angka saja."),
    "min_value": _("Jumlah peserta tidak boleh negatif."),
    "max_value": _("Jumlah peserta terlalu besar."),
}


class EventWilayahField(forms.ModelChoiceField):
    """Where an event is held: a desa/kelurahan, kecamatan or kabupaten/kota of the user's area, or the
    province when the user's area is all of it (`provinsi`).

    Validated against the whole area; shown from the short lists of the wilayah step (`options`, kecamatan and
    desa) and `kabupaten` (the kabupaten/kota of the area, for an event held at that level).
    """

    default_error_messages = {
        "invalid_choice": _("Pilih desa/kelurahan, kecamatan atau kabupaten/kota di wilayah kerja Anda."),
        "required": _("Pilih wilayah tempat kegiatan."),
    }

    def __init__(self, *, user, options, kabupaten=(), provinsi=(), **kwargs):
        kwargs.setdefault("label", _("Wilayah kegiatan"))
        super().__init__(queryset=Wilayah.objects.for_user(user).filter(level__in=EVENT_LEVELS), **kwargs)
        choices = [("", _("— pilih wilayah —"))]
        if provinsi:
            choices.append((_("Tingkat provinsi"), [(w.code, w.display_name) for w in provinsi]))
        if kabupaten:
            choices.append((_("Tingkat kabupaten/kota"), [(w.code, w.display_name) for w in kabupaten]))
        self.widget.choices = choices + grouped_choices(options)


class PenyuluhanForm(OnceForm, FieldModelForm):
    """A new event (the rules are `Penyuluhan`'s); `service_fields()` are `penyuluhan_create`'s arguments. Left
    blank, the end date is the start date (a one-day event, `penyuluhan_create`)."""

    kind = forms.ModelChoiceField(
        label=_("Jenis kegiatan"),
        queryset=EventKind.objects.all(),
        empty_label=_("— pilih jenis —"),
        error_messages={
            "required": _("Pilih jenis kegiatan."),
            "invalid_choice": _("Pilih jenis kegiatan dari daftar."),
        },
    )
    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Penyuluhan
        fields = ["kind", "theme", "starts_on", "ends_on", "wilayah", "venue", "organiser"]
        help_texts = {
            "theme": _("Contoh: Penyuluhan sosial pembentukan WKSBM"),
            "ends_on": _("Kosongkan bila kegiatan sehari."),
            "venue": _("Contoh: Balai Kalurahan Candirejo"),
            "organiser": _("Contoh: Dinas Sosial kabupaten, Seksi Penyuluhan Dinas Sosial provinsi"),
        }
        error_messages = {
            "theme": {"required": _("Isi tema kegiatan.")},
            "starts_on": {"required": _("Isi tanggal mulai kegiatan.")},
            NON_FIELD_ERRORS: {"penyuluhan_dates_in_order": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")},
        }

    def __init__(self, *args, user, wilayah_options, kabupaten_options=(), provinsi_options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False
        self.fields["wilayah"] = EventWilayahField(
            user=user,
            options=wilayah_options,
            kabupaten=kabupaten_options,
            provinsi=provinsi_options,
            help_text=_(
                "Desa/kelurahan tempat kegiatan; kecamatan, kabupaten atau provinsi untuk kegiatan tingkat itu."
            ),
        )


class LineForm(FieldModelForm):
    """One person on a page of lines (the rules are the model's); a blank line is ignored, so nothing is required
    but a name on a line that gives anything else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class NarasumberLineForm(LineForm):
    """One resource person."""

    class Meta(FieldModelForm.Meta):
        model = Narasumber
        fields = ["name", "institution", "topic"]
        labels = {"name": _("Nama narasumber")}

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("name")
            and (cleaned.get("institution") or cleaned.get("topic"))
            and "name" not in self.errors
        ):
            self.add_error("name", _("Isi nama narasumber."))
        return cleaned


class PesertaLineForm(LineForm):
    """One named participant. `unsur` and `origins` are the choices, loaded once."""

    class Meta(FieldModelForm.Meta):
        model = Peserta
        fields = ["name", "unsur", "origin", "phone"]
        labels = {"name": _("Nama peserta")}
        help_texts = {"phone": _("Boleh dikosongkan.")}
        error_messages = {
            "unsur": {"invalid_choice": _("Pilih unsur dari daftar.")},
            "origin": {"invalid_choice": _("Pilih asal desa dari daftar.")},
        }

    def __init__(self, *args, unsur_choices, origin_queryset, origin_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unsur"].choices = unsur_choices
        self.fields["origin"].queryset = origin_queryset
        self.fields["origin"].widget.choices = origin_choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name"):
            if not cleaned.get("unsur") and "unsur" not in self.errors:
                self.add_error("unsur", _("Pilih unsur peserta."))
        elif any(cleaned.get(f) for f in ("unsur", "origin", "phone")) and "name" not in self.errors:
            self.add_error("name", _("Isi nama peserta."))
        return cleaned


class Lines(forms.BaseFormSet):
    """Lines of a page (narasumber, peserta): blank lines are ignored, and at least one is required when
    `required` is set."""

    required = False
    required_message = ""
    default_error_messages = {
        "too_many_forms": _("Paling banyak %(num)d baris."),
        "missing_management_form": _("Formulir ini tidak lengkap. Muat ulang halaman lalu isi kembali."),
    }

    def clean(self):
        if self.required and not any(f.errors for f in self.forms) and not self.filled():
            raise forms.ValidationError(self.required_message)

    def filled(self) -> list[dict]:
        """The cleaned data of the lines that name someone."""
        return [form.cleaned_data for form in self.forms if getattr(form, "cleaned_data", {}).get("name")]


class NarasumberLines(Lines):
    required_message = _("Isi paling sedikit satu narasumber.")


class PesertaLines(Lines):
    required = True
    required_message = _("Isi paling sedikit satu peserta.")


NarasumberFormSet = forms.formset_factory(
    NarasumberLineForm,
    formset=NarasumberLines,
    extra=NARASUMBER_LINES,
    max_num=NARASUMBER_LINES,
    absolute_max=NARASUMBER_LINES,
    validate_max=True,
)
PesertaFormSet = forms.formset_factory(
    PesertaLineForm,
    formset=PesertaLines,
    extra=PESERTA_LINES,
    max_num=PESERTA_LINES,
    absolute_max=PESERTA_LINES,
    validate_max=True,
)


def narasumber_formset(*args, required=False, **kwargs):
    """The narasumber lines; `required` asks for at least one (the page that adds only narasumber)."""
    formset = NarasumberFormSet(*args, prefix="narasumber", **kwargs)
    formset.required = required
    return formset


def peserta_formset(*args, unsur: list[Unsur], origins: list[Wilayah], origin_queryset, **kwargs):
    """The named-participant lines, their select boxes built once for all lines (no query per line)."""
    form_kwargs = {
        "unsur_choices": [("", _("— pilih unsur —"))] + [(u.pk, u.name) for u in unsur],
        "origin_queryset": origin_queryset,
        "origin_choices": [("", _("— asal desa —"))] + grouped_choices(origins),
    }
    return PesertaFormSet(*args, prefix="peserta", form_kwargs=form_kwargs, **kwargs)


class CountsForm(forms.Form):
    """How many participants of each unsur came whose names are not recorded: one number field per unsur.

    With `versioned`, it carries the counts as they stood when the form was opened (`version`), so that a save
    over someone else's change is noticed (see `opened_counts`; an unreadable version is refused).
    """

    version = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"required": _("Formulir ini tidak lengkap; buka lagi halaman ini dan isi ulang.")},
    )

    def __init__(self, *args, unsur: list[Unsur], versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.unsur = unsur
        if versioned:
            self.fields["version"].required = True
        else:
            del self.fields["version"]
        for item in unsur:
            self.fields[self.field_name(item)] = forms.IntegerField(
                label=item.name,
                required=False,
                min_value=0,
                max_value=MAX_COUNT,
                error_messages=COUNT_ERRORS,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            )

    def clean(self):
        cleaned = super().clean()
        if "version" in self.fields and not self.errors and self.opened_counts() is None:
            raise forms.ValidationError(_("Formulir ini tidak lengkap; buka lagi halaman ini dan isi ulang."))
        return cleaned

    @staticmethod
    def field_name(unsur: Unsur) -> str:
        return f"unsur_{unsur.pk}"

    @staticmethod
    def version_of(counts: dict[int, int]) -> str:
        """The version stamp of stored counts ({unsur id: count}): the counts themselves, "v:3:9,4:6" ("v:" for
        none yet)."""
        return "v:" + ",".join(f"{pk}:{count}" for pk, count in sorted(counts.items()))

    @classmethod
    def initial_for(cls, unsur: list[Unsur], counts: dict[int, int]) -> dict:
        initial = {cls.field_name(item): counts[item.pk] for item in unsur if item.pk in counts}
        return initial | {"version": cls.version_of(counts)}

    def counts(self) -> dict[int, int | None]:
        """{unsur id: count typed, or None when left blank}."""
        return {item.pk: self.cleaned_data.get(self.field_name(item)) for item in self.unsur}

    def opened_counts(self) -> dict[int, int] | None:
        """The counts as they stood when the form was opened, or None when its version cannot be read."""
        version = self.cleaned_data["version"]
        if not version.startswith("v:"):
            return None
        try:
            pairs = [part.split(":") for part in version[2:].split(",") if part]
            return {int(pk): int(count) for pk, count in pairs}
        except ValueError:
            return None


class OutcomeForm(OnceForm, FieldModelForm):
    """A WKSBM formed or revived after `event` (the rules are `Outcome`'s), chosen from those of the event's area."""

    wksbm = forms.ModelChoiceField(
        label=_("WKSBM"),
        queryset=None,
        empty_label=_("— pilih WKSBM —"),
        error_messages={
            "required": _("Pilih WKSBM yang dibentuk atau dihidupkan kembali."),
            "invalid_choice": _("Pilih WKSBM dari daftar: WKSBM di wilayah kegiatan ini."),
        },
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Outcome
        fields = ["wksbm", "kind", "notes"]
        error_messages = {"kind": {"invalid_choice": _("Pilih hasil dari daftar.")}}

    def __init__(self, *args, event, queryset, options, **kwargs):
        super().__init__(*args, instance=Outcome(event=event), **kwargs)
        self.fields["wksbm"].queryset = queryset
        self.fields["wksbm"].widget.choices = [("", self.fields["wksbm"].empty_label)] + [
            (w.pk, f"{w.name} — {w.wilayah.display_name}") for w in options
        ]
