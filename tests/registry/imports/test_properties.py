"""Property tests: whatever is uploaded, the reader answers with a table or ImportRefused, never a traceback;
whatever a cell holds, the normalisers and the resolver answer with a value or CellError."""

import datetime
import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.imports.errors import CellError, ImportRefused
from registry.imports.normalize import clean_text, parse_date, parse_int, parse_phone, parse_rupiah, parse_status
from registry.imports.reader import MAX_COLUMNS, Table, read_table
from registry.imports.wilayah_resolver import WilayahResolver
from registry.services.wilayah_load import read_packaged_source, select_provinces
from tests.registry.imports.spreadsheets import xlsx_bytes

LIMITS = {"max_rows": 200, "max_bytes": 1024 * 1024}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes, filename: str) -> Table | None:
    """The table, or None when refused; any other exception fails the test. Checks the table's promises."""
    try:
        table = read_table(data, filename, **LIMITS)
    except ImportRefused as refused:
        assert refused.messages and all(isinstance(message, str) and message for message in refused.messages)
        return None
    numbers = [row.number for row in table.rows]
    assert numbers == sorted(set(numbers)) and all(number > table.header_row for number in numbers)
    assert 0 < len(table.header) <= MAX_COLUMNS and table.header[-1] != ""
    assert 0 < len(table.rows) <= LIMITS["max_rows"]
    for row in table.rows:
        assert len(row.cells) == len(table.header)
        assert any(cell != "" for cell in row.cells)
        assert all(isinstance(cell, str | datetime.date) for cell in row.cells)
    return table


@SETTINGS
@given(data=st.binary(max_size=4096), extension=st.sampled_from(["csv", "xlsx", "xls", "CSV", "txt"]))
def test_random_bytes_never_raise_anything_but_import_refused(data, extension):
    read_or_refuse(data, f"daftar.{extension}")


VALID_XLSX = xlsx_bytes([["nama_wksbm", "status", "tanggal"], ["WKSBM Candirejo", "aktif", datetime.date(2025, 6, 17)]])


@SETTINGS
@given(
    changes=st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8),
    cut=st.integers(0, len(VALID_XLSX)),
)
def test_damaged_xlsx_files_never_raise_anything_but_import_refused(changes, cut):
    data = bytearray(VALID_XLSX)
    for position, value in changes:
        data[position] = value
    read_or_refuse(bytes(data[: max(cut, 30)]), "daftar.xlsx")


# Text openpyxl can store: no control characters or lone surrogates (Excel cannot hold them either).
CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
CELLS = st.one_of(
    st.none(),
    CELL_TEXT,
    st.sampled_from(["", " ", "No", "=1+1", '=IF(A1="","x","y")', "=NA()", "#DIV/0!", "17/06/2025", "Rp125.000"]),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(datetime.date(1900, 3, 1), datetime.date(2200, 1, 1)),
    st.datetimes(datetime.datetime(1900, 3, 1), datetime.datetime(2200, 1, 1)),
)
SHEETS = st.lists(st.lists(CELLS, max_size=8), max_size=12)


@SETTINGS
@given(rows=SHEETS)
def test_random_spreadsheets_never_raise_anything_but_import_refused(rows):
    read_or_refuse(xlsx_bytes(rows), "daftar.xlsx")


@SETTINGS
@given(
    rows=st.lists(st.lists(CELL_TEXT, max_size=8), max_size=12),
    separator=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    line_end=st.sampled_from(["\n", "\r\n"]),
)
def test_random_csv_files_never_raise_anything_but_import_refused(rows, separator, encoding, line_end):
    text = line_end.join(separator.join(row) for row in rows)
    read_or_refuse(text.encode(encoding, errors="replace"), "daftar.csv")


@SETTINGS
@given(rows=st.lists(st.lists(st.sampled_from(["a", "b", ""]), min_size=1, max_size=4), min_size=2, max_size=12))
def test_xlsx_and_csv_of_the_same_rows_read_the_same(rows):
    from_xlsx = read_or_refuse(xlsx_bytes([[cell or None for cell in row] for row in rows]), "daftar.xlsx")
    from_csv = read_or_refuse("\n".join(";".join(row) for row in rows).encode(), "daftar.csv")

    assert from_xlsx == from_csv


@SETTINGS
@given(value=st.one_of(CELLS, st.text(max_size=40), st.from_regex(r"-?(Rp ?)?[0-9.,]{0,14}( ?(juta|rb|M))?")))
def test_normalisers_raise_only_cell_errors(value):
    for parse in (parse_date, parse_int, parse_rupiah, parse_status, parse_phone, clean_text):
        try:
            parse(value)
        except CellError as error:
            assert error.message


@functools.cache
def diy() -> WilayahResolver:
    return WilayahResolver(select_provinces(read_packaged_source(), ["34"]).names.items())


NAMES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["Kab.", "Kota", "Kec. ", "Ds.", "Gunungkidul", "Semanu", "Candirejo", "Depok", "34.03", "3403"]),
)


@SETTINGS
@given(kode=NAMES, kabupaten=NAMES, kecamatan=NAMES, desa=NAMES)
def test_the_resolver_raises_only_cell_errors(kode, kabupaten, kecamatan, desa):
    try:
        code = diy().resolve(kode=kode, kabupaten=kabupaten, kecamatan=kecamatan, desa=desa)
    except CellError as error:
        assert error.message and error.column in ("kode_wilayah", "kabupaten", "kecamatan", "desa")
    else:
        assert code.startswith("34")
