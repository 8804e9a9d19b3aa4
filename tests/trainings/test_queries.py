"""Query counts of the event list, the program page and the printable pages: pinned, and the same at 1 and many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import Wilayah
from tests.factories import KpsFactory, PengurusFactory
from tests.trainings.conftest import user_in
from tests.trainings.factories import (
    NarasumberFactory,
    OutcomeFactory,
    PenyuluhanFactory,
    PesertaCountFactory,
    PesertaFactory,
    ProgramFactory,
)
from trainings.models import Penyuluhan

EVENT_LIST = "/admin/trainings/penyuluhan/"

# The most each page may run, whatever its number of rows: the savepoint pair of ATOMIC_REQUESTS, session, user,
# the user's areas and permissions (base.html's menu asks `perms`), the admin its role (`may_use_admin`), then
# the page's own reads; the field pages count the header's unread notifications. A printed report adds what every
# printed document reads (registry.documents): the office's settings, the signer's profile and the petugas who may
# sign instead.
MAX_QUERIES = {
    "admin_list": 14,
    "admin_change": 19,
    "program_page": 14,
    "program_report": 17,
    "event_page": 18,  # with the printed report's latest photos (registry.attachments.photos)
    "program_list": 9,
}


def query_count(client, url, *, warm_up: bool = True) -> int:
    """The queries of a request for `url`, by default after a first request has warmed process-wide caches
    (content types)."""
    if warm_up:
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def one_event_program():
    """A program with a single event holding one of everything."""
    program = ProgramFactory(name="Satu kegiatan", target_new_wksbm=1)
    event = PenyuluhanFactory(program=program)
    PesertaFactory(event=event)
    PesertaCountFactory(event=event)
    NarasumberFactory(event=event)
    OutcomeFactory(event=event)
    return program


@pytest.fixture
def gk_staff(db):
    """A Gunungkidul operator allowed to see everything of the trainings app in the admin."""
    actions = ("view", "add", "change", "delete")
    models = ("penyuluhan", "peserta", "pesertacount", "narasumber", "outcome", "program")
    return user_in(
        "gk-staff", "34.03", staff=True, permissions=tuple(f"trainings.{a}_{m}" for a in actions for m in models)
    )


def test_the_admin_event_list_costs_the_same_for_1_and_for_11_events(client, gunungkidul_2019, gk_staff):
    client.force_login(gk_staff)
    one = one_event_program()
    with_one = query_count(client, f"{EVENT_LIST}?program={one.pk}")

    with_eleven = query_count(client, EVENT_LIST)

    assert Penyuluhan.objects.count() == 11
    assert with_eleven == with_one
    assert with_one <= MAX_QUERIES["admin_list"]


def test_the_program_page_costs_the_same_for_1_and_for_10_events(client, gunungkidul_2019, gk_staff):
    client.force_login(gk_staff)
    one = one_event_program()
    pages = ("trainings:program_detail", "trainings:program_report")

    counts = {
        (program.name, page): query_count(client, reverse(page, args=[program.pk]))
        for program in (one, gunungkidul_2019)
        for page in pages
    }

    for page, limit in zip(pages, ("program_page", "program_report"), strict=True):
        assert counts[one.name, page] == counts[gunungkidul_2019.name, page], page
        assert counts[one.name, page] <= MAX_QUERIES[limit], page


def test_the_program_list_costs_the_same_for_1_and_for_many_programs(client, diy, gk_staff):
    client.force_login(gk_staff)
    one_event_program()
    with_one = query_count(client, reverse("trainings:program_list"))
    for _ in range(5):
        one_event_program()

    with_six = query_count(client, reverse("trainings:program_list"))

    assert with_six == with_one
    assert with_one <= MAX_QUERIES["program_list"]


@pytest.mark.parametrize("page", ["trainings:event_report", "trainings:attendance_sheet"])
def test_the_event_pages_cost_the_same_for_1_and_for_40_participants(client, diy, gk_staff, page):
    client.force_login(gk_staff)
    small, large = PenyuluhanFactory.create_batch(2)
    for event, people in ((small, 1), (large, 40)):
        PesertaFactory.create_batch(people, event=event, origin=event.wilayah)
        NarasumberFactory.create_batch(min(people, 3), event=event)
        OutcomeFactory(event=event)

    counts = [query_count(client, reverse(page, args=[event.pk])) for event in (small, large)]

    assert counts[0] == counts[1]
    assert counts[1] <= MAX_QUERIES["event_page"]


def test_the_admin_event_page_costs_the_same_for_1_and_for_12_participants(client, diy, gk_staff):
    client.force_login(gk_staff)
    candirejo = Wilayah.objects.get(code="34.03.08.2004")
    small, large = PenyuluhanFactory.create_batch(2, wilayah=candirejo)
    for event, people in ((small, 1), (large, 12)):
        for number in range(people):
            link = {"pengurus": PengurusFactory()} if number % 2 else {"kps": KpsFactory()}
            PesertaFactory(event=event, origin=candirejo, phone="0812-3456-7890", **link)
        PesertaCountFactory(event=event)
        NarasumberFactory.create_batch(min(people, 3), event=event)
        OutcomeFactory.create_batch(min(people, 3), event=event)

    counts = [query_count(client, f"{EVENT_LIST}{small.pk}/change/")]
    counts.append(query_count(client, f"{EVENT_LIST}{large.pk}/change/", warm_up=False))

    assert counts[0] == counts[1]
    assert counts[1] <= MAX_QUERIES["admin_change"]
