"""WKSBM and KPS list import and export in the admin: the list upload pages (registry.uploads) with the list import
pipeline doing the work (registry.admin.lists), so that the admin and the commands accept and refuse the same
files."""

import csv
import html
import io
import random
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.formats import date_format
from django.utils.html import strip_tags
from openpyxl import load_workbook

from registry import dates
from registry.enums import Role
from registry.exports.lists import WKSBM_COLUMNS
from registry.imports.headers import column_title
from registry.imports.kps_list import KpsListImport
from registry.imports.plan import Action
from registry.imports.wksbm_list import WksbmListImport
from registry.models import ImportBatch, Kps, Pengurus, UserArea, Wksbm
from registry.services.petugas import petugas_save
from tests.factories import WksbmFactory, desa

pytestmark = pytest.mark.usefixtures("diy")

WKSBM_IMPORT = "/admin/registry/wksbm/import/"
WKSBM_CONFIRM = "/admin/registry/wksbm/process_import/"
WKSBM_EXPORT = "/admin/registry/wksbm/export/"
WKSBM_LIST = "/admin/registry/wksbm/"
KPS_IMPORT = "/admin/registry/kps/import/"
KPS_EXPORT = "/admin/registry/kps/export/"
PASSWORD = "Gunungkidul-2025!"
CSV, XLSX = "0", "1"  # the export form's format choices

HEADER = "kode_wilayah;kabupaten;kecamatan;desa;nama_wksbm;tanggal_pembentukan;status;ketua;sekretaris;telepon"
ROW_NGUDI = (
    ";Gunung Kidul;Kec. Semanu;Candirejo;WKSBM Ngudi Rahayu;8 Agustus 2019;aktif;Sutrisno;Sri Lestari;0812-3456-7890"
)
ROW_SEMIN = "34.03.12.2006;;;;WKSBM Sejahtera;10/08/2019;mati suri;Bambang;;"
ROW_SLEMAN = "34.04.07.2003;;;;WKSBM Condongcatur;;aktif;;;"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # petugas_save hashes a password; the default hasher's cost would dominate these tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def petugas(username: str, role: Role, area: str) -> User:
    user, _created = petugas_save(by=None, username=username, role=role, area_codes=[area], password=PASSWORD)
    return user


def csv_file(*lines: str) -> bytes:
    return "\r\n".join(lines).encode("utf-8-sig")


def upload(client, data: bytes, name: str = "daftar.csv", url: str = WKSBM_IMPORT):
    return client.post(url, {"import_file": SimpleUploadedFile(name, data)})


def confirm(client, preview, url: str = WKSBM_CONFIRM):
    return client.post(url, {"ticket": preview.context["confirm_form"].initial["ticket"]})


def refusals(response) -> list[str]:
    """What the import page says is wrong: the form's errors for an unreadable file, else the plan's."""
    form_errors = response.context["form"].errors.get("import_file")
    return list(form_errors) if form_errors else response.context["plan"].errors


def page(response) -> str:
    return html.unescape(response.content.decode())


def text(response) -> str:
    """The page as a reader sees it: no tags, entities decoded, runs of white space as one space."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def flash(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def gunungkidul(client):
    """A client logged in as the operator of Kabupaten Gunungkidul (34.03)."""
    client.force_login(petugas("wulan", Role.KABUPATEN, "34.03"))
    return client


def test_upload_preview_confirm_creates_the_rows_in_one_batch_with_history(gunungkidul, upload_folder):
    preview = upload(gunungkidul, csv_file(HEADER, ROW_NGUDI, ROW_SEMIN))

    rows = [(row.number, row.action) for row in preview.context["plan"].rows]
    nothing_yet = (Wksbm.objects.count(), ImportBatch.objects.count(), len(list(upload_folder.iterdir())))
    done = confirm(gunungkidul, preview)

    batch = ImportBatch.objects.get()
    assert rows == [(2, Action.NEW), (3, Action.NEW)]
    assert "Pratinjau berkas daftar.csv: 2 baru, 0 berubah, 0 tetap." in text(preview)
    assert nothing_yet == (0, 0, 1)
    assert list(upload_folder.iterdir()) == []
    assert (done.status_code, done.url) == (302, WKSBM_LIST)
    assert sorted(Wksbm.objects.values_list("name", flat=True)) == ["WKSBM Ngudi Rahayu", "WKSBM Sejahtera"]
    assert (batch.user.username, batch.filename, batch.created, batch.updated) == ("wulan", "daftar.csv", 2, 0)
    assert Wksbm.history.filter(import_batch=batch).count() == 2
    assert Pengurus.history.filter(import_batch=batch).count() == 3
    assert flash(gunungkidul.get(WKSBM_LIST)) == [f"Impor #{batch.pk} berhasil: baru 2, berubah 0, tetap 0."]


def test_a_changed_cell_is_previewed_old_to_new_and_confirming_twice_imports_once(gunungkidul):
    confirm(gunungkidul, upload(gunungkidul, csv_file(HEADER, ROW_NGUDI)))
    changed = ROW_NGUDI.replace(";aktif;Sutrisno;", ";vakum;Bambang Wahyu;")

    preview = upload(gunungkidul, csv_file(HEADER, changed))
    confirm(gunungkidul, preview)
    again = confirm(gunungkidul, preview)

    assert "status: Aktif → Vakum" in text(preview)
    assert "ketua: Sutrisno → Bambang Wahyu" in text(preview)
    assert Wksbm.objects.get().status == "vakum"
    assert ImportBatch.objects.count() == 2
    batch = ImportBatch.objects.latest("pk")
    assert (again.status_code, again.url) == (302, WKSBM_LIST)
    assert flash(gunungkidul.get(WKSBM_IMPORT)) == [
        f"Impor #{batch.pk} berhasil: baru 0, berubah 1, tetap 0.",
        f"Berkas ini sudah diimpor sebagai impor #{batch.pk}.",
    ]


def test_the_history_page_of_an_imported_wksbm_shows_who_imported_which_change(gunungkidul):
    confirm(gunungkidul, upload(gunungkidul, csv_file(HEADER, ROW_NGUDI)))
    confirm(gunungkidul, upload(gunungkidul, csv_file(HEADER, ROW_NGUDI.replace(";aktif;", ";vakum;"))))
    wksbm = Wksbm.objects.get()

    history = gunungkidul.get(f"{WKSBM_LIST}{wksbm.pk}/history/")

    changes = re.findall(
        r"<li>\s*<strong>(.*?):</strong>\s*(.*?)\s*&nbsp;&rarr;&nbsp;&nbsp;(.*?)\s*</li>",
        history.content.decode(),
        re.S,
    )
    assert history.status_code == 200
    assert sorted(changes) == [
        ("Status", "Aktif", "Vakum"),
        ("Tanggal perubahan status", "-", date_format(dates.today())),
    ]
    first, second = ImportBatch.objects.order_by("pk")
    page = history.content.decode()
    # The operator may not open petugas pages: named, not linked.
    assert (page.count(">wulan</a>"), page.count("<td>wulan</td>")) == (0, 2)
    assert [f"Impor #{batch.pk} oleh wulan, berkas daftar.csv" in page for batch in (first, second)] == [True, True]
    assert [(h.history_type, h.import_batch.created, h.import_batch.updated) for h in wksbm.history.all()] == [
        ("~", 0, 1),
        ("+", 1, 0),
    ]


def test_a_bad_file_shows_every_reason_with_its_row_number_and_writes_nothing(gunungkidul):
    bad_status = ROW_NGUDI.replace(";aktif;", ";setengah aktif;")
    no_name = ROW_SEMIN.replace("WKSBM Sejahtera", "")

    response = upload(gunungkidul, csv_file(HEADER, ROW_SEMIN.replace("10/08", "31/02"), bad_status, no_name))

    errors = refusals(response)
    assert [error.split(":")[0] for error in errors] == [
        "Baris 2, kolom tanggal_pembentukan",
        "Baris 3, kolom status",
        "Baris 4, kolom nama_wksbm",
    ]
    assert all(error in text(response) for error in errors)
    assert response.context["confirm_form"] is None
    assert "Konfirmasi impor" not in text(response)
    assert (Wksbm.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_an_unreadable_file_shows_a_clean_indonesian_message(gunungkidul):
    noise = random.Random(5).randbytes(3000)

    response = upload(gunungkidul, noise, name="daftar.xlsx")

    assert response.status_code == 200
    assert refusals(response) == [
        "Berkas .xlsx rusak atau bukan berkas Excel. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi."
    ]
    assert [word in text(response) for word in ("Traceback", "Error", "Exception", "BadZipFile")] == [False] * 4
    assert Wksbm.objects.count() == 0


def test_an_operator_of_sleman_importing_a_gunungkidul_row_is_refused(client):
    client.force_login(petugas("bayu", Role.KABUPATEN, "34.04"))

    response = upload(client, csv_file(HEADER, ROW_SLEMAN, ROW_NGUDI))

    assert refusals(response) == ["Baris 3: wilayah 34.03.08.2004 di luar wilayah kerja Anda."]
    assert response.context["confirm_form"] is None
    assert Wksbm.objects.count() == 0


def test_a_preview_cannot_be_confirmed_by_another_user(gunungkidul):
    preview = upload(gunungkidul, csv_file(HEADER, ROW_NGUDI))
    gunungkidul.force_login(petugas("dimas", Role.KABUPATEN, "34.03"))  # another operator of the same kabupaten

    response = confirm(gunungkidul, preview)

    assert (response.status_code, response.url, Wksbm.objects.count()) == (302, WKSBM_IMPORT, 0)


def test_a_plan_refused_by_the_time_of_confirming_shows_the_reasons_instead(gunungkidul):
    preview = upload(gunungkidul, csv_file(HEADER, ROW_NGUDI))
    UserArea.objects.filter(user__username="wulan").update(wilayah=desa("34.03.12"))

    response = confirm(gunungkidul, preview)

    assert response.status_code == 200
    assert refusals(response) == ["Baris 2: wilayah 34.03.08.2004 di luar wilayah kerja Anda."]
    assert (Wksbm.objects.count(), ImportBatch.objects.count()) == (0, 0)


@pytest.mark.parametrize(("role", "area"), [(Role.PENYULUH, "34.03.08"), (Role.PIMPINAN, "34.03")])
def test_penyuluh_and_pimpinan_cannot_import(client, role, area):
    client.force_login(petugas("petugas", role, area))

    statuses = [
        client.get(WKSBM_IMPORT).status_code,
        upload(client, csv_file(HEADER, ROW_NGUDI)).status_code,
        client.post(WKSBM_CONFIRM, {"ticket": "x"}).status_code,
        client.get(KPS_IMPORT).status_code,
        client.get("/admin/registry/wksbm/templat.xlsx").status_code,
    ]
    listed = client.get(WKSBM_LIST)

    assert statuses == [403] * 5
    if role == Role.PENYULUH:
        assert listed.status_code == 403  # the penyuluh does not use the admin at all
    else:
        changelist = page(listed)
        assert ('class="import_link"' in changelist, 'class="export_link"' in changelist) == (False, True)
    assert Wksbm.objects.count() == 0


def seed_gunungkidul_and_sleman() -> None:
    """Two WKSBM in Semanu (34.03.08), one in Semin (34.03.12), one in Sleman, a KPS of each kabupaten."""
    dinsos = User.objects.create_superuser("dinsos")
    second = ";Gunungkidul;Semanu;Pacarejo;WKSBM Guyub Rukun;01/02/2020;aktif;Tukiyem;Paiman;"
    WksbmListImport(user=dinsos).run(csv_file(HEADER, ROW_NGUDI, second, ROW_SEMIN, ROW_SLEMAN), "a.csv", dry_run=False)
    kps = "\r\n".join(
        [
            "kode_wilayah;nama_kps;jenis_kps;nama_wksbm;ketua_kps;jumlah_anggota",
            "34.03.08.2004;Karang Taruna Tunas Harapan;Karang Taruna;WKSBM Ngudi Rahayu;Agus;25",
            "34.04.07.2003;PKK Condongcatur;PKK;WKSBM Condongcatur;Rini;40",
        ]
    )
    KpsListImport(user=dinsos).run(kps.encode(), "k.csv", dry_run=False)


def exported(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
def test_export_of_a_scoped_filtered_list_reimports_as_all_unchanged(gunungkidul, file_format):
    seed_gunungkidul_and_sleman()
    extension = {CSV: "csv", XLSX: "xlsx"}[file_format]

    response = gunungkidul.post(f"{WKSBM_EXPORT}?kecamatan=34.03.08", {"format": file_format})
    data = exported(response)
    preview = upload(gunungkidul, data, name=f"ekspor.{extension}")

    if extension == "csv":
        lines = data.decode("utf-8-sig").splitlines()
        header, names = lines[0].split(";"), [line.split(";")[4] for line in lines[1:]]
    else:
        rows = list(load_workbook(io.BytesIO(data)).active.values)
        header, names = list(rows[0]), [row[4] for row in rows[1:]]
    assert (
        response["Content-Disposition"] == f'attachment; filename="daftar-wksbm-{dates.today():%Y-%m-%d}.{extension}"'
    )
    assert header == [column_title(name) for name in WKSBM_COLUMNS]
    assert names == ["WKSBM Guyub Rukun", "WKSBM Ngudi Rahayu"]
    assert [(row.number, row.action) for row in preview.context["plan"].rows] == [
        (2, Action.UNCHANGED),
        (3, Action.UNCHANGED),
    ]


def test_a_kps_export_holds_only_the_users_area_and_reimports_as_unchanged(gunungkidul):
    seed_gunungkidul_and_sleman()

    response = gunungkidul.post(KPS_EXPORT, {"format": CSV})
    data = exported(response)
    preview = upload(gunungkidul, data, name="kps.csv", url=KPS_IMPORT)

    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].split(";") == [
        "Kode wilayah",
        "Kabupaten",
        "Kecamatan",
        "Desa",
        "Nama KPS",
        "Jenis KPS",
        "Nama WKSBM",
        "Ketua KPS",
        "Jumlah anggota",
        "Telepon",
    ]
    assert [line.split(";")[4] for line in lines[1:]] == ["Karang Taruna Tunas Harapan"]
    assert [row.action for row in preview.context["plan"].rows] == [Action.UNCHANGED]
    assert Kps.objects.count() == 2


def test_a_text_that_excel_would_run_is_neutralised_in_the_export(gunungkidul):
    seed_gunungkidul_and_sleman()
    Wksbm.objects.filter(name="WKSBM Ngudi Rahayu").update(address='=HYPERLINK("http://x")')

    data = exported(gunungkidul.post(f"{WKSBM_EXPORT}?q=Ngudi", {"format": CSV}))

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [row[5] for row in rows[1:]] == ['\'=HYPERLINK("http://x")']


def test_the_export_costs_the_same_queries_for_one_row_and_for_many(gunungkidul):
    def export_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            exported(gunungkidul.post(WKSBM_EXPORT, {"format": CSV}))
        return len(queries)

    WksbmFactory()
    one = export_queries()
    WksbmFactory.create_batch(30)
    many = export_queries()

    assert one == many


def test_the_templates_download_with_the_columns_and_one_example_row(gunungkidul):
    csv_template = exported(gunungkidul.get("/admin/registry/wksbm/templat.csv"))
    xlsx_response = gunungkidul.get("/admin/registry/wksbm/templat.xlsx")
    kps_template = exported(gunungkidul.get("/admin/registry/kps/templat.csv"))
    operator = User.objects.get(username="wulan")

    wksbm_plan = WksbmListImport(user=operator).run(csv_template, "templat-wksbm.csv", dry_run=False)[0]
    kps_plan = KpsListImport(user=operator).plan(kps_template, "templat-kps.csv")
    sheet = list(load_workbook(io.BytesIO(xlsx_response.content)).active.values)

    assert csv_template.decode("utf-8-sig").splitlines() == [
        ";".join(column_title(name) for name in WKSBM_COLUMNS),
        "34.03.08.2004;Gunungkidul;Semanu;Candirejo;WKSBM Ngudi Rahayu;Balai Kalurahan Candirejo;08/08/2019;"
        "141/12/KPTS/2019;20/08/2019;aktif;Sutrisno;Sri Lestari;Wahyuni;0812-3456-7890",
    ]
    assert xlsx_response["Content-Disposition"] == 'attachment; filename="templat-wksbm.xlsx"'
    assert (list(sheet[0]), len(sheet), sheet[1][4]) == (
        [column_title(name) for name in WKSBM_COLUMNS],
        2,
        "WKSBM Ngudi Rahayu",
    )
    assert [(row.action, row.errors) for row in wksbm_plan.rows] == [(Action.NEW, [])]
    assert [(row.action, row.errors) for row in kps_plan.rows] == [(Action.NEW, [])]
    assert 'href="/admin/registry/wksbm/templat.xlsx"' in page(gunungkidul.get(WKSBM_IMPORT))


GOOD = csv_file(HEADER, ROW_NGUDI, ROW_SEMIN)
SAME_FILES = {
    "good": ("daftar.csv", GOOD),
    "bad rows": (
        "daftar.csv",
        csv_file(HEADER, ROW_NGUDI.replace("aktif", "rusak"), ROW_SEMIN.replace("10/08", "99/99")),
    ),
    "out of area": ("daftar.csv", csv_file(HEADER, ROW_NGUDI, ROW_SLEMAN)),
    "unknown column": ("daftar.csv", csv_file(HEADER + ";catatan", ROW_NGUDI + ";x")),
    "random bytes": ("daftar.xlsx", random.Random(7).randbytes(500)),
    "empty": ("daftar.csv", b""),
    "old excel": ("daftar.xls", GOOD),
}


@pytest.mark.parametrize("case", SAME_FILES)
def test_the_admin_and_the_command_accept_and_refuse_the_same_files(gunungkidul, tmp_path, case):
    name, data = SAME_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)
    stderr = io.StringIO()

    response = upload(gunungkidul, data, name=name)
    try:
        call_command("import_wksbm", str(path), "--dry-run", "--user", "wulan", stderr=stderr, stdout=io.StringIO())
        command = (True, [])
    except CommandError:
        command = (False, stderr.getvalue().splitlines())

    admin = (
        response.context["confirm_form"] is not None,
        [] if response.context["confirm_form"] else refusals(response),
    )
    assert admin == command
    assert admin[0] == (case == "good")


def test_a_preview_that_no_longer_holds_is_shown_again_and_nothing_is_written(gunungkidul):
    data = csv_file(HEADER, ROW_NGUDI)
    first, second = upload(gunungkidul, data), upload(gunungkidul, data)
    confirm(gunungkidul, first)
    history = (Wksbm.history.count(), Pengurus.history.count(), ImportBatch.objects.count())

    again = confirm(gunungkidul, second)

    assert again.status_code == 200
    assert flash(again) == [
        f"Impor #{ImportBatch.objects.get().pk} berhasil: baru 1, berubah 0, tetap 0.",
        "Data berubah sejak pratinjau. Periksa pratinjau terbaru lalu simpan.",
    ]
    assert again.context["counts"] == {"new": 0, "changed": 0, "unchanged": 1, "refused": 0}
    assert (Wksbm.history.count(), Pengurus.history.count(), ImportBatch.objects.count()) == history
    # The renewed preview can be confirmed: it writes what it shows.
    renewed = confirm(gunungkidul, again)
    assert renewed.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    assert (batch.created, batch.updated, batch.unchanged) == (0, 0, 1)
    assert (Wksbm.objects.count(), Wksbm.history.count()) == (1, history[0])
