"""Query counts of the evaluation pages, pinned, and the same whatever the number of rows: the WKSBM's board and
reports (the facts), the evaluations in the admin list, the instrument's indicators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.enums import Role
from registry.services.petugas import petugas_save
from tests.factories import ActivityReportFactory, PengurusFactory, WksbmFactory
from tests.trainings.evaluations.conftest import evaluate
from trainings.models import AnswerOption, Indicator

# The most each page may run: the savepoint pair of ATOMIC_REQUESTS, session, user, the user's areas and
# permissions (the menu asks `perms`), the header's count of unread notifications, then the page's own reads. The
# form pages read the active instruments, the indicators with their options and the four facts; printed sheets what
# every printed document reads.
PINNED = {
    "evaluation_create": 16,
    # With its open item in the verification queue, and the attachments section's two (`{% attachment_section %}`:
    # the evaluation's attachments, and whether the user may add to them).
    "evaluation_detail": 11 + 2,
    "evaluation_edit": 12,
    "evaluation_sheet": 13,
    "evaluation_confirm": 10,  # with its open item in the verification queue
    "admin_list": 15,
}


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(wksbm, instrument):
    """More of everything a page reads per row: pengurus, reports and an indicator with three options."""
    for _ in range(5):
        PengurusFactory(wksbm=wksbm)
        ActivityReportFactory(wksbm=wksbm)
    aspect = instrument.aspects.first()
    indicator = Indicator.objects.create(aspect=aspect, text="Indikator tambahan", order=99)
    for number in range(3):
        AnswerOption.objects.create(indicator=indicator, label=f"Pilihan {number}", score=number)
    return indicator


@pytest.mark.parametrize("name", ["evaluation_create", "evaluation_detail", "evaluation_edit", "evaluation_sheet"])
def test_each_page_costs_the_same_pinned_queries_for_few_and_many(client, wksbm, instrument, penyuluh, name):
    client.force_login(penyuluh)
    first = evaluate(wksbm, instrument, penyuluh)
    target = wksbm if name == "evaluation_create" else first
    few = count(client, reverse(f"trainings:{name}", args=[target.pk]))

    other = WksbmFactory(name="WKSBM Kedua")
    grow(other, instrument)
    second = evaluate(other, instrument, penyuluh)
    target = other if name == "evaluation_create" else second
    many = count(client, reverse(f"trainings:{name}", args=[target.pk]))

    assert second.answers.count() == first.answers.count() + 1
    assert many == few == PINNED[name]


def test_the_confirm_page_is_pinned(client, wksbm, instrument, penyuluh, operator):
    client.force_login(operator)
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    assert count(client, reverse("trainings:evaluation_confirm", args=[evaluasi.pk])) == PINNED["evaluation_confirm"]


def test_the_admin_list_costs_the_same_for_one_and_many(client, diy, instrument, penyuluh):
    operator = petugas_save(
        by=None, username="op-gk", role=Role.KABUPATEN, area_codes=["34.03"], password="Gunungkidul-2025!"
    )[0]
    client.force_login(operator)
    url = reverse("admin:trainings_evaluasi_changelist")
    evaluate(WksbmFactory(), instrument, penyuluh)
    few = count(client, url)
    for _ in range(6):
        evaluate(WksbmFactory(), instrument, penyuluh)
    assert count(client, url) == few == PINNED["admin_list"]
