"""The picture of the network of a kabupaten/kota or a kecamatan (`registry.network.graph`): the page with the SVG
inline, its printable A4 version, and the SVG file.

Every one needs the view permissions on WKSBM and ties (every role has them) and reads through `rekap_area`, so a
wilayah outside the user's area, unknown, or of another level (a desa, a provinsi) answers 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from registry import dates
from registry.documents import printed_document
from registry.network import graph
from registry.network.rekap import MAPPED_LEVELS
from registry.reports.area import ancestors, rekap_area
from registry.views.base import require


def _picture(request, code: str):
    """The area of the wilayah `code` and the picture of its network, for the request's user; 404 as above."""
    require(request.user, "registry.view_wksbm", "registry.view_jejaring")
    area = rekap_area(request.user, code)
    if area.wilayah.level not in MAPPED_LEVELS:
        raise Http404
    title = _("Jejaring WKSBM %(name)s") % {"name": area.wilayah.display_name}
    return area, graph.draw(graph.area_network(area), title=title)


def _context(request, area, picture) -> dict:
    return {
        "area": area,
        "area_name": area.wilayah.display_name,
        "ancestors": ancestors(area.wilayah, request.user),
        "picture": picture,
        "on": dates.today(),
    }


@login_required
def network_map(request, code: str):
    """The network of the wilayah `code` as a picture, with how to read it."""
    area, picture = _picture(request, code)
    return render(request, "registry/network/map.html", _context(request, area, picture))


@login_required
def network_map_print(request, code: str):
    """The picture on A4 under the kop surat, cut into bands that each fit a page (`Picture.slices`)."""
    area, picture = _picture(request, code)
    context = _context(request, area, picture) | printed_document(request, area.wilayah)
    return render(request, "registry/network/map_print.html", context)


@login_required
def network_map_svg(request, code: str):
    """The picture as an SVG file."""
    area, picture = _picture(request, code)
    svg = render_to_string("registry/network/map_svg.html", {"picture": picture}).strip()
    response = HttpResponse(f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}\n', content_type="image/svg+xml")
    stem = f"jejaring-{area.wilayah.code}-{dates.today():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.svg"'
    return response
