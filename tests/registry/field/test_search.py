"""The field pages' search (`registry.field_search`): by WKSBM, desa, kecamatan, pengurus, KPS and phone number,
whatever the spacing, with small typos on PostgreSQL, and never beyond the user's area."""

import pytest
from django.db import connection

from registry.enums import Role
from registry.models import Wilayah
from registry.validators import phone_search_digits
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.registry.field.conftest import SEMANU_CANDIREJO, SEMIN_CANDIREJO

pytestmark = pytest.mark.usefixtures("diy")

PACAREJO = "34.03.08.2003"  # a desa of Semanu
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram matching is PostgreSQL's; SQLite ignores only spacing"
)


@pytest.fixture
def forums(db):
    """Two WKSBM of Semanu and one of Semin (outside a Semanu penyuluh's area) sharing every searchable name."""
    sido = WksbmFactory(name="WKSBM Sido Makmur", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO), phone="")
    other = WksbmFactory(name="WKSBM Ngudi Rahayu", wilayah=Wilayah.objects.get(code=PACAREJO), phone="")
    semin = WksbmFactory(name="WKSBM Sido Makmur", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    return sido, other, semin


def found(client, term: str) -> list[str]:
    response = client.get("/", {"q": term})
    assert response.status_code == 200
    return sorted(f"{w.name} ({w.wilayah_id})" for w in response.context["page"])


SIDO = f"WKSBM Sido Makmur ({SEMANU_CANDIREJO})"
NGUDI = f"WKSBM Ngudi Rahayu ({PACAREJO})"


@pytest.mark.parametrize("term", ["Sido Makmur", "sidomakmur", "SIDO-MAKMUR", "sido  makmur", "makmur"])
def test_a_wksbm_is_found_by_its_name_whatever_the_spacing(as_penyuluh, forums, term):
    assert found(as_penyuluh, term) == [SIDO]


@postgresql_only
@pytest.mark.parametrize("term", ["Sido Makmr", "Sidomakmr", "sido makmor"])
def test_a_small_typo_still_finds_the_wksbm_on_postgresql(as_penyuluh, forums, term):
    assert found(as_penyuluh, term) == [SIDO]


def test_a_wksbm_is_found_by_its_desa_or_its_kecamatan(as_penyuluh, forums):
    assert found(as_penyuluh, "Pacarejo") == [NGUDI]
    assert found(as_penyuluh, "Candi rejo") == [SIDO]
    # Semanu is the kecamatan of both: each of its WKSBM is found, and no other (Semin's is outside the area).
    assert found(as_penyuluh, "Semanu") == [NGUDI, SIDO]


def test_a_wksbm_is_found_by_the_name_of_a_pengurus_or_a_member_kps(as_penyuluh, forums):
    sido, other, semin = forums
    PengurusFactory(wksbm=sido, name="Sri Wahyuningsih")
    PengurusFactory(wksbm=semin, name="Sri Wahyuningsih")
    MembershipFactory(wksbm=other, kps=KpsFactory(name="Karang Taruna Tunas Harapan", wilayah=other.wilayah))

    assert found(as_penyuluh, "wahyuningsih") == [SIDO]
    assert found(as_penyuluh, "tunasharapan") == [NGUDI]


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "08123456789", "6281234567890", "3456-7890"])
def test_a_wksbm_is_found_by_a_phone_number_in_any_form(as_penyuluh, forums, typed):
    sido, other, semin = forums
    PengurusFactory(wksbm=sido, phone="+6281234567890")
    PengurusFactory(wksbm=semin, phone="+6281234567890")

    assert found(as_penyuluh, typed) == [SIDO]


def test_the_phones_of_the_wksbm_and_of_its_kps_are_searched_too(as_penyuluh, forums):
    sido, other, _semin = forums
    sido.phone = "+62274391234"
    sido.save()
    MembershipFactory(wksbm=other, kps=KpsFactory(wilayah=other.wilayah, phone="+6285712345678"))

    assert found(as_penyuluh, "(0274) 391234") == [SIDO]
    assert found(as_penyuluh, "0857 1234 5678") == [NGUDI]


def test_nothing_outside_the_area_is_found(client, make_user, forums):
    client.force_login(make_user("penyuluh_semin", Role.PENYULUH, "34.03.12"))

    assert found(client, "sidomakmur") == [f"WKSBM Sido Makmur ({SEMIN_CANDIREJO})"]
    assert found(client, "Ngudi Rahayu") == []
    assert found(client, "Pacarejo") == []


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("0812-3456-7890", "81234567890"),
        ("+62 812-3456-7890", "81234567890"),
        ("6281234567890", "81234567890"),
        ("(0274) 391234", "274391234"),
        ("391234", "391234"),
        ("RW 05", ""),
        ("021", ""),
        ("Sido Makmur", ""),
    ],
)
def test_phone_search_digits_accepts_what_people_type(typed, digits):
    assert phone_search_digits(typed) == digits
