"""An import's writes with their history rows, each naming the importing user and tied to the import batch."""

from registry.imports.plan import rows_written
from registry.services import bulk
from registry.services.bulk import HistoryStamp


def history_stamp(user, batch) -> HistoryStamp:
    """History rows of an import: by `user` (None for no one), at the batch's time, tied to `batch`."""
    return HistoryStamp(user=user, date=batch.created_at, extra={"import_batch_id": batch.pk})


def insert_with_history(model, rows: list[dict], *, user, batch) -> list:
    """Inserts `rows` (field attname → value) with history rows naming `user` and `batch`; returns their keys."""
    return bulk.insert_with_history(model, rows, history_stamp(user, batch))


def create_with_history(model, objects: list, *, user, batch) -> None:
    """Inserts the unsaved instances `objects` and their history rows, naming `user` and `batch`."""
    bulk.create_with_history(model, objects, history_stamp(user, batch))


def update_with_history(model, objects: list, fields: set[str], *, user, batch) -> list:
    """Updates `fields` of `objects` (and `updated_at` when the model has it) with history rows; returns the keys
    of the rows stored."""
    return bulk.update_with_history(model, objects, fields, history_stamp(user, batch))


def write_records(model, writes, *, user, batch) -> set[int]:
    """Writes a list's own records: `writes.created` (field values, each given its new `id`, which the rows
    joining it read) and the fields `writes.updated_fields` of the instances `writes.updated`, with history;
    returns the spreadsheet rows the database reports written (`rows_written`)."""
    keys = insert_with_history(model, writes.created, user=user, batch=batch)
    written = rows_written(writes.created, keys)
    for created, pk in zip(writes.created, keys, strict=True):
        created["id"] = pk
    keys = update_with_history(model, writes.updated, writes.updated_fields, user=user, batch=batch)
    return written | rows_written(writes.updated, keys)
