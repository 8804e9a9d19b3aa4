"""The attendance list (*daftar hadir*) of a penyuluhan event: one participant a row — nama, unsur, asal desa,
telepon — imported into that event.

It goes through the registry's list pipeline (`registry.imports`): the same tolerant reader, header mapping,
normalisers, preview and all-or-nothing commit with history tied to one `ImportBatch`, so a file is accepted or
refused exactly as a WKSBM or KPS list would be.

The asal desa is found within the event's kabupaten: a desa name alone when it is unique there ("Candirejo" is
not, in Gunungkidul: add the kecamatan), a desa with its kecamatan, or a Kemendagri code. A participant from
outside the event's kabupaten is refused. The natural key is the event, the name with case and spaces ignored,
and the origin: re-importing the same list changes nothing; a changed unsur or phone updates that participant;
a blank phone leaves the stored one as it is.

A new participant whose pengurus is sure (`trainings.pengurus_match`) is created linked to them; the preview
and the result say how many (`AttendanceWrites.linked`) and how many wait for confirmation (`unsure`).
Participants already stored are not matched again here (the event's "Cocokkan peserta dengan pengurus" does).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from registry import scoping, wilayah_codes
from registry.enums import WilayahLevel
from registry.imports.columns import ImportColumn, diff_profile, new_changes, shown
from registry.imports.errors import CellError, ImportRefused
from registry.imports.normalize import clean_text, match_reference
from registry.imports.plan import (
    Action,
    ImportPlan,
    ListImport,
    RowErrors,
    first_of_each_key,
    from_row,
    row_of,
    rows_written,
)
from registry.imports.shared_columns import (
    CODE_COLUMN,
    DESA_COLUMN,
    KABUPATEN_COLUMN,
    KECAMATAN_COLUMN,
    PHONE_COLUMN,
    name_column,
)
from registry.imports.wilayah_resolver import WilayahResolver
from registry.imports.writes import create_with_history, update_with_history
from registry.models import ImportBatch, Wilayah
from registry.validators import name_key
from registry.wilayah_codes import ancestor_code, lies_within
from trainings.models import Penyuluhan, Peserta, Unsur
from trainings.pengurus_match import Status, match_all

ORIGIN_LEVELS = (WilayahLevel.KECAMATAN, WilayahLevel.DESA)

NAME_COLUMN = name_column("nama", "nama peserta", "nama lengkap")
UNSUR_COLUMN = ImportColumn(
    "unsur", {"unsur peserta", "kategori", "kategori peserta"}, field="unsur", parse="parse_unsur", required=True
)
# The participant's origin, read together as one place (see `AttendanceListImport._origin`): a file names the
# desa (or kecamatan) or gives its code.
ORIGIN_COLUMN = DESA_COLUMN.extended(
    "desa",
    "asal",
    "asal desa/kelurahan",
    "asal kelurahan",
    "asal kalurahan",
    "asal desa/kalurahan",
    header="asal_desa",
    field="origin",
    required="asal",
    key=True,
)
ORIGIN_KECAMATAN_COLUMN = KECAMATAN_COLUMN.extended("asal kecamatan", "asal kapanewon", required="asal")
ORIGIN_KABUPATEN_COLUMN = KABUPATEN_COLUMN.extended("asal kabupaten", required=False)
ORIGIN_CODE_COLUMN = CODE_COLUMN.extended(field=None, required="asal", key=False)
PARTICIPANT_PHONE_COLUMN = PHONE_COLUMN.extended("nomor hp", "no wa", "wa")
# The printed attendance sheet (trainings:attendance_sheet) has a signature column; typed back in, it is empty or
# holds the row number, and is ignored.
SIGNATURE_COLUMN = ImportColumn("tanda_tangan", {"ttd", "paraf"}, parse=None)
CODE_LIKE = re.compile(r"\d[\d.]*\d")
PLACE_COLUMNS = (ORIGIN_CODE_COLUMN, ORIGIN_KABUPATEN_COLUMN, ORIGIN_KECAMATAN_COLUMN, ORIGIN_COLUMN)
# The resolver names its columns as the registry lists do; here the desa column is the participant's origin.
RESOLVER_COLUMNS = {DESA_COLUMN.header: ORIGIN_COLUMN.header}

# Words offices write for the seeded unsur (trainings/migrations/0002_reference_lists.py), by slug. An unsur the
# administrators removed is simply not offered; the names and slugs of every current unsur are always known.
UNSUR_ALIASES = {
    "tokoh-masyarakat": ("toma", "tomas"),
    "tokoh-agama": ("toga",),
    "perangkat-desa": ("perangkat kalurahan", "perangkat kelurahan", "pamong desa", "pamong kalurahan"),
    "pendamping-pkh": ("pkh", "pendamping program keluarga harapan"),
    "kader": ("kader desa", "kader posyandu", "kader kesehatan"),
    "tksk": ("tenaga kesejahteraan sosial kecamatan",),
    "psm": ("pekerja sosial masyarakat",),
    "penyuluh-sosial-masyarakat": ("penyuluh sosial", "pensosmas"),
    "karang-taruna": ("kartar",),
    "pkk": ("tp pkk", "tim penggerak pkk"),
}


def unsur_choices() -> dict[str, Unsur]:
    """{name key: unsur} of every unsur by name, by slug and by the usual abbreviations (one query)."""
    unsur = list(Unsur.objects.all())
    by_slug = {item.slug: item for item in unsur}
    choices = {
        name_key(alias): by_slug[slug]
        for slug, aliases in UNSUR_ALIASES.items()
        if slug in by_slug
        for alias in aliases
    }
    for item in unsur:
        choices[name_key(item.slug)] = choices[name_key(item.slug.replace("-", " "))] = item
    for item in unsur:
        choices[name_key(item.name)] = item
    return choices


@dataclass
class AttendanceWrites:
    """What a commit writes. New participants whose pengurus is sure (`trainings.pengurus_match`) are created
    linked: `linked` of them; `unsure` new ones wait for confirmation on the event's page."""

    created: list[Peserta] = field(default_factory=list)
    updated: list[Peserta] = field(default_factory=list)
    updated_fields: set[str] = field(default_factory=set)
    linked: int = 0
    unsure: int = 0

    def link_sure(self, event: Penyuluhan) -> None:
        """Links the new participants whose pengurus is sure and counts the unsure ones (two queries)."""
        for index, match in match_all(event, self.created).items():
            if match.status == Status.SURE:
                self.created[index].pengurus = match.pengurus
                self.linked += 1
            elif match.status == Status.UNSURE:
                self.unsure += 1


def links_said(writes: AttendanceWrites) -> str:
    """What an import says of its links to pengurus: "Tertaut ke pengurus: 4; menunggu dicocokkan: 1."."""
    return _("Tertaut ke pengurus: %(linked)s; menunggu dicocokkan: %(unsure)s.") % {
        "linked": writes.linked,
        "unsure": writes.unsure,
    }


class AttendanceListImport(ListImport):
    """Imports the attendance list of `event` for `user`, who must see the event (its wilayah in their area)."""

    kind = ImportBatch.Kind.ATTENDANCE
    model = Peserta
    columns = [
        NAME_COLUMN,
        UNSUR_COLUMN,
        ORIGIN_COLUMN,
        ORIGIN_KECAMATAN_COLUMN,
        ORIGIN_KABUPATEN_COLUMN,
        ORIGIN_CODE_COLUMN,
        PARTICIPANT_PHONE_COLUMN,
        SIGNATURE_COLUMN,
    ]

    def __init__(self, *, user, event: Penyuluhan):
        super().__init__(user=user)
        self.event = event
        self.kabupaten_code = ancestor_code(event.wilayah_id, WilayahLevel.KABUPATEN)

    def plan(self, data: bytes, filename: str) -> ImportPlan:
        """The preview of importing `data` into the event; refuses at once an event outside the user's area."""
        if not scoping.in_area(self.user, self.event.wilayah_id):
            raise ImportRefused([_("Kegiatan ini di luar wilayah kerja Anda.")])
        return super().plan(data, filename)

    def plan_rows(self, rows: list[RowErrors]) -> AttendanceWrites:
        # The whole province, so that a code or a name of another kabupaten is named as such, not "not found".
        names = dict(
            Wilayah.objects.within([ancestor_code(self.kabupaten_code, WilayahLevel.PROVINSI)]).values_list(
                "code", "name"
            )
        )
        resolver = WilayahResolver(names.items())
        self.unsur = unsur_choices()
        parsed = self._parse(rows, resolver, names)

        existing: dict[tuple[str, str | None], Peserta] = {}
        for peserta in self.event.peserta.select_related("unsur").order_by("pk"):
            existing.setdefault((name_key(peserta.name), peserta.origin_id), peserta)
        writes = AttendanceWrites()
        message = _("Peserta yang sama (nama dan asal) sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, parsed, message=message, column=NAME_COLUMN.header):
            self._plan(row, entry, existing.get(entry["key"]), writes)
        writes.link_sure(self.event)
        self.writes = writes
        return writes

    def write(self, writes: AttendanceWrites, batch: ImportBatch) -> set[int]:
        create_with_history(Peserta, writes.created, user=self.actor, batch=batch)
        written = {row_of(peserta) for peserta in writes.created if peserta.pk is not None}
        keys = update_with_history(Peserta, writes.updated, writes.updated_fields, user=self.actor, batch=batch)
        return written | rows_written(writes.updated, keys)

    def parse_unsur(self, cell) -> Unsur:
        """The unsur an `unsur` cell names, by its name, slug or a usual abbreviation."""
        return match_reference(cell, self.unsur, what=_("Unsur"))

    def _parse(self, rows: list[RowErrors], resolver, names) -> list[dict | None]:
        """Each row's name, origin code and profile values; None for a row refused already. Column by column, in
        this order (name, origin, unsur, telepon), so that a row's reasons read in it."""
        people = self.parse_columns(rows, [NAME_COLUMN])[NAME_COLUMN.header]
        codes = [self._origin(row, resolver, names) for row in rows]
        parsed = self.parse_columns(rows, [UNSUR_COLUMN, PARTICIPANT_PHONE_COLUMN])
        categories, phones = parsed[UNSUR_COLUMN.header], parsed[PARTICIPANT_PHONE_COLUMN.header]
        entries = []
        for row, name, code, category, phone in zip(rows, people, codes, categories, phones, strict=True):
            row.row.values = {
                NAME_COLUMN.header: name or "",
                UNSUR_COLUMN.header: shown(category),
                ORIGIN_COLUMN.header: f"{names[code]} ({code})" if code else "",
                PARTICIPANT_PHONE_COLUMN.header: PARTICIPANT_PHONE_COLUMN.show(phone),
            }
            if row.row.errors:
                entries.append(None)
                continue
            profile = {UNSUR_COLUMN.field: category} | ({PARTICIPANT_PHONE_COLUMN.field: phone} if phone else {})
            entries.append({"key": (name_key(name), code), "name": name, "code": code, "profile": profile})
        return entries

    def _origin(self, row: RowErrors, resolver: WilayahResolver, names: dict[str, str]) -> str | None:
        """The code of the participant's desa (or kecamatan) within the event's kabupaten, or None with the reason.

        Without a code or a kabupaten cell, names are looked up in the event's kabupaten.
        """
        kode, kabupaten, kecamatan, desa = (
            clean_text(row.header.value(row.cells, column.header)) for column in PLACE_COLUMNS
        )
        if not kode and CODE_LIKE.fullmatch(desa):
            # A code typed in the desa column (34.03.08.2004 or 3403082004) is read as the code it is.
            kode, desa = desa, ""
        if not (desa or kecamatan or kode):
            row.add(_("wajib diisi."), ORIGIN_COLUMN.header)
            return None
        # A provinsi-level event: names are looked up in the whole province (ambiguous ones need a kabupaten).
        at_provinsi = wilayah_codes.level_of(self.kabupaten_code) == WilayahLevel.PROVINSI
        kabupaten = kabupaten or ("" if kode or at_provinsi else names.get(self.kabupaten_code, ""))
        try:
            code = resolver.resolve(kode=kode, kabupaten=kabupaten, kecamatan=kecamatan, desa=desa)
        except CellError as error:
            row.add(error.message, RESOLVER_COLUMNS.get(error.column, error.column))
            return None
        if not lies_within(code, self.kabupaten_code):
            row.add(
                _("%(place)s (%(code)s) di luar %(kabupaten)s, kabupaten tempat kegiatan ini.")
                % {
                    "place": names[code],
                    "code": code,
                    "kabupaten": names.get(self.kabupaten_code, self.kabupaten_code),
                },
                ORIGIN_COLUMN.header,
            )
            return None
        if wilayah_codes.level_of(code) not in ORIGIN_LEVELS:
            message = _("wilayah %(code)s bukan desa/kelurahan atau kecamatan.") % {"code": code}
            row.add(message, ORIGIN_COLUMN.header)
            return None
        return code

    def _plan(self, row: RowErrors, entry: dict, stored: Peserta | None, writes: AttendanceWrites) -> None:
        plan = row.row
        if stored is None:
            peserta = Peserta(event=self.event, name=entry["name"], origin_id=entry["code"], **entry["profile"])
            plan.action = Action.NEW
            plan.changes = new_changes(entry["profile"], self.profile)
        else:
            peserta = stored
            changed = diff_profile(peserta, entry["profile"], self.profile, plan)
            writes.updated_fields |= changed.keys()
        row.validate(peserta, self.table.by_field, exclude=["event", "unsur", "origin", "pengurus", "kps"])
        if plan.errors:
            return
        if stored is None:
            writes.created.append(from_row(peserta, plan.number))
        elif plan.changes:
            writes.updated.append(from_row(peserta, plan.number))
            plan.action = Action.CHANGED
        else:
            plan.action = Action.UNCHANGED
