"""The front half wired together as an import will use it: read → map headers → normalise → resolve wilayah,
with every cell error reported by the row number the operator sees in Excel."""

import datetime

from registry.imports.errors import CellError
from registry.imports.headers import map_headers
from registry.imports.normalize import clean_text, is_blank, parse_date, parse_status
from registry.imports.reader import read_table
from registry.imports.wilayah_resolver import WilayahResolver
from registry.services.wilayah_load import read_packaged_source, select_provinces
from tests.registry.imports.spreadsheets import xlsx_bytes

COLUMNS = {
    "kode_wilayah": set(),
    "kabupaten": {"kabupaten/kota"},
    "kecamatan": {"kapanewon"},
    "desa": {"kalurahan", "desa/kelurahan"},
    "nama_wksbm": set(),
    "tanggal_pembentukan": set(),
    "status": set(),
}


def import_front_half(data: bytes, filename: str):
    """(rows of clean values, errors) as a WKSBM import would compute them before its preview."""
    table = read_table(data, filename, max_rows=50_000, max_bytes=10 * 1024 * 1024)
    header = map_headers(table.header, columns=COLUMNS, required=["nama_wksbm", ("kode_wilayah", "kabupaten")])
    resolver = WilayahResolver(select_provinces(read_packaged_source(), ["34"]).names.items())
    parsers = {"nama_wksbm": clean_text, "tanggal_pembentukan": parse_date, "status": parse_status}
    values, errors = [], []
    for row in table.rows:
        record = header.record(row.cells)
        clean = {}
        try:
            clean["wilayah"] = resolver.resolve(
                kode=record.get("kode_wilayah", ""),
                kabupaten=record.get("kabupaten", ""),
                kecamatan=record.get("kecamatan", ""),
                desa=record.get("desa", ""),
            )
        except CellError as error:
            errors.append(error.at_row(row.number))
        for column, parse in parsers.items():
            if is_blank(record.get(column)):
                continue
            try:
                clean[column] = parse(record[column])
            except CellError as error:
                error.column = column
                errors.append(error.at_row(row.number))
        values.append((row.number, clean))
    return values, errors


def test_a_kabupaten_list_with_a_title_a_number_column_and_mixed_dates():
    data = xlsx_bytes(
        [
            ["DAFTAR WKSBM KABUPATEN GUNUNGKIDUL TAHUN 2019"],
            [],
            ["No.", "Kabupaten/Kota", "Kapanewon", "Kalurahan", "Nama WKSBM", "Tanggal Pembentukan", "Status"],
            [1, "Kab. Gunung Kidul", "Semanu", "Candirejo", "WKSBM Candi  Makmur", datetime.date(2019, 8, 13), "Aktif"],
            [2, "Gunungkidul", "Kapanewon Semin", "Kalurahan Candirejo", "WKSBM Rukun", "14 Agustus 2019", "mati suri"],
            [],
            [3, "Gunungkidul", "", "Candirejo", "WKSBM Ganda", "31/02/2019", "hidup"],
            [4, "Kab. Gunungkidul", "Patuk", "Salam", "WKSBM Salam Sejahtera", "15-08-2019", "BUBAR"],
        ]
    )

    values, errors = import_front_half(data, "Daftar WKSBM Gunungkidul.xlsx")

    assert values == [
        (
            4,
            {
                "wilayah": "34.03.08.2004",
                "nama_wksbm": "WKSBM Candi Makmur",
                "tanggal_pembentukan": datetime.date(2019, 8, 13),
                "status": "aktif",
            },
        ),
        (
            5,
            {
                "wilayah": "34.03.12.2006",
                "nama_wksbm": "WKSBM Rukun",
                "tanggal_pembentukan": datetime.date(2019, 8, 14),
                "status": "vakum",
            },
        ),
        (7, {"nama_wksbm": "WKSBM Ganda"}),
        (
            8,
            {
                "wilayah": "34.03.04.2005",
                "nama_wksbm": "WKSBM Salam Sejahtera",
                "tanggal_pembentukan": datetime.date(2019, 8, 15),
                "status": "bubar",
            },
        ),
    ]
    assert errors == [
        'Baris 7, kolom desa: Desa/kelurahan "Candirejo" cocok dengan 2 wilayah: Kalurahan Candirejo, Kapanewon '
        "Semanu, Kabupaten Gunungkidul (34.03.08.2004); Kalurahan Candirejo, Kapanewon Semin, Kabupaten Gunungkidul "
        "(34.03.12.2006). Isi juga kolom kecamatan, atau isi kode_wilayah.",
        'Baris 7, kolom tanggal_pembentukan: Tanggal "31/02/2019" tidak ada di kalender.',
        'Baris 7, kolom status: Status "hidup" tidak dikenal; gunakan aktif, vakum (juga: mati suri, tidak aktif, '
        "non aktif, pasif) atau bubar (juga: dibubarkan).",
    ]


def test_the_same_list_as_an_indonesian_excel_csv_reads_the_same():
    rows = [
        "DAFTAR WKSBM KABUPATEN GUNUNGKIDUL TAHUN 2019;;;;;;",
        ";;;;;;",
        "No.;Kabupaten/Kota;Kapanewon;Kalurahan;Nama WKSBM;Tanggal Pembentukan;Status",
        "1;Kab. Gunung Kidul;Semanu;Candirejo;WKSBM Candi  Makmur;13/08/2019;Aktif",
        "2;Gunungkidul;Kapanewon Semin;Kalurahan Candirejo;WKSBM Rukun;14 Agustus 2019;mati suri",
    ]

    values, errors = import_front_half("\r\n".join(rows).encode("cp1252"), "daftar.csv")

    assert (values, errors) == (
        [
            (
                4,
                {
                    "wilayah": "34.03.08.2004",
                    "nama_wksbm": "WKSBM Candi Makmur",
                    "tanggal_pembentukan": datetime.date(2019, 8, 13),
                    "status": "aktif",
                },
            ),
            (
                5,
                {
                    "wilayah": "34.03.12.2006",
                    "nama_wksbm": "WKSBM Rukun",
                    "tanggal_pembentukan": datetime.date(2019, 8, 14),
                    "status": "vakum",
                },
            ),
        ],
        [],
    )
