"""The network, forum and attachment endpoints (writes by the web's rules, personal data, downloads), the new
endpoints' filters, and every list's cost: the same number of queries at one record as at many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.enums import MitraLevel, Role, WilayahLevel
from registry.models import Jejaring, JejaringKind, Mitra, MitraKind, Wilayah
from registry.network import services as network_services
from tests.api.conftest import RECORDS_AREA, make_user, records_in, token_client
from tests.api.more_records import FORUM_NIK

TODAY = datetime.date.today()


def listed(name):
    return reverse(f"api:{name}-list")


def detail(name, pk):
    return reverse(f"api:{name}-detail", args=[pk])


def test_a_tie_is_recorded_corrected_and_ended_by_the_rules(world, api_as):
    client = api_as(Role.KABUPATEN)
    inside = world["inside"]
    tie = inside["jejaring"]
    body = {
        "wksbm": inside["wksbm"].pk,
        "mitra": inside["mitra"].pk,
        "kind": JejaringKind.objects.first().pk,
        "started_on": "2024-06-01",
    }

    overlap = client.post(listed("jejaring"), body, format="json")
    both = client.post(listed("jejaring"), {**body, "partner_wksbm": world["outside"]["wksbm"].pk}, format="json")
    end_url = reverse("api:jejaring-akhiri", args=[tie.pk])
    etag = client.get(detail("jejaring", tie.pk))["ETag"]
    ended = client.post(end_url, {"on": "2025-01-31"}, format="json", HTTP_IF_MATCH=etag)
    again = client.post(end_url, {}, format="json", HTTP_IF_MATCH=ended["ETag"])
    stale = client.patch(detail("jejaring", tie.pk), {"description": "x"}, format="json", HTTP_IF_MATCH=etag)

    assert overlap.json() == {"kind": [f"Sudah ada jejaring {tie.kind} yang aktif antara keduanya sejak 15/01/2024."]}
    assert both.json() == {"partner_wksbm": [f"Tidak ditemukan di wilayah kerja Anda: {world['outside']['wksbm'].pk}."]}
    assert (ended.status_code, ended.json()["ended_on"], ended.json()["active"]) == (200, "2025-01-31", False)
    assert again.json() == {"on": ["Jejaring ini sudah berakhir."]}
    assert stale.status_code == 412
    assert Jejaring.objects.get(pk=tie.pk).history.first().history_change_reason == end_url


def test_a_mitra_is_created_with_its_contacts_and_changed_only_where_seated(world, api_as):
    client = api_as(Role.KABUPATEN)
    provincial = network_services.mitra_create(
        by=None,
        name="Baznas DIY",
        kind=MitraKind.objects.first(),
        level=MitraLevel.PROVINSI,
        wilayah=Wilayah.objects.get(code="34"),
    )
    body = {
        "wilayah": "34.03",
        "name": "Baznas Gunungkidul",
        "kind": MitraKind.objects.first().pk,
        "level": MitraLevel.KABUPATEN,
        "contacts": [{"name": "Suparno", "position": "Ketua", "phone": "0812-2700-1234"}],
    }

    made = client.post(listed("mitra"), body, format="json", HTTP_IDEMPOTENCY_KEY="mitra-1")
    again = client.post(listed("mitra"), body, format="json", HTTP_IDEMPOTENCY_KEY="mitra-1")
    taken = client.post(listed("mitra"), {**body, "contacts": []}, format="json")
    seen = client.get(detail("mitra", provincial.pk))
    refused = client.patch(detail("mitra", provincial.pk), {"notes": "x"}, format="json", HTTP_IF_MATCH=seen["ETag"])

    assert (made.status_code, again.json()) == (201, made.json())
    assert [(c["name"], c["phone"]) for c in made.json()["contacts"]] == [("Suparno", "0812-2700-1234")]
    assert Mitra.objects.filter(name="Baznas Gunungkidul").count() == 1
    assert taken.status_code == 400 and list(taken.json()) == ["name"]
    assert (seen.status_code, refused.status_code) == (200, 403)


def test_forum_board_and_contacts_are_masked_for_the_pimpinan(world):
    client = token_client(make_user(Role.PIMPINAN))

    forum = client.get(detail("forum", world["inside"]["forum"].pk)).json()
    mitra = client.get(detail("mitra", world["inside"]["mitra"].pk)).json()

    assert FORUM_NIK not in str(forum)
    assert [(p["masked_nik"], p["phone"]) for p in forum["pengurus"]] == [("3403••••••••••02", "08******890")]
    assert [c["phone"] for c in mitra["contacts"]] == ["08******890"]


def test_attachments_of_a_record_are_listed_and_served_to_whoever_sees_it(world, api_as):
    client, outsider = api_as(Role.PENYULUH), api_as(Role.PENYULUH, "outside")
    photo = world["inside"]["lampiran"]
    wksbm = world["inside"]["wksbm"]

    rows = client.get(listed("lampiran"), {"jenis_data": "registry.wksbm", "data": wksbm.pk}).json()["results"]
    served = client.get(reverse("api:lampiran-berkas", args=[photo.pk]))
    small = client.get(reverse("api:lampiran-kecil", args=[photo.pk]))

    assert [(row["id"], row["record_type"], row["record_id"]) for row in rows] == [
        (photo.pk, "registry.wksbm", wksbm.pk)
    ]
    assert rows[0]["file_url"].endswith(reverse("api:lampiran-berkas", args=[photo.pk]))
    assert (served.status_code, served["Content-Type"], served["X-Content-Type-Options"]) == (
        200,
        "image/jpeg",
        "nosniff",
    )
    assert b"".join(served.streaming_content)[:2] == b"\xff\xd8"
    assert small.status_code == 200
    assert outsider.get(reverse("api:lampiran-berkas", args=[photo.pk])).status_code == 404
    assert client.get(listed("lampiran"), {"jenis_data": "trainings.kunjungan"}).json()["results"] == []


def test_the_new_lists_filter_by_the_admins_rules(world, api_as):
    client = api_as(Role.PROVINSI)

    def ids(name, **params):
        return sorted(row["id"] for row in client.get(listed(name), params).json()["results"])

    inside, outside = world["inside"], world["outside"]
    assert ids("penyuluhan", wilayah="34.03") == [inside["penyuluhan"].pk]
    assert ids("penyuluhan", tahun=2019, program=inside["program"].pk) == [inside["penyuluhan"].pk]
    assert ids("penyuluhan", program="tanpa") == []
    assert ids("kunjungan", wilayah="34.04") == [outside["kunjungan"].pk]
    assert ids("kunjungan", lewat_jatuh_tempo="true") == sorted([inside["kunjungan"].pk, outside["kunjungan"].pk])
    assert ids("tindak-lanjut", status="selesai") == []
    assert ids("mitra", tingkat="desa", wilayah="34.03") == [inside["mitra"].pk]
    assert ids("jejaring", aktif="true", wksbm=inside["wksbm"].pk) == [inside["jejaring"].pk]
    assert ids("jejaring", aktif="false") == []
    assert ids("program", tahun=2019) == sorted([inside["program"].pk, outside["program"].pk])


LISTS = ["program", "penyuluhan", "peserta", "hasil-kegiatan", "kunjungan", "tindak-lanjut", "penilaian"]
LISTS += ["mitra", "jejaring", "forum", "lampiran"]


@pytest.fixture
def more_desa(world):
    """The same records again in three more desa of Semanu: many rows in every list."""
    others = Wilayah.objects.filter(parent_id="34.03.08", level=WilayahLevel.DESA).exclude(code=RECORDS_AREA)[:3]
    for n, desa in enumerate(others):
        records_in(desa.code, f"Desa {n}")


def queries_of(client, url) -> int:
    client.get(url)  # caches warmed (content types, the user's areas)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_every_new_list_costs_the_same_at_one_row_as_at_many(world, django_db_blocker, request):
    client = token_client(make_user(Role.KABUPATEN))
    at_one = {name: queries_of(client, listed(name)) for name in LISTS}

    request.getfixturevalue("more_desa")
    at_many = {name: queries_of(client, listed(name)) for name in LISTS}
    rows = {name: len(client.get(listed(name)).json()["results"]) for name in LISTS}

    assert at_many == at_one
    assert all(count >= 4 for count in rows.values()), rows
    assert max(at_one.values()) <= 12, at_one
