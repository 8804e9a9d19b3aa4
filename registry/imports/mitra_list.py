"""The mitra list an office sends: one partner organisation a row, with one contact person.

The natural key is the wilayah of the mitra's seat (a desa, kecamatan, kabupaten or the province, by code or by
names) plus the name with case and spaces ignored. A changed cell updates that field; a blank cell leaves it as it
is. `narahubung` names a contact person: a name the mitra does not have yet adds that person, a name it has
updates their position and phone where those cells are filled. A row of a mitra seated outside the importing
user's area (a provincial mitra in a kabupaten's list, as its export holds it) may only read unchanged: only the
users of its seat change it (`MitraQuerySet.seated_in_area`).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from registry import scoping
from registry.db.arrays import among
from registry.enums import MitraLevel, WilayahLevel
from registry.imports.columns import ImportColumn, diff_profile, new_changes
from registry.imports.errors import CellError
from registry.imports.normalize import clean_text, match_reference, parse_phone, phone_as_parsed
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
from registry.imports.shared_columns import WILAYAH_COLUMNS, name_column
from registry.imports.staleness import changed_since_plan, gone_since_plan, named, refusals_for_changes
from registry.imports.unit_rows import parse_units
from registry.imports.writes import insert_with_history, update_with_history, write_records
from registry.models import ImportBatch, Mitra, MitraContact, MitraKind
from registry.validators import display_phone, name_key
from registry.wilayah_codes import level_of

NAME_COLUMN = name_column("nama_mitra", "nama mitra", "nama lembaga", "nama organisasi", "mitra")
KIND_COLUMN = ImportColumn(
    "jenis_mitra", {"jenis", "jenis mitra", "jenis lembaga"}, field="kind_id", parse="parse_kind", show="kind_name"
)
CONTACT_COLUMN = ImportColumn("narahubung", {"nama narahubung", "kontak", "contact person", "cp"})
POSITION_COLUMN = ImportColumn("jabatan_narahubung", {"jabatan", "jabatan kontak"})
CONTACT_PHONE_COLUMN = ImportColumn(
    "telepon_narahubung", {"telepon", "no hp", "hp", "telp", "no telepon", "nomor telepon"}, parse=parse_phone
)
# The levels a mitra's seat may have: any wilayah, from a desa up to the province.
SEAT_LEVELS = (WilayahLevel.PROVINSI, WilayahLevel.KABUPATEN, WilayahLevel.KECAMATAN, WilayahLevel.DESA)
LEVEL_WORDS = {
    **{name_key(str(label)): value for value, label in MitraLevel.choices},
    **{name_key(value): value for value in MitraLevel.values},
    name_key("kota"): MitraLevel.KABUPATEN,
    name_key("kelurahan"): MitraLevel.DESA,
    name_key("provinsi"): MitraLevel.PROVINSI,
    name_key("pusat"): MitraLevel.NASIONAL,
}


def parse_level(cell) -> str:
    """A `MitraLevel` from its value or label ("kabupaten", "Kabupaten/Kota", "kota", "nasional"…)."""
    text = clean_text(cell)
    level = LEVEL_WORDS.get(name_key(text))
    if level is None:
        known = ", ".join(MitraLevel.values)
        raise CellError(
            _('Tingkat "%(value)s" tidak dikenal; isi salah satu: %(known)s.') % {"value": text, "known": known}
        )
    return str(level)


def level_label(value: str) -> str:
    """A mitra level as the preview shows it: its label."""
    return str(MitraLevel(value).label)


def default_level(code: str) -> str:
    """The level of a new mitra whose row leaves `tingkat` blank: kabupaten/kota, or the province for a mitra
    seated there (a seat above a mitra's level is refused)."""
    return MitraLevel.PROVINSI if level_of(code) == WilayahLevel.PROVINSI else MitraLevel.KABUPATEN


class ReferenceColumnMixin:
    """The hooks of a column naming an entry of a reference list (`reference_model`, named `reference_what` in
    messages): `parse_kind` gives its key, `kind_name` shows it. `load_kinds()` reads the list once a file."""

    reference_model: type
    reference_what: str

    def load_kinds(self) -> None:
        kinds = list(self.reference_model.objects.all())
        self.kinds = {name_key(kind.name): kind for kind in kinds}
        self.kinds.update({name_key(kind.slug): kind for kind in kinds})
        self.kind_names = {kind.pk: kind.name for kind in kinds}

    def parse_kind(self, cell) -> int:
        return match_reference(cell, self.kinds, what=self.reference_what).pk

    def kind_name(self, kind_id: int) -> str:
        return self.kind_names.get(kind_id, str(kind_id))


@dataclass
class MitraWrites:
    """New mitra as field values, changed stored mitra (instances) with the fields changed, and contacts added
    (field values; "new_mitra" holds the new mitra's values until its key is known) or changed (instances)."""

    created: list[dict] = field(default_factory=list)
    updated: list[Mitra] = field(default_factory=list)
    updated_fields: set[str] = field(default_factory=set)
    contacts_added: list[dict] = field(default_factory=list)
    contacts_changed: list[MitraContact] = field(default_factory=list)
    contact_fields: set[str] = field(default_factory=set)
    # The stored mitra new contacts join: (model, key, row, name), which must still exist at the commit.
    references: list[tuple] = field(default_factory=list)


class MitraListImport(ReferenceColumnMixin, ListImport):
    """Imports a mitra list for `user`: mitra seated within their area, and unchanged rows of the others they see."""

    kind = ImportBatch.Kind.MITRA
    model = Mitra
    reference_model = MitraKind
    reference_what = _("Jenis mitra")
    columns = [
        *WILAYAH_COLUMNS,
        NAME_COLUMN,
        KIND_COLUMN,
        ImportColumn("tingkat", {"tingkat mitra", "level"}, field="level", parse=parse_level, show=level_label),
        ImportColumn("alamat", {"alamat mitra", "alamat kantor"}, field="address", compare=clean_text),
        ImportColumn(
            "nomor_registrasi",
            {"no registrasi", "nomor tanda daftar", "no tanda daftar", "nomor izin"},
            field="registration_number",
            compare=clean_text,
        ),
        CONTACT_COLUMN,
        POSITION_COLUMN,
        CONTACT_PHONE_COLUMN,
        ImportColumn("catatan", {"keterangan", "ket"}, field="notes", compare=clean_text),
    ]

    def plan_rows(self, rows: list[RowErrors]) -> MitraWrites:
        self.rules = RecordRules(Mitra, self.table.checked)
        self.contact_rules = RecordRules(MitraContact, ["name", "position", "phone"])
        self.load_kinds()
        parsed = parse_units(self, rows, name=NAME_COLUMN, levels=SEAT_LEVELS, keep_outside=True)
        codes = {entry["code"] for entry in parsed if entry}
        visible = Mitra.objects.for_user(self.user).filter(among("wilayah_id", codes))
        existing = {(m.wilayah_id, name_key(m.name)): m for m in visible}
        contacts: dict[int, list[MitraContact]] = {}
        for contact in MitraContact.objects.filter(among("mitra_id", [m.pk for m in existing.values()])).order_by("pk"):
            contacts.setdefault(contact.mitra_id, []).append(contact)
        writes = MitraWrites()
        message = _("Mitra yang sama sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, parsed, message=message, column=NAME_COLUMN.header):
            stored = existing.get(entry["key"])
            self._plan(row, entry, stored, writes)
            self._plan_contact(row, entry, stored, contacts.get(stored.pk, []) if stored else [], writes)
            if not row.row.errors and row.row.action != Action.NEW:
                row.row.action = Action.CHANGED if row.row.changes else Action.UNCHANGED
            if row.row.action != Action.UNCHANGED and not scoping.in_area(self.user, entry["code"]):
                row.add(
                    _(
                        "mitra ini berkedudukan di wilayah %(code)s, di luar wilayah kerja Anda: hanya petugas wilayah "
                        "itu yang dapat menambah atau mengubahnya."
                    )
                    % {"code": entry["code"]}
                )
        return writes

    def write(self, writes: MitraWrites, batch: ImportBatch) -> set[int]:
        written = write_records(Mitra, writes, user=self.actor, batch=batch)
        for contact in writes.contacts_added:
            if "new_mitra" in contact:
                contact["mitra_id"] = contact.pop("new_mitra")["id"]
        keys = insert_with_history(MitraContact, writes.contacts_added, user=self.actor, batch=batch)
        written |= rows_written(writes.contacts_added, keys)
        keys = update_with_history(
            MitraContact, writes.contacts_changed, writes.contact_fields, user=self.actor, batch=batch
        )
        return written | rows_written(writes.contacts_changed, keys)

    def changed_since_plan(self, writes: MitraWrites) -> list[str]:
        """The mitra to update saved by someone else since the plan, the contacts to change that someone else
        changed, and the mitra given new contacts that someone else deleted."""
        planned = {mitra.pk: mitra for mitra in writes.updated}
        stale = changed_since_plan(Mitra, {pk: m.planned_version for pk, m in planned.items()}, "updated_at")
        reasons = [(row_of(planned[pk]), named("Mitra", planned[pk].name)) for pk in stale]
        contacts = {contact.pk: contact for contact in writes.contacts_changed}
        for name in ("position", "phone"):
            versions = {pk: getattr(contact, f"planned_{name}") for pk, contact in contacts.items()}
            for pk in changed_since_plan(MitraContact, versions, name):
                reasons.append((row_of(contacts[pk]), named("Mitra", contacts[pk].mitra_name)))
        reasons += gone_since_plan(writes.references)
        return refusals_for_changes(reasons)

    def _plan(self, row: RowErrors, entry: dict, stored: Mitra | None, writes: MitraWrites) -> None:
        plan = row.row
        profile = entry["profile"]
        if stored is None:
            if KIND_COLUMN.field not in profile:
                row.add(_("wajib diisi untuk mitra baru."), KIND_COLUMN.header)
                return
            profile.setdefault("level", default_level(entry["code"]))
            mitra = Mitra(name=entry["name"], wilayah_id=entry["code"], **profile)
            row.validate(mitra, self.table.by_field, exclude=["kind", "wilayah"])
            record = from_row({"name": mitra.name, **profile, "wilayah_id": entry["code"]}, plan.number)
            record["reach"] = mitra.working_area()
            plan.action = Action.NEW
            plan.changes = new_changes(profile, self.profile)
            entry["record"] = record
        else:
            # The version the commit expects to find still stored (see `changed_since_plan`).
            stored.planned_version = stored.updated_at
            from_row(stored, plan.number)
            changed = diff_profile(stored, profile, self.profile, plan)
            if changed:
                row.validate(stored, self.table.by_field, exclude=["kind", "wilayah"])
                stored.reach = stored.working_area()
                writes.updated_fields |= {*changed, "reach"}
        if plan.errors:
            return
        if stored is None:
            writes.created.append(record)
        elif plan.changes:
            writes.updated.append(stored)

    def _plan_contact(self, row: RowErrors, entry: dict, stored, contacts: list[MitraContact], writes) -> None:
        """Plans the row's contact person: added when the mitra has no contact of that name, else its position
        and phone updated where filled."""
        cells = entry["cells"]
        name = cells[CONTACT_COLUMN.header]
        if row.row.errors:
            return
        if not name:
            if cells[POSITION_COLUMN.header] or cells[CONTACT_PHONE_COLUMN.header]:
                row.add(_("isi nama narahubung untuk jabatan dan teleponnya."), CONTACT_COLUMN.header)
            return
        values = {
            "name": name,
            "position": cells[POSITION_COLUMN.header] or "",
            "phone": cells[CONTACT_PHONE_COLUMN.header] or "",
        }
        columns = {
            "name": CONTACT_COLUMN.header,
            "position": POSITION_COLUMN.header,
            "phone": CONTACT_PHONE_COLUMN.header,
        }
        row.check(self.contact_rules, values, columns)
        if row.row.errors:
            return
        same = next((contact for contact in contacts if name_key(contact.name) == name_key(values["name"])), None)
        if same is None:
            row.row.changes[CONTACT_COLUMN.header] = ("", values["name"])
            if values["phone"]:
                row.row.changes[CONTACT_PHONE_COLUMN.header] = ("", display_phone(values["phone"]))
            if stored is None:
                values["new_mitra"] = entry["record"]
            else:
                values["mitra_id"] = stored.pk
                writes.references.append((Mitra, stored.pk, row.row.number, named("Mitra", stored.name)))
            writes.contacts_added.append(from_row(values, row.row.number))
            return
        changed = {}
        if values["position"] and values["position"] != same.position:
            changed["position"] = values["position"]
            row.row.changes[POSITION_COLUMN.header] = (same.position, values["position"])
        if values["phone"] and values["phone"] != phone_as_parsed(same.phone):
            changed["phone"] = values["phone"]
            row.row.changes[CONTACT_PHONE_COLUMN.header] = (display_phone(same.phone), display_phone(values["phone"]))
        if changed:
            same.planned_position, same.planned_phone, same.mitra_name = same.position, same.phone, stored.name
            for name_, value in changed.items():
                setattr(same, name_, value)
            writes.contact_fields |= changed.keys()
            writes.contacts_changed.append(from_row(same, row.row.number))
