"""The form that freezes the rekap of an area ("Bekukan rekap", `registry.views.snapshots`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms.base import OnceForm
from registry.models import RekapSnapshot
from registry.models.snapshot import TITLE_MISSING


class FreezeForm(OnceForm):
    """The snapshot's title and an optional note; the area is the rekap's own (the page's `?wilayah=`)."""

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
