"""The rows of the mitra and tie (jejaring) list exports, in exactly the imports' columns, so exporting and
importing back changes nothing. Rows stream in chunks (a fixed number of queries per chunk); the files are
written by `registry.exports.files`.
"""

from collections.abc import Iterator

from registry.db.arrays import among
from registry.enums import WilayahLevel
from registry.exports.lists import PLACE_FIELDS, chunks, place_columns
from registry.imports.jejaring_list import JejaringListImport
from registry.imports.mitra_list import MitraListImport
from registry.models import MitraContact, Wksbm
from registry.scoping import in_area
from registry.validators import display_phone

MITRA_COLUMNS = MitraListImport.headers()
JEJARING_COLUMNS = JejaringListImport.headers()


def seat_columns(code: str, level: int, name: str, parent: str | None, grandparent: str | None) -> dict[str, str]:
    """The wilayah columns of a mitra's seat at any level: a desa or kecamatan as `place_columns` writes them, a
    kabupaten by its name, the province by its code alone."""
    if level >= WilayahLevel.KECAMATAN:
        return place_columns(code, level, name, parent, grandparent)
    kabupaten = name if level == WilayahLevel.KABUPATEN else ""
    return {"kode_wilayah": code, "kabupaten": kabupaten, "kecamatan": "", "desa": ""}


def mitra_rows(queryset) -> Iterator[dict]:
    """One export row per mitra of `queryset` (already scoped by the caller), in its order, with its first
    contact person (the one added first)."""
    fields = (
        "pk",
        *PLACE_FIELDS,
        "name",
        "kind__name",
        "level",
        "address",
        "registration_number",
        "notes",
    )
    for chunk in chunks(queryset.values_list(*fields).iterator(chunk_size=2000)):
        contacts: dict[int, tuple] = {}
        stored = MitraContact.objects.filter(among("mitra_id", [row[0] for row in chunk])).order_by("pk")
        for mitra_id, *contact in stored.values_list("mitra_id", "name", "position", "phone"):
            contacts.setdefault(mitra_id, tuple(contact))
        for pk, *wilayah, name, kind, level, address, registration_number, notes in chunk:
            contact_name, position, phone = contacts.get(pk, ("", "", ""))
            yield {
                **seat_columns(*wilayah),
                "nama_mitra": name,
                "jenis_mitra": kind,
                "tingkat": level,
                "alamat": address,
                "nomor_registrasi": registration_number,
                "narahubung": contact_name,
                "jabatan_narahubung": position,
                "telepon_narahubung": display_phone(phone),
                "catatan": notes,
            }


def jejaring_rows(queryset, *, user) -> Iterator[dict]:
    """One export row per tie of `queryset` (already scoped by the caller), seen from `user`'s area: the WKSBM
    first is one of theirs (of a tie between two of their WKSBM, the one stored first).

    A tie with a WKSBM outside `user`'s area is left out: its name is not shown to them (`shown_name`), and a row
    without it would not import back."""
    ends = ("wksbm_id", "partner_wksbm_id")
    fields = (
        *ends,
        "mitra__name",
        "mitra__wilayah_id",
        "kind__name",
        "started_on",
        "ended_on",
        "basis_number",
        "basis_date",
        "description",
    )
    for chunk in chunks(queryset.values_list(*fields).iterator(chunk_size=2000)):
        wksbm_ids = {pk for row in chunk for pk in row[:2] if pk}
        wksbm = {
            pk: (code, rest)
            for pk, code, *rest in Wksbm.objects.filter(among("pk", wksbm_ids)).values_list(
                "pk", "wilayah_id", *PLACE_FIELDS[1:], "name"
            )
        }
        for first, partner, mitra, mitra_seat, kind, started_on, ended_on, number, date, description in chunk:
            if partner and not in_area(user, wksbm[first][0]):
                first, partner = partner, first
            if partner and not in_area(user, wksbm[partner][0]):
                continue
            code, (level, place_name, parent, grandparent, name) = wksbm[first]
            yield {
                **place_columns(code, level, place_name, parent, grandparent),
                "nama_wksbm": name,
                "nama_mitra": mitra or "",
                "wksbm_mitra": wksbm[partner][1][-1] if partner else "",
                "kode_wilayah_mitra": mitra_seat if mitra else wksbm[partner][0],
                "jenis_jejaring": kind,
                "tanggal_mulai": started_on,
                "tanggal_berakhir": ended_on,
                "nomor_mou": number,
                "tanggal_mou": date,
                "uraian": description,
            }
