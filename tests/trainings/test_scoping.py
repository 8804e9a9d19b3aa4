"""Area scoping of events and everything hanging off them: querysets, pages and admin, failing closed."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse

from registry.models import Wilayah
from tests.factories import WksbmFactory
from tests.trainings.conftest import user_in
from tests.trainings.factories import (
    NarasumberFactory,
    OutcomeFactory,
    PenyuluhanFactory,
    PesertaCountFactory,
    PesertaFactory,
    ProgramFactory,
)
from trainings.models import Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Program

pytestmark = pytest.mark.usefixtures("diy")

SEMANU_CANDIREJO = "34.03.08.2004"
SEMIN_CANDIREJO = "34.03.12.2006"
GUNUNGKIDUL = "34.03"
SLEMAN_DESA = "34.04.01.2001"
WARENG = "34.03.01.2010"

EVENT_LIST = "/admin/trainings/penyuluhan/"


@pytest.fixture
def events() -> dict[str, Penyuluhan]:
    """One event, with a participant, a headcount, a narasumber and an outcome, in each of: Semanu's Candirejo (in
    the Gunungkidul program), Gunungkidul at kabupaten level, Semin's Candirejo, and Sleman (in a Sleman program)."""
    gunungkidul = ProgramFactory(name="Gunungkidul 2019", wilayah=Wilayah.objects.get(code=GUNUNGKIDUL))
    sleman = ProgramFactory(name="Sleman 2025", wilayah=Wilayah.objects.get(code="34.04"))
    programs = {SEMANU_CANDIREJO: gunungkidul, SLEMAN_DESA: sleman}
    made = {}
    for code in (SEMANU_CANDIREJO, GUNUNGKIDUL, SEMIN_CANDIREJO, SLEMAN_DESA):
        event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=code), program=programs.get(code))
        PesertaFactory(event=event)
        PesertaCountFactory(event=event)
        NarasumberFactory(event=event)
        # A WKSBM cannot sit at kabupaten level: the kabupaten-wide event formed one in Wareng.
        wksbm_area = WARENG if code == GUNUNGKIDUL else code
        OutcomeFactory(event=event, wksbm=WksbmFactory(wilayah=Wilayah.objects.get(code=wksbm_area)))
        made[code] = event
    return made


def visible(user) -> dict[str, set[str]]:
    """For each scoped model, the wilayah codes of the events (outcomes: of the WKSBM) `user` can see."""
    return {
        "penyuluhan": set(Penyuluhan.objects.for_user(user).values_list("wilayah_id", flat=True)),
        "peserta": set(Peserta.objects.for_user(user).values_list("event__wilayah_id", flat=True)),
        "count": set(PesertaCount.objects.for_user(user).values_list("event__wilayah_id", flat=True)),
        "narasumber": set(Narasumber.objects.for_user(user).values_list("event__wilayah_id", flat=True)),
        "outcome": set(Outcome.objects.for_user(user).values_list("wksbm__wilayah_id", flat=True)),
        "program": set(Program.objects.for_user(user).values_list("wilayah_id", flat=True)),
    }


def test_a_kabupaten_operator_sees_its_kabupaten_events_at_every_level_and_never_sleman(events):
    assert visible(user_in("gk", GUNUNGKIDUL)) == {
        "penyuluhan": {SEMANU_CANDIREJO, GUNUNGKIDUL, SEMIN_CANDIREJO},
        "peserta": {SEMANU_CANDIREJO, GUNUNGKIDUL, SEMIN_CANDIREJO},
        "count": {SEMANU_CANDIREJO, GUNUNGKIDUL, SEMIN_CANDIREJO},
        "narasumber": {SEMANU_CANDIREJO, GUNUNGKIDUL, SEMIN_CANDIREJO},
        "outcome": {SEMANU_CANDIREJO, WARENG, SEMIN_CANDIREJO},
        "program": {GUNUNGKIDUL},
    }


def test_a_desa_penyuluh_sees_the_desa_but_neither_the_kabupaten_event_nor_the_other_candirejo(events):
    assert visible(user_in("desa", SEMANU_CANDIREJO)) == {
        "penyuluhan": {SEMANU_CANDIREJO},
        "peserta": {SEMANU_CANDIREJO},
        "count": {SEMANU_CANDIREJO},
        "narasumber": {SEMANU_CANDIREJO},
        "outcome": {SEMANU_CANDIREJO},
        "program": set(),
    }


def test_a_sleman_user_sees_only_sleman(events):
    assert visible(user_in("sleman", "34.04")) == {
        "penyuluhan": {SLEMAN_DESA},
        "peserta": {SLEMAN_DESA},
        "count": {SLEMAN_DESA},
        "narasumber": {SLEMAN_DESA},
        "outcome": {SLEMAN_DESA},
        "program": {"34.04"},
    }


def test_the_province_sees_everything(events):
    assert visible(user_in("diy", "34"))["penyuluhan"] == {SEMANU_CANDIREJO, GUNUNGKIDUL, SEMIN_CANDIREJO, SLEMAN_DESA}


@pytest.mark.parametrize(
    "make_user",
    [lambda: AnonymousUser(), lambda: User.objects.create_user("no-area", is_staff=True)],
    ids=["anonymous", "no area"],
)
def test_users_without_an_area_see_nothing(events, make_user):
    assert visible(make_user()) == {model: set() for model in visible(AnonymousUser())}


# --- Pages ------------------------------------------------------------------------------------------------------


def page_status(client, user, name: str, pk: int) -> int:
    client.force_login(user)
    return client.get(reverse(name, args=[pk])).status_code


@pytest.mark.parametrize("name", ["trainings:event_report", "trainings:attendance_sheet"])
def test_a_sleman_user_gets_404_on_gunungkidul_event_pages(client, events, name):
    sleman = user_in("sleman", "34.04")

    statuses = {code: page_status(client, sleman, name, event.pk) for code, event in events.items()}

    assert statuses == {SEMANU_CANDIREJO: 404, GUNUNGKIDUL: 404, SEMIN_CANDIREJO: 404, SLEMAN_DESA: 200}


@pytest.mark.parametrize("name", ["trainings:program_detail", "trainings:program_report"])
def test_a_sleman_user_gets_404_on_the_gunungkidul_program(client, events, name):
    sleman = user_in("sleman", "34.04")

    statuses = [page_status(client, sleman, name, events[code].program.pk) for code in (SEMANU_CANDIREJO, SLEMAN_DESA)]

    assert statuses == [404, 200]


def test_the_program_list_shows_only_the_users_programs(client, events):
    client.force_login(user_in("sleman", "34.04"))

    response = client.get(reverse("trainings:program_list"))

    assert [program.name for program in response.context["programs"]] == ["Sleman 2025"]


def test_pages_need_a_login(client, events):
    response = client.get(reverse("trainings:event_report", args=[events[SLEMAN_DESA].pk]))

    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


# --- Admin ------------------------------------------------------------------------------------------------------


def admin_user(code: str, *actions: str) -> User:
    return user_in(f"staff-{code}", code, staff=True, permissions=tuple(f"trainings.{a}_penyuluhan" for a in actions))


def test_the_admin_event_list_excludes_other_areas(client, events):
    client.force_login(admin_user("34.04", "view"))

    response = client.get(EVENT_LIST)

    assert [event.wilayah_id for event in response.context["cl"].result_list] == [SLEMAN_DESA]
    assert [choice[0] for choice in response.context["cl"].filter_specs[0].lookup_choices] == ["34.04"]


def test_the_admin_answers_an_out_of_area_event_as_missing(client, events):
    client.force_login(admin_user("34.04", "view", "change"))
    event = events[SEMANU_CANDIREJO]

    change = client.get(f"{EVENT_LIST}{event.pk}/change/")
    history = client.get(f"{EVENT_LIST}{event.pk}/history/")
    not_a_number = client.get(f"{EVENT_LIST}abc/history/")

    assert (change.status_code, history.status_code, not_a_number.status_code) == (404, 404, 404)


def event_form(wilayah: str, **changes) -> dict[str, str]:
    from trainings.models import EventKind

    return {
        "kind": str(EventKind.objects.get(slug="bimbingan-teknis").pk),
        "theme": "Bimtek manajemen organisasi WKSBM",
        "starts_on": "17/06/2025",
        "ends_on": "18/06/2025",
        "wilayah": wilayah,
        **changes,
    }


def test_the_admin_refuses_a_wilayah_outside_the_users_area(client, events):
    client.force_login(admin_user("34.04", "view", "add"))

    refused = client.post(f"{EVENT_LIST}add/", event_form(SEMANU_CANDIREJO))
    accepted = client.post(f"{EVENT_LIST}add/", event_form(SLEMAN_DESA))

    assert list(refused.context["adminform"].form.errors) == ["wilayah"]
    assert accepted.status_code == 302
    assert list(Penyuluhan.objects.filter(theme="Bimtek manajemen organisasi WKSBM").values_list("wilayah_id")) == [
        (SLEMAN_DESA,)
    ]


def test_the_admin_offers_only_the_users_programs(client, events):
    client.force_login(admin_user("34.04", "view", "add"))

    response = client.get(f"{EVENT_LIST}add/")

    assert [str(p) for p in response.context["adminform"].form.fields["program"].queryset] == ["Sleman 2025 (2019)"]
