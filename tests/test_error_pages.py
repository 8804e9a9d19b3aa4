"""Error pages speak Indonesian and show no internals."""

import pytest
from django.test import Client, override_settings
from django.urls import path


def broken_view(request):
    raise RuntimeError("internal detail that must not leak")


urlpatterns = [path("rusak/", broken_view)]


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
    assert ("Terjadi gangguan" in body, "internal detail" in body, "Traceback" in body) == (True, False, False)
