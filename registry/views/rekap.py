"""The rekap pages: the rekap of the user's area with its drill-down, the printable rekap, the follow-up list of
possibly dormant WKSBM, and the downloads of the rekap and of every list behind it.

Every page needs the view permission on WKSBM (every role has it) and reads through `registry.reports`, which
scopes every read with `for_user`; a wilayah outside the user's area answers 404 (`?wilayah=` names it).
`?data=terverifikasi` switches every one of them, the profil included, to verified data only (issue 20); without it
they count everything recorded, as they always did.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from registry import dates, extensions
from registry.attachments.photos import LATEST_PHOTOS, wksbm_photos
from registry.documents import printed_document
from registry.exports.files import FORMATS, download
from registry.models import Wksbm
from registry.reports import profile
from registry.reports.area import VERIFIED_PARAM, ancestors, rekap_area
from registry.reports.charts import rekap_charts
from registry.reports.rekap import build_rekap
from registry.reports.tables import LISTS, area_name, dormant_queryset, list_table, rekap_tables
from registry.roles import may_see_phone_numbers
from registry.scoping import area_codes
from registry.views.base import require
from registry.wilayah_codes import DESA_CODE_LENGTH

PAGE_SIZE = 50


def verified_only(request) -> bool:
    """Whether the request asks for verified data only (`?data=terverifikasi`); any other value means everything."""
    return request.GET.get("data", "") == VERIFIED_PARAM


def requested_area(request):
    """The rekap area of the request's `?wilayah=`; without it the user's whole area, or their one area wilayah
    when they have a single one. 404 outside the area. Counting verified data only with `?data=terverifikasi`."""
    require(request.user, "registry.view_wksbm")
    code = request.GET.get("wilayah", "").strip() or None
    if code is not None and len(code) > DESA_CODE_LENGTH:
        raise Http404
    codes = area_codes(request.user)
    if code is None and codes is not None and len(codes) == 1:
        code = codes[0]
    return rekap_area(request.user, code, verified_only=verified_only(request))


def requested_format(request) -> str:
    """The download format of the request's `?format=` (xlsx by default); 404 for any other than the registry's."""
    extension = request.GET.get("format", "xlsx")
    if extension not in FORMATS:
        raise Http404
    return extension


def download_stem(kind: str, area) -> str:
    """The name of a download of `kind` for the rekap area `area`, dated today: `rekap-34.03-2026-12-02`, and
    `rekap-34.03-terverifikasi-2026-12-02` for verified data only."""
    data = f"-{VERIFIED_PARAM}" if area.verified_only else ""
    return f"{kind}-{area.code or 'semua'}{data}-{dates.today():%Y-%m-%d}"


def _query(area, *, data: bool = True) -> str:
    """The query string that keeps the area (and, with `data`, the data switch) on a link: "wilayah=34.03&…"."""
    parts = [f"wilayah={area.code}" if area.code else "", area.data_query if data else ""]
    return "&".join(part for part in parts if part)


def _context(request, area) -> dict:
    rekap = build_rekap(area)
    return {
        "rekap": rekap,
        "area": area,
        "area_name": area_name(area),
        "ancestors": ancestors(area.wilayah, request.user),
        "charts": rekap_charts(rekap),
        "query": _query(area),
        # The switch between everything and verified data only keeps the wilayah.
        "area_query": _query(area, data=False),
        "lists": [(slug, entry.title) for slug, entry in LISTS.items()],
    }


@login_required
def rekap(request):
    """The rekap of the user's area, or of the wilayah `?wilayah=` in it, with links one level down."""
    return render(request, "registry/reports/rekap.html", _context(request, requested_area(request)))


@login_required
def rekap_print(request):
    """The rekap on A4 (landscape: its breakdown is wide), under the kop surat, with the date and a signature
    block (`registry.documents`). A user with several areas printing them all is headed by their first area's
    office."""
    area = requested_area(request)
    context = _context(request, area)
    first_area = area.children[0] if area.wilayah is None and area_codes(request.user) and area.children else None
    context.update(printed_document(request, area.wilayah, heading_wilayah=first_area))
    return render(request, "registry/reports/rekap_print.html", context)


@login_required
def rekap_dormant(request):
    """Every possibly dormant WKSBM of the area, 50 a page: the follow-up list."""
    area = requested_area(request)
    page = Paginator(dormant_queryset(area), PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {"area": area, "area_name": area_name(area), "page": page}
    context["show_phones"] = may_see_phone_numbers(request.user)
    context["query"] = _query(area)
    return render(request, "registry/reports/dormant.html", context)


@login_required
def rekap_export(request):
    """The rekap's figures as a workbook (one sheet a table) or a CSV (one section a table)."""
    area = requested_area(request)
    extension = requested_format(request)
    return download(rekap_tables(build_rekap(area)), stem=download_stem("rekap", area), extension=extension)


@login_required
def rekap_list_export(request):
    """One list of the area (`?daftar=`: wksbm, kps, mungkin-vakum, desa-tanpa-wksbm-aktif, kegiatan, program)."""
    area = requested_area(request)
    extension = requested_format(request)
    slug = request.GET.get("daftar", "wksbm")
    if slug not in LISTS:
        raise Http404
    table = list_table(area, slug, phones=may_see_phone_numbers(request.user))
    return download([table], stem=download_stem(slug, area), extension=extension)


@login_required
def wksbm_profile(request, pk: int):
    """The printable Profil WKSBM (A4, under the kop surat, with a signature block): identity, SK, board,
    members, latest activities and funds, and the sections other apps contribute
    (`registry.extensions.profile_sections`: the penyuluhan held in its desa). 404 outside the user's area.
    With `?data=terverifikasi` its board, members and reports are the verified ones only."""
    wksbm = get_object_or_404(
        Wksbm.objects.for_user(request.user).with_summary().select_related("wilayah__parent__parent"), pk=pk
    )
    sections = list(extensions.profile_sections.values())
    context = {
        "wksbm": wksbm,
        **profile.wksbm_profile(wksbm, verified_only=verified_only(request)).context(),
        "verified_only": verified_only(request),
        **{name: value for section in sections for name, value in section.context(wksbm, request.user).items()},
        # The registry's own sections are A to C; contributed ones follow as D, E, ...
        "sections": [(section, chr(ord("D") + number)) for number, section in enumerate(sections)],
        "today": dates.today(),
        # Its latest photos, as on its page (the printed page is opened signed in: the thumbnails load).
        "photos": wksbm_photos(wksbm, LATEST_PHOTOS),
        **printed_document(request, wksbm.wilayah),
    }
    return render(request, "registry/reports/profile.html", context)
