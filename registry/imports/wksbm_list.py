"""The WKSBM list a kabupaten office sends: one WKSBM a row, with its ketua, sekretaris and bendahara.

The natural key is the wilayah plus the name with case and spaces ignored. A changed cell updates that field;
a blank cell leaves it as it is. A board name that differs from the current holder of the role ends the
holder's term today and adds the new person; a WKSBM imported without ketua or sekretaris is imported and shown
as "kepengurusan belum lengkap".
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from registry import dates
from registry.db.arrays import among
from registry.imports.columns import ImportColumn, diff_profile, new_changes, status_label
from registry.imports.normalize import clean_text, parse_date, parse_status
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
from registry.models import ImportBatch, Pengurus, PengurusRole, Wksbm
from registry.validators import name_key

NAME_COLUMN = name_column("nama_wksbm", "nama wksbm", "nama forum")
# The board roles a list names, by their slug, each in a column of that name.
BOARD_COLUMNS = ("ketua", "sekretaris", "bendahara")
# The fields of a new board member an import sets and checks.
PENGURUS_CHECKED = ["name", "period_from"]


@dataclass
class BoardWrites:
    """Pengurus to add (field values; "new_wksbm" holds the new WKSBM's values until its key is known) and
    current holders whose term ends, across the whole file."""

    added: list[dict] = field(default_factory=list)
    ended: list[Pengurus] = field(default_factory=list)
    # The stored WKSBM new members join: (model, key, row, name), which must still exist at the commit.
    joined: list[tuple] = field(default_factory=list)
    # (WKSBM id, role id) of each role of a stored WKSBM the file gives a new holder → (row, WKSBM as named, keys
    # of the holders when planned): whom the new holder replaces, which must still be so at the commit.
    holders: dict[tuple[int, int], tuple[int, str, frozenset]] = field(default_factory=dict)


@dataclass
class WksbmWrites:
    """New WKSBM as field values, changed stored WKSBM (instances) with the fields changed, and the boards."""

    created: list[dict] = field(default_factory=list)
    updated: list[Wksbm] = field(default_factory=list)
    updated_fields: set[str] = field(default_factory=set)
    board: BoardWrites = field(default_factory=BoardWrites)


class WksbmListImport(ListImport):
    """Imports a WKSBM list for `user`, within their area."""

    kind = ImportBatch.Kind.WKSBM
    model = Wksbm
    columns = [
        *WILAYAH_COLUMNS,
        NAME_COLUMN,
        ImportColumn("alamat", {"alamat sekretariat", "sekretariat"}, field="address", compare=clean_text),
        ImportColumn(
            "tanggal_pembentukan",
            {"tgl pembentukan", "tanggal dibentuk", "tgl dibentuk", "tanggal berdiri"},
            field="formed_on",
            parse=parse_date,
        ),
        ImportColumn("nomor_sk", {"no sk", "nomor sk pembentukan", "sk"}, field="sk_number", compare=clean_text),
        ImportColumn("tanggal_sk", {"tgl sk"}, field="sk_date", parse=parse_date),
        ImportColumn("status", {"keaktifan"}, field="status", parse=parse_status, show=status_label),
        *(ImportColumn(role, {f"nama {role}"}) for role in BOARD_COLUMNS),
        PHONE_COLUMN,
    ]

    def plan_rows(self, rows: list[RowErrors]) -> WksbmWrites:
        self.today = dates.today()
        # The fields an import sets and checks; a status change also dates it.
        self.wksbm_checked = [*self.table.checked, "status_changed_on"]
        self.wksbm_rules, self.pengurus_rules = (
            RecordRules(Wksbm, self.wksbm_checked),
            RecordRules(Pengurus, PENGURUS_CHECKED),
        )
        roles = {role.slug: role for role in PengurusRole.objects.filter(slug__in=BOARD_COLUMNS)}
        # Translated once for the file rather than once a row.
        self.required_roles = {slug for slug, role in roles.items() if role.required}
        self.board_states = (_("lengkap"), _("belum lengkap"))
        parsed = self._parse(rows)

        keys = [entry["key"] for entry in parsed if entry]
        existing = self._existing({code for code, _ in keys})
        board_now = self._current_board([w.pk for w in existing.values()], roles)
        writes = WksbmWrites()
        message = _("WKSBM yang sama sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, parsed, message=message, column=NAME_COLUMN.header):
            self._plan(row, entry, existing.get(entry["key"]), board_now, roles, writes)
        return writes

    def write(self, writes: WksbmWrites, batch: ImportBatch) -> set[int]:
        written = write_records(Wksbm, writes, user=self.actor, batch=batch)
        for pengurus in writes.board.added:
            if "new_wksbm" in pengurus:
                pengurus["wksbm_id"] = pengurus.pop("new_wksbm")["id"]
        keys = update_with_history(Pengurus, writes.board.ended, {"period_to"}, user=self.actor, batch=batch)
        written |= rows_written(writes.board.ended, keys)
        keys = insert_with_history(Pengurus, writes.board.added, user=self.actor, batch=batch)
        return written | rows_written(writes.board.added, keys)

    def changed_since_plan(self, writes: WksbmWrites) -> list[str]:
        """The WKSBM to update saved by someone else since the plan (their `updated_at` moved on), the board
        members to replace whose term someone else ended meanwhile, and the WKSBM given new board members that
        someone else deleted."""
        planned = {wksbm.pk: wksbm for wksbm in writes.updated}
        stale = changed_since_plan(Wksbm, {pk: w.planned_version for pk, w in planned.items()}, "updated_at")
        reasons = [(row_of(planned[pk]), named("WKSBM", planned[pk].name)) for pk in stale]
        holders = {pengurus.pk: pengurus for pengurus in writes.board.ended}
        for pk in changed_since_plan(Pengurus, dict.fromkeys(holders), "period_to"):
            reasons.append((row_of(holders[pk]), named("WKSBM", holders[pk].wksbm_name)))
        reasons += gone_since_plan(writes.board.joined)
        reasons += self._board_changed(writes.board.holders)
        return refusals_for_changes(reasons)

    def _board_changed(self, planned: dict[tuple[int, int], tuple[int, str, frozenset]]) -> list[tuple[int, str]]:
        """(row, WKSBM) of each role given a new holder whose current holders are no longer those planned (someone
        added or ended one meanwhile): the import would otherwise leave two holders, or end the wrong one. The
        current holders are locked until the commit ends."""
        if not planned:
            return []
        current: dict[tuple[int, int], set[int]] = {}
        holders = (
            Pengurus.objects.current(self.today)
            .select_for_update()
            .filter(among("wksbm_id", {wksbm for wksbm, _role in planned}), role_id__in={r for _w, r in planned})
            .order_by()
            .values_list("pk", "wksbm_id", "role_id")
        )
        for pk, wksbm, role in holders:
            current.setdefault((wksbm, role), set()).add(pk)
        return [(row, label) for key, (row, label, pks) in planned.items() if current.get(key, set()) != pks]

    def _parse(self, rows: list[RowErrors]) -> list[dict | None]:
        """Each row's wilayah, name, profile values and board names; None for a row refused already."""
        units = parse_units(self, rows, name=NAME_COLUMN)
        for unit in units:
            if unit:
                cells = unit.pop("cells")
                unit["board"] = {role: cells[role] for role in BOARD_COLUMNS if cells[role]}
        return units

    def _existing(self, codes: set[str]) -> dict[tuple[str, str], Wksbm]:
        """The stored WKSBM of the file's wilayah, by natural key: one query."""
        stored = Wksbm.objects.filter(among("wilayah_id", codes))
        return {(w.wilayah_id, name_key(w.name)): w for w in stored}

    def _current_board(self, wksbm_ids: list[int], roles) -> dict[tuple[int, int], list[Pengurus]]:
        """Current holders of the imported roles, by (wksbm id, role id): one query."""
        board: dict[tuple[int, int], list[Pengurus]] = {}
        if not wksbm_ids:
            return board
        holders = (
            Pengurus.objects.current().filter(among("wksbm_id", wksbm_ids), role__in=roles.values()).order_by("pk")
        )
        for pengurus in holders:
            board.setdefault((pengurus.wksbm_id, pengurus.role_id), []).append(pengurus)
        return board

    def _plan(self, row: RowErrors, entry: dict, stored: Wksbm | None, board_now, roles, writes) -> None:
        plan = row.row
        if stored is None:
            record = from_row({"name": entry["name"], **entry["profile"]}, plan.number)
            row.check(self.wksbm_rules, record, self.table.by_field)
            record["wilayah_id"] = entry["code"]
            plan.action = Action.NEW
            plan.changes = new_changes(entry["profile"], self.profile)
        else:
            record = None
            # The version the commit expects to find still stored (see `changed_since_plan`).
            stored.planned_version = stored.updated_at
            from_row(stored, plan.number)
            previous_status = stored.status
            changed = diff_profile(stored, entry["profile"], self.profile, plan)
            stored.date_status_change(previous_status, self.today)
            if "status" in changed:
                changed["status_changed_on"] = stored.status_changed_on
            writes.updated_fields |= changed.keys()
            row.check(self.wksbm_rules, {f: getattr(stored, f) for f in self.wksbm_checked}, self.table.by_field)
        board_writes = None if plan.errors else writes.board
        formed_on = entry["profile"].get("formed_on") if stored is None else stored.formed_on
        board = self._plan_board(row, stored, record, formed_on, entry["board"], board_now, roles, board_writes)
        if plan.errors:
            return
        if stored is None:
            writes.created.append(record)
        elif any(column.header in plan.changes for column in self.profile):
            writes.updated.append(stored)
        if plan.action != Action.NEW:
            plan.action = Action.CHANGED if plan.changes else Action.UNCHANGED
        plan.values["kepengurusan"] = board

    def _plan_board(
        self, row: RowErrors, stored, record, formed_on, names: dict, board_now, roles, board_writes
    ) -> str:
        """Plans the board columns of one row (of the `stored` WKSBM, or of the new one to be written from
        `record`); returns "lengkap" or "belum lengkap" as it will stand."""
        today = self.today
        held = set()
        for slug in BOARD_COLUMNS:
            role = roles[slug]
            holders = board_now.get((stored.pk, role.pk), []) if stored else []
            if holders:
                held.add(slug)
            new_name = names.get(slug)
            if not new_name or any(name_key(p.name) == name_key(new_name) for p in holders):
                continue
            # A new WKSBM's board serves from its formation; a replacement from today.
            pengurus = {"name": new_name, "role_id": role.pk, "period_from": today if stored else formed_on}
            errors_before = len(row.row.errors)
            row.check(self.pengurus_rules, pengurus, {"name": slug})
            if len(row.row.errors) > errors_before:
                continue
            held.add(slug)
            row.row.changes[slug] = (", ".join(p.name for p in holders), pengurus["name"])
            if board_writes is not None:
                for holder in holders:
                    # The successor serves from today, so the holder's term ends yesterday (a term includes
                    # its last day), or on the day it began when that was today.
                    holder.period_to = max(today - datetime.timedelta(days=1), holder.period_from or today)
                    holder.wksbm_name = stored.name
                    board_writes.ended.append(from_row(holder, row.row.number))
                if stored:
                    pengurus["wksbm_id"] = stored.pk
                    board_writes.joined.append((Wksbm, stored.pk, row.row.number, named("WKSBM", stored.name)))
                    board_writes.holders[(stored.pk, role.pk)] = (
                        row.row.number,
                        named("WKSBM", stored.name),
                        frozenset(p.pk for p in holders),
                    )
                else:
                    pengurus["new_wksbm"] = record
                board_writes.added.append(from_row(pengurus, row.row.number))
        complete, incomplete = self.board_states
        return complete if self.required_roles <= held else incomplete
