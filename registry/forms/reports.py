"""The activity and fund report forms: what happened on a day, with funds collected and help distributed; a new
report, or one corrected with its lines."""

import hashlib

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry import dates, versions
from registry.forms.base import FieldModelForm, OnceForm, RupiahField
from registry.forms.editing import EditForm
from registry.models import ActivityKind, ActivityReport, AidDistribution, AidPurpose, FundSource, Mitra
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
    parts = []
    for source, amount, *mitra in collected:
        parts.append(f"{source}: {rupiah(amount)}")
        if mitra and mitra[0] is not None:
            parts[-1] += str(_(" (dari %(mitra)s)") % {"mitra": mitra[0]})
    for purpose, amount, count, *referral in distributed:
        parts.append(
            _("%(purpose)s: %(amount)s (%(count)s penerima)")
            % {"purpose": purpose, "amount": rupiah(amount), "count": count}
        )
        if referral and referral[0] is not None:
            parts[-1] = str(parts[-1]) + str(
                _(", %(number)s orang dirujuk ke %(mitra)s") % {"number": referral[1] or 0, "mitra": referral[0]}
            )
    return "; ".join(str(part) for part in parts) or str(versions.EMPTY)


def stored_lines(report: ActivityReport) -> tuple[list, list]:
    """`report`'s lines as stored, in the shape of `FundLines.collected` and `AidLines.distributed`."""
    collected = [
        (line.source, line.amount, line.mitra)
        for line in report.collections.select_related("source", "mitra").order_by("pk")
    ]
    distributed = [
        (line.purpose, line.amount, line.beneficiaries, line.referred_to, line.referred_count)
        for line in report.distributions.select_related("purpose", "referred_to").order_by("pk")
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


class MitraLineMixin:
    """A report line naming a mitra (`mitra_fields`): chosen among the mitra the user sees (`mitra_queryset`),
    offered from `mitra_choices` (the mitra the WKSBM has ties with, read once for every line)."""

    mitra_fields: tuple[str, ...] = ()
    # Fields that only make sense with a mitra (the number of people referred).
    mitra_companions: tuple[str, ...] = ()

    def __init__(self, *args, mitra_queryset=None, mitra_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not mitra_choices:
            # No mitra to name (the WKSBM has no tie yet): the line is as it was before the network.
            for name in (*self.mitra_fields, *self.mitra_companions):
                del self.fields[name]
            return
        for name in self.mitra_fields:
            field = self.fields[name]
            field.queryset = mitra_queryset if mitra_queryset is not None else Mitra.objects.none()
            field.widget.choices = [("", _("— tidak ada —")), *mitra_choices]


def mitra_line_field(label, help_text) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Mitra.objects.none(),
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": _("Pilih mitra dari daftar.")},
    )


def constraint_message(model, name: str) -> str:
    """The Indonesian message of `model`'s constraint `name`, said by a form before the model would."""
    return next(c.violation_error_message for c in model._meta.constraints if c.name == name)


class FundLineForm(MitraLineMixin, forms.Form):
    """Funds collected from one source, and the mitra they came from, if any."""

    mitra_fields = ("mitra",)

    source = forms.ModelChoiceField(
        label=_("Sumber dana"),
        queryset=FundSource.objects.all(),
        required=False,
        empty_label=_("— pilih sumber —"),
        error_messages={"invalid_choice": _("Pilih sumber dana dari daftar.")},
    )
    amount = RupiahField(label=_("Jumlah (Rp)"), required=False, help_text=_("Contoh: 125.000"))
    mitra = mitra_line_field(_("Dari mitra"), _("Mitra yang berjejaring dengan WKSBM ini, bila dana berasal darinya."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Isi jumlah dana yang terhimpun."))
        if cleaned.get("amount") is not None and not cleaned.get("source") and "source" not in self.errors:
            self.add_error("source", _("Pilih sumber dananya."))
        return cleaned


class AidLineForm(MitraLineMixin, forms.Form):
    """Help distributed for one purpose, with the number of people who received it; a referral (rujukan) names the
    mitra people were sent on to, and how many."""

    mitra_fields = ("referred_to",)
    mitra_companions = ("referred_count",)

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
    referred_to = mitra_line_field(_("Dirujuk ke mitra"), _("Isi bila ada warga yang dirujuk ke mitra."))
    referred_count = forms.IntegerField(
        label=_("Jumlah orang dirujuk"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("Tulis angka saja."), "min_value": _("Jumlah orang tidak boleh negatif.")},
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("referred_count") is not None
            and not cleaned.get("referred_to")
            and "referred_to" not in self.errors
        ):
            self.add_error("referred_to", constraint_message(AidDistribution, "aid_distribution_referral_names_mitra"))
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
        """`report_create`'s `collected`: (source, amount, mitra) triples."""
        return [(line["source"], line["amount"], line.get("mitra")) for line in self.filled()]


class AidLines(LineFormSet):
    key = "purpose"
    duplicate_message = _("Tujuan bantuan ini sudah ada di baris lain; jumlahkan dalam satu baris.")

    def distributed(self) -> list[tuple]:
        """`report_create`'s `distributed`: (purpose, amount, beneficiaries, referred to, number referred)."""
        return [
            (
                line["purpose"],
                line["amount"],
                line["beneficiaries"] or 0,
                line.get("referred_to"),
                line.get("referred_count"),
            )
            for line in self.filled()
        ]


def _line_formset(form, formset, lines: int, stored: int):
    """A formset class of `lines` lines, or of the `stored` ones and one blank line when they are more."""
    count = max(lines, stored + 1) if stored else lines
    return forms.formset_factory(
        form, formset=formset, extra=count - stored, max_num=count, absolute_max=count, validate_max=True
    )


def mitra_options(user, wksbm, collected=(), distributed=()) -> dict:
    """The mitra a report line of `wksbm` may name for `user`: validated against those the user sees
    (`MitraQuerySet.for_user`), offered from those the WKSBM has a tie with, and those the stored lines name. One
    query."""
    from registry.models import Jejaring

    named = {line[2].pk for line in collected if line[2] is not None}
    named |= {line[3].pk for line in distributed if line[3] is not None}
    tied = Jejaring.objects.of_wksbm(wksbm).filter(mitra__isnull=False).values("mitra")
    visible = Mitra.objects.for_user(user)
    offered = visible.filter(models.Q(pk__in=tied) | models.Q(pk__in=named)).order_by("name", "pk")
    return {"mitra_queryset": visible, "mitra_choices": [(mitra.pk, mitra.name) for mitra in offered]}


def line_formsets(data=None, *, report: ActivityReport | None = None, user=None, wksbm=None) -> dict:
    """The fund and aid lines of a report form (`funds`, `aid`): blank for a new report; for a stored `report`,
    its lines as stored (a line emptied is deleted) and blank lines to add. Given the `user` and the `wksbm`, a
    line may name a mitra (`mitra_options`); without them no mitra is offered."""
    collected, distributed = stored_lines(report) if report is not None else ([], [])
    funds = [{"source": source, "amount": amount, "mitra": mitra} for source, amount, mitra in collected]
    aid = [
        {"purpose": purpose, "amount": amount, "beneficiaries": count, "referred_to": to, "referred_count": referred}
        for purpose, amount, count, to, referred in distributed
    ]
    options = mitra_options(user, wksbm, collected, distributed) if user is not None and wksbm is not None else {}
    fund_formset = _line_formset(FundLineForm, FundLines, FUND_LINES, len(funds))
    aid_formset = _line_formset(AidLineForm, AidLines, AID_LINES, len(aid))
    return {
        "funds": fund_formset(data, initial=funds, prefix="dana", form_kwargs=options),
        "aid": aid_formset(data, initial=aid, prefix="bantuan", form_kwargs=options),
    }
