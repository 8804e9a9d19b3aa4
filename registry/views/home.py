"""'Wilayah saya': the WKSBM of the user's kecamatan and desa, what needs attention, the number of entries of the
user's worklist ("Perlu tindakan (N)", `registry.worklist.total`), and the desa without one."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions, worklist
from registry.db.collation import AsForeignKeyCode
from registry.enums import WilayahLevel, WksbmStatus
from registry.field_search import MAX_TERM_LENGTH, search_wksbm
from registry.forms.wilayah import CHOICE_LIMIT, area_candidates
from registry.models import UserArea, Wksbm

PAGE_SIZE = 50

SHOW_CHOICES = {
    "": _("Semua WKSBM"),
    "vakum": _("Mungkin vakum"),
    "belum-lengkap": _("Kepengurusan belum lengkap"),
}


def possibly_dormant(wksbm: Wksbm, cutoff) -> bool:
    """`WksbmQuerySet.possibly_dormant` for one row annotated by `with_summary`: active, formed before the
    cutoff (or undated), and no report since it."""
    return (
        wksbm.status == WksbmStatus.AKTIF
        and (wksbm.formed_on is None or wksbm.formed_on < cutoff)
        and (wksbm.last_activity_on is None or wksbm.last_activity_on < cutoff)
    )


@login_required
def home(request):
    """The user's WKSBM, searchable by name, desa, kecamatan, pengurus, KPS or phone (`registry.field_search`),
    filtered to those needing attention, 50 a page, grouped by wilayah. A fixed number of queries whatever the
    number of rows."""
    user = request.user
    search = request.GET.get("q", "").strip()[:MAX_TERM_LENGTH]
    show = request.GET.get("tampil", "")
    show = show if show in SHOW_CHOICES else ""
    rows = Wksbm.objects.for_user(user)
    if show == "vakum":
        rows = rows.possibly_dormant()
    elif show == "belum-lengkap":
        rows = rows.incomplete_board()
    rows = search_wksbm(rows, search, user=user)
    rows = rows.with_summary().select_related("wilayah__parent").order_by("wilayah_id", "name", "pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    cutoff = dates.dormant_cutoff()
    for wksbm in page:
        wksbm.possibly_dormant = possibly_dormant(wksbm, cutoff)

    without, too_many = [], False
    if not search and not show and page.number == 1:
        has_wksbm = Wksbm.objects.filter(wilayah_id=AsForeignKeyCode(OuterRef("code")))
        without = list(
            area_candidates(user)
            .filter(level=WilayahLevel.DESA)
            .exclude(Exists(has_wksbm))
            .select_related("parent")[: CHOICE_LIMIT + 1]
        )
        too_many = len(without) > CHOICE_LIMIT
        if too_many:
            without = []

    # "Perlu tindakan (N)": one count query per kind of the worklist.
    worklist_total = worklist.total(user) if user.has_perm("registry.view_wksbm") else None
    areas = [] if user.is_superuser else list(UserArea.objects.filter(user=user).select_related("wilayah__parent"))
    return render(
        request,
        "registry/home.html",
        {
            "page": page,
            "search": search,
            "show": show,
            "show_choices": SHOW_CHOICES.items(),
            "areas": areas,
            "without": without,
            "without_too_many": too_many,
            "query_string": _query_string(search, show),
            "links": [
                link for link in extensions.home_links.values() if not link.permission or user.has_perm(link.permission)
            ],
            "worklist_total": worklist_total,
        },
    )


def home_links(user) -> list:
    """The home page's links to other pages (`registry.extensions.home_links`) shown to `user`."""
    return [link for link in extensions.home_links.values() if not link.permission or user.has_perm(link.permission)]


def _query_string(search: str, show: str) -> str:
    """The search and filter as a query string prefix for the page links."""
    params = {key: value for key, value in (("q", search), ("tampil", show)) if value}
    return urlencode(params) + "&" if params else ""
