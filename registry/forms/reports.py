"""The activity and fund report form: what happened on a day, with funds collected and help distributed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.forms.base import FieldModelForm, OnceForm, RupiahField
from registry.models import ActivityKind, ActivityReport, AidPurpose, FundSource

# Lines offered per report: enough for one activity, short enough for a phone screen.
FUND_LINES = 3
AID_LINES = 3


class ReportForm(OnceForm, FieldModelForm):
    """The activity itself (the report's own rules are `ActivityReport`'s); its lines come in `FundLineFormSet`
    and `AidLineFormSet`."""

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


FundLineFormSet = forms.formset_factory(
    FundLineForm, formset=FundLines, extra=FUND_LINES, max_num=FUND_LINES, absolute_max=FUND_LINES, validate_max=True
)
AidLineFormSet = forms.formset_factory(
    AidLineForm, formset=AidLines, extra=AID_LINES, max_num=AID_LINES, absolute_max=AID_LINES, validate_max=True
)
