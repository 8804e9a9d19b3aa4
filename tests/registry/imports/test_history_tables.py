"""The history tables of importable records, as the list imports write them: indexed on what is read (the
record, the import batch), tied to their batch without a database constraint yet still protected by Django,
and an import judged as of one day."""

import datetime

import pytest
from django.db import connection
from django.db.models import ProtectedError

from registry import dates
from registry.imports.command import SystemImporter
from registry.imports.wksbm_list import WksbmListImport
from registry.models import ImportBatch, Kps, KpsMembership, Pengurus, Wksbm
from trainings.models import Peserta

HISTORIES = {
    Wksbm: {"wilayah"},
    Pengurus: {"wksbm", "role"},
    Kps: {"wilayah", "kind"},
    KpsMembership: {"kps", "wksbm"},
    Peserta: set(),
}
FILE = (
    b"kode_wilayah;nama_wksbm;tanggal_pembentukan;status;ketua;sekretaris\r\n"
    b"34.03.08.2004;WKSBM Ngudi Rahayu;8 Agustus 2019;aktif;Sutrisno;Sri Lestari\r\n"
)


def indexed_columns(table: str) -> set[str]:
    """The columns of `table` that lead an index (primary key and unique constraints included)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {c["columns"][0] for c in constraints.values() if c["index"] or c["primary_key"] or c["unique"]}


def foreign_keys(table: str) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {c["columns"][0] for c in constraints.values() if c["foreign_key"]}


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(HISTORIES), ids=lambda model: model.__name__)
def test_history_is_indexed_by_record_and_batch_only(model):
    history = model.history.model
    table = history._meta.db_table
    unindexed = {history._meta.get_field(name).column for name in HISTORIES[model]}

    indexed = indexed_columns(table)

    assert {"history_id", "id", "import_batch_id"} <= indexed
    assert not indexed & unindexed
    assert "import_batch_id" not in foreign_keys(table)


@pytest.mark.usefixtures("diy")
def test_an_imports_history_names_its_batch_which_then_cannot_be_deleted():
    plan, batch = WksbmListImport(user=SystemImporter()).run(FILE, "daftar.csv", dry_run=False)

    assert batch is not None, plan.errors
    assert Wksbm.history.filter(import_batch=batch).count() == 1
    assert Pengurus.history.filter(import_batch=batch).count() == 2
    with pytest.raises(ProtectedError):
        batch.delete()
    assert ImportBatch.objects.filter(pk=batch.pk).exists()


def test_within_one_day_today_is_the_day_it_began(monkeypatch):
    began = dates.today()
    with dates.one_day():
        monkeypatch.setattr("django.utils.timezone.localdate", lambda: began + datetime.timedelta(days=1))
        within = [dates.today(), dates.today()]
        with dates.one_day():
            nested = dates.today()
    after = dates.today()

    assert within == [began, began]
    assert nested == began
    assert after == began + datetime.timedelta(days=1)
