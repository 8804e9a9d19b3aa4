"""The trainings admin: filters, print links, program figures and history, each within the user's area."""

import datetime

import pytest
from django.contrib.auth.models import User

from registry.models import Wilayah
from tests.trainings.conftest import user_in
from tests.trainings.factories import OutcomeFactory, PenyuluhanFactory, PesertaCountFactory, ProgramFactory
from trainings.models import EventKind

pytestmark = pytest.mark.usefixtures("diy")

EVENT_LIST = "/admin/trainings/penyuluhan/"
PROGRAM_LIST = "/admin/trainings/program/"


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("super"))
    return client


@pytest.fixture
def events():
    """A 2019 program event in Semanu, a 2018 bimtek in Gunungkidul without program, a 2025 training in Sleman."""
    program = ProgramFactory(name="Gunungkidul 2019")
    return {
        "semanu": PenyuluhanFactory(program=program, theme="Semanu"),
        "bimtek": PenyuluhanFactory(
            kind=EventKind.objects.get(slug="bimbingan-teknis"),
            theme="Bimtek",
            starts_on=datetime.date(2018, 5, 2),
            wilayah=Wilayah.objects.get(code="34.03"),
        ),
        "sleman": PenyuluhanFactory(
            kind=EventKind.objects.get(slug="pelatihan"),
            theme="Depok",
            starts_on=datetime.date(2025, 6, 17),
            wilayah=Wilayah.objects.get(code="34.04.07"),
        ),
    }


def listed(response) -> list[str]:
    return sorted(event.theme for event in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "themes"),
    [
        ({}, ["Bimtek", "Depok", "Semanu"]),
        ({"kabupaten": "34.03"}, ["Bimtek", "Semanu"]),
        ({"kabupaten": "34.04"}, ["Depok"]),
        ({"tahun": "2018"}, ["Bimtek"]),
        ({"program": "tanpa"}, ["Bimtek", "Depok"]),
        ({"q": "Semanu"}, ["Semanu"]),
    ],
)
def test_the_event_list_filters(superuser_client, events, query, themes):
    assert listed(superuser_client.get(EVENT_LIST, query)) == themes


def test_the_event_list_filters_by_kind_and_program(superuser_client, events):
    by_kind = superuser_client.get(EVENT_LIST, {"kind__id__exact": events["bimtek"].kind_id})
    by_program = superuser_client.get(EVENT_LIST, {"program": events["semanu"].program_id})

    assert (listed(by_kind), listed(by_program)) == (["Bimtek"], ["Semanu"])


def test_the_filters_offer_the_years_and_kabupaten_of_the_users_events(client, events):
    client.force_login(user_in("gk", "34.03", staff=True, permissions=("trainings.view_penyuluhan",)))

    response = client.get(EVENT_LIST)

    specs = {spec.title: [choice[0] for choice in spec.lookup_choices] for spec in response.context["cl"].filter_specs}
    assert (specs["kabupaten/kota"], specs["tahun"], specs["program"]) == (
        ["34.03"],
        ["2019", "2018"],
        [str(events["semanu"].program_id), "tanpa"],
    )


def test_the_event_page_links_to_its_printable_pages_and_shows_its_totals(superuser_client, events):
    event = events["semanu"]
    PesertaCountFactory(event=event, count=40)

    response = superuser_client.get(f"{EVENT_LIST}{event.pk}/change/")

    page = response.content.decode()
    assert f"/penyuluhan/kegiatan/{event.pk}/daftar-hadir/" in page
    assert f"/penyuluhan/kegiatan/{event.pk}/laporan/" in page
    assert response.context["original"].participant_total == 40


def test_the_event_history_is_shown_in_the_users_area(client, events):
    client.force_login(
        user_in("gk", "34.03", staff=True, permissions=("trainings.view_penyuluhan", "trainings.change_penyuluhan"))
    )

    response = client.get(f"{EVENT_LIST}{events['semanu'].pk}/history/")

    assert response.status_code == 200


def test_the_program_list_shows_target_against_achievement_in_the_users_area(client, events):
    OutcomeFactory(event=events["semanu"])
    ProgramFactory(name="Sleman 2025", wilayah=Wilayah.objects.get(code="34.04"))
    client.force_login(user_in("gk", "34.03", staff=True, permissions=("trainings.view_program",)))

    response = client.get(PROGRAM_LIST)

    admin = response.context["cl"].model_admin
    assert [(p.name, admin.event_count(p), admin.achievement(p)) for p in response.context["cl"].result_list] == [
        ("Gunungkidul 2019", 1, "1 / 10 (10%)")
    ]


@pytest.mark.parametrize("url", ["/admin/trainings/eventkind/", "/admin/trainings/unsur/", f"{PROGRAM_LIST}add/"])
def test_the_other_admin_pages_open(superuser_client, url):
    assert superuser_client.get(url).status_code == 200
