"""'Impor daftar hadir' in the event's admin: upload → preview → confirm, within the user's area and role."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.enums import Role
from registry.models import ImportBatch, Wilayah
from registry.services.petugas import petugas_save
from tests.trainings.factories import PenyuluhanFactory
from trainings.attendance import AttendanceListImport
from trainings.models import Peserta

pytestmark = pytest.mark.usefixtures("diy")

PASSWORD = "Gunungkidul-2025!"
LIST = "Nama;Unsur;Asal desa;Telepon\r\nSutrisno;Tokoh masyarakat;Ngeposari;0812-3456-7890\r\nSri Lestari;Kader;;\r\n"
GOOD = LIST.replace("Kader;;", "Kader;34.03.08.2004;").encode()
BAD = LIST.encode()  # Sri Lestari has no asal desa


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def petugas(username, role=Role.PENYULUH, area="34.03.08"):
    user, _created = petugas_save(by=None, username=username, role=role, area_codes=[area], password=PASSWORD)
    return user


@pytest.fixture
def event():
    return PenyuluhanFactory(theme="Pembentukan WKSBM Candirejo", wilayah=Wilayah.objects.get(code="34.03.08.2004"))


@pytest.fixture
def operator_client(client):
    """An operator working in Semanu: the attendance import is in the admin, which the penyuluh do not use."""
    client.force_login(petugas("operator-semanu", Role.KABUPATEN))
    return client


def import_url(event) -> str:
    return reverse("admin:trainings_penyuluhan_attendance_import", args=[event.pk])


def upload(client, event, data: bytes, name="daftar-hadir.csv"):
    return client.post(import_url(event), {"berkas": SimpleUploadedFile(name, data)})


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_event_page_has_the_import_button(operator_client, event):
    page = operator_client.get(reverse("admin:trainings_penyuluhan_change", args=[event.pk])).content.decode()

    assert f'<a href="{import_url(event)}">Impor daftar hadir</a>' in page


def test_an_upload_is_previewed_without_writing_then_confirmed(operator_client, event):
    preview = upload(operator_client, event, GOOD)

    token = preview.context["token"]
    assert (preview.status_code, preview.context["counts"]) == (
        200,
        {"new": 2, "changed": 0, "unchanged": 0, "refused": 0},
    )
    assert [row["values"] for row in preview.context["rows"]] == [
        ["Sutrisno", "Tokoh masyarakat", "Ngeposari (34.03.08.2001)", "0812-3456-7890"],
        ["Sri Lestari", "Kader", "Candirejo (34.03.08.2004)", ""],
    ]
    assert (Peserta.objects.count(), ImportBatch.objects.count()) == (0, 0)

    saved = operator_client.post(import_url(event), {"token": token})

    assert saved["Location"] == reverse("admin:trainings_penyuluhan_change", args=[event.pk])
    assert messages_of(saved) == [
        "Daftar hadir daftar-hadir.csv diimpor: 2 peserta baru, 0 berubah, 0 tetap.",
    ]
    assert sorted(event.peserta.values_list("name", flat=True)) == ["Sri Lestari", "Sutrisno"]
    assert ImportBatch.objects.get().kind == ImportBatch.Kind.ATTENDANCE


def test_confirming_twice_imports_once(operator_client, event):
    token = upload(operator_client, event, GOOD).context["token"]

    operator_client.post(import_url(event), {"token": token})
    again = operator_client.post(import_url(event), {"token": token})

    batch = ImportBatch.objects.get()
    assert (again.status_code, again["Location"]) == (302, f"/admin/trainings/penyuluhan/{event.pk}/change/")
    assert messages_of(again)[-1] == f"Berkas ini sudah diimpor sebagai impor #{batch.pk}."
    assert (Peserta.objects.count(), ImportBatch.objects.count()) == (2, 1)


def test_reuploading_the_same_list_previews_every_row_unchanged(operator_client, event):
    operator_client.post(import_url(event), {"token": upload(operator_client, event, GOOD).context["token"]})

    preview = upload(operator_client, event, GOOD)

    assert preview.context["counts"] == {"new": 0, "changed": 0, "unchanged": 2, "refused": 0}


def test_a_refused_file_shows_its_reasons_and_cannot_be_confirmed(operator_client, event):
    preview = upload(operator_client, event, BAD)

    assert preview.context["errors"] == ["Baris 3, kolom asal_desa: wajib diisi."]
    assert "token" not in preview.context
    assert 'name="token"' not in preview.content.decode()
    assert Peserta.objects.count() == 0


def test_an_unreadable_file_is_refused_with_the_readers_words(operator_client, event):
    preview = upload(operator_client, event, b"nama;unsur\r\nA;B", name="daftar.txt")

    assert len(preview.context["refusal"]) == 1
    assert "token" not in preview.context


def test_a_preview_overtaken_by_another_import_is_shown_again_before_writing(operator_client, event):
    token = upload(operator_client, event, GOOD).context["token"]
    AttendanceListImport(user=petugas("rekan"), event=event).run(GOOD, "rekan.csv", dry_run=False)

    shown = operator_client.post(import_url(event), {"token": token})
    confirmed = operator_client.post(import_url(event), {"token": token})

    assert shown.context["counts"] == {"new": 0, "changed": 0, "unchanged": 2, "refused": 0}
    assert messages_of(shown) == ["Data kegiatan ini berubah sejak pratinjau. Periksa pratinjau terbaru lalu simpan."]
    assert (confirmed.status_code, Peserta.objects.count(), ImportBatch.objects.count()) == (302, 2, 2)


def test_a_token_of_another_user_or_a_forged_one_imports_nothing(client, operator_client, event):
    token = upload(operator_client, event, GOOD).context["token"]
    client.logout()
    client.force_login(petugas("operator-lain", Role.KABUPATEN))

    theirs = client.post(import_url(event), {"token": token})
    forged = client.post(import_url(event), {"token": "../../etc/passwd"})

    assert (theirs.status_code, forged.status_code) == (302, 302)
    assert Peserta.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "area", "expected"),
    [
        (Role.KABUPATEN, "34.03.12", 404),  # Semin: the other Candirejo
        (Role.PENYULUH, "34.03.08", 403),  # works on the field pages only
        (Role.KABUPATEN, "34.04", 404),  # Sleman
        (Role.PIMPINAN, "34.03", 403),  # reads, never writes
    ],
)
def test_others_cannot_import(client, event, role, area, expected):
    client.force_login(petugas("lain", role, area))

    got = client.get(import_url(event))
    sent = client.post(import_url(event), {"berkas": SimpleUploadedFile("daftar.csv", GOOD)})

    assert (got.status_code, sent.status_code) == (expected, expected)
    assert Peserta.objects.count() == 0


def test_pimpinan_see_no_import_button(client, event):
    client.force_login(petugas("pimpinan", Role.PIMPINAN, "34.03"))

    page = client.get(reverse("admin:trainings_penyuluhan_change", args=[event.pk]))

    assert (page.status_code, "Impor daftar hadir" in page.content.decode()) == (200, False)
