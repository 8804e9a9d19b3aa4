"""After a save on a phone (360×740) the confirmation is in sight without scrolling, beside the item saved."""

import datetime

import pytest

from registry.enums import Role
from registry.models import ActivityKind, PengurusRole, Wilayah
from tests.browser.test_field_pages import SEMANU, SEMANU_CANDIREJO, assert_fits_the_screen, log_in, petugas, submit
from tests.factories import ActivityReportFactory, MembershipFactory, PengurusFactory, WksbmFactory

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

VIEWPORT_HEIGHT = 740


@pytest.fixture
def long_wksbm():
    """A WKSBM whose page is several screens long: many pengurus, members and reports."""
    unit = WksbmFactory(name="WKSBM Candirejo Panjang", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    anggota = PengurusRole.objects.get(slug="anggota")
    for number in range(12):
        PengurusFactory(wksbm=unit, name=f"Pengurus Nomor {number:02}", role=anggota)
    for _ in range(6):
        MembershipFactory(wksbm=unit, kps__wilayah=unit.wilayah)
    for day in range(6):
        ActivityReportFactory(wksbm=unit, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day))
    return unit


def assert_in_sight(page, selector: str, text: str) -> None:
    """The element `selector` shows `text` and lies wholly within the 360×740 screen as the page opened."""
    message = page.locator(selector)
    assert text in message.inner_text()
    box = message.bounding_box()
    assert box is not None, selector
    assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT_HEIGHT, (selector, box)
    assert page.evaluate("window.scrollY") > 0  # the item is far down: the page really opened at it
    assert_fits_the_screen(page)


def test_the_confirmation_of_a_pengurus_edit_is_in_sight(phone, long_wksbm):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    last = long_wksbm.pengurus.get(name="Pengurus Nomor 11")
    page = phone()
    log_in(page, "penyuluh")

    page.goto(f"/wksbm/{long_wksbm.pk}/pengurus/{last.pk}/ubah/")
    assert_fits_the_screen(page)
    page.fill("#id_name", "Pengurus Nomor Sebelas")
    submit(page, "Simpan perubahan")

    assert page.url.endswith(f"#pengurus-{last.pk}")
    assert_in_sight(page, f"#pengurus-{last.pk} .messages", "Perubahan tersimpan.")


def test_the_confirmation_of_a_new_report_is_in_sight(phone, long_wksbm):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    page = phone()
    log_in(page, "penyuluh")

    page.goto(f"/wksbm/{long_wksbm.pk}/laporan/baru/")
    page.select_option("#id_kind", str(ActivityKind.objects.get(slug="rapat").pk))
    page.fill("#id_description", "Rapat bulanan")
    submit(page, "Simpan laporan")

    report = long_wksbm.reports.get(description="Rapat bulanan")
    assert page.url.endswith(f"#report-{report.pk}")
    assert_in_sight(page, f"#report-{report.pk} .messages", "Laporan kegiatan tercatat.")


def test_the_confirmation_of_a_report_edit_is_in_sight(phone, long_wksbm):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    oldest = long_wksbm.reports.order_by("date").first()
    page = phone()
    log_in(page, "penyuluh")

    page.goto(f"/wksbm/{long_wksbm.pk}/laporan/{oldest.pk}/ubah/")
    assert_fits_the_screen(page)
    page.fill("#id_description", "Diperbaiki")
    submit(page, "Simpan perubahan")

    assert_in_sight(page, f"#report-{oldest.pk} .messages", "Perubahan tersimpan.")
