"""Writes to the pembinaan records through the API: the web's rules from the same services, refused per field in
Indonesian with nothing stored, history naming the API as the source, If-Match (412 when stale) and idempotent
retries."""

import datetime
import uuid

from django.urls import reverse

from registry.enums import Role
from registry.models import IdempotentRequest
from tests.factories import PengurusFactory
from trainings.enums import FollowUpStatus
from trainings.models import EventKind, Kunjungan, Narasumber, Penyuluhan, PesertaCount, TindakLanjut, Unsur, VisitKind

TODAY = datetime.date.today()


def listed(name):
    return reverse(f"api:{name}-list")


def detail(name, pk):
    return reverse(f"api:{name}-detail", args=[pk])


def event_body(**changes) -> dict:
    return {
        "kind": EventKind.objects.get(slug="penyuluhan-sosial").pk,
        "theme": "Pembentukan WKSBM Candirejo",
        "starts_on": "2025-08-08",
        "wilayah": "34.03.08.2004",
        "narasumber": [{"name": "Sri Lestari", "institution": "Dinas Sosial DIY"}],
        "counts": [{"unsur": Unsur.objects.get(slug="kader").pk, "count": 12}],
        **changes,
    }


def test_an_event_is_recorded_whole_once_with_the_api_as_its_source(world, api_as):
    client = api_as(Role.PENYULUH)
    key = str(uuid.uuid4())

    first = client.post(listed("penyuluhan"), event_body(), format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(listed("penyuluhan"), event_body(), format="json", HTTP_IDEMPOTENCY_KEY=key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    body = first.json()
    assert (body["ends_on"], body["participant_total"], body["narasumber_count"]) == ("2025-08-08", 12, 1)
    event = Penyuluhan.objects.get(theme="Pembentukan WKSBM Candirejo")
    assert [n.name for n in event.narasumber.all()] == ["Sri Lestari"]
    assert event.history.get().history_change_reason == "/api/v1/penyuluhan/"
    assert IdempotentRequest.objects.count() == 1


def test_an_event_refused_stores_nothing_and_answers_on_the_field(world, api_as):
    client = api_as(Role.KABUPATEN)
    before = (Penyuluhan.objects.count(), Narasumber.objects.count(), PesertaCount.objects.count())

    dates = client.post(listed("penyuluhan"), event_body(ends_on="2025-08-01"), format="json")
    outside = client.post(listed("penyuluhan"), event_body(wilayah="34.04.01.2001"), format="json")
    no_name = client.post(listed("penyuluhan"), event_body(narasumber=[{"name": " ", "topic": "x"}]), format="json")

    assert dates.status_code == 400
    assert dates.json() == {"ends_on": ["Tanggal selesai kegiatan tidak boleh sebelum tanggal mulainya."]}
    assert (outside.status_code, list(outside.json())) == (400, ["wilayah"])
    assert (no_name.status_code, list(no_name.json())) == (400, ["narasumber"])
    assert (Penyuluhan.objects.count(), Narasumber.objects.count(), PesertaCount.objects.count()) == before


def test_an_event_is_corrected_over_its_etag_only(world, api_as):
    client = api_as(Role.KABUPATEN)
    event = world["inside"]["penyuluhan"]
    url = detail("penyuluhan", event.pk)
    etag = client.get(url)["ETag"]

    first = client.patch(url, {"venue": "Balai Kalurahan"}, format="json", HTTP_IF_MATCH=etag)
    stale = client.patch(url, {"venue": "Lain"}, format="json", HTTP_IF_MATCH=etag)
    refused = client.patch(url, {"ends_on": "2000-01-01"}, format="json", HTTP_IF_MATCH=first["ETag"])

    assert (first.status_code, stale.status_code, refused.status_code) == (200, 412, 400)
    assert refused.json() == {"ends_on": ["Tanggal selesai kegiatan tidak boleh sebelum tanggal mulainya."]}
    event.refresh_from_db()
    assert event.venue == "Balai Kalurahan"
    assert event.history.first().history_change_reason == url


def test_an_event_seen_only_through_its_participants_is_not_written(world, api_as):
    client = api_as(Role.PENYULUH)
    elsewhere = world["outside"]["penyuluhan"]
    # A participant of the Sleman event is a pengurus of the penyuluh's area: the event is seen, not written to.
    peserta = world["outside"]["peserta"]
    peserta.pengurus = world["inside"]["pengurus"]
    peserta.save()
    url = detail("penyuluhan", elsewhere.pk)

    seen = client.get(url)
    patched = client.patch(url, {"venue": "x"}, format="json", HTTP_IF_MATCH=seen["ETag"])
    added = client.post(
        listed("peserta"), {"event": elsewhere.pk, "name": "Budi", "unsur": Unsur.objects.first().pk}, format="json"
    )

    assert (seen.status_code, patched.status_code) == (200, 404)
    assert (added.status_code, list(added.json())) == (400, ["event"])


def test_a_participant_comes_from_the_events_kabupaten(world, api_as):
    client = api_as(Role.PROVINSI)
    body = {"event": world["inside"]["penyuluhan"].pk, "name": "Budi", "unsur": Unsur.objects.first().pk}

    refused = client.post(listed("peserta"), {**body, "origin": "34.04.01.2001"}, format="json")
    added = client.post(
        listed("peserta"), {**body, "origin": "34.03.08.2004", "phone": "0812 3456 7890"}, format="json"
    )

    assert refused.status_code == 400
    assert refused.json() == {"origin": ["Pilih asal desa di kabupaten/kota tempat kegiatan."]}
    assert added.status_code == 201
    assert (added.json()["origin"], added.json()["phone"]) == ("34.03.08.2004", "0812-3456-7890")


def test_an_outcome_lies_in_the_events_area(world, api_as):
    client = api_as(Role.PROVINSI)
    body = {"event": world["inside"]["penyuluhan"].pk, "wksbm": world["outside"]["wksbm"].pk}

    refused = client.post(listed("hasil-kegiatan"), body, format="json")
    twice = client.post(listed("hasil-kegiatan"), {**body, "wksbm": world["inside"]["wksbm"].pk}, format="json")

    assert refused.json() == {"wksbm": ["WKSBM ini berada di luar wilayah kegiatan atau programnya."]}
    assert twice.json() == {"wksbm": ["WKSBM ini sudah tercatat sebagai hasil kegiatan tersebut."]}


def visit_body(world, **changes) -> dict:
    return {
        "wksbm": world["inside"]["wksbm"].pk,
        "date": "2025-07-01",
        "kind": VisitKind.objects.get(slug="bimbingan-teknis").pk,
        "pengurus_present": [world["inside"]["pengurus"].pk],
        "findings": "Belum ada program kerja",
        "follow_ups": [{"what": "Menyusun program kerja", "responsible": "Sekretaris", "due_on": "2025-08-01"}],
        **changes,
    }


def test_a_visit_is_recorded_with_its_follow_ups_and_closings(world, api_as):
    client = api_as(Role.PENYULUH)
    earlier = world["inside"]["tindak-lanjut"]

    made = client.post(
        listed("kunjungan"),
        visit_body(world, closings=[{"tindak_lanjut": earlier.pk, "status": FollowUpStatus.SELESAI}]),
        format="json",
        HTTP_IDEMPOTENCY_KEY="kunjungan-1",
    )

    assert made.status_code == 201, made.content
    visit = Kunjungan.objects.get(pk=made.json()["id"])
    assert (visit.visitor.username, visit.visitor_name) == ("penyuluh-inside", "")
    assert [f["what"] for f in made.json()["follow_ups"]] == ["Menyusun program kerja"]
    earlier.refresh_from_db()
    assert (earlier.status, earlier.closed_at_visit_id, earlier.closed_on) == ("selesai", visit.pk, visit.date)
    assert {row.history_change_reason for row in visit.history.all()} == {"/api/v1/kunjungan/"}


def test_a_visit_refused_stores_nothing_and_answers_on_the_field(world, api_as):
    client = api_as(Role.KABUPATEN)
    before = (Kunjungan.objects.count(), TindakLanjut.objects.count())
    stranger = PengurusFactory(wksbm=world["outside"]["wksbm"], name="Orang Lain")
    late = [{"what": "x", "responsible": "y", "due_on": "2025-06-01"}]

    cases = {
        "future": visit_body(world, date=str(TODAY + datetime.timedelta(days=3))),
        "next": visit_body(world, next_visit_due="2025-06-30"),
        "present": visit_body(world, pengurus_present=[world["inside"]["pengurus"].pk, stranger.pk]),
        "follow_up": visit_body(world, follow_ups=late),
        "visitor": visit_body(world, visitor_name="Pak Darto"),
    }
    answers = {name: client.post(listed("kunjungan"), body, format="json").json() for name, body in cases.items()}

    assert answers == {
        "future": {"date": ["Tanggal kunjungan tidak boleh di masa depan."]},
        "next": {"next_visit_due": ["Kunjungan berikutnya harus sesudah tanggal kunjungan ini."]},
        "present": {"pengurus_present": [f"Tidak ditemukan di wilayah kerja Anda: {stranger.pk}."]},
        "follow_up": {"follow_ups": ["Batas waktu tindak lanjut tidak boleh sebelum tanggal kunjungannya."]},
        "visitor": {
            "visitor_name": [
                "Isi siapa yang berkunjung: pilih pengguna, atau tulis nama dan perannya — salah satu saja."
            ]
        },
    }
    assert (Kunjungan.objects.count(), TindakLanjut.objects.count()) == before


def test_a_provincial_user_may_not_name_another_wksbms_pengurus_present(world, api_as):
    client = api_as(Role.PROVINSI)
    stranger = world["outside"]["pengurus"]

    refused = client.post(listed("kunjungan"), visit_body(world, pengurus_present=[stranger.pk]), format="json")

    assert refused.json() == {"pengurus_present": ["Pengurus Sleman bukan pengurus WKSBM ini."]}


def test_a_visit_is_corrected_over_its_etag_only(world, api_as):
    client = api_as(Role.KABUPATEN)
    visit = world["inside"]["kunjungan"]
    url = detail("kunjungan", visit.pk)
    etag = client.get(url)["ETag"]

    first = client.patch(url, {"pengurus_present": [], "advice": "Rapat rutin"}, format="json", HTTP_IF_MATCH=etag)
    stale = client.patch(url, {"advice": "Lain"}, format="json", HTTP_IF_MATCH=etag)

    assert (first.status_code, stale.status_code) == (200, 412)
    assert (first.json()["advice"], first.json()["pengurus_present"]) == ("Rapat rutin", [])


def test_a_follow_up_is_added_corrected_and_closed_by_the_rules(world, api_as):
    client = api_as(Role.PENYULUH)
    visit = world["inside"]["kunjungan"]  # of 17 June 2025
    body = {"visit": visit.pk, "what": "Rapat anggota", "responsible": "Ketua", "due_on": "2025-06-01"}

    early = client.post(listed("tindak-lanjut"), body, format="json")
    made = client.post(listed("tindak-lanjut"), {**body, "due_on": "2025-09-01"}, format="json")
    url = detail("tindak-lanjut", made.json()["id"])
    close_url = reverse("api:tindak-lanjut-tutup", args=[made.json()["id"]])
    unmatched = client.post(close_url, {"status": "selesai"}, format="json")
    closed = client.post(
        close_url, {"status": "batal", "closed_on": "2025-07-01"}, format="json", HTTP_IF_MATCH=made["ETag"]
    )
    again = client.post(close_url, {"status": "selesai"}, format="json", HTTP_IF_MATCH=closed["ETag"])
    stale = client.patch(url, {"what": "x"}, format="json", HTTP_IF_MATCH=made["ETag"])

    assert early.json() == {"due_on": ["Batas waktu tindak lanjut tidak boleh sebelum tanggal kunjungannya."]}
    assert (made.status_code, unmatched.status_code, closed.status_code, stale.status_code) == (201, 428, 200, 412)
    assert (closed.json()["status"], closed.json()["closed_on"]) == ("batal", "2025-07-01")
    assert again.json() == {"status": ["Tindak lanjut ini sudah ditutup."]}
    follow_up = TindakLanjut.objects.get(pk=made.json()["id"])
    assert [row.history_change_reason for row in follow_up.history.order_by("history_id")] == [
        "/api/v1/tindak-lanjut/",
        close_url,
    ]
