"""Evaluations for the demo and the benchmarks: `seed_demo_evaluations` (`seed_demo`) and
`seed_scale_evaluations` (`seed_scale`), both with the default instrument (`default_instrument`, the example).

- The demo: the WKSBM of Kabupaten Gunungkidul (where the demo penyuluh and operator work), each evaluated last
  year and confirmed, most of them again this year (a few still waiting for confirmation), the answers
  pre-filled from the registry's facts where it knows them and the rest drawn for each WKSBM (a fixed seed, so
  the same every time); some WKSBM fare worse this year, so the rekap lists WKSBM that dropped a class. Written
  through the evaluation services, with history naming the demo admin.
- The scale: about `SCALE_SHARE` of the WKSBM evaluated for each of the last two periods, most confirmed, one
  answer per indicator, inserted straight into the tables as the registry's scale rows are.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from registry import extensions
from registry.enums import WksbmStatus
from registry.models import VerificationItem, Wksbm
from registry.models.verification import ChangeKind
from trainings import evaluation_services as services
from trainings.evaluation_facts import facts_for_many, prefill
from trainings.models import Evaluasi, Jawaban
from trainings.models.evaluation import (
    EvaluationStatus,
    PeriodKind,
    default_instrument,
    period_label,
    previous_period,
    score_and_class,
)

DEMO_KABUPATEN = "34.03"  # Gunungkidul
DEMO_SEED = 2026
SCALE_SHARE = 0.6
SCALE_CONFIRMED = 0.85


def _pick(rng: random.Random, options: list, *, worse: bool):
    """An option of an indicator without a pre-fill: mostly a middling one, the lowest more often when `worse`."""
    weights = [3, 4, 2] if not worse else [1, 3, 5]
    weights = (weights + [1] * len(options))[: len(options)]
    return rng.choices(options, weights)[0]


def _answers(rng, indicators, prefilled, *, worse: bool) -> list:
    answers = []
    for indicator in indicators:
        options = list(indicator.options.all())
        chosen = prefilled.get(indicator.pk) or _pick(rng, options, worse=worse)
        answers.append(
            services.Answer(indicator=indicator, option=chosen, prefilled_option=prefilled.get(indicator.pk))
        )
    return answers


def _wait_for_confirmation(evaluations: list, *, by) -> None:
    """Sets `evaluations` (entered by `by`, so confirmed on entry) back to submitted, each with its item in the
    verification queue as a penyuluh's entry would have (the way migration 0013 queued the evaluations submitted
    before the queue existed), so that the demo operator finds some to confirm."""
    for evaluasi in evaluations:
        evaluasi.status, evaluasi.confirmed_by, evaluasi.confirmed_at = EvaluationStatus.DIAJUKAN, None, None
        evaluasi._history_user = by
        evaluasi.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    now = timezone.now()
    VerificationItem.objects.bulk_create(
        [
            VerificationItem(
                record=evaluasi,
                kind="penilaian",
                change=ChangeKind.BARU,
                wilayah_id=evaluasi.wksbm.wilayah_id,
                wksbm=evaluasi.wksbm,
                title=f"{_('Penilaian')}: {evaluasi}"[:200],
                changes=[],
                submitted_by=by,
                submitted_at=now,
            )
            for evaluasi in evaluations
        ]
    )


def seed_demo_evaluations(*, by, today: datetime.date) -> str:
    """Writes the demo's evaluations (see the module's docstring) as `by`; returns a sentence. Writes nothing when
    an evaluation exists already or no instrument is active."""
    instrument = default_instrument()
    if instrument is None or Evaluasi.objects.exists():
        return _("Data demo penilaian sudah ada atau belum ada instrumen aktif; tidak ada yang ditambahkan.")
    rng = random.Random(DEMO_SEED)
    indicators = services.instrument_indicators(instrument)
    forums = Wksbm.objects.filter(wilayah__code__startswith=f"{DEMO_KABUPATEN}.").exclude(status=WksbmStatus.BUBAR)
    forums = list(forums)
    facts = facts_for_many([forum.pk for forum in forums], today)
    this_period = period_label(instrument.period_kind, today)
    last_day = _last_day_of(instrument.period_kind, previous_period(instrument.period_kind, this_period))
    written, waiting = 0, []
    for number, forum in enumerate(sorted(forums, key=lambda f: f.pk)):
        prefilled = prefill(indicators, facts[forum.pk])
        services.evaluation_create(
            by=by,
            wksbm=forum,
            instrument=instrument,
            evaluated_on=last_day - datetime.timedelta(days=rng.randint(5, 40)),
            answers=_answers(rng, indicators, prefilled, worse=False),
            notes=_("Penilaian tahunan oleh penyuluh kapanewon."),
        )
        written += 1
        if number % 5 == 4:
            continue  # not yet evaluated this period: the worklist's "Belum dinilai"
        this_day = max(today - datetime.timedelta(days=rng.randint(1, 60)), _first_day_of(this_period))
        current = services.evaluation_create(
            by=by,
            wksbm=forum,
            instrument=instrument,
            evaluated_on=this_day,
            answers=_answers(rng, indicators, prefilled, worse=number % 3 == 0),
        )
        written += 1
        if number % 4 == 1:
            waiting.append(current)
    _wait_for_confirmation(waiting, by=by)
    return _("Data demo penilaian dibuat: %(count)s penilaian.") % {"count": written}


def _first_day_of(period: str) -> datetime.date:
    year, _sep, half = period.partition("-S")
    return datetime.date(int(year), 7 if half == "2" else 1, 1)


def _last_day_of(kind: str, period: str) -> datetime.date:
    year, _sep, half = period.partition("-S")
    if kind == PeriodKind.SEMESTERAN and half == "1":
        return datetime.date(int(year), 6, 30)
    return datetime.date(int(year), 12, 31)


EVALUATION_COLUMNS = ("id", "wksbm_id", "instrument_id", "period", "evaluated_on", "assessor_id", "notes", "score")
EVALUATION_COLUMNS += ("evaluation_class_id", "status", "confirmed_by_id", "confirmed_at", "created_at", "updated_at")
ANSWER_COLUMNS = ("evaluasi_id", "indicator_id", "option_id", "prefilled_option_id", "note")


def seed_scale_evaluations(*, rng, count, desa, forums, start, today, insert) -> dict[str, int]:
    """Inserts evaluations of about `SCALE_SHARE` of the `forums` for each of the default instrument's last two
    periods (this one up to `today`), `SCALE_CONFIRMED` of them confirmed, with one answer per indicator and
    the score and class computed by `score_and_class`. The assessor is the first user (one is made, inactive,
    when there is none). Returns the rows inserted per table."""
    instrument = default_instrument()
    if instrument is None or not forums:
        return {}
    indicators = services.instrument_indicators(instrument)
    options = [list(indicator.options.all()) for indicator in indicators]
    classes = list(instrument.classes.all())
    assessor = get_user_model().objects.order_by("pk").first() or get_user_model().objects.create_user(
        "penilai-skala", is_active=False
    )
    now = timezone.now()
    this_period = period_label(instrument.period_kind, today)
    periods = [
        (previous_period(instrument.period_kind, this_period), None),
        (this_period, today),
    ]
    next_id = (Evaluasi.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    evaluations, answers = [], []
    for period, until in periods:
        first = _first_day_of(period)
        last = min(until or _last_day_of(instrument.period_kind, period), today)
        for forum in forums:
            if rng.random() >= SCALE_SHARE or (forum.formed_on and forum.formed_on > last):
                continue
            begin = max(first, forum.formed_on or first)
            day = begin + datetime.timedelta(days=rng.randrange(max((last - begin).days, 0) + 1))
            chosen = [rng.choice(choices) for choices in options]
            score, found = score_and_class(chosen, classes)
            confirmed = rng.random() < SCALE_CONFIRMED
            evaluation_id = next_id + len(evaluations)
            evaluations.append(
                (evaluation_id, forum.id, instrument.pk, period, day, assessor.pk, "", score)
                + (found.pk if found else None,)
                + (
                    (EvaluationStatus.DIKONFIRMASI, assessor.pk, now)
                    if confirmed
                    else (EvaluationStatus.DIAJUKAN, None, None)
                )
                + (now, now)
            )
            answers += [
                (evaluation_id, ind.pk, option.pk, None, "") for ind, option in zip(indicators, chosen, strict=True)
            ]
    counts = {"evaluations": insert(Evaluasi, EVALUATION_COLUMNS, evaluations)}
    counts["answers"] = insert(Jawaban, ANSWER_COLUMNS, answers)
    return counts


def register() -> None:
    """Makes `seed_demo` write the demo's evaluations and `seed_scale` insert evaluations at scale."""
    extensions.demo_seeders.register(extensions.DemoSeeder(key="penilaian", order=120, seed=seed_demo_evaluations))
    extensions.scale_seeders.register(
        extensions.ScaleSeeder(key="penilaian", order=120, seed=seed_scale_evaluations, models=(Evaluasi, Jawaban))
    )
