"""registry.db.locks.lock_areas: advisory locks by name and province on PostgreSQL; nothing asked of SQLite."""

import zlib

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from registry.db.locks import lock_areas

pytestmark = pytest.mark.django_db

KEY = zlib.crc32(b"wksbm") & 0x7FFFFFFF


def held_locks() -> set[tuple[int, int, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT classid::bigint, objid::bigint, mode FROM pg_locks "
            "WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        )
        return set(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (None, {(KEY, 0, "ExclusiveLock")}),
        (
            ["34.03", "34.71.01", "35.01"],
            {(KEY, 0, "ShareLock"), (KEY, 34, "ExclusiveLock"), (KEY, 35, "ExclusiveLock")},
        ),
    ],
)
def test_on_postgresql_the_lock_of_the_name_is_held_over_the_areas_provinces_until_the_transaction_ends(
    codes, expected
):
    with transaction.atomic():
        lock_areas("wksbm", codes)
        assert held_locks() == expected


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback off PostgreSQL")
def test_off_postgresql_no_lock_is_taken():
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        lock_areas("wksbm", ["34.03"])

    assert [query["sql"] for query in queries] == []
