"""Writes to visits (*kunjungan*) and their follow-ups (*tindak lanjut*). Every function is keyword-only and takes
`by`, the acting user.

Each validates with the models' rules (`trainings.models.visit`: named constraints, `clean()`,
`Kunjungan.present_errors`), writes in one transaction and leaves history naming `by`; on a broken rule it raises
ValidationError and saves nothing (a visit with its pengurus present, its new follow-ups and the follow-ups it
closes is written whole or not at all).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.models import Pengurus, Wksbm
from registry.services.base import save_validated
from trainings.enums import FollowUpStatus
from trainings.models import Kunjungan, TindakLanjut, VisitKind

CLOSED_STATUSES = (FollowUpStatus.SELESAI, FollowUpStatus.BATAL)


def _set_present(visit: Kunjungan, pengurus: Iterable[Pengurus], *, by) -> None:
    """Sets the pengurus present at the saved `visit`, refused unless each is of its WKSBM; history names `by`."""
    pengurus = list(pengurus)
    if error := visit.present_errors(pengurus):
        raise error
    visit._history_user = by
    visit.pengurus_present.set(pengurus)


def _add_follow_ups(visit: Kunjungan, follow_ups: Iterable[dict], *, by) -> list[TindakLanjut]:
    """Records the new follow-ups of `visit`, each a dict of `what`, `responsible` and `due_on`."""
    return [save_validated(TindakLanjut(visit=visit, **fields), by=by) for fields in follow_ups]


def _close_at(visit: Kunjungan, closings: Iterable[tuple[TindakLanjut, str]], *, by) -> None:
    """Closes each open follow-up of `closings` (follow-up, status selesai or batal) at `visit`, on its date."""
    for follow_up, status in closings:
        follow_up_close(by=by, follow_up=follow_up, status=status, at_visit=visit)


def visit_create(
    *,
    by,
    wksbm: Wksbm,
    kind: VisitKind,
    date: datetime.date,
    pengurus_present: Iterable[Pengurus] = (),
    follow_ups: Iterable[dict] = (),
    closings: Iterable[tuple[TindakLanjut, str]] = (),
    **fields,
) -> Kunjungan:
    """Records a visit to `wksbm` with the pengurus present, its new `follow_ups` (dicts of `what`, `responsible`,
    `due_on`) and the earlier follow-ups of the WKSBM it closes (`closings`: (follow-up, selesai or batal)).

    Who visited is `visitor` (a user) or `visitor_name` with `visitor_role`; other fields (topics, findings,
    advice, agreements, next_visit_due) as on the model. All or nothing.
    """
    with transaction.atomic():
        visit = save_validated(Kunjungan(wksbm=wksbm, kind=kind, date=date, **fields), by=by)
        _set_present(visit, pengurus_present, by=by)
        _add_follow_ups(visit, follow_ups, by=by)
        _close_at(visit, closings, by=by)
    return visit


def visit_update(
    *,
    by,
    visit: Kunjungan,
    pengurus_present: Iterable[Pengurus] | None = None,
    follow_ups: Iterable[dict] = (),
    **changes,
) -> Kunjungan:
    """Changes the fields of `visit` given in `changes` and, when given, the pengurus present; adds `follow_ups`.

    Follow-ups this visit closed keep its date: a change of the date moves their `closed_on` with it (refused
    when that breaks one of their rules). All or nothing.
    """
    with transaction.atomic():
        for name, value in changes.items():
            setattr(visit, name, value)
        save_validated(visit, by=by)
        if pengurus_present is not None:
            _set_present(visit, pengurus_present, by=by)
        for closed in visit.closed_follow_ups.select_related("visit").exclude(closed_on=visit.date):
            closed.closed_on = visit.date
            save_validated(closed, by=by)
        _add_follow_ups(visit, follow_ups, by=by)
    return visit


def follow_up_add(*, by, visit: Kunjungan, what: str, responsible: str, due_on: datetime.date) -> TindakLanjut:
    """Records one more follow-up of `visit`: what, who is responsible, by when (not before the visit)."""
    return _add_follow_ups(visit, [{"what": what, "responsible": responsible, "due_on": due_on}], by=by)[0]


def follow_up_update(*, by, follow_up: TindakLanjut, **changes) -> TindakLanjut:
    """Corrects the given fields of `follow_up` (what, responsible, due_on), by the model's rules; closing one is
    `follow_up_close`."""
    for name, value in changes.items():
        setattr(follow_up, name, value)
    return save_validated(follow_up, by=by)


def follow_up_close(
    *,
    by,
    follow_up: TindakLanjut,
    status: str,
    closed_on: datetime.date | None = None,
    at_visit: Kunjungan | None = None,
    note: str = "",
) -> TindakLanjut:
    """Closes the open `follow_up` as done (*selesai*) or dropped (*batal*): at the later visit `at_visit` (on its
    date), or on its own on `closed_on` (today by default)."""
    if status not in CLOSED_STATUSES:
        raise ValidationError({"status": ValidationError(_("Pilih selesai atau batal."), code="tindaklanjut_status")})
    if not follow_up.is_open:
        raise ValidationError(
            {"status": ValidationError(_("Tindak lanjut ini sudah ditutup."), code="tindaklanjut_already_closed")}
        )
    follow_up.status = status
    follow_up.closed_at_visit = at_visit
    follow_up.closed_on = at_visit.date if at_visit is not None else (closed_on or dates.today())
    follow_up.closing_note = note
    return save_validated(follow_up, by=by)
