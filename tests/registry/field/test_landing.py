"""Each role lands where its work is; the penyuluh works on the field pages only; the operator's 'Perlu perhatian'
lists what needs following up in their area, and nothing outside it."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registry.enums import Role
from registry.roles import may_use_admin
from registry.services.petugas import petugas_save

pytestmark = pytest.mark.usefixtures("diy")

PASSWORD = "Gunungkidul-2025!"
AREAS = {Role.PROVINSI: "34", Role.KABUPATEN: "34.03", Role.PENYULUH: "34.03.08", Role.PIMPINAN: "34"}


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Logins through the form, without PBKDF2's deliberate half second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def logged_in(role: Role) -> Client:
    petugas_save(by=None, username=f"petugas_{role.value}", role=role, area_codes=[AREAS[role]], password=PASSWORD)
    client = Client()
    response = client.post("/accounts/login/", {"username": f"petugas_{role.value}", "password": PASSWORD})
    client.landed = response.url
    return client


@pytest.mark.parametrize(
    ("role", "page"),
    [
        (Role.PENYULUH, "/"),
        (Role.KABUPATEN, "/perlu-tindakan/"),
        (Role.PROVINSI, "/perlu-tindakan/"),
        (Role.PIMPINAN, "/rekap/"),
    ],
)
def test_each_role_lands_where_its_work_is(role, page):
    assert logged_in(role).landed == page


def test_a_next_address_still_wins_over_the_landing_page(client):
    petugas_save(by=None, username="operator", role=Role.KABUPATEN, area_codes=["34.03"], password=PASSWORD)

    response = client.post("/accounts/login/?next=/penyuluhan/", {"username": "operator", "password": PASSWORD})

    assert response.url == "/penyuluhan/"


def test_a_superuser_lands_on_wilayah_saya(client):
    User.objects.create_superuser("admin", password=PASSWORD)

    assert client.post("/accounts/login/", {"username": "admin", "password": PASSWORD}).url == "/"


def test_the_penyuluh_has_no_admin_link_and_no_admin_access():
    """Refused (403) as any page their role may not use."""
    client = logged_in(Role.PENYULUH)
    user = User.objects.get(username="petugas_penyuluh")

    page = client.get("/").content.decode()
    admin = client.get("/admin/")

    assert 'href="/admin/"' not in page
    assert (user.is_staff, may_use_admin(user)) == (False, False)
    assert admin.status_code == 403


def test_a_penyuluh_made_staff_by_hand_is_still_refused_by_the_admin():
    client = logged_in(Role.PENYULUH)
    User.objects.filter(username="petugas_penyuluh").update(is_staff=True)

    assert client.get("/admin/registry/wksbm/").status_code == 403


@pytest.mark.parametrize("role", [Role.KABUPATEN, Role.PROVINSI, Role.PIMPINAN])
def test_the_office_roles_keep_both_the_field_pages_and_the_admin(role):
    client = logged_in(role)

    page = client.get("/").content.decode()

    assert 'href="/admin/"' in page
    assert client.get("/admin/").status_code == 200


def test_the_navigation_opens_the_penyuluhan_events():
    page = logged_in(Role.PENYULUH).get("/").content.decode()

    assert '<a href="/penyuluhan/kegiatan/">Penyuluhan</a>' in page


def test_the_former_address_of_the_worklist_still_opens_it(client):
    petugas_save(by=None, username="operator", role=Role.KABUPATEN, area_codes=["34.03"], password=PASSWORD)
    client.force_login(User.objects.get(username="operator"))

    response = client.get("/perlu-perhatian/?jenis=mungkin-vakum")

    assert (response.status_code, response.url) == (301, "/perlu-tindakan/?jenis=mungkin-vakum")
