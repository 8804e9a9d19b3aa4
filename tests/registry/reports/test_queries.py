"""Query counts of the rekap pages and downloads: pinned, and the same with the hand-counted world and with many
more rows (WKSBM with boards and reports, KPS, events and programs in every kecamatan)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import ActivityKind, FundSource, Wilayah
from registry.services.wksbm import report_create
from tests.factories import KpsFactory, PengurusFactory, WksbmFactory
from tests.registry.reports.conftest import GUNUNGKIDUL, SEMANU, ref
from tests.trainings.factories import PenyuluhanFactory, PesertaCountFactory, PesertaFactory, ProgramFactory

# The most each page may run: the savepoint pair of ATOMIC_REQUESTS, session, user, the user's areas, the
# permissions (base.html's menu asks `perms`), the header's count of unread notifications, then the page's own
# reads (see registry/reports/rekap.py).
# The network section (registry.network) reads five more on the rekap and two more on the profil; the profil's
# latest photos one more (registry.attachments.photos.wksbm_photos).
MAX_QUERIES = {"rekap": 26, "print": 29, "dormant": 11, "export": 25, "list": 12, "profile": 23 + 1}


def query_count(client, url, params) -> int:
    client.get(url, params)  # warms process-wide caches (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def more_rows():
    """Two WKSBM with boards, reports and KPS in the first desa of each Gunungkidul kecamatan, an event with
    participants in each, and two more programs."""
    kecamatan = Wilayah.objects.filter(code__startswith="34.03.", level=3)
    ketua = ref_role("ketua")
    for number, place in enumerate(kecamatan):
        desa = Wilayah.objects.filter(code__startswith=f"{place.code}.").order_by("code").first()
        program = ProgramFactory(name=f"Program {number}") if number % 9 == 0 else None
        for index in range(2):
            wksbm = WksbmFactory(name=f"WKSBM Tambahan {number}-{index}", wilayah=desa)
            PengurusFactory(wksbm=wksbm, role=ketua)
            KpsFactory(name=f"KPS Tambahan {number}-{index}", wilayah=desa)
            report_create(
                by=None,
                wksbm=wksbm,
                date=datetime.date(2024, 3, 1 + index),
                kind=ref(ActivityKind, "penghimpunan-dana"),
                collected=[(ref(FundSource, "swadaya"), 1_000_000)],
            )
        event = PenyuluhanFactory(wilayah=desa, program=program, starts_on=datetime.date(2023, 5, 5))
        PesertaFactory(event=event)
        PesertaCountFactory(event=event)


def ref_role(slug):
    from registry.models import PengurusRole

    return PengurusRole.objects.get(slug=slug)


PAGES = [
    ("rekap", "rekap", {"wilayah": GUNUNGKIDUL}),
    ("rekap", "rekap", {"wilayah": SEMANU}),
    ("print", "rekap_print", {"wilayah": GUNUNGKIDUL}),
    ("dormant", "rekap_dormant", {"wilayah": GUNUNGKIDUL}),
    ("export", "rekap_export", {"wilayah": GUNUNGKIDUL, "format": "xlsx"}),
    ("list", "rekap_list_export", {"daftar": "wksbm", "format": "csv"}),
    ("list", "rekap_list_export", {"daftar": "kps", "format": "xlsx"}),
    ("list", "rekap_list_export", {"daftar": "mungkin-vakum", "format": "csv"}),
    ("list", "rekap_list_export", {"daftar": "desa-tanpa-wksbm-aktif", "format": "csv"}),
    ("list", "rekap_list_export", {"daftar": "kegiatan", "format": "csv"}),
    ("list", "rekap_list_export", {"daftar": "program", "format": "csv"}),
]


@pytest.mark.parametrize(("limit", "name", "params"), PAGES, ids=[f"{n}-{'-'.join(p.values())}" for _, n, p in PAGES])
def test_each_page_costs_the_same_few_queries_for_few_and_for_many_rows(as_operator, world, limit, name, params):
    url = reverse(name)
    few = query_count(as_operator, url, params)

    more_rows()
    many = query_count(as_operator, url, params)

    assert many == few
    assert few <= MAX_QUERIES[limit]


def test_the_profil_costs_the_same_whatever_its_rows(as_operator, world):
    url = reverse("wksbm_profile", args=[world["candirejo"].pk])
    few = query_count(as_operator, url, {})

    for number in range(5):
        PengurusFactory(wksbm=world["candirejo"], name=f"Seksi {number}")
        PenyuluhanFactory(wilayah=world["candirejo"].wilayah)
    many = query_count(as_operator, url, {})

    assert many == few <= MAX_QUERIES["profile"]


def test_the_provincial_rekap_stays_within_26_queries(client, world, make_user, django_assert_max_num_queries):
    from registry.enums import Role

    client.force_login(make_user("admin-diy", Role.PROVINSI, "34"))
    client.get(reverse("rekap"), {"wilayah": "34"})

    with django_assert_max_num_queries(26):
        assert client.get(reverse("rekap"), {"wilayah": "34"}).status_code == 200
