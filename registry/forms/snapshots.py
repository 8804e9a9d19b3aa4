"""The form that freezes the rekap of an area ("Bekukan rekap", `registry.views.snapshots`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms.base import OnceForm
from registry.models import RekapSnapshot
from registry.models.snapshot import TITLE_MISSING
from registry.reports.area import VERIFIED_PARAM

ALL_PARAM = "semua"


class FreezeForm(OnceForm):
    """The snapshot's title, an optional note and which data it counts (everything by default, or verified only:
    the rekap page's switch opens it so); the area is the rekap's own (the page's `?wilayah=`)."""

    title = forms.CharField(
        label=_("Judul"),
        max_length=RekapSnapshot._meta.get_field("title").max_length,
        help_text=_("Misalnya: Rekap Pemutakhiran 2027."),
        error_messages={"required": TITLE_MISSING},
    )
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: dikirim ke Kementerian Sosial bersama surat nomor …"),
    )
    data = forms.ChoiceField(
        label=_("Data yang dibekukan"),
        required=False,
        choices=[
            (ALL_PARAM, _("Semua data, termasuk yang menunggu verifikasi")),
            (VERIFIED_PARAM, _("Hanya data terverifikasi")),
        ],
        initial=ALL_PARAM,
        widget=forms.RadioSelect,
    )

    def service_fields(self) -> dict:
        """The service's keyword arguments: title, note and `verified_only`."""
        fields = super().service_fields()
        fields["verified_only"] = fields.pop("data", "") == VERIFIED_PARAM
        return fields
