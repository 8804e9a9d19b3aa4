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
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lokal.phone import normalize_phone

from registry import scoping, wilayah_codes
from registry.enums import WilayahLevel
from registry.imports.common import WILAYAH_COLUMNS, create_with_history, diff_profile, shown, update_with_history
from registry.imports.errors import CellError, ImportRefused
from registry.imports.normalize import clean_text, match_reference, parse_phone
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
from registry.imports.wilayah_resolver import WilayahResolver
from registry.models import ImportBatch, Wilayah
from registry.validators import name_key
from registry.wilayah_codes import ancestor_code, lies_within
from trainings.models import Penyuluhan, Peserta, Unsur

ORIGIN_LEVELS = (WilayahLevel.KECAMATAN, WilayahLevel.DESA)

COLUMNS = {
    "nama": {"nama peserta", "nama lengkap"},
    "unsur": {"unsur peserta", "kategori", "kategori peserta"},
    "asal_desa": WILAYAH_COLUMNS["desa"]
    | {"desa", "asal", "asal desa/kelurahan", "asal kelurahan", "asal kalurahan", "asal desa/kalurahan"},
    "kecamatan": WILAYAH_COLUMNS["kecamatan"] | {"asal kecamatan", "asal kapanewon"},
    "kabupaten": WILAYAH_COLUMNS["kabupaten"] | {"asal kabupaten"},
    "kode_wilayah": WILAYAH_COLUMNS["kode_wilayah"],
    "telepon": {"no telepon", "no hp", "hp", "telp", "no telp", "nomor telepon", "nomor hp", "kontak", "no wa", "wa"},
    # The printed attendance sheet (trainings:attendance_sheet) has a signature column; typed back in, it is empty
    # or holds the row number, and is ignored.
    "tanda_tangan": {"ttd", "paraf"},
}
CODE_LIKE = re.compile(r"\d[\d.]*\d")
PLACE_COLUMNS = ("kode_wilayah", "kabupaten", "kecamatan", "asal_desa")
# The resolver names its columns as the registry lists do; here the desa column is the participant's origin.
RESOLVER_COLUMNS = {"desa": "asal_desa"}

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

PROFILE_COLUMNS = {
    "unsur": ("unsur", None, None),
    "telepon": ("phone", parse_phone, lambda stored: normalize_phone(stored) or stored),
}
COLUMNS_BY_FIELD = {"name": "nama", "origin": "asal_desa", "unsur": "unsur", "phone": "telepon"}


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
    created: list[Peserta] = field(default_factory=list)
    updated: list[Peserta] = field(default_factory=list)
    updated_fields: set[str] = field(default_factory=set)


class AttendanceListImport(ListImport):
    """Imports the attendance list of `event` for `user`, who must see the event (its wilayah in their area)."""

    kind = ImportBatch.Kind.ATTENDANCE
    columns = COLUMNS
    required = ["nama", "unsur", ("asal_desa", "kecamatan", "kode_wilayah")]

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
        unsur = unsur_choices()
        parsed = [self._parse(row, resolver, names, unsur) for row in rows]

        existing: dict[tuple[str, str | None], Peserta] = {}
        for peserta in self.event.peserta.select_related("unsur").order_by("pk"):
            existing.setdefault((name_key(peserta.name), peserta.origin_id), peserta)
        writes = AttendanceWrites()
        message = _("Peserta yang sama (nama dan asal) sudah ada di baris %(row)s.")
        for row, entry in first_of_each_key(rows, parsed, message=message, column="nama"):
            self._plan(row, entry, existing.get(entry["key"]), writes)
        return writes

    def write(self, writes: AttendanceWrites, batch: ImportBatch) -> set[int]:
        create_with_history(Peserta, writes.created, user=self.actor, batch=batch)
        written = {row_of(peserta) for peserta in writes.created if peserta.pk is not None}
        keys = update_with_history(Peserta, writes.updated, writes.updated_fields, user=self.actor, batch=batch)
        return written | rows_written(writes.updated, keys)

    def _parse(self, row: RowErrors, resolver, names, unsur) -> dict | None:
        """The row's name, origin code and profile values; None when the row is refused already."""
        name = row.cell("nama", clean_text, required=True)
        code = self._origin(row, resolver, names)
        profile = {
            "unsur": row.cell("unsur", lambda v: match_reference(v, unsur, what=_("Unsur")), required=True),
            "phone": row.cell("telepon", parse_phone),
        }
        row.row.values = {
            "nama": name or "",
            "unsur": str(profile["unsur"] or ""),
            "asal_desa": f"{names[code]} ({code})" if code else "",
            "telepon": profile["phone"] or "",
        }
        if row.row.errors:
            return None
        profile = {f: v for f, v in profile.items() if v is not None}
        return {"key": (name_key(name), code), "name": name, "code": code, "profile": profile}

    def _origin(self, row: RowErrors, resolver: WilayahResolver, names: dict[str, str]) -> str | None:
        """The code of the participant's desa (or kecamatan) within the event's kabupaten, or None with the reason.

        Without a code or a kabupaten cell, names are looked up in the event's kabupaten.
        """
        cells = {column: clean_text(row.header.value(row.cells, column)) for column in PLACE_COLUMNS}
        if not cells["kode_wilayah"] and CODE_LIKE.fullmatch(cells["asal_desa"]):
            # A code typed in the desa column (34.03.08.2004 or 3403082004) is read as the code it is.
            cells["kode_wilayah"], cells["asal_desa"] = cells["asal_desa"], ""
        if not (cells["asal_desa"] or cells["kecamatan"] or cells["kode_wilayah"]):
            row.add(_("wajib diisi."), "asal_desa")
            return None
        kabupaten = cells["kabupaten"] or ("" if cells["kode_wilayah"] else names.get(self.kabupaten_code, ""))
        try:
            code = resolver.resolve(
                kode=cells["kode_wilayah"], kabupaten=kabupaten, kecamatan=cells["kecamatan"], desa=cells["asal_desa"]
            )
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
                "asal_desa",
            )
            return None
        if wilayah_codes.level_of(code) not in ORIGIN_LEVELS:
            row.add(_("wilayah %(code)s bukan desa/kelurahan atau kecamatan.") % {"code": code}, "asal_desa")
            return None
        return code

    def _plan(self, row: RowErrors, entry: dict, stored: Peserta | None, writes: AttendanceWrites) -> None:
        plan = row.row
        if stored is None:
            peserta = Peserta(event=self.event, name=entry["name"], origin_id=entry["code"], **entry["profile"])
            plan.action = Action.NEW
            plan.changes = {COLUMNS_BY_FIELD[f]: ("", shown(v)) for f, v in entry["profile"].items()}
        else:
            peserta = stored
            changed = diff_profile(peserta, entry["profile"], PROFILE_COLUMNS, plan)
            writes.updated_fields |= changed.keys()
        row.validate(peserta, COLUMNS_BY_FIELD, exclude=["event", "unsur", "origin", "pengurus", "kps"])
        if plan.errors:
            return
        if stored is None:
            writes.created.append(from_row(peserta, plan.number))
        elif plan.changes:
            writes.updated.append(from_row(peserta, plan.number))
            plan.action = Action.CHANGED
        else:
            plan.action = Action.UNCHANGED
