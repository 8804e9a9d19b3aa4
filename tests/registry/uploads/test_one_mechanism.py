"""One upload → preview → confirm for every list (registry.uploads): the WKSBM, KPS and attendance lists go through
the same page, storage, ticket and commit-once confirm; a preview of one list cannot be confirmed as another, and
an expired preview is refused."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.enums import Role
from registry.models import ImportBatch, Kps, Wilayah, Wksbm
from registry.services.petugas import petugas_save
from registry.uploads import tickets
from registry.uploads.pending import PREFIX
from tests.trainings.factories import PenyuluhanFactory
from trainings.models import Peserta

pytestmark = pytest.mark.usefixtures("diy")

WKSBM = b"kode_wilayah;nama_wksbm;status\r\n34.03.08.2004;WKSBM Ngudi Rahayu;aktif\r\n"
KPS = b"kode_wilayah;nama_kps;jenis_kps\r\n34.03.08.2004;Karang Taruna Tunas Harapan;Karang Taruna\r\n"
ATTENDANCE = b"nama;unsur;asal_desa\r\nSutrisno;Tokoh masyarakat;Ngeposari\r\n"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def operator(client):
    """The operator of Kabupaten Gunungkidul, who may import every list there."""
    user = petugas_save(by=None, username="wulan", role=Role.KABUPATEN, area_codes=["34.03"], password="x-Y-z-12345")
    client.force_login(user[0])
    return client


def event_in_candirejo():
    return PenyuluhanFactory(wilayah=Wilayah.objects.get(code="34.03.08.2004"))


class Upload:
    """A list's upload and confirm addresses and how its pages name the file and the ticket."""

    def __init__(self, upload_url, confirm_url, file_field, ticket_field, done_url, records):
        self.upload_url, self.confirm_url, self.done_url = upload_url, confirm_url, done_url
        self.file_field, self.ticket_field, self.records = file_field, ticket_field, records

    def preview(self, client, data: bytes):
        return client.post(self.upload_url, {self.file_field: SimpleUploadedFile("daftar.csv", data)})

    def confirm(self, client, ticket: str):
        return client.post(self.confirm_url, {self.ticket_field: ticket})


def wksbm_upload(_event=None):
    return Upload(
        "/admin/registry/wksbm/import/",
        "/admin/registry/wksbm/process_import/",
        "import_file",
        "ticket",
        "/admin/registry/wksbm/",
        Wksbm.objects.count,
    )


def kps_upload(_event=None):
    return Upload(
        "/admin/registry/kps/import/",
        "/admin/registry/kps/process_import/",
        "import_file",
        "ticket",
        "/admin/registry/kps/",
        Kps.objects.count,
    )


def attendance_upload(event):
    url = reverse("admin:trainings_penyuluhan_attendance_import", args=[event.pk])
    done = reverse("admin:trainings_penyuluhan_change", args=[event.pk])
    return Upload(url, url, "berkas", "token", done, Peserta.objects.filter(event=event).count)


LISTS = {
    "wksbm": (wksbm_upload, WKSBM, ImportBatch.Kind.WKSBM),
    "kps": (kps_upload, KPS, ImportBatch.Kind.KPS),
    "attendance": (attendance_upload, ATTENDANCE, ImportBatch.Kind.ATTENDANCE),
}


def ticket_of(preview, upload: Upload) -> str:
    return preview.context["confirm_form"].initial[upload.ticket_field]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_goes_through_the_same_preview_and_confirm(operator, upload_folder, name):
    make, data, kind = LISTS[name]
    upload = make(event_in_candirejo())

    preview = upload.preview(operator, data)
    waiting = [path.name for path in upload_folder.iterdir()]
    done = upload.confirm(operator, ticket_of(preview, upload))
    again = upload.confirm(operator, ticket_of(preview, upload))

    batch = ImportBatch.objects.get()
    assert [template.name for template in preview.templates][0] == "admin/list_upload.html"
    assert preview.context["counts"] == {"new": 1, "changed": 0, "unchanged": 0, "refused": 0}
    assert len(waiting) == 1 and waiting[0].startswith(PREFIX)
    assert (done.status_code, done["Location"], again["Location"]) == (302, upload.done_url, upload.done_url)
    assert messages_of(again)[-1] == f"Berkas ini sudah diimpor sebagai impor #{batch.pk}."
    assert (batch.kind, batch.created, upload.records()) == (kind, 1, 1)
    assert list(upload_folder.iterdir()) == []


@pytest.mark.parametrize(
    ("previewed", "confirmed"),
    [("wksbm", "kps"), ("kps", "wksbm"), ("wksbm", "attendance"), ("attendance", "kps")],
)
def test_a_preview_of_one_list_cannot_be_confirmed_as_another(operator, previewed, confirmed):
    event = event_in_candirejo()
    make, data, _kind = LISTS[previewed]
    source = make(event)
    ticket = ticket_of(source.preview(operator, data), source)
    target = LISTS[confirmed][0](event)

    response = target.confirm(operator, ticket)

    assert (response.status_code, response["Location"]) == (302, target.upload_url)
    assert messages_of(response) == ["Pratinjau sudah kedaluwarsa atau tidak sah; unggah berkasnya lagi."]
    assert ImportBatch.objects.count() == 0


def test_an_attendance_preview_cannot_be_confirmed_on_another_event(operator):
    first, second = attendance_upload(event_in_candirejo()), attendance_upload(event_in_candirejo())
    ticket = ticket_of(first.preview(operator, ATTENDANCE), first)

    response = second.confirm(operator, ticket)

    assert (response.status_code, response["Location"]) == (302, second.upload_url)
    assert (Peserta.objects.count(), ImportBatch.objects.count()) == (0, 0)


@pytest.mark.parametrize("name", LISTS)
def test_an_expired_preview_is_refused_and_writes_nothing(operator, monkeypatch, name):
    make, data, _kind = LISTS[name]
    upload = make(event_in_candirejo())
    ticket = ticket_of(upload.preview(operator, data), upload)
    monkeypatch.setattr(tickets, "MAX_AGE", -1)  # signed a moment ago, and a moment is now too long

    response = upload.confirm(operator, ticket)

    assert (response.status_code, response["Location"]) == (302, upload.upload_url)
    assert messages_of(response) == ["Pratinjau sudah kedaluwarsa atau tidak sah; unggah berkasnya lagi."]
    assert (upload.records(), ImportBatch.objects.count()) == (0, 0)


@pytest.mark.parametrize("name", LISTS)
def test_a_preview_whose_upload_was_removed_asks_for_the_file_again(operator, upload_folder, name):
    make, data, _kind = LISTS[name]
    upload = make(event_in_candirejo())
    ticket = ticket_of(upload.preview(operator, data), upload)
    for path in upload_folder.iterdir():
        path.unlink()

    response = upload.confirm(operator, ticket)

    assert (response.status_code, response["Location"]) == (302, upload.upload_url)
    assert messages_of(response) == ["Berkas pratinjau sudah tidak ada (mungkin sudah diimpor); unggah lagi."]
    assert (upload.records(), ImportBatch.objects.count()) == (0, 0)
