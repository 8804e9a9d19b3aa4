"""Exports of the WKSBM and KPS lists in exactly the import's columns, so exporting and importing back changes
nothing. Text that Excel could run as a formula is neutralised; rows stream in chunks (a fixed number of
queries per chunk, never all rows in memory for CSV).
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from lokal.phone import parse_phone
from openpyxl import Workbook

from registry.enums import WilayahLevel
from registry.imports.wksbm_list import BOARD_COLUMNS
from registry.models import KpsMembership, Pengurus
from registry.spreadsheet_safety import neutralise
from registry.validators import mask_phone

WKSBM_COLUMNS = [
    "kode_wilayah",
    "kabupaten",
    "kecamatan",
    "desa",
    "nama_wksbm",
    "alamat",
    "tanggal_pembentukan",
    "nomor_sk",
    "tanggal_sk",
    "status",
    "ketua",
    "sekretaris",
    "bendahara",
    "telepon",
]
KPS_COLUMNS = [
    "kode_wilayah",
    "kabupaten",
    "kecamatan",
    "desa",
    "nama_kps",
    "jenis_kps",
    "nama_wksbm",
    "ketua_kps",
    "jumlah_anggota",
    "telepon",
]
CHUNK = 2000


def place(wilayah) -> dict[str, str]:
    """The code and the kabupaten, kecamatan and desa names of a desa- or kecamatan-level wilayah (its parent
    and grandparent must be loaded with it)."""
    if wilayah.level == WilayahLevel.DESA:
        kecamatan, desa = wilayah.parent, wilayah.name
    else:
        kecamatan, desa = wilayah, ""
    return {"kode_wilayah": wilayah.code, "kabupaten": kecamatan.parent.name, "kecamatan": kecamatan.name, "desa": desa}


def national_phone(stored: str) -> str:
    """A stored phone as Indonesians write it (0812-3456-7890), or as stored when it cannot be parsed."""
    if not stored:
        return ""
    info = parse_phone(stored)
    return info.national if info.valid else stored


def wksbm_rows(queryset) -> Iterator[dict]:
    """One export row per WKSBM of `queryset` (already scoped by the caller), with its current board."""
    board = Pengurus.objects.current().filter(role__slug__in=BOARD_COLUMNS).select_related("role").order_by("pk")
    rows = queryset.select_related("wilayah__parent__parent").prefetch_related(
        Prefetch("pengurus", queryset=board, to_attr="board")
    )
    for wksbm in rows.iterator(chunk_size=CHUNK):
        holders = {}
        for pengurus in wksbm.board:
            holders.setdefault(pengurus.role.slug, pengurus.name)
        yield {
            **place(wksbm.wilayah),
            "nama_wksbm": wksbm.name,
            "alamat": wksbm.address,
            "tanggal_pembentukan": wksbm.formed_on,
            "nomor_sk": wksbm.sk_number,
            "tanggal_sk": wksbm.sk_date,
            "status": wksbm.status,
            **{slug: holders.get(slug, "") for slug in BOARD_COLUMNS},
            "telepon": national_phone(wksbm.phone),
        }


def kps_rows(queryset) -> Iterator[dict]:
    """One export row per KPS of `queryset` (already scoped by the caller), with its current WKSBM."""
    current = KpsMembership.objects.current().select_related("wksbm")
    rows = queryset.select_related("wilayah__parent__parent", "kind").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )
    for kps in rows.iterator(chunk_size=CHUNK):
        forum = kps.current_memberships[0].wksbm.name if kps.current_memberships else ""
        yield {
            **place(kps.wilayah),
            "nama_kps": kps.name,
            "jenis_kps": kps.kind.name,
            "nama_wksbm": forum,
            "ketua_kps": kps.leader,
            "jumlah_anggota": kps.member_count,
            "telepon": national_phone(kps.phone),
        }


def with_masked_phones(rows: Iterable[dict]) -> Iterator[dict]:
    """`rows` with their `telepon` masked (`mask_phone`), for a user who does not work with phone numbers
    (`registry.roles.may_see_phone_numbers`). Such a file is not for importing back: only those who may change
    records import lists, and they get the numbers whole."""
    for row in rows:
        yield {**row, "telepon": mask_phone(row.get("telepon") or "")}


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return neutralise(str(value))


def csv_chunks(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """The CSV as Indonesian Excel opens it (UTF-8 with BOM, `;` separator), in pieces for streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for number, row in enumerate(rows, start=1):
        writer.writerow([_cell_text(row.get(column)) for column in columns])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(columns: list[str], rows: Iterable[dict], *, title: str = "Daftar") -> bytes:
    """The rows as an .xlsx workbook (write-only, so rows are not all kept as cells); dates as date cells."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(columns)
    for row in rows:
        sheet.append([_xlsx_cell(row.get(column)) for column in columns])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_cell(value):
    if value is None or isinstance(value, int | datetime.date):
        return value
    return neutralise(str(value))
