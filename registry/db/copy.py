"""Rows into PostgreSQL by `COPY … FROM STDIN`, and records written together with their history rows.

Why: `COPY` takes rows as one stream, parsed by the server without a statement per batch, several times faster
than Django's multi-row `INSERT` (`bulk_create`) for the tens of thousands of rows of a list import, a national
`load_wilayah` (91,599 regions) or `seed_scale` (bench/import_speed.py measures the imports against a plain
COPY of the same rows, bench/wilayah_load.py the wilayah load). `write_with_history` sends records through a
temporary table by COPY and stores them and their django-simple-history rows in one statement, each history row
taken from the row just stored, so a history row can never differ from the record it describes.

Everything here is for PostgreSQL only (psycopg's COPY). On SQLite the callers write the same rows with Django's
and simple-history's bulk functions: `registry.services.bulk` chooses, and `registry.services.wilayah_load`
hands its rows to `bulk_insert` there.
"""

import itertools
from collections.abc import Iterable, Mapping, Sequence

from django.db import connection, models, transaction

# Field types whose Python values psycopg writes as PostgreSQL expects without Django's conversion.
PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)

# COPY's text format: a tab ends a column, a newline a row, a backslash escapes and \N is NULL.
TEXT_NULL = "\\N"
TEXT_SPECIALS = "\\\t\n\r"
TEXT_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

_temp_names = itertools.count(1)


def database_values(fields: Sequence[models.Field], rows: list[list]) -> list[list]:
    """`rows` (lists of values in `fields` order), changed in place, with Django's database conversion applied to
    the fields psycopg cannot take as they are (`PLAIN_TYPES` need none)."""
    converted = [(i, f) for i, f in enumerate(fields) if f.get_internal_type() not in PLAIN_TYPES]
    for row in rows:
        for i, f in converted:
            row[i] = f.get_db_prep_save(row[i], connection)
    return rows


def copy_rows(table, columns: Sequence[str] | None, rows: Iterable[Sequence]) -> int:
    """COPYs `rows` (sequences of database values) into `table` (a name or a psycopg `sql.Identifier`), into the
    columns `columns` or all of them; returns how many rows went."""
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(_copy_statement(table, columns)) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_text_chunks(table: str, columns: Sequence[str], chunks: Iterable[str]) -> None:
    """COPYs `chunks` of COPY text (lines of tab-separated values, `TEXT_NULL` for NULL, values holding a
    `TEXT_SPECIALS` character escaped with `TEXT_ESCAPES`) into the columns `columns` of `table`.

    The database stores a chunk while the caller builds the next; joining the lines of a chunk costs Python about
    40% less than handing psycopg one row tuple at a time (`copy_rows`).
    """
    with connection.cursor() as cursor, cursor.cursor.copy(_copy_statement(table, columns)) as copy:
        for chunk in chunks:
            copy.write(chunk)


def write_with_history(
    model: type[models.Model], mode: str, fields: Sequence[models.Field], rows: list[list], history: Mapping
) -> list:
    """COPYs `rows` (database values of `fields`) into a temporary table, then inserts (mode "insert") or updates
    by primary key (mode "update", `fields[0]` being the primary key) `model`'s rows from it and writes one history
    row of each stored row, in one statement: `INSERT … RETURNING` (or `UPDATE … RETURNING`) feeding the history
    `INSERT`. `history` gives the values of the history rows' own fields by name (`history_date`,
    `history_user_id`, extra fields); their `history_type` is `+` for an insert, `~` for an update.

    Returns the stored rows' primary keys, for an insert in the order of `rows` (RETURNING follows the ordered
    SELECT, as Django's own bulk inserts rely on). Needs the caller's transaction: the temporary table lives until
    its end at most.
    """
    from psycopg import sql

    opts, history_model = model._meta, model.history.model
    table, key = sql.Identifier(opts.db_table), sql.Identifier(opts.pk.column)
    temp = sql.Identifier(f"bulk_write_{next(_temp_names)}")
    columns = [sql.Identifier(f.column) for f in fields]
    column_list = sql.SQL(", ").join(columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(
                "CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS SELECT 0::bigint AS bulk_row, {columns} FROM {table}"
                " WITH NO DATA"
            ).format(temp=temp, columns=column_list, table=table)
        )
        copy_rows(temp, None, ([n, *row] for n, row in enumerate(rows)))
        if mode == "insert":
            change = sql.SQL(
                "INSERT INTO {table} ({columns}) SELECT {columns} FROM {temp} ORDER BY bulk_row RETURNING *"
            ).format(table=table, columns=column_list, temp=temp)
            history_type = "+"
        else:
            assignments = sql.SQL(", ").join(sql.SQL("{c} = {temp}.{c}").format(c=c, temp=temp) for c in columns[1:])
            change = sql.SQL(
                "UPDATE {table} SET {assignments} FROM {temp} WHERE {table}.{key} = {temp}.{key} RETURNING {table}.*"
            )
            change = change.format(table=table, assignments=assignments, temp=temp, key=key)
            history_type = "~"
        tracked = [sql.Identifier(f.column) for f in history_model.tracked_fields]
        stamp_values = {"history_type": history_type, **history}
        stamp_columns = [sql.Identifier(history_model._meta.get_field(name).column) for name in stamp_values]
        statement = sql.SQL(
            "WITH changed AS ({change}), history AS (INSERT INTO {history} ({tracked}, {stamp_columns})"
            " SELECT {tracked}, {placeholders} FROM changed) SELECT {key} FROM changed"
        ).format(
            change=change,
            history=sql.Identifier(history_model._meta.db_table),
            tracked=sql.SQL(", ").join(tracked),
            stamp_columns=sql.SQL(", ").join(stamp_columns),
            placeholders=sql.SQL(", ").join(sql.Placeholder() * len(stamp_values)),
            key=key,
        )
        cursor.execute(statement, list(stamp_values.values()))
        keys = [pk for (pk,) in cursor.fetchall()]
        cursor.execute(sql.SQL("DROP TABLE {temp}").format(temp=temp))
    return keys


def _copy_statement(table, columns: Sequence[str] | None):
    """`COPY table (columns) FROM STDIN`, of all columns when `columns` is None."""
    from psycopg import sql

    target = table if isinstance(table, sql.Composable) else sql.Identifier(table)
    if columns is None:
        return sql.SQL("COPY {table} FROM STDIN").format(table=target)
    names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    return sql.SQL("COPY {table} ({columns}) FROM STDIN").format(table=target, columns=names)
