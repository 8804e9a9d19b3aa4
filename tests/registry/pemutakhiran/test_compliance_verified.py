"""The compliance table's "terverifikasi" column: a WKSBM checked in the period counts as verified when nothing of
it waits for an operator or was returned (no open verification item under it); at a kecamatan the checked WKSBM
that still wait are listed. One grouped query whatever the number of WKSBM and items."""

import pytest
from django.urls import reverse

from registry.enums import WksbmStatus
from registry.models import VerificationItem
from registry.pemutakhiran import services
from registry.services import wksbm as wksbm_services
from registry.verification import services as verification
from tests.registry.pemutakhiran.conftest import GUNUNGKIDUL, SEMANU, SEMANU_CANDIREJO, open_period, unit

pytestmark = pytest.mark.usefixtures("diy")


def world(penyuluh, operator):
    """In Semanu: four WKSBM checked (one clean, one with a change waiting, one with a change returned, one whose
    change was confirmed) and one not checked."""
    clean = unit(name="A Bersih")
    waiting = unit(name="B Menunggu")
    returned = unit(name="C Dikembalikan")
    confirmed = unit(name="D Dikonfirmasi")
    unit(name="E Belum Diperiksa")
    for wksbm in (clean, waiting, returned, confirmed):
        services.wksbm_check(by=operator, wksbm=wksbm)
    for wksbm in (waiting, returned, confirmed):
        wksbm_services.wksbm_update(by=penyuluh, wksbm=wksbm, status=WksbmStatus.VAKUM)
    verification.send_back(
        by=operator, items=list(VerificationItem.objects.filter(wksbm=returned)), reason="Tanggal SK belum diisi."
    )
    verification.confirm(by=operator, items=list(VerificationItem.objects.filter(wksbm=confirmed)))


def test_verified_counts_checked_wksbm_without_open_items(client, penyuluh, operator):
    period = open_period()
    world(penyuluh, operator)
    client.force_login(operator)

    kabupaten = client.get(reverse("pemutakhiran_compliance", args=[period.pk]))
    kecamatan = client.get(reverse("pemutakhiran_compliance", args=[period.pk]), {"wilayah": SEMANU})

    row = next(row for row in kabupaten.context["table"].rows if row.code == SEMANU)
    assert (row.expected, row.checked, row.verified, row.share, row.verified_share) == (5, 4, 2, 80, 40)
    total = kabupaten.context["table"].total
    assert (total.checked, total.verified) == (4, 2)
    table = kecamatan.context["table"]
    # The kecamatan's own summary sums its desa.
    assert (table.total.expected, table.total.checked, table.total.verified) == (5, 4, 2)
    assert [w.name for w in table.missing] == ["E Belum Diperiksa"]
    assert [w.name for w in table.waiting] == ["B Menunggu", "C Dikembalikan"]
    assert "Sudah diperiksa, menunggu verifikasi (2)" in kecamatan.content.decode()


def test_the_download_has_the_verified_column(client, penyuluh, operator):
    period = open_period(GUNUNGKIDUL)
    world(penyuluh, operator)
    client.force_login(operator)

    response = client.get(reverse("pemutakhiran_export", args=[period.pk]), {"format": "csv"})

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert (
        "Kode wilayah;Wilayah;WKSBM diharapkan;Sudah diperiksa;Belum diperiksa;Persen;Terverifikasi;"
        "Persen terverifikasi" in lines
    )
    assert f"{SEMANU};Kapanewon Semanu;5;4;1;80;2;40" in lines


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("code", [None, SEMANU])
def test_open_items_add_no_query(client, penyuluh, operator, count, code, django_assert_num_queries):
    from tests.registry.pemutakhiran.test_compliance import QUERIES

    period = open_period()
    for number in range(count):
        wksbm = unit(SEMANU_CANDIREJO, name=f"WKSBM {number}")
        services.wksbm_check(by=operator, wksbm=wksbm)
        if number % 2 == 0:
            wksbm_services.wksbm_update(by=penyuluh, wksbm=wksbm, status=WksbmStatus.VAKUM)
    client.force_login(operator)
    query = {"wilayah": code} if code else {}
    client.get(reverse("pemutakhiran_compliance", args=[period.pk]), query)

    # As without open items (test_compliance.py), the header's count of unread notifications included.
    with django_assert_num_queries(QUERIES + (1 if code else 0) + 1):
        response = client.get(reverse("pemutakhiran_compliance", args=[period.pk]), query)

    assert response.context["table"].total.verified == count // 2
