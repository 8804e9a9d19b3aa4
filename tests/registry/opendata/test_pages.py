"""The public open data pages and files: reachable without a login from the first page, naming no person and no
phone number anywhere, the directory's contacts only with consent and only when switched on, cacheable (ETag,
Last-Modified, 304, no cookie) and served in a query or two."""

import json

import pytest
from django.urls import reverse

from registry.models import OpenDataRelease
from registry.opendata.release import publish_open_data
from registry.validators import display_phone
from tests.crawling import crawl, text_of
from tests.registry.opendata.conftest import NIKS, PERSON_NAMES, PHONES, SECRETARIAT_PHONE, set_level
from tests.test_plain_indonesian_crawl import findings


@pytest.fixture
def pages(published, client):
    """Every public page and file, crawled from /data-terbuka/ by an anonymous visitor."""
    return crawl(client, [reverse("open_data")], max_pages=1000)


def test_every_public_page_opens_without_a_login(pages):
    kinds = {url.rsplit("/", 1)[-1] or url.split("/")[-2] for url in pages}
    assert {url: r.status_code for url, r in pages.items() if r.status_code != 200} == {}
    assert {"wksbm.csv", "wksbm.json", "metadata.json", "direktori"} <= kinds
    # down to each kecamatan (the desa rows are on their kecamatan's page)
    assert "/data-terbuka/34.03.08/" in pages
    assert len([url for url in pages if url.count(".") == 2 and url.endswith("/")]) == 78


def test_no_person_nik_or_private_phone_appears_anywhere(pages):
    texts = {url: text_of(response) for url, response in pages.items()}
    private = PERSON_NAMES + NIKS + PHONES + [display_phone(phone) for phone in PHONES]
    assert {url: [word for word in private if word in text] for url, text in texts.items()} == {
        url: [] for url in texts
    }


def test_the_pages_speak_indonesian(pages):
    assert findings(pages) == {}


def test_the_directory_shows_a_contact_only_with_consent(published, client):
    text = client.get(reverse("open_data_directory", args=["34"])).content.decode()

    assert ("WKSBM Candirejo Makmur" in text, "Balai Kalurahan Candirejo" in text) == (True, True)
    assert display_phone(SECRETARIAT_PHONE) in text
    assert ("WKSBM Balecatur" in text, "Jl. Wates km 9" in text) == (True, False)
    # Only active WKSBM: the dissolved and the dormant are not listed.
    assert ("WKSBM Candirejo Lama" in text, "WKSBM Ngeposari" in text) == (False, False)


def test_the_directory_escapes_what_it_shows(published, client):
    from registry.services.wksbm import wksbm_update

    wksbm_update(by=None, wksbm=published["candirejo"], address="<script>alert(1)</script>")
    publish_open_data()
    text = client.get(reverse("open_data_directory", args=["34"])).content.decode()

    assert ("<script>alert" in text, "&lt;script&gt;alert(1)&lt;/script&gt;" in text) == (False, True)


def test_the_directory_is_there_only_when_switched_on(world, client):
    set_level(4, directory=False)
    publish_open_data()

    assert client.get(reverse("open_data_directory", args=["34"])).status_code == 404
    assert "direktori" not in client.get(reverse("open_data_wilayah", args=["34"])).content.decode()


def test_the_metadata_describes_every_column(published, client):
    metadata = client.get(reverse("open_data_province_metadata", args=["34"])).json()
    header = client.get(reverse("open_data_province_csv", args=["34"])).content.decode().splitlines()[0].split(",")

    assert [column["nama"] for column in metadata["kolom"]] == header
    assert all(column["definisi"] and column["satuan"] for column in metadata["kolom"])
    assert (metadata["lisensi"]["nama"], metadata["cakupan"]["tingkat_terendah"]) == ("CC BY 4.0", "desa_kelurahan")
    assert metadata["produsen_data"] == "Dinas Sosial Provinsi Daerah Istimewa Yogyakarta"
    release = OpenDataRelease.objects.get(code="34")
    assert metadata["tanggal_pembaruan"] == release.published_at.date().isoformat()


@pytest.mark.parametrize("name", ["open_data", "open_data_csv", "open_data_json", "open_data_metadata"])
def test_a_response_is_public_cacheable_and_revalidates_to_304(published, client, django_user_model, name):
    url = reverse(name)
    response = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])

    assert (response.status_code, again.status_code, since.status_code) == (200, 304, 304)
    assert response["Cache-Control"] == again["Cache-Control"] == "public, max-age=300"
    assert (response.cookies, "Cookie" in response.get("Vary", "")) == ({}, False)
    # Signed in, the same public page: the site's private no-store rule leaves it alone.
    client.force_login(django_user_model.objects.create_user("petugas"))
    assert client.get(url)["Cache-Control"] == "public, max-age=300"


def test_a_change_of_data_changes_the_etag(published, client):
    from registry.services.wksbm import wksbm_update

    etag = client.get(reverse("open_data_csv"))["ETag"]
    wksbm_update(by=None, wksbm=published["ngeposari"], status="aktif")
    publish_open_data(only_if_changed=True)

    assert client.get(reverse("open_data_csv"), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_json_holds_the_csvs_rows(published, client):
    data = client.get(reverse("open_data_province_json", args=["34"])).json()
    lines = client.get(reverse("open_data_province_csv", args=["34"])).content.decode().splitlines()

    assert (len(data["data"]), data["kolom"]) == (len(lines) - 1, lines[0].split(","))
    assert json.loads(client.get(reverse("open_data_json")).content)["data"][0]["kode_wilayah"] == "34"


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/data-terbuka/", 1),
        ("/data-terbuka/34/", 1),
        ("/data-terbuka/34.03.08/", 1),
        ("/data-terbuka/34/wksbm.csv", 2),
        ("/data-terbuka/34/wksbm.json", 2),
        ("/data-terbuka/34/metadata.json", 2),
        ("/data-terbuka/34/direktori/", 1),
    ],
)
def test_each_response_costs_a_query_or_two(published, client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_unknown_or_unpublished_wilayah_answer_404(published, client):
    for url in (
        "/data-terbuka/35/",
        "/data-terbuka/35/wksbm.csv",
        "/data-terbuka/35/direktori/",
        "/data-terbuka/34.03.08.2004/",
    ):
        assert client.get(url).status_code == 404, url
