"""The password change pages use the field layout (the site's navigation, Indonesian, phone-sized), not the
admin's."""

import pytest

from registry.enums import Role
from registry.services.petugas import petugas_save

pytestmark = pytest.mark.usefixtures("diy")

PASSWORD = "Gunungkidul-2025!"
NEW_PASSWORD = "Semanu-Candirejo-2026!"


@pytest.fixture
def as_penyuluh(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = petugas_save(by=None, username="sri", role=Role.PENYULUH, area_codes=["34.03.08"], password=PASSWORD)[0]
    client.force_login(user)
    return client


def test_the_password_change_page_uses_the_field_layout(as_penyuluh):
    response = as_penyuluh.get("/accounts/password_change/")

    page = response.content.decode()
    assert [t.name for t in response.templates[:2]] == ["registration/password_change_form.html", "base.html"]
    assert '<a class="brand" href="/">Registri WKSBM</a>' in page
    assert "Ganti kata sandi" in page
    assert "Django" not in page
    assert 'id="id_old_password"' in page


def test_a_wrong_old_password_is_reported_next_to_its_field(as_penyuluh):
    response = as_penyuluh.post(
        "/accounts/password_change/",
        {"old_password": "salah", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert 'id="id_old_password_error"' in response.content.decode()


def test_the_done_page_uses_the_field_layout(as_penyuluh):
    response = as_penyuluh.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    page = response.content.decode()
    assert response.templates[0].name == "registration/password_change_done.html"
    assert "Kata sandi Anda sudah diganti." in page
    assert '<a class="brand" href="/">Registri WKSBM</a>' in page
