"""The printable Rekap and Profil WKSBM: rendered with the office's heading, the date, Indonesian dates and Rupiah,
charts as SVG, and nothing a strict Content-Security-Policy would refuse (no inline script or style)."""

import re

from django.urls import reverse

from registry.enums import Role
from tests.registry.reports.conftest import GUNUNGKIDUL, SEMANU

INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=")


def test_the_printed_rekap_has_the_office_heading_the_date_and_every_section(as_operator, world):
    response = as_operator.get(reverse("rekap_print"), {"wilayah": GUNUNGKIDUL})

    html = response.content.decode()
    assert response.context["office"] == ["Pemerintah Kabupaten Gunungkidul", "Dinas Sosial"]
    assert "Rekap WKSBM Kabupaten Gunungkidul" in html
    on = response.context["rekap"].on
    assert f"Keadaan per {on.day} " in html and str(on.year) in html
    assert [
        section
        for section in ("wksbm", "per-wilayah", "mungkin-vakum", "kps", "penyuluhan", "dana")
        if f'id="{section}"' in html
    ] == [
        "wksbm",
        "per-wilayah",
        "mungkin-vakum",
        "kps",
        "penyuluhan",
        "dana",
    ]
    assert html.count("<svg") == 6
    assert 'href="/rekap/?wilayah=' not in html.split("<h1>")[1]  # no drill-down links on paper
    assert "Rp125.000.000" in html
    assert INLINE.findall(html) == []


def test_a_penyuluh_prints_under_the_kabupaten_office_and_a_provinsi_admin_under_the_provinsi(client, world, make_user):
    client.force_login(make_user("penyuluh-semanu", Role.PENYULUH, SEMANU))
    assert client.get(reverse("rekap_print"), {"wilayah": SEMANU}).context["office"] == [
        "Pemerintah Kabupaten Gunungkidul",
        "Dinas Sosial",
    ]

    client.force_login(make_user("admin-diy", Role.PROVINSI, "34"))
    assert client.get(reverse("rekap_print"), {"wilayah": SEMANU}).context["office"] == [
        "Pemerintah Provinsi Daerah Istimewa Yogyakarta",
        "Dinas Sosial",
    ]


def test_the_profil_shows_identity_sk_board_members_money_and_penyuluhan(as_operator, world):
    response = as_operator.get(reverse("wksbm_profile", args=[world["candirejo"].pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "WKSBM Candirejo Sejahtera",
        "Kalurahan Candirejo, Kapanewon Semanu, Kabupaten Gunungkidul",
        "141/12/KPTS/2025, 17 Juni 2025",
        "12 Agustus 2019",
        "Ketua WKSBM Candirejo Sejahtera",
        "Sekretaris WKSBM Candirejo Sejahtera",
        "Karang Taruna Tunas Muda",
        "Posyandu Melati",
        "Perantau: Rp125.000.000",
        "Pendidikan: Rp10.000.000, 20 penerima",
        "Pemerintah Kabupaten Gunungkidul",
    ):
        assert shown in html, shown
    assert [(e.wilayah_id, e.participant_total) for e in response.context["events"]] == [("34.03.08.2004", 40)]
    assert INLINE.findall(html) == []


def test_the_rekap_page_has_no_inline_script_or_style_and_links_the_drill_down(as_operator, world):
    html = as_operator.get(reverse("rekap"), {"wilayah": GUNUNGKIDUL}).content.decode()

    assert INLINE.findall(html) == []
    assert html.count('href="/rekap/?wilayah=34.03.') == 18
    assert 'href="/static/css/reports.css"' in html


def test_the_field_pages_and_the_admin_index_link_the_rekap_and_the_profil(client, world, make_user):
    user = make_user("admin-gk", Role.PROVINSI, GUNUNGKIDUL)
    user.is_staff = True
    user.save()
    client.force_login(user)

    assert 'href="/rekap/"' in client.get(reverse("home")).content.decode()
    assert 'href="/rekap/"' in client.get(reverse("admin:index")).content.decode()
    detail = client.get(reverse("wksbm_detail", args=[world["candirejo"].pk])).content.decode()
    assert f'href="{reverse("wksbm_profile", args=[world["candirejo"].pk])}"' in detail
