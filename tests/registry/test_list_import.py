"""WKSBM and KPS list imports end to end: preview, all-or-nothing commit, scope, history, round trip."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from registry.exports.files import csv_chunks, xlsx_bytes
from registry.exports.lists import KPS_COLUMNS, WKSBM_COLUMNS, kps_rows, wksbm_rows
from registry.imports.errors import ImportRefused
from registry.imports.kps_list import KpsListImport
from registry.imports.plan import Action
from registry.imports.wksbm_list import WksbmListImport
from registry.models import ImportBatch, Kps, KpsMembership, Pengurus, UserArea, Wksbm

pytestmark = pytest.mark.usefixtures("diy")

HEADER = "kode_wilayah;kabupaten;kecamatan;desa;nama_wksbm;tanggal_pembentukan;status;ketua;sekretaris;telepon"
ROW_NGUDI = (
    ";Gunung Kidul;Kec. Semanu;Candirejo;WKSBM Ngudi Rahayu;8 Agustus 2019;aktif;Sutrisno;Sri Lestari;0812-3456-7890"
)
ROW_SEMIN = "34.03.12.2006;;;;WKSBM Sejahtera;10/08/2019;mati suri;Bambang;;"


def csv_file(*lines: str, encoding="utf-8-sig") -> bytes:
    return "\r\n".join(lines).encode(encoding)


def system():
    return User.objects.create_superuser("dinsos")


def operator(area="34.03"):
    user = User.objects.create_user(f"op-{area}", is_staff=True)
    UserArea.objects.create(user=user, wilayah_id=area)
    return user


def import_wksbm(data, *, user, filename="daftar.csv", dry_run=False):
    return WksbmListImport(user=user).run(data, filename, dry_run=dry_run)


def test_a_kabupaten_list_is_previewed_then_committed():
    user = system()

    plan, batch = import_wksbm(csv_file(HEADER, ROW_NGUDI, ROW_SEMIN), user=user)

    ngudi = Wksbm.objects.with_summary().get(name="WKSBM Ngudi Rahayu")
    semin = Wksbm.objects.with_summary().get(name="WKSBM Sejahtera")
    assert [(row.number, row.action) for row in plan.rows] == [(2, Action.NEW), (3, Action.NEW)]
    assert (batch.created, batch.updated, batch.unchanged, batch.user) == (2, 0, 0, user)
    assert (ngudi.wilayah_id, ngudi.formed_on, ngudi.phone, ngudi.board_complete) == (
        "34.03.08.2004",
        datetime.date(2019, 8, 8),
        "+6281234567890",
        True,
    )
    assert (semin.status, semin.board_complete) == ("vakum", False)


def test_reimporting_the_same_file_changes_nothing():
    user = system()
    data = csv_file(HEADER, ROW_NGUDI, ROW_SEMIN)
    import_wksbm(data, user=user)
    history_before = (Wksbm.history.count(), Pengurus.history.count())

    plan, _batch = import_wksbm(data, user=user)

    assert [row.action for row in plan.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assert (Wksbm.history.count(), Pengurus.history.count()) == history_before


def test_a_changed_cell_updates_that_field_and_leaves_history_tied_to_the_batch():
    user = system()
    import_wksbm(csv_file(HEADER, ROW_NGUDI), user=user)
    changed = ROW_NGUDI.replace(";aktif;Sutrisno;", ";vakum;Bambang Wahyu;")

    plan, batch = import_wksbm(csv_file(HEADER, changed), user=user)

    wksbm = Wksbm.objects.get()
    latest = wksbm.history.latest()
    ketua = Pengurus.objects.current().filter(wksbm=wksbm, role__slug="ketua")
    assert plan.rows[0].changes == {"status": ("Aktif", "Vakum"), "ketua": ("Sutrisno", "Bambang Wahyu")}
    assert (latest.status, latest.import_batch, latest.history_user) == ("vakum", batch, user)
    assert [p.name for p in ketua] == ["Bambang Wahyu"]
    assert Pengurus.objects.get(name="Sutrisno").period_to is not None
    assert Pengurus.history.filter(import_batch=batch).count() == 2


def test_a_wksbm_without_ketua_or_sekretaris_is_imported_as_incomplete():
    plan, _batch = import_wksbm(csv_file(HEADER, ROW_SEMIN), user=system())

    assert plan.rows[0].values["kepengurusan"] == "belum lengkap"
    assert list(Wksbm.objects.incomplete_board().values_list("name", flat=True)) == ["WKSBM Sejahtera"]


def test_one_bad_row_among_many_refuses_the_whole_file():
    rows = [f"34.03.08.2004;;;;WKSBM Nomor {n};01/01/2020;aktif;;;" for n in range(60)]
    rows[41] = "34.03.08.2004;;;;WKSBM Rusak;31/02/2020;aktif;;;"

    plan, batch = import_wksbm(csv_file(HEADER, *rows), user=system())

    assert batch is None
    assert plan.errors == ['Baris 43, kolom tanggal_pembentukan: Tanggal "31/02/2020" tidak ada di kalender.']
    assert (Wksbm.objects.count(), ImportBatch.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ";Gunungkidul;;Candirejo;WKSBM X;;;;;",
            "Baris 2, kolom desa: ",
        ),
        (";Gunungkidul;Semanu;Candirejoo;WKSBM X;;;;;", "Baris 2, kolom desa: "),
        ("34.03.08.2004;;;;WKSBM X;;setengah aktif;;;", "Baris 2, kolom status: "),
        ("34.03.08.2004;;;;;;aktif;;;", "Baris 2, kolom nama_wksbm: wajib diisi."),
        ("34.03;;;;WKSBM X;;aktif;;;", "Baris 2: wilayah 34.03 bukan kecamatan atau desa/kelurahan"),
        ("34.03.08.2004;;;;WKSBM X;;aktif;;;12", "Baris 2, kolom telepon: "),
        ("34.03.08.2004;;;;WKSBM X;01/01/2999;aktif;;;", "Baris 2, kolom tanggal_pembentukan: "),
    ],
    ids=["ambiguous desa", "unknown desa", "status", "missing name", "kabupaten level", "phone", "future date"],
)
def test_a_bad_row_is_refused_with_its_reason(row, message):
    plan, batch = import_wksbm(csv_file(HEADER, row), user=system())

    assert batch is None
    assert len(plan.errors) == 1 and plan.errors[0].startswith(message), plan.errors
    assert Wksbm.objects.count() == 0


def test_an_ambiguous_desa_lists_both_candirejo():
    plan, _batch = import_wksbm(csv_file(HEADER, ";Gunungkidul;;Candirejo;WKSBM X;;;;;"), user=system())

    assert ("34.03.08.2004" in plan.errors[0], "34.03.12.2006" in plan.errors[0]) == (True, True)


def test_the_same_wksbm_twice_in_a_file_is_refused():
    plan, _batch = import_wksbm(
        csv_file(HEADER, ROW_NGUDI, ROW_NGUDI.replace("Ngudi Rahayu", "ngudi  rahayu")), user=system()
    )

    assert plan.errors == ["Baris 3, kolom nama_wksbm: WKSBM yang sama sudah ada di baris 2."]


def test_rows_outside_the_users_area_refuse_the_whole_file():
    sleman_row = "34.04.07.2003;;;;WKSBM Condongcatur;;aktif;;;"

    plan, batch = import_wksbm(csv_file(HEADER, ROW_NGUDI, sleman_row), user=operator("34.03"))

    assert batch is None
    assert plan.errors == ["Baris 3: wilayah 34.04.07.2003 di luar wilayah kerja Anda."]
    assert Wksbm.objects.count() == 0


def test_an_operator_imports_within_their_kabupaten():
    user = operator("34.03")

    _plan, batch = import_wksbm(csv_file(HEADER, ROW_NGUDI, ROW_SEMIN), user=user)

    assert (batch.created, Wksbm.objects.for_user(user).count()) == (2, 2)


def test_an_unknown_column_refuses_the_file_naming_it():
    with pytest.raises(ImportRefused) as refused:
        import_wksbm(csv_file(HEADER + ";catatan rahasia", ROW_NGUDI + ";x"), user=system())

    assert "catatan rahasia" in refused.value.messages[0]


def test_windows_1252_semicolons_and_a_number_column_are_accepted():
    data = csv_file(
        "No.;Kabupaten;Kapanewon;Kalurahan;Nama WKSBM;Ketua",
        "1;Kab. Gunungkidul;Semanu;Candirejo;WKSBM Café Sejahtera;Suparmi",
        encoding="cp1252",
    )

    plan, batch = import_wksbm(data, user=system())

    assert (plan.errors, batch.created) == ([], 1)
    assert Wksbm.objects.get().name == "WKSBM Café Sejahtera"


def test_an_xlsx_with_date_cells_is_accepted():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kode Wilayah", "NAMA_WKSBM", "Tanggal Pembentukan", "Tanggal SK"])
    sheet.append(["34.03.08.2004", "WKSBM Ngudi Rahayu", datetime.date(2019, 8, 8), "17 Juni 2025"])
    output = io.BytesIO()
    workbook.save(output)

    _plan, batch = import_wksbm(output.getvalue(), user=system(), filename="daftar.xlsx")

    wksbm = Wksbm.objects.get()
    assert (batch.created, wksbm.formed_on, wksbm.sk_date) == (1, datetime.date(2019, 8, 8), datetime.date(2025, 6, 17))


def test_a_dry_run_writes_nothing():
    plan, batch = import_wksbm(csv_file(HEADER, ROW_NGUDI), user=system(), dry_run=True)

    assert (plan.count(Action.NEW), batch, Wksbm.objects.count(), Pengurus.objects.count()) == (1, None, 0, 0)


KPS_HEADER = "kode_wilayah;kabupaten;kecamatan;desa;nama_kps;jenis_kps;nama_wksbm;ketua_kps;jumlah_anggota;telepon"


def test_kps_join_their_wksbm_and_move_when_the_list_says_so():
    user = system()
    import_wksbm(csv_file(HEADER, ROW_NGUDI, "34.03.08;;;;Forum WKSBM Semanu;;aktif;;;"), user=user)
    first = csv_file(
        KPS_HEADER,
        "34.03.08.2004;;;;Karang Taruna Tunas Muda;karang taruna;WKSBM Ngudi Rahayu;Agus;25;",
        "34.03.08.2004;;;;PKK Candirejo;PKK;;Sri;40;",
    )
    KpsListImport(user=user).run(first, "kps.csv", dry_run=False)
    moved = csv_file(
        KPS_HEADER, "34.03.08.2004;;;;Karang Taruna Tunas Muda;KarangTaruna;Forum WKSBM Semanu;Agus;1.250;"
    )

    plan, batch = KpsListImport(user=user).run(moved, "kps.csv", dry_run=False)

    current = KpsMembership.objects.current().get(kps__name="Karang Taruna Tunas Muda")
    assert plan.rows[0].changes == {
        "jumlah_anggota": ("25", "1250"),
        "nama_wksbm": ("WKSBM Ngudi Rahayu", "Forum WKSBM Semanu"),
    }
    assert (current.wksbm.name, KpsMembership.objects.count(), batch.updated) == ("Forum WKSBM Semanu", 2, 1)
    assert Kps.objects.get(name="PKK Candirejo").memberships.count() == 0


def test_a_changed_kps_kind_is_stored_and_carried_by_its_new_membership():
    user = system()
    import_wksbm(csv_file(HEADER, ROW_NGUDI), user=user)
    KpsListImport(user=user).run(csv_file(KPS_HEADER, "34.03.08.2004;;;;Tunas Muda;PKK;;;;"), "kps.csv", dry_run=False)
    rows = [
        "34.03.08.2004;;;;Tunas Muda;Karang Taruna;WKSBM Ngudi Rahayu;;;",
        "34.03.08.2004;;;;Posyandu Mawar;Posyandu;WKSBM Ngudi Rahayu;;;",
    ]

    plan, _batch = KpsListImport(user=user).run(csv_file(KPS_HEADER, *rows), "kps.csv", dry_run=False)

    assert plan.rows[0].changes["jenis_kps"] == ("PKK", "Karang Taruna")
    assert Kps.objects.get(name="Tunas Muda").kind.name == "Karang Taruna"
    assert Kps.history.filter(name="Tunas Muda").first().kind.name == "Karang Taruna"
    kinds = dict(KpsMembership.objects.values_list("kps__name", "kind__name"))
    assert kinds == {"Tunas Muda": "Karang Taruna", "Posyandu Mawar": "Posyandu"}


def test_an_unknown_kps_kind_lists_the_known_ones():
    plan, _batch = KpsListImport(user=system()).run(
        csv_file(KPS_HEADER, "34.03.08.2004;;;;Arisan RT 3;arisan;;;;"), "kps.csv", dry_run=False
    )

    assert plan.errors[0].startswith('Baris 2, kolom jenis_kps: Jenis KPS "arisan" tidak dikenal; yang dikenal: ')
    assert "Karang Taruna" in plan.errors[0]


def test_a_kps_naming_a_wksbm_of_another_desa_is_refused():
    user = system()
    import_wksbm(csv_file(HEADER, ROW_SEMIN), user=user)

    plan, _batch = KpsListImport(user=user).run(
        csv_file(KPS_HEADER, "34.03.08.2004;;;;PKK Candirejo;PKK;WKSBM Sejahtera;;;"), "kps.csv", dry_run=False
    )

    assert plan.errors == [
        'Baris 2, kolom nama_wksbm: WKSBM "WKSBM Sejahtera" tidak ada di desa atau kecamatan KPS ini; '
        "impor daftar WKSBM lebih dulu."
    ]


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(format_):
    user = system()
    import_wksbm(
        csv_file(HEADER, ROW_NGUDI, ROW_SEMIN, "34.03.08;;;;=HYPERLINK(1);;aktif;-Ketua;@Sekretaris;"), user=user
    )
    KpsListImport(user=user).run(
        csv_file(KPS_HEADER, "34.03.08.2004;;;;+Karang Taruna;karang taruna;WKSBM Ngudi Rahayu;Agus;25;0812 3456 7891"),
        "kps.csv",
        dry_run=False,
    )

    def exported(columns, rows):
        if format_ == "csv":
            return "".join(csv_chunks(columns, rows)).encode("utf-8")
        return xlsx_bytes(columns, rows)

    wksbm_file = exported(WKSBM_COLUMNS, wksbm_rows(Wksbm.objects.all()))
    kps_file = exported(KPS_COLUMNS, kps_rows(Kps.objects.all()))
    wksbm_plan, _ = import_wksbm(wksbm_file, user=user, filename=f"x.{format_}")
    kps_plan, _ = KpsListImport(user=user).run(kps_file, f"x.{format_}", dry_run=False)

    assert [row.action for row in wksbm_plan.rows] == [Action.UNCHANGED] * 3
    assert [row.action for row in kps_plan.rows] == [Action.UNCHANGED]


def test_exports_neutralise_formulas():
    user = system()
    import_wksbm(csv_file(HEADER, "34.03.08;;;;=SUM(A1:A9);;aktif;+62 Ketua;@Sekretaris;"), user=user)

    text = "".join(csv_chunks(WKSBM_COLUMNS, wksbm_rows(Wksbm.objects.all())))
    sheet = load_workbook(io.BytesIO(xlsx_bytes(WKSBM_COLUMNS, wksbm_rows(Wksbm.objects.all())))).active

    cells = [cell.value for cell in sheet[2]]
    assert ("'=SUM(A1:A9)" in text, "'+62 Ketua" in text, "'@Sekretaris" in text) == (True, True, True)
    assert ("'=SUM(A1:A9)" in cells, "'+62 Ketua" in cells, "'@Sekretaris" in cells) == (True, True, True)


def test_the_command_imports_and_refuses_with_exit_codes(tmp_path):
    good, bad = tmp_path / "baik.csv", tmp_path / "buruk.csv"
    good.write_bytes(csv_file(HEADER, ROW_NGUDI))
    bad.write_bytes(csv_file(HEADER, ROW_SEMIN.replace("mati suri", "entah")))
    out, err = io.StringIO(), io.StringIO()

    call_command("import_wksbm", str(good), "--dry-run", stdout=out)
    call_command("import_wksbm", str(good), stdout=out)
    with pytest.raises(CommandError) as refused:
        call_command("import_wksbm", str(bad), stdout=out, stderr=err)

    assert out.getvalue().splitlines() == [
        "Pemeriksaan berhasil, tidak ada yang disimpan (--dry-run): baru 1, berubah 0, tetap 0.",
        f"Impor #{ImportBatch.objects.get().pk} berhasil: baru 1, berubah 0, tetap 0.",
    ]
    assert (refused.value.returncode, Wksbm.objects.count()) == (1, 1)
    assert err.getvalue().startswith("Baris 2, kolom status: ")


def test_the_command_imports_as_a_user_within_their_area(tmp_path):
    operator("34.04")
    path = tmp_path / "gk.csv"
    path.write_bytes(csv_file(HEADER, ROW_NGUDI))

    with pytest.raises(CommandError):
        call_command("import_wksbm", str(path), "--user", "op-34.04", stderr=io.StringIO())

    assert Wksbm.objects.count() == 0


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["34.03.08.2004", "Gunungkidul", "Candirejo", "aktif", "31/02/2020", "=1+1", "Rp1.000", ""]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=10, max_size=10), min_size=1, max_size=6))
def test_random_rows_never_crash_and_never_half_write(rows):
    user = User.objects.get_or_create(username="acak", defaults={"is_superuser": True, "is_staff": True})[0]
    before = (Wksbm.objects.count(), Pengurus.objects.count())
    lines = [";".join(cell.replace(";", ",").replace("\n", " ").replace("\r", " ") for cell in row) for row in rows]

    try:
        _plan, batch = import_wksbm(csv_file(HEADER, *lines), user=user)
    except ImportRefused:
        batch = None

    after = (Wksbm.objects.count(), Pengurus.objects.count())
    if batch is None:
        assert after == before
    else:
        assert after[0] - before[0] == batch.created


def test_the_command_refuses_a_penyuluh_who_may_not_import_lists(tmp_path):
    from registry.enums import Role
    from registry.services.petugas import petugas_save

    petugas_save(by=None, username="sri", role=Role.PENYULUH, area_codes=["34.03.08"], password="Gunungkidul-2025!")
    path = tmp_path / "gk.csv"
    path.write_bytes(csv_file(HEADER, ROW_NGUDI))

    with pytest.raises(CommandError, match="Pengguna sri tidak berwenang mengimpor daftar ini."):
        call_command("import_wksbm", str(path), "--user", "sri")

    assert Wksbm.objects.count() == 0
