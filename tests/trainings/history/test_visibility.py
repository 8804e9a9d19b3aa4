"""Who sees an event: the users whose area holds its place, and the users whose area holds the WKSBM of one of
its participants, who see their own people by name and the others only as counts. Writing stays with the
event's place, and the rekap counts an event once, where it was held. Events at provinsi level."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Wilayah
from registry.reports.area import rekap_area
from registry.reports.rekap import build_rekap
from tests.factories import KpsFactory
from tests.trainings.factories import NarasumberFactory, PenyuluhanFactory, PesertaFactory
from tests.trainings.history.conftest import SLEMAN_DESA
from trainings import services
from trainings.models import EventKind, Narasumber, Penyuluhan, Peserta

pytestmark = pytest.mark.usefixtures("diy")


@pytest.fixture
def bimtek(board):
    """A provincial bimtek held in Sleman: the Gunungkidul ketua attended, with two people of Sleman."""
    event = PenyuluhanFactory(theme="Bimtek Pengurus WKSBM DIY", wilayah=Wilayah.objects.get(code=SLEMAN_DESA))
    PesertaFactory(event=event, name="Sutrisno", pengurus=board["ketua"], phone="081234567890")
    PesertaFactory(event=event, name="Rahasia Sleman Satu", origin_id=SLEMAN_DESA, phone="081299990001")
    PesertaFactory(event=event, name="Rahasia Sleman Dua", origin_id=SLEMAN_DESA)
    NarasumberFactory(event=event, name="Narasumber Provinsi")
    return event


def test_an_operator_sees_an_event_its_pengurus_attended_but_not_the_others_people(client, operator_gk, bimtek):
    client.force_login(operator_gk)

    listed = client.get(reverse("penyuluhan_list")).context["page"]
    detail = client.get(reverse("penyuluhan_detail", args=[bimtek.pk]))

    assert [e.pk for e in listed] == [bimtek.pk]
    assert detail.status_code == 200
    page = detail.content.decode()
    assert [p.name for p in detail.context["peserta"]] == ["Sutrisno"]
    assert detail.context["others_count"] == 2
    assert "Rahasia Sleman" not in page and "081299990001" not in page
    assert "Peserta (3)" in page  # everyone is counted, only the own people named
    assert list(Peserta.objects.for_user(operator_gk).values_list("name", flat=True)) == ["Sutrisno"]
    assert Narasumber.objects.for_user(operator_gk).count() == 1


def test_a_kps_link_makes_the_event_visible_too(operator_gk, board):
    event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=SLEMAN_DESA))
    PesertaFactory(event=event, kps=KpsFactory(wilayah=board["wksbm"].wilayah))

    assert list(Penyuluhan.objects.for_user(operator_gk)) == [event]


def test_the_users_of_the_place_see_everyone_and_others_see_nothing(
    client, operator_sleman, penyuluh_semanu, provinsi, bimtek
):
    assert Peserta.objects.for_user(operator_sleman).count() == 3
    assert Peserta.objects.for_user(provinsi).count() == 3
    semin = type(provinsi).objects.create_user("penyuluh_semin")
    semin.areas.create(wilayah_id="34.03.12")
    assert not Penyuluhan.objects.for_user(semin).exists()
    # A penyuluh of Semanu: the ketua's WKSBM is in Semanu, so they see the event too.
    assert list(Penyuluhan.objects.for_user(penyuluh_semanu)) == [bimtek]


@pytest.mark.parametrize(
    "name",
    [
        "penyuluhan_peserta_add",
        "penyuluhan_counts",
        "penyuluhan_narasumber_add",
        "penyuluhan_outcome_add",
        "penyuluhan_peserta_match",
        "trainings:attendance_sheet",
    ],
)
def test_only_the_users_of_the_place_write_to_it(client, operator_gk, bimtek, name):
    client.force_login(operator_gk)

    assert client.get(reverse(name, args=[bimtek.pk])).status_code == 404


def test_the_rekap_counts_an_event_once_where_it_was_held(operator_gk, operator_sleman, provinsi, bimtek):
    assert build_rekap(rekap_area(operator_gk)).total.figures["events"] == 0
    assert build_rekap(rekap_area(operator_sleman)).total.figures["events"] == 1
    province = build_rekap(rekap_area(provinsi, "34"))
    assert province.total.figures["events"] == 1
    assert {row.code: row.figures["events"] for row in province.rows}["34.04"] == 1


def test_a_provinsi_event_counts_in_the_provinces_own_line(provinsi, operator_gk):
    services.penyuluhan_create(
        by=provinsi,
        kind=EventKind.objects.first(),
        theme="Bimtek se-DIY",
        starts_on=datetime.date(2025, 3, 1),
        wilayah=Wilayah.objects.get(code="34"),
    )

    province = build_rekap(rekap_area(provinsi, "34"))

    lines = {row.code: row.figures["events"] for row in province.rows}
    assert lines["34"] == 1  # the province's own line, first
    assert province.rows[0].code == "34"
    assert sum(count for code, count in lines.items() if code != "34") == 0
    assert province.total.figures["events"] == 1
    assert not Penyuluhan.objects.for_user(operator_gk).exists()  # held above a kabupaten's area


def test_the_provinsi_level_is_offered_only_to_users_of_the_whole_province(client, provinsi, operator_gk):
    def offered(user) -> set[str]:
        client.force_login(user)
        # Both work in areas large enough to be asked the kecamatan first: Semanu.
        form = client.get(reverse("penyuluhan_create"), {"dalam": "34.03.08"}).context["form"]
        return {str(value) for _group, options in form.fields["wilayah"].widget.choices[1:] for value, _l in options}

    assert "34" in offered(provinsi)
    assert "34.03.08.2004" in offered(operator_gk)
    assert "34" not in offered(operator_gk)


def test_a_provincial_event_is_created_on_the_field_page(client, provinsi):
    client.force_login(provinsi)
    data = {
        "form_token": "7f1c1c1e-8d5f-4a39-9a3e-1f0c8c2c7a11",
        "kind": EventKind.objects.first().pk,
        "theme": "Bimtek pengurus se-DIY",
        "starts_on": "01/03/2025",
        "wilayah": "34",
        "narasumber-TOTAL_FORMS": "3",
        "narasumber-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("penyuluhan_create"), data)

    assert response.status_code == 302
    assert Penyuluhan.objects.get(theme="Bimtek pengurus se-DIY").wilayah_id == "34"
