"""One confirmation, one commit: a preview confirmed twice is written once and the second answer names the batch;
two previews of one file confirmed at once give one set of records; an import and an edit of the same record at
the same moment never overwrite each other silently."""

import datetime
import importlib
import threading

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from registry import dates
from registry.enums import Role
from registry.forms import WksbmEditForm
from registry.imports.errors import AlreadyImported, ImportRefused
from registry.imports.kps_list import KpsListImport
from registry.imports.plan import Action
from registry.imports.wksbm_list import WksbmListImport
from registry.models import ImportBatch, Kps, KpsKind, KpsMembership, Pengurus, PengurusRole, Wilayah, Wksbm
from registry.services import wksbm as services
from registry.services.petugas import petugas_save
from tests.admin_forms import form_data
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.trainings.conftest import user_in, user_with_role
from tests.trainings.factories import PenyuluhanFactory
from trainings.attendance import AttendanceListImport
from trainings.models import Peserta

CANDIREJO = "34.03.08.2004"
NGEPOSARI = "34.03.08.2001"
WKSBM_IMPORT = "/admin/registry/wksbm/import/"
WKSBM_CONFIRM = "/admin/registry/wksbm/process_import/"
HEADER = "kode_wilayah;nama_wksbm;alamat;tanggal_pembentukan;status;ketua;sekretaris;telepon"
ROWS = [
    f"{CANDIREJO};WKSBM Satu;Balai Desa;01/02/2019;aktif;Sutrisno;Sri;0812-3456-7890",
    f"{NGEPOSARI};WKSBM Dua;;01/03/2019;aktif;Bambang;Ani;",
    f"{CANDIREJO};WKSBM Tiga;;;vakum;;;",
]


def csv_file(*lines: str) -> bytes:
    return "\r\n".join([HEADER, *lines]).encode("utf-8")


def records() -> tuple[int, int, int, int]:
    return Wksbm.objects.count(), Wksbm.history.count(), Pengurus.objects.count(), ImportBatch.objects.count()


# ---- the same preview confirmed twice


@pytest.mark.usefixtures("diy")
def test_a_preview_confirmed_twice_is_committed_once_and_the_second_names_the_batch():
    importer = WksbmListImport(user=User.objects.create_superuser("dinsos"))
    data = csv_file(*ROWS)

    _plan, batch = importer.run(data, "w.csv", dry_run=False, confirmation="pratinjau-1")
    after_first = records()
    with pytest.raises(AlreadyImported) as again:
        importer.run(data, "w.csv", dry_run=False, confirmation="pratinjau-1")

    assert again.value.batch == batch
    assert again.value.messages == [f"Berkas ini sudah diimpor sebagai impor #{batch.pk}."]
    assert records() == after_first == (3, 3, 4, 1)


@pytest.mark.usefixtures("diy")
def test_a_plan_committed_twice_is_written_once():
    importer = WksbmListImport(user=User.objects.create_superuser("dinsos"))
    plan = importer.plan(csv_file(*ROWS), "w.csv")

    batch = importer.commit(plan)
    with pytest.raises(AlreadyImported) as again:
        importer.commit(plan)

    assert again.value.batch == batch
    assert records() == (3, 3, 4, 1)


# ---- an import and an edit of the same record at the same moment


@pytest.fixture
def stored(diy):
    """WKSBM Satu of Candirejo, with Sutrisno as its ketua."""
    wksbm = WksbmFactory(
        name="WKSBM Satu", wilayah=Wilayah.objects.get(code=CANDIREJO), formed_on=datetime.date(2019, 2, 1)
    )
    PengurusFactory(wksbm=wksbm, name="Sutrisno", role=PengurusRole.objects.get(slug="ketua"), period_from=None)
    return wksbm


def test_an_edit_saved_between_the_plan_and_the_commit_is_not_overwritten(stored):
    importer = WksbmListImport(user=User.objects.create_superuser("dinsos"))
    plan = importer.plan(csv_file(f"{CANDIREJO};WKSBM Satu;Balai Desa Candirejo;;;;;", *ROWS[1:]), "w.csv")
    services.wksbm_update(by=None, wksbm=Wksbm.objects.get(pk=stored.pk), address="Rumah Pak Dukuh")
    before = records()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert [row.action for row in plan.rows] == [Action.CHANGED, Action.NEW, Action.NEW]
    assert refused.value.messages == [
        'Baris 2: WKSBM "WKSBM Satu" diubah atau dihapus orang lain setelah pratinjau; tidak ada yang disimpan. '
        "Unggah lagi berkasnya untuk pratinjau baru."
    ]
    assert Wksbm.objects.get(pk=stored.pk).address == "Rumah Pak Dukuh"
    assert records() == before


def test_a_board_term_ended_between_the_plan_and_the_commit_is_not_ended_again(stored):
    importer = WksbmListImport(user=User.objects.create_superuser("dinsos"))
    plan = importer.plan(csv_file(f"{CANDIREJO};WKSBM Satu;;;;Bambang;;"), "w.csv")
    sutrisno = Pengurus.objects.get(name="Sutrisno")
    sutrisno.period_to = dates.today()
    sutrisno.save()
    before = records()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert refused.value.messages[0].startswith('Baris 2: WKSBM "WKSBM Satu" diubah atau dihapus orang lain')
    assert Pengurus.objects.get(pk=sutrisno.pk).period_to == dates.today()
    assert records() == before


def test_a_kps_edited_between_the_plan_and_the_commit_is_not_overwritten(diy):
    kps = KpsFactory(name="PKK Satu", wilayah=Wilayah.objects.get(code=CANDIREJO), leader="Sri")
    importer = KpsListImport(user=User.objects.create_superuser("dinsos"))
    header = "kode_wilayah;nama_kps;ketua_kps"
    plan = importer.plan(f"{header}\r\n{CANDIREJO};PKK Satu;Ani".encode(), "k.csv")
    kps.leader = "Wahyuni"
    kps.save()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert refused.value.messages[0].startswith('Baris 2: KPS "PKK Satu" diubah atau dihapus orang lain')
    assert (Kps.objects.get().leader, ImportBatch.objects.count()) == ("Wahyuni", 0)


def test_a_membership_ended_between_the_plan_and_the_commit_is_not_ended_again(diy):
    candirejo = Wilayah.objects.get(code=CANDIREJO)
    kps = KpsFactory(name="PKK Satu", wilayah=candirejo)
    membership = MembershipFactory(kps=kps, wksbm=WksbmFactory(name="WKSBM Lama", wilayah=candirejo))
    WksbmFactory(name="WKSBM Baru", wilayah=candirejo)
    importer = KpsListImport(user=User.objects.create_superuser("dinsos"))
    plan = importer.plan(f"kode_wilayah;nama_kps;nama_wksbm\r\n{CANDIREJO};PKK Satu;WKSBM Baru".encode(), "k.csv")
    membership.left_on = dates.today()
    membership.save()

    with pytest.raises(ImportRefused):
        importer.commit(plan)

    assert list(KpsMembership.objects.values_list("wksbm__name", "left_on")) == [("WKSBM Lama", dates.today())]


def test_a_board_member_added_between_the_plan_and_the_commit_is_not_doubled(stored):
    importer = WksbmListImport(user=User.objects.create_superuser("dinsos"))
    plan = importer.plan(csv_file(f"{CANDIREJO};WKSBM Satu;;;;Bambang;;"), "w.csv")
    # Someone records a new ketua on the WKSBM's page meanwhile.
    PengurusFactory(wksbm=stored, name="Wahyu", role=PengurusRole.objects.get(slug="ketua"), period_from=None)
    before = records()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert refused.value.messages[0].startswith('Baris 2: WKSBM "WKSBM Satu" diubah atau dihapus orang lain')
    assert sorted(Pengurus.objects.current().values_list("name", flat=True)) == ["Sutrisno", "Wahyu"]
    assert records() == before


def test_a_wksbm_deleted_between_the_plan_and_the_commit_gets_no_new_board(stored):
    importer = WksbmListImport(user=User.objects.create_superuser("dinsos"))
    plan = importer.plan(csv_file(f"{CANDIREJO};WKSBM Satu;;;;;Sri;"), "w.csv")
    Wksbm.objects.filter(pk=stored.pk).delete()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert refused.value.messages == [
        'Baris 2: WKSBM "WKSBM Satu" diubah atau dihapus orang lain setelah pratinjau; tidak ada yang disimpan. '
        "Unggah lagi berkasnya untuk pratinjau baru."
    ]
    assert (Pengurus.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_a_wksbm_deleted_between_the_plan_and_the_commit_gets_no_new_member(diy):
    candirejo = Wilayah.objects.get(code=CANDIREJO)
    forum = WksbmFactory(name="WKSBM Candirejo", wilayah=candirejo)
    importer = KpsListImport(user=User.objects.create_superuser("dinsos"))
    header = "kode_wilayah;nama_kps;jenis_kps;nama_wksbm"
    plan = importer.plan(f"{header}\r\n{CANDIREJO};PKK Satu;PKK;WKSBM Candirejo".encode(), "k.csv")
    forum.delete()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert refused.value.messages[0].startswith('Baris 2: WKSBM "WKSBM Candirejo" diubah atau dihapus orang lain')
    assert (Kps.objects.count(), KpsMembership.objects.count(), ImportBatch.objects.count()) == (0, 0, 0)


def test_an_edit_form_opened_before_an_import_sees_the_import_as_a_conflict(client, stored):
    penyuluh = user_with_role("penyuluh_semanu", Role.PENYULUH, "34.03.08")
    client.force_login(penyuluh)
    opened = {key: "" if value is None else value for key, value in WksbmEditForm.initial_for(stored).items()}
    WksbmListImport(user=User.objects.create_superuser("dinsos")).run(
        csv_file(f"{CANDIREJO};WKSBM Satu;Balai Desa Candirejo;;;;;"), "w.csv", dry_run=False
    )

    response = client.post(reverse("wksbm_edit", args=[stored.pk]), {**opened, "address": "Rumah Pak Dukuh"})

    assert response.status_code == 409
    assert [(c.name, c.mine, c.theirs) for c in response.context["conflict"].changes] == [
        ("address", "Rumah Pak Dukuh", "Balai Desa Candirejo")
    ]
    assert Wksbm.objects.get(pk=stored.pk).address == "Balai Desa Candirejo"


def test_an_admin_page_opened_before_an_import_sees_the_import_as_a_conflict(client, stored):
    operator = user_with_role("operator_gk", Role.KABUPATEN, "34.03")
    User.objects.filter(pk=operator.pk).update(is_staff=True)
    client.force_login(operator)
    change = reverse("admin:registry_wksbm_change", args=[stored.pk])
    opened = form_data(client.get(change))
    WksbmListImport(user=User.objects.create_superuser("dinsos")).run(
        csv_file(f"{CANDIREJO};WKSBM Satu;Balai Desa Candirejo;;;;;"), "w.csv", dry_run=False
    )

    response = client.post(change, opened | {"address": "Rumah Pak Dukuh"})

    assert response.status_code == 409
    assert Wksbm.objects.get(pk=stored.pk).address == "Balai Desa Candirejo"


# ---- racing confirmations, on PostgreSQL


def seed_reference_lists():
    """The reference lists as the data migrations seed them: a test on committed data may follow one that emptied
    every table."""
    importlib.import_module("registry.migrations.0004_reference_lists").seed(apps, None)


def race(*jobs):
    """Runs `jobs` in threads (each on its own connection) released together; returns their results or errors."""
    start = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            outcomes[index] = job()
        except Exception as error:  # noqa: BLE001 (the outcome under test)
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers itself; the race needs PostgreSQL."
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_same_preview_confirmed_twice_at_once_is_committed_once(diy):
    seed_reference_lists()
    User.objects.create_superuser("dinsos")
    data = csv_file(*ROWS)

    def confirm():
        user = User.objects.get(username="dinsos")
        return WksbmListImport(user=user).run(data, "w.csv", dry_run=False, confirmation="pratinjau-1")

    outcomes = race(confirm, confirm)

    batch = ImportBatch.objects.get()
    committed = [outcome for outcome in outcomes if isinstance(outcome, tuple)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, AlreadyImported)]
    assert (len(committed), len(refused)) == (1, 1), outcomes
    assert refused[0].batch == batch
    assert records() == (3, 3, 4, 1)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_previews_of_one_file_confirmed_at_once_give_one_set_of_records(diy):
    seed_reference_lists()
    User.objects.create_superuser("dinsos")
    operator = user_with_role("operator-gk", Role.KABUPATEN, "34.03")
    data = csv_file(*ROWS)

    def confirm(username, preview):
        def job():
            user = User.objects.get(username=username)
            plan, batch = WksbmListImport(user=user).run(data, "w.csv", dry_run=False, confirmation=preview)
            return [row.action for row in plan.rows], (batch.created, batch.updated, batch.unchanged)

        return job

    outcomes = race(confirm("dinsos", "pratinjau-1"), confirm(operator.username, "pratinjau-2"))

    assert sorted(outcomes) == [
        ([Action.NEW] * 3, (3, 0, 0)),
        ([Action.UNCHANGED] * 3, (0, 0, 3)),
    ], outcomes
    assert records() == (3, 3, 4, 2)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_admins_confirm_sent_twice_at_once_imports_once_and_names_the_batch(diy, upload_folder):
    seed_reference_lists()
    operator, _created = petugas_save(
        by=None, username="wulan", role=Role.KABUPATEN, area_codes=["34.03"], password="Gunungkidul-2025!"
    )
    clients = [Client(), Client(), Client()]
    for client in clients:
        client.force_login(operator)
    upload = SimpleUploadedFile("daftar.csv", csv_file(*ROWS))
    ticket = clients[0].post(WKSBM_IMPORT, {"import_file": upload}).context["confirm_form"].initial["ticket"]

    answers = race(*[lambda client=client: client.post(WKSBM_CONFIRM, {"ticket": ticket}) for client in clients[1:]])

    batch = ImportBatch.objects.get()
    assert [answer.status_code for answer in answers] == [302, 302], answers
    flashes = sorted(str(message) for client in clients[1:] for message in client.get(WKSBM_IMPORT).context["messages"])
    assert flashes == [
        f"Berkas ini sudah diimpor sebagai impor #{batch.pk}.",
        f"Impor #{batch.pk} berhasil: baru 3, berubah 0, tetap 0.",
    ]
    assert records() == (3, 3, 4, 1)


@postgresql_only
def test_a_reference_deleted_between_the_plan_and_the_commit_refuses_the_file_before_the_request_ends(diy):
    # Foreign keys are deferred to the end of the outermost transaction: in the admin, the request's.
    KpsKind.objects.create(name="Kelompok Tani", slug="kelompok-tani")
    importer = KpsListImport(user=User.objects.create_superuser("dinsos"))
    plan = importer.plan(f"kode_wilayah;nama_kps;jenis_kps\r\n{CANDIREJO};Tani Makmur;Kelompok Tani".encode(), "k.csv")
    KpsKind.objects.filter(slug="kelompok-tani").delete()

    with pytest.raises(ImportRefused) as refused:
        importer.commit(plan)

    assert refused.value.messages[0].startswith("Basis data menolak berkas ini")
    assert (Kps.objects.count(), ImportBatch.objects.count()) == (0, 0)


@pytest.mark.usefixtures("diy")
def test_an_attendance_preview_confirmed_twice_is_committed_once():
    event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=CANDIREJO))
    importer = AttendanceListImport(user=user_in("operator-gk", "34.03"), event=event)
    data = b"nama;unsur;asal_desa\r\nSutrisno;Tokoh masyarakat;Ngeposari\r\nSri Lestari;TOGA;34.03.08.2004"

    _plan, batch = importer.run(data, "hadir.csv", dry_run=False, confirmation="hadir-1")
    with pytest.raises(AlreadyImported) as again:
        importer.run(data, "hadir.csv", dry_run=False, confirmation="hadir-1")

    assert again.value.messages == [f"Berkas ini sudah diimpor sebagai impor #{batch.pk}."]
    assert (event.peserta.count(), Peserta.history.count(), ImportBatch.objects.count()) == (2, 2, 1)
