"""The KPS list a kabupaten office sends: one KPS a row, with the WKSBM of its area it belongs to.

The natural key is the wilayah plus the name with case and spaces ignored. `nama_wksbm` names a WKSBM of the
KPS's own desa or of its kecamatan; a different WKSBM than the current one ends the old membership today and
starts the new one; a blank `nama_wksbm` ends a current membership; without the column memberships are left
as they are.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lokal.phone import normalize_phone

from registry import dates, wilayah_codes
from registry.constraints import check_constraint_errors
from registry.imports.common import (
    WILAYAH_COLUMNS,
    WILAYAH_REQUIRED,
    among,
    changed_since_plan,
    diff_profile,
    gone_since_plan,
    insert_with_history,
    named,
    parse_units,
    refusals_for_changes,
    shown,
    update_with_history,
)
from registry.imports.normalize import clean_text, match_reference, parse_int, parse_phone
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
from registry.models import ImportBatch, Kps, KpsKind, KpsMembership, Wksbm
from registry.validators import name_key

PROFILE_COLUMNS = {
    "jenis_kps": ("kind_id", None, None),
    "ketua_kps": ("leader", clean_text, clean_text),
    "jumlah_anggota": ("member_count", parse_int, None),
    "telepon": ("phone", parse_phone, lambda stored: normalize_phone(stored) or stored),
}
COLUMNS_BY_FIELD = {"name": "nama_kps", "wilayah": "kode_wilayah", "kind": "jenis_kps"} | {
    model_field: column for column, (model_field, _parse, _compare) in PROFILE_COLUMNS.items()
}
KPS_CHECKED = ["name", "leader", "member_count", "phone"]


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
    columns = {
        **WILAYAH_COLUMNS,
        "nama_kps": {"nama", "nama kps", "nama lembaga", "nama kelompok"},
        "jenis_kps": {"jenis", "jenis kps", "jenis lembaga"},
        "nama_wksbm": {"wksbm", "anggota wksbm"},
        "ketua_kps": {"ketua", "nama ketua", "pimpinan"},
        "jumlah_anggota": {"anggota", "jml anggota", "jumlah"},
        "telepon": {"no telepon", "no hp", "hp", "telp", "no telp", "nomor telepon", "kontak"},
    }
    required = ["nama_kps", WILAYAH_REQUIRED]

    def plan_rows(self, rows: list[RowErrors]) -> KpsWrites:
        self.today = dates.today()
        self.rules = RecordRules(Kps, KPS_CHECKED)
        kinds = {name_key(kind.name): kind for kind in KpsKind.objects.all()}
        parsed = self._parse(rows, kinds)

        codes = {entry["code"] for entry in parsed if entry}
        existing = {(k.wilayah_id, name_key(k.name)): k for k in Kps.objects.filter(among("wilayah_id", codes))}
        forums = self._forums(codes)
        current = KpsMembership.objects.current().filter(among("kps_id", [k.pk for k in existing.values()]))
        memberships = {m.kps_id: m for m in current.select_related("wksbm")}
        writes = KpsWrites()
        message = _("KPS yang sama sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, parsed, message=message, column="nama_kps"):
            stored = existing.get(entry["key"])
            self._plan(row, entry, stored, writes)
            if "nama_wksbm" in row.header:
                self._plan_membership(row, entry, stored, forums, memberships, writes)
            if not row.row.errors and row.row.action != Action.NEW:
                row.row.action = Action.CHANGED if row.row.changes else Action.UNCHANGED
        return writes

    def write(self, writes: KpsWrites, batch: ImportBatch) -> set[int]:
        keys = insert_with_history(Kps, writes.created, user=self.actor, batch=batch)
        written = rows_written(writes.created, keys)
        for created, pk in zip(writes.created, keys, strict=True):
            created["id"] = pk
        keys = update_with_history(Kps, writes.updated, writes.updated_fields, user=self.actor, batch=batch)
        written |= rows_written(writes.updated, keys)
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

    def _parse(self, rows: list[RowErrors], kinds) -> list[dict | None]:
        """Each row's wilayah, name, profile values and WKSBM name; None for a row refused already."""
        profile_columns = {
            "kind_id": ("jenis_kps", lambda v: match_reference(v, kinds, what=_("Jenis KPS")).pk),
            "leader": ("ketua_kps", clean_text),
            "member_count": ("jumlah_anggota", parse_int),
            "phone": ("telepon", parse_phone),
        }
        columns = profile_columns | {"forum": ("nama_wksbm", clean_text)}
        units = parse_units(rows, self.user, name_column="nama_kps", columns=columns)
        for unit in units:
            if unit:
                values = unit.pop("values")
                unit["profile"] = {f: values[f] for f in profile_columns if values[f] is not None}
                unit["forum"] = values["forum"] or ""
        self.kind_names = {kind.pk: kind.name for kind in kinds.values()}
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
            if "kind_id" not in profile:
                row.add(_("wajib diisi untuk KPS baru."), "jenis_kps")
                return
            record = from_row({"name": entry["name"], **profile}, plan.number)
            row.check(self.rules, record, COLUMNS_BY_FIELD)
            record["wilayah_id"] = entry["code"]
            plan.action = Action.NEW
            plan.changes = {COLUMNS_BY_FIELD[f]: ("", self._shown(f, v)) for f, v in profile.items()}
            entry["record"] = record
        else:
            # The version the commit expects to find still stored (see `changed_since_plan`).
            stored.planned_version = stored.updated_at
            from_row(stored, plan.number)
            old = stored.kind_id
            changed = diff_profile(stored, profile, PROFILE_COLUMNS, plan)
            if "jenis_kps" in plan.changes:
                new = profile["kind_id"]
                plan.changes["jenis_kps"] = (self.kind_names.get(old, str(old)), self.kind_names[new])
            writes.updated_fields |= changed.keys()
            row.check(self.rules, {f: getattr(stored, f) for f in KPS_CHECKED}, COLUMNS_BY_FIELD)
        if plan.errors:
            return
        if stored is None:
            writes.created.append(record)
        elif plan.changes:
            writes.updated.append(stored)

    def _shown(self, field_name: str, value) -> str:
        return self.kind_names[value] if field_name == "kind_id" else shown(value)

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
                    "nama_wksbm",
                )
                return
        if (current.wksbm_id if current else None) == (wanted.pk if wanted else None):
            return
        today = self.today
        row.row.changes["nama_wksbm"] = (current.wksbm.name if current else "", wanted.name if wanted else "")
        if current:
            current.left_on = today
            # A membership recorded as starting after today cannot end today.
            for _name, message in check_constraint_errors(current):
                row.add(message, "nama_wksbm")
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
