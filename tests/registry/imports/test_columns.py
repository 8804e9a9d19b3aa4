"""A list's columns, each declared once: every title of a column maps to it however it is typed, the required
columns are named when missing, and what the import derives (order, error routing, profile, checks) follows the
declarations."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.exports.lists import KPS_COLUMNS, WKSBM_COLUMNS
from registry.imports.columns import ImportColumn
from registry.imports.errors import ImportRefused
from registry.imports.kps_list import KpsListImport
from registry.imports.normalize import phone_as_parsed
from registry.imports.wksbm_list import BOARD_COLUMNS, WksbmListImport
from trainings.attendance import AttendanceListImport

LISTS = [WksbmListImport, KpsListImport, AttendanceListImport]


@st.composite
def typed_title(draw, title: str) -> str:
    """`title` as an operator may type it: any case, with spaces, dots, dashes or underscores anywhere."""
    separators = st.text(alphabet=" ._-", max_size=2)
    letters = [draw(st.sampled_from([char.lower(), char.upper()])) + draw(separators) for char in title]
    return draw(separators) + "".join(letters)


@st.composite
def list_column_title(draw):
    """(list, column, one of the column's titles as typed)."""
    kind = draw(st.sampled_from(LISTS))
    column = draw(st.sampled_from(kind.columns))
    title = draw(st.sampled_from(sorted({column.header, *column.aliases})))
    return kind, column, draw(typed_title(title))


@given(list_column_title())
def test_every_title_of_a_column_in_any_case_and_spacing_maps_to_it(case):
    kind, column, typed = case
    # The file's other columns: one of each required column or group the typed one does not stand for.
    others = [name for name in kind.table.required if name != column.header]
    others = [name for name in others if not (isinstance(name, tuple) and column.header in name)]
    header = [typed, *(name if isinstance(name, str) else name[0] for name in others)]

    assert kind.table.map(header).positions[column.header] == 0


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        (
            WksbmListImport,
            [
                "Kolom wajib tidak ada: nama_wksbm.",
                "Kolom wajib tidak ada: isi salah satu dari kode_wilayah atau kabupaten.",
            ],
        ),
        (
            KpsListImport,
            [
                "Kolom wajib tidak ada: nama_kps.",
                "Kolom wajib tidak ada: isi salah satu dari kode_wilayah atau kabupaten.",
            ],
        ),
        (
            AttendanceListImport,
            [
                "Kolom wajib tidak ada: nama, unsur.",
                "Kolom wajib tidak ada: isi salah satu dari asal_desa, kecamatan atau kode_wilayah.",
            ],
        ),
    ],
)
def test_a_lists_required_columns_are_named_when_missing(kind, missing):
    with pytest.raises(ImportRefused) as refused:
        kind.table.map(["telepon"])

    assert refused.value.messages == missing


def test_the_lists_headers_are_their_files_columns_in_order():
    wilayah = ["kode_wilayah", "kabupaten", "kecamatan", "desa"]
    assert WksbmListImport.headers() == [
        *wilayah,
        *("nama_wksbm", "alamat", "tanggal_pembentukan", "nomor_sk", "tanggal_sk", "status"),
        *("ketua", "sekretaris", "bendahara", "telepon"),
    ]
    assert KpsListImport.headers() == [
        *wilayah,
        *("nama_kps", "jenis_kps", "nama_wksbm", "ketua_kps", "jumlah_anggota", "telepon"),
    ]
    # The export writes exactly these columns, so an exported file imports back.
    assert (WksbmListImport.headers(), KpsListImport.headers()) == (WKSBM_COLUMNS, KPS_COLUMNS)
    assert AttendanceListImport.headers() == [
        "nama",
        "unsur",
        "asal_desa",
        "kecamatan",
        "kabupaten",
        "kode_wilayah",
        "telepon",
        "tanda_tangan",
    ]


def test_a_fields_errors_are_routed_to_its_column_by_name_and_by_key():
    routes = KpsListImport.table.by_field

    assert (routes["kind"], routes["kind_id"], routes["wilayah"], routes["name"], routes["phone"]) == (
        "jenis_kps",
        "jenis_kps",
        "kode_wilayah",
        "nama_kps",
        "telepon",
    )
    assert AttendanceListImport.table.by_field["origin"] == "asal_desa"


def test_the_profile_is_the_fields_outside_the_key_and_relations_are_not_checked_on_values():
    wksbm, kps = WksbmListImport.table, KpsListImport.table

    assert [column.header for column in wksbm.profile] == [
        "alamat",
        "tanggal_pembentukan",
        "nomor_sk",
        "tanggal_sk",
        "status",
        "telepon",
    ]
    assert wksbm.checked == ["name", "address", "formed_on", "sk_number", "sk_date", "status", "phone"]
    assert [column.field for column in kps.profile] == ["kind_id", "leader", "member_count", "phone"]
    assert kps.checked == ["name", "leader", "member_count", "phone"]
    assert [column.header for column in WksbmListImport.columns if column.header in BOARD_COLUMNS] == list(
        BOARD_COLUMNS
    )


def test_a_shared_column_extended_keeps_its_titles_and_adds_others():
    phone = ImportColumn("telepon", {"hp"}, field="phone")

    extended = phone.extended("wa", header="kontak_peserta")

    assert (extended.header, extended.aliases, extended.field) == ("kontak_peserta", {"hp", "wa"}, "phone")
    assert phone.aliases == {"hp"}


@pytest.mark.parametrize(
    ("stored", "compared"),
    [("0812-3456-7890", "+6281234567890"), ("+6281234567890", "+6281234567890"), ("12", "12")],
)
def test_a_stored_phone_is_compared_in_the_parsed_form_or_as_stored(stored, compared):
    assert phone_as_parsed(stored) == compared
