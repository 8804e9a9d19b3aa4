"""registry.db.copy on PostgreSQL, and `bulk_insert`'s fallback elsewhere: the same rows stored either way."""

import pytest
from django.db import connection, transaction

from registry.db.copy import TEXT_ESCAPES, TEXT_NULL, copy_rows, copy_text_chunks
from registry.models import Wilayah
from registry.services.bulk import bulk_insert

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
COLUMNS = ("code", "name", "level", "kind", "parent_id")
ROWS = [("99", "Provinsi\tUji", 1, "provinsi", None), ("99.01", "Kabupaten \\ Uji\nBaru", 2, "kabupaten", "99")]


def stored() -> list[tuple]:
    return list(Wilayah.objects.within(["99"]).order_by("code").values_list(*COLUMNS))


@postgresql_only
def test_rows_copied_as_values_are_stored_as_they_are():
    with transaction.atomic():
        count = copy_rows(Wilayah._meta.db_table, COLUMNS, ROWS)

    assert count == 2
    assert stored() == ROWS


@postgresql_only
def test_copy_text_with_escaped_values_and_nulls_is_stored_as_the_values():
    lines = "".join(
        "\t".join(TEXT_NULL if value is None else str(value).translate(TEXT_ESCAPES) for value in row) + "\n"
        for row in ROWS
    )
    with transaction.atomic():
        copy_text_chunks(Wilayah._meta.db_table, COLUMNS, [lines[:7], lines[7:]])

    assert stored() == ROWS


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback off PostgreSQL")
def test_bulk_insert_off_postgresql_stores_the_rows_with_bulk_create():
    with transaction.atomic():
        count = bulk_insert(Wilayah, COLUMNS, ROWS)

    assert count == 2
    assert stored() == ROWS
