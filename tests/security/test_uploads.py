"""Uploads that lie about their type: whatever a file's name or declared content type says, its content decides,
through the reader's checks (registry/imports/reader.py). Each lying file is refused in Indonesian on the admin's
list import and on the attendance import, nothing is written and no upload is kept; file names are never used
as paths."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse

from registry.enums import Role
from registry.models import ImportBatch, Wksbm
from tests.registry.imports.spreadsheets import with_extra_member, xlsx_bytes
from tests.registry.test_admin_import_export import HEADER, ROW_SEMIN, csv_file, refusals
from tests.trainings.factories import PenyuluhanFactory
from trainings.models import Peserta
from wksbm.uploads import LimitedTemporaryFileUploadHandler

BROKEN_XLSX = "Berkas .xlsx rusak atau bukan berkas Excel. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi."
NOT_TEXT = (
    "Berkas .csv ini bukan teks (mungkin berkas lain yang diganti namanya). Buka daftar di Excel lalu simpan sebagai "
    "CSV, atau unggah berkas .xlsx-nya."
)
OLD_EXCEL = (
    "Berkas Excel format lama (.xls) tidak dapat dibaca. Buka di Excel lalu simpan sebagai Excel Workbook (.xlsx)."
)
ZIP_BOMB = (
    "Isi berkas .xlsx terlalu besar setelah dibuka (lebih dari 100 MB atau terkompresi tidak wajar). Periksa isinya "
    "atau pecah menjadi beberapa berkas."
)
ENCRYPTED = "Berkas .xlsx dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu unggah lagi."
GOOD_XLSX = xlsx_bytes([["nama_wksbm", "kode_wilayah"], ["WKSBM Palsu", "34.03.08.2004"]])


def zip_of(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


# (file name, declared content type, bytes, the refusal)
LIES = {
    "program-as-xlsx": ("daftar.xlsx", "application/vnd.ms-excel", b"MZ\x90\x00" + bytes(4000), BROKEN_XLSX),
    "program-as-csv": ("daftar.csv", "text/csv", b"MZ\x90\x00\x03\x00" + bytes(4000), NOT_TEXT),
    "png-as-csv": ("daftar.csv", "text/csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), NOT_TEXT),
    "xlsx-as-csv": ("daftar.csv", "text/csv", GOOD_XLSX, NOT_TEXT),
    "zip-as-xlsx": ("daftar.xlsx", "application/zip", zip_of("readme.txt", b"halo"), BROKEN_XLSX),
    "html-in-zip-as-xlsx": ("daftar.xlsx", "text/html", zip_of("index.html", b"<script>x</script>"), BROKEN_XLSX),
    "xls-as-xlsx": (
        "daftar.xlsx",
        "application/octet-stream",
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600),
        OLD_EXCEL,
    ),
    "encrypted-xlsx": (
        "daftar.xlsx",
        "application/octet-stream",
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600) + "EncryptedPackage".encode("utf-16-le") + bytes(100),
        ENCRYPTED,
    ),
    "zip-bomb": (
        "daftar.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        with_extra_member(GOOD_XLSX, "xl/media/image1.bin", bytes(2 * 1024 * 1024)),
        ZIP_BOMB,
    ),
}


@pytest.mark.parametrize("lie", LIES)
def test_a_lying_file_is_refused_by_the_list_import(client, petugas, upload_folder, lie):
    name, content_type, data, reason = LIES[lie]
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))

    response = client.post(
        "/admin/registry/wksbm/import/", {"import_file": SimpleUploadedFile(name, data, content_type=content_type)}
    )

    assert (response.status_code, refusals(response)) == (200, [reason])
    assert (Wksbm.objects.count(), ImportBatch.objects.count(), list(upload_folder.iterdir())) == (0, 0, [])


@pytest.mark.parametrize("lie", LIES)
def test_a_lying_file_is_refused_by_the_attendance_import(client, petugas, upload_folder, lie):
    name, content_type, data, reason = LIES[lie]
    event = PenyuluhanFactory()
    # An operator: the attendance import is in the admin, which the penyuluh do not use.
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03.08"))
    url = reverse("admin:trainings_penyuluhan_attendance_import", args=[event.pk])

    response = client.post(url, {"berkas": SimpleUploadedFile(name, data, content_type=content_type)})

    assert (response.status_code, response.context["refusal"]) == (200, [reason])
    assert (Peserta.objects.count(), "token" in response.context, list(upload_folder.iterdir())) == (0, False, [])


def test_an_executable_name_is_refused_whatever_its_content(client, petugas):
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))

    response = client.post(
        "/admin/registry/wksbm/import/",
        {"import_file": SimpleUploadedFile("daftar.csv.exe", csv_file(HEADER, ROW_SEMIN), content_type="text/csv")},
    )

    assert refusals(response) == ["Berkas .exe tidak dapat diimpor; gunakan berkas .xlsx atau .csv."]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, petugas, settings):
    settings.IMPORT_MAX_BYTES = 1024
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))
    data = csv_file(HEADER, *[ROW_SEMIN] * 40)

    response = client.post("/admin/registry/wksbm/import/", {"import_file": SimpleUploadedFile("daftar.csv", data)})

    assert refusals(response) == ["Berkas terlalu besar (2,6 KB); batasnya 1 KB. Pecah menjadi beberapa berkas."]


def named_bytes(name: str, data: bytes) -> io.BytesIO:
    """A file for the test client to send (its uploaded-file classes are patched by `unreadable_uploads`)."""
    file = io.BytesIO(data)
    file.name = name
    return file


@pytest.fixture
def unreadable_uploads(monkeypatch):
    """Uploads that fail the test if anything on the server reads them, wherever the request's handlers put them."""

    def read(self, *args):
        raise AssertionError("an upload over the size limit was read")

    for upload_class in (InMemoryUploadedFile, TemporaryUploadedFile):
        monkeypatch.setattr(upload_class, "read", read, raising=False)


def test_a_list_over_the_size_limit_is_refused_by_its_size_without_being_read(
    client, petugas, settings, unreadable_uploads
):
    settings.IMPORT_MAX_BYTES = 1024
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))
    data = csv_file(HEADER, *[ROW_SEMIN] * 40)

    response = client.post("/admin/registry/wksbm/import/", {"import_file": named_bytes("daftar.csv", data)})

    assert refusals(response) == ["Berkas terlalu besar (2,6 KB); batasnya 1 KB. Pecah menjadi beberapa berkas."]
    assert ImportBatch.objects.count() == 0


def test_an_attendance_list_over_the_size_limit_is_refused_by_its_size_without_being_read(
    client, petugas, settings, unreadable_uploads
):
    settings.IMPORT_MAX_BYTES = 1024
    event = PenyuluhanFactory()
    # An operator: the attendance import is in the admin, which the penyuluh do not use.
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03.08"))
    url = reverse("admin:trainings_penyuluhan_attendance_import", args=[event.pk])

    response = client.post(url, {"berkas": named_bytes("hadir.csv", b"x" * 3 * 1024)})

    assert response.context["refusal"] == ["Berkas terlalu besar (3 KB); batasnya 1 KB. Pecah menjadi beberapa berkas."]
    assert Peserta.objects.count() == 0


@pytest.mark.parametrize(("import_limit", "attachment_limit"), [(1024, 512), (512, 1024)])
def test_a_large_upload_keeps_no_more_than_the_limit_on_disk_and_its_real_size(
    settings, import_limit, attachment_limit
):
    # The larger of the two limits: the handler does not know yet whether a list or an attachment arrives.
    settings.IMPORT_MAX_BYTES, settings.ATTACHMENT_MAX_BYTES = import_limit, attachment_limit
    handler = LimitedTemporaryFileUploadHandler()
    handler.new_file("import_file", "daftar.csv", "text/csv", 5000)

    for start in range(0, 5000, 500):
        handler.receive_data_chunk(b"x" * 500, start)
    upload = handler.file_complete(5000)

    assert (upload.size, Path(upload.temporary_file_path()).stat().st_size) == (5000, 1025)
    upload.close()


def test_a_large_upload_is_refused_with_its_real_size(client, petugas, settings, unreadable_uploads):
    settings.IMPORT_MAX_BYTES = 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # to a temporary file, as every upload over 2.5 MB
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))

    response = client.post(
        "/admin/registry/wksbm/import/", {"import_file": named_bytes("daftar.csv", b"x" * 30 * 1024)}
    )

    assert refusals(response) == ["Berkas terlalu besar (30 KB); batasnya 1 KB. Pecah menjadi beberapa berkas."]


def test_a_path_in_the_file_name_is_never_used_as_a_path(client, petugas, upload_folder):
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))
    name = "../../../../../../tmp/wksbm-jahat.csv"

    preview = client.post(
        "/admin/registry/wksbm/import/", {"import_file": SimpleUploadedFile(name, csv_file(HEADER, ROW_SEMIN))}
    )
    ticket = preview.context["confirm_form"].initial["ticket"]
    client.post("/admin/registry/wksbm/process_import/", {"ticket": ticket})

    batch = ImportBatch.objects.get()
    assert batch.filename == "wksbm-jahat.csv"
    assert [path.parent for path in upload_folder.rglob("*")] == []  # the kept preview file was removed on commit
    assert not (upload_folder.parent / "wksbm-jahat.csv").exists()
