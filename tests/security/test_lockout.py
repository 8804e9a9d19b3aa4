"""Login lockout (django-axes): after LOGIN_FAILURE_LIMIT failures for one username from one address, that
username is refused from that address, even with the right password, on the field login and the admin login."""

import pytest
from django.conf import settings
from django.test import Client

from tests.security.conftest import PASSWORD

LOGINS = {"field": "/accounts/login/", "admin": "/admin/login/"}


def attempt(client, url: str, username: str, password: str, address: str = "10.0.0.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, url: str, username: str, address: str = "10.0.0.7") -> list[int]:
    return [
        attempt(client, url, username, "salah-sandi", address).status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]


@pytest.mark.parametrize("login", LOGINS)
def test_repeated_failures_lock_the_username_even_with_the_right_password(client, petugas, login):
    petugas("sutrisno")
    url = LOGINS[login]

    statuses = fail_until_locked(client, url, "sutrisno")
    locked = attempt(client, url, "sutrisno", PASSWORD)

    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Akun dikunci sementara" in locked.content.decode()
    assert "15 menit" in locked.content.decode()


def test_the_lockout_is_shared_by_the_field_and_admin_logins(client, petugas):
    petugas("sutrisno")
    fail_until_locked(client, LOGINS["field"], "sutrisno")

    assert attempt(client, LOGINS["admin"], "sutrisno", PASSWORD).status_code == 429


def test_one_failure_short_of_the_limit_still_lets_the_right_password_in(client, petugas):
    user = petugas("sutrisno")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, LOGINS["field"], "sutrisno", "salah-sandi")

    response = attempt(client, LOGINS["field"], "sutrisno", PASSWORD)

    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(user.pk))


def test_a_colleague_behind_the_same_office_address_still_logs_in(client, petugas):
    petugas("sutrisno")
    colleague = petugas("wahyuni")
    fail_until_locked(client, LOGINS["field"], "sutrisno")

    response = attempt(Client(), LOGINS["field"], "wahyuni", PASSWORD)

    assert (response.status_code, response.wsgi_request.user.pk) == (302, colleague.pk)


def test_the_same_username_from_another_address_is_not_locked(client, petugas):
    user = petugas("sutrisno")
    fail_until_locked(client, LOGINS["field"], "sutrisno", address="10.0.0.7")

    response = attempt(Client(), LOGINS["field"], "sutrisno", PASSWORD, address="10.0.0.99")

    assert (response.status_code, response.wsgi_request.user.pk) == (302, user.pk)


def test_a_success_clears_the_failures_before_it(client, petugas):
    petugas("sutrisno")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, LOGINS["field"], "sutrisno", "salah-sandi")
    attempt(client, LOGINS["field"], "sutrisno", PASSWORD)
    client.post("/accounts/logout/")

    statuses = [attempt(client, LOGINS["field"], "sutrisno", "salah-sandi").status_code for _ in range(2)]

    assert statuses == [200, 200]


def test_behind_the_proxy_the_lockout_counts_the_clients_address_not_the_proxys(client, petugas, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    user = petugas("sutrisno")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGINS["field"],
            {"username": "sutrisno", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="10.0.0.7",
        )

    elsewhere = Client().post(
        LOGINS["field"],
        {"username": "sutrisno", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="10.0.0.99",
    )

    assert (elsewhere.status_code, elsewhere.wsgi_request.user.pk) == (302, user.pk)
