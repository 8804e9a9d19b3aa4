"""The worklist costs two queries a kind (its count and its entries) and 'Wilayah saya' one count a kind, whatever
the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import dates
from registry.worklist import kinds_for
from tests.factories import PengurusFactory, WksbmFactory
from tests.registry.worklist.conftest import role

# The request's savepoint and its release (ATOMIC_REQUESTS), session, user, permissions (the user's, their
# groups'), the user's areas (scoping, read once), the header's count of unread notifications, then two queries a
# kind.
BASE_QUERIES = 8


def plant(count: int, prefix: str = "WKSBM Banyak") -> None:
    """`count` entries of each registry kind: undated WKSBM without a board or a report (dormant and incomplete),
    each with a treasurer whose term ends next week."""
    for number in range(count):
        unit = WksbmFactory(name=f"{prefix} {number}", formed_on=None)
        PengurusFactory(wksbm=unit, role=role("bendahara"), period_to=dates.today() + datetime.timedelta(days=7))


def queries(client, url) -> int:
    client.get(url)  # warms process-wide caches (content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("count", [1, 30])
def test_the_page_costs_two_queries_a_kind(client, diy, operator, count):
    plant(count)
    client.force_login(operator)
    client.get(reverse("attention"))

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("attention"))

    sections = response.context["sections"]
    assert all(section["count"] >= count for section in sections[:3])
    assert len(sections) == len(kinds_for(operator))
    # Two queries a kind (its count, its first entries), one for a kind without entries; whatever their number.
    assert len(captured) == BASE_QUERIES + sum(2 if section["count"] else 1 for section in sections)


@pytest.mark.parametrize("count", [1, 60])
def test_one_kind_costs_two_queries(client, diy, operator, count, django_assert_num_queries):
    plant(count)
    client.force_login(operator)
    client.get(reverse("attention"))

    with django_assert_num_queries(BASE_QUERIES + 2):
        response = client.get(reverse("attention"), {"jenis": "masa-bakti", "halaman": 2 if count > 50 else 1})

    assert response.context["entries"]


def test_wilayah_saya_costs_one_count_a_kind_whatever_the_rows(client, diy, operator):
    client.force_login(operator)
    plant(1)
    few = queries(client, reverse("home"))
    plant(40, "WKSBM Lain")

    assert queries(client, reverse("home")) == few
