"""The office's settings (kop surat, place of signing) in the admin, and its logo served to signed-in users only."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from registry.enums import Role
from registry.models import OfficeSettings
from registry.roles import works_in_admin
from registry.services.petugas import petugas_save
from tests.admin_forms import form_data

pytestmark = pytest.mark.usefixtures("diy")
PASSWORD = "Gunungkidul-2025!"
OFFICE = "/admin/registry/officesettings/"


def png_bytes(image_format: str = "PNG") -> bytes:
    """A small green square as an image file of `image_format`."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (11, 93, 59)).save(buffer, format=image_format)
    return buffer.getvalue()


OFFICE_VALUES = {
    "government": "Pemerintah Daerah Daerah Istimewa Yogyakarta",
    "instansi": "Dinas Sosial",
    "address": "Jalan Janti, Banguntapan, Bantul",
    "phone": "(0274) 514319",
    "email": "dinsos@jogjaprov.go.id",
    "website": "",
    "signing_place": "Yogyakarta",
}


def save_office(client, **changes):
    """Opens the settings' change page and sends it with `OFFICE_VALUES` and `changes`, as a browser does."""
    url = f"{OFFICE}1/change/"
    return client.post(url, {**form_data(client.get(url)), **OFFICE_VALUES, **changes})


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def admin_provinsi(client):
    user = petugas_save(by=None, username="prov", role=Role.PROVINSI, area_codes=["34"], password=PASSWORD)[0]
    client.force_login(user)
    return client


def test_the_settings_are_one_record_made_by_the_migration_and_empty_until_filled_in():
    office = OfficeSettings.current()

    assert (OfficeSettings.objects.count(), office.pk, office.filled_in) == (1, 1, False)


def test_an_admin_provinsi_fills_in_the_kop_surat_with_a_logo(admin_provinsi):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")

    response = save_office(admin_provinsi, logo=logo)

    office = OfficeSettings.current()
    assert response.status_code == 302
    assert (office.instansi, office.phone, office.signing_place) == ("Dinas Sosial", "+62274514319", "Yogyakarta")
    assert office.logo.name.startswith("kop-surat/logo")
    assert "(0274) 514319" in admin_provinsi.get(f"{OFFICE}1/change/").content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"bukan gambar", "gambar"),
        ("logo.png", png_bytes("GIF"), "Logo harus gambar PNG atau JPEG."),
    ],
    ids=["not-an-image", "a-gif-named-png"],
)
def test_a_logo_is_checked_by_its_content(admin_provinsi, name, content, message):
    response = save_office(admin_provinsi, logo=SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["logo"])
    assert not OfficeSettings.current().logo


def test_the_add_page_opens_the_one_record_which_only_a_superuser_deletes(admin_provinsi, client):
    added = admin_provinsi.post(f"{OFFICE}add/", {**form_data(admin_provinsi.get(f"{OFFICE}add/")), **OFFICE_VALUES})

    assert added.status_code == 302
    assert (OfficeSettings.objects.count(), OfficeSettings.current().instansi) == (1, "Dinas Sosial")
    assert admin_provinsi.get(f"{OFFICE}1/delete/").status_code == 403
    client.force_login(User.objects.create_superuser("root"))
    assert client.post(f"{OFFICE}1/delete/", {"post": "yes"}).status_code == 302
    assert OfficeSettings.current().filled_in is False
    made_again = client.post(f"{OFFICE}add/", {**form_data(client.get(f"{OFFICE}add/")), **OFFICE_VALUES})
    assert (made_again.status_code, OfficeSettings.objects.get().pk) == (302, 1)


@pytest.mark.parametrize("role", [Role.KABUPATEN, Role.PENYULUH, Role.PIMPINAN])
def test_other_roles_read_the_settings_but_do_not_change_them(client, role):
    user = petugas_save(by=None, username="lain", role=role, area_codes=["34.03"], password=PASSWORD)[0]
    client.force_login(user)

    statuses = (
        client.get(f"{OFFICE}1/change/").status_code,
        client.post(f"{OFFICE}1/change/", {**OFFICE_VALUES, "instansi": "Lain"}).status_code,
        client.get(f"{OFFICE}add/").status_code,
    )

    # The penyuluh does not use the admin at all; the others read the settings there.
    assert statuses == (200 if works_in_admin(role) else 403, 403, 403)
    assert OfficeSettings.current().instansi == ""


def test_the_logo_is_served_to_signed_in_users_only(client, admin_provinsi):
    assert admin_provinsi.get(reverse("office_logo")).status_code == 404  # none uploaded yet
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    save_office(admin_provinsi, logo=logo)

    shown = admin_provinsi.get(reverse("office_logo"))
    admin_provinsi.logout()
    anonymous = admin_provinsi.get(reverse("office_logo"))

    assert (shown.status_code, shown["Content-Type"], b"".join(shown.streaming_content)) == (
        200,
        "image/png",
        png_bytes(),
    )
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("login"))
