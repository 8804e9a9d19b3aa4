"""The network on the Profil WKSBM (registry.network.profile): active and past ties seen from either end, a WKSBM
outside the reader's area unnamed, the forums it belongs and belonged to; printed under its letter, escaped, and
at two queries whatever the number of ties."""

import datetime

import pytest
from django.urls import reverse

from registry.models import MitraKind, Wilayah
from registry.network.profile import network_profile
from registry.scoping import OUTSIDE_AREA_LABEL
from tests.factories import WksbmFactory
from tests.registry.network.conftest import SEMANU, SEMANU_CANDIREJO, SEMIN_CANDIREJO
from tests.registry.network.factories import ForumFactory, ForumMemberFactory, JejaringFactory, MitraFactory
from tests.registry.reports.test_queries import query_count

BALECATUR = "34.04.01.2001"
TRICKY_MITRA = 'Yayasan <Peduli> & "Sesama"'


@pytest.fixture
def wksbm(diy):
    """A WKSBM of Candirejo (Semanu) with an active tie to a mitra on an MoU, an ended one, a tie with a WKSBM of
    Semin (stored on the other WKSBM: the lower id) and one with a WKSBM of Sleman; a member of Gunungkidul's
    forum, formerly of Semanu's."""
    semin = WksbmFactory(name="WKSBM Candirejo Semin", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    wksbm = WksbmFactory(name="WKSBM Candirejo Sejahtera", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    sleman = WksbmFactory(name="WKSBM Rahasia Sleman", wilayah=Wilayah.objects.get(code=BALECATUR))
    JejaringFactory(
        wksbm=wksbm,
        mitra=MitraFactory(name=TRICKY_MITRA, kind=MitraKind.objects.get(slug="lks")),
        basis_number="PKS/12/2024",
        basis_date=datetime.date(2024, 1, 10),
    )
    JejaringFactory(
        wksbm=wksbm,
        mitra=MitraFactory(name="Koperasi Lama"),
        started_on=datetime.date(2019, 1, 1),
        ended_on=datetime.date(2022, 1, 1),
    )
    JejaringFactory(wksbm=semin, mitra=None, partner_wksbm=wksbm, started_on=datetime.date(2023, 5, 5))
    JejaringFactory(wksbm=wksbm, mitra=None, partner_wksbm=sleman, started_on=datetime.date(2022, 2, 2))
    ForumMemberFactory(forum=ForumFactory(name="Forum Komunikasi WKSBM Gunungkidul"), wksbm=wksbm)
    semanu = ForumFactory(name="Forum WKSBM Kapanewon Semanu", wilayah=Wilayah.objects.get(code=SEMANU))
    ForumMemberFactory(forum=semanu, wksbm=wksbm, left_on=datetime.date(2023, 1, 1))
    return wksbm


def test_the_ties_are_seen_from_the_wksbm_and_a_wksbm_outside_the_area_is_not_named(wksbm, operator):
    profile = network_profile(wksbm, operator)

    assert [(tie.other, tie.other_kind, tie.basis_number) for tie in profile["active_ties"]] == [
        (TRICKY_MITRA, "LKS", "PKS/12/2024"),
        ("WKSBM Candirejo Semin", "WKSBM", ""),
        (str(OUTSIDE_AREA_LABEL), "WKSBM", ""),
    ]
    assert [(tie.other, tie.ended_on) for tie in profile["past_ties"]] == [("Koperasi Lama", datetime.date(2022, 1, 1))]
    assert [(m.forum.name, m.left_on) for m in profile["forum_memberships"]] == [
        ("Forum Komunikasi WKSBM Gunungkidul", None),
        ("Forum WKSBM Kapanewon Semanu", datetime.date(2023, 1, 1)),
    ]


def test_a_penyuluh_of_semanu_does_not_see_the_name_of_the_wksbm_of_semin(wksbm, penyuluh):
    others = [tie.other for tie in network_profile(wksbm, penyuluh)["active_ties"]]

    assert others == [TRICKY_MITRA, str(OUTSIDE_AREA_LABEL), str(OUTSIDE_AREA_LABEL)]


def test_the_printed_profil_shows_the_network_escaped_under_its_letter(client, wksbm, operator):
    client.force_login(operator)

    html = client.get(reverse("wksbm_profile", args=[wksbm.pk])).content.decode()

    assert "<h3>D. Jejaring</h3>" in html
    assert "Yayasan &lt;Peduli&gt; &amp; &quot;Sesama&quot;" in html and TRICKY_MITRA not in html
    assert "PKS/12/2024, 10/01/2024" in html
    assert "Koperasi Lama" in html and "Rahasia" not in html
    assert "Forum Komunikasi WKSBM Gunungkidul" in html


def test_the_profil_costs_the_same_whatever_the_number_of_ties(client, wksbm, operator):
    client.force_login(operator)
    url = reverse("wksbm_profile", args=[wksbm.pk])
    few = query_count(client, url, {})

    for number in range(10):
        JejaringFactory(wksbm=wksbm, mitra=MitraFactory(name=f"Mitra {number}"))
        ForumMemberFactory(forum=ForumFactory(name=f"Forum {number}"), wksbm=wksbm, left_on=datetime.date(2024, 1, 1))
    many = query_count(client, url, {})

    assert few == many
