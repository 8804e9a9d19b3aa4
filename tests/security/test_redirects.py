"""Open redirects: a `next=` pointing off the site is ignored at login (field and admin) and at logout; the user
lands on the site's own page instead."""

import pytest
from django.contrib.auth.models import User

from tests.security.conftest import PASSWORD

HOSTILE_NEXT = [
    "https://jahat.example/",
    "//jahat.example/",
    "///jahat.example/",
    "/\\jahat.example/",
    "\\\\jahat.example",
    "https:jahat.example",
    "http://testserver@jahat.example/",
    "javascript:alert(1)",
    " https://jahat.example/",
    "https://jahat.example%2F@testserver/",
]
LOGINS = ["/accounts/login/", "/admin/login/"]


@pytest.mark.parametrize("login", LOGINS)
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_off_the_site(client, diy, login, target):
    User.objects.create_superuser("admin", password=PASSWORD)

    response = client.post(f"{login}?next={target}", {"username": "admin", "password": PASSWORD, "next": target})

    # Both logins fall back to LOGIN_REDIRECT_URL, the home page.
    assert (response.status_code, response.url) == (302, "/")


@pytest.mark.parametrize("login", LOGINS)
def test_login_follows_a_next_on_the_site(client, diy, login):
    User.objects.create_superuser("admin", password=PASSWORD)

    response = client.post(login, {"username": "admin", "password": PASSWORD, "next": "/penyuluhan/"})

    assert (response.status_code, response.url) == (302, "/penyuluhan/")


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_logout_never_redirects_off_the_site(client, diy, target):
    client.force_login(User.objects.create_superuser("admin", password=PASSWORD))

    response = client.post("/accounts/logout/", {"next": target})

    assert (response.status_code, response.url) == (302, "/accounts/login/")
