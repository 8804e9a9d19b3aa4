"""The code rules: kind from the code, the regional terms of DI Yogyakarta and Papua."""

import pytest

from registry import wilayah_codes
from registry.models import Wilayah


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("34", "provinsi"),
        ("34.03", "kabupaten"),
        ("34.71", "kota"),
        ("34.03.03", "kecamatan"),
        ("91.03.01", "distrik"),
        ("34.03.03.2007", "desa"),
        ("34.71.01.1001", "kelurahan"),
        ("91.03.01.3001", "desa_adat"),
    ],
)
def test_kind_is_derived_from_the_code(code, kind):
    assert wilayah_codes.kind_for(code) == kind


@pytest.mark.parametrize("code", ["34", "34.03", "34.03.03", "34.03.03.2007"])
def test_well_formed_codes_are_valid(code):
    assert wilayah_codes.is_valid_code(code) is True


@pytest.mark.parametrize("code", ["3", "34.3", "34.03.3", "34.03.03.207", "34-03", "3403", "34.03.03.2007.1", ""])
def test_malformed_codes_are_invalid(code):
    assert wilayah_codes.is_valid_code(code) is False


def test_parent_and_level_follow_the_segments():
    assert [wilayah_codes.parent_of(c) for c in ("34", "34.03", "34.03.08.2004")] == [None, "34", "34.03.08"]
    assert [wilayah_codes.level_of(c) for c in ("34", "34.03", "34.03.08", "34.03.08.2004")] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("code", "kind", "name", "shown"),
    [
        ("34", "provinsi", "Daerah Istimewa Yogyakarta", "Daerah Istimewa Yogyakarta"),
        ("34.03", "kabupaten", "Kabupaten Gunungkidul", "Kabupaten Gunungkidul"),
        ("34.03.03", "kecamatan", "Playen", "Kapanewon Playen"),
        ("34.03.03.2007", "desa", "Playen", "Kalurahan Playen"),
        ("34.71.01", "kecamatan", "Mantrijeron", "Kemantren Mantrijeron"),
        ("34.71.01.1001", "kelurahan", "Gedongkiwo", "Kelurahan Gedongkiwo"),
        ("34.01.01.1001", "kelurahan", "Wates", "Kelurahan Wates"),
        ("33.74.01", "kecamatan", "Semarang Tengah", "Kecamatan Semarang Tengah"),
        ("33.22.01.2001", "desa", "Contoh", "Desa Contoh"),
        ("91.03.01", "distrik", "Sentani", "Distrik Sentani"),
        ("91.03.01.3001", "desa_adat", "Contoh", "Desa Adat Contoh"),
    ],
)
def test_display_name_follows_regional_usage_without_changing_the_name(code, kind, name, shown):
    wilayah = Wilayah(code=code, kind=kind, name=name)
    assert (wilayah.display_name, wilayah.name) == (shown, name)


def test_the_regional_term_is_worked_out_once_per_kabupaten_and_kind():
    wilayah_codes._local_term.cache_clear()
    names = [Wilayah(code=f"34.03.08.{2001 + n}", kind="desa", name=f"Desa {n}").display_name for n in range(50)]

    assert names[0] == "Kalurahan Desa 0"
    assert wilayah_codes._local_term.cache_info().misses == 1


def test_the_loaders_copy_text_holds_every_regions_row_values_and_gathers_every_parent():
    from registry.services.wilayah_load import copy_text, read_packaged_source

    names = read_packaged_source().names
    codes = sorted(names)
    parents = set()

    lines = "".join(copy_text(codes, names, parents)).splitlines()

    written = {tuple(None if value == "\\N" else value for value in line.split("\t")) for line in lines}
    rows = [wilayah_codes.row_values(code, names[code]) for code in codes]
    expected = {(code, name, str(level), kind, parent) for code, name, level, kind, parent in rows}
    assert len(lines) == len(codes) == 91599
    assert written == expected
    assert parents == {wilayah_codes.parent_of(code) for code in codes}
