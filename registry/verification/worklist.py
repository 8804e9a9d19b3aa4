"""The verification queue's kinds of worklist entries ("Perlu tindakan"), registered in
`registry.extensions.worklist_kinds` by `RegistryConfig.ready()`:

- `menunggu-verifikasi`: items of the user's area waiting for an operator, shown to those who may verify; the
  action opens the queue at the item's WKSBM. One workflow: an evaluation waiting for confirmation is one of them.
- `dikembalikan`: items of the user's area returned with a reason, shown to those whose entries wait (a penyuluh);
  the action opens the record's WKSBM page at the item, where it is fixed or sent again.

An entry is about a WKSBM: an item of no WKSBM (a KPS not yet a member of one) is in the queue, not here. Each
`rows(user)` is one queryset with what `describe` reads joined: a page of entries costs one query, the count another.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import extensions
from registry.extensions import WorklistEntry, WorklistKind
from registry.models import VerificationItem
from registry.verification.services import VERIFY_PERMISSION, waits_for_office
from registry.views.base import detail_url
from registry.worklist import WKSBM_PLACE


def _day(moment) -> str:
    return date_format(localtime(moment), "j F Y")


def waiting_rows(user):
    """The waiting items of the user's area that belong to a WKSBM, oldest first."""
    rows = VerificationItem.objects.for_user(user).waiting().filter(wksbm__isnull=False)
    return rows.select_related(f"wksbm__{WKSBM_PLACE}")


def describe_waiting(item, user) -> WorklistEntry:
    detail = gettext("%(title)s (%(change)s), dikirim %(day)s.") % {
        "title": item.title,
        "change": item.get_change_display().lower(),
        "day": _day(item.submitted_at),
    }
    url = f"{reverse('verification_queue')}?{urlencode({'wksbm': item.wksbm_id})}"
    return WorklistEntry(item.wksbm, detail, gettext("Verifikasi"), url)


def returned_rows(user):
    """The returned items of the user's area that belong to a WKSBM, oldest first."""
    rows = VerificationItem.objects.for_user(user).returned().filter(wksbm__isnull=False)
    return rows.select_related(f"wksbm__{WKSBM_PLACE}")


def describe_returned(item, user) -> WorklistEntry:
    detail = gettext("%(title)s dikembalikan %(day)s: %(reason)s") % {
        "title": item.title,
        "day": _day(item.decided_at or item.submitted_at),
        "reason": item.reason,
    }
    return WorklistEntry(item.wksbm, detail, gettext("Perbaiki"), detail_url(item.wksbm, f"verifikasi-{item.pk}"))


def may_verify(user) -> bool:
    return user.has_perm(VERIFY_PERMISSION)


def entries_wait(user) -> bool:
    """Whether what `user` enters waits for verification: a user who enters data (a penyuluh), not a reader."""
    return waits_for_office(user) and user.has_perm("registry.change_wksbm")


WAITING = WorklistKind(
    key="menunggu-verifikasi",
    order=35,
    title=_("Menunggu verifikasi"),
    rule=_(
        "Data yang dimasukkan atau diubah penyuluh (WKSBM baru, status vakum atau bubar, pengurus, KPS, laporan "
        "kegiatan, kunjungan, penilaian) dan belum diverifikasi atau dikembalikan operator."
    ),
    rows=waiting_rows,
    describe=describe_waiting,
    applies=may_verify,
)
RETURNED = WorklistKind(
    key="dikembalikan",
    order=36,
    title=_("Dikembalikan"),
    rule=_("Data yang dikembalikan operator dengan alasan; perbaiki lalu simpan, atau kirim ulang tanpa perubahan."),
    rows=returned_rows,
    describe=describe_returned,
    applies=entries_wait,
)


def register() -> None:
    """Registers the queue's kinds (from `RegistryConfig.ready()`) and the home page's "Verifikasi data" link."""
    extensions.worklist_kinds.register(WAITING)
    extensions.worklist_kinds.register(RETURNED)
    extensions.home_links.register(
        extensions.HomeLink("verifikasi", 80, _("Verifikasi data"), "verification_queue", permission=VERIFY_PERMISSION)
    )
