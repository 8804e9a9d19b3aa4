"""A cell that only says "none" (`-`, `--`, `–`, `—`, `.`, `n/a`, `tidak ada`, `belum ada`, in any case and
spacing) is an empty cell, for every column every import reads."""

import datetime

import pytest
from django.contrib.auth.models import User
from hypothesis import given
from hypothesis import strategies as st

from registry.imports.kps_list import KpsListImport
from registry.imports.normalize import clean_text, is_blank
from registry.imports.plan import Action
from registry.imports.wksbm_list import WksbmListImport
from registry.models import Kps, KpsKind, Pengurus, Wilayah, Wksbm
from tests.factories import WksbmFactory
from tests.trainings.conftest import user_in
from tests.trainings.factories import PenyuluhanFactory
from trainings.attendance import AttendanceListImport

PLACEHOLDERS = ["-", "--", "–", "—", ".", "n/a", "tidak ada", "belum ada"]


def spelled(word: str):
    """`word` in any case, with spaces around it, between its letters and in place of its own spaces."""
    spaces = st.text(alphabet=" \t\u00a0", max_size=3)
    letters = st.tuples(*[st.sampled_from([ch.lower(), ch.upper()]) if ch != " " else spaces for ch in word])
    joined = st.tuples(letters, st.lists(spaces, min_size=len(word), max_size=len(word))).map(
        lambda pair: "".join(ch + gap for ch, gap in zip(pair[0], pair[1], strict=True))
    )
    return st.tuples(spaces, joined, spaces).map("".join)


@given(st.sampled_from(PLACEHOLDERS).flatmap(spelled))
def test_every_spelling_of_a_placeholder_is_an_empty_cell(cell):
    assert (is_blank(cell), clean_text(cell)) == (True, "")


@pytest.mark.parametrize("text", ["-5", "Rp -", "N/A Jaya", "Tidak Ada Nama", "..", "Ada", "0", "a-b"])
def test_text_that_says_more_than_none_is_kept(text):
    assert (is_blank(text), clean_text(text)) == (False, text)


def csv_file(*lines: str) -> bytes:
    return "\r\n".join(lines).encode("utf-8")


@pytest.mark.usefixtures("diy")
def test_a_wksbm_list_reads_placeholders_as_empty_everywhere():
    header = "kode_wilayah;nama_wksbm;alamat;tanggal_pembentukan;nomor_sk;tanggal_sk;status;ketua;sekretaris;telepon"
    rows = [
        "34.03.08.2004;WKSBM Satu;-;--;N/A;Tidak Ada;aktif;Sutrisno; belum  ada ;—",
        "34.03.08.2001;WKSBM Dua;.;–;-;-;- ;BELUM ADA;Sri;n / a",
    ]

    plan, batch = WksbmListImport(user=User.objects.create_superuser("dinsos")).run(
        csv_file(header, *rows), "w.csv", dry_run=False
    )

    assert plan.errors == []
    assert (batch.created, [row.values["kepengurusan"] for row in plan.rows]) == (2, ["belum lengkap"] * 2)
    stored = Wksbm.objects.with_summary().order_by("name")
    assert [(w.name, w.address, w.formed_on, w.sk_number, w.sk_date, w.phone, w.board_complete) for w in stored] == [
        ("WKSBM Dua", "", None, "", None, "", False),
        ("WKSBM Satu", "", None, "", None, "", False),
    ]
    assert sorted(Pengurus.objects.values_list("name", "role__slug")) == [
        ("Sri", "sekretaris"),
        ("Sutrisno", "ketua"),
    ]


@pytest.mark.usefixtures("diy")
def test_a_placeholder_leaves_a_stored_value_as_it_is():
    WksbmFactory(
        name="WKSBM Satu", wilayah=Wilayah.objects.get(code="34.03.08.2004"), formed_on=datetime.date(2019, 8, 8)
    )
    header = "kode_wilayah;nama_wksbm;tanggal_pembentukan;telepon"

    plan, _batch = WksbmListImport(user=User.objects.create_superuser("dinsos")).run(
        csv_file(header, "34.03.08.2004;WKSBM Satu;-;n/a"), "w.csv", dry_run=False
    )

    assert [row.action for row in plan.rows] == [Action.UNCHANGED]
    assert Wksbm.objects.get().formed_on == datetime.date(2019, 8, 8)


@pytest.mark.usefixtures("diy")
def test_a_kps_list_reads_placeholders_as_empty_everywhere():
    header = "kode_wilayah;kecamatan;desa;nama_kps;jenis_kps;nama_wksbm;ketua_kps;jumlah_anggota;telepon"
    rows = ["34.03.08.2004;-;n/a;PKK Satu;PKK;-;Tidak ada;--;belum ada"]

    plan, batch = KpsListImport(user=User.objects.create_superuser("dinsos")).run(
        csv_file(header, *rows), "k.csv", dry_run=False
    )

    assert (plan.errors, batch.created) == ([], 1)
    kps = Kps.objects.get()
    assert (kps.kind, kps.leader, kps.member_count, kps.phone, kps.memberships.count()) == (
        KpsKind.objects.get(slug="pkk"),
        "",
        None,
        "",
        0,
    )


@pytest.mark.usefixtures("diy")
def test_an_attendance_list_reads_placeholders_as_empty():
    event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code="34.03.08.2004"))
    rows = ["nama;unsur;kecamatan;asal_desa;telepon", "Sutrisno;Tokoh masyarakat;-;Ngeposari;-"]

    plan, batch = AttendanceListImport(user=user_in("operator-gk", "34.03"), event=event).run(
        csv_file(*rows), "hadir.csv", dry_run=False
    )

    assert (plan.errors, batch.created) == ([], 1)
    assert list(event.peserta.values_list("name", "origin_id", "phone")) == [("Sutrisno", "34.03.08.2001", "")]


@pytest.mark.usefixtures("diy")
@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_a_required_name_given_as_a_placeholder_is_missing(placeholder):
    plan, batch = WksbmListImport(user=User.objects.create_superuser("dinsos")).run(
        csv_file("kode_wilayah;nama_wksbm", f"34.03.08.2004;{placeholder.upper()}"), "w.csv", dry_run=False
    )

    assert (batch, plan.errors) == (None, ["Baris 2, kolom nama_wksbm: wajib diisi."])
