"""A WKSBM's ties on the field pages: the Jejaring section, adding a tie (a mitra found by name, another WKSBM, a
new mitra after its close names), correcting and ending it; each within the user's area, once per sending."""

import datetime
import uuid

import pytest
from django.urls import reverse

from registry import dates
from registry.enums import Role
from registry.forms.network import TieEditForm
from registry.models import Jejaring, JejaringKind, Mitra, MitraKind, Wilayah
from registry.network import services
from tests.factories import WksbmFactory
from tests.registry.field.test_scoping import as_posted
from tests.registry.network.conftest import SEMANU_CANDIREJO, SEMIN_CANDIREJO
from tests.registry.network.factories import ForumMemberFactory, JejaringFactory, MitraFactory

pytestmark = pytest.mark.usefixtures("diy")

SLEMAN_DESA = "34.04.01.2001"


def place(code):
    return Wilayah.objects.get(code=code)


def token() -> str:
    return str(uuid.uuid4())


def kind(slug="kemitraan-dana"):
    return JejaringKind.objects.get(slug=slug)


@pytest.fixture
def wksbm():
    return WksbmFactory(name="WKSBM Candirejo Sejahtera", wilayah=place(SEMANU_CANDIREJO))


@pytest.fixture
def as_penyuluh(client, penyuluh):
    client.force_login(penyuluh)
    return client


def tie_data(**extra) -> dict:
    return {"kind": kind().pk, "started_on": "15/01/2024", "basis_number": "", "basis_date": "", **extra}


def new_mitra_data(name="Baznas Gunungkidul", **extra) -> dict:
    return {
        "form_token": extra.pop("form_token", token()),
        "mitra-name": name,
        "mitra-kind": MitraKind.objects.get(slug="baznas-zakat").pk,
        "mitra-level": "kabupaten",
        "mitra-wilayah": SEMANU_CANDIREJO,
        "mitra-address": "Jl. Baron",
        "narahubung-name": "Rahmat",
        "narahubung-position": "Ketua",
        "narahubung-phone": "0812-3456-7890",
        **tie_data(),
        **extra,
    }


# ---- the section on the WKSBM's page


def test_the_section_shows_active_and_past_ties_at_either_end_and_the_forums(as_penyuluh, wksbm):
    baznas = MitraFactory(name="Baznas Gunungkidul")
    JejaringFactory(wksbm=wksbm, mitra=baznas)
    ended = JejaringFactory(
        wksbm=wksbm, mitra=MitraFactory(name="Puskesmas Semanu"), ended_on=datetime.date(2024, 6, 1)
    )
    # The other WKSBM was recorded first: the tie is stored from its end, and shows on this page all the same.
    neighbour = WksbmFactory(name="WKSBM Tetangga", wilayah=place(SEMANU_CANDIREJO))
    JejaringFactory(wksbm=neighbour, mitra=None, partner_wksbm=wksbm, kind=kind("program-bersama"))
    outside = WksbmFactory(name="WKSBM Sleman Rahasia", wilayah=place(SLEMAN_DESA))
    JejaringFactory(wksbm=wksbm, mitra=None, partner_wksbm=outside)
    ForumMemberFactory(wksbm=wksbm, forum__name="Forum WKSBM Gunungkidul")

    response = as_penyuluh.get(reverse("wksbm_detail", args=[wksbm.pk]))

    body = response.content.decode()
    active = {(tie.other_name, tie.other_url) for tie in response.context["active_ties"]}
    assert active == {
        ("Baznas Gunungkidul", reverse("mitra_detail", args=[baznas.pk])),
        ("WKSBM Tetangga", reverse("wksbm_detail", args=[neighbour.pk])),
        ("(di luar wilayah Anda)", ""),
    }
    assert [tie.pk for tie in response.context["past_ties"]] == [ended.pk]
    assert "WKSBM Sleman Rahasia" not in body
    assert "Forum WKSBM Gunungkidul" in body
    assert reverse("tie_add", args=[wksbm.pk]) in body


def test_a_tie_between_two_wksbm_shows_on_the_other_page_too(as_penyuluh, wksbm):
    neighbour = WksbmFactory(name="WKSBM Tetangga", wilayah=place(SEMANU_CANDIREJO))
    JejaringFactory(wksbm=wksbm, mitra=None, partner_wksbm=neighbour)

    response = as_penyuluh.get(reverse("wksbm_detail", args=[neighbour.pk]))

    assert [tie.other_name for tie in response.context["active_ties"]] == ["WKSBM Candirejo Sejahtera"]


def test_a_pimpinan_sees_the_ties_without_the_buttons(client, make_user, wksbm):
    JejaringFactory(wksbm=wksbm)
    client.force_login(make_user("pimpinan", Role.PIMPINAN, "34.03"))

    body = client.get(reverse("wksbm_detail", args=[wksbm.pk])).content.decode()

    assert "Mitra Peduli" in body
    assert reverse("tie_add", args=[wksbm.pk]) not in body
    assert "Akhiri</a>" not in body


# ---- adding a tie


@pytest.mark.parametrize("typed", ["baznas", "BAZNAS gunung kidul", "Baznas-Gunungkidul"])
def test_the_search_lists_visible_mitra_by_name_whatever_the_spacing(as_penyuluh, wksbm, typed):
    MitraFactory(name="Baznas Gunungkidul")
    MitraFactory(name="Baznas Sleman", level="desa", wilayah=place(SLEMAN_DESA))
    MitraFactory(name="Puskesmas Semanu")

    response = as_penyuluh.get(reverse("tie_add", args=[wksbm.pk]), {"q": typed})

    assert [mitra.name for mitra in response.context["form"].shown["mitra"]] == ["Baznas Gunungkidul"]


def test_a_tie_with_a_mitra_is_added_once_whatever_the_sendings(as_penyuluh, penyuluh, wksbm):
    mitra = MitraFactory(name="Baznas Gunungkidul")
    data = {"form_token": token(), "mitra": mitra.pk, **tie_data(basis_number="PKS/7/2024")}

    first = as_penyuluh.post(reverse("tie_add", args=[wksbm.pk]), data)
    second = as_penyuluh.post(reverse("tie_add", args=[wksbm.pk]), data)

    tie = Jejaring.objects.get()
    assert (tie.wksbm, tie.mitra, tie.basis_number) == (wksbm, mitra, "PKS/7/2024")
    assert first["Location"] == second["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + "#jejaring"
    assert tie.history.get().history_user == penyuluh


def test_a_tie_with_another_wksbm_is_added(as_penyuluh, wksbm):
    neighbour = WksbmFactory(wilayah=place(SEMANU_CANDIREJO))

    as_penyuluh.post(
        reverse("tie_add", args=[wksbm.pk]), {"form_token": token(), "partner_wksbm": neighbour.pk, **tie_data()}
    )

    assert list(Jejaring.objects.of_wksbm(neighbour)) == list(Jejaring.objects.of_wksbm(wksbm))
    assert Jejaring.objects.count() == 1


@pytest.mark.parametrize(
    ("ends", "message"),
    [
        ({}, "Pilih satu mitra atau satu WKSBM lain sebagai pihak jejaring."),
        ({"both": True}, "Pilih satu mitra atau satu WKSBM lain sebagai pihak jejaring."),
    ],
)
def test_a_tie_needs_exactly_one_other_end(as_penyuluh, wksbm, ends, message):
    data = {"form_token": token(), **tie_data()}
    if ends:
        data |= {"mitra": MitraFactory().pk, "partner_wksbm": WksbmFactory(wilayah=place(SEMANU_CANDIREJO)).pk}

    response = as_penyuluh.post(reverse("tie_add", args=[wksbm.pk]), data)

    assert message in response.content.decode()
    assert Jejaring.objects.count() == 0


def test_an_overlapping_tie_of_the_same_kind_is_refused_with_its_message(as_penyuluh, wksbm):
    tie = JejaringFactory(wksbm=wksbm)

    response = as_penyuluh.post(
        reverse("tie_add", args=[wksbm.pk]),
        {"form_token": token(), "mitra": tie.mitra_id, **tie_data(started_on="01/03/2024")},
    )

    assert "Sudah ada jejaring Kemitraan dana yang aktif antara keduanya sejak 15/01/2024." in response.content.decode()
    assert Jejaring.objects.count() == 1


def test_a_mitra_the_user_does_not_see_cannot_be_chosen(as_penyuluh, wksbm):
    hidden = MitraFactory(name="Baznas Sleman", wilayah=place(SLEMAN_DESA))

    response = as_penyuluh.post(
        reverse("tie_add", args=[wksbm.pk]), {"form_token": token(), "mitra": hidden.pk, **tie_data()}
    )

    assert response.context["form"].errors["mitra"] == ["Pilih dari daftar."]
    assert Jejaring.objects.count() == 0


# ---- a new mitra, after its close names


def test_a_new_mitra_with_a_close_name_shows_the_candidates_first(as_penyuluh, wksbm):
    existing = MitraFactory(name="Baznas Gunung Kidul", wilayah=place(SEMIN_CANDIREJO))

    response = as_penyuluh.post(reverse("tie_add_new_mitra", args=[wksbm.pk]), new_mitra_data("BAZNAS Gunungkidul"))

    assert response.status_code == 200
    assert response.context["candidates"] == [existing]
    assert "Apakah maksud Anda" in response.content.decode()
    assert (Mitra.objects.count(), Jejaring.objects.count()) == (1, 0)


def test_picking_a_candidate_ties_the_wksbm_to_it(as_penyuluh, wksbm):
    existing = MitraFactory(name="Baznas Gunung Kidul", wilayah=place(SEMIN_CANDIREJO))

    response = as_penyuluh.post(
        reverse("tie_add_new_mitra", args=[wksbm.pk]), new_mitra_data("BAZNAS Gunungkidul", pick=existing.pk)
    )

    assert response.status_code == 302
    assert (Mitra.objects.count(), Jejaring.objects.get().mitra) == (1, existing)


def test_a_pick_that_was_not_offered_is_refused(as_penyuluh, wksbm):
    MitraFactory(name="Baznas Gunung Kidul", wilayah=place(SEMIN_CANDIREJO))
    elsewhere = MitraFactory(name="Universitas Sleman", wilayah=place(SLEMAN_DESA))

    response = as_penyuluh.post(
        reverse("tie_add_new_mitra", args=[wksbm.pk]), new_mitra_data("BAZNAS Gunungkidul", pick=elsewhere.pk)
    )

    assert "Pilih salah satu mitra yang ditawarkan." in response.content.decode()
    assert Jejaring.objects.count() == 0


def test_confirming_creates_the_mitra_its_contact_and_the_tie_once(as_penyuluh, penyuluh, wksbm):
    MitraFactory(name="Baznas Gunung Kidul Peduli", wilayah=place(SEMIN_CANDIREJO))
    data = new_mitra_data("Baznas Gunungkidul", confirm_new="1")

    as_penyuluh.post(reverse("tie_add_new_mitra", args=[wksbm.pk]), data)
    as_penyuluh.post(reverse("tie_add_new_mitra", args=[wksbm.pk]), data)

    mitra = Mitra.objects.get(name="Baznas Gunungkidul")
    assert (mitra.reach, mitra.wilayah_id) == ("34.03", SEMANU_CANDIREJO)
    assert list(mitra.contacts.values_list("name", "phone")) == [("Rahmat", "+6281234567890")]
    assert Jejaring.objects.get().mitra == mitra
    assert mitra.history.get().history_user == penyuluh


def test_a_new_mitra_without_close_names_is_created_at_once_without_a_contact(as_penyuluh, wksbm):
    data = new_mitra_data(
        "Puskesmas Semanu I", **{"narahubung-name": "", "narahubung-phone": "", "mitra-level": "kecamatan"}
    )

    response = as_penyuluh.post(reverse("tie_add_new_mitra", args=[wksbm.pk]), data)

    mitra = Mitra.objects.get()
    assert response.status_code == 302
    assert (mitra.name, mitra.reach, mitra.contacts.count()) == ("Puskesmas Semanu I", "34.03.08", 0)


def test_a_seat_outside_the_offered_ones_is_refused(as_penyuluh, wksbm):
    response = as_penyuluh.post(
        reverse("tie_add_new_mitra", args=[wksbm.pk]),
        new_mitra_data("Baznas Semin", **{"mitra-wilayah": SEMIN_CANDIREJO}),
    )

    assert response.context["mitra_form"].errors["wilayah"] == ["Pilih wilayah kedudukan dari daftar."]
    assert Mitra.objects.count() == 0


def test_the_seats_offered_are_the_wksbm_wilayah_and_above_within_the_area(as_penyuluh, wksbm):
    response = as_penyuluh.get(reverse("tie_add_new_mitra", args=[wksbm.pk]))

    assert [code for code, _label in response.context["mitra_form"].fields["wilayah"].widget.choices] == [
        SEMANU_CANDIREJO,
        "34.03.08",
    ]


# ---- correcting and ending


def test_a_tie_is_corrected_and_a_stale_form_answers_409(as_penyuluh, wksbm):
    tie = JejaringFactory(wksbm=wksbm)
    url = reverse("tie_edit", args=[wksbm.pk, tie.pk])
    opened = as_posted(TieEditForm.initial_for(tie))
    services.tie_update(by=None, tie=tie, basis_number="PKS/OPERATOR")

    stale = as_penyuluh.post(url, opened | {"description": "Dana pendidikan"})
    tie.refresh_from_db()
    fresh = as_penyuluh.post(url, as_posted(TieEditForm.initial_for(tie)) | {"description": "Dana pendidikan"})

    tie.refresh_from_db()
    assert stale.status_code == 409
    assert fresh.status_code == 302
    assert (tie.basis_number, tie.description) == ("PKS/OPERATOR", "Dana pendidikan")


def test_a_tie_is_ended_today_by_default_and_shows_among_the_past(as_penyuluh, wksbm):
    tie = JejaringFactory(wksbm=wksbm)
    url = reverse("tie_end", args=[wksbm.pk, tie.pk])

    opened = as_penyuluh.get(url)
    as_penyuluh.post(url, {"on": opened.context["form"]["on"].value()})
    page = as_penyuluh.get(reverse("wksbm_detail", args=[wksbm.pk]))

    tie.refresh_from_db()
    assert tie.ended_on == dates.today()
    assert [t.pk for t in page.context["past_ties"]] == [tie.pk]


def test_an_end_not_after_the_start_is_refused(as_penyuluh, wksbm):
    tie = JejaringFactory(wksbm=wksbm, started_on=datetime.date(2024, 1, 15))

    response = as_penyuluh.post(reverse("tie_end", args=[wksbm.pk, tie.pk]), {"on": "15/01/2024"})

    assert response.context["form"].errors["on"] == ["Tanggal berakhir harus sesudah tanggal mulai (15/01/2024)."]


@pytest.mark.parametrize("name", ["tie_add", "tie_add_new_mitra", "tie_edit", "tie_end"])
def test_a_tie_page_of_a_wksbm_outside_the_area_answers_404(as_penyuluh, name):
    outside = WksbmFactory(wilayah=place(SEMIN_CANDIREJO))
    tie = JejaringFactory(wksbm=outside)
    args = [outside.pk, tie.pk] if name in ("tie_edit", "tie_end") else [outside.pk]

    assert as_penyuluh.get(reverse(name, args=args)).status_code == 404


def test_a_tie_of_another_wksbm_answers_404_under_this_one(as_penyuluh, wksbm):
    other = JejaringFactory(wksbm=WksbmFactory(wilayah=place(SEMANU_CANDIREJO)))

    assert as_penyuluh.get(reverse("tie_edit", args=[wksbm.pk, other.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_the_tie_pages_cost_the_same_queries_for_few_or_many_mitra(
    as_penyuluh, wksbm, django_assert_num_queries, count
):
    MitraFactory.create_batch(count)
    WksbmFactory.create_batch(count, wilayah=place(SEMANU_CANDIREJO))
    tie = JejaringFactory(wksbm=wksbm)

    # Savepoint and release, session, user, areas, the WKSBM, permissions (user's, groups'); the visible mitra,
    # the other WKSBM and the kinds.
    with django_assert_num_queries(12):
        as_penyuluh.get(reverse("tie_add", args=[wksbm.pk]))
    # The same up to the WKSBM, then the tie with both ends, the permissions, and the kinds; the attachments section
    # two (`{% attachment_section %}`: the tie's attachments, and whether the user may add to them).
    with django_assert_num_queries(11 + 2):
        as_penyuluh.get(reverse("tie_edit", args=[wksbm.pk, tie.pk]))
