"""Whatever file is imported, the database afterwards is what its preview showed: as many new records as rows
previewed new, exactly the new and changed rows' records written (and history tied to the batch), the batch's
counts those of the preview, a re-import all unchanged; or, for a refused file, nothing at all."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.imports.errors import ImportRefused
from registry.imports.kps_list import KpsListImport
from registry.imports.plan import Action
from registry.imports.wksbm_list import WksbmListImport
from registry.models import ImportBatch, Kps, KpsMembership, Pengurus, PengurusRole, Wilayah, Wksbm
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")

CANDIREJO = "34.03.08.2004"
NGEPOSARI = "34.03.08.2001"
SEMANU = "34.03.08"

WKSBM_HEADER = "kode_wilayah;nama_wksbm;alamat;tanggal_pembentukan;tanggal_sk;status;ketua;sekretaris;telepon"


def cell(usual: list[str], rare: list[str]):
    """A cell: one of the `usual` values (good ones, and values breaking a rule of the record checked after
    parsing) most of the time, one of the `rare` ones (which the parsers refuse) now and then, so that generated
    files are often importable and often break a record's rule in a single row."""
    return st.sampled_from(usual * 5 + rare)


WKSBM_CELLS = [
    cell([CANDIREJO, CANDIREJO, NGEPOSARI, SEMANU], ["34.03", "99.99.99.9999"]),
    cell(["WKSBM Satu", "wksbm  satu", "WKSBM Dua", "WKSBM Tiga", "WKSBM Empat", "W" * 201], ["-"]),
    cell(["", "Balai Desa", "Rumah Pak Dukuh", "-", "A" * 256], []),
    cell(["", "01/02/2019", "01/06/2020", "—"], ["31/02/2020", "01/01/2999"]),
    cell(["", "01/01/2020", "01/03/2019", "n/a", "15/02/2019"], []),
    cell(["", "aktif", "vakum", "bubar", "tidak ada"], ["hilang"]),
    cell(["", "Sutrisno", "Bambang", "-", "K" * 151], []),
    cell(["", "Sri", "Ani", "tidak ada", "S" * 151], []),
    cell(["", "0812-3456-7890", "-"], ["12"]),
]
KPS_HEADER = "kode_wilayah;nama_kps;jenis_kps;nama_wksbm;ketua_kps;jumlah_anggota;telepon"
KPS_CELLS = [
    cell([CANDIREJO, CANDIREJO, NGEPOSARI], ["34.03", "99.99.99.9999"]),
    cell(["PKK Satu", "pkk  satu", "Karang Taruna Dua", "Posyandu Tiga", "P" * 201], ["-"]),
    cell(["PKK", "PKK", "Karang Taruna", ""], ["arisan"]),
    cell(["", "Forum Semanu", "WKSBM Candirejo", "-"], ["Forum Entah"]),
    cell(["", "Agus", "Sri", "L" * 151, "n/a"], []),
    cell(["", "25", "1.250", "3.000.000.000", "--"], ["-1"]),
    cell(["", "0813-2222-3333"], ["12"]),
]


def lines(cells):
    return st.lists(st.tuples(*cells).map(";".join), min_size=1, max_size=4)


def csv_file(header: str, rows: list[str]) -> bytes:
    return "\r\n".join([header, *rows]).encode("utf-8")


def state() -> tuple:
    """Every record an import may write, as stored, with its history and the batches."""
    return (
        list(Wksbm.objects.order_by("pk").values_list()),
        list(Pengurus.objects.order_by("pk").values_list()),
        list(Kps.objects.order_by("pk").values_list()),
        list(KpsMembership.objects.order_by("pk").values_list()),
        Wksbm.history.count(),
        Pengurus.history.count(),
        Kps.history.count(),
        KpsMembership.history.count(),
        ImportBatch.objects.count(),
    )


def assert_database_is_the_preview(importer, data: bytes, touched_by) -> None:
    """Previews `data`, commits that preview, and checks the database against it (see the module docstring)."""
    before = state()
    counted = (Wksbm.objects.count(), Kps.objects.count())
    try:
        plan = importer.plan(data, "daftar.csv")
    except ImportRefused:
        assert state() == before
        return
    if plan.refused:
        with pytest.raises(ImportRefused):
            importer.commit(plan)
        assert state() == before
        return
    batch = importer.commit(plan)
    new, changed, unchanged = (plan.count(action) for action in (Action.NEW, Action.CHANGED, Action.UNCHANGED))
    created = (Wksbm.objects.count() - counted[0]) + (Kps.objects.count() - counted[1])
    assert (batch.created, batch.updated, batch.unchanged) == (new, changed, unchanged)
    assert created == new
    assert len(touched_by(batch)) == new + changed
    replanned = importer.plan(data, "daftar.csv")
    assert [row.action for row in replanned.rows] == [Action.UNCHANGED] * len(plan.rows)


def wksbm_touched(batch) -> set[int]:
    """The WKSBM whose record or board `batch` wrote."""
    return set(Wksbm.history.filter(import_batch=batch).values_list("id", flat=True)) | set(
        Pengurus.history.filter(import_batch=batch).values_list("wksbm_id", flat=True)
    )


def kps_touched(batch) -> set[int]:
    """The KPS whose record or membership `batch` wrote."""
    return set(Kps.history.filter(import_batch=batch).values_list("id", flat=True)) | set(
        KpsMembership.history.filter(import_batch=batch).values_list("kps_id", flat=True)
    )


@pytest.fixture
def dinsos():
    return User.objects.create_superuser("dinsos")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=lines(WKSBM_CELLS), second=lines(WKSBM_CELLS))
def test_a_wksbm_list_stores_exactly_what_its_preview_showed(dinsos, first, second):
    with transaction.atomic():
        stored = WksbmFactory(
            name="WKSBM Satu", wilayah=Wilayah.objects.get(code=CANDIREJO), formed_on=datetime.date(2019, 2, 1)
        )
        PengurusFactory(wksbm=stored, name="Sutrisno", role=PengurusRole.objects.get(slug="ketua"), period_from=None)
        for rows in (first, second):
            assert_database_is_the_preview(WksbmListImport(user=dinsos), csv_file(WKSBM_HEADER, rows), wksbm_touched)
        transaction.set_rollback(True)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=lines(KPS_CELLS), second=lines(KPS_CELLS))
def test_a_kps_list_stores_exactly_what_its_preview_showed(dinsos, first, second):
    with transaction.atomic():
        candirejo = Wilayah.objects.get(code=CANDIREJO)
        WksbmFactory(name="Forum Semanu", wilayah=Wilayah.objects.get(code=SEMANU))
        forum = WksbmFactory(name="WKSBM Candirejo", wilayah=candirejo)
        MembershipFactory(kps=KpsFactory(name="PKK Satu", wilayah=candirejo), wksbm=forum)
        for rows in (first, second):
            assert_database_is_the_preview(KpsListImport(user=dinsos), csv_file(KPS_HEADER, rows), kps_touched)
        transaction.set_rollback(True)
