"""Every registry rule tried through the admin's forms: a clear Indonesian message, and nothing half-saved.

(The same rules through the service layer are in test_registry_rules.py.)
"""

import datetime

import pytest
from django.contrib.auth.models import User

from registry.models import (
    ActivityReport,
    AidDistribution,
    AidPurpose,
    FundCollection,
    FundSource,
    Kps,
    KpsKind,
    KpsMembership,
    Pengurus,
    PengurusRole,
    Wksbm,
)
from tests.admin_forms import form_data
from tests.factories import ActivityReportFactory, KpsFactory, MembershipFactory, WksbmFactory, desa

pytestmark = pytest.mark.usefixtures("diy")
WKSBM = "/admin/registry/wksbm/"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("dinsos"))
    return client


def submit(client, url, **changes):
    """GETs an admin form and POSTs it back with `changes`; returns the response."""
    data = form_data(client.get(url))
    data.update({key: str(value) for key, value in changes.items()})
    return client.post(url, data)


def refused_with(response, message: str) -> bool:
    return response.status_code == 200 and message in response.content.decode()


def counts():
    models = (Wksbm, Pengurus, Kps, KpsMembership, ActivityReport, FundCollection, AidDistribution)
    return tuple(model.objects.count() for model in models)


NEW_WKSBM = {"name": "WKSBM Ngudi Rahayu", "wilayah": "34.03.08.2004", "status": "aktif"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "  wksbm ngudirahayu "}, "Sudah ada WKSBM dengan nama ini di wilayah yang sama."),
        ({"wilayah": "34.03"}, "WKSBM berada di desa/kelurahan atau kecamatan, bukan di kabupaten/kota."),
        (
            {"formed_on": "01/02/2020", "status_changed_on": "01/01/2020"},
            "Tanggal perubahan status tidak boleh sebelum tanggal pembentukan.",
        ),
        ({"formed_on": "01/02/2020", "sk_date": "01/01/2020"}, "Tanggal SK tidak boleh sebelum tanggal pembentukan."),
        ({"formed_on": "01/01/2999"}, "Tanggal tidak boleh di masa depan."),
        ({"phone": "12345"}, "Nomor telepon 12345 tidak sah"),
    ],
    ids=["name per wilayah", "level", "status date", "sk date", "future", "phone"],
)
def test_wksbm_rules_in_the_admin(admin_client, fields, message):
    WksbmFactory(name="WKSBM Ngudi Rahayu", wilayah=desa("34.03.08.2004"))
    before = counts()

    response = submit(admin_client, f"{WKSBM}add/", **{**NEW_WKSBM, "name": "WKSBM Lain", **fields})

    assert refused_with(response, message)
    assert counts() == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"nik": "1234"}, "NIK harus 16 angka yang sah"),
        ({"period_from": "01/01/2024", "period_to": "01/01/2023"}, "Akhir masa bakti tidak boleh sebelum awalnya."),
        ({"phone": "999"}, "Nomor telepon 999 tidak sah"),
    ],
    ids=["nik", "period", "phone"],
)
def test_pengurus_rules_in_the_wksbm_page_save_nothing(admin_client, row, message):
    wksbm = WksbmFactory()
    url = f"{WKSBM}{wksbm.pk}/change/"
    data = form_data(admin_client.get(url))
    data.update({"name": "Nama Baru", "pengurus-TOTAL_FORMS": "1", "pengurus-0-name": "Sri"})
    data["pengurus-0-role"] = str(PengurusRole.objects.get(slug="ketua").pk)
    data.update({f"pengurus-0-{key}": value for key, value in row.items()})

    response = admin_client.post(url, data)

    assert refused_with(response, message)
    assert (Pengurus.objects.count(), Wksbm.objects.get().name) == (0, wksbm.name)


def test_kps_name_is_unique_per_wilayah_in_the_admin(admin_client):
    KpsFactory(name="PKK Candirejo", wilayah=desa("34.03.08.2004"))

    response = submit(
        admin_client,
        "/admin/registry/kps/add/",
        name="pkk  candirejo",
        kind=KpsKind.objects.get(slug="pkk").pk,
        wilayah="34.03.08.2004",
    )

    assert refused_with(response, "Sudah ada KPS dengan nama ini di wilayah yang sama.")
    assert Kps.objects.count() == 1


def membership_row(client, kps, **row):
    url = f"/admin/registry/kps/{kps.pk}/change/"
    data = form_data(client.get(url))
    index = int(data["memberships-TOTAL_FORMS"])
    data["memberships-TOTAL_FORMS"] = str(index + 1)
    data.update({f"memberships-{index}-{key}": str(value) for key, value in row.items()})
    return client.post(url, data)


def test_a_second_current_membership_is_refused_in_the_admin(admin_client):
    membership = MembershipFactory()
    other = WksbmFactory()

    response = membership_row(admin_client, membership.kps, wksbm=other.pk)

    assert refused_with(response, "KPS ini masih tercatat sebagai anggota sebuah WKSBM")
    assert KpsMembership.objects.count() == 1


def test_a_membership_outside_the_wksbm_area_is_refused_in_the_admin(admin_client):
    kps = KpsFactory(wilayah=desa("34.03.12.2006"))
    wksbm = WksbmFactory(wilayah=desa("34.03.08.2004"))

    response = membership_row(admin_client, kps, wksbm=wksbm.pk)

    assert refused_with(response, f"KPS ini berada di luar wilayah WKSBM {wksbm.name}.")
    assert KpsMembership.objects.count() == 0


def test_membership_dates_in_order_in_the_admin(admin_client):
    kps = KpsFactory()

    response = membership_row(admin_client, kps, wksbm=WksbmFactory().pk, joined_on="01/02/2024", left_on="01/01/2024")

    assert refused_with(response, "Tanggal keluar tidak boleh sebelum tanggal bergabung.")
    assert KpsMembership.objects.count() == 0


@pytest.mark.parametrize(
    ("prefix", "row", "message"),
    [
        ("collections", {"source": "csr", "amount": "-1"}, "Jumlah dana tidak boleh negatif."),
        (
            "distributions",
            {"purpose": "lansia", "amount": "-5", "beneficiaries": "2"},
            "Jumlah bantuan tidak boleh negatif.",
        ),
        (
            "distributions",
            {"purpose": "lansia", "amount": "5", "beneficiaries": "-2"},
            "Jumlah penerima tidak boleh negatif.",
        ),
    ],
    ids=["collected", "distributed", "beneficiaries"],
)
def test_report_amount_rules_in_the_admin(admin_client, prefix, row, message):
    report = ActivityReportFactory(description="Semula")
    url = f"/admin/registry/activityreport/{report.pk}/change/"
    data = form_data(admin_client.get(url))
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    if "source" in row:
        row = {**row, "source": FundSource.objects.get(slug=row["source"]).pk}
    else:
        row = {**row, "purpose": AidPurpose.objects.get(slug=row["purpose"]).pk}
    data.update({f"{prefix}-0-{key}": str(value) for key, value in row.items()})
    data["description"] = "Diubah"

    response = admin_client.post(url, data)

    assert refused_with(response, message)
    assert (FundCollection.objects.count(), AidDistribution.objects.count()) == (0, 0)
    assert ActivityReport.objects.get().description == "Semula"


def test_a_report_dated_in_the_future_is_refused_in_the_admin(admin_client):
    report = ActivityReportFactory()

    response = submit(admin_client, f"/admin/registry/activityreport/{report.pk}/change/", date="01/01/2999")

    assert refused_with(response, "Tanggal laporan tidak boleh di masa depan.")
    assert ActivityReport.objects.get().date == datetime.date(2025, 6, 17)
