"""Header mapping: titles as operators type them map to canonical names; anything else is named in an error."""

import pytest

from registry.imports.errors import ImportRefused
from registry.imports.headers import HeaderMap, header_key, map_headers

COLUMNS = {
    "kode_wilayah": set(),
    "kabupaten": {"kabupaten/kota", "kab kota"},
    "nama_wksbm": {"nama"},
    "tanggal_pembentukan": {"tanggal dibentuk"},
    "status": set(),
    "telepon": {"no hp", "nomor telepon", "hp"},
}
REQUIRED = ["nama_wksbm", "status", ("kode_wilayah", "kabupaten")]


def refusal(header) -> list[str]:
    with pytest.raises(ImportRefused) as excinfo:
        map_headers(header, columns=COLUMNS, required=REQUIRED)
    return excinfo.value.messages


@pytest.mark.parametrize(
    "title",
    [
        "nama_wksbm",
        "Nama WKSBM",
        "NAMA_WKSBM",
        "nama wksbm",
        " Nama  WKSBM ",
        "Nama-WKSBM",
        "Nama.Wksbm",
        "Nama\nWKSBM",
    ],
)
def test_case_spacing_dots_dashes_and_underscores_are_ignored(title):
    mapping = map_headers(["kode_wilayah", title, "status"], columns=COLUMNS, required=REQUIRED)

    assert mapping == HeaderMap(positions={"kode_wilayah": 0, "nama_wksbm": 1, "status": 2})


def test_aliases_map_to_their_column():
    mapping = map_headers(["Kabupaten/Kota", "Nama", "Status", "No. HP"], columns=COLUMNS, required=REQUIRED)

    assert mapping.positions == {"kabupaten": 0, "nama_wksbm": 1, "status": 2, "telepon": 3}


@pytest.mark.parametrize("title", ["No", "No.", "NO", "Nomor", "No Urut", "#"])
def test_a_leading_row_number_column_is_ignored(title):
    mapping = map_headers([title, "kode_wilayah", "nama_wksbm", "status"], columns=COLUMNS, required=REQUIRED)

    assert mapping.positions == {"kode_wilayah": 1, "nama_wksbm": 2, "status": 3}


def test_a_row_number_column_elsewhere_is_unknown():
    # Only the first column may be a row number; elsewhere "No" reads most like "No HP".
    assert refusal(["kode_wilayah", "nama_wksbm", "status", "No"]) == [
        'Kolom D "No" tidak dikenal; mungkin maksudnya telepon.'
    ]


def test_empty_titles_are_ignored():
    mapping = map_headers(
        ["kode_wilayah", "", "nama_wksbm", "  ", "status", "", ""], columns=COLUMNS, required=REQUIRED
    )

    assert mapping.positions == {"kode_wilayah": 0, "nama_wksbm": 2, "status": 4}


def test_an_unknown_column_is_named_with_the_closest_known_one():
    assert refusal(["kode_wilayah", "Nama WKSBN", "status"]) == [
        'Kolom B "Nama WKSBN" tidak dikenal; mungkin maksudnya nama_wksbm.',
        "Kolom wajib tidak ada: nama_wksbm.",
    ]


def test_an_unknown_column_far_from_any_is_named_with_the_known_ones():
    assert refusal(["kode_wilayah", "nama_wksbm", "status", "Keterangan"]) == [
        'Kolom D "Keterangan" tidak dikenal. Kolom yang dikenal: kode_wilayah, kabupaten, nama_wksbm, '
        "tanggal_pembentukan, status, telepon."
    ]


def test_a_duplicated_column_is_refused_with_both_places():
    assert refusal(["kode_wilayah", "Nama WKSBM", "status", "NAMA_WKSBM", "nama"]) == [
        'Kolom nama_wksbm muncul lebih dari sekali: kolom B "Nama WKSBM", D "NAMA_WKSBM" dan E "nama".'
    ]


def test_missing_required_columns_are_named():
    assert refusal(["kode_wilayah", "telepon"]) == ["Kolom wajib tidak ada: nama_wksbm, status."]


def test_a_missing_group_of_alternatives_is_named():
    assert refusal(["nama_wksbm", "status"]) == [
        "Kolom wajib tidak ada: isi salah satu dari kode_wilayah atau kabupaten."
    ]


def test_one_of_the_alternatives_is_enough():
    mapping = map_headers(["kabupaten", "nama_wksbm", "status"], columns=COLUMNS, required=REQUIRED)

    assert mapping.positions == {"kabupaten": 0, "nama_wksbm": 1, "status": 2}


def test_every_header_problem_is_reported_at_once():
    assert refusal(["No", "Nama", "Nama WKSBM", "Stattus", "Catatan"]) == [
        'Kolom D "Stattus" tidak dikenal; mungkin maksudnya status.',
        'Kolom E "Catatan" tidak dikenal. Kolom yang dikenal: kode_wilayah, kabupaten, nama_wksbm, '
        "tanggal_pembentukan, status, telepon.",
        'Kolom nama_wksbm muncul lebih dari sekali: kolom B "Nama" dan C "Nama WKSBM".',
        "Kolom wajib tidak ada: status.",
        "Kolom wajib tidak ada: isi salah satu dari kode_wilayah atau kabupaten.",
    ]


def test_values_and_records_are_read_by_canonical_name():
    mapping = map_headers(["No", "Nama WKSBM", "Status"], columns=COLUMNS)
    cells = ("1", "WKSBM Candirejo", "aktif")

    assert (mapping.value(cells, "status"), mapping.value(cells, "telepon"), "telepon" in mapping) == (
        "aktif",
        "",
        False,
    )
    assert mapping.record(cells) == {"nama_wksbm": "WKSBM Candirejo", "status": "aktif"}


def test_header_key_ignores_what_operators_vary():
    assert header_key(" Tanggal_Pembentukan. ") == header_key("tanggal-pembentukan") == "tanggalpembentukan"


def test_an_alias_given_to_two_columns_is_a_programming_error():
    with pytest.raises(ValueError, match="both"):
        map_headers(["nama"], columns={"nama_wksbm": {"nama"}, "nama_kps": {"Nama"}})


def test_a_required_column_not_among_the_columns_is_a_programming_error():
    with pytest.raises(ValueError, match="not among"):
        map_headers(["nama"], columns={"nama_wksbm": {"nama"}}, required=["status"])
