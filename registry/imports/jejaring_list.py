"""The tie (jejaring) list an office sends: one tie of a WKSBM of its area a row, with a mitra or with another
WKSBM.

The natural key is the WKSBM (its wilayah, by code or names, and its name), the other end (`nama_mitra` or
`wksbm_mitra`, with `kode_wilayah_mitra`: the code of the mitra's seat or of the other WKSBM's wilayah), the kind
and the start date. A changed cell of the end date, the basis (MoU/PKS number and date) or the description
updates that field; a blank cell leaves it as it is, so a tie is ended by filling `tanggal_berakhir`. The WKSBM is
one of the importing user's area; the mitra one they see (`MitraQuerySet.for_user`: theirs, provincial and
national ones, those tied to their WKSBM); the other WKSBM one of their area. A tie between two WKSBM is the same
whichever is named first. The rules are the model's: one active tie of a kind between the same two ends (against
the stored ties and the file's other rows), an end after the start, no tie of a WKSBM with itself.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry import dates
from registry.constraints import check_constraint_errors
from registry.db.arrays import among
from registry.enums import WilayahLevel
from registry.imports.columns import ImportColumn, diff_profile, new_changes
from registry.imports.mitra_list import ReferenceColumnMixin
from registry.imports.normalize import clean_text, parse_date
from registry.imports.plan import (
    Action,
    ListImport,
    RowErrors,
    first_of_each_key,
    from_row,
    row_of,
)
from registry.imports.shared_columns import CODE_COLUMN, DESA_COLUMN, KABUPATEN_COLUMN, KECAMATAN_COLUMN
from registry.imports.staleness import changed_since_plan, gone_since_plan, named, refusals_for_changes
from registry.imports.wilayah_in_area import resolve_wilayah_column
from registry.imports.wilayah_resolver import dotted_code
from registry.imports.writes import write_records
from registry.models import ImportBatch, Jejaring, JejaringKind, Mitra, Wksbm
from registry.validators import name_key

# The WKSBM's wilayah, as on the WKSBM list; it is the WKSBM's, not a field of the tie.
PLACE_COLUMNS = [CODE_COLUMN.extended(field=None), KABUPATEN_COLUMN, KECAMATAN_COLUMN, DESA_COLUMN]
WKSBM_COLUMN = ImportColumn("nama_wksbm", {"nama", "nama wksbm", "wksbm"}, required=True, key=True)
MITRA_COLUMN = ImportColumn("nama_mitra", {"mitra", "nama mitra", "nama lembaga"}, required="pihak")
PARTNER_COLUMN = ImportColumn(
    "wksbm_mitra", {"wksbm lain", "nama wksbm mitra", "wksbm mitra", "mitra wksbm"}, required="pihak"
)
PARTNER_CODE_COLUMN = ImportColumn(
    "kode_wilayah_mitra", {"kode mitra", "kode wilayah mitra", "kode wilayah pihak lain"}, parse="parse_code"
)
KIND_COLUMN = ImportColumn(
    "jenis_jejaring",
    {"jenis", "jenis jejaring", "jenis kerja sama", "jenis kerjasama"},
    field="kind_id",
    parse="parse_kind",
    show="kind_name",
    required=True,
    key=True,
)
START_COLUMN = ImportColumn(
    "tanggal_mulai", {"tgl mulai", "mulai", "sejak"}, field="started_on", parse=parse_date, required=True, key=True
)
# The fields of a tie checked in memory (relations are resolved by the import itself).
CHECKED = ["started_on", "ended_on", "basis_number", "basis_date", "description"]
RELATIONS = ["wksbm", "mitra", "partner_wksbm", "kind"]


@dataclass
class JejaringWrites:
    """New ties as field values, changed stored ties (instances) with the fields changed, and the stored records
    new ties join: (model, key, row, name), which must still exist at the commit."""

    created: list[dict] = field(default_factory=list)
    updated: list[Jejaring] = field(default_factory=list)
    updated_fields: set[str] = field(default_factory=set)
    references: list[tuple] = field(default_factory=list)


class JejaringListImport(ReferenceColumnMixin, ListImport):
    """Imports a tie list for `user`: ties of the WKSBM of their area."""

    kind = ImportBatch.Kind.JEJARING
    model = Jejaring
    reference_model = JejaringKind
    reference_what = _("Jenis jejaring")
    columns = [
        *PLACE_COLUMNS,
        WKSBM_COLUMN,
        MITRA_COLUMN,
        PARTNER_COLUMN,
        PARTNER_CODE_COLUMN,
        KIND_COLUMN,
        START_COLUMN,
        ImportColumn(
            "tanggal_berakhir",
            {"tgl berakhir", "berakhir", "sampai", "tanggal selesai"},
            field="ended_on",
            parse=parse_date,
        ),
        ImportColumn(
            "nomor_mou",
            {"no mou", "nomor pks", "no pks", "nomor mou/pks", "dasar"},
            field="basis_number",
            compare=clean_text,
        ),
        ImportColumn("tanggal_mou", {"tgl mou", "tanggal pks", "tgl pks"}, field="basis_date", parse=parse_date),
        ImportColumn("uraian", {"keterangan", "deskripsi", "kegiatan"}, field="description", compare=clean_text),
    ]

    def plan_rows(self, rows: list[RowErrors]) -> JejaringWrites:
        self.load_kinds()
        codes = resolve_wilayah_column(rows, self.user, levels=(WilayahLevel.KECAMATAN, WilayahLevel.DESA))
        parsed = self.parse_columns(rows, [column for column in self.table.columns if column.parse is not None])
        entries = self._entries(rows, codes, parsed)
        places = {entry["code"] for entry in entries if entry}
        other_places = {entry["other_code"] for entry in entries if entry}
        own = Wksbm.objects.for_user(self.user).filter(among("wilayah_id", places | other_places))
        self.wksbm = {(w.wilayah_id, name_key(w.name)): w for w in own.only("pk", "name", "wilayah_id")}
        mitra = (
            Mitra.objects.for_user(self.user).filter(among("wilayah_id", other_places)).only("pk", "name", "wilayah_id")
        )
        self.mitra = {(m.wilayah_id, name_key(m.name)): m for m in mitra}
        self._resolve_ends(rows, entries)
        self.stored = self._stored_ties({pk for entry in entries if entry for pk in entry["ends"][::2] if pk})
        writes = JejaringWrites()
        message = _("Jejaring yang sama sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, entries, message=message, column=WKSBM_COLUMN.header):
            self._plan(row, entry, writes)
        return writes

    def write(self, writes: JejaringWrites, batch: ImportBatch) -> set[int]:
        return write_records(Jejaring, writes, user=self.actor, batch=batch)

    def changed_since_plan(self, writes: JejaringWrites) -> list[str]:
        """The ties to update saved by someone else since the plan, and the WKSBM and mitra of new ties someone
        else deleted."""
        planned = {tie.pk: tie for tie in writes.updated}
        stale = changed_since_plan(Jejaring, {pk: tie.planned_version for pk, tie in planned.items()}, "updated_at")
        reasons = [(row_of(planned[pk]), named(_("Jejaring"), planned[pk].label)) for pk in stale]
        reasons += gone_since_plan(writes.references)
        return refusals_for_changes(reasons)

    def parse_code(self, cell) -> str:
        """The dotted wilayah code of a `kode_wilayah_mitra` cell, as written (checked when the other end is looked
        up)."""
        text = clean_text(cell)
        return dotted_code(text) or text

    # --- Planning ----------------------------------------------------------------------------------------------

    def _entries(self, rows: list[RowErrors], codes: list, parsed: dict) -> list[dict | None]:
        """Each row's WKSBM place and name, other end as named, kind, start and profile; None for a row refused
        already."""
        entries = []
        for index, row in enumerate(rows):
            code = codes[index]
            cells = {header: values[index] for header, values in parsed.items()}
            row.row.values = {CODE_COLUMN.header: code or "", WKSBM_COLUMN.header: cells[WKSBM_COLUMN.header] or ""}
            mitra, partner = cells[MITRA_COLUMN.header], cells[PARTNER_COLUMN.header]
            if mitra and partner:
                row.add(_("isi nama_mitra atau wksbm_mitra, tidak keduanya."), MITRA_COLUMN.header)
            elif not (mitra or partner):
                row.add(_("isi nama_mitra atau wksbm_mitra."), MITRA_COLUMN.header)
            other_code = cells[PARTNER_CODE_COLUMN.header]
            if (mitra or partner) and not other_code:
                row.add(_("wajib diisi: kode wilayah kedudukan mitra atau WKSBM lain."), PARTNER_CODE_COLUMN.header)
            if row.row.errors:
                entries.append(None)
                continue
            entries.append(
                {
                    "code": code,
                    "name": cells[WKSBM_COLUMN.header],
                    "other_code": other_code,
                    "mitra": mitra,
                    "partner": partner,
                    "kind_id": cells[KIND_COLUMN.header],
                    "started_on": cells[START_COLUMN.header],
                    "profile": {
                        column.field: value
                        for column in self.table.profile
                        if (value := cells[column.header]) is not None
                    },
                }
            )
        return entries

    def _resolve_ends(self, rows: list[RowErrors], entries: list) -> None:
        """Finds each row's WKSBM and other end among those the user may tie; sets `ends` (wksbm, mitra, partner
        keys, the two WKSBM in stored order) and `key` (the tie's natural key), or refuses the row."""
        for index, (row, entry) in enumerate(zip(rows, entries, strict=True)):
            if entry is None:
                continue
            wksbm = self.wksbm.get((entry["code"], name_key(entry["name"])))
            if wksbm is None:
                row.add(
                    _('WKSBM "%(name)s" tidak ada di wilayah %(code)s; impor daftar WKSBM lebih dulu.')
                    % {"name": entry["name"], "code": entry["code"]},
                    WKSBM_COLUMN.header,
                )
            other_key = (entry["other_code"], name_key(entry["mitra"] or entry["partner"]))
            mitra = self.mitra.get(other_key) if entry["mitra"] else None
            partner = self.wksbm.get(other_key) if entry["partner"] else None
            if entry["mitra"] and mitra is None:
                row.add(
                    _('Mitra "%(name)s" berkedudukan di %(code)s tidak ditemukan; impor daftar mitra lebih dulu.')
                    % {"name": entry["mitra"], "code": entry["other_code"]},
                    MITRA_COLUMN.header,
                )
            if entry["partner"] and partner is None:
                row.add(
                    _('WKSBM "%(name)s" tidak ada di wilayah %(code)s dalam wilayah kerja Anda.')
                    % {"name": entry["partner"], "code": entry["other_code"]},
                    PARTNER_COLUMN.header,
                )
            if row.row.errors:
                entries[index] = None
                continue
            first, second = wksbm.pk, partner.pk if partner else None
            if second is not None and second < first:
                first, second = second, first  # stored with the lower id first (`Jejaring.normalize_ends`)
            entry["wksbm"], entry["mitra_obj"], entry["partner_obj"] = wksbm, mitra, partner
            entry["ends"] = (first, mitra.pk if mitra else None, second)
            entry["key"] = (*entry["ends"], entry["kind_id"], entry["started_on"])

    def _stored_ties(self, wksbm_ids: set[int]) -> dict[tuple, list[Jejaring]]:
        """The stored ties of `wksbm_ids` at either end, by their ends and kind: one query."""
        ties: dict[tuple, list[Jejaring]] = {}
        if not wksbm_ids:
            return ties
        stored = Jejaring.objects.filter(among("wksbm_id", wksbm_ids) | among("partner_wksbm_id", wksbm_ids))
        for tie in stored.select_related("kind").order_by("pk"):
            ties.setdefault((tie.wksbm_id, tie.mitra_id, tie.partner_wksbm_id, tie.kind_id), []).append(tie)
        return ties

    def _plan(self, row: RowErrors, entry: dict, writes: JejaringWrites) -> None:
        plan = row.row
        same_ends = self.stored.setdefault((*entry["ends"], entry["kind_id"]), [])
        stored = next((tie for tie in same_ends if tie.started_on == entry["started_on"]), None)
        profile = entry["profile"]
        if stored is None:
            first, mitra, second = entry["ends"]
            tie = Jejaring(
                wksbm_id=first,
                mitra_id=mitra,
                partner_wksbm_id=second,
                kind_id=entry["kind_id"],
                started_on=entry["started_on"],
                **profile,
            )
            tie.kind = self.kinds_by_pk[entry["kind_id"]]
            self._validate(row, tie, same_ends)
            plan.action = Action.NEW
            plan.changes = new_changes(profile, self.profile)
            if plan.errors:
                return
            same_ends.append(tie)
            record = {f.attname: getattr(tie, f.attname) for f in Jejaring._meta.concrete_fields if not f.primary_key}
            writes.created.append(from_row(record, plan.number))
            label = self._label(entry)
            writes.references.append((Wksbm, entry["wksbm"].pk, plan.number, named("WKSBM", entry["wksbm"].name)))
            if entry["mitra_obj"]:
                writes.references.append((Mitra, mitra, plan.number, named("Mitra", entry["mitra_obj"].name)))
            else:
                writes.references.append((Wksbm, entry["partner_obj"].pk, plan.number, named("WKSBM", label)))
            return
        stored.planned_version = stored.updated_at
        from_row(stored, plan.number)
        changed = diff_profile(stored, profile, self.profile, plan)
        if changed:
            self._validate(row, stored, same_ends)
        if plan.errors:
            return
        plan.action = Action.CHANGED if plan.changes else Action.UNCHANGED
        if changed:
            stored.label = self._label(entry)
            writes.updated.append(stored)
            writes.updated_fields |= changed.keys()

    def _validate(self, row: RowErrors, tie: Jejaring, same_ends: list[Jejaring]) -> None:
        """The model's rules for `tie` in memory: its fields, no date ahead, its check constraints, and no period
        overlapping another tie of `same_ends` (stored, or planned by an earlier row)."""
        try:
            tie.clean_fields(exclude=RELATIONS)
        except ValidationError as error:
            row.add_validation(error, self.table.by_field)
        for field_name, error in dates.future_date_errors(tie, ("started_on", "basis_date")).items():
            row.add_validation(ValidationError({field_name: error}), self.table.by_field)
        broken = check_constraint_errors(tie)
        for _name, message in broken:
            row.add(message)
        if broken or row.row.errors:
            return
        try:
            tie.refuse_overlap([other for other in same_ends if other is not tie])
        except ValidationError as error:
            for message in error.messages:
                row.add(message)

    def _label(self, entry: dict) -> str:
        """The tie as a refusal names it: its WKSBM and other end."""
        other = entry["mitra_obj"] or entry["partner_obj"]
        return f"{entry['wksbm'].name} — {other.name}"

    def load_kinds(self) -> None:
        super().load_kinds()
        self.kinds_by_pk = {kind.pk: kind for kind in self.kinds.values()}
