"""`load_wilayah`: the official tree, idempotent, refusing bad sources whole."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from registry.models import Wilayah
from tests.conftest import diy_source_rows


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_wilayah", *args, stdout=out)
    return out.getvalue()


def counts_by_level() -> dict[int, int]:
    return {level: Wilayah.objects.filter(level=level).count() for level in (1, 2, 3, 4)}


def write_csv(path, rows, header=("kode", "nama")):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def diy_rows():
    return list(diy_source_rows().names.items())


@pytest.mark.django_db
def test_diy_loads_as_5_kabupaten_78_kecamatan_438_desa():
    output = load("--provinsi", "34")

    assert counts_by_level() == {1: 1, 2: 5, 3: 78, 4: 438}
    assert "Dibuat 522, berubah 0." in output


@pytest.mark.django_db
def test_a_second_load_changes_nothing():
    load("--provinsi", "34")

    output = load("--provinsi", "34")

    assert "Dibuat 0, berubah 0." in output
    assert counts_by_level() == {1: 1, 2: 5, 3: 78, 4: 438}


@pytest.mark.django_db
def test_the_packaged_list_written_as_csv_loads_as_the_same_tree(diy_csv):
    load("--provinsi", "34")

    output = load("--csv", str(diy_csv), "--provinsi", "34")

    assert "Dibuat 0, berubah 0." in output


@pytest.mark.django_db
def test_csv_load_records_level_kind_and_parent(diy_csv):
    load("--csv", str(diy_csv))

    kota = Wilayah.objects.get(code="34.71")
    kelurahan = Wilayah.objects.get(code="34.71.01.1001")
    assert (kota.level, kota.kind, kota.parent_id) == (2, "kota", "34")
    assert (kelurahan.level, kelurahan.kind, kelurahan.parent_id) == (4, "kelurahan", "34.71.01")
    assert counts_by_level() == {1: 1, 2: 5, 3: 78, 4: 438}


@pytest.mark.django_db
def test_candirejo_is_a_desa_in_both_semanu_and_semin(diy):
    semanu = Wilayah.objects.get(code="34.03.08.2004")
    semin = Wilayah.objects.get(code="34.03.12.2006")

    assert (semanu.name, semanu.parent.name, semanu.kind) == ("Candirejo", "Semanu", "desa")
    assert (semin.name, semin.parent.name, semin.kind) == ("Candirejo", "Semin", "desa")
    assert Wilayah.objects.filter(name="Candirejo", code__startswith="34.03.").count() == 2


@pytest.mark.django_db
def test_a_renamed_region_is_updated_and_a_missing_one_kept(tmp_path):
    load("--provinsi", "34")
    rows = [
        (code, "Candirejo Baru" if code == "34.03.08.2004" else name)
        for code, name in diy_rows()
        if code != "34.03.12.2006"
    ]

    output = load("--csv", str(write_csv(tmp_path / "newer.csv", rows)), "--provinsi", "34")

    assert "Dibuat 0, berubah 1." in output
    assert "1 wilayah tidak ada dalam sumber dan tetap disimpan: 34.03.12.2006." in output
    assert Wilayah.objects.get(code="34.03.08.2004").name == "Candirejo Baru"
    assert Wilayah.objects.filter(code="34.03.12.2006").exists()


@pytest.mark.django_db
def test_subset_of_unknown_provinsi_is_refused():
    with pytest.raises(CommandError, match="Provinsi 99 tidak ada dalam sumber data"):
        load("--provinsi", "99")
    assert Wilayah.objects.count() == 0


@pytest.mark.django_db
def test_children_and_within_use_the_code_prefix(diy):
    assert Wilayah.objects.children_of("34").count() == 5
    assert Wilayah.objects.children_of("34.03.08").filter(name="Candirejo").count() == 1
    assert Wilayah.objects.within(["34.03"]).count() == 1 + 18 + 144
    assert Wilayah.objects.within([]).count() == 0


BAD_SOURCES = {
    "missing column": (
        [("34", "Daerah Istimewa Yogyakarta")],
        ("kode", "name"),
        "Baris 1: kolom nama tidak ada",
    ),
    "malformed code": (
        [("34", "Daerah Istimewa Yogyakarta"), ("34.3", "Gunungkidul")],
        ("kode", "nama"),
        "Baris 3: kode '34.3' tidak sah",
    ),
    "parent absent": (
        [("34", "Daerah Istimewa Yogyakarta"), ("34.03.08", "Semanu")],
        ("kode", "nama"),
        "Baris 3: induk 34.03 dari kode 34.03.08 tidak ada",
    ),
    "duplicated code": (
        [("34", "Daerah Istimewa Yogyakarta"), ("34.03", "Kabupaten Gunungkidul"), ("34.03", "Gunung Kidul")],
        ("kode", "nama"),
        "Baris 4: kode 34.03 ganda (sudah ada di baris 3)",
    ),
    "empty name": (
        [("34", "")],
        ("kode", "nama"),
        "Baris 2: nama untuk kode 34 kosong",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_SOURCES, ids=list(BAD_SOURCES))
def test_a_bad_csv_is_refused_naming_the_line_and_nothing_is_written(tmp_path, case):
    rows, header, message = BAD_SOURCES[case]
    path = write_csv(tmp_path / "bad.csv", rows, header)

    with pytest.raises(CommandError) as refused:
        load("--csv", str(path))

    assert message in str(refused.value)
    assert "tidak ada yang disimpan" in str(refused.value)
    assert Wilayah.objects.count() == 0


@pytest.mark.django_db
def test_every_bad_line_is_reported_at_once(tmp_path):
    rows = [("34", "DIY"), ("34.3", "x"), ("34.03", ""), ("34.03.08", "Semanu")]
    path = write_csv(tmp_path / "bad.csv", rows)

    with pytest.raises(CommandError) as refused:
        load("--csv", str(path))

    message = str(refused.value)
    assert ("Baris 3: kode '34.3'" in message, "Baris 4: nama untuk kode 34.03 kosong" in message) == (
        True,
        True,
    )
    assert Wilayah.objects.count() == 0


@pytest.mark.django_db
def test_tree_errors_are_all_reported_at_once(tmp_path):
    rows = [("34", "DIY"), ("34.03.08", "Semanu"), ("34", "DIY lagi"), ("35.01", "Pacitan")]

    with pytest.raises(CommandError) as refused:
        load("--csv", str(write_csv(tmp_path / "bad.csv", rows)))

    lines = str(refused.value).splitlines()[1:]
    assert lines == [
        "Baris 4: kode 34 ganda (sudah ada di baris 2).",
        "Baris 3: induk 34.03 dari kode 34.03.08 tidak ada.",
        "Baris 5: induk 35 dari kode 35.01 tidak ada.",
    ]
    assert Wilayah.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_is_refused_cleanly(tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibuka"):
        load("--csv", str(tmp_path / "nothing.csv"))


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_text_is_refused_cleanly(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"kode,nama\n34,\xff\xfe\x00\x81\n")

    with pytest.raises(CommandError, match="tidak terbaca sebagai CSV UTF-8"):
        load("--csv", str(path))
    assert Wilayah.objects.count() == 0


def level_lines(output: str) -> list[list[str]]:
    """The per-level table of a load's output: [level, created, changed, unchanged] for each level."""
    lines = output.splitlines()[1:5]
    return [line.rsplit(maxsplit=3) for line in lines]


@pytest.mark.django_db
def test_counts_per_level_are_printed_for_a_first_a_second_and_a_renaming_load(tmp_path):
    first = load("--provinsi", "34")
    second = load("--provinsi", "34")
    rows = [(code, "Candirejo Baru" if code == "34.03.08.2004" else name) for code, name in diy_rows()]
    renaming = load("--csv", str(write_csv(tmp_path / "newer.csv", rows)), "--provinsi", "34")

    assert level_lines(first) == [
        ["Provinsi", "1", "0", "0"],
        ["Kabupaten/Kota", "5", "0", "0"],
        ["Kecamatan", "78", "0", "0"],
        ["Desa/Kelurahan", "438", "0", "0"],
    ]
    assert level_lines(second) == [
        ["Provinsi", "0", "0", "1"],
        ["Kabupaten/Kota", "0", "0", "5"],
        ["Kecamatan", "0", "0", "78"],
        ["Desa/Kelurahan", "0", "0", "438"],
    ]
    assert level_lines(renaming)[3] == ["Desa/Kelurahan", "0", "1", "437"]


@pytest.mark.django_db
def test_an_orphan_in_a_later_load_is_refused_and_nothing_of_that_load_is_written(tmp_path):
    load("--provinsi", "34")
    rows = [(code, "Candirejo Baru" if code == "34.03.08.2004" else name) for code, name in diy_rows()]
    rows += [("34.03.08.2999", "Desa Baru"), ("34.99.01", "Kecamatan Tanpa Induk")]

    with pytest.raises(CommandError) as refused:
        load("--csv", str(write_csv(tmp_path / "newer.csv", rows)), "--provinsi", "34")

    assert str(refused.value).splitlines()[1:] == [f"Baris {len(rows) + 1}: induk 34.99 dari kode 34.99.01 tidak ada."]
    assert Wilayah.objects.get(code="34.03.08.2004").name == "Candirejo"
    assert (Wilayah.objects.count(), Wilayah.objects.filter(code="34.03.08.2999").exists()) == (522, False)


@pytest.mark.django_db
def test_names_with_a_backslash_a_tab_or_a_line_break_are_stored_as_written(tmp_path):
    rows = [("34", "Daerah Istimewa Yogyakarta"), ("34.03", "Gunung\\kidul"), ("34.03.08", "Se\tmanu\nBaru")]

    load("--csv", str(write_csv(tmp_path / "odd.csv", rows)))

    assert dict(Wilayah.objects.values_list("code", "name")) == dict(rows)
