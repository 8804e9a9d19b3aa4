"""The wilayah admin: searchable, filterable, autocomplete, read-only but for superusers, constant queries."""

import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Wilayah
from tests.conftest import diy_source_rows, write_wilayah_csv

LIST = "/admin/registry/wilayah/"
AUTOCOMPLETE = "/admin/autocomplete/?app_label=registry&model_name=wilayah&field_name=parent&term={}"


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("super", password="x"))
    return client


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def load_only_gunungkidul(tmp_path):
    rows = [
        (code, name)
        for code, name in diy_source_rows().names.items()
        if code in ("34", "34.03") or code.startswith("34.03.")
    ]
    path = write_wilayah_csv(tmp_path / "gunungkidul.csv", rows)
    call_command("load_wilayah", "--csv", str(path), stdout=io.StringIO())


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        LIST + "?q=Candirejo",
        LIST + "?q=34.03",
        LIST + "?level__exact=4&provinsi=34",
        AUTOCOMPLETE.format("Candi"),
    ],
)
def test_admin_pages_run_the_same_queries_for_one_kabupaten_as_for_all_diy(superuser_client, tmp_path, url):
    load_only_gunungkidul(tmp_path)
    with_one_kabupaten = query_count(superuser_client, url)
    call_command("load_wilayah", "--provinsi", "34", stdout=io.StringIO())

    with_all_diy = query_count(superuser_client, url)

    assert Wilayah.objects.count() == 522
    assert with_all_diy == with_one_kabupaten


def test_search_by_code_prefix_and_by_name(superuser_client, diy):
    by_code = superuser_client.get(LIST, {"q": "34.03.08.2004"})
    by_name = superuser_client.get(LIST, {"q": "candirejo"})

    assert list(by_code.context["cl"].result_list) == [Wilayah.objects.get(code="34.03.08.2004")]
    assert sorted(w.code for w in by_name.context["cl"].result_list) == ["34.03.08.2004", "34.03.12.2006"]


def test_filter_by_level_and_provinsi(superuser_client, diy):
    response = superuser_client.get(LIST, {"level__exact": 2, "provinsi": "34"})

    assert [w.code for w in response.context["cl"].result_list] == [
        "34.01",
        "34.02",
        "34.03",
        "34.04",
        "34.71",
    ]


def test_autocomplete_finds_both_candirejo_with_their_codes(superuser_client, diy):
    response = superuser_client.get(AUTOCOMPLETE.format("Candirejo"))

    assert sorted(item["id"] for item in response.json()["results"]) == ["34.03.08.2004", "34.03.12.2006"]
    assert "Kalurahan Candirejo (34.03.08.2004)" in [item["text"] for item in response.json()["results"]]


def test_list_shows_diy_names(superuser_client, diy):
    response = superuser_client.get(LIST, {"q": "34.03.03"})

    assert "Kapanewon Playen" in response.content.decode()
    assert "Kalurahan Playen" in response.content.decode()


def test_staff_without_superuser_can_read_but_not_change(client, diy):
    staff = User.objects.create_user("staf", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_wilayah"))
    client.force_login(staff)

    listed = client.get(LIST)
    change = client.post(f"{LIST}34.03/change/", {"code": "34.03", "name": "Diubah", "level": 2, "kind": "kota"})
    deleted = client.post(f"{LIST}34.03/delete/", {"post": "yes"})

    assert (listed.status_code, change.status_code, deleted.status_code) == (200, 403, 403)
    assert Wilayah.objects.get(code="34.03").name == "Kabupaten Gunungkidul"
