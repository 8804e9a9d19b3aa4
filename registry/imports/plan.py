"""The generic back half of a list import: plan every row (preview), then commit the plan all or nothing.

A `ListImport` subclass names its columns and knows one kind of record (WKSBM, KPS…). `plan()` reads the file,
maps its headers, prepares every lookup once for the whole file (wilayah, existing records, reference lists),
then plans each row as new, changed, unchanged or refused, with reasons in Indonesian and the row numbers the
operator sees in the spreadsheet. `commit()` writes a plan without refused rows in one transaction, with
history tied to one `ImportBatch`; a plan with any refused row writes nothing. Re-importing the same file
plans every row as unchanged.
"""

import contextlib
import dataclasses
import gc
import hashlib
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import DataError, IntegrityError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

from registry import dates, scoping
from registry.constraints import check_constraint_errors
from registry.db.deferred_constraints import check_deferred_constraints
from registry.db.locks import lock_areas
from registry.imports.columns import ColumnTable, Hook, ImportColumn
from registry.imports.errors import AlreadyImported, CellError, ImportRefused
from registry.imports.headers import HeaderMap
from registry.imports.normalize import is_blank
from registry.imports.reader import read_table
from registry.models import ImportBatch


class Action(StrEnum):
    """What a row would do."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass
class RowPlan:
    """One data row: its spreadsheet row number, what it would do, the changes (column → (old, new)) and the
    reasons it is refused. `values` are the row's cleaned values by column, for the preview.

    A row with any error is refused, whatever else set its action: `action` reads REFUSED as soon as `errors`
    holds a reason, so no later step of planning can count a broken row as new or changed.
    """

    number: int
    intended: Action = Action.UNCHANGED
    label: str = ""
    values: dict[str, str] = field(default_factory=dict)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def action(self) -> Action:
        """What the row does: REFUSED when it has any error, otherwise what planning set (`intended`)."""
        return Action.REFUSED if self.errors else self.intended

    @action.setter
    def action(self, value: Action) -> None:
        self.intended = value


@dataclass
class ImportPlan:
    """The preview of an import: file-level refusals, every row's plan, and what a commit would write."""

    filename: str
    sha256: str
    columns: list[str] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    rows: list[RowPlan] = field(default_factory=list)
    # Set by the ListImport: the writes a commit performs, opaque to callers.
    writes: object = None
    # The batch that committed this plan, once committed: a plan is written at most once.
    batch: ImportBatch | None = None

    @property
    def refused(self) -> bool:
        """True when the file as a whole is refused: a file error or any refused row."""
        return bool(self.file_errors) or any(row.action == Action.REFUSED for row in self.rows)

    @property
    def errors(self) -> list[str]:
        """Every reason for refusal, file-level first, then row by row."""
        return self.file_errors + [message for row in self.rows for message in row.errors]

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def counts(self) -> list[int]:
        """[new, changed, unchanged]: what the preview shows and the batch records."""
        return [self.count(Action.NEW), self.count(Action.CHANGED), self.count(Action.UNCHANGED)]

    def rows_to_write(self) -> set[int]:
        """The numbers of the rows a commit must write: the new and the changed ones."""
        return {row.number for row in self.rows if row.action in (Action.NEW, Action.CHANGED)}


# Where a planned write records the spreadsheet row it comes from: a key of a record's values (dict) or an
# attribute of a stored instance. The bulk writers store only a model's own fields, so the mark is never written.
IMPORT_ROW = "import_row"


def from_row(item, number: int):
    """Marks `item` (a dict of field values or a model instance to write) as coming from row `number`; returns it."""
    if isinstance(item, dict):
        item[IMPORT_ROW] = number
    else:
        setattr(item, IMPORT_ROW, number)
    return item


def row_of(item) -> int:
    """The row number `from_row` gave `item`."""
    return item[IMPORT_ROW] if isinstance(item, dict) else getattr(item, IMPORT_ROW)


def rows_written(items, keys) -> set[int]:
    """The rows of those planned `items` whose record the database reports stored: `keys` are the primary keys a
    bulk write returned (for inserts, in the order of `items`; None for a row not stored)."""
    if items and isinstance(items[0], dict):
        return {row_of(item) for item, key in zip(items, keys, strict=False) if key is not None}
    stored = set(keys)
    return {row_of(item) for item in items if item.pk in stored}


class RowErrors:
    """Collects one row's problems against its plan, each recorded instead of raised."""

    def __init__(self, row: RowPlan, header: HeaderMap, cells):
        self.row, self.header, self.cells = row, header, cells

    def add(self, message: str, column: str | None = None) -> None:
        self.row.errors.append(CellError(message, column=column).at_row(self.row.number))
        self.row.action = Action.REFUSED

    def add_validation(self, error: ValidationError, columns_by_field: dict[str, str]) -> None:
        """Records a model ValidationError, naming each field by its column."""
        for field_name, messages in error.message_dict.items():
            for message in messages:
                self.add(message, columns_by_field.get(field_name))

    def check(self, rules: "RecordRules", values: dict, columns_by_field: dict[str, str]) -> None:
        """Checks `values` (field attname → value of a record to store) against `rules`, recording each broken
        rule against the row; `values` takes the cleaned values (`clean()` may tidy a name)."""
        for field_name, message in rules.errors(values):
            self.add(message, columns_by_field.get(field_name) if field_name else None)

    def validate(self, instance, columns_by_field: dict[str, str], *, exclude=()) -> None:
        """Runs `instance`'s field validation, `clean()` and check constraints (in memory), recording errors."""
        try:
            instance.clean_fields(exclude=list(exclude))
            instance.clean()
        except ValidationError as error:
            self.add_validation(error, columns_by_field)
        for _name, message in check_constraint_errors(instance):
            self.add(message)


class RecordRules:
    """A model's validation applied to plain values of a record to store, without building the model instance
    (thousands of instances cost most of an import's time): each field in `fields` checked as `clean_fields`
    checks it, then the model's `clean()` and its check constraints (evaluated in memory), with the model's own
    messages. The database constraints remain the backstop.

    A field is checked cheaply (length, choices, its validators); only when that fails is Django's `Field.clean`
    run, for its exact message. An integer is also held to the range every supported database stores (SQLite
    would take 3,000,000,000 members where PostgreSQL's column cannot), so a file is judged alike on both.
    `clean()` runs on a plain namespace carrying every field's attname (defaults where `values` has none), so a
    rule added to the model's `clean()` is enforced here too. Relations are left out (None): the import resolves
    and scopes them itself.
    """

    def __init__(self, model: type[models.Model], fields: Iterable[str]):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.checks = {
            f.attname: (
                f,
                f.max_length,
                {value for value, _label in f.flatchoices} if f.choices else None,
                _bound(f, MinValueValidator, max, 0),
                _bound(f, MaxValueValidator, min, 1),
                [v for v in f.validators if not _compared_directly(v, f)],
            )
            for f in self.fields
        }
        self.defaults = {f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key}
        # Relations are resolved (and scoped) by the import itself, never looked up here.
        self.no_relations = {f.attname: None for f in model._meta.concrete_fields if f.is_relation}
        # A check constraint's outcome depends only on the fields it names: remembered per combination of them.
        self.constrained = sorted(
            {
                model._meta.get_field(name).attname
                for c in model._meta.constraints
                if isinstance(c, models.CheckConstraint)
                for name in _fields_named(c.condition)
            }
        )
        self.constraint_outcomes: dict[tuple, list] = {}
        self.record = types.SimpleNamespace(_meta=model._meta)

    def errors(self, values: dict) -> list[tuple[str | None, str]]:
        """(field name or None, message) for every rule `values` breaks; updates `values` with `clean()`'s tidying."""
        found = []
        for attname, value in values.items():
            check = self.checks.get(attname)
            if check is not None and not self._field_ok(value, *check):
                try:
                    check[0].clean(value, None)
                    # Valid for this database's validators, yet out of the range of another's column.
                    for limit, validator in ((check[3], MinValueValidator), (check[4], MaxValueValidator)):
                        if limit is not None:
                            validator(limit)(value)
                except ValidationError as error:
                    found.extend((check[0].name, message) for message in error.messages)
        # One namespace reused for every record: reset to the defaults, then given this record's values.
        record = self.record
        attributes = record.__dict__
        attributes.update(self.defaults)
        attributes.update(values)
        attributes.update(self.no_relations)
        try:
            self.model.clean(record)
        except ValidationError as error:
            found.extend(
                (name if name != "__all__" else None, m) for name, ms in error.message_dict.items() for m in ms
            )
        for attname in values:
            if attname not in self.no_relations:
                values[attname] = attributes[attname]
        key = tuple([attributes[attname] for attname in self.constrained])
        broken = self.constraint_outcomes.get(key)
        if broken is None:
            broken = self.constraint_outcomes[key] = check_constraint_errors(record)
        found.extend((None, message) for _name, message in broken)
        return found

    @staticmethod
    def _field_ok(value, field, max_length, choices, lowest, highest, validators) -> bool:
        if value in field.empty_values:
            return field.blank
        if max_length is not None and len(value) > max_length:
            return False
        if choices is not None and value not in choices:
            return False
        if (lowest is not None and value < lowest) or (highest is not None and value > highest):
            return False
        try:
            for validator in validators:
                validator(value)
        except ValidationError:
            return False
        return True


def _compared_directly(validator, field) -> bool:
    """True for the validators `RecordRules` replaces by a comparison: the field's own length, fixed bounds."""
    if isinstance(validator, MaxLengthValidator):
        return validator.limit_value == field.max_length
    return isinstance(validator, MinValueValidator | MaxValueValidator) and not callable(validator.limit_value)


def _bound(field, kind, tightest, end: int):
    """The tightest limit of `field`'s validators of `kind` (a number, compared directly) and, for an integer
    field, of the column range every database stores (`end` 0 for its lowest value, 1 for its highest), or None."""
    limits = [v.limit_value for v in field.validators if isinstance(v, kind) and not callable(v.limit_value)]
    portable = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type())
    if portable is not None:
        limits.append(portable[end])
    return tightest(limits) if limits else None


def _fields_named(condition: models.Q) -> set[str]:
    """The field names a check constraint's condition reads (lookups and `F()` references)."""
    names = set()
    for child in condition.children:
        if isinstance(child, models.Q):
            names |= _fields_named(child)
        else:
            lookup, value = child
            names.add(lookup.split("__")[0])
            if isinstance(value, models.F):
                names.add(value.name)
    return names


def parse_column(rows: list[RowErrors], column: str, parse: Callable, *, required: bool = False, default=None) -> list:
    """`parse(cell)` of `column` for every row, parsing each distinct cell once (a file repeats its dates, statuses
    and kinds): the parsed values in row order, `default` where the cell is blank (`is_blank`) or refused, and
    `default` for every row when the file has no such column. A required blank cell and any CellError (against its
    own column when it names one) are recorded against the row."""
    if not rows:
        return []
    index = rows[0].header.positions.get(column)
    outcomes: dict = {}
    values = []
    for row in rows:
        cell = "" if index is None else row.cells[index]
        outcome = outcomes.get(cell, _MISSING)
        if outcome is _MISSING:
            outcome = outcomes[cell] = _parse_cell(cell, parse)
        if outcome is _BLANK:
            if required:
                row.add(_("wajib diisi."), column)
            values.append(default)
        elif isinstance(outcome, CellError):
            row.add(outcome.message, outcome.column or column)
            values.append(default)
        else:
            values.append(outcome)
    return values


_MISSING, _BLANK = object(), object()


def _parse_cell(cell, parse: Callable):
    if is_blank(cell):
        return _BLANK
    try:
        return parse(cell)
    except CellError as error:
        return error


def first_of_each_key(rows: list[RowErrors], parsed: list, *, message: str, column: str):
    """(row, entry) for each row parsed without error (`entry` a dict with a "key"), skipping and refusing a
    row whose natural key an earlier row of the file already has; `message` names that earlier row by its
    `%(row)s`, against `column`."""
    first_row: dict = {}
    for row, entry in zip(rows, parsed, strict=True):
        if not entry:
            continue
        earlier = first_row.setdefault(entry["key"], row.row.number)
        if earlier != row.row.number:
            row.add(message % {"row": earlier}, column)
            continue
        yield row, entry


@contextlib.contextmanager
def collector_paused():
    """Pauses Python's cycle collector while a file is planned or written.

    An import makes and drops a few hundred thousand small objects (cells, rows, values); the collector would
    walk them again and again as they accumulate, a third of the import's time. Reference counting still frees
    them all; the collector resumes (with its usual thresholds) afterwards, and a nested pause leaves it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ListImport:
    """A kind of list file. Subclasses set `kind`, `model` and `columns` (the list's `ImportColumn`s in file order,
    from which `table` is derived when the subclass is defined) and implement `plan_rows` and `write`."""

    kind: ImportBatch.Kind
    model: type  # the model a list row becomes: its columns' fields are its fields; importing is permitted on it
    columns: list[ImportColumn]
    table: ColumnTable
    # The list's profile columns with their `show` bound to this import, for the plan under way (see `_planned`).
    profile: list[ImportColumn]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "columns" in cls.__dict__:
            cls.table = ColumnTable(cls.columns, cls.model)

    @classmethod
    def headers(cls) -> list[str]:
        """The list's column headers (canonical names) in order, as its files, templates and exports title them."""
        return list(cls.table.headers)

    def __init__(self, *, user):
        """`user` is the importing user, whose area bounds the file; a command run without --user passes a
        stand-in with a None pk, allowed everywhere and recorded as no one."""
        self.user = user

    @property
    def actor(self):
        """The user to record in history and on the batch, or None."""
        return self.user if self.user.pk else None

    def plan(self, data: bytes, filename: str) -> ImportPlan:
        """The preview of importing `data` (the file's bytes; `filename` gives only its extension and label).

        Every row is judged as of one day (`dates.one_day`). Raises ImportRefused when the file cannot be read at
        all (empty, too large, broken, unknown columns).
        """
        with collector_paused(), dates.one_day():
            return self._planned(data, filename)

    def _planned(self, data: bytes, filename: str) -> ImportPlan:
        table = read_table(
            data,
            filename,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_bytes=settings.IMPORT_MAX_BYTES,
        )
        header = self.table.map(table.header)
        plan = ImportPlan(
            filename=filename,
            sha256=hashlib.sha256(data).hexdigest(),
            columns=[name for name in self.table.headers if name in header],
        )
        self.profile = [dataclasses.replace(column, show=self.hook(column.show)) for column in self.table.profile]
        rows = [RowErrors(RowPlan(row.number), header, row.cells) for row in table.rows]
        plan.writes = self.plan_rows(rows)
        plan.rows = [row.row for row in rows]
        return plan

    def commit(self, plan: ImportPlan, *, confirmation: str | None = None) -> ImportBatch:
        """Writes `plan` in one transaction with its `ImportBatch`, or nothing at all.

        Raises ImportRefused, writing nothing, when the plan has any refusal; when a record it changes was saved
        by someone else since it was planned; when the database refuses a row (a constraint, a value too long);
        and when what the writes stored differs from the plan's new and changed rows, so that the batch's counts
        are always what was written. `confirmation` names the preview being confirmed (stored, unique, on the
        batch): a preview already committed, here or by a concurrent request, raises AlreadyImported naming its
        batch instead of writing twice; so does a second commit of the same `plan`.
        """
        if plan.refused:
            raise ImportRefused(plan.errors)
        if plan.batch is not None:
            raise AlreadyImported(plan.batch)
        try:
            with collector_paused(), self.locked():
                self.refuse_if_confirmed(confirmation)
                stale = self.changed_since_plan(plan.writes)
                if stale:
                    raise ImportRefused(stale)
                batch = ImportBatch.objects.create(
                    kind=self.kind,
                    user=self.actor,
                    filename=plan.filename[:255],
                    sha256=plan.sha256,
                    rows=len(plan.rows),
                    created=plan.count(Action.NEW),
                    updated=plan.count(Action.CHANGED),
                    unchanged=plan.count(Action.UNCHANGED),
                    confirmation=confirmation,
                )
                self._refuse_unless_planned(plan, self.write(plan.writes, batch))
                # A broken foreign key raises here, refusing the file, not when the request's transaction ends.
                check_deferred_constraints()
        except (IntegrityError, DataError) as error:
            # The constraints are checked while planning; this is the database's backstop (a record saved by
            # someone else between plan and commit, a rule not mirrored in memory), or a concurrent confirmation.
            self.refuse_if_confirmed(confirmation)
            raise ImportRefused(
                [
                    _(
                        "Basis data menolak berkas ini (nama kembar, nilai terlalu panjang atau tidak sah, atau data "
                        "yang baru saja diubah orang lain); tidak ada yang disimpan. Periksa berkasnya lalu unggah "
                        "lagi untuk pratinjau baru."
                    )
                ]
            ) from error
        plan.batch = batch
        return batch

    def run(
        self,
        data: bytes,
        filename: str,
        *,
        dry_run: bool,
        confirmation: str | None = None,
        previewed: list[int] | None = None,
    ) -> tuple[ImportPlan, ImportBatch | None]:
        """Plans and, unless `dry_run` or refused, commits. Raises ImportRefused for an unreadable file.

        A commit plans the file again inside `locked()`, so an import of the same kind of list into an overlapping
        area that committed meanwhile is planned against (its rows then read as unchanged). `confirmation`: see
        `commit`; a preview already committed raises AlreadyImported before the file is read again. `previewed`
        (the [new, changed, unchanged] a preview showed): when the file now plans otherwise, nothing is written and
        the new plan is returned without a batch, to be previewed again.
        """
        if dry_run:
            return self.plan(data, filename), None
        with self.locked():
            self.refuse_if_confirmed(confirmation)
            plan = self.plan(data, filename)
            if plan.refused or (previewed is not None and plan.counts() != list(previewed)):
                return plan, None
            return plan, self.commit(plan, confirmation=confirmation)

    @staticmethod
    def refuse_if_confirmed(confirmation: str | None) -> None:
        """Raises AlreadyImported when the preview `confirmation` names was committed already."""
        if confirmation:
            earlier = ImportBatch.objects.filter(confirmation=confirmation).first()
            if earlier is not None:
                raise AlreadyImported(earlier)

    @contextlib.contextmanager
    def locked(self):
        """A transaction (or savepoint) in which no other import of this kind of list into an overlapping area
        runs: it waits for them, and they for it, until the outermost transaction ends (`lock_areas`)."""
        with transaction.atomic():
            lock_areas(str(self.kind), scoping.area_codes(self.user))
            yield

    @staticmethod
    def _refuse_unless_planned(plan: ImportPlan, written: set[int]) -> None:
        """Raises ImportRefused (rolling the commit back) unless the rows whose writes the database stored are
        exactly the plan's new and changed rows: what an import reports is what it wrote."""
        planned = plan.rows_to_write()
        if written == planned:
            return
        rows = ", ".join(str(number) for number in sorted(written ^ planned))
        raise ImportRefused(
            [
                _(
                    "Baris %(rows)s tidak tersimpan seperti pada pratinjau; tidak ada yang disimpan. Unggah lagi "
                    "berkasnya untuk pratinjau baru."
                )
                % {"rows": rows}
            ]
        )

    def hook(self, hook: Hook) -> Callable:
        """A column's `parse` or `show`: the function itself, or this import's method it names."""
        return getattr(self, hook) if isinstance(hook, str) else hook

    def parse_columns(self, rows: list[RowErrors], columns: Iterable[ImportColumn]) -> dict[str, list]:
        """The cells of each of `columns` parsed by its `parse` (see `parse_column`; a blank cell is refused where
        the column is required), by header, in row order, None where blank or refused. Column by column in the
        order given, so that a row's reasons read in that order."""
        return {
            column.header: parse_column(rows, column.header, self.hook(column.parse), required=column.required is True)
            for column in columns
        }

    # Hooks for subclasses.

    def plan_rows(self, rows: list[RowErrors]):
        """Plans every row in place (action, values, changes, errors) with lookups done once for the whole
        file, never per row; returns what `write` needs to commit the plan."""
        raise NotImplementedError

    def write(self, writes, batch: ImportBatch) -> set[int]:
        """Performs the planned writes with bulk operations, recording `batch` in every history row; returns the
        numbers of the rows (see `from_row`) whose records the database reports stored."""
        raise NotImplementedError

    def changed_since_plan(self, writes) -> list[str]:
        """Locks the stored records `writes` would change and returns a reason (naming the row) for each one
        saved by someone else since the plan; an import must not overwrite such a change silently."""
        return []
