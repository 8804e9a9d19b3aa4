"""A row breaking any rule of a record an import writes refuses the whole file, naming the row and the rule, and
writes nothing: WKSBM, pengurus, KPS, membership and attendance rules alike, checked after parsing or not."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from registry import dates
from registry.imports.errors import ImportRefused
from registry.imports.kps_list import KpsListImport
from registry.imports.plan import Action, RowPlan
from registry.imports.wksbm_list import WksbmListImport
from registry.models import ImportBatch, Kps, KpsKind, KpsMembership, Pengurus, PengurusRole, Wilayah, Wksbm
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.trainings.conftest import user_in
from tests.trainings.factories import PenyuluhanFactory
from trainings.attendance import AttendanceListImport
from trainings.models import Peserta

pytestmark = pytest.mark.usefixtures("diy")

CANDIREJO = "34.03.08.2004"  # Semanu, Gunungkidul
NGEPOSARI = "34.03.08.2001"  # Semanu, Gunungkidul
SEMANU = "34.03.08"
WKSBM_HEADER = (
    "kode_wilayah;nama_wksbm;alamat;tanggal_pembentukan;nomor_sk;tanggal_sk;status;ketua;sekretaris;bendahara;telepon"
)
WKSBM_GOOD = [
    f"{CANDIREJO};WKSBM Satu;Balai Desa;01/02/2019;1/2019;05/02/2019;aktif;Sutrisno;Sri;Wahyuni;0812-3456-7890",
    f"{NGEPOSARI};WKSBM Dua;;01/03/2019;;;aktif;Bambang;Ani;;",
    f"{CANDIREJO};WKSBM Tiga;;;;;vakum;;;;",
]
KPS_HEADER = "kode_wilayah;nama_kps;jenis_kps;nama_wksbm;ketua_kps;jumlah_anggota;telepon"
KPS_GOOD = [
    f"{CANDIREJO};Karang Taruna Satu;Karang Taruna;;Agus;25;",
    f"{NGEPOSARI};PKK Dua;PKK;;Sri;40;0813-2222-3333",
    f"{CANDIREJO};Posyandu Tiga;Posyandu;;;;",
]
LONG = "Nama Yang Sangat Panjang " * 12  # 300 characters: longer than any name column


def csv_file(header: str, *lines: str) -> bytes:
    return "\r\n".join([header, *lines]).encode("utf-8")


def snapshot() -> tuple:
    """Everything an import could write: records, their history, and batches."""
    return (
        Wksbm.objects.count(),
        Wksbm.history.count(),
        Pengurus.objects.count(),
        Pengurus.history.count(),
        Kps.objects.count(),
        Kps.history.count(),
        KpsMembership.objects.count(),
        KpsMembership.history.count(),
        Peserta.objects.count(),
        Peserta.history.count(),
        ImportBatch.objects.count(),
        list(Wksbm.objects.order_by("pk").values_list("name", "address", "sk_date", "formed_on", "updated_at")),
        list(Pengurus.objects.order_by("pk").values_list("name", "period_to")),
        list(KpsMembership.objects.order_by("pk").values_list("wksbm_id", "left_on")),
    )


@pytest.fixture
def system():
    return User.objects.create_superuser("dinsos")


def with_bad_row(good: list[str], bad: str) -> list[str]:
    """The good rows with `bad` as the second data row (spreadsheet row 3)."""
    return [good[0], bad, *good[1:]]


def test_a_row_with_an_error_is_refused_whatever_its_action_says():
    row = RowPlan(7)
    row.errors.append("Baris 7: Tanggal SK tidak boleh sebelum tanggal pembentukan.")

    row.action = Action.NEW

    assert row.action == Action.REFUSED


# ---- WKSBM and its board: a new record


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (f"{CANDIREJO};{LONG};;;;;aktif;;;;", "Baris 3, kolom nama_wksbm: "),
        (f"{CANDIREJO};WKSBM Rusak;{LONG};;;;aktif;;;;", "Baris 3, kolom alamat: "),
        (f"{CANDIREJO};WKSBM Rusak;;;{'1' * 101};;aktif;;;;", "Baris 3, kolom nomor_sk: "),
        (
            f"{CANDIREJO};WKSBM Rusak;;01/06/2020;;01/01/2020;aktif;;;;",
            "Baris 3: Tanggal SK tidak boleh sebelum tanggal pembentukan.",
        ),
        (f"{CANDIREJO};WKSBM Rusak;;01/06/2020;;;aktif;{LONG};;;", "Baris 3, kolom ketua: "),
        (f"{CANDIREJO};WKSBM Rusak;;;;;aktif;;{LONG};;", "Baris 3, kolom sekretaris: "),
        (f"{CANDIREJO};WKSBM Rusak;;;;;aktif;;;{LONG};", "Baris 3, kolom bendahara: "),
        (f"{CANDIREJO};WKSBM Rusak;;01/01/2999;;;aktif;;;;", "Baris 3, kolom tanggal_pembentukan: "),
        (f"{CANDIREJO};WKSBM Rusak;;;;;setengah;;;;", "Baris 3, kolom status: "),
        (f"{CANDIREJO};WKSBM Rusak;;;;;aktif;;;;12", "Baris 3, kolom telepon: "),
        (f"{CANDIREJO};wksbm  SATU;;;;;aktif;;;;", "Baris 3, kolom nama_wksbm: WKSBM yang sama sudah ada di baris 2."),
    ],
    ids=[
        "name too long",
        "address too long",
        "sk number too long",
        "sk before formation",
        "ketua too long",
        "sekretaris too long",
        "bendahara too long",
        "future formation",
        "status",
        "phone",
        "same wksbm twice",
    ],
)
def test_a_new_wksbm_breaking_a_rule_refuses_the_file(system, bad, expected):
    before = snapshot()

    plan, batch = WksbmListImport(user=system).run(
        csv_file(WKSBM_HEADER, *with_bad_row(WKSBM_GOOD, bad)), "w.csv", dry_run=False
    )

    assert batch is None
    assert plan.refused
    assert [row.action for row in plan.rows] == [Action.NEW, Action.REFUSED, Action.NEW, Action.NEW]
    assert len(plan.errors) == 1 and plan.errors[0].startswith(expected), plan.errors
    assert snapshot() == before


@pytest.fixture
def stored_wksbm():
    """WKSBM Lama of Candirejo: formed 8/8/2019, SK of 20/8/2019, ketua Sutrisno."""
    wksbm = WksbmFactory(
        name="WKSBM Lama",
        wilayah=Wilayah.objects.get(code=CANDIREJO),
        formed_on=datetime.date(2019, 8, 8),
        sk_date=datetime.date(2019, 8, 20),
    )
    PengurusFactory(wksbm=wksbm, name="Sutrisno", role=PengurusRole.objects.get(slug="ketua"), period_from=None)
    return wksbm


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (
            f"{CANDIREJO};WKSBM Lama;;;;01/01/2019;;;;;",
            "Baris 3: Tanggal SK tidak boleh sebelum tanggal pembentukan.",
        ),
        (
            f"{CANDIREJO};WKSBM Lama;;01/09/2019;;;;;;;",
            "Baris 3: Tanggal SK tidak boleh sebelum tanggal pembentukan.",
        ),
        (f"{CANDIREJO};WKSBM Lama;{LONG};;;;;;;;", "Baris 3, kolom alamat: "),
        (f"{CANDIREJO};WKSBM Lama;;;;;;{LONG};;;", "Baris 3, kolom ketua: "),
    ],
    ids=["sk before stored formation", "formation after stored sk", "address too long", "new ketua too long"],
)
def test_a_changed_wksbm_breaking_a_rule_refuses_the_file(system, stored_wksbm, bad, expected):
    before = snapshot()

    plan, batch = WksbmListImport(user=system).run(
        csv_file(WKSBM_HEADER, *with_bad_row(WKSBM_GOOD, bad)), "w.csv", dry_run=False
    )

    assert batch is None
    assert len(plan.errors) == 1 and plan.errors[0].startswith(expected), plan.errors
    assert snapshot() == before


def test_the_command_refuses_a_file_with_a_rule_broken_after_parsing(system, tmp_path):
    path = tmp_path / "daftar.csv"
    bad = f"{CANDIREJO};WKSBM Rusak;;01/06/2020;;01/01/2020;aktif;;;;"
    path.write_bytes(csv_file(WKSBM_HEADER, *with_bad_row(WKSBM_GOOD, bad)))
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        call_command("import_wksbm", str(path))

    assert refused.value.returncode == 1
    assert str(refused.value) == "Berkas ditolak (1 masalah); tidak ada yang disimpan."
    assert snapshot() == before


# ---- KPS and membership


@pytest.fixture
def forum():
    """WKSBM Forum Semanu at kecamatan level, which every KPS of Semanu may join."""
    return WksbmFactory(name="Forum Semanu", wilayah=Wilayah.objects.get(code=SEMANU))


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (f"{CANDIREJO};{LONG};PKK;;;;", "Baris 3, kolom nama_kps: "),
        (f"{CANDIREJO};PKK Rusak;PKK;;{LONG};;", "Baris 3, kolom ketua_kps: "),
        (f"{CANDIREJO};PKK Rusak;PKK;;;3.000.000.000;", "Baris 3, kolom jumlah_anggota: "),
        (f"{CANDIREJO};PKK Rusak;;;;;", "Baris 3, kolom jenis_kps: wajib diisi untuk KPS baru."),
        (f"{CANDIREJO};PKK Rusak;arisan;;;;", "Baris 3, kolom jenis_kps: "),
        (f"{CANDIREJO};PKK Rusak;PKK;;;;12", "Baris 3, kolom telepon: "),
        (f"{CANDIREJO};PKK Rusak;PKK;Forum Entah;;;", 'Baris 3, kolom nama_wksbm: WKSBM "Forum Entah" tidak ada'),
        (f"{CANDIREJO};karang taruna  satu;PKK;;;;", "Baris 3, kolom nama_kps: KPS yang sama sudah ada di baris 2."),
    ],
    ids=["name too long", "leader too long", "member count too large", "no kind", "kind", "phone", "wksbm", "twice"],
)
def test_a_new_kps_breaking_a_rule_refuses_the_file(system, forum, bad, expected):
    before = snapshot()

    plan, batch = KpsListImport(user=system).run(
        csv_file(KPS_HEADER, *with_bad_row(KPS_GOOD, bad)), "k.csv", dry_run=False
    )

    assert batch is None
    assert [row.action for row in plan.rows] == [Action.NEW, Action.REFUSED, Action.NEW, Action.NEW]
    assert len(plan.errors) == 1 and plan.errors[0].startswith(expected), plan.errors
    assert snapshot() == before


def test_a_membership_that_cannot_end_today_refuses_the_file(system, forum):
    # Recorded as joining tomorrow: moving it today would end it before it began.
    kps = KpsFactory(name="PKK Candirejo", wilayah=Wilayah.objects.get(code=CANDIREJO))
    other = WksbmFactory(name="WKSBM Candirejo", wilayah=Wilayah.objects.get(code=CANDIREJO))
    MembershipFactory(kps=kps, wksbm=other, joined_on=dates.today() + datetime.timedelta(days=1))
    before = snapshot()
    bad = f"{CANDIREJO};PKK Candirejo;PKK;Forum Semanu;;;"

    plan, batch = KpsListImport(user=system).run(
        csv_file(KPS_HEADER, *with_bad_row(KPS_GOOD, bad)), "k.csv", dry_run=False
    )

    assert batch is None
    assert plan.errors == ["Baris 3, kolom nama_wksbm: Tanggal keluar tidak boleh sebelum tanggal bergabung."]
    assert snapshot() == before


def test_a_changed_kps_breaking_a_rule_refuses_the_file(system):
    KpsFactory(name="PKK Lama", wilayah=Wilayah.objects.get(code=CANDIREJO), kind=KpsKind.objects.get(slug="pkk"))
    before = snapshot()
    bad = f"{CANDIREJO};PKK Lama;;;{LONG};;"

    plan, batch = KpsListImport(user=system).run(
        csv_file(KPS_HEADER, *with_bad_row(KPS_GOOD, bad)), "k.csv", dry_run=False
    )

    assert batch is None
    assert len(plan.errors) == 1 and plan.errors[0].startswith("Baris 3, kolom ketua_kps: "), plan.errors
    assert snapshot() == before


# ---- attendance

ATTENDANCE_HEADER = "nama;unsur;asal_desa;telepon"
ATTENDANCE_GOOD = ["Sutrisno;Tokoh masyarakat;Ngeposari;0812-3456-7890", "Sri Lestari;TOGA;34.03.08.2004;"]


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (f"{LONG};PKK;Ngeposari;", "Baris 3, kolom nama: "),
        ("Bambang;arisan;Ngeposari;", "Baris 3, kolom unsur: "),
        ("Bambang;PKK;Ngeposari;12", "Baris 3, kolom telepon: "),
        ("Bambang;PKK;34.04.01.2001;", "Baris 3, kolom asal_desa: "),
        ("sutrisno;PKK;Ngeposari;", "Baris 3, kolom nama: Peserta yang sama (nama dan asal) sudah ada di baris 2."),
    ],
    ids=["name too long", "unsur", "phone", "outside the kabupaten", "twice"],
)
def test_an_attendance_row_breaking_a_rule_refuses_the_file(bad, expected):
    event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=CANDIREJO))
    before = snapshot()

    plan, batch = AttendanceListImport(user=user_in("operator-gk", "34.03"), event=event).run(
        csv_file(ATTENDANCE_HEADER, *with_bad_row(ATTENDANCE_GOOD, bad)), "hadir.csv", dry_run=False
    )

    assert batch is None
    assert [row.action for row in plan.rows] == [Action.NEW, Action.REFUSED, Action.NEW]
    assert len(plan.errors) == 1 and plan.errors[0].startswith(expected), plan.errors
    assert snapshot() == before


# ---- the database's own backstop


def test_a_wksbm_stored_by_someone_else_after_the_plan_refuses_the_commit(system):
    importer = WksbmListImport(user=system)
    plan = importer.plan(csv_file(WKSBM_HEADER, *WKSBM_GOOD), "w.csv")
    # Someone saves a WKSBM of the same name and wilayah between the preview and the confirm.
    WksbmFactory(name="WKSBM SATU", wilayah=Wilayah.objects.get(code=CANDIREJO))
    before = snapshot()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert refused.value.messages[0].startswith("Basis data menolak berkas ini")
    assert snapshot() == before


def test_a_kps_stored_by_someone_else_after_the_plan_refuses_the_commit_too(system):
    importer = KpsListImport(user=system)
    plan = importer.plan(csv_file(KPS_HEADER, *KPS_GOOD), "k.csv")
    KpsFactory(name="PKK Dua", wilayah=Wilayah.objects.get(code=NGEPOSARI))
    before = snapshot()

    with pytest.raises(ImportRefused):
        importer.commit(plan)

    assert snapshot() == before


class DroppingWksbmImport(WksbmListImport):
    """A WKSBM import whose writes leave out the last new WKSBM: the defect a commit must never let through."""

    def write(self, writes, batch):
        writes.created.pop()
        return super().write(writes, batch)


def test_a_commit_that_writes_less_than_its_plan_is_rolled_back(system):
    before = snapshot()

    with pytest.raises(ImportRefused) as refused:
        DroppingWksbmImport(user=system).run(csv_file(WKSBM_HEADER, *WKSBM_GOOD), "w.csv", dry_run=False)

    assert refused.value.messages == [
        "Baris 4 tidak tersimpan seperti pada pratinjau; tidak ada yang disimpan. Unggah lagi berkasnya untuk "
        "pratinjau baru."
    ]
    assert snapshot() == before


# ---- a KPS joins only a WKSBM the importing user may see


def test_a_kps_cannot_join_a_wksbm_outside_the_users_area(forum):
    # The user works in the desa of Candirejo only; the kecamatan's forum above it is not theirs to see.
    user = user_in("operator-candirejo", CANDIREJO)
    WksbmFactory(name="WKSBM Candirejo", wilayah=Wilayah.objects.get(code=CANDIREJO))
    rows = [f"{CANDIREJO};PKK Satu;PKK;WKSBM Candirejo;;;", f"{CANDIREJO};PKK Dua;PKK;Forum Semanu;;;"]
    before = snapshot()

    plan, batch = KpsListImport(user=user).run(csv_file(KPS_HEADER, *rows), "k.csv", dry_run=False)
    missing, _batch = KpsListImport(user=user).run(
        csv_file(KPS_HEADER, f"{CANDIREJO};PKK Dua;PKK;Forum Entah;;;"), "k.csv", dry_run=True
    )

    assert batch is None
    assert plan.errors == [
        'Baris 3, kolom nama_wksbm: WKSBM "Forum Semanu" tidak ada di desa atau kecamatan KPS ini; impor daftar '
        "WKSBM lebih dulu."
    ]
    assert missing.errors == [plan.errors[0].replace("Baris 3", "Baris 2").replace("Forum Semanu", "Forum Entah")]
    assert snapshot() == before


def test_a_kps_joins_a_wksbm_inside_the_users_area(forum):
    user = user_in("operator-semanu", SEMANU)

    plan, batch = KpsListImport(user=user).run(
        csv_file(KPS_HEADER, f"{CANDIREJO};PKK Dua;PKK;Forum Semanu;;;"), "k.csv", dry_run=False
    )

    assert (plan.errors, batch.created) == ([], 1)
    assert list(KpsMembership.objects.values_list("kps__name", "wksbm__name")) == [("PKK Dua", "Forum Semanu")]
