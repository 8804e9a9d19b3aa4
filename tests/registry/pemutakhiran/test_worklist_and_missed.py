"""The WKSBM still to be checked in an open period are in the checkers' worklist ("Perlu tindakan"); a WKSBM not
checked in the last cycle of its area that is over is marked on its page and found by the admin's list filter."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.enums import WksbmStatus
from registry.models import PemutakhiranCheck, Wksbm
from registry.pemutakhiran import services
from registry.pemutakhiran.querysets import missed_last_cycle
from registry.pemutakhiran.worklist import NOT_CHECKED, not_checked_rows
from tests.registry.pemutakhiran.conftest import SEMIN_CANDIREJO, SLEMAN, days, open_period, unit

pytestmark = pytest.mark.usefixtures("diy")
MARK = "Belum diperiksa pada pemutakhiran terakhir"


def checked_then(period, wksbm, user):
    """A check of `wksbm` made on the first day of the past `period` (the service checks today's period only)."""
    moment = timezone.make_aware(datetime.datetime.combine(period.starts_on, datetime.time(10)))
    return PemutakhiranCheck.objects.create(period=period, wksbm=wksbm, checked_by=user, checked_at=moment)


def test_the_missing_wksbm_are_in_the_worklist_until_checked(client, penyuluh):
    open_period()
    waiting = unit(name="Menunggu")
    done = unit(name="Selesai")
    unit(name="Bubar", status=WksbmStatus.BUBAR)
    unit(SEMIN_CANDIREJO, name="Di luar wilayah")
    services.wksbm_check(by=penyuluh, wksbm=done)
    client.force_login(penyuluh)

    response = client.get(reverse("attention"), {"jenis": NOT_CHECKED.key})

    assert [row.name for row in not_checked_rows(penyuluh)] == ["Menunggu"]
    shown = response.content.decode()
    assert "Menunggu" in shown and "Selesai" not in shown
    assert reverse("wksbm_check", args=[waiting.pk]) in shown


def test_without_an_open_period_the_worklist_has_none(penyuluh):
    open_period(starts=-40, ends=-15)
    open_period(SLEMAN)
    unit()

    assert list(not_checked_rows(penyuluh)) == []


def test_the_kind_is_shown_to_checkers_only(penyuluh, operator, pimpinan, admin_provinsi):
    assert [NOT_CHECKED.applies(user) for user in (penyuluh, operator, pimpinan, admin_provinsi)] == [
        True,
        True,
        False,
        False,
    ]


def test_a_wksbm_missed_by_the_last_cycle_is_marked_on_its_page(client, penyuluh):
    earlier = open_period(starts=-300, ends=-250, name="Pemutakhiran lama")
    last = open_period(starts=-100, ends=-50, name="Pemutakhiran terakhir")
    missed = unit(name="Terlewat")
    checked = unit(name="Diperiksa")
    unit(name="Baru", formed_on=days(-20))
    # Checked in an earlier cycle does not count for the last one.
    for period, wksbm in ((earlier, missed), (last, checked)):
        checked_then(period, wksbm, penyuluh)
    client.force_login(penyuluh)

    pages = {w.name: client.get(reverse("wksbm_detail", args=[w.pk])).content.decode() for w in Wksbm.objects.all()}

    assert [name for name, page in sorted(pages.items()) if MARK in page] == ["Terlewat"]
    assert sorted(missed_last_cycle(Wksbm.objects.all(), days(0)).values_list("name", flat=True)) == ["Terlewat"]


def test_an_open_period_is_not_the_last_cycle_until_it_is_over(admin_provinsi):
    period = open_period()
    unit()

    before = missed_last_cycle(Wksbm.objects.all(), days(0)).count()
    services.period_close(by=admin_provinsi, period=period)
    after = missed_last_cycle(Wksbm.objects.all(), days(0)).count()

    assert (before, after) == (0, 1)


def test_the_admin_list_filters_the_wksbm_missed_by_the_last_cycle(client, admin_provinsi):
    last = open_period(starts=-100, ends=-50)
    unit(name="Terlewat")
    checked = unit(name="Diperiksa")
    checked_then(last, checked, admin_provinsi)
    client.force_login(admin_provinsi)

    response = client.get(reverse("admin:registry_wksbm_changelist"), {"pemutakhiran": "terlewat"})

    assert [w.name for w in response.context["cl"].result_list] == ["Terlewat"]
    assert MARK in response.content.decode()
