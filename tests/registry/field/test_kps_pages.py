"""A WKSBM's member KPS from the field: a new KPS in its area, an existing free one linked, a member leaving."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Kps, KpsKind, KpsMembership, Wilayah
from tests.factories import KpsFactory, MembershipFactory, WksbmFactory
from tests.registry.field.conftest import SEMANU, SEMANU_CANDIREJO, SEMIN_CANDIREJO

pytestmark = pytest.mark.usefixtures("diy")

TOKEN = "5e5e5e5e-0000-4000-8000-000000000002"


def kind(slug="posyandu"):
    return KpsKind.objects.get(slug=slug)


@pytest.fixture
def kecamatan_wksbm():
    """The kecamatan-level WKSBM of Semanu."""
    return WksbmFactory(name="WKSBM Kapanewon Semanu", wilayah=Wilayah.objects.get(code=SEMANU))


# ---- a new KPS


def test_a_new_kps_lies_in_the_wksbms_desa_and_joins_it(as_penyuluh, penyuluh, wksbm):
    data = {"form_token": TOKEN, "name": "Posyandu Melati", "kind": kind().pk, "leader": "Bu Tini"}
    data |= {"member_count": "25", "joined_on": "01/07/2025"}

    response = as_penyuluh.post(reverse("kps_create", args=[wksbm.pk]), data)

    kps = Kps.objects.get(name="Posyandu Melati")
    membership = kps.memberships.get()
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#membership-{membership.pk}"
    assert (kps.wilayah_id, kps.kind.slug, kps.leader, kps.member_count) == (
        SEMANU_CANDIREJO,
        "posyandu",
        "Bu Tini",
        25,
    )
    assert (membership.wksbm, membership.joined_on, membership.left_on) == (wksbm, datetime.date(2025, 7, 1), None)
    assert kps.history.get().history_user == penyuluh


def test_a_desa_wksbm_does_not_ask_where_the_kps_is(as_penyuluh, wksbm):
    response = as_penyuluh.get(reverse("kps_create", args=[wksbm.pk]))

    assert "wilayah" not in response.context["form"].fields


def test_a_kecamatan_wksbm_asks_which_of_its_wilayah(as_penyuluh, kecamatan_wksbm):
    url = reverse("kps_create", args=[kecamatan_wksbm.pk])

    page = as_penyuluh.get(url)
    response = as_penyuluh.post(
        url, {"form_token": TOKEN, "name": "PKK Ngeposari", "kind": kind("pkk").pk, "wilayah": "34.03.08.2002"}
    )

    label, options = page.context["form"].fields["wilayah"].widget.choices[1]
    assert [code for code, _ in options] == [SEMANU] + [f"{SEMANU}.200{n}" for n in range(1, 6)]
    assert response.status_code == 302
    assert Kps.objects.get(name="PKK Ngeposari").wilayah_id == "34.03.08.2002"


@pytest.mark.parametrize("forged", [SEMIN_CANDIREJO, "34.04.01.2001", "34.03"])
def test_a_kps_outside_the_wksbm_area_is_refused(as_penyuluh, kecamatan_wksbm, forged):
    data = {"form_token": TOKEN, "name": "KPS Palsu", "kind": kind().pk, "wilayah": forged}

    response = as_penyuluh.post(reverse("kps_create", args=[kecamatan_wksbm.pk]), data)

    assert response.context["form"].errors["wilayah"] == ["Pilih wilayah di dalam wilayah WKSBM ini."]
    assert not Kps.objects.filter(name="KPS Palsu").exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "Isi nama KPS."),
        ({"name": "karang taruna  TUNAS muda"}, "name", "Sudah ada KPS dengan nama ini di wilayah yang sama."),
        ({"kind": ""}, "kind", "Pilih jenis KPS."),
        ({"kind": "999"}, "kind", "Pilih jenis KPS dari daftar."),
        ({"member_count": "-3"}, "member_count", "Jumlah anggota tidak boleh negatif."),
        ({"member_count": "banyak"}, "member_count", "Tulis angka saja."),
        ({"phone": "999"}, "phone", "Nomor telepon 999 tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234."),
        ({"joined_on": "2025-13-01"}, "joined_on", "Tulis tanggal seperti 17/06/2025."),
    ],
)
def test_each_new_kps_error_is_in_indonesian_next_to_its_field(as_penyuluh, wksbm, change, field, message):
    data = {"form_token": TOKEN, "name": "Posyandu Melati", "kind": kind().pk, **change}
    before = (Kps.objects.count(), KpsMembership.objects.count())

    response = as_penyuluh.post(reverse("kps_create", args=[wksbm.pk]), data)

    assert response.context["form"].errors[field] == [message]
    assert f'<p class="error" id="id_{field}_error">' in response.content.decode()
    assert (Kps.objects.count(), KpsMembership.objects.count()) == before


# ---- linking an existing KPS


def test_only_free_kps_of_the_wksbm_area_are_offered(as_penyuluh, wksbm, leak):
    here = Wilayah.objects.get(code=SEMANU_CANDIREJO)
    free = KpsFactory(name="Posyandu Mawar", wilayah=here, kind=kind())
    MembershipFactory(kps=KpsFactory(name="PKK Sudah Anggota", wilayah=here), wksbm=WksbmFactory(wilayah=here))
    MembershipFactory(
        kps=KpsFactory(name="PKK Pernah Anggota", wilayah=here), wksbm=wksbm, left_on=datetime.date(2024, 1, 1)
    )
    KpsFactory(name="KPS Desa Tetangga", wilayah=Wilayah.objects.get(code="34.03.08.2002"))

    response = as_penyuluh.get(reverse("kps_link", args=[wksbm.pk]))

    assert [kps.name for kps in response.context["form"].shown] == ["PKK Pernah Anggota", "Posyandu Mawar"]
    assert ("Posyandu Mawar — Posyandu (Kalurahan Candirejo)") in response.content.decode()
    assert free.pk in [kps.pk for kps in response.context["form"].shown]


def test_the_list_can_be_searched_by_name(as_penyuluh, wksbm):
    here = Wilayah.objects.get(code=SEMANU_CANDIREJO)
    KpsFactory(name="Posyandu Mawar", wilayah=here)
    KpsFactory(name="Kelompok Lansia Sehat", wilayah=here)

    response = as_penyuluh.get(reverse("kps_link", args=[wksbm.pk]), {"q": "lansia"})

    assert [kps.name for kps in response.context["form"].shown] == ["Kelompok Lansia Sehat"]


def test_a_free_kps_is_linked(as_penyuluh, wksbm):
    free = KpsFactory(name="Posyandu Mawar", wilayah=wksbm.wilayah)

    response = as_penyuluh.post(reverse("kps_link", args=[wksbm.pk]), {"form_token": TOKEN, "kps": free.pk})

    membership = free.memberships.get()
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#membership-{membership.pk}"
    assert membership.wksbm == wksbm


def test_a_kps_of_another_area_or_a_member_elsewhere_is_refused(as_penyuluh, wksbm, leak):
    member_elsewhere = KpsFactory(name="PKK Anggota Lain", wilayah=wksbm.wilayah)
    MembershipFactory(kps=member_elsewhere, wksbm=WksbmFactory(wilayah=wksbm.wilayah))
    semin = Kps.objects.get(name="Posyandu Semin Bebas")
    before = KpsMembership.objects.count()

    for forged in (semin.pk, member_elsewhere.pk, 999999, ""):
        response = as_penyuluh.post(reverse("kps_link", args=[wksbm.pk]), {"form_token": TOKEN, "kps": forged})

        message = (
            "Pilih KPS yang akan ditautkan."
            if forged == ""
            else ("KPS ini tidak dapat ditautkan: berada di luar wilayah WKSBM ini atau masih anggota WKSBM lain.")
        )
        assert response.context["form"].errors["kps"] == [message]
        assert '<p class="error" id="id_kps_error">' in response.content.decode()
    assert KpsMembership.objects.count() == before


# ---- a member leaving


def test_a_member_leaves_on_the_day_given(as_penyuluh, wksbm):
    membership = wksbm.memberships.get()

    response = as_penyuluh.post(reverse("membership_end", args=[wksbm.pk, membership.pk]), {"on": "30/06/2025"})

    membership.refresh_from_db()
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#membership-{membership.pk}"
    assert membership.left_on == datetime.date(2025, 6, 30)
    page = as_penyuluh.get(reverse("wksbm_detail", args=[wksbm.pk]))
    assert page.context["current_members"] == []
    assert "Pernah menjadi anggota (1)" in page.content.decode()


def test_a_member_cannot_leave_before_joining(as_penyuluh, wksbm):
    membership = wksbm.memberships.get()

    response = as_penyuluh.post(reverse("membership_end", args=[wksbm.pk, membership.pk]), {"on": "01/01/2019"})

    membership.refresh_from_db()
    assert response.context["form"].errors["on"] == [
        "Tanggal keluar tidak boleh sebelum tanggal bergabung (01/09/2019)."
    ]
    assert membership.left_on is None
