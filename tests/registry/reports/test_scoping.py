"""Scoping of every report page and download: each role sees its own area only, a wilayah outside it answers 404,
and the Sleman records (and Semin's, for a Semanu penyuluh) never leak into a figure, a list or a file."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registry.enums import Role
from registry.reports.tables import LISTS
from tests.registry.reports.conftest import GUNUNGKIDUL, SEMANU, SEMIN, SLEMAN

# Each role working in Gunungkidul (a penyuluh in Semanu): their area, where the rekap starts, and wilayah outside.
ROLES = {
    Role.PROVINSI: ("34", "34", []),
    Role.KABUPATEN: (GUNUNGKIDUL, GUNUNGKIDUL, ["34", SLEMAN, "34.04.01.2001"]),
    Role.PENYULUH: (SEMANU, SEMANU, ["34", GUNUNGKIDUL, SEMIN, "34.03.12.2006"]),
    Role.PIMPINAN: (GUNUNGKIDUL, GUNUNGKIDUL, ["34", SLEMAN]),
}
PAGES = ["rekap", "rekap_print", "rekap_dormant", "rekap_export", "rekap_list_export"]


def content(response) -> str:
    """The text of a page or a download (CSV streamed, .xlsx read back cell by cell)."""
    if response["Content-Type"].startswith("application/vnd.openxml"):
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        cells = (str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if c)
        return "\n".join(cells)
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize("role", list(ROLES), ids=[role.value for role in ROLES])
def test_each_role_starts_at_its_own_area_and_gets_404_outside_it(client, world, make_user, role):
    area, start, outside = ROLES[role]
    client.force_login(make_user(f"petugas-{role.value}", role, area))

    response = client.get(reverse("rekap"))

    assert (response.status_code, response.context["area"].code) == (200, start)
    for code in outside:
        for page in PAGES:
            assert client.get(reverse(page), {"wilayah": code}).status_code == 404, (page, code)
    assert client.get(reverse("rekap"), {"wilayah": "99.99"}).status_code == 404


def test_the_semanu_penyuluh_sees_no_semin_or_sleman_record_in_any_page_or_file(client, world, make_user):
    client.force_login(make_user("penyuluh-semanu", Role.PENYULUH, SEMANU))
    leaks = ["Candirejo Semin", "PKK Candirejo", "Sleman Bocor", "WKSBM Rejosari", "999.000.000", "999000000"]

    texts = [content(client.get(reverse(page), {"wilayah": SEMANU})) for page in ("rekap", "rekap_print")]
    for extension in ("csv", "xlsx"):
        texts.append(content(client.get(reverse("rekap_export"), {"wilayah": SEMANU, "format": extension})))
        for slug in LISTS:
            response = client.get(reverse("rekap_list_export"), {"daftar": slug, "format": extension})
            assert response.status_code == 200
            texts.append(content(response))

    assert [leak for leak in leaks for text in texts if leak in text] == []
    assert "WKSBM Ngeposari Makmur" in texts[0]
    assert "WKSBM Candirejo Sejahtera" in "".join(texts[2:])


def test_every_list_download_of_the_operator_holds_gunungkidul_rows_only(as_operator, world):
    expected = {
        "wksbm": "WKSBM Candirejo Sejahtera",
        "kps": "Posyandu Melati",
        "mungkin-vakum": "WKSBM Ngeposari Makmur",
        "desa-tanpa-wksbm-aktif": "Dadapayu",
        "kegiatan": "Kalurahan Candirejo, Kapanewon Semanu",
        "program": "Penyuluhan Sosial Pembentukan WKSBM Gunungkidul",
    }
    for slug, shown in expected.items():
        for extension in ("csv", "xlsx"):
            text = content(as_operator.get(reverse("rekap_list_export"), {"daftar": slug, "format": extension}))
            assert shown in text, (slug, extension)
            assert "Sleman" not in text and "Balecatur" not in text, (slug, extension)


def test_the_rekap_of_a_user_with_two_areas_breaks_down_by_area(client, world, make_user):
    client.force_login(make_user("penyuluh-dua", Role.PENYULUH, SEMANU, SEMIN))

    response = client.get(reverse("rekap"))

    rekap = response.context["rekap"]
    assert [row.code for row in rekap.rows] == [SEMANU, SEMIN]
    assert (rekap.total.wksbm, rekap.total.kps) == (7, 3)


def test_the_profil_answers_404_outside_the_area(client, world, make_user):
    client.force_login(make_user("penyuluh-semin", Role.PENYULUH, SEMIN))

    assert client.get(reverse("wksbm_profile", args=[world["candirejo"].pk])).status_code == 404
    assert client.get(reverse("wksbm_profile", args=[world["semin"].pk])).status_code == 200


def test_a_user_without_a_role_is_refused_and_one_without_an_area_sees_nothing(client, world, make_user):
    client.force_login(make_user("tanpa-peran", None, GUNUNGKIDUL))
    assert client.get(reverse("rekap"), {"wilayah": GUNUNGKIDUL}).status_code == 403
    assert client.get(reverse("rekap_export")).status_code == 403

    client.force_login(make_user("tanpa-wilayah", Role.PIMPINAN))
    response = client.get(reverse("rekap"))
    assert response.status_code == 200
    assert "belum memiliki wilayah kerja" in response.content.decode()
    assert content(client.get(reverse("rekap_list_export"), {"format": "csv"})).splitlines()[1:] == []


def test_an_unknown_list_or_format_answers_404(as_operator, world):
    assert as_operator.get(reverse("rekap_list_export"), {"daftar": "pengguna"}).status_code == 404
    assert as_operator.get(reverse("rekap_export"), {"format": "pdf"}).status_code == 404
