"""Bulk writes with history (registry.services.bulk): the records stored and their history rows as
simple-history would write them — who, when, what, `+`/`~` and the import batch — on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from registry.models import ImportBatch, Kps, KpsKind, Pengurus, PengurusRole, Wksbm
from registry.services.bulk import HistoryStamp, create_with_history, insert_with_history, update_with_history
from tests.factories import WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")

WHEN = datetime.datetime(2025, 6, 17, 9, 30, tzinfo=datetime.UTC)


def stamp(user=None) -> HistoryStamp:
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.WKSBM, filename="daftar.csv", sha256="0" * 64)
    return HistoryStamp(user=user, date=WHEN, extra={"import_batch_id": batch.pk})


def stored_and_history(model, pk, fields):
    """The stored values of `fields` and those of the record's only history row."""
    record = model.objects.values(*fields).get(pk=pk)
    history = model.history.filter(id=pk).values(*fields).get()
    return record, history


def test_inserted_rows_take_defaults_and_the_time_of_writing_and_come_back_in_order():
    rows = [
        {"name": f"WKSBM {n}", "wilayah_id": "34.03.08.2004", "formed_on": datetime.date(2019, 8, n)} for n in (3, 1, 2)
    ]
    before = timezone.now()

    with transaction.atomic():
        keys = insert_with_history(Wksbm, rows, stamp())

    after = timezone.now()
    stored = Wksbm.objects.in_bulk(keys)
    assert [stored[key].name for key in keys] == ["WKSBM 3", "WKSBM 1", "WKSBM 2"]
    assert {(w.status, w.address) for w in stored.values()} == {("aktif", "")}
    assert {before <= w.created_at <= w.updated_at <= after for w in stored.values()} == {True}


def test_each_inserted_row_has_one_creation_history_row_naming_user_date_and_batch():
    user = User.objects.create_user("wulan")
    history_stamp = stamp(user)
    row = {"name": "WKSBM Ngudi Rahayu", "wilayah_id": "34.03.08.2004", "phone": "+6281234567890", "status": "vakum"}

    with transaction.atomic():
        (key,) = insert_with_history(Wksbm, [row], history_stamp)

    history = Wksbm.history.get(id=key)
    fields = ["name", "wilayah_id", "phone", "status", "formed_on", "created_at", "updated_at", "notes"]
    record, historical = stored_and_history(Wksbm, key, fields)
    assert record == historical
    assert (history.history_type, history.history_user, history.history_date, history.history_change_reason) == (
        "+",
        user,
        WHEN,
        None,
    )
    assert history.import_batch_id == history_stamp.extra["import_batch_id"]


def test_instances_created_with_history_get_their_keys():
    wksbm = WksbmFactory()
    ketua = PengurusRole.objects.get(slug="ketua")
    people = [Pengurus(wksbm=wksbm, role=ketua, name=name, period_from=wksbm.formed_on) for name in ("Ani", "Budi")]

    with transaction.atomic():
        create_with_history(Pengurus, people, stamp())

    assert [Pengurus.objects.get(pk=p.pk).name for p in people] == ["Ani", "Budi"]
    assert sorted(Pengurus.history.filter(history_type="+").values_list("name", flat=True)) == ["Ani", "Budi"]


def test_an_update_stores_only_the_fields_named_and_leaves_a_change_history_row():
    kind = KpsKind.objects.get(name="Karang Taruna")
    kps = Kps.objects.create(name="Karang Taruna Tunas", kind=kind, wilayah_id="34.03.08.2004", leader="Agus")
    kps.leader, kps.member_count = "Bambang", 30
    Kps.objects.filter(pk=kps.pk).update(phone="+6281234567890")  # a change made meanwhile, not by this update
    user = User.objects.create_user("wulan")

    with transaction.atomic():
        update_with_history(Kps, [kps], {"leader"}, stamp(user))

    stored = Kps.objects.get(pk=kps.pk)
    change = Kps.history.get(id=kps.pk, history_type="~")
    assert (stored.leader, stored.member_count, stored.phone, stored.updated_at) == (
        "Bambang",
        None,
        "+6281234567890",
        kps.updated_at,
    )
    assert (change.leader, change.member_count, change.phone, change.updated_at) == (
        "Bambang",
        None,
        "+6281234567890",
        kps.updated_at,
    )
    assert (change.history_user, change.history_date, stored.updated_at > stored.created_at) == (user, WHEN, True)


def test_nothing_to_write_writes_nothing():
    with transaction.atomic():
        keys = insert_with_history(Wksbm, [], stamp())
        update_with_history(Wksbm, [], {"name"}, stamp())

    assert (keys, Wksbm.objects.count(), Wksbm.history.count()) == ([], 0, 0)


def test_a_row_the_database_refuses_writes_nothing_of_the_batch():
    rows = [
        {"name": "WKSBM Satu", "wilayah_id": "34.03.08.2004"},
        {"name": "wksbm  satu", "wilayah_id": "34.03.08.2004"},  # the same natural key, as the unique index reads it
    ]

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_with_history(Wksbm, rows, stamp())

    assert (Wksbm.objects.count(), Wksbm.history.count()) == (0, 0)


def test_history_dates_are_the_stamps_not_the_clock():
    before = timezone.now()
    with transaction.atomic():
        (key,) = insert_with_history(Wksbm, [{"name": "WKSBM X", "wilayah_id": "34.03.08.2004"}], stamp())

    assert (Wksbm.history.get(id=key).history_date, before > WHEN) == (WHEN, True)
