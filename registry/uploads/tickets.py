"""The confirmation a preview hands out: a signed ticket naming the user, the list, the stored upload, its original
file name and its checksum, valid for a preview's lifetime. Nobody can confirm another user's upload, an upload
of another list (or of the same list into another event), or other bytes than those previewed."""

import hashlib
from dataclasses import asdict, dataclass

from django import forms
from django.core import signing
from django.utils.translation import gettext as _

from registry.uploads.pending import PREVIEW_LIFETIME

SALT = "registry.uploads.confirm"
MAX_AGE = int(PREVIEW_LIFETIME.total_seconds())


@dataclass(frozen=True)
class Ticket:
    """`user`: the uploader's pk; `list`: the list's key (see `registry.uploads.pages.UploadPage.key`); `stored`:
    the upload's name in `registry.uploads.pending`; `filename`: the uploaded file's name; `sha256`: the
    previewed bytes' checksum."""

    user: int | None
    list: str
    stored: str
    filename: str
    sha256: str

    def signed(self) -> str:
        return signing.dumps(asdict(self), salt=SALT)

    @property
    def confirmation(self) -> str:
        """The identity of the preview this ticket confirms (its list and stored upload), kept on its batch."""
        return hashlib.sha256(f"{self.list}:{self.stored}".encode()).hexdigest()


class ConfirmUploadForm(forms.Form):
    """The confirm step's one hidden field, named `field` by the page ("ticket" unless it says otherwise).

    Bound, `cleaned_data["ticket"]` is the `Ticket`, only when signed for `user` and the list `key` and not
    expired; unbound, it renders `ticket` for the confirm button.
    """

    def __init__(self, data=None, *, user, key: str, field: str = "ticket", ticket: Ticket | None = None):
        super().__init__(data, initial={field: ticket.signed()} if ticket else None)
        self.fields[field] = forms.CharField(widget=forms.HiddenInput)
        self.field, self.user, self.key = field, user, key

    def clean(self) -> dict:
        value = self.cleaned_data.get(self.field)
        if value is None:
            return self.cleaned_data
        try:
            ticket = Ticket(**signing.loads(value, salt=SALT, max_age=MAX_AGE))
        except (signing.BadSignature, TypeError) as error:
            raise forms.ValidationError(_("Pratinjau sudah kedaluwarsa atau tidak sah.")) from error
        if ticket.user != self.user.pk or ticket.list != self.key:
            raise forms.ValidationError(_("Pratinjau ini bukan milik Anda."))
        self.cleaned_data["ticket"] = ticket
        return self.cleaned_data
