"""The page, the printout and the SVG file of the network of a kabupaten or kecamatan (registry.views.network_map):
only the user's area, a WKSBM outside it never named, the same picture every time, and a fixed number of queries
however many WKSBM, mitra and ties."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.enums import Role
from registry.models import MitraKind, Wilayah
from registry.scoping import OUTSIDE_AREA_LABEL
from tests.factories import WksbmFactory
from tests.registry.network.conftest import GUNUNGKIDUL, SEMANU, SEMANU_CANDIREJO, SEMIN_CANDIREJO, SLEMAN
from tests.registry.network.factories import JejaringFactory, MitraFactory

NGEPOSARI = "34.03.08.2001"
BALECATUR = "34.04.01.2001"
SVG = "{http://www.w3.org/2000/svg}"
TRICKY = "WKSBM <Maju> & \"Sejahtera\" 'Bersama'"


@pytest.fixture
def network(diy):
    """In Semanu: a WKSBM with a tricky name tied to a Puskesmas, to a WKSBM of Ngeposari, to one of Semin
    (elsewhere in Gunungkidul) and to one of Sleman; an old tie that has ended; a WKSBM of Sleman with its own
    mitra."""
    place = {code: Wilayah.objects.get(code=code) for code in (SEMANU_CANDIREJO, NGEPOSARI, SEMIN_CANDIREJO)}
    tricky = WksbmFactory(name=TRICKY, wilayah=place[SEMANU_CANDIREJO])
    ngeposari = WksbmFactory(name="WKSBM Ngeposari Makmur", wilayah=place[NGEPOSARI])
    semin = WksbmFactory(name="WKSBM Candirejo Semin", wilayah=place[SEMIN_CANDIREJO])
    sleman = WksbmFactory(name="WKSBM Rahasia Sleman", wilayah=Wilayah.objects.get(code=BALECATUR))
    puskesmas = MitraFactory(name="Puskesmas Semanu", kind=MitraKind.objects.get(slug="puskesmas"))
    JejaringFactory(wksbm=tricky, mitra=puskesmas)
    for partner in (ngeposari, semin, sleman):
        JejaringFactory(wksbm=tricky, mitra=None, partner_wksbm=partner)
    JejaringFactory(
        wksbm=ngeposari,
        mitra=MitraFactory(name="Mitra Yang Sudah Selesai"),
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
    )
    JejaringFactory(wksbm=sleman, mitra=MitraFactory(name="CSR Sleman", wilayah=Wilayah.objects.get(code=BALECATUR)))
    return {"tricky": tricky, "ngeposari": ngeposari, "semin": semin, "sleman": sleman}


def page(client, user, name, code):
    client.force_login(user)
    return client.get(reverse(name, args=[code]))


def svg_texts(svg: str) -> set[str]:
    root = ET.fromstring(svg.split("?>", 1)[-1].strip())
    return {element.text or "" for element in root.iter() if element.tag in (f"{SVG}text", f"{SVG}title")}


def test_the_kecamatan_map_draws_its_wksbm_their_mitra_and_ties_and_names_no_wksbm_outside_the_area(
    client, network, operator
):
    response = page(client, operator, "network_map", SEMANU)

    html = response.content.decode()
    picture = response.context["picture"]
    assert response.status_code == 200
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "WKSBM &lt;Maju&gt; &amp; &quot;Sejahtera&quot; &#x27;Bersama&#x27;" in html
    assert TRICKY not in html
    assert sorted(node.title for node in picture.wksbm) == sorted(
        [TRICKY, "WKSBM Ngeposari Makmur", "WKSBM Candirejo Semin", str(OUTSIDE_AREA_LABEL)]
    )
    assert [node.title for node in picture.mitra] == ["Puskesmas Semanu (Puskesmas)"]
    assert "Rahasia" not in html and "CSR Sleman" not in html and "Sudah Selesai" not in html
    assert [heading.title for heading in picture.headings] == [
        "Kalurahan Ngeposari",
        "Kalurahan Candirejo",
        "Di luar Kapanewon Semanu",
    ]
    assert len(picture.edges) == 4


def test_a_penyuluh_of_semanu_sees_the_wksbm_of_semin_unnamed(client, network, penyuluh):
    picture = page(client, penyuluh, "network_map", SEMANU).context["picture"]

    assert sorted(node.title for node in picture.wksbm) == sorted(
        [TRICKY, "WKSBM Ngeposari Makmur", str(OUTSIDE_AREA_LABEL), str(OUTSIDE_AREA_LABEL)]
    )


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("operator", SLEMAN),  # another kabupaten
        ("operator", "34"),  # the province, above the operator's area
        ("operator", SEMANU_CANDIREJO),  # a desa: no picture of its own
        ("operator", "34.99"),  # no such wilayah
        ("penyuluh", GUNUNGKIDUL),  # above the penyuluh's kecamatan
        ("outsider", SEMANU),
    ],
)
def test_a_wilayah_outside_the_area_or_of_another_level_answers_404(client, network, request, who, code):
    user = request.getfixturevalue(who)

    statuses = {page(client, user, name, code).status_code for name in MAP_PAGES}

    assert statuses == {404}


MAP_PAGES = ("network_map", "network_map_print", "network_map_svg")


def test_the_svg_file_is_the_picture_of_the_page_as_a_standalone_drawing(client, network, operator):
    inline = page(client, operator, "network_map", GUNUNGKIDUL).content.decode()
    response = page(client, operator, "network_map_svg", GUNUNGKIDUL)

    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith('attachment; filename="jejaring-34.03-')
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.split("?>\n", 1)[1].strip() in inline
    assert {TRICKY, "Puskesmas Semanu (Puskesmas)", "Kapanewon Semanu"} <= svg_texts(svg)
    assert svg == page(client, operator, "network_map_svg", GUNUNGKIDUL).content.decode()


def test_the_printout_cuts_a_tall_picture_into_bands_under_the_kop_surat(client, network, operator):
    for number in range(80):
        WksbmFactory(name=f"WKSBM Tambahan {number:02d}", wilayah=Wilayah.objects.get(code=NGEPOSARI))

    response = page(client, operator, "network_map_print", SEMANU)

    html = response.content.decode()
    bands = response.context["picture"].slices()
    assert response.status_code == 200
    assert len(bands) > 1
    assert html.count("<svg") == len(bands)
    assert all(f'viewBox="{band}"' in html for band in bands)
    assert "Peta jejaring WKSBM Kapanewon Semanu" in html


def test_the_rekap_of_a_kabupaten_or_kecamatan_links_to_its_picture_and_a_desa_s_does_not(client, network, operator):
    client.force_login(operator)

    links = {
        code: reverse("network_map", args=[code]) in client.get(reverse("rekap"), {"wilayah": code}).content.decode()
        for code in (GUNUNGKIDUL, SEMANU, SEMANU_CANDIREJO)
    }

    assert links == {GUNUNGKIDUL: True, SEMANU: True, SEMANU_CANDIREJO: False}


def more_network():
    """Thirty more WKSBM in the desa of Semanu, each tied to a new mitra and to the WKSBM before it."""
    desa = list(Wilayah.objects.filter(code__startswith=f"{SEMANU}.").order_by("code"))
    previous = None
    for number in range(30):
        wksbm = WksbmFactory(name=f"WKSBM Banyak {number}", wilayah=desa[number % len(desa)])
        JejaringFactory(wksbm=wksbm, mitra=MitraFactory(name=f"Mitra Banyak {number}"))
        if previous is not None:
            JejaringFactory(wksbm=previous, mitra=None, partner_wksbm=wksbm)
        previous = wksbm


def query_count(client, name, code) -> int:
    url = reverse(name, args=[code])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The savepoint pair of ATOMIC_REQUESTS, session, user, the permissions (the user's and the groups'), the user's
# areas, the wilayah with its children, the WKSBM, the ties with their ends; the printout adds the office's
# settings, the signer's profile and the petugas who may sign; the pages (not the .svg) count the header's unread
# notifications.
EXACT = {"network_map": 11, "network_map_svg": 10, "network_map_print": 14}


def test_each_map_page_costs_the_same_few_queries_for_few_and_for_many_nodes(client, network, operator):
    client.force_login(operator)
    few = {name: query_count(client, name, SEMANU) for name in MAP_PAGES}

    more_network()
    many = {name: query_count(client, name, SEMANU) for name in MAP_PAGES}

    assert few == many == EXACT


def test_the_picture_of_a_kabupaten_for_its_provincial_admin_groups_wksbm_by_kecamatan(client, network, make_user):
    admin = make_user("admin_diy", Role.PROVINSI, "34")

    picture = page(client, admin, "network_map", GUNUNGKIDUL).context["picture"]

    assert [heading.title for heading in picture.headings] == [
        "Kapanewon Semanu",
        "Kapanewon Semin",
        "Di luar Kabupaten Gunungkidul",
    ]
    assert "WKSBM Rahasia Sleman" in {node.title for node in picture.wksbm}
