"""The KPS list a kabupaten office sends: one KPS a row, with the WKSBM of its area it belongs to.

The natural key is the wilayah plus the name with case and spaces ignored. `nama_wksbm` names a WKSBM of the
KPS's own desa or of its kecamatan; a different WKSBM than the current one ends the old membership today and
starts the new one; a blank `nama_wksbm` ends a current membership; without the column memberships are left
as they are.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from registry import dates, wilayah_codes
from registry.constraints import check_constraint_errors
from registry.db.arrays import among
from registry.imports.columns import ImportColumn, diff_profile, new_changes
from registry.imports.normalize import clean_text, match_reference, parse_int
from registry.imports.plan import (
    Action,
    ListImport,
    RecordRules,
    RowErrors,
    first_of_each_key,
    from_row,
    row_of,
    rows_written,
)
from registry.imports.shared_columns import PHONE_COLUMN, WILAYAH_COLUMNS, name_column
from registry.imports.staleness import changed_since_plan, gone_since_plan, named, refusals_for_changes
from registry.imports.unit_rows import parse_units
from registry.imports.writes import insert_with_history, update_with_history, write_records
from registry.models import ImportBatch, Kps, KpsKind, KpsMembership, Wksbm
from registry.validators import name_key

NAME_COLUMN = name_column("nama_kps", "nama kps", "nama lembaga", "nama kelompok")
KIND_COLUMN = ImportColumn(
    "jenis_kps", {"jenis", "jenis kps", "jenis lembaga"}, field="kind_id", parse="parse_kind", show="kind_name"
)
# The WKSBM the KPS belongs to, by name: its membership, not a field of the KPS.
FORUM_COLUMN = ImportColumn("nama_wksbm", {"wksbm", "anggota wksbm"})


@dataclass
class KpsWrites:
    """New KPS as field values, changed stored KPS (instances) with the fields changed, memberships ended
    (instances) and begun (field values; "new_kps" holds the new KPS's values until its key is known)."""

    created: list[dict] = field(default_factory=list)
    updated: list[Kps] = field(default_factory=list)
    updated_fields: set[str] = field(default_factory=set)
    joined: list[dict] = field(default_factory=list)
    left: list[KpsMembership] = field(default_factory=list)
    # The stored WKSBM and KPS new memberships join: (model, key, row, name), which must still exist at the commit.
    references: list[tuple] = field(default_factory=list)


class KpsListImport(ListImport):
    """Imports a KPS list for `user`, within their area."""

    kind = ImportBatch.Kind.KPS
    model = Kps
    columns = [
        *WILAYAH_COLUMNS,
        NAME_COLUMN,
        KIND_COLUMN,
        FORUM_COLUMN,
        ImportColumn("ketua_kps", {"ketua", "nama ketua", "pimpinan"}, field="leader", compare=clean_text),
        ImportColumn("jumlah_anggota", {"anggota", "jml anggota", "jumlah"}, field="member_count", parse=parse_int),
        PHONE_COLUMN,
    ]

    def plan_rows(self, rows: list[RowErrors]) -> KpsWrites:
        self.today = dates.today()
        self.rules = RecordRules(Kps, self.table.checked)
        kinds = list(KpsKind.objects.all())
        self.kinds = {name_key(kind.name): kind for kind in kinds}
        self.kind_names = {kind.pk: kind.name for kind in kinds}
        parsed = self._parse(rows)

        codes = {entry["code"] for entry in parsed if entry}
        existing = {(k.wilayah_id, name_key(k.name)): k for k in Kps.objects.filter(among("wilayah_id", codes))}
        forums = self._forums(codes)
        current = KpsMembership.objects.current().filter(among("kps_id", [k.pk for k in existing.values()]))
        memberships = {m.kps_id: m for m in current.select_related("wksbm")}
        writes = KpsWrites()
        message = _("KPS yang sama sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, parsed, message=message, column=NAME_COLUMN.header):
            stored = existing.get(entry["key"])
            self._plan(row, entry, stored, writes)
            if FORUM_COLUMN.header in row.header:
                self._plan_membership(row, entry, stored, forums, memberships, writes)
            if not row.row.errors and row.row.action != Action.NEW:
                row.row.action = Action.CHANGED if row.row.changes else Action.UNCHANGED
        return writes

    def write(self, writes: KpsWrites, batch: ImportBatch) -> set[int]:
        written = write_records(Kps, writes, user=self.actor, batch=batch)
        keys = update_with_history(KpsMembership, writes.left, {"left_on"}, user=self.actor, batch=batch)
        written |= rows_written(writes.left, keys)
        for membership in writes.joined:
            if "new_kps" in membership:
                membership["kps_id"] = membership.pop("new_kps")["id"]
        keys = insert_with_history(KpsMembership, writes.joined, user=self.actor, batch=batch)
        return written | rows_written(writes.joined, keys)

    def changed_since_plan(self, writes: KpsWrites) -> list[str]:
        """The KPS to update saved by someone else since the plan (their `updated_at` moved on), the memberships
        to end that someone else ended meanwhile, and the WKSBM and KPS of new memberships someone else deleted."""
        planned = {kps.pk: kps for kps in writes.updated}
        stale = changed_since_plan(Kps, {pk: kps.planned_version for pk, kps in planned.items()}, "updated_at")
        reasons = [(row_of(planned[pk]), named("KPS", planned[pk].name)) for pk in stale]
        left = {membership.pk: membership for membership in writes.left}
        for pk in changed_since_plan(KpsMembership, dict.fromkeys(left), "left_on"):
            reasons.append((row_of(left[pk]), named("KPS", left[pk].kps_name)))
        reasons += gone_since_plan(writes.references)
        return refusals_for_changes(reasons)

    def parse_kind(self, cell) -> int:
        """The key of the KPS kind a `jenis_kps` cell names."""
        return match_reference(cell, self.kinds, what=_("Jenis KPS")).pk

    def kind_name(self, kind_id: int) -> str:
        """A KPS kind as the preview shows it: its name."""
        return self.kind_names.get(kind_id, str(kind_id))

    def _parse(self, rows: list[RowErrors]) -> list[dict | None]:
        """Each row's wilayah, name, profile values and WKSBM name; None for a row refused already."""
        units = parse_units(self, rows, name=NAME_COLUMN)
        for unit in units:
            if unit:
                unit["forum"] = unit.pop("cells")[FORUM_COLUMN.header] or ""
        return units

    def _forums(self, codes: set[str]) -> dict[tuple[str, str], Wksbm]:
        """The WKSBM a KPS of `codes` may join (its own wilayah's or its kecamatan's), by (code, name key), among
        those the importing user may see: a WKSBM outside their area reads as not found, so nothing about it
        leaks and no KPS is attached to it."""
        places = codes | {wilayah_codes.parent_of(code) for code in codes if wilayah_codes.level_of(code) == 4}
        stored = Wksbm.objects.for_user(self.user).filter(among("wilayah_id", places)).only("pk", "name", "wilayah_id")
        return {(w.wilayah_id, name_key(w.name)): w for w in stored}

    def _plan(self, row: RowErrors, entry: dict, stored: Kps | None, writes: KpsWrites) -> None:
        plan = row.row
        profile = entry["profile"]
        if stored is None:
            if KIND_COLUMN.field not in profile:
                row.add(_("wajib diisi untuk KPS baru."), KIND_COLUMN.header)
                return
            record = from_row({"name": entry["name"], **profile}, plan.number)
            row.check(self.rules, record, self.table.by_field)
            record["wilayah_id"] = entry["code"]
            plan.action = Action.NEW
            plan.changes = new_changes(profile, self.profile)
            entry["record"] = record
        else:
            # The version the commit expects to find still stored (see `changed_since_plan`).
            stored.planned_version = stored.updated_at
            from_row(stored, plan.number)
            changed = diff_profile(stored, profile, self.profile, plan)
            writes.updated_fields |= changed.keys()
            row.check(self.rules, {f: getattr(stored, f) for f in self.table.checked}, self.table.by_field)
        if plan.errors:
            return
        if stored is None:
            writes.created.append(record)
        elif plan.changes:
            writes.updated.append(stored)

    def _plan_membership(self, row: RowErrors, entry: dict, stored, forums, memberships, writes) -> None:
        """Plans the KPS's membership from `nama_wksbm`: join, move, leave or keep."""
        if row.row.errors:
            return
        current = memberships.get(stored.pk) if stored else None
        wanted = None
        if entry["forum"]:
            code = entry["code"]
            candidates = [code] + ([wilayah_codes.parent_of(code)] if wilayah_codes.level_of(code) == 4 else [])
            key = name_key(entry["forum"])
            wanted = next((forums[(c, key)] for c in candidates if (c, key) in forums), None)
            if wanted is None:
                row.add(
                    _('WKSBM "%(name)s" tidak ada di desa atau kecamatan KPS ini; impor daftar WKSBM lebih dulu.')
                    % {"name": entry["forum"]},
                    FORUM_COLUMN.header,
                )
                return
        if (current.wksbm_id if current else None) == (wanted.pk if wanted else None):
            return
        today = self.today
        row.row.changes[FORUM_COLUMN.header] = (current.wksbm.name if current else "", wanted.name if wanted else "")
        if current:
            current.left_on = today
            # A membership recorded as starting after today cannot end today.
            for _name, message in check_constraint_errors(current):
                row.add(message, FORUM_COLUMN.header)
            if row.row.errors:
                return
            current.kps_name = stored.name
            writes.left.append(from_row(current, row.row.number))
        if wanted:
            # The KPS's kind as it will stand, which the database would otherwise look up for each membership.
            kind_id = stored.kind_id if stored else entry["record"]["kind_id"]
            membership = {"wksbm_id": wanted.pk, "joined_on": today, "kind_id": kind_id}
            writes.references.append((Wksbm, wanted.pk, row.row.number, named("WKSBM", wanted.name)))
            if stored:
                membership["kps_id"] = stored.pk
                writes.references.append((Kps, stored.pk, row.row.number, named("KPS", stored.name)))
            else:
                membership["new_kps"] = entry["record"]
            writes.joined.append(from_row(membership, row.row.number))
