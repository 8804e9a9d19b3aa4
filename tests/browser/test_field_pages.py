"""What a penyuluh does on a phone, in a real browser at 360×740: the field pages end to end."""

import re

import pytest
from django.contrib.auth.models import User

from registry import dates
from registry.enums import Role
from registry.models import ActivityReport, KpsKind, UserArea, Wilayah, Wksbm
from registry.roles import role_group
from tests.factories import KpsFactory, WksbmFactory

# Skipped, with the reason in the summary, where Playwright is not installed.
expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

PASSWORD = "sandi-uji-lapangan"
SEMANU, SEMANU_CANDIREJO, SLEMAN = "34.03.08", "34.03.08.2004", "34.04"


def petugas(username: str, role: Role, code: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    user.groups.add(role_group(role))
    UserArea.objects.create(user=user, wilayah_id=code)
    return user


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))


def assert_fits_the_screen(page) -> None:
    """Nothing scrolls sideways at 360 px."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def submit(page, label: str) -> None:
    """Clicks the button `label` and waits for the page the form leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_a_penyuluh_builds_a_wksbm_on_a_phone(phone):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    KpsFactory(
        name="Posyandu Melati",
        kind=KpsKind.objects.get(slug="posyandu"),
        wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO),
    )
    page = phone()
    log_in(page, "penyuluh")
    expect(page.get_by_role("heading", name="Wilayah saya")).to_be_visible()
    assert_fits_the_screen(page)

    page.get_by_role("link", name="+ Tambah WKSBM").click()
    page.select_option("#id_wilayah", SEMANU_CANDIREJO)
    page.fill("#id_name", "WKSBM Candirejo Guyub")
    page.fill("#id_formed_on", "2025-08-08")
    page.fill("#id_phone", "0812-3456-7890")
    assert_fits_the_screen(page)
    submit(page, "Simpan WKSBM")
    expect(page.get_by_role("heading", name="WKSBM Candirejo Guyub")).to_be_visible()
    expect(page.get_by_text("Kepengurusan belum lengkap")).to_be_visible()
    assert_fits_the_screen(page)

    for role, name in (("Ketua", "Sutrisno"), ("Sekretaris", "Wahyuni")):
        page.get_by_role("link", name="+ Tambah pengurus").click()
        page.select_option("#id_role", label=role)
        page.fill("#id_name", name)
        assert_fits_the_screen(page)
        submit(page, "Simpan pengurus")
        expect(page.get_by_text(f"{name} tercatat sebagai {role}.")).to_be_visible()

    page.get_by_role("link", name="+ KPS baru").click()
    page.fill("#id_name", "Karang Taruna Tunas Muda")
    page.select_option("#id_kind", label="Karang Taruna")
    assert_fits_the_screen(page)
    submit(page, "Simpan KPS")
    page.get_by_role("link", name="Tautkan KPS yang ada").click()
    page.select_option("#id_kps", label="Posyandu Melati — Posyandu (Kalurahan Candirejo)")
    assert_fits_the_screen(page)
    submit(page, "Tautkan sebagai anggota")
    expect(page.get_by_role("heading", name="KPS anggota (2)")).to_be_visible()

    page.get_by_role("link", name="Catat kegiatan").click()
    page.fill("#id_date", dates.today().isoformat())
    page.select_option("#id_kind", label="Penghimpunan dana")
    page.fill("#id_description", "Penghimpunan dana dari perantau untuk santunan sekolah.")
    page.select_option("#id_dana-0-source", label="Perantau")
    page.fill("#id_dana-0-amount", "Rp125.000")
    page.select_option("#id_bantuan-0-purpose", label="Pendidikan")
    page.fill("#id_bantuan-0-amount", "100.000")
    page.fill("#id_bantuan-0-beneficiaries", "4")
    assert_fits_the_screen(page)
    submit(page, "Simpan laporan")
    expect(page.get_by_text("Dana terhimpun — Perantau: Rp125.000")).to_be_visible()

    page.get_by_role("link", name="Wilayah saya").first.click()
    card = page.locator(".card", has_text="WKSBM Candirejo Guyub")
    expect(card.get_by_text("Pengurus lengkap")).to_be_visible()
    assert "2 KPS" in card.inner_text()
    assert f"Kegiatan terakhir: {dates.today().day} " in card.inner_text()
    assert not card.get_by_text("Mungkin vakum").count()
    assert_fits_the_screen(page)


def test_an_operator_of_another_kabupaten_gets_not_found(phone):
    wksbm = WksbmFactory(name="WKSBM Candirejo Guyub", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    petugas("operator_sleman", Role.KABUPATEN, SLEMAN)
    page = phone()
    log_in(page, "operator_sleman")

    for address in (f"/wksbm/{wksbm.pk}/", f"/wksbm/{wksbm.pk}/ubah/", f"/wksbm/{wksbm.pk}/laporan/baru/"):
        response = page.goto(address)
        assert response.status == 404
        expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
        assert "Candirejo Guyub" not in page.content()
    page.goto("/")
    assert "Candirejo Guyub" not in page.content()


def test_a_form_sent_twice_creates_one_record(phone):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    wksbm = WksbmFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    page = phone()
    log_in(page, "penyuluh")

    # A double tap on the button.
    page.goto(f"/wksbm/{wksbm.pk}/laporan/baru/")
    page.select_option("#id_kind", label="Rapat")
    page.get_by_role("button", name="Simpan laporan").dblclick()
    page.wait_for_url(re.compile(rf"/wksbm/{wksbm.pk}/#report-\d+$"))
    assert ActivityReport.objects.filter(wksbm=wksbm).count() == 1


def test_an_edit_made_meanwhile_is_not_overwritten(phone):
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    petugas("operator", Role.KABUPATEN, "34.03")
    wksbm = WksbmFactory(name="WKSBM Candirejo Guyub", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    mine, theirs = phone(), phone()
    log_in(mine, "penyuluh")
    log_in(theirs, "operator")
    mine.goto(f"/wksbm/{wksbm.pk}/ubah/")
    theirs.goto(f"/wksbm/{wksbm.pk}/ubah/")

    theirs.fill("#id_phone", "0274-391234")
    theirs.fill("#id_name", "WKSBM Candirejo Rukun")
    submit(theirs, "Simpan perubahan")
    mine.fill("#id_name", "WKSBM Candirejo Makmur")
    submit(mine, "Simpan perubahan")

    expect(mine.get_by_text("Data ini sudah diubah orang lain")).to_be_visible()
    rows = mine.locator("table.diff tbody tr")
    assert rows.all_inner_texts() == [
        "Nama WKSBM\tWKSBM Candirejo Makmur\tWKSBM Candirejo Rukun",
        "Telepon sekretariat\ttidak Anda ubah\t+62274391234",
    ]
    assert_fits_the_screen(mine)
    assert Wksbm.objects.get(pk=wksbm.pk).name == "WKSBM Candirejo Rukun"

    submit(mine, "Simpan nilai saya")
    wksbm.refresh_from_db()
    assert (wksbm.name, wksbm.phone) == ("WKSBM Candirejo Makmur", "+62274391234")
