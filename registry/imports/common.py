"""What the WKSBM and KPS list imports share: the wilayah columns, resolving them within the user's area, and
writing with history tied to the import batch."""

from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from registry import scoping, wilayah_codes
from registry.enums import WilayahLevel, WksbmStatus
from registry.imports.errors import CellError
from registry.imports.normalize import clean_text
from registry.imports.plan import RowErrors
from registry.imports.wilayah_resolver import WilayahResolver
from registry.models import Wilayah

WILAYAH_COLUMNS = {
    "kode_wilayah": {"kode", "kode wilayah", "kode desa", "kode kemendagri"},
    "kabupaten": {"kabupaten/kota", "kab/kota", "kota"},
    "kecamatan": {"kapanewon", "kemantren", "distrik", "kapanewon/kemantren"},
    "desa": {"kelurahan", "desa/kelurahan", "kalurahan", "desa/kalurahan"},
}
WILAYAH_REQUIRED = ("kode_wilayah", "kabupaten")


def area_resolver(user) -> tuple[WilayahResolver, dict[str, str]]:
    """A resolver over the wilayah of the provinces `user` works in (all for a superuser), and code → name.

    Provinces rather than the exact areas, so that a row just outside the user's area is named as such
    ("di luar wilayah kerja Anda") instead of "not found". One query.
    """
    codes = scoping.area_codes(user)
    candidates = Wilayah.objects.all()
    if codes is not None:
        candidates = candidates.within(sorted({code[:2] for code in codes}))
    names = dict(candidates.values_list("code", "name"))
    return WilayahResolver(names.items()), names


def resolve_wilayah(row: RowErrors, resolver: WilayahResolver, user, *, levels: tuple[int, ...]) -> str | None:
    """The wilayah code of `row`, or None with the reason recorded: not found, ambiguous, of the wrong level
    (`levels` allowed), or outside `user`'s area."""
    record = {column: clean_text(row.header.value(row.cells, column)) for column in WILAYAH_COLUMNS}
    try:
        code = resolver.resolve(
            kode=record["kode_wilayah"],
            kabupaten=record["kabupaten"],
            kecamatan=record["kecamatan"],
            desa=record["desa"],
        )
    except CellError as error:
        row.add(error.message, error.column)
        return None
    if wilayah_codes.level_of(code) not in levels:
        wanted = " atau ".join(str(WilayahLevel(level).label).lower() for level in levels)
        row.add(_("wilayah %(code)s bukan %(wanted)s; isi juga kolom di bawahnya.") % {"code": code, "wanted": wanted})
        return None
    if not scoping.in_area(user, code):
        row.add(_("wilayah %(code)s di luar wilayah kerja Anda.") % {"code": code})
        return None
    return code


def wilayah_instance(code: str, names: dict[str, str]) -> Wilayah:
    """An unsaved Wilayah carrying the stored code, name, level and kind, for validation without a query."""
    return Wilayah(
        code=code,
        name=names[code],
        level=wilayah_codes.level_of(code),
        kind=wilayah_codes.kind_for(code),
        parent_id=wilayah_codes.parent_of(code),
    )


def create_with_history(model, objects: list, *, user, batch) -> None:
    """Bulk-inserts `objects` and their history rows, naming `user` and `batch`."""
    if objects:
        bulk_create_with_history(
            objects, model, batch_size=1000, default_user=user, custom_historical_attrs={"import_batch": batch}
        )


def update_with_history(model, objects: list, fields: set[str], *, user, batch) -> None:
    """Bulk-updates `fields` of `objects` (and `updated_at` when the model has it) with history rows."""
    if not objects:
        return
    fields = set(fields)
    if any(f.name == "updated_at" for f in model._meta.fields):
        now = timezone.now()
        for instance in objects:
            instance.updated_at = now
        fields.add("updated_at")
    bulk_update_with_history(
        objects,
        model,
        sorted(fields),
        batch_size=1000,
        default_user=user,
        custom_historical_attrs={"import_batch": batch},
    )


def diff_profile(instance, values: dict, profile_columns: dict, plan) -> dict:
    """Sets on `instance` the `values` (field → parsed value) that differ from what it stores; returns them.

    `profile_columns` maps column → (field, parser, compare): `compare(stored)` puts a stored value in the
    parser's form (a phone typed as 0812-… compares equal to +62812…). Each change is recorded in `plan.changes`
    by column as (old, new) for the preview.
    """
    changed = {}
    for column, (field_name, _parse, compare) in profile_columns.items():
        new = values.get(field_name)
        old = getattr(instance, field_name)
        if new is not None and (compare(old) if compare and old else old) != new:
            changed[field_name] = new
            plan.changes[column] = (shown(old), shown(new))
    for field_name, value in changed.items():
        setattr(instance, field_name, value)
    return changed


def shown(value) -> str:
    """A value as the preview shows it: dates as 17/06/2025, choices by label, the rest as text."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and value in STATUS_LABELS:
        return str(STATUS_LABELS[value])
    return str(value)


STATUS_LABELS = dict(WksbmStatus.choices)
