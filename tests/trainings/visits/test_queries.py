"""Query counts of the visit pages, pinned: constant whatever the number of pengurus present, follow-ups and
visits."""

import datetime

import pytest
from django.urls import reverse

from registry.models import PengurusRole
from tests.factories import PengurusFactory
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory

pytestmark = pytest.mark.usefixtures("diy")


def visited(wksbm, rows: int):
    """A visit to `wksbm` with `rows` more pengurus present, `rows` follow-ups and `rows` earlier follow-ups it
    closed."""
    earlier = KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 1, 10))
    visit = KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 6, 17))
    role = PengurusRole.objects.get(slug="anggota")
    visit.pengurus_present.set([*wksbm.pengurus.all(), *PengurusFactory.create_batch(rows, wksbm=wksbm, role=role)])
    for _ in range(rows):
        TindakLanjutFactory(visit=visit)
        TindakLanjutFactory(
            visit=earlier,
            status="selesai",
            closed_on=visit.date,
            closed_at_visit=visit,
            due_on=datetime.date(2025, 2, 1),
        )
    return visit


# Savepoint and release (ATOMIC_REQUESTS), session, user, areas, the visit with its kind, visitor and WKSBM, the
# pengurus present, its follow-ups, those it closed, and the permissions (the user's, their groups'); the
# attachments section's two (`{% attachment_section %}`: the visit's attachments, and whether the user may add).
VISIT_PAGE_QUERIES = 12 + 2


@pytest.mark.parametrize("rows", [1, 10])
def test_the_visit_page_costs_the_same_queries_for_few_or_many_rows(
    as_penyuluh, wksbm, django_assert_num_queries, rows
):
    visit = visited(wksbm, rows)

    with django_assert_num_queries(VISIT_PAGE_QUERIES):
        response = as_penyuluh.get(reverse("trainings:visit_detail", args=[visit.pk]))

    assert len(response.context["follow_ups"]) == len(response.context["closed_here"]) == rows


@pytest.mark.parametrize("visits", [1, 10])
def test_the_list_of_visits_costs_the_same_queries_for_few_or_many(
    as_penyuluh, wksbm, django_assert_num_queries, visits
):
    for day in range(visits):
        KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day))

    # Savepoint and release, session, user, areas, the WKSBM, the count and the page of visits, and the
    # permissions (the user's, their groups').
    with django_assert_num_queries(11):
        response = as_penyuluh.get(reverse("trainings:visit_list", args=[wksbm.pk]))

    assert len(response.context["page"]) == visits
