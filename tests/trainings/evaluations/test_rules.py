"""The rules of evaluations, each written once on the model or in one function: periods, scoring and classes,
class ranges that do not overlap, answers from the indicator's own options, a note to override a pre-fill, one
evaluation per WKSBM, period and instrument, no date in the future."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import dates
from tests.trainings.evaluations.conftest import answers_with, evaluate
from trainings import evaluation_services as services
from trainings.evaluation_services import Answer
from trainings.models import AnswerOption, Evaluasi, EvaluationClass, Indicator, Jawaban
from trainings.models.evaluation import (
    PeriodKind,
    overlapping_ranges,
    period_label,
    previous_period,
    score_and_class,
)

days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31))


@given(days)
def test_a_yearly_period_is_the_year_and_a_semester_one_its_half(day):
    assert period_label(PeriodKind.TAHUNAN, day) == str(day.year)
    assert period_label(PeriodKind.SEMESTERAN, day) == f"{day.year}-S{1 if day.month <= 6 else 2}"


@given(days, st.sampled_from(PeriodKind.values))
def test_the_previous_period_is_the_period_of_a_day_one_period_earlier(day, kind):
    earlier = dates.months_before(day, 12 if kind == PeriodKind.TAHUNAN else 6)
    assert previous_period(kind, period_label(kind, day)) == period_label(kind, earlier)


@given(st.lists(st.tuples(st.integers(-50, 50), st.integers(0, 30)), max_size=6))
def test_ranges_overlap_exactly_when_two_share_a_score(pairs):
    ranges = [(low, low + width) for low, width in pairs]
    shared = any(
        set(range(a[0], a[1] + 1)) & set(range(b[0], b[1] + 1)) for i, a in enumerate(ranges) for b in ranges[i + 1 :]
    )
    assert overlapping_ranges(ranges) is shared


@given(
    scores=st.lists(st.integers(0, 10), max_size=12),
    cuts=st.lists(st.integers(1, 120), min_size=1, max_size=4, unique=True),
)
def test_the_score_is_the_sum_and_the_class_the_range_holding_it(scores, cuts):
    bounds = [0, *sorted(cuts)]
    classes = [
        EvaluationClass(name=f"K{i}", min_score=low, max_score=high - 1)
        for i, (low, high) in enumerate(zip(bounds, bounds[1:], strict=False))
    ]
    options = [AnswerOption(label="x", score=score) for score in scores]

    score, found = score_and_class(options, classes)

    assert score == sum(scores)
    if score < bounds[-1]:
        assert found.min_score <= score <= found.max_score
    else:
        assert found is None


def test_class_ranges_of_one_instrument_may_not_overlap(instrument):
    overlapping = EvaluationClass(instrument=instrument, name="Maju", min_score=60, max_score=80)
    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()
    assert [e.code for e in refused.value.error_dict["min_score"]] == ["class_ranges_overlap"]
    EvaluationClass(instrument=instrument, name="Istimewa", min_score=91, max_score=100).full_clean()


def test_an_answer_is_one_of_the_indicator_s_own_options(wksbm, instrument, penyuluh):
    answers = answers_with(instrument)
    other = answers[1].indicator.options.first()
    answers[0] = Answer(indicator=answers[0].indicator, option=other)

    with pytest.raises(ValidationError) as refused:
        services.evaluation_create(
            by=penyuluh, wksbm=wksbm, instrument=instrument, evaluated_on=datetime.date(2026, 2, 1), answers=answers
        )
    assert [e.code for e in refused.value.error_dict["option"]] == ["option_not_of_indicator"]
    assert "pilihan indikator ini sendiri" in refused.value.error_dict["option"][0].messages[0]


@given(st.data())
def test_overriding_a_prefilled_answer_needs_a_note(data):
    indicator = Indicator(pk=1, text="SK")
    first, second = AnswerOption(pk=1, indicator=indicator, score=10), AnswerOption(pk=2, indicator=indicator, score=0)
    prefilled = data.draw(st.sampled_from([None, first, second]))
    chosen = data.draw(st.sampled_from([first, second]))
    note = data.draw(st.sampled_from(["", "  ", "SK hilang, sedang diurus ulang"]))

    row = Jawaban(indicator=indicator, option=chosen, prefilled_option=prefilled, note=note)
    needs_note = prefilled is not None and chosen != prefilled and not note.strip()
    if needs_note:
        with pytest.raises(ValidationError) as refused:
            row.clean()
        assert [e.code for e in refused.value.error_dict["note"]] == ["override_needs_note"]
    else:
        row.clean()


def test_one_evaluation_per_wksbm_period_and_instrument(wksbm, instrument, penyuluh):
    evaluate(wksbm, instrument, penyuluh, on=datetime.date(2026, 1, 10))

    with pytest.raises(ValidationError) as refused:
        evaluate(wksbm, instrument, penyuluh, on=datetime.date(2026, 11, 30))
    assert [e.code for e in refused.value.error_dict[NON_FIELD_ERRORS]] == ["evaluasi_one_per_period"]
    assert "sudah dinilai" in refused.value.messages[0]
    # Another period is another evaluation.
    assert evaluate(wksbm, instrument, penyuluh, on=datetime.date(2025, 11, 30)).period == "2025"


def test_an_evaluation_is_not_dated_in_the_future(wksbm, instrument, penyuluh):
    with pytest.raises(ValidationError) as refused:
        evaluate(wksbm, instrument, penyuluh, on=dates.today() + datetime.timedelta(days=1))
    assert "masa depan" in refused.value.error_dict["evaluated_on"][0].messages[0]


def test_every_indicator_is_answered_once(wksbm, instrument, penyuluh):
    answers = answers_with(instrument)
    for wrong in (answers[:-1], [*answers, answers[0]]):
        with pytest.raises(ValidationError) as refused:
            services.evaluation_create(
                by=penyuluh, wksbm=wksbm, instrument=instrument, evaluated_on=datetime.date(2026, 2, 1), answers=wrong
            )
        assert refused.value.code == "answers_incomplete"


def test_score_and_class_are_stored_and_history_names_the_assessor(wksbm, instrument, penyuluh):
    best = evaluate(wksbm, instrument, penyuluh)
    assert (best.score, best.evaluation_class.name, best.period, best.status) == (90, "Mandiri", "2026", "diajukan")
    assert best.history.first().history_user == penyuluh
    assert {row.history.first().history_user for row in best.answers.all()} == {penyuluh}


def test_editing_a_confirmed_evaluation_returns_it_to_submitted(wksbm, instrument, penyuluh, operator):
    evaluasi = services.evaluation_confirm(by=operator, evaluasi=evaluate(wksbm, instrument, penyuluh))
    assert (evaluasi.status, evaluasi.confirmed_by) == ("dikonfirmasi", operator)

    lowest = answers_with(instrument, pick=lambda options: options[-1])
    services.evaluation_update(by=penyuluh, evaluasi=evaluasi, evaluated_on=evaluasi.evaluated_on, answers=lowest)

    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.confirmed_by, evaluasi.score, evaluasi.evaluation_class.name) == (
        "diajukan",
        None,
        0,
        "Tumbuh",
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(0, 2), min_size=9, max_size=9))
def test_a_recorded_evaluation_stores_the_sum_of_its_answers_and_the_class_holding_it(
    wksbm, instrument, penyuluh, picks
):
    indicators = services.instrument_indicators(instrument)
    answers = []
    for indicator, pick in zip(indicators, picks, strict=True):
        options = list(indicator.options.all())
        answers.append(Answer(indicator=indicator, option=options[pick % len(options)]))
    with transaction.atomic():
        evaluasi = services.evaluation_create(
            by=penyuluh, wksbm=wksbm, instrument=instrument, evaluated_on=datetime.date(2026, 2, 1), answers=answers
        )
        stored = Evaluasi.objects.select_related("evaluation_class").get(pk=evaluasi.pk)
        transaction.set_rollback(True)
    assert stored.score == sum(answer.option.score for answer in answers)
    assert stored.evaluation_class.min_score <= stored.score <= stored.evaluation_class.max_score
    assert stored.evaluation_class.name == (
        "Tumbuh" if stored.score < 40 else "Berkembang" if stored.score < 70 else "Mandiri"
    )
