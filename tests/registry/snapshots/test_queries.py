"""Query counts of the snapshot pages: pinned, and the same with one snapshot as with many, and (for the comparison,
which reads the current rekap) with the hand-counted world as with many more rows."""

import pytest
from django.urls import reverse

from registry.reports.snapshots import freeze_rekap
from tests.registry.reports.test_queries import more_rows, query_count
from tests.registry.snapshots.conftest import GUNUNGKIDUL, SEMANU, client_of

# The savepoint pair of ATOMIC_REQUESTS, session, user, the user's areas, the permissions (base.html's menu), then
# the page's own reads: the snapshot (with its wilayah), or the list's count and page; the comparison adds the
# current rekap (registry/reports/rekap.py, its contributed sections included); the pages (not the download) count
# the header's unread notifications.
MAX_QUERIES = {"list": 10, "page": 9, "print": 9, "export": 8, "compare": 27, "freeze": 9}


def pages(snapshot) -> dict:
    return {
        "page": (reverse("rekap_snapshot", args=[snapshot.pk]), {}),
        "print": (reverse("rekap_snapshot_print", args=[snapshot.pk]), {}),
        "export": (reverse("rekap_snapshot_export", args=[snapshot.pk]), {"format": "csv"}),
        "compare": (reverse("rekap_snapshot_compare", args=[snapshot.pk]), {}),
        "list": (reverse("rekap_snapshots"), {}),
        "freeze": (reverse("rekap_snapshot_freeze"), {"wilayah": GUNUNGKIDUL}),
    }


def counts(client, snapshot) -> dict:
    return {name: query_count(client, url, params) for name, (url, params) in pages(snapshot).items()}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_download_costs_the_same_whatever_the_format(world, operator, fmt):
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap")
    url = reverse("rekap_snapshot_export", args=[snapshot.pk])

    assert query_count(client_of(operator), url, {"format": fmt}) <= MAX_QUERIES["export"]


def test_every_page_costs_a_fixed_number_of_queries(world, operator):
    client = client_of(operator)
    first = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap pertama")
    few = counts(client, first)

    more_rows()
    for number in range(12):
        freeze_rekap(by=operator, area_code=SEMANU if number % 2 else GUNUNGKIDUL, title=f"Rekap {number}")
    many = counts(client, first)

    assert few == many
    assert {name: count for name, count in many.items() if count > MAX_QUERIES[name]} == {}
