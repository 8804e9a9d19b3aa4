"""Forms of the field's visit pages: a visit recorded with the pengurus present, new follow-ups and the closing
of open ones; a visit corrected; a follow-up closed on its own.

The rules are the models' (`trainings.models.visit`), judged by the model forms (`FieldModelForm`) and the
services; the forms state only labels, choices and where a message shows.
"""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms.base import FieldModelForm, OnceForm, constraint_messages
from registry.forms.editing import EditForm
from trainings.enums import FollowUpStatus
from trainings.models import Kunjungan, TindakLanjut, VisitKind

# Blank follow-up lines offered on a visit form: enough for one visit, short enough for a phone screen.
FOLLOW_UP_LINES = 3

MESSAGE_FIELDS = {
    **constraint_messages(
        Kunjungan, {"kunjungan_one_visitor": "visitor_name", "kunjungan_next_after_visit": "next_visit_due"}
    ),
    **constraint_messages(TindakLanjut, {"tindaklanjut_closed_when_done": "closed_on"}),
}

VISITOR_ME, VISITOR_OTHER = "saya", "lain"


class PresentField(forms.ModelMultipleChoiceField):
    """The pengurus present, as checkboxes of the board offered (`Kunjungan.present_errors` judges the rest)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, pengurus) -> str:
        return f"{pengurus.name} — {pengurus.role}"


class VisitFields(FieldModelForm):
    """What a visit records besides who made it; `board` are the pengurus offered as present."""

    kind = forms.ModelChoiceField(
        label=_("Jenis kunjungan"),
        queryset=VisitKind.objects.all(),
        empty_label=_("— pilih jenis —"),
        error_messages={
            "required": _("Pilih jenis kunjungan."),
            "invalid_choice": _("Pilih jenis kunjungan dari daftar."),
        },
    )
    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = Kunjungan
        fields = ["date", "kind", "pengurus_present", "topics", "findings", "advice", "agreements", "next_visit_due"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("topics", "findings", "advice", "agreements")}
        help_texts = {
            "topics": _("Hal yang dibahas bersama pengurus."),
            "findings": _("Temuan dan permasalahan WKSBM."),
            "next_visit_due": _("Boleh dikosongkan."),
        }
        error_messages = {"date": {"required": _("Isi tanggal kunjungan.")}}

    def __init__(self, *args, wksbm, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.wksbm = wksbm
        self.fields["pengurus_present"] = PresentField(
            label=_("Pengurus yang hadir"),
            queryset=board,
            required=False,
            error_messages={"invalid_choice": _("Pilih pengurus yang hadir dari daftar pengurus WKSBM ini.")},
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pengurus_present") and (error := self.instance.present_errors(cleaned["pengurus_present"])):
            self.add_error(None, error)
        return cleaned


class VisitForm(OnceForm, VisitFields):
    """A new visit: the visitor is the user, or a person named with their role. `service_fields()` are
    `visit_create`'s arguments but the follow-ups."""

    visitor_choice = forms.ChoiceField(
        label=_("Yang berkunjung"),
        choices=[(VISITOR_ME, _("Saya sendiri")), (VISITOR_OTHER, _("Petugas lain (isi nama dan perannya)"))],
        widget=forms.RadioSelect,
        initial=VISITOR_ME,
    )

    class Meta(VisitFields.Meta):
        fields = ["date", "kind", "visitor_name", "visitor_role", *VisitFields.Meta.fields[2:]]
        labels = {"visitor_name": _("Nama petugas lain"), "visitor_role": _("Peran petugas lain")}

    field_order = ["date", "kind", "visitor_choice", "visitor_name", "visitor_role"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visitor_choice") == VISITOR_ME:
            self.instance.visitor = self.user
            cleaned["visitor_name"], cleaned["visitor_role"] = "", ""
        else:
            self.instance.visitor = None
        return cleaned

    def _get_validation_exclusions(self):
        # The visitor is not a field of the form but is set by `clean`: the model's "exactly one visitor" rule
        # judges it with the name and role.
        return super()._get_validation_exclusions() - {"visitor"}

    def service_fields(self) -> dict:
        fields = {name: value for name, value in super().service_fields().items() if name != "visitor_choice"}
        return {**fields, "visitor": self.instance.visitor}


def present_stamp(visit: Kunjungan) -> str:
    """One stamp of the pengurus present at `visit` as stored: changes when anyone is added or removed."""
    pks = sorted(visit.pengurus_present.values_list("pk", flat=True))
    return hashlib.sha256(",".join(map(str, pks)).encode()).hexdigest()[:20]


class VisitEditForm(EditForm, VisitFields):
    """A visit corrected over the version the page was opened at: its own fields (`version`) and the pengurus
    present as they were then (`present_version`). Who visited is changed in the admin."""

    present_version = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang.")},
    )
    compared_fields = ["date", "kind", "topics", "findings", "advice", "agreements", "next_visit_due"]

    @classmethod
    def initial_for(cls, row) -> dict:
        return {
            **super().initial_for(row),
            "present_version": present_stamp(row),
            "pengurus_present": list(row.pengurus_present.all()),
        }

    def present_changed(self, stored: Kunjungan) -> bool:
        """Whether someone changed who was present at `stored` since the page was opened."""
        return self.cleaned_data["present_version"] != present_stamp(stored)


class FollowUpLineForm(FieldModelForm):
    """One new follow-up; a blank line is ignored. Judged against `visit` (its date), the visit being recorded."""

    class Meta(FieldModelForm.Meta):
        model = TindakLanjut
        fields = ["what", "responsible", "due_on"]
        labels = {"what": _("Tindak lanjut baru")}
        help_texts = {"what": _("Mis. Menyusun program kerja tahunan.")}

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.visit = visit
        for field in self.fields.values():
            field.required = False

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) for name in self.Meta.fields):
            for name, message in (
                ("what", _("Isi tindak lanjutnya.")),
                ("responsible", _("Isi penanggung jawabnya.")),
                ("due_on", _("Isi batas waktunya.")),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def filled(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("what"))


class FollowUpLines(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("Paling banyak %(num)d baris."),
        "missing_management_form": _("Formulir ini tidak lengkap. Muat ulang halaman lalu isi kembali."),
    }

    def follow_ups(self) -> list[dict]:
        """The filled lines, as `visit_create`'s `follow_ups`."""
        return [
            {name: form.cleaned_data[name] for name in FollowUpLineForm.Meta.fields}
            for form in self.forms
            if form.filled()
        ]


FollowUpFormSet = forms.formset_factory(
    FollowUpLineForm,
    formset=FollowUpLines,
    extra=FOLLOW_UP_LINES,
    max_num=FOLLOW_UP_LINES,
    absolute_max=FOLLOW_UP_LINES,
    validate_max=True,
)


def follow_up_formset(data=None, *, visit: Kunjungan):
    """The blank follow-up lines of a visit form, judged against `visit` (the form's visit, dated once valid)."""
    return FollowUpFormSet(data, prefix="tindak", form_kwargs={"visit": visit})


class ClosingForm(forms.Form):
    """The open follow-ups of the WKSBM, each to mark done or dropped at this visit, or to leave open."""

    CHOICES = [("", _("Masih terbuka")), (FollowUpStatus.SELESAI, _("Selesai")), (FollowUpStatus.BATAL, _("Batal"))]

    def __init__(self, *args, open_follow_ups, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_follow_ups = list(open_follow_ups)
        for follow_up in self.open_follow_ups:
            field = forms.ChoiceField(
                label=follow_up.what, choices=self.CHOICES, required=False, widget=forms.RadioSelect
            )
            field.follow_up = follow_up
            self.fields[self.field_name(follow_up)] = field

    @staticmethod
    def field_name(follow_up: TindakLanjut) -> str:
        return f"tl_{follow_up.pk}"

    def closings(self) -> list[tuple[TindakLanjut, str]]:
        """(follow-up, status) of those marked done or dropped: `visit_create`'s `closings`."""
        return [
            (follow_up, self.cleaned_data[self.field_name(follow_up)])
            for follow_up in self.open_follow_ups
            if self.cleaned_data.get(self.field_name(follow_up))
        ]

    def rows(self):
        """(follow-up, its bound field) for the template."""
        return [(follow_up, self[self.field_name(follow_up)]) for follow_up in self.open_follow_ups]


class FollowUpCloseForm(EditForm):
    """A follow-up closed on its own (done or dropped, on a day), over the version the page was opened at."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(FollowUpStatus.SELESAI, _("Selesai")), (FollowUpStatus.BATAL, _("Batal"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih selesai atau batal.")},
    )
    message_fields = MESSAGE_FIELDS

    class Meta(FieldModelForm.Meta):
        model = TindakLanjut
        fields = ["status", "closed_on", "closing_note"]
        help_texts = {"closing_note": _("Boleh dikosongkan.")}
        error_messages = {"closed_on": {"required": _("Isi tanggal ditutup.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].required = True
