"""The rows of the WKSBM and KPS list exports, in exactly the import's columns, so exporting and importing back
changes nothing. Rows stream in chunks (a fixed number of queries per chunk, never all rows in memory); the files
are written by `registry.exports.files`.
"""

import itertools
from collections.abc import Iterable, Iterator

from registry.db.arrays import among
from registry.enums import WilayahLevel
from registry.imports.kps_list import KpsListImport
from registry.imports.wksbm_list import BOARD_COLUMNS, WksbmListImport
from registry.models import KpsMembership, Pengurus
from registry.validators import display_phone, mask_phone

# The import's own column declarations, in their order: what is exported imports back.
WKSBM_COLUMNS = WksbmListImport.headers()
KPS_COLUMNS = KpsListImport.headers()
CHUNK = 2000
# The wilayah columns of a WKSBM or KPS, read through its wilayah and that wilayah's parents (see `place`).
PLACE_FIELDS = (
    "wilayah_id",
    "wilayah__level",
    "wilayah__name",
    "wilayah__parent__name",
    "wilayah__parent__parent__name",
)


def place_columns(code: str, level: int, name: str, parent: str, grandparent: str) -> dict[str, str]:
    """The `kode_wilayah, kabupaten, kecamatan, desa` columns of a desa- or kecamatan-level wilayah, from its
    code, level and name and the names of its parent and grandparent (`PLACE_FIELDS`)."""
    if level == WilayahLevel.DESA:
        return {"kode_wilayah": code, "kabupaten": grandparent, "kecamatan": parent, "desa": name}
    return {"kode_wilayah": code, "kabupaten": parent, "kecamatan": name, "desa": ""}


def place(wilayah) -> dict[str, str]:
    """`place_columns` of a desa- or kecamatan-level Wilayah instance, loaded with its parent and grandparent."""
    parent = wilayah.parent
    return place_columns(wilayah.code, wilayah.level, wilayah.name, parent.name, parent.parent.name)


def wksbm_rows(queryset) -> Iterator[dict]:
    """One export row per WKSBM of `queryset` (already scoped by the caller), in its order, with its current board
    (per role, the holder added first).

    Read as plain values, `CHUNK` WKSBM at a time with one more query for their boards: a national list is 50,000
    WKSBM and 170,000 pengurus, which as model instances took most of a download's time."""
    fields = ("pk", *PLACE_FIELDS, "name", "address", "formed_on", "sk_number", "sk_date", "status", "phone")
    for chunk in chunks(queryset.values_list(*fields).iterator(chunk_size=CHUNK)):
        boards = _current_boards([row[0] for row in chunk])
        for pk, *wilayah, name, address, formed_on, sk_number, sk_date, status, phone in chunk:
            holders = boards.get(pk, {})
            yield {
                **place_columns(*wilayah),
                "nama_wksbm": name,
                "alamat": address,
                "tanggal_pembentukan": formed_on,
                "nomor_sk": sk_number,
                "tanggal_sk": sk_date,
                "status": status,
                **{slug: holders.get(slug, "") for slug in BOARD_COLUMNS},
                "telepon": display_phone(phone),
            }


def _current_boards(wksbm_ids: list[int]) -> dict[int, dict[str, str]]:
    """{WKSBM id: {role slug: name}} of the current holders of the board roles, the first added of each role."""
    board = Pengurus.objects.current().filter(among("wksbm_id", wksbm_ids), role__slug__in=BOARD_COLUMNS)
    holders: dict[int, dict[str, str]] = {}
    for wksbm_id, slug, name in board.order_by("pk").values_list("wksbm_id", "role__slug", "name"):
        holders.setdefault(wksbm_id, {}).setdefault(slug, name)
    return holders


def kps_rows(queryset) -> Iterator[dict]:
    """One export row per KPS of `queryset` (already scoped by the caller), in its order, with the WKSBM it is
    a current member of; read as plain values, `CHUNK` KPS at a time with one more query for their WKSBM."""
    fields = ("pk", *PLACE_FIELDS, "name", "kind__name", "leader", "member_count", "phone")
    for chunk in chunks(queryset.values_list(*fields).iterator(chunk_size=CHUNK)):
        current = KpsMembership.objects.current().filter(among("kps_id", [row[0] for row in chunk]))
        forums = dict(current.values_list("kps_id", "wksbm__name"))
        for pk, *wilayah, name, kind, leader, member_count, phone in chunk:
            yield {
                **place_columns(*wilayah),
                "nama_kps": name,
                "jenis_kps": kind,
                "nama_wksbm": forums.get(pk, ""),
                "ketua_kps": leader,
                "jumlah_anggota": member_count,
                "telepon": display_phone(phone),
            }


def chunks(rows: Iterator[tuple]) -> Iterator[list[tuple]]:
    """`rows` in lists of up to `CHUNK`."""
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def with_masked_phones(rows: Iterable[dict], columns: Iterable[str] = ("telepon",)) -> Iterator[dict]:
    """`rows` with their phone `columns` masked (`mask_phone`), for a user who does not work with phone numbers
    (`registry.roles.may_see_phone_numbers`). Such a file is not for importing back: only those who may change
    records import lists, and they get the numbers whole."""
    for row in rows:
        yield {**row, **{column: mask_phone(row.get(column) or "") for column in columns}}
