"""Sessions: a new session key at every login (no fixation), sessions that end with the browser, cookies scripts
cannot read, and a password change that ends every other session of that user."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.security.conftest import PASSWORD

NEW_PASSWORD = "Semanu-Candirejo-2026"
LOGINS = {"field": "/accounts/login/", "admin": "/admin/login/"}


@pytest.mark.parametrize("login", LOGINS)
def test_logging_in_gives_a_new_session_key(client, petugas, login):
    user = petugas("sutrisno")
    user.is_staff = True
    user.save()
    client.get(LOGINS[login])
    session = client.session
    session["planted"] = "yes"  # a session the attacker knows, as if fixed in the victim's browser
    session.save()
    planted = session.session_key
    client.cookies["sessionid"] = planted

    client.post(LOGINS[login], {"username": "sutrisno", "password": PASSWORD})

    assert client.session.session_key != planted
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Client(HTTP_COOKIE=f"sessionid={planted}").get("/").status_code == 302  # the old key logs nobody in


def test_the_session_cookie_ends_with_the_browser_and_is_http_only(client, petugas):
    petugas("sutrisno")

    response = client.post("/accounts/login/", {"username": "sutrisno", "password": PASSWORD})

    cookie = response.cookies["sessionid"]
    assert (cookie["expires"], cookie["max-age"], cookie["httponly"], cookie["samesite"]) == ("", "", True, "Lax")


def test_the_csrf_cookie_is_http_only(client, db):
    response = client.get("/accounts/login/")

    assert response.cookies["csrftoken"]["httponly"] is True


def test_a_password_change_ends_the_users_other_sessions_and_keeps_this_one(petugas):
    petugas("sutrisno")
    office, phone = Client(), Client()
    for browser in (office, phone):
        browser.post("/accounts/login/", {"username": "sutrisno", "password": PASSWORD})

    changed = office.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert (changed.status_code, changed.url) == (302, "/accounts/password_change/done/")
    assert office.get("/").status_code == 200
    assert (phone.get("/").status_code, phone.get("/").url) == (302, "/accounts/login/?next=/")


def test_a_password_set_by_an_admin_ends_every_session_of_that_user(petugas):
    user = petugas("sutrisno")
    field = Client()
    field.post("/accounts/login/", {"username": "sutrisno", "password": PASSWORD})
    admin = User.objects.create_superuser("admin", password=PASSWORD)
    by_admin = Client()
    by_admin.force_login(admin)

    response = by_admin.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert field.get("/").status_code == 302


@pytest.mark.parametrize("weak", ["12345678901", "password123", "sutrisno2025", "Pendek-1"])
def test_weak_passwords_are_refused_with_an_indonesian_reason(client, petugas, weak):
    petugas("sutrisno")
    client.post("/accounts/login/", {"username": "sutrisno", "password": PASSWORD})

    response = client.post(
        "/accounts/password_change/", {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}
    )

    errors = response.context["form"].errors["new_password2"]
    assert response.status_code == 200
    assert any("Kata sandi" in error or "kata sandi" in error for error in errors), errors
