"""Fast bulk writes shared by the loaders and importers.

`bulk_insert` writes plain rows without history (loaders, scale data). `insert_with_history` and
`update_with_history` write records together with their django-simple-history rows, as simple-history's own
`bulk_create_with_history`/`bulk_update_with_history` would (same columns, same `+`/`~` types, one user, one
date and the extra history fields such as the import batch), but on PostgreSQL in a few statements: the rows
travel by `COPY` into a temporary table, and one statement moves them into the table and writes each history
row from the row just stored (`INSERT … RETURNING` feeding the history `INSERT`), so a history row can never
differ from the record it describes. Elsewhere (SQLite) simple-history's functions are used.
"""

import datetime
import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

# Field types whose Python values psycopg writes as PostgreSQL expects without Django's conversion.
_PLAIN_TYPES = frozenset(
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
_temp_names = itertools.count(1)


def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Inserts `rows` (tuples of values for the field attnames `columns`) into `model`'s table; returns the count.

    On PostgreSQL the rows travel by `COPY … FROM STDIN`, several times faster than multi-row INSERT; elsewhere
    `bulk_create` is used. Either way no signals run and no history is written: callers that need history use
    `insert_with_history`. Must run inside the caller's transaction.
    """
    if connection.vendor == "postgresql":
        return _copy_rows(model._meta.db_table, [model._meta.get_field(c).column for c in columns], rows)
    objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
    model.objects.bulk_create(objects, batch_size=2000)
    return len(objects)


@dataclass(frozen=True)
class HistoryStamp:
    """What every history row of one bulk write records: `user` (a user or None), `date` (aware datetime) and
    `extra` values of the history model's own fields by attname (e.g. {"import_batch_id": 7})."""

    user: models.Model | None
    date: datetime.datetime
    extra: Mapping[str, object] = field(default_factory=dict)


def insert_with_history(model: type[models.Model], rows: Sequence[Mapping], stamp: HistoryStamp) -> list:
    """Inserts `rows` (dicts of field attname → value; a missing field takes its default, `auto_now` and
    `auto_now_add` fields the time of writing) with one `+` history row each, dated `stamp.date`; returns the new
    primary keys in the order of `rows`. No model is instantiated on PostgreSQL, no signal runs. Must run inside
    a transaction."""
    if not rows:
        return []
    fields = _insert_fields(model)
    values = _values(fields, rows, timezone.now())
    if connection.vendor == "postgresql":
        return _pg_write(model, "insert", fields, values, stamp)
    objects = [model(**{f.attname: v for f, v in zip(fields, row, strict=True)}) for row in values]
    bulk_create_with_history(
        objects,
        model,
        batch_size=1000,
        default_user=stamp.user,
        default_date=stamp.date,
        custom_historical_attrs=stamp.extra,
    )
    return [obj.pk for obj in objects]


def create_with_history(model: type[models.Model], objects: Sequence[models.Model], stamp: HistoryStamp) -> None:
    """`insert_with_history` for unsaved model instances; sets each instance's primary key."""
    fields = _insert_fields(model)
    rows = [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objects]
    for obj, pk in zip(objects, insert_with_history(model, rows, stamp), strict=True):
        obj.pk = pk
        obj._state.adding = False


def update_with_history(
    model: type[models.Model], objects: Sequence[models.Model], field_names: Iterable[str], stamp: HistoryStamp
) -> list:
    """Stores `field_names` (field names or attnames) of the saved instances `objects` (and the model's `auto_now`
    fields, set to the time of writing on the instances too) with one `~` history row each, dated `stamp.date`, as
    the stored rows then stand. Returns the primary keys of the rows stored (an object whose row is gone is not
    among them)."""
    if not objects:
        return []
    now = timezone.now()
    opts = model._meta
    names = set(field_names) | {f.name for f in opts.concrete_fields if getattr(f, "auto_now", False)}
    # A foreign key may be named by its field name or its attname ("kind" or "kind_id").
    fields = [f for f in opts.concrete_fields if (f.name in names or f.attname in names) and not f.primary_key]
    for obj in objects:
        for f in fields:
            if getattr(f, "auto_now", False):
                setattr(obj, f.attname, now)
    if connection.vendor == "postgresql":
        key = opts.pk
        rows = [[getattr(obj, f.attname) for f in (key, *fields)] for obj in objects]
        return _pg_write(model, "update", [key, *fields], _prepared([key, *fields], rows), stamp)
    model._default_manager.bulk_update(objects, [f.name for f in fields], batch_size=1000)
    # History from the rows as stored (as on PostgreSQL), read back in chunks within SQLite's parameter limit.
    keys = [obj.pk for obj in objects]
    stored = [
        obj
        for start in range(0, len(keys), 900)
        for obj in model._default_manager.filter(pk__in=keys[start : start + 900])
    ]
    model.history.bulk_history_create(
        stored,
        batch_size=1000,
        update=True,
        default_user=stamp.user,
        default_change_reason=None,
        default_date=stamp.date,
        custom_historical_attrs=stamp.extra,
    )
    return [obj.pk for obj in stored]


def _insert_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _values(fields: Sequence[models.Field], rows: Sequence[Mapping], date: datetime.datetime) -> list[list]:
    """Each row's values in `fields` order, defaults and auto dates filled in, ready for the database."""
    auto = {f.attname: date for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in auto}
    pick = operator.itemgetter(*(f.attname for f in fields))
    # Dict merging and itemgetter run in C: a tenth of the cost of a per-field loop over 40,000 rows.
    values = [list(pick({**defaults, **row, **auto})) for row in rows]
    return _prepared(fields, values) if connection.vendor == "postgresql" else values


def _prepared(fields: Sequence[models.Field], rows: list[list]) -> list[list]:
    """`rows` with Django's database conversion applied to the fields psycopg cannot take as they are."""
    converted = [(i, f) for i, f in enumerate(fields) if f.get_internal_type() not in _PLAIN_TYPES]
    for row in rows:
        for i, f in converted:
            row[i] = f.get_db_prep_save(row[i], connection)
    return rows


def _pg_write(model, mode: str, fields: Sequence[models.Field], rows: list[list], stamp: HistoryStamp) -> list:
    """COPYs `rows` into a temporary table, then inserts (mode "insert") or updates by primary key (mode
    "update") `model`'s rows from it and writes their history rows, in one statement. Returns the inserted keys
    in the order of `rows` (RETURNING follows the ordered SELECT, as Django's own bulk inserts rely on)."""
    from psycopg import sql

    opts, history = model._meta, model.history.model
    table, key = sql.Identifier(opts.db_table), sql.Identifier(opts.pk.column)
    temp = sql.Identifier(f"bulk_write_{next(_temp_names)}")
    columns = [sql.Identifier(f.column) for f in fields]
    column_list = sql.SQL(", ").join(columns)
    # A savepoint at most: the temporary table lives until the end of the transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(
                "CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS SELECT 0::bigint AS bulk_row, {columns} FROM {table}"
                " WITH NO DATA"
            ).format(temp=temp, columns=column_list, table=table)
        )
        _copy_rows(temp, None, ([n, *row] for n, row in enumerate(rows)))
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
        tracked = [sql.Identifier(f.column) for f in history.tracked_fields]
        stamp_values = {
            "history_date": stamp.date,
            "history_change_reason": None,
            "history_type": history_type,
            "history_user_id": stamp.user.pk if stamp.user is not None else None,
            **stamp.extra,
        }
        stamp_columns = [sql.Identifier(history._meta.get_field(name).column) for name in stamp_values]
        statement = sql.SQL(
            "WITH changed AS ({change}), history AS (INSERT INTO {history} ({tracked}, {stamp_columns})"
            " SELECT {tracked}, {placeholders} FROM changed) SELECT {key} FROM changed"
        ).format(
            change=change,
            history=sql.Identifier(history._meta.db_table),
            tracked=sql.SQL(", ").join(tracked),
            stamp_columns=sql.SQL(", ").join(stamp_columns),
            placeholders=sql.SQL(", ").join(sql.Placeholder() * len(stamp_values)),
            key=key,
        )
        cursor.execute(statement, list(stamp_values.values()))
        keys = [pk for (pk,) in cursor.fetchall()]
        cursor.execute(sql.SQL("DROP TABLE {temp}").format(temp=temp))
    return keys


def _copy_rows(table, columns: Sequence[str] | None, rows: Iterable[Sequence]) -> int:
    """COPYs `rows` into `table` (a name or a psycopg `sql.Identifier`), into `columns` or all of them."""
    from psycopg import sql

    target = table if isinstance(table, sql.Composable) else sql.Identifier(table)
    if columns is None:
        statement = sql.SQL("COPY {table} FROM STDIN").format(table=target)
    else:
        names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
        statement = sql.SQL("COPY {table} ({columns}) FROM STDIN").format(table=target, columns=names)
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
