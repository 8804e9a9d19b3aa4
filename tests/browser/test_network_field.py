"""A penyuluh ties a WKSBM to a partner on a phone at 360×740: a new mitra whose name is close to one already
recorded in the kabupaten shows the candidates first; the penyuluh creates it anyway, then ends the tie."""

import re

import pytest

from registry import dates
from registry.enums import Role
from registry.models import Jejaring, Mitra, Wilayah
from tests.browser.test_field_pages import assert_fits_the_screen, log_in, petugas, submit
from tests.factories import WksbmFactory
from tests.registry.network.factories import MitraFactory

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

SEMANU, SEMANU_CANDIREJO, SEMIN_CANDIREJO = "34.03.08", "34.03.08.2004", "34.03.12.2006"


def test_a_tie_with_a_new_mitra_after_its_close_names_then_ended(phone):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    wksbm = WksbmFactory(name="WKSBM Candirejo Guyub", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    MitraFactory(name="Baznas Gunung Kidul Peduli", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    page = phone()
    log_in(page, "penyuluh")

    page.goto(f"/wksbm/{wksbm.pk}/")
    page.get_by_role("link", name="+ Tambah jejaring").click()
    assert_fits_the_screen(page)
    page.get_by_role("link", name="Mitra baru").click()
    page.fill("#id_mitra-name", "Baznas Gunungkidul")
    page.select_option("#id_mitra-kind", label="Baznas/lembaga zakat")
    page.select_option("#id_mitra-level", label="Kabupaten/Kota")
    page.fill("#id_narahubung-name", "Rahmat")
    page.fill("#id_narahubung-phone", "0812-3456-7890")
    page.select_option("#id_kind", label="Kemitraan dana")
    page.fill("#id_started_on", "2024-01-15")
    page.fill("#id_basis_number", "PKS/01/2024")
    assert_fits_the_screen(page)
    submit(page, "Simpan mitra dan jejaring")

    expect(page.get_by_text("Apakah maksud Anda…?")).to_be_visible()
    expect(page.get_by_role("button", name="Pilih Baznas Gunung Kidul Peduli")).to_be_visible()
    assert_fits_the_screen(page)
    assert Mitra.objects.count() == 1
    submit(page, "Tetap buat mitra baru")

    expect(page).to_have_url(re.compile(rf"/wksbm/{wksbm.pk}/#jejaring$"))
    section = page.locator("#jejaring")
    expect(section.get_by_role("link", name="Baznas Gunungkidul")).to_be_visible()
    assert_fits_the_screen(page)

    section.get_by_role("link", name="Akhiri").click()
    expect(page.get_by_role("heading", name="Akhiri jejaring")).to_be_visible()
    assert_fits_the_screen(page)
    submit(page, "Akhiri jejaring")

    expect(page.get_by_text("Jejaring dengan Baznas Gunungkidul diakhiri.")).to_be_visible()
    expect(page.locator("#jejaring").get_by_text("Belum ada jejaring aktif.")).to_be_visible()
    tie = Jejaring.objects.get()
    assert (tie.mitra.name, tie.ended_on) == ("Baznas Gunungkidul", dates.today())
    assert list(tie.mitra.contacts.values_list("name", flat=True)) == ["Rahmat"]
