"""'Perlu tindakan' (`attention`): the user's worklist, what needs doing in their area, and its download.

The page lists every kind of `registry.extensions.worklist_kinds` that applies to the user (`registry.worklist`:
the registry's own kinds; other apps add theirs): its title, its rule, its count and its first `SHOWN` entries,
each with the button to the page that clears it, and "Lihat semua" opening that kind alone (`?jenis=<key>`),
`PAGE_SIZE` entries a page (`?halaman=`). Two queries a kind (its count, and its entries unless none) whatever
the number of rows. The download (`attention_export`, `?format=xlsx|csv`, `?jenis=` for one kind) holds every entry.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.exports.files import FORMATS, Table, download
from registry.places import place_name
from registry.views.base import require
from registry.worklist import kinds_for

SHOWN = 5
PAGE_SIZE = 50
# Rows read from the database at a time by the download.
CHUNK = 2000
EXPORT_COLUMNS = ["jenis", "nama_wksbm", "kode_wilayah", "tempat", "keterangan", "tindakan"]


def _kind(request, kinds):
    """The kind named by `?jenis=`, None for all of them; 404 for a kind not shown to the user."""
    key = request.GET.get("jenis", "")
    if not key:
        return None
    for kind in kinds:
        if kind.key == key:
            return kind
    raise Http404


@login_required
def attention(request):
    """The user's worklist (see the module's docstring)."""
    user = request.user
    require(user, "registry.view_wksbm")
    kinds = kinds_for(user)
    chosen = _kind(request, kinds)
    if chosen is not None:
        page = Paginator(chosen.rows(user), PAGE_SIZE).get_page(request.GET.get("halaman"))
        entries = [chosen.describe(row, user) for row in page]
        context = {"kind": chosen, "page": page, "entries": entries}
        return render(request, "registry/attention_kind.html", context)
    sections = []
    for kind in kinds:
        rows = kind.rows(user)
        count = rows.count()
        entries = [kind.describe(row, user) for row in rows[:SHOWN]] if count else []
        sections.append({"kind": kind, "count": count, "entries": entries})
    context = {"sections": sections, "total": sum(section["count"] for section in sections), "shown": SHOWN}
    return render(request, "registry/attention.html", context)


def export_rows(kinds, user):
    """Every entry of `kinds` for `user`, kind by kind in the page's order; streamed."""
    for kind in kinds:
        for row in kind.rows(user).iterator(chunk_size=CHUNK):
            entry = kind.describe(row, user)
            yield {
                "jenis": str(kind.title),
                "nama_wksbm": entry.wksbm.name,
                "kode_wilayah": entry.wksbm.wilayah_id,
                "tempat": place_name(entry.wksbm.wilayah),
                "keterangan": entry.detail,
                "tindakan": entry.action_label,
            }


@login_required
def attention_export(request):
    """The worklist as a workbook or a CSV: every entry of every kind shown to the user, or of `?jenis=`."""
    user = request.user
    require(user, "registry.view_wksbm")
    extension = request.GET.get("format", "xlsx")
    if extension not in FORMATS:
        raise Http404
    kinds = kinds_for(user)
    chosen = _kind(request, kinds)
    shown = [chosen] if chosen else kinds
    title = str(chosen.title) if chosen else str(_("Perlu tindakan"))
    stem = f"perlu-tindakan-{chosen.key + '-' if chosen else ''}{dates.today():%Y-%m-%d}"
    return download([Table(title, EXPORT_COLUMNS, export_rows(shown, user))], stem=stem, extension=extension)
