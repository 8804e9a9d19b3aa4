"""The rekap on a phone, in a real browser at 360×740: read, drilled down, printed; and the Profil WKSBM."""

import datetime
import importlib

import pytest
from django.apps import apps

from registry.enums import Role
from registry.models import ActivityKind, FundSource, PengurusRole, Wilayah
from registry.services.wksbm import report_create
from tests.browser.test_field_pages import SEMANU, SEMANU_CANDIREJO, assert_fits_the_screen, log_in, petugas
from tests.factories import KpsFactory, PengurusFactory, WksbmFactory
from tests.trainings.factories import PenyuluhanFactory, PesertaCountFactory

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

# A4 at 96 px per inch, less the 12 mm side margins of static/css/reports.css.
A4_PRINT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)


def semanu_records():
    # The trainings app's reference lists, emptied by the previous browser test like the registry's.
    importlib.import_module("trainings.migrations.0002_reference_lists").seed(apps, None)
    candirejo = WksbmFactory(name="WKSBM Candirejo Sejahtera", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    PengurusFactory(wksbm=candirejo, name="Sutrisno", role=PengurusRole.objects.get(slug="ketua"))
    KpsFactory(name="Karang Taruna Tunas Muda", wilayah=candirejo.wilayah)
    report_create(
        by=None,
        wksbm=candirejo,
        date=datetime.date(2025, 6, 17),
        kind=ActivityKind.objects.get(slug="penghimpunan-dana"),
        collected=[(FundSource.objects.get(slug="perantau"), 125_000_000)],
    )
    PesertaCountFactory(event=PenyuluhanFactory(wilayah=candirejo.wilayah), count=40)
    return candirejo


def test_a_penyuluh_reads_drills_down_and_prints_the_rekap_on_a_phone(phone):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    semanu_records()
    page = phone()
    log_in(page, "penyuluh")

    page.get_by_role("link", name="Rekap", exact=True).click()
    expect(page.get_by_role("heading", name="Rekap Kapanewon Semanu")).to_be_visible()
    expect(page.locator('[data-figure="wksbm"]')).to_have_text("1")
    expect(page.get_by_text("Rp125.000.000").first).to_be_visible()
    assert page.locator("svg").count() == 5  # no help distributed yet: that chart says so in words
    assert_fits_the_screen(page)

    page.get_by_role("link", name="Kalurahan Candirejo").click()
    expect(page.get_by_role("heading", name="Rekap Kalurahan Candirejo")).to_be_visible()
    expect(page.get_by_text("WKSBM Candirejo Sejahtera")).to_be_visible()
    assert_fits_the_screen(page)

    page.get_by_role("link", name="Versi cetak").click()
    expect(page.get_by_text("Pemerintah Kabupaten Gunungkidul")).to_be_visible()
    expect(page.get_by_role("button", name="Cetak")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Cetak")).to_be_hidden()
    page.set_viewport_size({"width": A4_PRINT_WIDTH, "height": 1000})
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_PRINT_WIDTH


def test_the_profil_wksbm_fits_a_phone_and_prints_without_its_buttons(phone):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    candirejo = semanu_records()
    page = phone()
    log_in(page, "penyuluh")

    page.goto(f"/wksbm/{candirejo.pk}/")
    page.get_by_role("link", name="Profil WKSBM (cetak)").click()
    expect(page.get_by_role("heading", name="Profil WKSBM")).to_be_visible()
    expect(page.get_by_text("Perantau: Rp125.000.000")).to_be_visible()
    assert_fits_the_screen(page)
    page.emulate_media(media="print")
    expect(page.locator(".bar")).to_be_hidden()
    expect(page.get_by_role("button", name="Cetak")).to_be_hidden()
