"""The admin on an office laptop, in a real browser at 1366×768: every list an operator opens and the WKSBM record
fit the screen's width, with nothing to scroll sideways."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from registry import dates
from registry.enums import Role
from registry.models import PengurusRole, Wilayah
from registry.services.petugas import petugas_save
from tests.factories import ActivityReportFactory, KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.test_access_matrix import world  # noqa: F401 (the access matrix's records, one of each: a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

LAPTOP = {"width": 1366, "height": 768}
PASSWORD = "sandi-uji-kantor-2025"
SEMANU_CANDIREJO = "34.03.08.2004"
# Names as long as real ones get: the widest a column's text gets before it must wrap.
LONG_WKSBM = "WKSBM Ngudi Rahayu Sejahtera Bersama Kalurahan Candirejo Kapanewon Semanu"
LONG_KPS = "Kelompok Lanjut Usia Sehat Bahagia Padukuhan Ngasemrejo Kidul"


@pytest.fixture
def laptop(browser, live_server, settings):
    """A new browser context at 1366×768, at the live server (a fast hasher: logging in stays real)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = browser.new_context(viewport=LAPTOP, base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def long_records(world) -> None:  # noqa: F811 (the fixture's value)
    """The world's records with long names, a past board member and a few rows in every list."""
    wksbm = world["wksbm"]
    wksbm.name = LONG_WKSBM
    wksbm.address = "Balai Kalurahan Candirejo, Jalan Wonosari–Semanu km 7, Padukuhan Ngasemrejo"
    wksbm.save()
    ketua = PengurusRole.objects.get(slug="ketua")
    PengurusFactory(wksbm=wksbm, role=ketua, name="Raden Mas Suryo Hadiningrat Kusumo Wibowo", phone="+6281234567890")
    PengurusFactory(wksbm=wksbm, role=ketua, name="Mbah Karto Sudiro", period_to=dates.today().replace(year=2024))
    kps = KpsFactory(
        name=LONG_KPS, wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO), leader="Sri Lestari Wahyuningsih"
    )
    MembershipFactory(wksbm=wksbm, kps=kps)
    ActivityReportFactory(wksbm=wksbm, description="Santunan anak yatim dan lansia terlantar se-kalurahan " * 3)
    WksbmFactory(name=LONG_WKSBM.replace("Ngudi", "Guyub"), wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


def changelists(user: User) -> list[str]:
    """The admin list of every model the user may view."""
    urls = []
    for model in admin.site._registry:
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            urls.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    return sorted(urls)


def sideways(page) -> int:
    """How much wider than the window the page is, in pixels (0: nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_every_admin_list_and_the_wksbm_record_fit_an_office_laptop(laptop, world):  # noqa: F811
    long_records(world)
    operator = petugas_save(by=None, username="operator", role=Role.KABUPATEN, area_codes=["34.03"], password=PASSWORD)[
        0
    ]
    page = laptop
    page.goto("/accounts/login/")
    page.fill("#id_username", "operator")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    pages = [*changelists(operator), reverse("admin:registry_wksbm_change", args=[world["wksbm"].pk])]

    too_wide = {}
    for url in pages:
        page.goto(url)
        assert re.search(r"/admin/", page.url), url
        too_wide[url] = page.evaluate("document.documentElement.scrollWidth")

    assert len(pages) >= 10
    assert {url: width for url, width in too_wide.items() if width > LAPTOP["width"]} == {}
    assert page.get_by_role("heading", name="Pengurus aktif").is_visible()
    assert page.get_by_role("heading", name="Pengurus terdahulu").is_visible()
