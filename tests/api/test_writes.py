"""Every write of the API goes through the web's services and rules: messages per field in Indonesian, nothing
half-stored, history naming the user and the API; ending a term or a membership; reports with their lines."""

import datetime

from django.urls import reverse
from django.utils import timezone

from registry.enums import Role, WksbmStatus
from registry.history_sources import change_source
from registry.models import ActivityReport, AidPurpose, FundSource, KpsMembership, Pengurus, PengurusRole, Wksbm
from tests.api.conftest import NIK


def etag(client, name, pk):
    return client.get(reverse(f"api:{name}-detail", args=[pk]))["ETag"]


def test_a_wksbm_change_is_recorded_in_history_as_the_apis(world, api_as):
    client = api_as(Role.KABUPATEN)
    wksbm = world["inside"]["wksbm"]
    url = reverse("api:wksbm-detail", args=[wksbm.pk])

    response = client.patch(url, {"status": "vakum"}, format="json", HTTP_IF_MATCH=etag(client, "wksbm", wksbm.pk))

    assert response.status_code == 200
    stored = Wksbm.objects.get(pk=wksbm.pk)
    assert (stored.status, stored.status_changed_on is not None) == (WksbmStatus.VAKUM, True)
    latest = stored.history.first()
    assert latest.history_user.username == "kabupaten-inside"
    assert change_source(latest, name=str) == f"API ({url})"


def test_model_rules_answer_per_field(world, api_as):
    client = api_as(Role.KABUPATEN)
    wksbm = world["inside"]["wksbm"]
    url = reverse("api:wksbm-detail", args=[wksbm.pk])
    ahead = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

    response = client.patch(
        url,
        {"sk_date": "2019-01-01", "phone": "12", "formed_on": ahead},
        format="json",
        HTTP_IF_MATCH=etag(client, "wksbm", wksbm.pk),
    )

    assert response.status_code == 400
    assert sorted(response.json()) == ["phone"]  # the typed form first; then the model's rules:
    response = client.patch(
        url, {"sk_date": "2019-01-01"}, format="json", HTTP_IF_MATCH=etag(client, "wksbm", wksbm.pk)
    )
    assert response.json() == {"sk_date": ["Tanggal SK tidak boleh sebelum tanggal pembentukan."]}
    assert Wksbm.objects.get(pk=wksbm.pk).sk_date is None


def test_a_pengurus_is_added_with_a_nik_never_answered_and_a_term_is_ended(world, api_as):
    client = api_as(Role.PENYULUH)
    wksbm = world["inside"]["wksbm"]
    ketua = PengurusRole.objects.get(slug="ketua")

    added = client.post(
        reverse("api:pengurus-list"),
        {
            "wksbm": wksbm.pk,
            "role": ketua.pk,
            "name": "  Sri   Lestari ",
            "nik": NIK,
            "phone": "0812 1111 2222",
            "period_from": "2020-01-01",
        },
        format="json",
    )
    assert added.status_code == 201, added.content
    body = added.json()
    assert (body["name"], body["masked_nik"], "nik" in body) == ("Sri Lestari", "3403••••••••••01", False)
    stored = Pengurus.objects.get(pk=body["id"])
    assert (stored.nik, stored.phone) == (NIK, "+6281211112222")

    url = reverse("api:pengurus-akhiri", args=[stored.pk])
    too_early = client.post(url, {"on": "2000-01-01"}, format="json", HTTP_IF_MATCH=added["ETag"])
    assert too_early.status_code == 400
    assert list(too_early.json()) == ["on"]
    ended = client.post(url, {}, format="json", HTTP_IF_MATCH=added["ETag"])
    assert ended.status_code == 200
    assert ended.json()["is_current"] is False
    assert Pengurus.objects.get(pk=stored.pk).period_to == datetime.date.today()


def test_a_kps_current_elsewhere_cannot_join_and_a_membership_ends(world, api_as):
    client = api_as(Role.KABUPATEN)
    membership = world["inside"]["keanggotaan"]
    other = Wksbm.objects.create(name="WKSBM Kedua", wilayah=world["inside"]["wilayah"])

    refused = client.post(reverse("api:keanggotaan-list"), {"kps": membership.kps_id, "wksbm": other.pk}, format="json")
    assert refused.status_code == 400
    assert refused.json()["kps"] == [
        "KPS ini masih tercatat sebagai anggota sebuah WKSBM; isi tanggal keluarnya lebih dulu."
    ]

    ended = client.post(
        reverse("api:keanggotaan-akhiri", args=[membership.pk]),
        {},
        format="json",
        HTTP_IF_MATCH=etag(client, "keanggotaan", membership.pk),
    )
    joined = client.post(reverse("api:keanggotaan-list"), {"kps": membership.kps_id, "wksbm": other.pk}, format="json")
    assert (ended.status_code, joined.status_code) == (200, 201)
    assert KpsMembership.objects.current().get(kps=membership.kps).wksbm == other


def test_a_report_is_recorded_with_its_lines_all_or_nothing_and_replaced(world, api_as):
    client = api_as(Role.KABUPATEN)
    wksbm = world["inside"]["wksbm"]
    source, purpose = FundSource.objects.first(), AidPurpose.objects.first()
    body = {
        "wksbm": wksbm.pk,
        "date": "2025-07-01",
        "kind": world["inside"]["laporan"].kind_id,
        "collected": [{"source": source.pk, "amount": 125000}],
        "distributed": [{"purpose": purpose.pk, "amount": 50000, "beneficiaries": -3}],
    }
    before = ActivityReport.objects.count()

    refused = client.post(reverse("api:laporan-list"), body, format="json")
    assert refused.status_code == 400
    assert ActivityReport.objects.count() == before  # nothing half-stored

    body["distributed"][0]["beneficiaries"] = 3
    made = client.post(reverse("api:laporan-list"), body, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["collected"][0]["amount"] == 125000

    url = reverse("api:laporan-detail", args=[made.json()["id"]])
    patched = client.patch(url, {"collected": []}, format="json", HTTP_IF_MATCH=made["ETag"])
    assert patched.status_code == 200
    assert (patched.json()["collected"], len(patched.json()["distributed"])) == ([], 1)


def test_a_penyuluh_removes_a_report_only_within_the_allowed_days(world, api_as):
    client = api_as(Role.PENYULUH)
    report = world["inside"]["laporan"]
    long_ago = timezone.now() - datetime.timedelta(days=30)
    ActivityReport.history.filter(id=report.pk).update(history_date=long_ago)  # entered a month ago

    response = client.delete(
        reverse("api:laporan-detail", args=[report.pk]), HTTP_IF_MATCH=etag(client, "laporan", report.pk)
    )

    assert response.status_code == 403
    assert "penyuluh hanya dapat menghapus laporan" in response.json()["detail"]
    assert ActivityReport.objects.filter(pk=report.pk).exists()
