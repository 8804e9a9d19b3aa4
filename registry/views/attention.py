"""'Perlu perhatian': what needs following up in the user's area, the operator's first page (`attention`).

Four short lists, each read through the registry's own querysets and linked to where it is dealt with: WKSBM
possibly dormant (`possibly_dormant`), WKSBM whose board is incomplete (`incomplete_board`, dissolved ones
left out), board terms ending within `TERM_ENDING_DAYS` (`PengurusQuerySet.current`), and the activity reports of
the last `RECENT_REPORT_DAYS` (to read what the penyuluh entered). Each shows its count and its first `SHOWN`
rows; two queries a list whatever the number of rows.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.enums import WksbmStatus
from registry.models import ActivityReport, Pengurus, Wksbm
from registry.views.base import require

SHOWN = 10
TERM_ENDING_DAYS = 90
RECENT_REPORT_DAYS = 30


@dataclass
class Worklist:
    """One list of the page: its title, what it means, its total, its first rows and where the whole list is."""

    key: str
    title: str
    help: str
    total: int
    rows: list
    more_url: str = ""


def _worklist(key, title, help_text, queryset, more_url="") -> Worklist:
    return Worklist(key, title, help_text, queryset.count(), list(queryset[:SHOWN]), more_url)


@login_required
def attention(request):
    """The lists of what needs attention in the user's area (see the module's docstring)."""
    user = request.user
    require(user, "registry.view_wksbm")
    today = dates.today()
    wksbm = Wksbm.objects.for_user(user).select_related("wilayah__parent").order_by("wilayah_id", "name", "pk")
    home = reverse("home")
    lists = [
        _worklist(
            "vakum",
            _("Mungkin vakum"),
            _("Aktif, tetapi tidak ada laporan kegiatan selama 12 bulan."),
            wksbm.possibly_dormant(),
            f"{home}?tampil=vakum",
        ),
        _worklist(
            "belum-lengkap",
            _("Kepengurusan belum lengkap"),
            _("Belum ada ketua atau sekretaris yang menjabat."),
            wksbm.exclude(status=WksbmStatus.BUBAR).incomplete_board(),
            f"{home}?tampil=belum-lengkap",
        ),
        _worklist(
            "masa-bakti",
            _("Masa bakti segera berakhir"),
            _("Pengurus yang masa baktinya berakhir dalam %(days)s hari.") % {"days": TERM_ENDING_DAYS},
            Pengurus.objects.for_user(user)
            .current(today)
            .filter(period_to__lte=today + datetime.timedelta(days=TERM_ENDING_DAYS))
            .select_related("wksbm__wilayah", "role")
            .order_by("period_to", "pk"),
        ),
        _worklist(
            "laporan",
            _("Laporan kegiatan terbaru"),
            _("Laporan kegiatan %(days)s hari terakhir, untuk diperiksa.") % {"days": RECENT_REPORT_DAYS},
            ActivityReport.objects.for_user(user)
            .filter(date__gte=today - datetime.timedelta(days=RECENT_REPORT_DAYS))
            .select_related("wksbm__wilayah", "kind")
            .order_by("-date", "-pk"),
        ),
    ]
    return render(request, "registry/attention.html", {"lists": lists, "shown": SHOWN})
