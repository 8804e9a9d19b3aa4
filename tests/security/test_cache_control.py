"""Pages and downloads that carry personal data are sent with `Cache-Control: private, no-store`: every response
to a signed-in user, found by crawling from a WKSBM as each role that changes records and as the pimpinan.
The anonymous login page keeps what Django's login view sets."""

import pytest
from django.urls import reverse

from registry.enums import Role
from tests.security.test_personal_data_crawl import crawl, log_in, personal_world, start_pages  # noqa: F401

NO_STORE = "private, no-store"


@pytest.mark.parametrize("role", [Role.KABUPATEN, Role.PIMPINAN], ids=["operator", "pimpinan"])
def test_every_page_and_download_to_a_signed_in_user_is_private_and_not_stored(client, personal_world, role):  # noqa: F811
    log_in(client, role)

    pages = crawl(client, start_pages(personal_world))
    headers = {url: response.get("Cache-Control") for url, response in pages.items()}
    downloads = [url for url, r in pages.items() if r.get("Content-Disposition", "").startswith("attachment")]

    assert (len(pages) >= 20, len(downloads) >= 4) == (True, True)
    assert {url: header for url, header in headers.items() if header != NO_STORE} == {}


@pytest.mark.django_db
def test_a_refusal_to_a_signed_in_user_is_not_stored_either(client, petugas):
    client.force_login(petugas("pimpinan", Role.PIMPINAN, "34.03"))

    refused = client.get(reverse("wksbm_create"))
    not_found = client.get("/admin/registry/wksbm/1/change/")

    assert [(r.status_code, r.get("Cache-Control")) for r in (refused, not_found)] == [(403, NO_STORE), (404, NO_STORE)]


@pytest.mark.django_db
def test_the_anonymous_login_page_keeps_what_djangos_login_view_sets(client):
    login = client.get(reverse("login"))

    assert login["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
