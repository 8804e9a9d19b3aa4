"""A row of the WKSBM or KPS list read as one unit: its wilayah within the user's area, its name (the natural key
with the wilayah), its profile fields and its other cells."""

from registry.enums import WilayahLevel
from registry.imports.columns import ImportColumn
from registry.imports.plan import ListImport, RowErrors
from registry.imports.shared_columns import CODE_COLUMN
from registry.imports.wilayah_in_area import resolve_wilayah_column
from registry.validators import name_key


def parse_units(
    importer: ListImport,
    rows: list[RowErrors],
    *,
    name: ImportColumn,
    levels: tuple[int, ...] = (WilayahLevel.KECAMATAN, WilayahLevel.DESA),
    keep_outside: bool = False,
) -> list[dict | None]:
    """Each row of a WKSBM, KPS or mitra list as {"key", "code", "name", "profile", "cells"}, or None for a row
    refused already: its wilayah (of `levels`, within the importer's user's area unless `keep_outside`: see
    `resolve_wilayah_column`), its name (the `name` column),
    `profile` (field → parsed value of each profile column the row fills) and `cells` (header → parsed value, None
    where blank, of each column that fills no field). Parsed column by column, the wilayah first and then in the
    list's order, so that a row's reasons read left to right."""
    codes = resolve_wilayah_column(rows, importer.user, levels=levels, keep_outside=keep_outside)
    table = importer.table
    read = [column for column in table.columns if column.parse is not None]
    parsed = importer.parse_columns(rows, read)
    names = parsed[name.header]
    profile = [(column.field, parsed[column.header]) for column in table.profile]
    others = [(column.header, parsed[column.header]) for column in read if column.field is None]
    units = []
    for index, row in enumerate(rows):
        code, text = codes[index], names[index]
        row.row.values = {CODE_COLUMN.header: code or "", name.header: text or ""}
        if row.row.errors:
            units.append(None)
            continue
        units.append(
            {
                "key": (code, name_key(text)),
                "code": code,
                "name": text,
                "profile": {field: value for field, values in profile if (value := values[index]) is not None},
                "cells": {header: values[index] for header, values in others},
            }
        )
    return units
