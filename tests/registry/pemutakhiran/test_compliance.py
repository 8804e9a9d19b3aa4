"""The compliance table of a period: WKSBM expected (not bubar, existing at the start or formed during the period),
checked and the share, per kabupaten and kecamatan of the user's area, down to the list of WKSBM not yet checked;
its download; a fixed number of queries whatever the rows."""

import pytest
from django.urls import reverse

from registry.enums import WksbmStatus
from registry.pemutakhiran import services
from tests.registry.pemutakhiran.conftest import (
    GUNUNGKIDUL,
    SEMANU,
    SEMANU_CANDIREJO,
    SEMIN_CANDIREJO,
    SLEMAN,
    days,
    open_period,
    unit,
)

pytestmark = pytest.mark.usefixtures("diy")
SLEMAN_DESA = "34.04.01.2001"


def rows_of(response) -> dict[str, tuple[int, int, int | None]]:
    return {row.code: (row.expected, row.checked, row.share) for row in response.context["table"].rows}


def world(checker):
    """Semanu: two WKSBM, one checked; Semin: one, not checked; Sleman: one, checked; plus WKSBM not expected."""
    checked = unit(SEMANU_CANDIREJO, name="Sudah Diperiksa")
    unit(SEMANU_CANDIREJO, name="Belum Diperiksa")
    unit(SEMIN_CANDIREJO, name="Semin Belum")
    sleman = unit(SLEMAN_DESA, name="Sleman Sudah")
    unit(SEMANU_CANDIREJO, name="Sudah Bubar", status=WksbmStatus.BUBAR)
    for wksbm in (checked, sleman):
        services.wksbm_check(by=checker, wksbm=wksbm)


def test_the_province_breaks_down_by_kabupaten(client, admin_provinsi, operator):
    period = open_period()
    world(operator)
    client.force_login(admin_provinsi)

    response = client.get(reverse("pemutakhiran_compliance", args=[period.pk]))

    assert rows_of(response)[GUNUNGKIDUL] == (3, 1, 33)
    assert rows_of(response)[SLEMAN] == (1, 1, 100)
    total = response.context["table"].total
    assert (total.expected, total.checked, total.share) == (4, 2, 50)


def test_a_kabupaten_breaks_down_by_kecamatan_and_a_kecamatan_lists_the_missing(client, operator):
    period = open_period()
    world(operator)
    client.force_login(operator)

    kabupaten = client.get(reverse("pemutakhiran_compliance", args=[period.pk]))
    kecamatan = client.get(reverse("pemutakhiran_compliance", args=[period.pk]), {"wilayah": SEMANU})

    rows = rows_of(kabupaten)
    # Every kecamatan of the kabupaten is a row, those without WKSBM too.
    assert (rows[SEMANU], rows["34.03.12"], len(rows)) == ((2, 1, 50), (1, 0, 0), 18)
    assert [w.name for w in kecamatan.context["table"].missing] == ["Belum Diperiksa"]
    shown = kecamatan.content.decode()
    missing = kecamatan.context["table"].missing[0]
    assert reverse("wksbm_detail", args=[missing.pk]) in shown


def test_wksbm_formed_during_the_period_count_and_those_formed_after_do_not(client, admin_provinsi):
    period = open_period(starts=-30, ends=-5)
    unit(name="Lama", formed_on=days(-400))
    unit(name="Dibentuk selama periode", formed_on=days(-10))
    unit(name="Dibentuk sesudahnya", formed_on=days(-1))
    unit(name="Tanpa tanggal", formed_on=None)
    client.force_login(admin_provinsi)

    response = client.get(reverse("pemutakhiran_compliance", args=[period.pk]), {"wilayah": SEMANU})

    assert sorted(w.name for w in response.context["table"].missing) == [
        "Dibentuk selama periode",
        "Lama",
        "Tanpa tanggal",
    ]


def test_a_penyuluh_sees_their_own_area_only(client, penyuluh, operator):
    period = open_period()
    world(operator)
    client.force_login(penyuluh)

    response = client.get(reverse("pemutakhiran_compliance", args=[period.pk]))
    elsewhere = client.get(reverse("pemutakhiran_compliance", args=[period.pk]), {"wilayah": GUNUNGKIDUL})

    assert [w.name for w in response.context["table"].missing] == ["Belum Diperiksa"]
    assert "Semin Belum" not in response.content.decode()
    assert elsewhere.status_code == 404


def test_a_period_of_another_kabupaten_is_not_found(client, operator):
    period = open_period(SLEMAN)
    client.force_login(operator)

    assert client.get(reverse("pemutakhiran_compliance", args=[period.pk])).status_code == 404
    assert client.get(reverse("pemutakhiran_export", args=[period.pk])).status_code == 404
    assert period.name not in client.get(reverse("pemutakhiran_list")).content.decode()


def test_a_wilayah_outside_the_period_is_not_found(client, admin_provinsi):
    period = open_period(GUNUNGKIDUL)
    client.force_login(admin_provinsi)

    response = client.get(reverse("pemutakhiran_compliance", args=[period.pk]), {"wilayah": SLEMAN})

    assert response.status_code == 404


def test_the_download_has_the_figures_and_the_missing_wksbm(client, operator):
    period = open_period()
    world(operator)
    client.force_login(operator)

    response = client.get(reverse("pemutakhiran_export", args=[period.pk]), {"format": "csv"})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Belum Diperiksa" in text and "Semin Belum" in text
    assert "Sleman Sudah" not in text and "Sudah Diperiksa" not in text
    lines = text.splitlines()
    # Expected, checked, not checked, share; then verified (checked, nothing waiting) and its share.
    assert "34.03.08;Kapanewon Semanu;2;1;1;50;1;50" in lines
    assert ";Jumlah;3;1;2;33;1;33" in lines
    assert "34.03.08.2004;Kabupaten Gunungkidul;Semanu;Candirejo;Belum Diperiksa;Aktif" in lines
    xlsx = client.get(reverse("pemutakhiran_export", args=[period.pk]), {"format": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("count", [1, 25])
@pytest.mark.parametrize("code", [None, SEMANU])
def test_the_table_costs_a_fixed_number_of_queries(client, operator, count, code, django_assert_num_queries):
    period = open_period()
    for number in range(count):
        wksbm = unit(SEMANU_CANDIREJO if number % 2 else SEMIN_CANDIREJO, name=f"WKSBM {number}")
        if number % 3:
            services.wksbm_check(by=operator, wksbm=wksbm)
    client.force_login(operator)
    query = {"wilayah": code} if code else {}
    client.get(reverse("pemutakhiran_compliance", args=[period.pk]), query)

    # The request's savepoint and its release, session, user, permissions (2), areas, the period, the wilayah and
    # its children, the counts, and at a kecamatan the list of WKSBM not yet checked; the header's count of unread
    # notifications.
    with django_assert_num_queries(QUERIES + (1 if code else 0) + 1):
        client.get(reverse("pemutakhiran_compliance", args=[period.pk]), query)


QUERIES = 10


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_of_periods_costs_the_same_whatever_their_number(client, operator, count, django_assert_num_queries):
    for number in range(count):
        open_period(GUNUNGKIDUL, starts=-100 * number, ends=-100 * number + 50, name=f"Periode {number}")
    client.force_login(operator)
    client.get(reverse("pemutakhiran_list"))

    # The request's savepoint and its release, session, user, permissions (2), areas, the periods, and the header's
    # count of unread notifications.
    with django_assert_num_queries(9):
        response = client.get(reverse("pemutakhiran_list"))

    assert len(response.context["periods"]) == count


@pytest.mark.parametrize("count", [1, 25])
def test_the_download_costs_the_same_whatever_the_rows(client, operator, count, django_assert_num_queries):
    period = open_period()
    for number in range(count):
        unit(SEMIN_CANDIREJO, name=f"WKSBM {number}")
    client.force_login(operator)
    url = reverse("pemutakhiran_export", args=[period.pk])
    b"".join(client.get(url, {"format": "csv"}).streaming_content)

    # The table's queries, then the streamed list of WKSBM not yet checked.
    with django_assert_num_queries(QUERIES + 1):
        text = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode("utf-8-sig")

    assert text.count("Semin;Candirejo;WKSBM ") == count
