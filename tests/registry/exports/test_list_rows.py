"""The rows of the WKSBM and KPS list exports (registry.exports.lists): the import's columns read as plain
values, chunk by chunk, with each WKSBM's current board and each KPS's current WKSBM."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.exports import lists as export
from registry.exports.lists import kps_rows, wksbm_rows
from registry.models import Kps, PengurusRole, Wksbm
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory, desa

pytestmark = pytest.mark.usefixtures("diy")


def role(slug: str) -> PengurusRole:
    return PengurusRole.objects.get(slug=slug)


def test_a_wksbm_row_holds_its_place_profile_and_current_board():
    wksbm = WksbmFactory(
        name="WKSBM Ngudi Rahayu",
        address="Balai Kalurahan",
        sk_number="140/12/2019",
        sk_date=datetime.date(2019, 9, 1),
        phone="+6281234567890",
    )
    PengurusFactory(wksbm=wksbm, role=role("ketua"), name="Bu Sri")
    PengurusFactory(wksbm=wksbm, role=role("ketua"), name="Pak Budi")  # added later: the first one is shown
    PengurusFactory(wksbm=wksbm, role=role("sekretaris"), name="Mas Eko", period_to=datetime.date(2020, 1, 1))
    PengurusFactory(wksbm=wksbm, role=role("bendahara"), name="Mbak Ani")
    PengurusFactory(wksbm=wksbm, role=role("anggota"), name="Pak Joko")

    assert list(wksbm_rows(Wksbm.objects.all())) == [
        {
            "kode_wilayah": "34.03.08.2004",
            "kabupaten": "Kabupaten Gunungkidul",
            "kecamatan": "Semanu",
            "desa": "Candirejo",
            "nama_wksbm": "WKSBM Ngudi Rahayu",
            "alamat": "Balai Kalurahan",
            "tanggal_pembentukan": datetime.date(2019, 8, 8),
            "nomor_sk": "140/12/2019",
            "tanggal_sk": datetime.date(2019, 9, 1),
            "status": "aktif",
            "ketua": "Bu Sri",
            "sekretaris": "",
            "bendahara": "Mbak Ani",
            "telepon": "0812-3456-7890",
        }
    ]


def test_a_kecamatan_level_row_leaves_the_desa_empty():
    WksbmFactory(wilayah=desa("34.03.08"), name="WKSBM Kapanewon Semanu")

    (row,) = wksbm_rows(Wksbm.objects.all())

    assert (row["kode_wilayah"], row["kabupaten"], row["kecamatan"], row["desa"]) == (
        "34.03.08",
        "Kabupaten Gunungkidul",
        "Semanu",
        "",
    )


def test_a_kps_row_names_its_current_wksbm_only():
    forum = WksbmFactory(name="WKSBM Ngudi Rahayu")
    member = KpsFactory(name="Karang Taruna Tunas Muda", leader="Agus", member_count=25)
    MembershipFactory(kps=member, wksbm=forum)
    former = KpsFactory(name="Posyandu Melati")
    MembershipFactory(kps=former, wksbm=forum, left_on=datetime.date(2024, 1, 1))

    rows = list(kps_rows(Kps.objects.order_by("name")))

    assert [(row["nama_kps"], row["jenis_kps"], row["nama_wksbm"]) for row in rows] == [
        ("Karang Taruna Tunas Muda", "Karang Taruna", "WKSBM Ngudi Rahayu"),
        ("Posyandu Melati", "Karang Taruna", ""),
    ]
    assert (rows[0]["ketua_kps"], rows[0]["jumlah_anggota"], rows[0]["desa"]) == ("Agus", 25, "Candirejo")


def test_rows_across_chunks_keep_the_order_and_their_own_board(monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 2)
    for number in range(5):
        PengurusFactory(wksbm=WksbmFactory(name=f"WKSBM {number}"), role=role("ketua"), name=f"Ketua {number}")

    rows = list(wksbm_rows(Wksbm.objects.order_by("-name")))

    expected = [(f"WKSBM {number}", f"Ketua {number}") for number in range(4, -1, -1)]
    assert [(row["nama_wksbm"], row["ketua"]) for row in rows] == expected


@pytest.mark.parametrize(
    ("make_one", "rows", "queryset"),
    [
        (lambda: PengurusFactory(role=role("ketua")), wksbm_rows, Wksbm.objects.all),
        (lambda: MembershipFactory(), kps_rows, Kps.objects.all),
    ],
    ids=["wksbm", "kps"],
)
def test_a_chunk_costs_the_same_queries_for_one_row_and_for_many(make_one, rows, queryset):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(rows(queryset()))
        return len(captured)

    make_one()
    one = queries()
    for _ in range(30):
        make_one()

    assert queries() == one
