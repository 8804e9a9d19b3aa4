"""A first national `load_wilayah` on PostgreSQL builds the primary key after the rows and keeps every constraint."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from registry.db.primary_keys import primary_key_built_after_rows
from registry.models import Wilayah, Wksbm
from registry.services import wilayah_load

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL constraints and DDL"),
]

TABLE = Wilayah._meta.db_table


def constraints_on_wilayah() -> dict[str, tuple[int, str, bool]]:
    """Constraint name → (oid, definition, validated) of the wilayah primary key and the foreign keys to it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, oid, pg_get_constraintdef(oid), convalidated FROM pg_constraint "
            "WHERE (conrelid = %s::regclass AND contype = 'p') OR confrelid = %s::regclass",
            [TABLE, TABLE],
        )
        return {name: (oid, definition, validated) for name, oid, definition, validated in cursor.fetchall()}


def definitions(constraints: dict) -> dict[str, tuple[str, bool]]:
    return {name: (definition, validated) for name, (_oid, definition, validated) in constraints.items()}


def test_all_indonesia_loads_into_an_empty_table_with_its_constraints_rebuilt_as_they_were():
    before = constraints_on_wilayah()

    output = io.StringIO()
    call_command("load_wilayah", stdout=output)

    after = constraints_on_wilayah()
    levels = {level: Wilayah.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert levels == {1: 38, 2: 514, 3: 7285, 4: 83762}
    assert "Dibuat 91599, berubah 0." in output.getvalue()
    # the primary key and thirteen foreign keys (WKSBM, KPS, areas, events, programs, peserta, uji petik samples, mitra,
    # forums, pemutakhiran periods, rekap snapshots, verification items, open data settings)
    assert len(before) == 14
    assert definitions(after) == definitions(before)
    assert all(after[name][0] != before[name][0] for name in before), "every constraint was built anew"


def test_the_rebuilt_keys_still_refuse_a_duplicate_code_and_an_unknown_wilayah(monkeypatch):
    monkeypatch.setattr(wilayah_load, "REBUILD_PRIMARY_KEY_FROM_ROWS", 1)
    before = constraints_on_wilayah()
    call_command("load_wilayah", "--provinsi", "34", stdout=io.StringIO())
    assert all(constraints_on_wilayah()[name][0] != oid for name, (oid, *_rest) in before.items())

    with pytest.raises(IntegrityError), transaction.atomic():
        Wilayah.objects.bulk_create([Wilayah(code="34.03", name="Ganda", level=2, kind="kabupaten", parent_id="34")])
    with pytest.raises(IntegrityError), transaction.atomic():
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
        Wksbm.objects.create(wilayah_id="34.03.08.9999", name="WKSBM Tanpa Wilayah")


def test_a_refused_first_load_leaves_the_constraints_standing(monkeypatch, tmp_path):
    monkeypatch.setattr(wilayah_load, "REBUILD_PRIMARY_KEY_FROM_ROWS", 1)
    before = constraints_on_wilayah()
    orphan = tmp_path / "orphan.csv"
    orphan.write_text("kode,nama\n34,DI Yogyakarta\n34.03,Gunungkidul\n34.99.01,Tanpa Induk\n", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("load_wilayah", "--csv", str(orphan), stdout=io.StringIO())

    assert constraints_on_wilayah() == before
    assert not Wilayah.objects.exists()


def test_a_load_into_a_table_that_holds_other_provinces_keeps_its_constraints(monkeypatch):
    monkeypatch.setattr(wilayah_load, "REBUILD_PRIMARY_KEY_FROM_ROWS", 1)
    call_command("load_wilayah", "--provinsi", "34", stdout=io.StringIO())
    before = constraints_on_wilayah()

    call_command("load_wilayah", "--provinsi", "33", stdout=io.StringIO())

    assert constraints_on_wilayah() == before
    assert Wilayah.objects.filter(code__startswith="33").exists()


def test_a_small_first_load_keeps_its_constraints():
    before = constraints_on_wilayah()

    call_command("load_wilayah", "--provinsi", "34", stdout=io.StringIO())

    assert constraints_on_wilayah() == before


def test_a_duplicated_key_written_in_the_block_fails_and_rolls_back_to_the_standing_constraints():
    before = constraints_on_wilayah()
    row = Wilayah(code="34", name="DI Yogyakarta", level=1, kind="provinsi")

    with pytest.raises(IntegrityError), transaction.atomic(), primary_key_built_after_rows(TABLE):
        Wilayah.objects.bulk_create([row, Wilayah(code="34", name="Ganda", level=1, kind="provinsi")])

    assert constraints_on_wilayah() == before
    assert not Wilayah.objects.exists()
