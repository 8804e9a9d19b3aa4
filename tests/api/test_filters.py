"""The lists' filters (the admin's rules), cursor pages and their cost: a constant number of queries a page."""

import datetime

from django.urls import reverse

from registry.enums import Role
from registry.models import KpsKind, Wksbm
from tests.api.conftest import make_user, token_client
from tests.factories import PengurusFactory, WksbmFactory


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["results"])


def test_the_wksbm_filters_follow_the_admins_rules(world, api_as):
    client = api_as(Role.PROVINSI)
    url = reverse("api:wksbm-list")
    dormant = WksbmFactory(name="WKSBM Tidur", formed_on=datetime.date(2015, 1, 1))
    Wksbm.objects.filter(pk=dormant.pk).update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    kind = KpsKind.objects.get(slug="karang-taruna")

    assert names(client.get(url, {"wilayah": "34.04"})) == ["WKSBM Sleman"]
    assert names(client.get(url, {"mungkin_vakum": "true"})) == ["WKSBM Candirejo", "WKSBM Sleman", "WKSBM Tidur"]
    assert names(client.get(url, {"jenis_kps": kind.slug})) == ["WKSBM Candirejo", "WKSBM Sleman"]
    assert names(client.get(url, {"kepengurusan": "belum", "wilayah": "34.03"})) == ["WKSBM Candirejo", "WKSBM Tidur"]
    assert names(client.get(url, {"status": "vakum"})) == []
    assert names(client.get(url, {"diubah_sejak": "2021-01-01"})) == ["WKSBM Candirejo", "WKSBM Sleman"]
    assert client.get(url, {"diubah_sejak": "kemarin"}).status_code == 400


def test_cursor_pages_cover_every_record_once_in_constant_queries(world, django_assert_max_num_queries):
    for n in range(12):
        wksbm = WksbmFactory(name=f"WKSBM Halaman {n:02d}")
        PengurusFactory(wksbm=wksbm)
    client = token_client(make_user(Role.PROVINSI))
    seen, url = [], reverse("api:wksbm-list") + "?page_size=5"
    while url:
        # The token, its owner's other tokens (knox's expiry sweep), permissions and areas, the page, its board and
        # members: the same for every page and page size.
        with django_assert_max_num_queries(10):
            body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(Wksbm.objects.values_list("pk", flat=True))
    assert len(seen) == len(set(seen)) == 14
