"""Filling an empty table faster by building its primary key once, after the rows, instead of row by row.

PostgreSQL inserts every new row into the primary key's btree as it goes; for the 91,599 regions of a first
`load_wilayah` that costs twice the COPY itself (about 180 ms against 90 ms on the server), while building the
same index from the finished table, by one sort, costs about 80 ms. A primary key can only be dropped together
with the foreign keys that reference it, so those are dropped too and put back, each with its own name and
definition as the database reports it, once the primary key stands again. Putting a foreign key back checks
every row of its table against the new keys, as adding one always does.

All of it is DDL inside the caller's transaction: if anything in the block fails, PostgreSQL rolls the drops back
with the rows, and the table keeps its constraints. While the block runs, the table and the tables referencing it
are locked against other sessions, which is why this is only for filling an empty table.

PostgreSQL only: on SQLite, `registry.services.wilayah_load` writes the rows with the primary key standing
(`bulk_insert`).
"""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def primary_key_built_after_rows(table: str):
    """Runs the block with `table`'s primary key (and the foreign keys referencing it) dropped, then restores them.

    For PostgreSQL only, inside a transaction (`transaction.atomic`), and meant for a table that is empty when the
    block starts: a duplicated key written in the block fails when the primary key is rebuilt, with the database's
    IntegrityError, and the transaction rolls everything back.
    """
    if connection.vendor != "postgresql":
        raise NotImplementedError("primary_key_built_after_rows is for PostgreSQL only.")
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("primary_key_built_after_rows needs a transaction.")
    with connection.cursor() as cursor:
        primary_key = _constraints(cursor, "conrelid = %s::regclass AND contype = 'p'", table)
        references = _constraints(cursor, "confrelid = %s::regclass AND contype = 'f'", table)
        for owner, name, _definition in references + primary_key:
            cursor.execute(f"ALTER TABLE {owner} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for owner, name, definition in primary_key + references:
            cursor.execute(f"ALTER TABLE {owner} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")


def _constraints(cursor, condition: str, table: str) -> list[tuple[str, str, str]]:
    """(owning table as a quoted SQL name, constraint name, definition) of `table`'s constraints meeting
    `condition`, in name order."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        f"WHERE {condition} ORDER BY conname",
        [table],
    )
    return cursor.fetchall()
