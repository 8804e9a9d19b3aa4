"""What the list imports share: the wilayah and phone columns, resolving the wilayah within the user's area, and
writing with history tied to the import batch."""

import functools
from collections.abc import Iterable

from django.utils.translation import gettext as _

from registry import scoping, wilayah_codes
from registry.db.arrays import among
from registry.db.region_names import named_like
from registry.enums import WilayahLevel
from registry.imports.columns import ImportColumn
from registry.imports.errors import CellError
from registry.imports.normalize import clean_text, parse_phone, phone_as_parsed
from registry.imports.plan import ListImport, RowErrors
from registry.imports.wilayah_resolver import DESA, WilayahResolver, dotted_code, name_keys
from registry.models import Wilayah
from registry.services import bulk
from registry.services.bulk import HistoryStamp
from registry.validators import name_key

# The wilayah of a row, read together as one place (`resolve_wilayah_column`): a file gives its code or names it
# down from its kabupaten.
CODE_COLUMN = ImportColumn(
    "kode_wilayah",
    {"kode", "kode wilayah", "kode desa", "kode kemendagri"},
    field="wilayah",
    parse=None,
    required="wilayah",
    key=True,
)
KABUPATEN_COLUMN = ImportColumn("kabupaten", {"kabupaten/kota", "kab/kota", "kota"}, parse=None, required="wilayah")
KECAMATAN_COLUMN = ImportColumn("kecamatan", {"kapanewon", "kemantren", "distrik", "kapanewon/kemantren"}, parse=None)
DESA_COLUMN = ImportColumn("desa", {"kelurahan", "desa/kelurahan", "kalurahan", "desa/kalurahan"}, parse=None)
WILAYAH_COLUMNS = [CODE_COLUMN, KABUPATEN_COLUMN, KECAMATAN_COLUMN, DESA_COLUMN]


def name_column(header: str, *aliases: str) -> ImportColumn:
    """The column of a record's name, titled `header`, "nama" or one of `aliases`: part of the record's natural
    key, filled in every row."""
    return ImportColumn(header, {"nama", *aliases}, field="name", required=True, key=True)


PHONE_COLUMN = ImportColumn(
    "telepon",
    {"no telepon", "no hp", "hp", "telp", "no telp", "nomor telepon", "kontak"},
    field="phone",
    parse=parse_phone,
    compare=phone_as_parsed,
)


def area_resolver(user, places: Iterable[tuple[str, str, str, str]]) -> WilayahResolver:
    """A resolver for `places`, the cleaned (kode_wilayah, kabupaten, kecamatan, desa) cells of a file, over the
    wilayah of the provinces `user` works in (all for a superuser).

    Provinces rather than the exact areas, so that a row just outside the user's area is named as such
    ("di luar wilayah kerja Anda") instead of "not found". Only what the file can name is loaded: the codes it
    gives with their parents, every kabupaten and kecamatan when it names any, and the desa of the kecamatan
    (or kabupaten) it names them in — a few queries instead of the country's 90,000 regions. Of those desa, on
    PostgreSQL, only the ones a row could name (`named_like`); the others are read only when a desa is not found,
    for the close names its message suggests.
    """
    codes = scoping.area_codes(user)
    candidates = Wilayah.objects.all()
    if codes is not None:
        candidates = candidates.within(
            sorted({wilayah_codes.ancestor_code(code, WilayahLevel.PROVINSI) for code in codes})
        )
    places = set(places)
    given = {code for kode, *_names in places if kode and (code := dotted_code(kode))}
    wanted = {code[:end] for code in given for end in wilayah_codes.CODE_LENGTH.values() if end <= len(code)}
    every_desa = candidates.filter(level=WilayahLevel.DESA)
    resolver = WilayahResolver(
        candidates.filter(among("code", wanted)).values_list("code", "name"),
        desa_pool=functools.partial(_desa_under, every_desa),
    )
    if any(any(names) for _kode, *names in places):
        resolver.add(
            candidates.filter(level__in=(WilayahLevel.KABUPATEN, WilayahLevel.KECAMATAN)).values_list("code", "name")
        )
    parents: set[str] = set()
    for _kode, kabupaten, kecamatan, desa in places:
        if not desa:
            continue
        scope = resolver.desa_scope(kabupaten=kabupaten, kecamatan=kecamatan)
        if scope is None:  # a desa named alone: looked for among all the candidates' desa
            parents = None
            break
        parents.update(scope)
    if parents is None:
        named = every_desa
    elif parents:
        # Kecamatan are the desa's parents; a kabupaten (a desa named without its kecamatan) is a prefix.
        kecamatan = {code for code in parents if wilayah_codes.level_of(code) == WilayahLevel.KECAMATAN}
        named = every_desa.filter(
            among("parent_id", kecamatan) | scoping.code_prefix_q("code", sorted(parents - kecamatan))
        )
    else:
        return resolver
    keys = {key for _kode, _kabupaten, _kecamatan, text in places if text for key in name_keys(DESA, text)}
    resolver.add(named_like(named, keys).values_list("code", "name"))
    return resolver


def _desa_under(desa, scope: list[str] | None):
    """(code, name) of the `desa` (a Wilayah queryset) under the codes `scope`, or all of them for None, for
    the close names `WilayahResolver` suggests."""
    if scope is not None:
        desa = desa.filter(scoping.code_prefix_q("code", scope))
    return desa.order_by("code").values_list("code", "name")


def resolve_wilayah_column(rows: list[RowErrors], user, *, levels: tuple[int, ...]) -> list:
    """The wilayah code of each row, or None with the reason recorded: not found, ambiguous, of the wrong level
    (`levels` allowed), or outside `user`'s area. Each distinct combination of wilayah cells is resolved once."""
    if not rows:
        return []
    positions = rows[0].header.positions
    indexes = [positions.get(column.header) for column in WILAYAH_COLUMNS]
    cells = [tuple("" if index is None else row.cells[index] for index in indexes) for row in rows]
    cleaned = {raw: tuple(map(clean_text, raw)) for raw in set(cells)}
    resolver = area_resolver(user, cleaned.values())
    outcomes = {raw: _resolve(place, resolver, user, levels) for raw, place in cleaned.items()}
    codes = []
    for row, raw in zip(rows, cells, strict=True):
        code, problems = outcomes[raw]
        for message, column in problems:
            row.add(message, column)
        codes.append(code)
    return codes


def parse_units(importer: ListImport, rows: list[RowErrors], *, name: ImportColumn) -> list[dict | None]:
    """Each row of a WKSBM or KPS list as {"key", "code", "name", "profile", "cells"}, or None for a row refused
    already: its wilayah (within the importer's user's area, kecamatan or desa), its name (the `name` column),
    `profile` (field → parsed value of each profile column the row fills) and `cells` (header → parsed value, None
    where blank, of each column that fills no field). Parsed column by column, the wilayah first and then in the
    list's order, so that a row's reasons read left to right."""
    levels = (WilayahLevel.KECAMATAN, WilayahLevel.DESA)
    codes = resolve_wilayah_column(rows, importer.user, levels=levels)
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


def _resolve(place: tuple, resolver: WilayahResolver, user, levels) -> tuple[str | None, list[tuple]]:
    """(code, []) or (None, [(message, column)]) for one cleaned (kode_wilayah, kabupaten, kecamatan, desa)."""
    kode, kabupaten, kecamatan, desa = place
    try:
        code = resolver.resolve(kode=kode, kabupaten=kabupaten, kecamatan=kecamatan, desa=desa)
    except CellError as error:
        return None, [(error.message, error.column)]
    if wilayah_codes.level_of(code) not in levels:
        wanted = " atau ".join(str(WilayahLevel(level).label).lower() for level in levels)
        message = _("wilayah %(code)s bukan %(wanted)s; isi juga kolom di bawahnya.") % {"code": code, "wanted": wanted}
        return None, [(message, None)]
    if not scoping.in_area(user, code):
        return None, [(_("wilayah %(code)s di luar wilayah kerja Anda.") % {"code": code}, None)]
    return code, []


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


def refusals_for_changes(reasons) -> list[str]:
    """The refusal of each (row number, record named as the user reads it: `WKSBM "Ngudi Rahayu"`) that someone
    else changed or deleted between the plan and its commit, in row order, each once."""
    message = _(
        "Baris %(row)s: %(record)s diubah atau dihapus orang lain setelah pratinjau; tidak ada yang disimpan. "
        "Unggah lagi berkasnya untuk pratinjau baru."
    )
    return [message % {"row": row, "record": record} for row, record in sorted(set(reasons))]


def named(kind: str, name: str) -> str:
    """A record as a refusal names it: its kind and its name (`WKSBM "Ngudi Rahayu"`)."""
    return f'{kind} "{name}"'


def gone_since_plan(references: list[tuple[type, int, int, str]]) -> list[tuple[int, str]]:
    """(row, record) of each reference (model, key, row number, record as `named`) whose stored record is gone.

    The references are the stored records new rows are attached to (a board to its WKSBM, a membership to its
    WKSBM and KPS); they are locked until the transaction ends, so nobody deletes them before the commit does."""
    by_model: dict[type, dict[int, int]] = {}
    for model, pk, _row, _name in references:
        by_model.setdefault(model, {})[pk] = pk
    gone = {(model, pk) for model, keys in by_model.items() for pk in changed_since_plan(model, keys, "pk")}
    return [(row, name) for model, pk, row, name in references if (model, pk) in gone]


def changed_since_plan(model, planned: dict, field: str) -> set:
    """Locks the stored rows of `model` whose keys `planned` holds (`SELECT … FOR UPDATE` on PostgreSQL, until the
    transaction ends) and returns the keys of those that are gone or whose `field` no longer holds the value
    `planned` gives it (its value when the import was planned): rows someone else saved in between."""
    if not planned:
        return set()
    stored = dict(
        model._default_manager.select_for_update().filter(among("pk", planned)).order_by().values_list("pk", field)
    )
    return {pk for pk, value in planned.items() if pk not in stored or stored[pk] != value}
