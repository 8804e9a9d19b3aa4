"""Writes of evaluations: create, change and confirm, each keyword-only, taking `by`, leaving history naming them.

An evaluation is verified like every field entry (`registry.verification`): one a penyuluh enters or changes waits
in the operators' queue ("diajukan"), one an operator enters is confirmed on entry, and confirming it is confirming
its item in the queue.

Each validates with the models' rules (`Evaluasi.clean`, `Jawaban.clean`, the named constraints with their
Indonesian messages), writes in a transaction and computes the score and class with `score_and_class`; on a
broken rule it raises ValidationError and saves nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registry.models import VerificationItem, Wksbm
from registry.services.base import save_validated
from registry.verification import services as verification
from trainings.models.evaluation import (
    AnswerOption,
    Evaluasi,
    Indicator,
    Instrument,
    Jawaban,
    score_and_class,
)


@dataclass(frozen=True)
class Answer:
    """One answer as a page sends it: the option chosen for an indicator, the pre-filled one and a note."""

    indicator: Indicator
    option: AnswerOption
    prefilled_option: AnswerOption | None = None
    note: str = ""


def instrument_indicators(instrument: Instrument) -> list[Indicator]:
    """The indicators of `instrument` in the order asked, with their aspect and options. Two queries."""
    return list(
        Indicator.objects.filter(aspect__instrument=instrument)
        .select_related("aspect")
        .prefetch_related("options")
        .order_by("aspect__order", "aspect_id", "order", "pk")
    )


def _check_answers(instrument: Instrument, answers: list[Answer]) -> None:
    """One answer per indicator of the instrument, none of another instrument."""
    wanted = {indicator.pk for indicator in instrument_indicators(instrument)}
    given = [answer.indicator.pk for answer in answers]
    if len(given) != len(set(given)) or set(given) != wanted:
        raise ValidationError(_("Jawab setiap indikator instrumen ini tepat satu kali."), code="answers_incomplete")


def _write_answers(evaluasi: Evaluasi, answers: list[Answer], *, by) -> None:
    """Saves the answers (changing those already stored), then the score and class, with history."""
    stored = {row.indicator_id: row for row in Jawaban.objects.filter(evaluasi=evaluasi)}
    for answer in answers:
        row = stored.get(answer.indicator.pk) or Jawaban(evaluasi=evaluasi, indicator=answer.indicator)
        fields = (answer.option.pk, getattr(answer.prefilled_option, "pk", None), answer.note)
        if row.pk and (row.option_id, row.prefilled_option_id, row.note) == fields:
            continue
        row.option, row.prefilled_option, row.note = answer.option, answer.prefilled_option, answer.note
        save_validated(row, by=by)
    score, found = score_and_class([answer.option for answer in answers], evaluasi.instrument.classes.all())
    evaluasi.score, evaluasi.evaluation_class = score, found


def evaluation_create(
    *, by, wksbm: Wksbm, instrument: Instrument, evaluated_on, answers: list[Answer], notes: str = ""
) -> Evaluasi:
    """Records `by`'s evaluation of `wksbm` with `instrument` on `evaluated_on` (its period follows the date),
    with its score and class: submitted for confirmation when `by` is a penyuluh, confirmed when an operator."""
    _check_answers(instrument, answers)
    with transaction.atomic():
        evaluasi = save_validated(
            Evaluasi(wksbm=wksbm, instrument=instrument, evaluated_on=evaluated_on, assessor=by, notes=notes), by=by
        )
        _write_answers(evaluasi, answers, by=by)
        return save_validated(evaluasi, by=by)


def evaluation_update(*, by, evaluasi: Evaluasi, evaluated_on, answers: list[Answer], notes: str = "") -> Evaluasi:
    """Changes an evaluation's date, notes and answers and computes its score and class again. A confirmed
    evaluation a penyuluh changes goes back to submitted (diajukan): it needs confirming again."""
    _check_answers(evaluasi.instrument, answers)
    with transaction.atomic():
        evaluasi.evaluated_on, evaluasi.notes = evaluated_on, notes
        _write_answers(evaluasi, answers, by=by)
        return save_validated(evaluasi, by=by)


def evaluation_confirm(*, by, evaluasi: Evaluasi) -> Evaluasi:
    """Confirms a submitted evaluation as `by` (an operator of its area): its item in the verification queue is
    confirmed (`registry.verification.services.confirm`), and from now on it counts in the rekap."""
    if evaluasi.is_confirmed:
        raise ValidationError(_("Penilaian ini sudah dikonfirmasi."), code="already_confirmed")
    item = VerificationItem.objects.of_record(evaluasi).waiting().first()
    if item is None:
        raise ValidationError(_("Penilaian ini tidak sedang menunggu konfirmasi."), code="not_waiting")
    verification.confirm(by=by, items=[item])
    evaluasi.refresh_from_db()
    return evaluasi


def evaluation_send_back(*, by, evaluasi: Evaluasi, reason: str) -> Evaluasi:
    """Returns a submitted evaluation to its assessor with `reason` as `by` (an operator of its area): its item in
    the verification queue is returned (`registry.verification.services.send_back`), the evaluation becomes
    "dikembalikan"; changing it, or sending it again, submits it again."""
    item = VerificationItem.objects.of_record(evaluasi).waiting().first()
    if item is None:
        raise ValidationError(_("Penilaian ini tidak sedang menunggu konfirmasi."), code="not_waiting")
    verification.send_back(by=by, items=[item], reason=reason)
    evaluasi.refresh_from_db()
    return evaluasi


def evaluation_rescore(*, by, evaluasi: Evaluasi) -> Evaluasi:
    """Computes the score and class of `evaluasi` again from its stored answers, after the admin saved them (an
    operator's change: the evaluation is verified by it, `registry.verification`)."""
    options = [row.option for row in Jawaban.objects.filter(evaluasi=evaluasi).select_related("option")]
    evaluasi.score, evaluasi.evaluation_class = score_and_class(options, evaluasi.instrument.classes.all())
    return save_validated(evaluasi, by=by)
