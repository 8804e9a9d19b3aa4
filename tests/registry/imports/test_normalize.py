"""Cell normalisation: the forms offices write are read; anything else is a CellError quoting the cell."""

import datetime

import pytest

from registry.imports.errors import CellError
from registry.imports.normalize import (
    clean_text,
    is_blank,
    match_reference,
    parse_date,
    parse_int,
    parse_phone,
    parse_rupiah,
    parse_status,
)
from registry.validators import name_key

JUNE_17 = datetime.date(2025, 6, 17)


def error_of(parse, *args, **kwargs) -> str:
    with pytest.raises(CellError) as excinfo:
        parse(*args, **kwargs)
    return excinfo.value.message


# --- dates ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "17/06/2025",
        "17-06-2025",
        "17.06.2025",
        "2025-06-17",
        "2025/06/17",
        " 17/6/2025 ",
        "17/06/2025 0:00",
        "2025-06-17 00:00:00",
        "2025-06-17T10:30:00",
        "17 Juni 2025",
        "17 juni 2025",
        "17 JUNI 2025",
        "17 Jun 2025",
        "17 Jun. 2025",
        "17-Jun-2025",
        "17 June 2025",
        "Selasa, 17 Juni 2025",
        "45825",
        JUNE_17,
        datetime.datetime(2025, 6, 17, 9, 30),
        45825,
        45825.5,
    ],
)
def test_dates_in_the_forms_offices_use(value):
    assert parse_date(value) == JUNE_17


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1 Januari 2025", datetime.date(2025, 1, 1)),
        ("2 Feb 2025", datetime.date(2025, 2, 2)),
        ("3 Pebruari 2025", datetime.date(2025, 2, 3)),
        ("4 Maret 2025", datetime.date(2025, 3, 4)),
        ("5 Apr 2025", datetime.date(2025, 4, 5)),
        ("6 Mei 2025", datetime.date(2025, 5, 6)),
        ("7 Juli 2025", datetime.date(2025, 7, 7)),
        ("8 Agustus 2019", datetime.date(2019, 8, 8)),
        ("9 Agu 2019", datetime.date(2019, 8, 9)),
        ("10 Ags 2019", datetime.date(2019, 8, 10)),
        ("11 Agt 2019", datetime.date(2019, 8, 11)),
        ("12 Sep 2019", datetime.date(2019, 9, 12)),
        ("13 Okt 2019", datetime.date(2019, 10, 13)),
        ("14 Nopember 2019", datetime.date(2019, 11, 14)),
        ("15 Nov 2019", datetime.date(2019, 11, 15)),
        ("16 Des 2019", datetime.date(2019, 12, 16)),
        ("31 Desember 2014", datetime.date(2014, 12, 31)),
        ("29/02/2024", datetime.date(2024, 2, 29)),
    ],
)
def test_every_indonesian_month_name_and_abbreviation(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2025", 'Tanggal "31/02/2025" tidak ada di kalender.'),
        ("29/02/2025", 'Tanggal "29/02/2025" tidak ada di kalender.'),
        ("06/17/2025", 'Tanggal "06/17/2025" tidak ada di kalender.'),
        ("31 Juni 2025", 'Tanggal "31 Juni 2025" tidak ada di kalender.'),
        ("2025-13-01", 'Tanggal "2025-13-01" tidak ada di kalender.'),
        ("17/06/25", 'Tahun pada tanggal "17/06/25" harus ditulis empat angka, misalnya 17/06/2025.'),
        ("17 Juno 2025", 'Nama bulan "juno" pada tanggal "17 Juno 2025" tidak dikenal; tulis seperti 17 Juni 2025.'),
        (
            "17/06-2025",
            '"17/06-2025" bukan tanggal yang dikenali; tulis seperti 17/06/2025, 2025-06-17 atau 17 Juni 2025.',
        ),
        ("kemarin", '"kemarin" bukan tanggal yang dikenali; tulis seperti 17/06/2025, 2025-06-17 atau 17 Juni 2025.'),
        ("2025", '"2025" bukan tanggal yang dikenali; tulis seperti 17/06/2025, 2025-06-17 atau 17 Juni 2025.'),
        ("17/06/1025", 'Tanggal "17/06/1025" di luar rentang tahun 1900–2100.'),
        (datetime.date(1850, 1, 1), 'Tanggal "01/01/1850" di luar rentang tahun 1900–2100.'),
        ("", "Tanggal kosong."),
        ("  ", "Tanggal kosong."),
        (None, "Tanggal kosong."),
    ],
)
def test_impossible_and_unreadable_dates_are_refused(value, message):
    assert error_of(parse_date, value) == message


def test_an_absurd_serial_number_is_refused():
    assert error_of(parse_date, 10**12) == '"1000000000000" bukan tanggal yang dikenali.'


# --- status --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("aktif", "aktif"),
        (" AKTIF ", "aktif"),
        ("Aktif", "aktif"),
        ("vakum", "vakum"),
        ("Vakum", "vakum"),
        ("mati suri", "vakum"),
        ("Mati Suri", "vakum"),
        ("matisuri", "vakum"),
        ("mati-suri", "vakum"),
        ("tidak aktif", "vakum"),
        ("Tidak  Aktif", "vakum"),
        ("non aktif", "vakum"),
        ("non-aktif", "vakum"),
        ("Nonaktif", "vakum"),
        ("pasif", "vakum"),
        ("bubar", "bubar"),
        ("BUBAR", "bubar"),
        ("dibubarkan", "bubar"),
    ],
)
def test_status_words(value, status):
    assert parse_status(value) == status


def test_an_unknown_status_lists_the_accepted_words():
    assert error_of(parse_status, "jalan") == (
        'Status "jalan" tidak dikenal; gunakan aktif, vakum (juga: mati suri, tidak aktif, non aktif, pasif) atau '
        "bubar (juga: dibubarkan)."
    )


def test_an_empty_status_is_refused():
    assert error_of(parse_status, " ") == "Status kosong; isi aktif, vakum atau bubar."


# --- counts --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number"),
    [("0", 0), ("40", 40), (" 40 ", 40), ("1250", 1250), ("1.250", 1250), ("1.250.000", 1250000), ("007", 7)],
)
def test_counts_in_plain_digits_or_dotted_thousands(value, number):
    assert parse_int(value) == number


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", '"-5" tidak boleh negatif.'),
        ("-1.250", '"-1.250" tidak boleh negatif.'),
        ("12,5", '"12,5" bukan bilangan bulat; tulis tanpa koma, dengan titik sebagai pemisah ribuan (1.250).'),
        ("1,250", '"1,250" bukan bilangan bulat; tulis tanpa koma, dengan titik sebagai pemisah ribuan (1.250).'),
        ("12.5", '"12.5" bukan bilangan bulat; tulis tanpa koma, dengan titik sebagai pemisah ribuan (1.250).'),
        ("1.25.0", '"1.25.0" bukan bilangan bulat; tulis tanpa koma, dengan titik sebagai pemisah ribuan (1.250).'),
        ("empat puluh", '"empat puluh" bukan angka.'),
        ("40 orang", '"40 orang" bukan angka.'),
        ("9" * 16, f'Angka "{"9" * 16}" terlalu besar.'),
        ("", "Angka kosong."),
    ],
)
def test_negative_decimal_and_other_counts_are_refused(value, message):
    assert error_of(parse_int, value) == message


def test_a_count_of_thousands_of_digits_is_refused_not_crashed():
    assert error_of(parse_int, "0" * 5000 + "1" * 20) == f'Angka "{"0" * 5000 + "1" * 20}" terlalu besar.'


# --- Rupiah --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Rp125.000.000",
        "Rp 125.000.000",
        "rp125.000.000",
        "Rp. 125.000.000",
        "IDR 125.000.000",
        "125.000.000",
        "125000000",
        "Rp 125.000.000,00",
        "Rp125.000.000,0",
        "Rp125.000.000,-",
        "Rp 125.000.000.-",
        "125,000,000",
        "125 juta",
        "Rp125 jt",
        "Rp 125juta",
        "0,125 M",
        "125000 rb",
    ],
)
def test_rupiah_in_the_forms_offices_write(value):
    assert parse_rupiah(value) == 125_000_000


@pytest.mark.parametrize(
    ("value", "amount"), [("1,5 juta", 1_500_000), ("2 miliar", 2_000_000_000), ("0", 0), ("Rp500", 500)]
)
def test_rupiah_with_scale_words(value, amount):
    assert parse_rupiah(value) == amount


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-Rp5.000", 'Jumlah "-Rp5.000" tidak boleh negatif.'),
        ("Rp -5.000", 'Jumlah "Rp -5.000" tidak boleh negatif.'),
        ("-5000", 'Jumlah "-5000" tidak boleh negatif.'),
        ("Rp125.000,50", '"Rp125.000,50" memuat sen; tulis jumlah Rupiah tanpa sen.'),
        ("1,2345 rb", '"1,2345 rb" memuat sen; tulis jumlah Rupiah tanpa sen.'),
        ("sekitar 1 juta", '"sekitar 1 juta" bukan jumlah Rupiah; tulis seperti Rp125.000.000 atau 125000000.'),
        ("goceng", '"goceng" bukan jumlah Rupiah; tulis seperti Rp125.000.000 atau 125000000.'),
        ("1.2345", '"1.2345" bukan jumlah Rupiah; tulis seperti Rp125.000.000 atau 125000000.'),
        ("Rp", '"Rp" bukan jumlah Rupiah; tulis seperti Rp125.000.000 atau 125000000.'),
        ("9" * 16, f'Angka "{"9" * 16}" terlalu besar.'),
        ("", "Jumlah Rupiah kosong."),
    ],
)
def test_negative_fractional_and_vague_rupiah_are_refused(value, message):
    assert error_of(parse_rupiah, value) == message


# --- text, phone, references ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("  WKSBM   Sejahtera  ", "WKSBM Sejahtera"),
        ("WKSBM\nSejahtera", "WKSBM Sejahtera"),
        ("WKSBM\u00a0Sejahtera\u200b", "WKSBM Sejahtera"),
        ("\ufeffSejahtera", "Sejahtera"),
        (JUNE_17, "17/06/2025"),
        (datetime.datetime(2025, 6, 17, 9, 30), "17/06/2025 09:30"),
        (None, ""),
        (12, "12"),
    ],
)
def test_clean_text(value, text):
    assert clean_text(value) == text


def test_is_blank():
    assert [is_blank(value) for value in (None, "", "  ", "a", JUNE_17)] == [True, True, True, False, False]


@pytest.mark.parametrize(
    "value", ["0812-3456-7890", "081234567890", "+62 812 3456 7890", "6281234567890", "81234567890"]
)
def test_phone_numbers_become_e164(value):
    assert parse_phone(value) == "+6281234567890"


def test_a_landline_number_becomes_e164():
    assert parse_phone("(0274) 391234") == "+62274391234"


def test_an_invalid_phone_number_is_refused():
    assert error_of(parse_phone, "12345") == (
        "Nomor telepon 12345 tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234."
    )


def test_an_empty_phone_number_is_refused():
    assert error_of(parse_phone, "") == "Nomor telepon kosong."


KINDS = {name_key(name): name for name in ("Karang Taruna", "PKK", "Posyandu", "LKS")}


@pytest.mark.parametrize("value", ["Karang Taruna", "karang taruna", "KarangTaruna", " KARANG  TARUNA "])
def test_reference_names_ignore_case_and_spacing(value):
    assert match_reference(value, KINDS, what="Jenis KPS") == "Karang Taruna"


def test_an_unknown_reference_lists_the_known_names():
    assert error_of(match_reference, "Karang Werdha", KINDS, what="Jenis KPS") == (
        'Jenis KPS "Karang Werdha" tidak dikenal; yang dikenal: Karang Taruna, LKS, PKK, Posyandu.'
    )


def test_an_empty_reference_lists_the_known_names():
    assert error_of(match_reference, "", KINDS, what="Jenis KPS") == (
        "Jenis KPS kosong; isi salah satu: Karang Taruna, LKS, PKK, Posyandu."
    )


def test_a_cell_error_names_its_row_and_column():
    error = CellError('Status "jalan" tidak dikenal.', column="status")

    assert (error.at_row(12), CellError("Wilayah kosong.").at_row(3)) == (
        'Baris 12, kolom status: Status "jalan" tidak dikenal.',
        "Baris 3: Wilayah kosong.",
    )
