"""registry.db.primary_keys is PostgreSQL's device: elsewhere it refuses, and the first load keeps its key standing.

Its work on PostgreSQL is tested through `load_wilayah` in tests/registry/test_wilayah_first_load.py.
"""

import pytest
from django.db import connection, transaction

from registry.db.primary_keys import primary_key_built_after_rows
from registry.models import Wilayah
from registry.services import wilayah_load

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback off PostgreSQL"),
]


def test_the_rebuild_is_refused_off_postgresql():
    with (
        transaction.atomic(),
        pytest.raises(NotImplementedError),
        primary_key_built_after_rows(Wilayah._meta.db_table),
    ):
        pass


def test_a_large_first_load_off_postgresql_writes_with_the_primary_key_standing(monkeypatch):
    monkeypatch.setattr(wilayah_load, "REBUILD_PRIMARY_KEY_FROM_ROWS", 1)
    Wilayah.objects.all().delete()
    source = wilayah_load.select_provinces(wilayah_load.read_packaged_source(), ["34"])

    report = wilayah_load.load_wilayah(source=source, scope=[])

    assert report.total_created == Wilayah.objects.count() == len(source.names)
