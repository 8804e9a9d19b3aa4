"""The attendance list import of an event: preview, all-or-nothing commit, asal desa resolved within the event's
kabupaten, re-import idempotent, and files accepted and refused exactly as the registry's list imports do."""

import io
import zipfile

import pytest
from django.contrib.auth.models import User

from registry.imports.errors import ImportRefused
from registry.imports.plan import Action
from registry.imports.wksbm_list import WksbmListImport
from registry.models import ImportBatch, Wilayah
from tests.registry.imports.spreadsheets import with_extra_member, xlsx_bytes
from tests.trainings.conftest import user_in
from tests.trainings.factories import PenyuluhanFactory, PesertaFactory
from trainings.attendance import AttendanceListImport
from trainings.models import Peserta, Unsur

pytestmark = pytest.mark.usefixtures("diy")

SEMANU_CANDIREJO = "34.03.08.2004"
SEMIN_CANDIREJO = "34.03.12.2006"
NGEPOSARI = "34.03.08.2001"  # Semanu
SAMBIREJO_NGAWEN = "34.03.13.2002"  # there is a Sambirejo in Sleman too (34.04.09.2004)
HEADER = "No;Nama;Unsur;Asal desa;Telepon"
ROWS = (
    "1;Sutrisno;Tokoh masyarakat;Ngeposari;0812-3456-7890",
    "2;Sri Lestari;TOGA;34.03.08.2004;",
    "3;Bambang;PKH;Sambirejo;",
)


def csv_file(*lines: str, encoding="utf-8-sig") -> bytes:
    return "\r\n".join(lines).encode(encoding)


@pytest.fixture
def event():
    """A penyuluhan at Semanu's Candirejo (Gunungkidul)."""
    return PenyuluhanFactory(theme="Pembentukan WKSBM Candirejo", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


@pytest.fixture
def operator():
    """A kabupaten operator of Gunungkidul."""
    return user_in("operator-gk", "34.03")


def attendance(data, *, user, event, filename="daftar-hadir.csv", dry_run=False):
    return AttendanceListImport(user=user, event=event).run(data, filename, dry_run=dry_run)


def rows_of(event) -> list[tuple]:
    return list(event.peserta.order_by("pk").values_list("name", "unsur__slug", "origin_id", "phone"))


def test_a_list_is_previewed_then_committed_with_its_batch(event, operator):
    plan, batch = attendance(
        csv_file(
            HEADER.replace(";Asal desa", ";Kecamatan;Asal desa"),
            *[
                "1;Sutrisno;Tokoh masyarakat;;Ngeposari;0812-3456-7890",
                "2;Sri Lestari;TOGA;Semanu;Candirejo;",
                "3;Bambang;PKH;;Sambirejo;",
            ],
        ),
        user=operator,
        event=event,
    )

    assert ([row.action for row in plan.rows], plan.errors) == ([Action.NEW] * 3, [])
    assert rows_of(event) == [
        ("Sutrisno", "tokoh-masyarakat", NGEPOSARI, "+6281234567890"),
        ("Sri Lestari", "tokoh-agama", SEMANU_CANDIREJO, ""),
        ("Bambang", "pendamping-pkh", SAMBIREJO_NGAWEN, ""),
    ]
    assert (batch.kind, batch.user, batch.created, batch.filename) == (
        ImportBatch.Kind.ATTENDANCE,
        operator,
        3,
        "daftar-hadir.csv",
    )
    assert Peserta.history.filter(import_batch=batch, history_user=operator).count() == 3


def test_a_preview_writes_nothing(event, operator):
    plan, batch = attendance(csv_file(HEADER, ROWS[0]), user=operator, event=event, dry_run=True)

    assert (plan.count(Action.NEW), batch, Peserta.objects.count(), ImportBatch.objects.count()) == (1, None, 0, 0)
    assert plan.rows[0].values == {
        "nama": "Sutrisno",
        "unsur": "Tokoh masyarakat",
        "asal_desa": f"Ngeposari ({NGEPOSARI})",
        "telepon": "0812-3456-7890",
    }


def test_reimporting_the_same_list_changes_nothing(event, operator):
    data = csv_file(HEADER, ROWS[0], "2;Sri Lestari;TOGA;34.03.08.2004;", ROWS[2])
    attendance(data, user=operator, event=event)
    respelled = csv_file(HEADER, ROWS[0].replace("Sutrisno", "SUTRISNO "), "2;sri  lestari;Tokoh Agama;3403082004;")
    before = (rows_of(event), Peserta.history.count())

    again, _batch = attendance(data, user=operator, event=event)
    respelled_plan, _batch = attendance(respelled, user=operator, event=event)

    assert [row.action for row in again.rows] == [Action.UNCHANGED] * 3
    assert [row.action for row in respelled_plan.rows] == [Action.UNCHANGED] * 2
    assert (rows_of(event), Peserta.history.count()) == before


def test_the_same_name_from_another_desa_or_at_another_event_is_another_participant(event, operator):
    attendance(csv_file(HEADER, ROWS[0]), user=operator, event=event)
    other_event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=NGEPOSARI))

    plan, _batch = attendance(csv_file(HEADER, ROWS[0].replace("Ngeposari", "Wareng")), user=operator, event=event)
    elsewhere, _batch = attendance(csv_file(HEADER, ROWS[0]), user=operator, event=other_event)

    assert ([row.action for row in plan.rows], [row.action for row in elsewhere.rows]) == ([Action.NEW], [Action.NEW])
    assert (event.peserta.count(), other_event.peserta.count()) == (2, 1)


def test_a_changed_unsur_or_phone_updates_the_participant_with_history_tied_to_the_batch(event, operator):
    attendance(csv_file(HEADER, *ROWS), user=operator, event=event)
    changed = csv_file(
        HEADER, ROWS[0].replace("Tokoh masyarakat", "kader"), "2;Sri Lestari;TOGA;34.03.08.2004;0274391234"
    )

    plan, batch = attendance(changed, user=operator, event=event)

    assert [row.changes for row in plan.rows] == [
        {"unsur": ("Tokoh masyarakat", "Kader")},
        {"telepon": ("", "(0274) 391234")},
    ]
    assert (batch.created, batch.updated, batch.unchanged) == (0, 2, 0)
    assert rows_of(event)[:2] == [
        ("Sutrisno", "kader", NGEPOSARI, "+6281234567890"),
        ("Sri Lestari", "tokoh-agama", SEMANU_CANDIREJO, "+62274391234"),
    ]
    assert list(Peserta.history.filter(import_batch=batch).values_list("name", flat=True).order_by("name")) == [
        "Sri Lestari",
        "Sutrisno",
    ]


def test_participants_entered_by_hand_are_recognised(event, operator):
    PesertaFactory(event=event, name="Sutrisno", unsur=Unsur.objects.get(slug="tokoh-masyarakat"), origin_id=NGEPOSARI)

    plan, _batch = attendance(csv_file(HEADER, ROWS[0]), user=operator, event=event)

    assert (plan.rows[0].action, plan.rows[0].changes) == (Action.CHANGED, {"telepon": ("", "0812-3456-7890")})
    assert event.peserta.count() == 1


def test_one_bad_row_among_many_refuses_the_whole_file(event, operator):
    rows = [f"{n};Peserta {n};kader;Ngeposari;" for n in range(1, 41)]
    rows[29] = "30;Peserta 30;kader;Ngeposarii;"

    plan, batch = attendance(csv_file(HEADER, *rows), user=operator, event=event)

    assert batch is None
    assert plan.errors == [
        'Baris 31, kolom asal_desa: Desa/kelurahan "Ngeposarii" tidak ditemukan di Kabupaten Gunungkidul; '
        "mungkin maksudnya: Ngeposari, Wonosari, Rejosari."
    ]
    assert (Peserta.objects.count(), ImportBatch.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "1;Sutrisno;kader;Candirejo;",
            'Baris 2, kolom asal_desa: Desa/kelurahan "Candirejo" cocok dengan 2 wilayah: ',
        ),
        ("1;Sutrisno;kader;Condongcatur;", 'Baris 2, kolom asal_desa: Desa/kelurahan "Condongcatur" tidak ditemukan'),
        (
            "1;Sutrisno;kader;34.04.07.2003;",
            "Baris 2, kolom asal_desa: Condongcatur (34.04.07.2003) di luar Kabupaten Gunungkidul, "
            "kabupaten tempat kegiatan ini.",
        ),
        ("1;Sutrisno;kader;34.03;", "Baris 2, kolom asal_desa: wilayah 34.03 bukan desa/kelurahan atau kecamatan."),
        ("1;Sutrisno;kader;;", "Baris 2, kolom asal_desa: wajib diisi."),
        ("1;;kader;Ngeposari;", "Baris 2, kolom nama: wajib diisi."),
        ("1;Sutrisno;;Ngeposari;", "Baris 2, kolom unsur: wajib diisi."),
        ("1;Sutrisno;arisan;Ngeposari;", 'Baris 2, kolom unsur: Unsur "arisan" tidak dikenal; yang dikenal: '),
        ("1;Sutrisno;kader;Ngeposari;12", "Baris 2, kolom telepon: "),
        ("1;" + "N" * 151 + ";kader;Ngeposari;", "Baris 2, kolom nama: "),
    ],
    ids=[
        "ambiguous desa",
        "desa of another kabupaten",
        "code of another kabupaten",
        "kabupaten level",
        "no origin",
        "no name",
        "no unsur",
        "unknown unsur",
        "phone",
        "name too long",
    ],
)
def test_a_bad_row_is_refused_with_its_reason(event, operator, row, message):
    plan, batch = attendance(csv_file(HEADER, row), user=operator, event=event)

    assert batch is None
    assert len(plan.errors) == 1 and plan.errors[0].startswith(message), plan.errors
    assert Peserta.objects.count() == 0


def test_an_ambiguous_desa_lists_both_candirejo_and_asks_for_the_kecamatan(event, operator):
    plan, _batch = attendance(csv_file(HEADER, "1;Sutrisno;kader;Candirejo;"), user=operator, event=event)

    assert (SEMANU_CANDIREJO in plan.errors[0], SEMIN_CANDIREJO in plan.errors[0]) == (True, True)
    assert plan.errors[0].endswith("Isi juga kolom kecamatan, atau isi kode_wilayah.")


def test_a_participant_named_with_another_kabupaten_is_refused_as_outside(event, operator):
    header = "Nama;Unsur;Kabupaten;Kecamatan;Desa"

    plan, _batch = attendance(csv_file(header, "Sutrisno;kader;Sleman;;Sambirejo"), user=operator, event=event)

    assert plan.errors == [
        "Baris 2, kolom asal_desa: Sambirejo (34.04.09.2004) di luar Kabupaten Gunungkidul, kabupaten tempat "
        "kegiatan ini."
    ]


def test_the_same_participant_twice_in_a_file_is_refused(event, operator):
    plan, _batch = attendance(csv_file(HEADER, ROWS[0], "2;sutrisno;kader;34.03.08.2001;"), user=operator, event=event)

    assert plan.errors == ["Baris 3, kolom nama: Peserta yang sama (nama dan asal) sudah ada di baris 2."]


def test_unsur_are_read_by_name_slug_and_the_usual_abbreviations(event, operator):
    written = ["Toma", "tokoh-agama", "Perangkat Kalurahan", "pendamping PKH", "TKSK", "Pekerja Sosial Masyarakat"]
    lines = [f"{n};Peserta {n};{unsur};Ngeposari;" for n, unsur in enumerate(written, start=1)]

    plan, _batch = attendance(csv_file(HEADER, *lines), user=operator, event=event)

    assert plan.errors == []
    assert [slug for _name, slug, _origin, _phone in rows_of(event)] == [
        "tokoh-masyarakat",
        "tokoh-agama",
        "perangkat-desa",
        "pendamping-pkh",
        "tksk",
        "psm",
    ]


def test_the_printed_attendance_sheet_typed_back_is_accepted(event, operator):
    data = xlsx_bytes(
        [
            ["DAFTAR HADIR PENYULUHAN SOSIAL"],
            ["No", "Nama", "Unsur", "Asal desa", "Tanda tangan"],
            [1, "Sutrisno", "Tokoh masyarakat", "Ngeposari", "1."],
            [2, "Sri Lestari", "Tokoh agama", "Sambirejo", None],
        ]
    )

    plan, batch = attendance(data, user=operator, event=event, filename="daftar hadir.xlsx")

    assert (plan.errors, batch.created) == ([], 2)
    assert [origin for _name, _slug, origin, _phone in rows_of(event)] == [NGEPOSARI, SAMBIREJO_NGAWEN]


def test_windows_1252_with_a_title_row_is_accepted(event, operator):
    data = csv_file(
        "Daftar hadir;;;", "Nama Peserta;Unsur Peserta;Desa;No HP", "Café Suparmi;Kader;Ngeposari;", encoding="cp1252"
    )

    _plan, batch = attendance(data, user=operator, event=event)

    assert (batch.created, event.peserta.get().name) == (1, "Café Suparmi")


def test_an_event_outside_the_users_area_is_refused_whole(event):
    semin_penyuluh = user_in("penyuluh-semin", "34.03.12")

    with pytest.raises(ImportRefused) as refused:
        attendance(csv_file(HEADER, ROWS[0]), user=semin_penyuluh, event=event)

    assert refused.value.messages == ["Kegiatan ini di luar wilayah kerja Anda."]
    assert Peserta.objects.count() == 0


def test_a_participant_from_outside_the_users_own_area_but_inside_the_kabupaten_is_accepted(event):
    """A Semanu penyuluh's event draws people from the whole kabupaten; the event is what must be in their area."""
    penyuluh = user_in("penyuluh-semanu", "34.03.08")

    _plan, batch = attendance(csv_file(HEADER, ROWS[2]), user=penyuluh, event=event)

    assert (batch.created, rows_of(event)[0][2]) == (1, SAMBIREJO_NGAWEN)


def test_unknown_and_missing_columns_refuse_the_file_naming_them(event, operator):
    with pytest.raises(ImportRefused) as unknown:
        attendance(csv_file(HEADER + ";catatan rahasia", ROWS[0] + ";x"), user=operator, event=event)
    with pytest.raises(ImportRefused) as missing:
        attendance(csv_file("Nama;Telepon", "Sutrisno;"), user=operator, event=event)

    assert "catatan rahasia" in unknown.value.messages[0]
    assert missing.value.messages == [
        "Kolom wajib tidak ada: unsur.",
        "Kolom wajib tidak ada: isi salah satu dari asal_desa, kecamatan atau kode_wilayah.",
    ]


def zip_bomb() -> bytes:
    return with_extra_member(xlsx_bytes([["nama", "unsur"], ["a", "b"]]), "xl/bom.xml", b"0" * (120 * 1024 * 1024))


def encrypted_like() -> bytes:
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600


def broken_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "bukan buku kerja")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "daftar.csv"),
        (b"", "daftar.xlsx"),
        (b"nama;unsur\r\n", "daftar.csv"),
        (b" ; \r\n;\r\n", "daftar.csv"),
        (b"nama;unsur\r\nA;B", "daftar.txt"),
        (b"nama;unsur\r\nA;B", "daftar"),
        (encrypted_like(), "daftar.xls"),
        (encrypted_like(), "daftar.xlsx"),
        (broken_zip(), "daftar.xlsx"),
        (b"PK\x03\x04 rusak", "daftar.xlsx"),
        (b"nama;unsur\r\n\x00\x01\x02;B", "daftar.csv"),
        (b"nama;unsur\r\n\xff\xfe\x81\x8d;B", "daftar.csv"),
        (b"x" * (10 * 1024 * 1024 + 1), "daftar.csv"),
    ],
    ids=[
        "empty csv",
        "empty xlsx",
        "header only",
        "blank cells",
        "txt",
        "no extension",
        "xls",
        "encrypted xlsx",
        "zip not workbook",
        "broken xlsx",
        "binary csv",
        "undecodable",
        "too large",
    ],
)
def test_unreadable_files_are_refused_with_the_registry_imports_words(event, data, filename):
    """The same reader: whatever the WKSBM list import says of a file that cannot be read, this one says too."""
    user = User.objects.create_superuser("dinsos")

    with pytest.raises(ImportRefused) as registry_refusal:
        WksbmListImport(user=user).run(data, filename, dry_run=True)
    with pytest.raises(ImportRefused) as refusal:
        attendance(data, user=user, event=event, filename=filename)

    assert refusal.value.messages == registry_refusal.value.messages
    assert Peserta.objects.count() == 0


def test_a_zip_bomb_is_refused_like_the_registry_refuses_it(event):
    user = User.objects.create_superuser("dinsos")
    data = zip_bomb()

    with pytest.raises(ImportRefused) as registry_refusal:
        WksbmListImport(user=user).run(data, "daftar.xlsx", dry_run=True)
    with pytest.raises(ImportRefused) as refusal:
        attendance(data, user=user, event=event, filename="daftar.xlsx")

    assert refusal.value.messages == registry_refusal.value.messages
