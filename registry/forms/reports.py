"""The activity and fund report forms: what happened on a day, with funds collected and help distributed; a new
report, or one corrected with its lines."""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import dates, versions
from registry.forms.base import FieldModelForm, OnceForm, RupiahField
from registry.forms.editing import EditForm
from registry.models import ActivityKind, ActivityReport, AidPurpose, FundSource
from registry.validators import rupiah

# Lines offered per report: enough for one activity, short enough for a phone screen.
FUND_LINES = 3
AID_LINES = 3


class ReportFields(FieldModelForm):
    """The activity itself (the report's own rules are `ActivityReport`'s); its lines come in the formsets of
    `line_formsets`."""

    kind = forms.ModelChoiceField(
        label=_("Jenis kegiatan"),
        queryset=ActivityKind.objects.all(),
        empty_label=_("— pilih jenis —"),
        error_messages={
            "required": _("Pilih jenis kegiatan."),
            "invalid_choice": _("Pilih jenis kegiatan dari daftar."),
        },
    )
    description = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    class Meta(FieldModelForm.Meta):
        model = ActivityReport
        fields = ["date", "kind", "description"]
        labels = {"date": _("Tanggal kegiatan")}
        error_messages = {
            "date": {
                "required": _("Isi tanggal kegiatan."),
                dates.FUTURE_DATE: _("Tanggal kegiatan tidak boleh di masa depan."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["date"] = self.initial.get("date") or dates.today()


class ReportForm(OnceForm, ReportFields):
    """A new report: the activity, with a one-time token."""


def lines_stamp(report: ActivityReport) -> str:
    """One stamp of all the fund and aid lines of `report` as stored: changes when any line is changed, added or
    deleted (each line's `registry.versions` stamp, in a fixed order)."""
    lines = [*report.collections.order_by("pk"), *report.distributions.order_by("pk")]
    joined = "|".join(f"{line._meta.model_name}:{line.pk}:{versions.version_of(line)}" for line in lines)
    return hashlib.sha256(joined.encode()).hexdigest()[:20]


def lines_summary(collected, distributed) -> str:
    """Lines as a person reads them: "Perantau: Rp125.000; Pendidikan: Rp100.000 (4 penerima)"."""
    parts = [f"{source}: {rupiah(amount)}" for source, amount in collected]
    parts += [
        _("%(purpose)s: %(amount)s (%(count)s penerima)")
        % {"purpose": purpose, "amount": rupiah(amount), "count": count}
        for purpose, amount, count in distributed
    ]
    return "; ".join(str(part) for part in parts) or str(versions.EMPTY)


def stored_lines(report: ActivityReport) -> tuple[list, list]:
    """`report`'s lines as stored, in the shape of `FundLines.collected` and `AidLines.distributed`."""
    collected = [(line.source, line.amount) for line in report.collections.select_related("source").order_by("pk")]
    distributed = [
        (line.purpose, line.amount, line.beneficiaries)
        for line in report.distributions.select_related("purpose").order_by("pk")
    ]
    return collected, distributed


class ReportEditForm(EditForm, ReportFields):
    """A report corrected, over the version the page was opened at: its own fields (`version`) and its lines as
    they were then (`lines_version`, `lines_stamp`)."""

    lines_version = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang.")},
    )

    @classmethod
    def initial_for(cls, row) -> dict:
        return {**super().initial_for(row), "lines_version": lines_stamp(row)}

    def lines_changed(self, stored: ActivityReport) -> bool:
        """Whether someone changed, added or deleted a line of `stored` since the page was opened."""
        return self.cleaned_data["lines_version"] != lines_stamp(stored)


class FundLineForm(forms.Form):
    """Funds collected from one source."""

    source = forms.ModelChoiceField(
        label=_("Sumber dana"),
        queryset=FundSource.objects.all(),
        required=False,
        empty_label=_("— pilih sumber —"),
        error_messages={"invalid_choice": _("Pilih sumber dana dari daftar.")},
    )
    amount = RupiahField(label=_("Jumlah (Rp)"), required=False, help_text=_("Contoh: 125.000"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Isi jumlah dana yang terhimpun."))
        if cleaned.get("amount") is not None and not cleaned.get("source") and "source" not in self.errors:
            self.add_error("source", _("Pilih sumber dananya."))
        return cleaned


class AidLineForm(forms.Form):
    """Help distributed for one purpose, with the number of people who received it."""

    purpose = forms.ModelChoiceField(
        label=_("Tujuan bantuan"),
        queryset=AidPurpose.objects.all(),
        required=False,
        empty_label=_("— pilih tujuan —"),
        error_messages={"invalid_choice": _("Pilih tujuan bantuan dari daftar.")},
    )
    amount = RupiahField(label=_("Jumlah (Rp)"), required=False, help_text=_("Tulis 0 untuk bantuan yang bukan uang."))
    beneficiaries = forms.IntegerField(
        label=_("Jumlah penerima"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("Tulis angka saja."), "min_value": _("Jumlah penerima tidak boleh negatif.")},
    )

    def clean(self):
        cleaned = super().clean()
        given = cleaned.get("amount") is not None or cleaned.get("beneficiaries") is not None
        if cleaned.get("purpose") and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Isi jumlah bantuan (tulis 0 untuk bantuan yang bukan uang)."))
        if given and not cleaned.get("purpose") and "purpose" not in self.errors:
            self.add_error("purpose", _("Pilih tujuan bantuannya."))
        return cleaned


class LineFormSet(forms.BaseFormSet):
    """Report lines: blank lines are ignored, and a source or purpose appears on one line only."""

    key: str
    default_error_messages = {
        "too_many_forms": _("Paling banyak %(num)d baris."),
        "missing_management_form": _("Formulir ini tidak lengkap. Muat ulang halaman lalu isi kembali."),
    }

    def clean(self):
        seen = set()
        for form in self.forms:
            value = form.cleaned_data.get(self.key) if hasattr(form, "cleaned_data") else None
            if value is None:
                continue
            if value.pk in seen:
                form.add_error(self.key, self.duplicate_message)
            seen.add(value.pk)

    def filled(self) -> list[dict]:
        """The cleaned data of the lines that were filled in."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get(self.key)]


class FundLines(LineFormSet):
    key = "source"
    duplicate_message = _("Sumber dana ini sudah ada di baris lain; jumlahkan dalam satu baris.")

    def collected(self) -> list[tuple]:
        """`report_create`'s `collected`: (source, amount) pairs."""
        return [(line["source"], line["amount"]) for line in self.filled()]


class AidLines(LineFormSet):
    key = "purpose"
    duplicate_message = _("Tujuan bantuan ini sudah ada di baris lain; jumlahkan dalam satu baris.")

    def distributed(self) -> list[tuple]:
        """`report_create`'s `distributed`: (purpose, amount, beneficiaries) triples."""
        return [(line["purpose"], line["amount"], line["beneficiaries"] or 0) for line in self.filled()]


def _line_formset(form, formset, lines: int, stored: int):
    """A formset class of `lines` lines, or of the `stored` ones and one blank line when they are more."""
    count = max(lines, stored + 1) if stored else lines
    return forms.formset_factory(
        form, formset=formset, extra=count - stored, max_num=count, absolute_max=count, validate_max=True
    )


def line_formsets(data=None, *, report: ActivityReport | None = None) -> dict:
    """The fund and aid lines of a report form (`funds`, `aid`): blank for a new report; for a stored `report`,
    its lines as stored (a line emptied is deleted) and blank lines to add."""
    collected, distributed = stored_lines(report) if report is not None else ([], [])
    funds = [{"source": source, "amount": amount} for source, amount in collected]
    aid = [{"purpose": purpose, "amount": amount, "beneficiaries": count} for purpose, amount, count in distributed]
    return {
        "funds": _line_formset(FundLineForm, FundLines, FUND_LINES, len(funds))(data, initial=funds, prefix="dana"),
        "aid": _line_formset(AidLineForm, AidLines, AID_LINES, len(aid))(data, initial=aid, prefix="bantuan"),
    }
