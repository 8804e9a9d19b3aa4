"""Downloads open ready to read (registry.exports.files): titled columns, and in a workbook sized columns, a
frozen title row, a filter and dates shown dd/mm/yyyy; the CSV writes dates the same way."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from registry.exports.files import Table, csv_chunks, xlsx_bytes, xlsx_file
from registry.exports.lists import KPS_COLUMNS, WKSBM_COLUMNS
from registry.imports.headers import column_title, header_key
from registry.imports.kps_list import KpsListImport
from registry.imports.wksbm_list import WksbmListImport

COLUMNS = ["nama_wksbm", "tanggal_sk", "jumlah_rp", "alamat"]
ROWS = [
    {"nama_wksbm": "WKSBM Ngudi Rahayu", "tanggal_sk": datetime.date(2019, 8, 20), "jumlah_rp": 125_000_000},
    {"nama_wksbm": "WKSBM Guyub Rukun", "tanggal_sk": None, "alamat": "Balai Kalurahan Candirejo, Semanu, Gunungkidul"},
]


def sheet_of(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_column_titles_are_written_as_offices_write_them():
    assert [column_title(name) for name in COLUMNS] == ["Nama WKSBM", "Tanggal SK", "Jumlah Rp", "Alamat"]


@pytest.mark.parametrize("columns", [WKSBM_COLUMNS, KPS_COLUMNS], ids=["wksbm", "kps"])
def test_every_list_column_title_is_read_back_as_its_column(columns):
    importer = WksbmListImport if columns is WKSBM_COLUMNS else KpsListImport

    header = importer.table.map([column_title(name) for name in columns])

    assert header.positions == {name: index for index, name in enumerate(columns)}
    assert all(header_key(column_title(name)) == header_key(name) for name in columns)


def test_the_workbook_has_a_frozen_filtered_title_row_and_sized_columns():
    sheet = sheet_of(xlsx_bytes(COLUMNS, ROWS))

    assert [cell.value for cell in sheet[1]] == ["Nama WKSBM", "Tanggal SK", "Jumlah Rp", "Alamat"]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D3"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths == [len("WKSBM Ngudi Rahayu") + 3, len("Tanggal SK") + 3, len("Jumlah Rp") + 3, 49]


def test_dates_are_date_cells_shown_day_month_year():
    sheet = sheet_of(xlsx_bytes(COLUMNS, ROWS))

    cell = sheet["B2"]
    assert (cell.is_date, cell.value.date(), cell.number_format) == (True, datetime.date(2019, 8, 20), "dd/mm/yyyy")
    assert (sheet["C2"].value, sheet["B3"].value) == (125_000_000, None)


def test_every_sheet_of_a_several_table_workbook_is_ready_to_read():
    tables = [Table("Satu", COLUMNS, ROWS), Table("Dua", ["tahun", "jumlah"], [{"tahun": 2025, "jumlah": 3}])]

    with xlsx_file(tables) as handle:
        book = load_workbook(handle)

    assert [(s.title, s.freeze_panes, s.auto_filter.ref) for s in book] == [
        ("Satu", "A2", "A1:D3"),
        ("Dua", "A2", "A1:B2"),
    ]


def test_an_empty_table_still_has_its_titles_frozen_and_filtered():
    sheet = sheet_of(xlsx_bytes(COLUMNS, []))

    assert (sheet.max_row, sheet.freeze_panes, sheet.auto_filter.ref) == (1, "A2", "A1:D1")


def test_the_csv_writes_titles_and_dates_day_month_year():
    text = "".join(csv_chunks(COLUMNS, ROWS)).lstrip("\ufeff")

    assert text.splitlines() == [
        "Nama WKSBM;Tanggal SK;Jumlah Rp;Alamat",
        "WKSBM Ngudi Rahayu;20/08/2019;125000000;",
        "WKSBM Guyub Rukun;;;Balai Kalurahan Candirejo, Semanu, Gunungkidul",
    ]
