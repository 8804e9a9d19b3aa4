"""Error pages (400, 403, 404, 500, and the CSRF refusal) speak Indonesian and show no internals."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, override_settings
from django.urls import include, path

SECRET = "internal detail that must not leak"


def broken_view(request):
    raise RuntimeError(SECRET)


def suspicious_view(request):
    raise SuspiciousOperation(SECRET)


def refused_view(request):
    raise PermissionDenied(SECRET)


# The project's URLs too: the error pages link to them.
urlpatterns = [
    path("rusak/", broken_view),
    path("curiga/", suspicious_view),
    path("ditolak/", refused_view),
    path("", include("wksbm.urls")),
]


def leaks(body: str) -> tuple[bool, bool]:
    return (SECRET in body, "Traceback" in body)


@pytest.mark.django_db
def test_a_missing_page_answers_404_in_indonesian(client):
    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_answers_500_without_a_stack_trace():
    response = Client(raise_request_exception=False).get("/rusak/")

    body = response.content.decode()
    assert response.status_code == 500
    assert ("Terjadi gangguan" in body, *leaks(body)) == (True, False, False)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_bad_request_answers_400_without_its_reason():
    response = Client().get("/curiga/")

    body = response.content.decode()
    assert response.status_code == 400
    assert ("Permintaan tidak dapat diproses" in body, *leaks(body)) == (True, False, False)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_answers_403_without_its_reason():
    response = Client().get("/ditolak/")

    body = response.content.decode()
    assert response.status_code == 403
    assert ("Akses ditolak" in body, *leaks(body)) == (True, False, False)


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_answers_403_in_indonesian():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})

    body = response.content.decode()
    assert response.status_code == 403
    assert ("Formulir tidak dapat dikirim" in body, "CSRF" in body) == (True, False)
