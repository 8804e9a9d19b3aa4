"""The worklist ("Perlu tindakan"): the registry's own kinds of entries, and reading the kinds that apply to a user.

The registry's kinds, registered in `registry.extensions.worklist_kinds` by `RegistryConfig.ready()`:

- `mungkin-vakum`: active WKSBM with no activity report for `dates.DORMANT_AFTER_MONTHS` months
  (`WksbmQuerySet.possibly_dormant`); cleared by reporting an activity.
- `belum-lengkap`: WKSBM, not dissolved, lacking a current holder of a required role
  (`WksbmQuerySet.incomplete_board`); cleared by adding the pengurus.
- `masa-bakti`: terms of pengurus ending within `TERM_ENDING_DAYS` days, or already ended with no later term of
  the same role in the WKSBM (no successor), for WKSBM not dissolved. A WKSBM records its SK's number and date but
  no end: the SK of a board lasts its masa bakti, so the SK's end is read through the board's terms. Cleared by
  correcting the term (pengurus edit page) or by adding the successor.

Each kind's rule sentence is built from the same constants as its query. Reading the worklist: `kinds_for(user)`
(the kinds whose `applies(user)`), `total(user)` (one count query per kind, for the landing page and the menu).
"""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.enums import WksbmStatus
from registry.extensions import WorklistEntry, WorklistKind
from registry.models import ActivityReport, Pengurus, Wksbm
from registry.querysets import current_term_q

# A term ending within this many days is listed (and one already ended without a successor).
TERM_ENDING_DAYS = 90

# What the place of an entry reads, from the desa up to the kabupaten (`registry.places.place_name`).
WKSBM_PLACE = "wilayah__parent__parent"


def _filled(text, values) -> str:
    return str(text) % values


# A rule sentence filled with its constants when shown, so that it is read in the language of the request.
filled_lazy = lazy(_filled, str)


def _day(day: datetime.date | None) -> str:
    return date_format(day, "j F Y") if day else ""


def action_for(user, permission: str, label, url_name: str, *args) -> tuple[str, str]:
    """The action of an entry: `label` to the page `url_name` for a user holding `permission`; otherwise the
    WKSBM's own page (a read-only role sees where the matter stands). The first of `args` is the WKSBM's pk; the
    pembinaan kinds use it too."""
    if user.has_perm(permission):
        return str(label), reverse(url_name, args=args)
    return gettext("Lihat WKSBM"), reverse("wksbm_detail", args=args[:1])


# --- Mungkin vakum -------------------------------------------------------------------------------------------------


def dormant_rows(user):
    """Active WKSBM of the user's area with no report for `DORMANT_AFTER_MONTHS` months, with their latest
    report's date, by wilayah and name."""
    latest = ActivityReport.objects.filter(wksbm=OuterRef("pk")).order_by("-date").values("date")[:1]
    return (
        Wksbm.objects.for_user(user)
        .possibly_dormant()
        .annotate(last_activity_on=Subquery(latest))
        .select_related(WKSBM_PLACE)
        .order_by("wilayah_id", "name", "pk")
    )


def describe_dormant(wksbm, user) -> WorklistEntry:
    if wksbm.last_activity_on:
        detail = gettext("Laporan kegiatan terakhir %(day)s.") % {"day": _day(wksbm.last_activity_on)}
    else:
        detail = gettext("Belum pernah ada laporan kegiatan.")
    label, url = action_for(user, "registry.add_activityreport", _("Lapor kegiatan"), "report_create", wksbm.pk)
    return WorklistEntry(wksbm, detail, label, url)


# --- Kepengurusan belum lengkap ------------------------------------------------------------------------------------


def incomplete_board_rows(user):
    """WKSBM of the user's area, not dissolved, whose board lacks a required role, with the number of pengurus
    holding office today, by wilayah and name."""
    serving = (
        Pengurus.objects.filter(current_term_q(dates.today()), wksbm=OuterRef("pk"))
        .order_by()
        .values("wksbm")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        Wksbm.objects.for_user(user)
        .exclude(status=WksbmStatus.BUBAR)
        .incomplete_board()
        .annotate(serving=Coalesce(Subquery(serving, output_field=IntegerField()), Value(0)))
        .select_related(WKSBM_PLACE)
        .order_by("wilayah_id", "name", "pk")
    )


def describe_incomplete_board(wksbm, user) -> WorklistEntry:
    if wksbm.serving:
        detail = gettext("Jabatan wajib belum terisi; %(count)s pengurus menjabat.") % {"count": wksbm.serving}
    else:
        detail = gettext("Belum ada pengurus yang menjabat.")
    label, url = action_for(user, "registry.add_pengurus", _("Tambah pengurus"), "pengurus_add", wksbm.pk)
    return WorklistEntry(wksbm, detail, label, url)


# --- Masa bakti berakhir -------------------------------------------------------------------------------------------


def term_ending_q(on: datetime.date) -> Q:
    """Terms ending within `TERM_ENDING_DAYS` days of `on`, or ended by `on` with no later term of the same role in
    the same WKSBM (a later end, or none)."""
    later = Pengurus.objects.filter(wksbm=OuterRef("wksbm"), role=OuterRef("role")).filter(
        Q(period_to__isnull=True) | Q(period_to__gt=OuterRef("period_to"))
    )
    ending = Q(period_to__gt=on, period_to__lte=on + datetime.timedelta(days=TERM_ENDING_DAYS))
    ended = Q(period_to__lte=on) & ~Exists(later)
    return Q(period_to__isnull=False) & (ending | ended)


def term_ending_rows(user):
    """Pengurus of the user's area (WKSBM not dissolved) whose term ends soon or ended without a successor
    (`term_ending_q`), the earliest end first."""
    return (
        Pengurus.objects.for_user(user)
        .filter(term_ending_q(dates.today()))
        .exclude(wksbm__status=WksbmStatus.BUBAR)
        .select_related(f"wksbm__{WKSBM_PLACE}", "role")
        .order_by("period_to", "pk")
    )


def describe_term_ending(pengurus, user) -> WorklistEntry:
    names = {"role": pengurus.role, "name": pengurus.name, "day": _day(pengurus.period_to)}
    if pengurus.period_to > dates.today():
        detail = gettext("Masa bakti %(name)s (%(role)s) berakhir %(day)s.") % names
        label, url = action_for(
            user, "registry.change_pengurus", _("Ubah pengurus"), "pengurus_edit", pengurus.wksbm_id, pengurus.pk
        )
    else:
        detail = gettext("Masa bakti %(name)s (%(role)s) berakhir %(day)s; belum ada pengganti.") % names
        label, url = action_for(user, "registry.add_pengurus", _("Tambah pengganti"), "pengurus_add", pengurus.wksbm_id)
    return WorklistEntry(pengurus.wksbm, detail, label, url)


# --- The kinds and reading them ------------------------------------------------------------------------------------

DORMANT = WorklistKind(
    key="mungkin-vakum",
    order=10,
    title=_("Mungkin vakum"),
    rule=filled_lazy(
        _(
            "WKSBM aktif yang dibentuk lebih dari %(months)s bulan lalu (atau tanpa tanggal pembentukan) dan tidak "
            "ada laporan kegiatan selama %(months)s bulan."
        ),
        {"months": dates.DORMANT_AFTER_MONTHS},
    ),
    rows=dormant_rows,
    describe=describe_dormant,
)
INCOMPLETE_BOARD = WorklistKind(
    key="belum-lengkap",
    order=20,
    title=_("Kepengurusan belum lengkap"),
    rule=_("WKSBM yang belum bubar, tetapi salah satu jabatan wajib (seperti ketua atau sekretaris) kosong."),
    rows=incomplete_board_rows,
    describe=describe_incomplete_board,
)
TERM_ENDING = WorklistKind(
    key="masa-bakti",
    order=30,
    title=_("Masa bakti atau SK berakhir"),
    rule=filled_lazy(
        _(
            "Pengurus yang masa baktinya (masa berlaku SK kepengurusan) berakhir dalam %(days)s hari, atau sudah "
            "berakhir tanpa pengganti pada jabatan yang sama."
        ),
        {"days": TERM_ENDING_DAYS},
    ),
    rows=term_ending_rows,
    describe=describe_term_ending,
)
KINDS = (DORMANT, INCOMPLETE_BOARD, TERM_ENDING)


def register() -> None:
    """Registers the registry's kinds (from `RegistryConfig.ready()`)."""
    for kind in KINDS:
        extensions.worklist_kinds.register(kind)


def kinds_for(user) -> list[WorklistKind]:
    """The registered kinds shown to `user`, in order."""
    return [kind for kind in extensions.worklist_kinds.values() if kind.applies(user)]


def total(user) -> int:
    """The number of entries of `user`'s worklist: one count query per kind that applies."""
    return sum(kind.rows(user).count() for kind in kinds_for(user))
