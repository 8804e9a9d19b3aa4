"""The field form that attaches a document or a photo to a record: kind, title, date and the file.

On a phone, "Tambah foto" opens the camera (`accept="image/*"` with `capture`) and needs no JavaScript; with
JavaScript, static/js/photo_shrink.js shrinks a large photo in the browser before it is sent. What the file holds
is judged by the service (`registry.attachments.services.add_attachment`), never by the form: its refusal shows
next to the file, and the kind, title and date stay as typed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms.base import DateField, OnceForm
from registry.models import AttachmentKind

PHOTO_KIND = "foto-kegiatan"
# What the file chooser offers: photos (the camera on a phone) and PDF documents.
ACCEPT_ANY = "image/jpeg,image/png,image/heic,image/heif,image/*,application/pdf"


class AttachmentForm(OnceForm):
    """A new attachment of one record, with a one-time token. `photo` makes it the camera's form: the kind
    "Foto kegiatan" chosen and the file chooser opening the camera."""

    kind = forms.ModelChoiceField(
        label=_("Jenis lampiran"), queryset=AttachmentKind.objects.all(), empty_label=_("— pilih —")
    )
    title = forms.CharField(label=_("Judul"), max_length=200, help_text=_("Misalnya: Rapat pengurus Juni 2025."))
    date = DateField(label=_("Tanggal"), required=False, help_text=_("Tanggal dokumen atau foto diambil."))
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("Foto (JPEG, PNG, HEIC) atau dokumen PDF."),
        error_messages={"required": _("Pilih berkas foto atau dokumen."), "empty": _("Berkas yang dikirim kosong.")},
    )

    def __init__(self, *args, photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["file"].widget
        widget.attrs["accept"] = ACCEPT_ANY
        # The shrinking script (static/js/photo_shrink.js) looks for this mark.
        widget.attrs["data-shrink"] = "foto"
        if photo:
            widget.attrs.update({"accept": "image/*", "capture": "environment"})
            self.fields["file"].label = _("Foto")
            self.fields["file"].help_text = _("Ambil foto dengan kamera atau pilih dari galeri.")
            if not self.is_bound:
                self.initial.setdefault("kind", AttachmentKind.objects.filter(slug=PHOTO_KIND).first())
