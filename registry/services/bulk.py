"""Fast bulk writes shared by the loaders and importers.

`bulk_insert` writes plain rows without history (loaders, scale data). `insert_with_history` and
`update_with_history` write records together with their django-simple-history rows, as simple-history's own
`bulk_create_with_history`/`bulk_update_with_history` would (same columns, same `+`/`~` types, one user, one
date and the extra history fields such as the import batch). On PostgreSQL the rows travel by `COPY` and each
history row is written from the row just stored, in one statement (`registry.db.copy`); elsewhere (SQLite)
Django's `bulk_create`/`bulk_update` and simple-history's functions are used.
"""

import datetime
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from registry.db import copy


def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Inserts `rows` (tuples of values for the field attnames `columns`) into `model`'s table; returns the count.

    On PostgreSQL the rows travel by `COPY … FROM STDIN`, several times faster than multi-row INSERT; elsewhere
    `bulk_create` is used. Either way no signals run and no history is written: callers that need history use
    `insert_with_history`. A field not in `columns` takes its default, as `bulk_create` gives it (a field added
    later, such as a record's verification state, needs no change to every loader). Must run inside the caller's
    transaction.
    """
    if connection.vendor == "postgresql":
        defaults = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in columns
            and not f.primary_key
            and not f.null
            and f.has_default()
            and not callable(f.default)
            and f.get_internal_type() in copy.PLAIN_TYPES
        ]
        if defaults:
            extra = tuple(f.default for f in defaults)
            columns = [*columns, *(f.attname for f in defaults)]
            rows = (tuple(row) + extra for row in rows)
        return copy.copy_rows(model._meta.db_table, [model._meta.get_field(c).column for c in columns], rows)
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
        return copy.write_with_history(model, "insert", fields, values, _history_values(stamp))
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
        written = [key, *fields]
        return copy.write_with_history(
            model, "update", written, copy.database_values(written, rows), _history_values(stamp)
        )
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
    return copy.database_values(fields, values) if connection.vendor == "postgresql" else values


def _history_values(stamp: HistoryStamp) -> dict:
    """The values of the history rows' own fields, by name, for `stamp`."""
    return {
        "history_date": stamp.date,
        "history_change_reason": None,
        "history_user_id": stamp.user.pk if stamp.user is not None else None,
        **stamp.extra,
    }
