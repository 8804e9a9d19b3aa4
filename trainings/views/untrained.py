"""The page 'Pengurus inti yang belum pernah mengikuti pelatihan' of the user's area, filtered by kabupaten and
kecamatan, 100 a page, with its download (.xlsx/.csv). The rows are `trainings.untrained`'s."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from registry import dates
from registry.enums import WilayahLevel
from registry.exports.files import FORMATS, Table, download
from registry.forms.wilayah import CHOICE_LIMIT
from registry.models import Pengurus, Wilayah
from registry.scoping import code_prefix_q, in_area
from registry.wilayah_codes import level_of
from trainings import untrained

PAGE_SIZE = 100


def _chosen(request, name: str, level: int, within: str | None) -> str | None:
    """The code of the `name` filter when it is a wilayah of `level` in the user's area: 404 for a code outside
    it or of another level; None when not given, or not in `within` (a kecamatan left from another kabupaten)."""
    code = request.GET.get(name) or None
    if code is None:
        return None
    if level_of(code) != level or not in_area(request.user, code):
        raise Http404
    return None if within and not code.startswith(f"{within}.") else code


@login_required
def untrained_pengurus(request):
    """The list (see the module); `?kabupaten=` and `?kecamatan=` narrow it, `?format=xlsx|csv` downloads it.
    A fixed number of queries whatever the number of rows."""
    kabupaten = _chosen(request, "kabupaten", WilayahLevel.KABUPATEN, None)
    kecamatan = _chosen(request, "kecamatan", WilayahLevel.KECAMATAN, kabupaten)
    pengurus = Pengurus.objects.for_user(request.user)
    where = kecamatan or kabupaten
    if where:
        pengurus = pengurus.filter(code_prefix_q("wksbm__wilayah__code", [where]))
    listed = untrained.untrained_core(pengurus)
    extension = request.GET.get("format")
    if extension:
        if extension not in FORMATS:
            raise Http404
        stem = f"pengurus-inti-belum-pelatihan-{where or 'semua'}-{dates.today():%Y-%m-%d}"
        table = Table(str(untrained.TITLE), untrained.COLUMNS, untrained.rows(listed))
        return download([table], stem=stem, extension=extension)
    area = Wilayah.objects.for_user(request.user)
    kabupaten_options = list(area.filter(level=WilayahLevel.KABUPATEN).order_by("code")[:CHOICE_LIMIT])
    # The kecamatan of the chosen kabupaten (or of the user's only kabupaten); for a user working in kecamatan,
    # those of their area.
    if not kabupaten and len(kabupaten_options) == 1:
        kabupaten = kabupaten_options[0].code
    if kabupaten:
        kecamatan_options = list(Wilayah.objects.children_of(kabupaten).order_by("code")[:CHOICE_LIMIT])
    elif not kabupaten_options:
        kecamatan_options = list(area.filter(level=WilayahLevel.KECAMATAN).order_by("code")[:CHOICE_LIMIT])
    else:
        kecamatan_options = []
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("halaman"))
    query = "&".join(f"{k}={v}" for k, v in (("kabupaten", kabupaten), ("kecamatan", kecamatan)) if v)
    context = {
        "page": page,
        "kabupaten": kabupaten,
        "kecamatan": kecamatan,
        "kabupaten_options": kabupaten_options,
        "kecamatan_options": kecamatan_options,
        "query": query,
    }
    return render(request, "trainings/pengurus_untrained.html", context)
