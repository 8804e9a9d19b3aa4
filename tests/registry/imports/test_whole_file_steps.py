"""The import's whole-file steps: columns parsed once per distinct cell, model rules checked on plain values
with the model's own messages, and wilayah loaded only as far as the file names them — each giving exactly
what the row-by-row way gave."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from registry import dates
from registry.constraints import check_constraint_errors
from registry.imports.command import SystemImporter
from registry.imports.errors import CellError
from registry.imports.headers import HeaderMap
from registry.imports.normalize import parse_date
from registry.imports.plan import RecordRules, RowErrors, RowPlan, parse_column
from registry.imports.wilayah_in_area import area_resolver, resolve_wilayah_column
from registry.imports.wilayah_resolver import _NOT_ALNUM, WilayahResolver, region_name_key
from registry.models import Kps, UserArea, Wilayah, Wksbm
from registry.validators import name_key


def rows_of(column: str, cells: list[str]) -> list[RowErrors]:
    header = HeaderMap(positions={column: 0})
    return [RowErrors(RowPlan(number), header, (cell,)) for number, cell in enumerate(cells, start=2)]


# --- parse_column ----------------------------------------------------------------------------------------------


def test_a_column_is_parsed_once_per_distinct_cell_with_errors_on_every_row_that_has_them():
    seen = []

    def counted(value):
        seen.append(value)
        return parse_date(value)

    rows = rows_of("tanggal", ["17/06/2025", "31/02/2025", "", "17/06/2025", "31/02/2025"])

    values = parse_column(rows, "tanggal", counted, required=True)

    assert values == [datetime.date(2025, 6, 17), None, None, datetime.date(2025, 6, 17), None]
    assert sorted(seen) == ["17/06/2025", "31/02/2025"]
    assert [row.row.errors for row in rows] == [
        [],
        ['Baris 3, kolom tanggal: Tanggal "31/02/2025" tidak ada di kalender.'],
        ["Baris 4, kolom tanggal: wajib diisi."],
        [],
        ['Baris 6, kolom tanggal: Tanggal "31/02/2025" tidak ada di kalender.'],
    ]


def test_a_column_the_file_lacks_gives_the_default_for_every_row():
    rows = rows_of("nama", ["A", "B"])

    assert parse_column(rows, "telepon", str, default="") == ["", ""]
    assert [row.row.errors for row in rows] == [[], []]


# --- RecordRules -------------------------------------------------------------------------------------------------


def model_messages(model, values: dict, fields: list[str]) -> list[str]:
    """What building the instance and validating it (fields, clean(), check constraints) says, in order."""
    instance = model(**values)
    messages = []
    try:
        instance.clean_fields(exclude=[f.name for f in model._meta.fields if f.name not in fields])
    except ValidationError as error:
        messages += error.messages
    try:
        instance.clean()
    except ValidationError as error:
        messages += error.messages
    return messages + [message for _name, message in check_constraint_errors(instance)]


WKSBM_FIELDS = ["name", "address", "formed_on", "sk_number", "sk_date", "status", "phone", "status_changed_on"]
TOMORROW = dates.today() + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "values",
    [
        {"name": "WKSBM Ngudi Rahayu", "formed_on": datetime.date(2019, 8, 8), "phone": "+6281234567890"},
        {"name": "W" * 201},
        {"name": "WKSBM X", "address": "Jl. " * 90, "sk_number": "1" * 101},
        {"name": "WKSBM X", "formed_on": TOMORROW},
        {"name": "WKSBM X", "formed_on": datetime.date(2020, 1, 1), "sk_date": datetime.date(2019, 1, 1)},
        {"name": "WKSBM X", "formed_on": datetime.date(2020, 1, 1), "status_changed_on": datetime.date(2019, 1, 1)},
        {"name": "WKSBM X", "status": "hilang", "phone": "12"},
    ],
    ids=["valid", "long name", "long address and sk", "future", "sk before formation", "status change", "bad words"],
)
def test_wksbm_rules_on_plain_values_say_what_the_model_says(values):
    rules = RecordRules(Wksbm, WKSBM_FIELDS)

    found = [message for _field, message in rules.errors(dict(values))]

    assert found == model_messages(Wksbm, values, WKSBM_FIELDS)


def test_kps_rules_refuse_a_member_count_the_database_cannot_hold():
    # PostgreSQL's integer column ends at 2,147,483,647; SQLite's integers are wider, yet a file is judged alike
    # on both, so the range of the narrowest column holds everywhere.
    values = {"name": "Karang Taruna", "member_count": 10**12}
    rules = RecordRules(Kps, ["name", "leader", "member_count", "phone"])

    found = rules.errors(dict(values))

    assert found == [("member_count", "Pastikan nilai ini lebih kecil dari atau sama dengan 2147483647.")]
    if connection.vendor == "postgresql":
        assert found == [("member_count", message) for message in model_messages(Kps, values, ["member_count"])]


def test_the_rules_tidy_a_name_as_the_model_clean_does():
    values = {"name": "  WKSBM   Ngudi\tRahayu "}

    RecordRules(Wksbm, ["name"]).errors(values)

    assert values == {"name": "WKSBM Ngudi Rahayu"}


def test_a_check_constraint_is_judged_again_for_each_combination_of_its_fields():
    rules = RecordRules(Wksbm, WKSBM_FIELDS)
    late = {"name": "A", "formed_on": datetime.date(2020, 1, 1), "sk_date": datetime.date(2019, 1, 1)}
    fine = {"name": "B", "formed_on": datetime.date(2020, 1, 1), "sk_date": datetime.date(2021, 1, 1)}

    outcomes = [len(rules.errors(dict(values))) for values in (late, fine, late, fine)]

    assert outcomes == [1, 0, 1, 0]


# --- wilayah loaded as far as the file names it ----------------------------------------------------------------

PLACES = [
    ("34.03.08.2004", "", "", ""),
    ("3403082004", "Gunungkidul", "Semanu", "Candirejo"),
    ("34.03.08.2004", "Sleman", "", ""),
    ("34.03.99.9999", "", "", ""),
    ("", "Gunung Kidul", "Kec. Semanu", "Candirejo"),
    ("", "Gunungkidul", "", "Candirejo"),
    ("", "Gunungkidul", "Semanu", "Candirejoo"),
    ("", "Gunungkidul", "Semanu", "Ds. Candi-Rejo"),
    ("", "Gunungkidul", "Semanu", "Desa Kepek"),
    ("", "Gunungkidul", "Semanuu", "Candirejo"),
    ("", "Kab. Sleman", "Depok", "Condongcatur"),
    ("", "Kota Yogyakarta", "Kemantren Jetis", ""),
    ("", "", "", "Condongcatur"),
    ("", "Slemann", "", ""),
    ("11.01.01.2001", "", "", ""),
    ("", "", "", ""),
]


def outcome(resolver: WilayahResolver, place: tuple[str, str, str, str]):
    kode, kabupaten, kecamatan, desa = place
    try:
        return resolver.resolve(kode=kode, kabupaten=kabupaten, kecamatan=kecamatan, desa=desa)
    except CellError as error:
        return error.column, error.message


@pytest.mark.usefixtures("diy")
def test_a_resolver_loaded_for_the_files_places_answers_as_one_over_every_region(django_assert_max_num_queries):
    everything = WilayahResolver(Wilayah.objects.values_list("code", "name"))

    with django_assert_max_num_queries(4):
        loaded = area_resolver(SystemImporter(), PLACES)

    assert [outcome(loaded, place) for place in PLACES] == [outcome(everything, place) for place in PLACES]


@pytest.mark.usefixtures("diy")
def test_a_file_of_codes_loads_no_other_region(django_assert_num_queries):
    with django_assert_num_queries(1):
        resolver = area_resolver(SystemImporter(), [("34.03.08.2004", "", "", "")])

    assert outcome(resolver, ("34.03.08.2004", "", "", "")) == "34.03.08.2004"
    assert outcome(resolver, ("", "Sleman", "", "")) == ("kabupaten", 'Kabupaten/kota "Sleman" tidak ditemukan.')


@pytest.mark.usefixtures("diy")
def test_a_row_outside_the_users_area_is_named_as_such(django_user_model):
    user = django_user_model.objects.create_user("op-sleman", is_staff=True)
    UserArea.objects.create(user=user, wilayah_id="34.04")
    header = HeaderMap(positions={"kabupaten": 0, "kecamatan": 1, "desa": 2})
    rows = [
        RowErrors(RowPlan(2), header, ("Gunungkidul", "Semanu", "Candirejo")),
        RowErrors(RowPlan(3), header, ("Sleman", "Depok", "Condongcatur")),
    ]

    codes = resolve_wilayah_column(rows, user, levels=(3, 4))

    assert codes == [None, "34.04.07.2003"]
    assert rows[0].row.errors == ["Baris 2: wilayah 34.03.08.2004 di luar wilayah kerja Anda."]


@pytest.mark.parametrize("text", ["Gunung Kidul", "Kep. Seribu", "Toli_Toli (Baru)", "Ngémplak", "KAB. 50 KOTA"])
def test_the_quick_region_name_key_is_the_patterns(text):
    folded = text.casefold().replace("kep.", "kepulauan")

    assert region_name_key(text) == _NOT_ALNUM.sub("", folded)


def test_record_and_region_keys_agree_on_plain_names():
    assert region_name_key("Karang Taruna") == name_key("Karang Taruna")
