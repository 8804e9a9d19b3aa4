"""Confirming a WKSBM checked ("Data sudah diperiksa") from its page: offered only in an open period, to a penyuluh
or operator of its area; sending twice records once; the page names who checked last and when."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from registry.enums import WksbmStatus
from registry.models import PemutakhiranCheck, PetugasProfile
from registry.pemutakhiran import services
from registry.views.pemutakhiran import wksbm_pemutakhiran
from tests.registry.pemutakhiran.conftest import SLEMAN, open_period, unit

pytestmark = pytest.mark.usefixtures("diy")

BUTTON = "Data sudah diperiksa</button>"


def page(client, wksbm) -> str:
    return client.get(reverse("wksbm_detail", args=[wksbm.pk])).content.decode()


def test_a_penyuluh_confirms_a_wksbm_checked_in_the_open_period(client, penyuluh):
    PetugasProfile.objects.create(user=penyuluh, full_name="Sri Lestari")
    period = open_period()
    wksbm = unit()
    client.force_login(penyuluh)
    assert BUTTON in page(client, wksbm)

    response = client.post(reverse("wksbm_check", args=[wksbm.pk]), follow=True)

    check = PemutakhiranCheck.objects.get()
    assert (check.period, check.wksbm, check.checked_by) == (period, wksbm, penyuluh)
    shown = response.content.decode()
    assert "Data WKSBM ini ditandai sudah diperiksa pada Pemutakhiran uji." in shown
    assert "oleh Sri Lestari (Pemutakhiran uji)" in shown
    assert BUTTON not in shown
    assert check.history.get().history_user == penyuluh


def test_sending_twice_records_once(client, operator):
    open_period()
    wksbm = unit()
    client.force_login(operator)
    url = reverse("wksbm_check", args=[wksbm.pk])

    client.post(url)
    response = client.post(url, follow=True)

    assert PemutakhiranCheck.objects.count() == 1
    assert "tidak dicatat dua kali" in response.content.decode()


def test_outside_an_open_period_no_button_and_a_post_is_refused(client, penyuluh):
    open_period(starts=-40, ends=-10)
    wksbm = unit()
    client.force_login(penyuluh)
    assert BUTTON not in page(client, wksbm)

    response = client.post(reverse("wksbm_check", args=[wksbm.pk]), follow=True)

    assert PemutakhiranCheck.objects.count() == 0
    assert "Tidak ada periode pemutakhiran yang sedang dibuka untuk wilayah WKSBM ini." in response.content.decode()


def test_a_period_of_another_kabupaten_does_not_open_checks(client, penyuluh):
    open_period(SLEMAN)
    wksbm = unit()
    client.force_login(penyuluh)

    client.post(reverse("wksbm_check", args=[wksbm.pk]))

    assert PemutakhiranCheck.objects.count() == 0


def test_a_closed_period_takes_no_check(penyuluh):
    period = open_period()
    services.period_close(by=None, period=period)

    with pytest.raises(ValidationError) as refused:
        services.wksbm_check(by=penyuluh, wksbm=unit())

    assert refused.value.messages == [str(services.NO_OPEN_PERIOD)]


def test_a_dissolved_wksbm_is_not_checked(client, penyuluh):
    open_period()
    wksbm = unit(status=WksbmStatus.BUBAR)
    client.force_login(penyuluh)
    assert BUTTON not in page(client, wksbm)

    response = client.post(reverse("wksbm_check", args=[wksbm.pk]), follow=True)

    assert PemutakhiranCheck.objects.count() == 0
    assert "WKSBM yang sudah bubar tidak diperiksa dalam pemutakhiran." in response.content.decode()


def test_a_reader_is_refused_and_an_outsider_finds_nothing(client, pimpinan, outsider):
    open_period()
    wksbm = unit()
    url = reverse("wksbm_check", args=[wksbm.pk])

    client.force_login(pimpinan)
    refused = client.post(url).status_code
    assert BUTTON not in page(client, wksbm)
    client.force_login(outsider)
    hidden = client.post(url).status_code

    assert (refused, hidden, PemutakhiranCheck.objects.count()) == (403, 404, 0)


def test_the_confirmation_page_works_without_the_wksbm_page(client, penyuluh):
    open_period()
    wksbm = unit()
    client.force_login(penyuluh)

    shown = client.get(reverse("wksbm_check", args=[wksbm.pk])).content.decode()

    assert BUTTON in shown
    assert f'action="{reverse("wksbm_check", args=[wksbm.pk])}"' in shown


@pytest.mark.parametrize("past_periods", [0, 1, 5])
def test_the_section_of_the_wksbm_page_costs_three_queries(penyuluh, past_periods, django_assert_num_queries):
    wksbm = unit()
    for number in range(past_periods):
        past = open_period(starts=-100 * (number + 2), ends=-100 * (number + 2) + 30, name=f"Lama {number}")
        PemutakhiranCheck.objects.create(period=past, wksbm=wksbm, checked_by=penyuluh, checked_at=timezone.now())
    open_period()
    penyuluh.has_perm("registry.view_wksbm")  # the permissions, read once a request

    with django_assert_num_queries(3):
        section = wksbm_pemutakhiran(wksbm, penyuluh)

    assert (section["pemutakhiran_may_check"], section["pemutakhiran_latest"] is None) == (True, past_periods == 0)
