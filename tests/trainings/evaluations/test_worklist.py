"""The evaluation kind of the worklist: who appears, what the entry says and links to, to whom the kind applies,
and a fixed number of queries however many entries; an evaluation waiting for confirmation is an entry of the
verification queue's kind."""

import pytest
from django.urls import reverse

from registry import dates, extensions
from registry.enums import WksbmStatus
from registry.models import Wilayah
from registry.scoping import area_codes
from registry.verification import worklist as verification_worklist
from tests.factories import WksbmFactory
from tests.trainings.evaluations.conftest import evaluate
from trainings import evaluation_services as services
from trainings.worklist.evaluations import NOT_EVALUATED


@pytest.fixture
def forums(diy, instrument, penyuluh, operator):
    """In Semanu: one evaluated this period (submitted), one evaluated last year only, one never, one bubar; in
    Sleman one never evaluated."""
    place = Wilayah.objects.get(code="34.03.08.2004")
    today = dates.today()
    evaluated = WksbmFactory(name="WKSBM Dinilai", wilayah=place)
    last_year = WksbmFactory(name="WKSBM Tahun Lalu", wilayah=place)
    never = WksbmFactory(name="WKSBM Belum", wilayah=place)
    WksbmFactory(name="WKSBM Bubar", wilayah=place, status=WksbmStatus.BUBAR, status_changed_on=today)
    WksbmFactory(name="WKSBM Sleman", wilayah=Wilayah.objects.get(code="34.04.01.2001"))
    current = evaluate(evaluated, instrument, penyuluh, on=today)
    old = evaluate(last_year, instrument, penyuluh, on=today.replace(year=today.year - 1, day=1))
    services.evaluation_confirm(by=operator, evaluasi=old)
    return {"evaluated": evaluated, "last_year": last_year, "never": never, "current": current}


def test_the_kinds_are_registered():
    assert extensions.worklist_kinds["belum-dinilai"] is NOT_EVALUATED
    assert "penilaian-menunggu-konfirmasi" not in extensions.worklist_kinds, "one workflow: the verification queue"


def test_not_evaluated_this_period_lists_the_wksbm_without_a_current_evaluation(forums, penyuluh, operator):
    for user in (penyuluh, operator):
        rows = list(NOT_EVALUATED.rows(user))
        assert [row.name for row in rows] == ["WKSBM Belum", "WKSBM Tahun Lalu"]
    entry = NOT_EVALUATED.describe(rows[0], operator)
    assert entry.wksbm == forums["never"]
    assert (entry.action_label, entry.action_url) == (
        "Nilai WKSBM",
        reverse("trainings:evaluation_create", args=[forums["never"].pk]),
    )
    assert NOT_EVALUATED.applies(penyuluh)


def test_an_evaluation_waiting_for_confirmation_is_in_the_verification_queues_kind(
    forums, penyuluh, operator, operator_sleman
):
    waiting = verification_worklist.WAITING
    assert (waiting.applies(penyuluh), waiting.applies(operator)) == (False, True)
    rows = list(waiting.rows(operator))
    assert [(row.kind, row.object_id) for row in rows] == [("penilaian", forums["current"].pk)]
    entry = waiting.describe(rows[0], operator)
    assert entry.wksbm == forums["evaluated"]
    assert entry.action_url == f"{reverse('verification_queue')}?wksbm={forums['evaluated'].pk}"
    assert list(waiting.rows(operator_sleman)) == []


def test_without_an_active_instrument_nobody_is_asked_to_evaluate(forums, operator, instrument):
    instrument.active = False
    instrument.save()
    assert list(NOT_EVALUATED.rows(operator)) == []


def test_a_page_of_entries_costs_a_fixed_number_of_queries(
    forums, operator, instrument, penyuluh, django_assert_num_queries
):
    kind = NOT_EVALUATED
    # What every page reads once per request: the user's permissions and areas; then one query, the rows (the
    # default instrument and its period are read within it).
    operator.has_perm("trainings.add_evaluasi")
    area_codes(operator)
    expected = 1
    with django_assert_num_queries(expected):
        few = [kind.describe(row, operator) for row in kind.rows(operator)]
    place = Wilayah.objects.get(code="34.03.08.2001")
    for number in range(5):
        extra = WksbmFactory(name=f"WKSBM Lain {number}", wilayah=place)
        evaluate(extra, instrument, penyuluh, on=dates.today())
        WksbmFactory(name=f"WKSBM Baru {number}", wilayah=place)
    with django_assert_num_queries(expected):
        many = [kind.describe(row, operator) for row in kind.rows(operator)]
    assert len(many) == len(few) + 5
