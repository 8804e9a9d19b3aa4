"""Mitra and tie (jejaring) list imports: previewed, all or nothing, history per batch, counts that are what was
stored, natural keys, the importer's area, Indonesian messages per row and column; and their exports, which
import back unchanged."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from registry.enums import MitraLevel, Role
from registry.exports.files import csv_chunks, xlsx_bytes
from registry.exports.network_lists import JEJARING_COLUMNS, MITRA_COLUMNS, jejaring_rows, mitra_rows
from registry.imports.errors import ImportRefused
from registry.imports.jejaring_list import JejaringListImport
from registry.imports.mitra_list import MitraListImport
from registry.imports.normalize import is_blank
from registry.imports.plan import Action
from registry.models import ImportBatch, Jejaring, JejaringKind, Mitra, MitraContact, MitraKind, Wilayah
from registry.services.petugas import petugas_save
from registry.spreadsheet_safety import restore
from registry.validators import clean_name, name_key
from tests.factories import WksbmFactory, desa
from tests.registry.network.factories import JejaringFactory, MitraContactFactory, MitraFactory

pytestmark = pytest.mark.usefixtures("diy")

MITRA_HEADER = "kode_wilayah;kabupaten;kecamatan;desa;nama_mitra;jenis_mitra;tingkat;alamat;narahubung;jabatan;telepon"
BAZNAS = "34.03.01;;;;Baznas Gunungkidul;Baznas/lembaga zakat;kabupaten;Wonosari;Suparno;Ketua;0812-2700-1234"
PUSKESMAS = ";Gunung Kidul;Kec. Semanu;Candirejo;Puskesmas Semanu II;puskesmas;kecamatan;;;;"
SLEMAN_LKS = "34.04.07.2003;;;;LKS Condongcatur;LKS;desa;;;;"
TIE_HEADER = (
    "kode_wilayah;nama_wksbm;nama_mitra;wksbm_mitra;kode_wilayah_mitra;jenis_jejaring;tanggal_mulai;tanggal_berakhir;"
    "nomor_mou"
)


def csv_file(*lines: str) -> bytes:
    return "\r\n".join(lines).encode("utf-8-sig")


@pytest.fixture
def dinsos():
    return User.objects.create_superuser("dinsos")


def petugas(username: str, role: Role, area: str) -> User:
    return petugas_save(by=None, username=username, role=role, area_codes=[area], password="Gunungkidul-2025!")[0]


def import_mitra(data, *, user, dry_run=False):
    return MitraListImport(user=user).run(data, "mitra.csv", dry_run=dry_run)


def import_ties(data, *, user, dry_run=False):
    return JejaringListImport(user=user).run(data, "jejaring.csv", dry_run=dry_run)


# --- Mitra ------------------------------------------------------------------------------------------------------


def test_a_mitra_list_is_previewed_then_committed_with_contacts_and_history(dinsos):
    plan, batch = import_mitra(csv_file(MITRA_HEADER, BAZNAS, PUSKESMAS), user=dinsos)

    baznas = Mitra.objects.get(name="Baznas Gunungkidul")
    puskesmas = Mitra.objects.get(name="Puskesmas Semanu II")
    assert [(row.number, row.action) for row in plan.rows] == [(2, Action.NEW), (3, Action.NEW)]
    assert (batch.kind, batch.created, batch.updated, batch.unchanged) == ("mitra", 2, 0, 0)
    assert (baznas.wilayah_id, baznas.kind.slug, baznas.level, baznas.reach) == (
        "34.03.01",
        "baznas-zakat",
        MitraLevel.KABUPATEN,
        "34.03",
    )
    assert (puskesmas.wilayah_id, puskesmas.reach) == ("34.03.08.2004", "34.03.08")
    assert list(baznas.contacts.values_list("name", "position", "phone")) == [("Suparno", "Ketua", "+6281227001234")]
    assert Mitra.history.filter(import_batch=batch).count() == 2
    assert MitraContact.history.filter(import_batch=batch).count() == 1


def test_reimporting_a_mitra_list_changes_nothing_and_a_changed_cell_changes_that_field(dinsos):
    data = csv_file(MITRA_HEADER, BAZNAS, PUSKESMAS)
    import_mitra(data, user=dinsos)
    history = (Mitra.history.count(), MitraContact.history.count())

    again, _ = import_mitra(data, user=dinsos)
    changed, batch = import_mitra(csv_file(MITRA_HEADER, BAZNAS.replace(";Ketua;", ";Sekretaris;")), user=dinsos)

    assert [row.action for row in again.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assert history == (2, 1)
    assert [(row.action, row.changes) for row in changed.rows] == [
        (Action.CHANGED, {"jabatan_narahubung": ("Ketua", "Sekretaris")})
    ]
    assert MitraContact.objects.get().position == "Sekretaris"
    assert (batch.updated, MitraContact.history.filter(import_batch=batch).count()) == (1, 1)


def test_a_new_contact_name_adds_a_person(dinsos):
    import_mitra(csv_file(MITRA_HEADER, BAZNAS), user=dinsos)

    plan, _batch = import_mitra(csv_file(MITRA_HEADER, BAZNAS.replace("Suparno", "Wartini")), user=dinsos)

    assert plan.rows[0].changes == {"narahubung": ("", "Wartini"), "telepon_narahubung": ("", "0812-2700-1234")}
    assert sorted(MitraContact.objects.values_list("name", flat=True)) == ["Suparno", "Wartini"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (BAZNAS.replace("Baznas/lembaga zakat", "koperasi"), "Baris 2, kolom jenis_mitra: Jenis mitra"),
        (BAZNAS.replace(";kabupaten;", ";kerajaan;"), 'Baris 2, kolom tingkat: Tingkat "kerajaan" tidak dikenal'),
        (
            "34;;;;Baznas DIY;Baznas/lembaga zakat;kabupaten;;;;",
            "Baris 2, kolom kode_wilayah: Mitra tingkat kabupaten/kota",
        ),
        (BAZNAS.replace("Baznas/lembaga zakat", ""), "Baris 2, kolom jenis_mitra: wajib diisi untuk mitra baru."),
        (BAZNAS.replace("0812-2700-1234", "12"), "Baris 2, kolom telepon_narahubung: "),
        (BAZNAS.replace(";Suparno;", ";;"), "Baris 2, kolom narahubung: isi nama narahubung"),
        (BAZNAS.replace("34.03.01", "99.99"), "Baris 2, kolom kode_wilayah: "),
    ],
)
def test_a_bad_mitra_row_is_refused_with_its_row_and_column(dinsos, row, message):
    plan, batch = import_mitra(
        csv_file(MITRA_HEADER, BAZNAS.replace("Baznas Gunungkidul", "Baznas Lain"), row), user=dinsos
    )

    assert batch is None
    assert [error[: len(message)] for error in plan.errors] == [message.replace("Baris 2", "Baris 3")]
    assert Mitra.objects.count() == 0


def test_the_same_mitra_twice_in_a_file_is_refused(dinsos):
    plan, batch = import_mitra(
        csv_file(MITRA_HEADER, BAZNAS, BAZNAS.replace("Baznas Gunungkidul", "BAZNAS  gunungkidul")), user=dinsos
    )

    assert (batch, plan.errors) == (None, ["Baris 3, kolom nama_mitra: Mitra yang sama sudah ada di baris 2."])


def test_an_operator_imports_mitra_seated_in_their_area_only(client):
    operator = petugas("wulan", Role.KABUPATEN, "34.03")

    plan, batch = import_mitra(csv_file(MITRA_HEADER, BAZNAS, SLEMAN_LKS), user=operator)

    assert batch is None
    assert plan.errors == [
        "Baris 3: mitra ini berkedudukan di wilayah 34.04.07.2003, di luar wilayah kerja Anda: hanya petugas wilayah "
        "itu yang dapat menambah atau mengubahnya."
    ]
    assert Mitra.objects.count() == 0


def test_a_provincial_mitra_reads_unchanged_for_a_kabupaten_operator_but_is_not_changed_by_them(dinsos):
    province = "34;;;;Universitas Gadjah Mada;Perguruan tinggi;provinsi;Bulaksumur;;;"
    import_mitra(csv_file(MITRA_HEADER, province), user=dinsos)
    operator = petugas("wulan", Role.KABUPATEN, "34.03")

    same, same_batch = import_mitra(csv_file(MITRA_HEADER, province), user=operator)
    changed, changed_batch = import_mitra(
        csv_file(MITRA_HEADER, province.replace("Bulaksumur", "Sleman")), user=operator
    )

    assert ([row.action for row in same.rows], same_batch.unchanged) == ([Action.UNCHANGED], 1)
    assert changed_batch is None
    assert changed.errors == [
        "Baris 2: mitra ini berkedudukan di wilayah 34, di luar wilayah kerja Anda: hanya petugas wilayah itu yang "
        "dapat menambah atau mengubahnya."
    ]
    assert Mitra.objects.get().address == "Bulaksumur"


# --- Ties -------------------------------------------------------------------------------------------------------


@pytest.fixture
def network():
    """Two WKSBM of Candirejo and one of Ngeposari (Semanu), and the Baznas of Gunungkidul."""
    candirejo, ngeposari = desa("34.03.08.2004"), desa("34.03.08.2001")
    return {
        "ngudi": WksbmFactory(name="WKSBM Ngudi Rahayu", wilayah=candirejo),
        "guyub": WksbmFactory(name="WKSBM Guyub Rukun", wilayah=candirejo),
        "ngeposari": WksbmFactory(name="WKSBM Ngeposari", wilayah=ngeposari),
        "baznas": MitraFactory(
            name="Baznas Gunungkidul",
            wilayah=Wilayah.objects.get(code="34.03.01"),
            kind=MitraKind.objects.get(slug="baznas-zakat"),
        ),
    }


TIE_BAZNAS = "34.03.08.2004;WKSBM Ngudi Rahayu;Baznas Gunungkidul;;34.03.01;Kemitraan dana;15/01/2024;;045/MoU/2024"
TIE_WKSBM = "34.03.08.2001;WKSBM Ngeposari;;WKSBM Guyub Rukun;34.03.08.2004;program bersama;01/03/2025;;"


def test_a_tie_list_is_committed_and_a_tie_between_two_wksbm_is_one_tie_whichever_is_named_first(dinsos, network):
    plan, batch = import_ties(csv_file(TIE_HEADER, TIE_BAZNAS, TIE_WKSBM), user=dinsos)
    mirrored = "34.03.08.2004;WKSBM Guyub Rukun;;WKSBM Ngeposari;34.03.08.2001;Program bersama;01/03/2025;;"
    again, _ = import_ties(csv_file(TIE_HEADER, mirrored), user=dinsos)

    baznas = Jejaring.objects.get(mitra=network["baznas"])
    pair = Jejaring.objects.get(partner_wksbm__isnull=False)
    assert [row.action for row in plan.rows] == [Action.NEW, Action.NEW]
    assert (batch.kind, batch.created) == ("jejaring", 2)
    assert (baznas.wksbm, baznas.kind.slug, baznas.started_on, baznas.basis_number) == (
        network["ngudi"],
        "kemitraan-dana",
        datetime.date(2024, 1, 15),
        "045/MoU/2024",
    )
    assert {pair.wksbm, pair.partner_wksbm} == {network["guyub"], network["ngeposari"]}
    assert [row.action for row in again.rows] == [Action.UNCHANGED]
    assert Jejaring.history.filter(import_batch=batch).count() == 2


def test_filling_the_end_date_ends_a_tie(dinsos, network):
    import_ties(csv_file(TIE_HEADER, TIE_BAZNAS), user=dinsos)

    plan, batch = import_ties(
        csv_file(TIE_HEADER, TIE_BAZNAS.replace("15/01/2024;;", "15/01/2024;30/06/2025;")), user=dinsos
    )

    tie = Jejaring.objects.get()
    assert [(row.action, row.changes) for row in plan.rows] == [
        (Action.CHANGED, {"tanggal_berakhir": ("", "30/06/2025")})
    ]
    assert (tie.ended_on, tie.is_active(), batch.updated) == (datetime.date(2025, 6, 30), False, 1)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            TIE_BAZNAS.replace("Kemitraan dana;15/01/2024;;", "Program bersama;15/01/2024;01/01/2024;"),
            "Baris 3: Tanggal berakhir harus sesudah",
        ),
        (TIE_BAZNAS.replace("15/01/2024", "01/06/2024"), "Baris 3: Sudah ada jejaring Kemitraan dana yang aktif"),
        (TIE_BAZNAS.replace("Baznas Gunungkidul", "Baznas Sleman"), 'Baris 3, kolom nama_mitra: Mitra "Baznas Sleman"'),
        (TIE_BAZNAS.replace("Kemitraan dana", "arisan"), "Baris 3, kolom jenis_jejaring: Jenis jejaring"),
        (TIE_BAZNAS.replace(";;34.03.01", ";WKSBM Guyub Rukun;34.03.01"), "Baris 3, kolom nama_mitra: isi nama_mitra"),
        (TIE_BAZNAS.replace("34.03.01;", ";"), "Baris 3, kolom kode_wilayah_mitra: wajib diisi"),
        (TIE_BAZNAS.replace("WKSBM Ngudi Rahayu", "WKSBM Entah"), 'Baris 3, kolom nama_wksbm: WKSBM "WKSBM Entah"'),
        (
            "34.03.08.2004;WKSBM Guyub Rukun;;WKSBM Guyub Rukun;34.03.08.2004;Program bersama;01/03/2025;;",
            "Baris 3: WKSBM tidak dapat berjejaring dengan dirinya sendiri.",
        ),
        (TIE_BAZNAS.replace("15/01/2024", "15/01/2999"), "Baris 3, kolom tanggal_mulai: "),
    ],
)
def test_a_bad_tie_row_is_refused_with_its_row_and_column(dinsos, network, row, message):
    plan, batch = import_ties(csv_file(TIE_HEADER, TIE_BAZNAS, row), user=dinsos)

    assert batch is None
    assert [error[: len(message)] for error in plan.errors] == [message]
    assert Jejaring.objects.count() == 0


def test_an_operator_ties_only_wksbm_of_their_area(network):
    penyuluh_area = petugas("wulan", Role.KABUPATEN, "34.03.12")  # Semin: not Semanu

    plan, batch = import_ties(csv_file(TIE_HEADER, TIE_BAZNAS), user=penyuluh_area)

    assert batch is None
    assert plan.errors == ["Baris 2: wilayah 34.03.08.2004 di luar wilayah kerja Anda."]


# --- Export and round trip -------------------------------------------------------------------------------------


def exported(columns, rows, format_: str) -> bytes:
    if format_ == "csv":
        return "".join(csv_chunks(columns, rows)).encode("utf-8")
    return xlsx_bytes(columns, rows)


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_exported_lists_import_back_unchanged_and_are_formula_safe(dinsos, network, format_):
    MitraContactFactory(mitra=network["baznas"], name="=HYPERLINK(1)", position="-Ketua", phone="081227001234")
    Mitra.objects.filter(pk=network["baznas"].pk).update(notes="baris satu\nbaris dua", address="@alamat")
    JejaringFactory(
        wksbm=network["ngudi"], mitra=network["baznas"], description="+uraian", ended_on=datetime.date(2025, 1, 1)
    )
    JejaringFactory(wksbm=network["ngeposari"], mitra=None, partner_wksbm=network["guyub"])

    mitra_file = exported(MITRA_COLUMNS, mitra_rows(Mitra.objects.all()), format_)
    tie_file = exported(JEJARING_COLUMNS, jejaring_rows(Jejaring.objects.all(), user=dinsos), format_)
    mitra_plan, _ = MitraListImport(user=dinsos).run(mitra_file, f"m.{format_}", dry_run=False)
    tie_plan, _ = JejaringListImport(user=dinsos).run(tie_file, f"j.{format_}", dry_run=False)

    assert [(row.action, row.errors) for row in mitra_plan.rows] == [(Action.UNCHANGED, [])]
    assert [(row.action, row.errors) for row in tie_plan.rows] == [(Action.UNCHANGED, [])] * 2
    if format_ == "xlsx":
        cells = [cell.value for cell in load_workbook(io.BytesIO(mitra_file)).active[2]]
    else:
        cells = mitra_file.decode("utf-8").splitlines()[1].split(";")
    assert ("'=HYPERLINK(1)" in cells, "'-Ketua" in cells, "'@alamat" in cells) == (True, True, True)


# Names as offices write them: letters, digits and punctuation, formula-like starts included. Left out are those no
# list holds as typed: surrounding or doubled spaces (a name is cleaned when stored), a cell saying only "none"
# (`is_blank`), and a text already starting with the apostrophe an export puts before a formula (`restore`).
NAMES = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" .,'-=+@&()/"), min_size=1, max_size=30
).filter(lambda name: clean_name(name) == name and not is_blank(name) and restore(name) == name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(NAMES, min_size=1, max_size=4, unique_by=name_key),
    contacts=st.lists(NAMES, min_size=5, max_size=5),
    format_=st.sampled_from(["csv", "xlsx"]),
)
def test_any_exported_names_import_back_unchanged(dinsos, network, names, contacts, format_):
    with transaction.atomic():
        for index, name in enumerate(names):
            mitra = MitraFactory(name=name, wilayah=desa())
            MitraContactFactory(mitra=mitra, name=contacts[index], position=contacts[-1])
            JejaringFactory(wksbm=network["ngudi"], mitra=mitra, description=contacts[index], basis_number=name)
        before = (Mitra.history.count(), Jejaring.history.count(), ImportBatch.objects.count())

        mitra_plan, _ = MitraListImport(user=dinsos).run(
            exported(MITRA_COLUMNS, mitra_rows(Mitra.objects.all()), format_), f"m.{format_}", dry_run=False
        )
        tie_plan, _ = JejaringListImport(user=dinsos).run(
            exported(JEJARING_COLUMNS, jejaring_rows(Jejaring.objects.all(), user=dinsos), format_),
            f"j.{format_}",
            dry_run=False,
        )

        assert [(row.action, row.errors) for row in mitra_plan.rows] == [(Action.UNCHANGED, [])] * (len(names) + 1)
        assert [(row.action, row.errors) for row in tie_plan.rows] == [(Action.UNCHANGED, [])] * len(names)
        assert (Mitra.history.count(), Jejaring.history.count(), ImportBatch.objects.count()) == (
            before[0],
            before[1],
            before[2] + 2,
        )
        transaction.set_rollback(True)


def test_a_refused_file_writes_nothing_and_a_dry_run_writes_nothing(dinsos, network):
    with pytest.raises(ImportRefused):
        MitraListImport(user=dinsos).commit(
            MitraListImport(user=dinsos).plan(csv_file(MITRA_HEADER, BAZNAS, "x;;;;;;;;;;"), "m.csv")
        )
    plan, batch = import_ties(csv_file(TIE_HEADER, TIE_BAZNAS), user=dinsos, dry_run=True)

    assert (batch, [row.action for row in plan.rows]) == (None, [Action.NEW])
    assert (Mitra.objects.count(), Jejaring.objects.count(), ImportBatch.objects.count()) == (1, 0, 0)
    assert JejaringKind.objects.filter(slug="kemitraan-dana").exists()


def test_the_commands_import_and_refuse_as_the_admin_does(tmp_path, network):
    petugas("wulan", Role.KABUPATEN, "34.03")
    mitra, ties, outside = tmp_path / "mitra.csv", tmp_path / "jejaring.csv", tmp_path / "sleman.csv"
    mitra.write_bytes(csv_file(MITRA_HEADER, PUSKESMAS))
    ties.write_bytes(csv_file(TIE_HEADER, TIE_BAZNAS))
    outside.write_bytes(csv_file(MITRA_HEADER, SLEMAN_LKS))
    out, err = io.StringIO(), io.StringIO()

    call_command("import_mitra", str(mitra), "--user", "wulan", stdout=out)
    call_command("import_jejaring", str(ties), "--user", "wulan", stdout=out)
    with pytest.raises(CommandError) as refused:
        call_command("import_mitra", str(outside), "--user", "wulan", stdout=out, stderr=err)

    batches = list(ImportBatch.objects.order_by("pk").values_list("pk", "kind"))
    assert out.getvalue().splitlines() == [
        f"Impor #{batches[0][0]} berhasil: baru 1, berubah 0, tetap 0.",
        f"Impor #{batches[1][0]} berhasil: baru 1, berubah 0, tetap 0.",
    ]
    assert [kind for _pk, kind in batches] == ["mitra", "jejaring"]
    assert (refused.value.returncode, err.getvalue().startswith("Baris 2: mitra ini berkedudukan")) == (1, True)


# --- Whatever the file, what is stored is what the preview showed --------------------------------------------------


def cell(usual: list[str], rare: list[str]):
    """A cell: one of the `usual` values (good ones, and some breaking a record's rule) mostly, a `rare` one (which
    the parsers refuse) now and then."""
    return st.sampled_from(usual * 5 + rare)


# Cells that go together (a seat and a level, a WKSBM and its desa, an other end and its code) are drawn as one.
MITRA_CELLS = [
    cell(["34.03.08.2004;desa", "34.03;kabupaten", "34;provinsi", "34.03.08;", "34.03.08.2004;nasional"], ["34;desa"]),
    cell(["Mitra Satu", "mitra  satu", "Mitra Dua", "Baznas Gunungkidul"], ["M" * 201, "-"]),
    cell(["Baznas/lembaga zakat", "lks", "Puskesmas"], ["", "arisan"]),
    cell(["", "Jl. Baru"], ["A" * 256]),
    cell(["", "Suparno;Ketua;0812-3456-7890", "Wartini;;", "Suparno;Bendahara;"], [";Ketua;", "Wartini;;12"]),
]
MITRA_HEADER_ORDER = (
    "kode_wilayah;tingkat;nama_mitra;jenis_mitra;alamat;narahubung;jabatan_narahubung;telepon_narahubung"
)
TIE_CELLS = [
    cell(
        ["34.03.08.2004;WKSBM Ngudi Rahayu", "34.03.08.2004;WKSBM Guyub Rukun", "34.03.08.2001;WKSBM Ngeposari"],
        ["34.03.08.2004;WKSBM Entah"],
    ),
    cell(
        ["Baznas Gunungkidul;;34.03.01", ";WKSBM Guyub Rukun;34.03.08.2004", ";WKSBM Ngeposari;34.03.08.2001"],
        ["Baznas Gunungkidul;;"],
    ),
    cell(["Kemitraan dana", "program bersama"], ["arisan"]),
    cell(["15/01/2024", "01/06/2024", "01/03/2025"], ["31/02/2024"]),
    cell(["", "", "30/06/2025"], ["01/01/2024"]),
    cell(["", "045/MoU/2024"], []),
]
TIE_HEADER_ORDER = (
    "kode_wilayah;nama_wksbm;nama_mitra;wksbm_mitra;kode_wilayah_mitra;jenis_jejaring;tanggal_mulai;tanggal_berakhir;"
    "nomor_mou"
)


def assert_database_is_the_preview(importer, data: bytes, models, touched_by) -> None:
    """Previews `data`, commits it, and checks: the batch's counts are the preview's, as many records created as
    rows previewed new, exactly the new and changed rows' records with history tied to the batch (`touched_by`),
    a re-import all unchanged; a refused file writes nothing."""

    def state():
        return [list(model.objects.order_by("pk").values_list()) for model in models], ImportBatch.objects.count()

    before = state()
    plan = importer.plan(data, "daftar.csv")
    if plan.refused:
        with pytest.raises(ImportRefused):
            importer.commit(plan)
        assert state() == before
        return
    counted = models[0].objects.count()
    batch = importer.commit(plan)
    new, changed, unchanged = (plan.count(action) for action in (Action.NEW, Action.CHANGED, Action.UNCHANGED))
    assert (batch.created, batch.updated, batch.unchanged) == (new, changed, unchanged)
    assert models[0].objects.count() - counted == new
    assert len(touched_by(batch)) == new + changed
    assert [row.action for row in importer.plan(data, "daftar.csv").rows] == [Action.UNCHANGED] * len(plan.rows)


def mitra_touched(batch) -> set[int]:
    """The mitra whose record or contacts `batch` wrote."""
    return set(Mitra.history.filter(import_batch=batch).values_list("id", flat=True)) | set(
        MitraContact.history.filter(import_batch=batch).values_list("mitra_id", flat=True)
    )


def ties_touched(batch) -> set[int]:
    return set(Jejaring.history.filter(import_batch=batch).values_list("id", flat=True))


def lines(cells):
    return st.lists(st.tuples(*cells).map(";".join), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=lines(MITRA_CELLS), second=lines(MITRA_CELLS))
def test_a_mitra_list_stores_exactly_what_its_preview_showed(dinsos, first, second):
    header = MITRA_HEADER_ORDER
    with transaction.atomic():
        MitraContactFactory(mitra=MitraFactory(name="Mitra Satu", wilayah=desa()), name="Suparno")
        for rows in (first, second):
            assert_database_is_the_preview(
                MitraListImport(user=dinsos), csv_file(header, *rows), [Mitra, MitraContact], mitra_touched
            )
        transaction.set_rollback(True)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=lines(TIE_CELLS), second=lines(TIE_CELLS))
def test_a_tie_list_stores_exactly_what_its_preview_showed(dinsos, network, first, second):
    with transaction.atomic():
        JejaringFactory(wksbm=network["ngudi"], mitra=network["baznas"])
        for rows in (first, second):
            assert_database_is_the_preview(
                JejaringListImport(user=dinsos), csv_file(TIE_HEADER, *rows), [Jejaring], ties_touched
            )
        transaction.set_rollback(True)
