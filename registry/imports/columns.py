"""The columns of a list file, each declared once as an `ImportColumn`, and what a list derives from them.

A list import (`plan.ListImport`) declares its columns as a table, in the order of its files and templates. From
that one table come the titles the header mapping knows (`headers.map_headers`), the columns a file must have,
how each column's cells are parsed and whether a blank one is refused, the column a model field's errors are
reported against, the fields an import sets and diffs, and how a value is shown in the preview.
"""

import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils import translation

from registry.enums import WksbmStatus
from registry.imports.headers import HeaderMap, map_headers
from registry.imports.normalize import clean_text

# A column's parser or way of showing a value: a function of one value, or the name of a method of the list
# import, for what needs the lookups its plan made (the reference lists of a file).
Hook = Callable | str


def shown(value) -> str:
    """A value as the preview shows it: dates as 17/06/2025, the rest as text ("" for none)."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


STATUS_LABELS = dict(WksbmStatus.choices)


def status_label(value: str) -> str:
    """A WKSBM status as the preview shows it: its label."""
    return _status_label(value, translation.get_language())


@functools.lru_cache(maxsize=64)
def _status_label(value: str, language: str | None) -> str:
    """A status's label in `language`, translated once rather than once per row."""
    return str(STATUS_LABELS[value])


@dataclass(frozen=True, slots=True)
class ImportColumn:
    """One column of a list file.

    - `header`: its canonical name, the title our templates and exports give it and the name messages use;
    - `aliases`: the other titles operators give it (case, spaces, dots, dashes and underscores ignored);
    - `field`: the model attribute its value is set to (an attname such as `kind_id` for a key, a relation's name
      for an instance), whose validation errors are reported against this column; None for a column that fills
      no field of the list's record (a board member's name, the WKSBM a KPS joins);
    - `parse`: turns a non-blank cell into the value (raising `CellError`); None for a column read together with
      others (the wilayah columns, resolved as one place) or ignored;
    - `required`: True when the file must have the column and every row must fill it; a group name (a string)
      when the file must have at least one of the columns of that group;
    - `key`: True for a column of the record's natural key (its name and its place): it finds the stored record
      and is never updated by an import;
    - `compare`: puts a stored value in the parser's form before it is compared with a parsed one (a phone stored
      as 0812-… equals the parsed +62812…); None to compare it as stored;
    - `show`: how a value of the column is written in the preview.

    `parse` and `show` may name a method of the list import instead (`ListImport.hook`).
    """

    header: str
    aliases: frozenset[str] = frozenset()
    field: str | None = None
    parse: Hook | None = clean_text
    required: bool | str = False
    key: bool = False
    compare: Callable | None = None
    show: Hook = shown

    def __post_init__(self):
        object.__setattr__(self, "aliases", frozenset(self.aliases))

    def extended(self, *aliases: str, **changes) -> "ImportColumn":
        """This column with more `aliases` and the other `changes` (`header`, `field`, `required`…)."""
        return dataclasses.replace(self, aliases=self.aliases | set(aliases), **changes)


class ColumnTable:
    """What a list's `columns` (in file order) give every step of its import, derived once for the list.

    `headers`: the canonical names in order. `aliases`: canonical name → aliases, as `map_headers` reads them.
    `required`: each required column's name, then each required group as a tuple of names in column order.
    `by_field`: model field (by name and by attname) → the column its errors are reported against. `profile`: the
    columns an import sets on a record and diffs against a stored one (a field, not part of the key). `checked`:
    the fields whose rules an import checks on plain values (`RecordRules`): those of the columns, relations
    excepted (the import resolves them itself). `map` finds the columns in a file's header row.
    """

    def __init__(self, columns: Iterable[ImportColumn], model: type[models.Model]):
        self.columns = tuple(columns)
        self.headers = [column.header for column in self.columns]
        self.aliases = {column.header: column.aliases for column in self.columns}
        groups: dict[str, list[str]] = {}
        for column in self.columns:
            if isinstance(column.required, str):
                groups.setdefault(column.required, []).append(column.header)
        singles = [column.header for column in self.columns if column.required is True]
        self.required = [*singles, *map(tuple, groups.values())]
        self.by_field = {}
        fields = [(column, model._meta.get_field(column.field)) for column in self.columns if column.field]
        for column, model_field in fields:
            self.by_field[model_field.name] = self.by_field[model_field.attname] = column.header
        self.profile = [column for column in self.columns if column.field and not column.key]
        self.checked = [column.field for column, model_field in fields if not model_field.is_relation]

    def map(self, header_cells: Sequence) -> HeaderMap:
        """Where each of these columns sits in a file whose header row is `header_cells` (see `map_headers`, which
        refuses the file for an unknown, repeated or missing required column)."""
        return map_headers(header_cells, columns=self.aliases, required=self.required)


def new_changes(values: dict, profile: list[ImportColumn]) -> dict[str, tuple[str, str]]:
    """The preview's changes of a new record from its profile `values` (field → parsed value): column → ("", new),
    for each of the `profile` columns (their `show` a function: see `ListImport.profile`) the values fill."""
    return {column.header: ("", column.show(values[column.field])) for column in profile if column.field in values}


def diff_profile(instance, values: dict, profile: list[ImportColumn], plan) -> dict:
    """Sets on `instance` the `values` (field → parsed value) of the `profile` columns (their `show` a function:
    see `ListImport.profile`) that differ from what it stores; returns them.

    A stored value is put in the parser's form (`compare`) before it is compared. Each change is recorded in
    `plan.changes` by column as (old, new), each as its column shows it, for the preview.
    """
    changed = {}
    for column in profile:
        field_name = column.field
        new = values.get(field_name)
        old = getattr(instance, field_name)
        compare = column.compare
        if new is not None and (compare(old) if compare and old else old) != new:
            changed[field_name] = new
            show = column.show
            plan.changes[column.header] = ("" if old is None else show(old), show(new))
    for field_name, value in changed.items():
        setattr(instance, field_name, value)
    return changed
