"""Reading uploads: every variation offices send is read the same way; every bad file is refused with a reason."""

import codecs
import datetime

import pytest

from registry.imports.errors import ImportRefused
from registry.imports.reader import Row, Table, read_table
from tests.registry.imports.spreadsheets import with_extra_member, with_member_edited, xlsx_bytes

LIMITS = {"max_rows": 50_000, "max_bytes": 10 * 1024 * 1024}
HEADER = ("nama_wksbm", "status")
TWO_ROWS = (Row(2, ("WKSBM Candirejo", "aktif")), Row(3, ("WKSBM Playen", "vakum")))


def read(data: bytes, filename: str, **limits) -> Table:
    return read_table(data, filename, **{**LIMITS, **limits})


def refusal(data: bytes, filename: str, **limits) -> list[str]:
    with pytest.raises(ImportRefused) as excinfo:
        read(data, filename, **limits)
    return excinfo.value.messages


# --- .xlsx ---------------------------------------------------------------------------------------------------


def test_xlsx_header_on_row_1_gives_data_rows_from_2():
    data = xlsx_bytes([["nama_wksbm", "status"], ["WKSBM Candirejo", "aktif"], ["WKSBM Playen", "vakum"]])

    table = read(data, "wksbm.xlsx")

    assert table == Table(header=HEADER, header_row=1, rows=TWO_ROWS)


def test_xlsx_cells_keep_dates_and_show_numbers_as_text():
    data = xlsx_bytes(
        [
            ["tanggal", "jumlah", "desimal", "telepon", "ya", "waktu", "teks"],
            [datetime.date(2025, 6, 17), 12.0, 12.5, 81234567890, True, datetime.datetime(2025, 6, 17, 9, 30), " a "],
            ["17/06/2025", 40, 0.25, "081234567890", False, datetime.datetime(2025, 6, 17), "b"],
        ]
    )

    table = read(data, "wksbm.xlsx")

    assert table.rows == (
        Row(
            2,
            (
                datetime.date(2025, 6, 17),
                "12",
                "12,5",
                "81234567890",
                "BENAR",
                datetime.datetime(2025, 6, 17, 9, 30),
                "a",
            ),
        ),
        Row(3, ("17/06/2025", "40", "0,25", "081234567890", "SALAH", datetime.date(2025, 6, 17), "b")),
    )


def test_xlsx_title_rows_above_the_header_are_skipped_and_blank_rows_still_count():
    data = xlsx_bytes(
        [
            ["DAFTAR WKSBM KABUPATEN GUNUNGKIDUL"],
            [],
            ["nama_wksbm", "status"],
            ["WKSBM Candirejo", "aktif"],
            [],
            [None, "   "],
            ["WKSBM Playen", "vakum"],
        ]
    )

    table = read(data, "wksbm.xlsx")

    assert table == Table(
        header=HEADER,
        header_row=3,
        rows=(Row(4, ("WKSBM Candirejo", "aktif")), Row(7, ("WKSBM Playen", "vakum"))),
    )


def test_xlsx_trailing_empty_columns_and_rows_are_ignored():
    data = xlsx_bytes(
        [
            ["nama_wksbm", "status", None, "  "],
            ["WKSBM Candirejo", "aktif", None, None],
            ["WKSBM Playen", "vakum", "", None],
            [None, None, None, None],
            [None, None, None, None],
        ]
    )

    assert read(data, "wksbm.xlsx") == Table(header=HEADER, header_row=1, rows=TWO_ROWS)


def test_short_rows_are_padded_to_the_header():
    data = xlsx_bytes([["nama_wksbm", "status", "alamat"], ["WKSBM Candirejo"]])

    assert read(data, "wksbm.xlsx").rows == (Row(2, ("WKSBM Candirejo", "", "")),)


def test_an_empty_title_in_the_middle_is_kept_when_nothing_is_under_it():
    data = xlsx_bytes([["nama_wksbm", None, "status"], ["WKSBM Candirejo", None, "aktif"]])

    assert read(data, "wksbm.xlsx") == Table(
        header=("nama_wksbm", "", "status"), header_row=1, rows=(Row(2, ("WKSBM Candirejo", "", "aktif")),)
    )


def test_a_formula_gives_the_value_excel_last_calculated_or_nothing():
    # openpyxl stores no calculated value, as a file never opened in Excel.
    data = xlsx_bytes([["nama_wksbm", "status"], ["WKSBM Candirejo", '=IF(1,"aktif","")']])

    assert read(data, "wksbm.xlsx").rows == (Row(2, ("WKSBM Candirejo", "")),)


def test_a_wrong_stored_sheet_size_does_not_hide_rows():
    data = xlsx_bytes([["nama_wksbm", "status"], ["WKSBM Candirejo", "aktif"], ["WKSBM Playen", "vakum"]])
    data = with_member_edited(data, "xl/worksheets/sheet1.xml", b'dimension ref="A1:B3"', b'dimension ref="A1"')

    assert read(data, "wksbm.xlsx") == Table(header=HEADER, header_row=1, rows=TWO_ROWS)


def test_the_first_visible_sheet_is_read():
    data = xlsx_bytes(
        [["nama_wksbm", "status"], ["WKSBM Candirejo", "aktif"], ["WKSBM Playen", "vakum"]],
        sheets_before=[[["catatan", "lain"], ["x", "y"]]],
        hidden_before=True,
    )

    assert read(data, "wksbm.xlsx") == Table(header=HEADER, header_row=1, rows=TWO_ROWS)


def test_only_the_first_sheet_is_read_when_all_are_visible():
    data = xlsx_bytes([["lain", "lagi"], ["x", "y"]], sheets_before=[[["nama_wksbm", "status"], ["A", "aktif"]]])

    assert read(data, "wksbm.xlsx").rows == (Row(2, ("A", "aktif")),)


def test_the_file_name_counts_only_for_its_extension():
    data = xlsx_bytes([["nama_wksbm", "status"], ["WKSBM Candirejo", "aktif"], ["WKSBM Playen", "vakum"]])

    assert read(data, "C:\\fakepath\\Daftar WKSBM 2025.XLSX ") == Table(header=HEADER, header_row=1, rows=TWO_ROWS)


def test_a_one_column_list_has_its_first_row_as_header():
    data = xlsx_bytes([["nama"], ["Sri Lestari"], [], ["Budi"]])

    assert read(data, "peserta.xlsx") == Table(
        header=("nama",), header_row=1, rows=(Row(2, ("Sri Lestari",)), Row(4, ("Budi",)))
    )


# --- .csv ----------------------------------------------------------------------------------------------------

CSV_TEXT = "nama_wksbm{sep}status\r\nWKSBM Candirejo{sep}aktif\r\nWKSBM Playen{sep}vakum\r\n"


@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_in_each_encoding_and_separator(encoding, separator):
    data = CSV_TEXT.format(sep=separator).encode(encoding)

    assert read(data, "wksbm.csv") == Table(header=HEADER, header_row=1, rows=TWO_ROWS)


def test_csv_in_windows_1252_keeps_its_letters():
    data = "nama;alamat\nWKSBM Ngéné;Jl. Kaliurang Km 5 – Sleman\n".encode("cp1252")

    assert read(data, "wksbm.csv").rows == (Row(2, ("WKSBM Ngéné", "Jl. Kaliurang Km 5 – Sleman")),)


def test_csv_in_utf8_keeps_its_letters():
    data = codecs.BOM_UTF8 + "nama;alamat\nWKSBM Ngéné;Jl. Kaliurang ’5’\n".encode()

    assert read(data, "wksbm.csv").rows == (Row(2, ("WKSBM Ngéné", "Jl. Kaliurang ’5’")),)


def test_csv_quoted_cells_may_hold_separators_and_line_breaks_and_rows_count_as_excel_shows_them():
    data = (
        b'nama_wksbm;alamat;status\n"WKSBM Candirejo";"Jl. Mawar 3;\nRT 01";aktif\n'
        b'"WKSBM ""Sejahtera""";Jl. Melati, RT 02;vakum\n'
    )

    assert read(data, "wksbm.csv").rows == (
        Row(2, ("WKSBM Candirejo", "Jl. Mawar 3;\nRT 01", "aktif")),
        Row(3, ('WKSBM "Sejahtera"', "Jl. Melati, RT 02", "vakum")),
    )


def test_csv_separator_is_read_from_the_header_not_from_commas_in_the_data():
    data = b"nama_wksbm;alamat\nWKSBM Candirejo;Jl. Mawar, RT 01, RW 02, Semanu\n"

    assert read(data, "wksbm.csv").rows == (Row(2, ("WKSBM Candirejo", "Jl. Mawar, RT 01, RW 02, Semanu")),)


def test_csv_title_rows_padded_by_excel_are_skipped():
    data = b"DAFTAR WKSBM 2025;;\n;;\nnama_wksbm;status;\nWKSBM Candirejo;aktif;\n\n;;\nWKSBM Playen;vakum;\n"

    assert read(data, "wksbm.csv") == Table(
        header=HEADER,
        header_row=3,
        rows=(Row(4, ("WKSBM Candirejo", "aktif")), Row(7, ("WKSBM Playen", "vakum"))),
    )


def test_csv_cells_are_stripped_and_kept_as_text():
    data = b"nama_wksbm,jumlah\n  WKSBM Candirejo ,012\n"

    assert read(data, "wksbm.csv").rows == (Row(2, ("WKSBM Candirejo", "012")),)


# --- refusals ------------------------------------------------------------------------------------------------


def test_an_unknown_extension_is_refused():
    assert refusal(b"%PDF-1.4", "daftar.pdf") == ["Berkas .pdf tidak dapat diimpor; gunakan berkas .xlsx atau .csv."]


def test_a_name_without_extension_is_refused():
    assert refusal(b"nama,status\n", "daftar") == [
        "Nama berkas tidak berakhiran .xlsx atau .csv; hanya kedua jenis berkas itu yang dapat diimpor."
    ]


def test_a_name_whose_last_dot_is_not_an_extension_is_refused():
    assert refusal(b"nama,status\n", "daftar.2025 final revisi") == [
        "Nama berkas tidak berakhiran .xlsx atau .csv; hanya kedua jenis berkas itu yang dapat diimpor."
    ]


OLD_EXCEL = [
    "Berkas Excel format lama (.xls) tidak dapat dibaca. Buka di Excel lalu simpan sebagai Excel Workbook (.xlsx)."
]


def test_an_xls_file_is_refused_with_how_to_convert_it():
    assert refusal(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "daftar.xls") == OLD_EXCEL


def test_an_xls_file_renamed_xlsx_is_refused_as_xls():
    assert refusal(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "daftar.xlsx") == OLD_EXCEL


def test_a_password_protected_xlsx_is_refused():
    # Excel saves an encrypted workbook as a compound file holding an "EncryptedPackage" stream (MS-OFFCRYPTO).
    data = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600) + "EncryptedPackage".encode("utf-16-le") + bytes(100)

    assert refusal(data, "daftar.xlsx") == [
        "Berkas .xlsx dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu unggah lagi."
    ]


BROKEN = ["Berkas .xlsx rusak atau bukan berkas Excel. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi."]


@pytest.mark.parametrize(
    "data",
    [
        b"nama_wksbm,status\nA,aktif\n",  # a CSV renamed .xlsx
        b"PK\x03\x04" + bytes(200),  # a zip header and nothing sane after it
        xlsx_bytes([["nama", "status"], ["a", "b"]])[:-200],  # cut off during upload
    ],
    ids=["csv", "zip-header", "truncated"],
)
def test_a_broken_xlsx_is_refused(data):
    assert refusal(data, "daftar.xlsx") == BROKEN


def test_a_zip_that_is_not_a_workbook_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    assert refusal(buffer.getvalue(), "daftar.xlsx") == BROKEN


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = with_extra_member(
        xlsx_bytes([["nama", "status"], ["a", "b"]]), "xl/media/image1.bin", bytes(2 * 1024 * 1024)
    )

    assert refusal(data, "daftar.xlsx") == [
        "Isi berkas .xlsx terlalu besar setelah dibuka (lebih dari 100 MB atau terkompresi tidak wajar). Periksa "
        "isinya atau pecah menjadi beberapa berkas."
    ]


def test_a_small_highly_compressible_member_is_accepted():
    data = with_extra_member(xlsx_bytes([["nama", "status"], ["a", "b"]]), "xl/media/image1.bin", bytes(500_000))

    assert read(data, "daftar.xlsx").rows == (Row(2, ("a", "b")),)


@pytest.mark.parametrize("filename", ["daftar.csv", "daftar.xlsx", "daftar.xls"])
def test_an_empty_file_is_refused(filename):
    assert refusal(b"", filename) == ["Berkas kosong: tidak ada isinya."]


@pytest.mark.parametrize(
    ("data", "filename"),
    [(b"\r\n;;\r\n  \r\n", "daftar.csv"), (xlsx_bytes([[], [None, " "]]), "daftar.xlsx")],
    ids=["csv", "xlsx"],
)
def test_a_file_with_only_blank_cells_is_refused(data, filename):
    assert refusal(data, filename) == ["Berkas kosong: tidak ada judul kolom maupun data."]


@pytest.mark.parametrize(
    ("data", "filename"),
    [(b"DAFTAR\nnama_wksbm;status\n;\n", "daftar.csv"), (xlsx_bytes([["nama_wksbm", "status"]]), "daftar.xlsx")],
    ids=["csv", "xlsx"],
)
def test_a_file_with_only_a_header_is_refused(data, filename):
    expected_row = 2 if filename.endswith(".csv") else 1

    assert refusal(data, filename) == [f"Berkas tidak berisi data: hanya ada baris judul kolom (baris {expected_row})."]


def test_a_file_over_the_size_limit_is_refused():
    assert refusal(b"nama,status\n" + b"a,b\n" * 1000, "daftar.csv", max_bytes=2 * 1024) == [
        "Berkas terlalu besar (3,9 KB); batasnya 2 KB. Pecah menjadi beberapa berkas."
    ]


def test_a_file_over_the_size_limit_in_megabytes_is_refused():
    data = b"nama,status\n" + b"a,b\n" * (3 * 1024 * 1024 // 4)

    assert refusal(data, "daftar.csv", max_bytes=1536 * 1024) == [
        "Berkas terlalu besar (3 MB); batasnya 1,5 MB. Pecah menjadi beberapa berkas."
    ]


@pytest.mark.parametrize("filename", ["daftar.csv", "daftar.xlsx"])
def test_more_data_rows_than_the_limit_are_refused(filename):
    rows = [["nama", "status"]] + [[f"WKSBM {i}", "aktif"] for i in range(1001)]
    data = xlsx_bytes(rows) if filename.endswith(".xlsx") else "\n".join(map(",".join, rows)).encode()

    assert refusal(data, filename, max_rows=1000) == [
        "Berkas berisi lebih dari 1.000 baris data. Pecah menjadi beberapa berkas."
    ]


def test_exactly_the_row_limit_is_accepted():
    data = b"nama,status\n" + b"a,b\n" * 1000

    assert len(read(data, "daftar.csv", max_rows=1000).rows) == 1000


@pytest.mark.parametrize(
    "data",
    [
        b"nama_wksbm,status\nA,\x00aktif\n",
        bytes.fromhex("89504E470D0A1A0A") + b"\x00\x00\x00\rIHDR",  # a PNG renamed .csv
        b"nama;status\nA;\x01\x02\x03\n",
        "nama;status\n".encode("utf-16-le"),  # UTF-16 without its byte order mark
    ],
    ids=["nul", "png", "controls", "utf16-no-bom"],
)
def test_a_binary_file_renamed_csv_is_refused(data):
    assert refusal(data, "daftar.csv") == [
        "Berkas .csv ini bukan teks (mungkin berkas lain yang diganti namanya). Buka daftar di Excel lalu simpan "
        "sebagai CSV, atau unggah berkas .xlsx-nya."
    ]


def test_bytes_undecodable_in_utf8_and_windows_1252_are_refused():
    assert refusal(b"nama;status\nA;\x81\x8d\x8f\n", "daftar.csv") == [
        "Berkas .csv ini bukan teks (mungkin berkas lain yang diganti namanya). Buka daftar di Excel lalu simpan "
        "sebagai CSV, atau unggah berkas .xlsx-nya."
    ]


def test_an_overlong_csv_cell_is_refused_with_its_row():
    data = b"nama;status\nA;aktif\nB;" + b"x" * 200_000 + b"\n"

    assert refusal(data, "daftar.csv") == [
        "Berkas CSV tidak terbaca di sekitar baris 3 (tanda kutip tidak tertutup atau isian sel terlalu panjang). "
        "Simpan ulang dari Excel sebagai CSV."
    ]


@pytest.mark.parametrize("filename", ["daftar.csv", "daftar.xlsx"])
def test_data_under_a_column_without_a_title_is_refused(filename):
    rows = [["nama", "", "status"], ["A", "", "aktif"], ["B", "catatan", "vakum", "", "lagi"], ["C", "x", "aktif"]]
    data = xlsx_bytes(rows) if filename.endswith(".xlsx") else "\n".join(map(";".join, rows)).encode()

    assert refusal(data, filename) == [
        "Kolom B berisi data (mulai baris 3) tetapi tidak memiliki judul kolom. Beri judul kolom atau hapus isinya.",
        "Kolom E berisi data (mulai baris 3) tetapi tidak memiliki judul kolom. Beri judul kolom atau hapus isinya.",
    ]


def test_more_than_200_columns_are_refused():
    data = (";".join(f"k{i}" for i in range(201)) + "\n" + ";".join("x" * 201) + "\n").encode()

    assert refusal(data, "daftar.csv") == ["Baris 1 berisi data di luar kolom GR; paling banyak 200 kolom."]
