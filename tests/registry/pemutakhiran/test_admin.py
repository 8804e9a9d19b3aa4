"""The admin provinsi opens, changes and closes periods in the admin, through the services, with history; the rules'
messages show on the form and nothing is saved; an operator reads the periods and cannot change them."""

import pytest
from django.urls import reverse

from registry.models import PemutakhiranPeriod
from tests.registry.pemutakhiran.conftest import DIY, GUNUNGKIDUL, days, open_period

pytestmark = pytest.mark.usefixtures("diy")
ADD = reverse("admin:registry_pemutakhiranperiod_add")
LIST = reverse("admin:registry_pemutakhiranperiod_changelist")


def form(name="Pemutakhiran 2027", wilayah=DIY, starts=0, ends=60) -> dict:
    return {
        "name": name,
        "wilayah": wilayah,
        "starts_on": days(starts).strftime("%d/%m/%Y"),
        "ends_on": days(ends).strftime("%d/%m/%Y"),
    }


def test_the_admin_provinsi_opens_a_period_with_history(client, admin_provinsi):
    client.force_login(admin_provinsi)

    response = client.post(ADD, form())

    assert response.status_code == 302, response.context["adminform"].form.errors
    period = PemutakhiranPeriod.objects.get()
    assert (period.name, period.wilayah_id, period.starts_on, period.ends_on) == (
        "Pemutakhiran 2027",
        DIY,
        days(0),
        days(60),
    )
    assert period.history.get().history_user == admin_provinsi


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (form(starts=100, ends=100), "Tanggal selesai periode harus sesudah tanggal mulai."),
        (form(wilayah=GUNUNGKIDUL, starts=30, ends=90), "tumpang tindih dengan Pemutakhiran lama"),
    ],
)
def test_a_broken_rule_shows_its_message_and_saves_nothing(client, admin_provinsi, sent, message):
    open_period(DIY, starts=-10, ends=40, name="Pemutakhiran lama")
    client.force_login(admin_provinsi)

    response = client.post(ADD, sent)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert PemutakhiranPeriod.objects.count() == 1


def test_the_close_action_closes_the_period(client, admin_provinsi):
    period = open_period()
    client.force_login(admin_provinsi)

    client.post(LIST, {"action": "close_periods", "_selected_action": [period.pk]})

    period.refresh_from_db()
    assert (period.closed_by, period.is_open_on(days(0))) == (admin_provinsi, False)


def test_an_operator_reads_but_does_not_open_or_change(client, operator):
    operator.is_staff = True
    operator.save(update_fields=["is_staff"])
    period = open_period()
    client.force_login(operator)

    listed = client.get(LIST)
    refused = client.post(ADD, form(starts=100, ends=160))
    changed = client.post(reverse("admin:registry_pemutakhiranperiod_change", args=[period.pk]), form(name="Lain"))

    assert (listed.status_code, refused.status_code, changed.status_code) == (200, 403, 403)
    assert list(PemutakhiranPeriod.objects.values_list("name", flat=True)) == ["Pemutakhiran uji"]


@pytest.mark.parametrize("count", [1, 20])
def test_the_list_costs_the_same_whatever_the_rows(client, admin_provinsi, count, django_assert_num_queries):
    for number in range(count):
        open_period(DIY, starts=number * 100, ends=number * 100 + 50, name=f"Periode {number}")
    client.force_login(admin_provinsi)
    client.get(LIST)

    with django_assert_num_queries(LIST_QUERIES):
        client.get(LIST)


LIST_QUERIES = 11
