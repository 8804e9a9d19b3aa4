"""'Wilayah saya': the user's WKSBM with status, board, members, last activity and a dormancy warning."""

import datetime

import factory
import pytest
from django.contrib.auth.models import User
from django.db import connection

from registry import dates
from registry.enums import Role, WksbmStatus
from registry.models import PengurusRole, Wilayah, Wksbm
from registry.worklist import kinds_for
from tests.factories import ActivityReportFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.registry.field.conftest import SEMANU, SEMANU_CANDIREJO

pytestmark = pytest.mark.usefixtures("diy")

SEMANU_DESA = ["34.03.08.2001", "34.03.08.2002", "34.03.08.2003", "34.03.08.2004", "34.03.08.2005"]


def full_wksbm(code, name, *, last_report=None):
    """A WKSBM with a complete board, two member KPS and, if given, a report on `last_report`."""
    unit = WksbmFactory(name=name, wilayah=Wilayah.objects.get(code=code))
    for slug in ("ketua", "sekretaris"):
        PengurusFactory(wksbm=unit, role=PengurusRole.objects.get(slug=slug))
    MembershipFactory.create_batch(2, wksbm=unit, kps__wilayah=unit.wilayah)
    if last_report:
        ActivityReportFactory(wksbm=unit, date=last_report)
    return unit


def test_anonymous_visitors_log_in_first(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_each_wksbm_shows_status_board_members_and_last_activity(as_penyuluh, leak):
    recent = dates.today() - datetime.timedelta(days=10)
    full_wksbm(SEMANU_CANDIREJO, "WKSBM Candirejo Guyub", last_report=recent)
    WksbmFactory(name="WKSBM Ngeposari Baru", wilayah=Wilayah.objects.get(code="34.03.08.2002"))

    response = as_penyuluh.get("/")

    rows = {w.name: (w.status, w.board_complete, w.kps_count, w.last_activity_on) for w in response.context["page"]}
    assert rows == {
        "WKSBM Candirejo Guyub": (WksbmStatus.AKTIF, True, 2, recent),
        "WKSBM Ngeposari Baru": (WksbmStatus.AKTIF, False, 0, None),
    }
    body = response.content.decode()
    assert "Pengurus lengkap" in body
    assert "Kepengurusan belum lengkap" in body
    assert f"Kegiatan terakhir: {recent.day} " in body
    assert "Kalurahan Candirejo" in body
    assert "Candirejo Semin" not in body


def test_a_wksbm_without_a_report_for_a_year_is_flagged_as_possibly_dormant(as_penyuluh):
    today = dates.today()
    full_wksbm(SEMANU_CANDIREJO, "WKSBM Lama", last_report=today - datetime.timedelta(days=400))
    full_wksbm("34.03.08.2002", "WKSBM Giat", last_report=today - datetime.timedelta(days=30))
    WksbmFactory(name="WKSBM Bubar", wilayah=Wilayah.objects.get(code="34.03.08.2003"), status=WksbmStatus.BUBAR)

    response = as_penyuluh.get("/")

    flags = {w.name: w.possibly_dormant for w in response.context["page"]}
    assert flags == {"WKSBM Lama": True, "WKSBM Giat": False, "WKSBM Bubar": False}
    assert response.content.decode().count("Mungkin vakum: tidak ada laporan") == 1
    assert set(Wksbm.objects.possibly_dormant().values_list("name", flat=True)) == {"WKSBM Lama"}


def test_the_search_finds_a_wksbm_by_its_name_or_its_desa(as_penyuluh):
    WksbmFactory(name="WKSBM Guyub Rukun", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    WksbmFactory(name="WKSBM Sejahtera", wilayah=Wilayah.objects.get(code="34.03.08.2002"))

    by_name = as_penyuluh.get("/", {"q": "rukun"})
    by_desa = as_penyuluh.get("/", {"q": "candirejo"})
    nothing = as_penyuluh.get("/", {"q": "tidak ada"})

    assert [w.name for w in by_name.context["page"]] == ["WKSBM Guyub Rukun"]
    assert [w.name for w in by_desa.context["page"]] == ["WKSBM Guyub Rukun"]
    assert list(nothing.context["page"]) == []
    assert "Tidak ada WKSBM yang cocok" in nothing.content.decode()


def test_the_filters_show_what_needs_attention(as_penyuluh):
    full_wksbm(SEMANU_CANDIREJO, "WKSBM Lengkap", last_report=dates.today())
    WksbmFactory(name="WKSBM Belum Lengkap", wilayah=Wilayah.objects.get(code="34.03.08.2002"), formed_on=dates.today())

    incomplete = as_penyuluh.get("/", {"tampil": "belum-lengkap"})
    dormant = as_penyuluh.get("/", {"tampil": "vakum"})
    unknown = as_penyuluh.get("/", {"tampil": "apa-saja"})

    assert [w.name for w in incomplete.context["page"]] == ["WKSBM Belum Lengkap"]
    assert list(dormant.context["page"]) == []
    assert unknown.context["page"].paginator.count == 2


def test_desa_without_a_wksbm_are_listed_with_a_link_to_form_one(as_penyuluh):
    WksbmFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))

    response = as_penyuluh.get("/")

    assert [desa.code for desa in response.context["without"]] == [c for c in SEMANU_DESA if c != SEMANU_CANDIREJO]
    assert f'href="/wksbm/baru/?wilayah={SEMANU_DESA[0]}"' in response.content.decode()


def test_the_list_is_paged_fifty_at_a_time(client, make_user):
    client.force_login(make_user("operator_gk", Role.KABUPATEN, "34.03"))
    desa = Wilayah.objects.filter(code__startswith="34.03.", level=4).order_by("code")[:60]
    WksbmFactory.create_batch(60, wilayah=factory.Iterator(desa))

    first = client.get("/")
    second = client.get("/", {"halaman": 2})

    assert (len(first.context["page"]), len(second.context["page"])) == (50, 10)
    assert 'href="?halaman=2"' in first.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_the_page_costs_the_same_queries_for_one_or_many_wksbm(as_penyuluh, django_assert_num_queries, count):
    codes = (SEMANU_DESA * 10)[:count]
    for number, code in enumerate(codes):
        full_wksbm(code, f"WKSBM {number}", last_report=dates.today())

    # The request's savepoint and its release (ATOMIC_REQUESTS), session, user, areas (scoping), count, page,
    # desa without WKSBM, area names, permissions (the user's, their groups'), and one count per kind of the
    # worklist ("Perlu tindakan (N)").
    with django_assert_num_queries(12 + worklist_kinds_of_penyuluh()):
        response = as_penyuluh.get("/", {"q": ""})

    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 30])
def test_a_search_costs_the_same_queries_for_one_or_many_wksbm(as_penyuluh, django_assert_num_queries, count):
    for number in range(count):
        full_wksbm(SEMANU_DESA[number % 5], f"WKSBM Cari {number}")

    # As above, less the desa without WKSBM (not listed with a search), and the matching WKSBM read first (on
    # PostgreSQL between the two statements of registry.db.trigram.index_scans_only).
    search = 3 if connection.vendor == "postgresql" else 1
    with django_assert_num_queries(11 + worklist_kinds_of_penyuluh() + search):
        response = as_penyuluh.get("/", {"q": "cari"})

    assert len(response.context["page"]) == count
    assert SEMANU in {area.wilayah_id for area in response.context["areas"]}


def worklist_kinds_of_penyuluh() -> int:
    """The number of kinds of the worklist shown to the penyuluh (each counted on the page)."""
    return len(kinds_for(User.objects.get(username="penyuluh_semanu")))
