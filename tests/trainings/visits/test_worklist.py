"""The visits' worklist kinds: within the user's area, in the order shown, and a page of entries in one query
whatever their number (`rows`), described without a query (`describe`)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry import dates, extensions
from registry.enums import Role, WksbmStatus
from registry.models import Wilayah
from registry.scoping import area_codes
from tests.factories import WksbmFactory
from tests.registry.field.conftest import SEMANU_CANDIREJO, SEMIN_CANDIREJO
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory

pytestmark = pytest.mark.usefixtures("diy")


def ago(days: int) -> datetime.date:
    return dates.today() - datetime.timedelta(days=days)


@pytest.fixture
def kinds():
    return extensions.worklist_kinds["belum-dikunjungi"], extensions.worklist_kinds["tindak-lanjut-lewat"]


def test_not_visited_lists_the_never_visited_first_then_the_longest_unvisited(make_user, kinds):
    not_visited, _ = kinds
    semanu = Wilayah.objects.get(code=SEMANU_CANDIREJO)
    never = WksbmFactory(name="Belum Pernah", wilayah=semanu)
    long_ago = WksbmFactory(name="Lama", wilayah=semanu)
    KunjunganFactory(wksbm=long_ago, date=ago(400))
    a_while = WksbmFactory(name="Agak Lama", wilayah=semanu)
    KunjunganFactory(wksbm=a_while, date=ago(200))
    recent = WksbmFactory(name="Baru Dikunjungi", wilayah=semanu)
    KunjunganFactory(wksbm=recent, date=ago(30))
    WksbmFactory(name="Bubar", wilayah=semanu, status=WksbmStatus.BUBAR)
    WksbmFactory(name="Di Semin", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    user = make_user("penyuluh_semanu", Role.PENYULUH, "34.03.08")

    rows = list(not_visited.rows(user))

    assert [w.name for w in rows] == ["Belum Pernah", "Lama", "Agak Lama"]
    entries = [not_visited.describe(row, user) for row in rows]
    assert entries[0].detail == "Belum pernah dikunjungi"
    assert entries[1].detail == f"Kunjungan terakhir {ago(400):%d/%m/%Y}"
    assert entries[0].action_label == "Catat kunjungan"
    assert entries[0].action_url == f"/penyuluhan/kunjungan/wksbm/{never.pk}/baru/"


def test_overdue_follow_ups_are_listed_longest_overdue_first_within_the_area(make_user, kinds, wksbm, leak):
    _, overdue = kinds
    visit = KunjunganFactory(wksbm=wksbm, date=ago(300))
    oldest = TindakLanjutFactory(visit=visit, what="Paling lama", due_on=ago(250))
    newer = TindakLanjutFactory(visit=visit, what="Baru lewat", due_on=ago(2))
    TindakLanjutFactory(visit=visit, what="Belum jatuh tempo", due_on=dates.today())
    TindakLanjutFactory(visit=visit, what="Selesai", due_on=ago(250), status="selesai", closed_on=ago(100))
    TindakLanjutFactory(visit=KunjunganFactory(wksbm=leak, date=ago(300)), what="Di Semin", due_on=ago(250))
    operator = make_user("operator_semanu", Role.KABUPATEN, "34.03.08")
    pimpinan = make_user("pimpinan_semanu", Role.PIMPINAN, "34.03.08")

    rows = list(overdue.rows(operator))

    assert rows == [oldest, newer]
    entry = overdue.describe(oldest, operator)
    assert entry.wksbm == wksbm
    assert entry.detail == f"Tindak lanjut 'Paling lama' lewat jatuh tempo sejak {ago(250):%d/%m/%Y}"
    assert entry.action_url == f"/penyuluhan/tindak-lanjut/{oldest.pk}/tutup/"
    assert overdue.describe(oldest, pimpinan).action_url == f"/wksbm/{wksbm.pk}/"  # read-only: the WKSBM's page


@pytest.mark.parametrize("count", [1, 9])
def test_a_page_of_entries_costs_one_query_whatever_their_number(make_user, kinds, count):
    semanu = Wilayah.objects.get(code=SEMANU_CANDIREJO)
    for number in range(count):
        unit = WksbmFactory(name=f"WKSBM {number}", wilayah=semanu)
        TindakLanjutFactory(visit=KunjunganFactory(wksbm=unit, date=ago(400)), due_on=ago(300))
    user = make_user("operator_semanu", Role.KABUPATEN, "34.03.08")
    # What every page reads once per request: the user's permissions and areas.
    user.has_perm("trainings.change_tindaklanjut")
    area_codes(user)

    for kind in kinds:
        with CaptureQueriesContext(connection) as captured:
            entries = [kind.describe(row, user) for row in kind.rows(user)[:50]]
        assert len(entries) == count
        assert len(captured) == 1, (kind.key, [q["sql"] for q in captured])
