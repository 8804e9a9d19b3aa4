"""Writes of the update cycle. Every function is keyword-only and takes `by`, the acting user; the admin and the
field pages call them alike. Each validates with the models' rules (Indonesian messages), writes in a transaction
and leaves history naming `by`; on a broken rule it raises ValidationError and saves nothing. Whether `by` holds
the role is the caller's check (permissions `registry.*_pemutakhiranperiod`, `registry.add_pemutakhirancheck`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.enums import WksbmStatus
from registry.models import PemutakhiranCheck, PemutakhiranPeriod, Wilayah, Wksbm
from registry.services.base import delete_recorded, save_validated
from registry.wilayah_codes import PROVINSI_CODE_LENGTH

# Who confirms a WKSBM checked (penyuluh and operator kabupaten, `registry.roles.CHECKERS`), within their area.
CHECK_PERMISSION = "registry.add_pemutakhirancheck"
NO_OPEN_PERIOD = _("Tidak ada periode pemutakhiran yang sedang dibuka untuk wilayah WKSBM ini.")
DISSOLVED = _("WKSBM yang sudah bubar tidak diperiksa dalam pemutakhiran.")
ALREADY_CLOSED = _("Periode pemutakhiran ini sudah ditutup.")
CLOSING_NOTE = _("Dibekukan saat periode pemutakhiran ditutup; hanya data terverifikasi yang dihitung.")


def period_open(*, by, name: str, wilayah, starts_on: datetime.date, ends_on: datetime.date) -> PemutakhiranPeriod:
    """Opens a period of pemutakhiran of `wilayah` (the province or a kabupaten) from `starts_on` to `ends_on`.
    Refused: an end not after the start, a wilayah below a kabupaten, an overlap with a period of the same area."""
    period = PemutakhiranPeriod(name=name, wilayah=wilayah, starts_on=starts_on, ends_on=ends_on)
    return _save_period(period, by=by)


def _save_period(period: PemutakhiranPeriod, *, by) -> PemutakhiranPeriod:
    # Two admins opening overlapping periods at once would each pass the overlap check: the province's wilayah row
    # is locked first, so the second waits and then sees the first one's period.
    with transaction.atomic():
        province = period.wilayah_id[:PROVINSI_CODE_LENGTH] if period.wilayah_id else None
        list(Wilayah.objects.select_for_update().filter(code=province).values_list("code", flat=True))
        return save_validated(period, by=by)


def period_update(*, by, period: PemutakhiranPeriod, **changes) -> PemutakhiranPeriod:
    """Changes the given fields (name, wilayah, starts_on, ends_on) of `period`, by the same rules."""
    for name, value in changes.items():
        setattr(period, name, value)
    return _save_period(period, by=by)


def closing_title(period: PemutakhiranPeriod) -> str:
    """The title of the rekap frozen when `period` closes: "Rekap Pemutakhiran 2027 (ditutup)"."""
    return gettext("Rekap %(name)s (ditutup)") % {"name": period.name}


def period_close(*, by, period: PemutakhiranPeriod) -> PemutakhiranPeriod:
    """Closes `period` now, before or after its last day: no more checks are taken in it, and it becomes the last
    cycle of its area. Refused when already closed.

    In the same transaction the rekap of the period's area is frozen (`freeze_rekap`, titled `closing_title`),
    counting verified data only: the figures the cycle ends with, as the office reports them. `by` None is the
    system closing a period whose last day has passed (`close_pemutakhiran_periods`); the snapshot then names
    "sistem"."""
    from registry.reports.snapshots import freeze_rekap

    if period.closed_at is not None:
        raise ValidationError(ALREADY_CLOSED, code="pemutakhiran_period_closed")
    with transaction.atomic():
        period.closed_at = timezone.now()
        period.closed_by = by
        save_validated(period, by=by)
        freeze_rekap(
            by=by,
            area_code=period.wilayah_id,
            title=closing_title(period),
            note=str(CLOSING_NOTE),
            verified_only=True,
        )
    return period


def period_delete(*, by, period: PemutakhiranPeriod) -> None:
    """Deletes a period opened by mistake, with its checks (history keeps them)."""
    delete_recorded(period, by=by)


def open_period_for(wksbm: Wksbm, on: datetime.date | None = None) -> PemutakhiranPeriod | None:
    """The period open on `on` (today) whose area holds `wksbm`, or None. One query."""
    on = on or dates.today()
    return PemutakhiranPeriod.objects.open_on(on).covering(wksbm.wilayah_id).order_by("-starts_on").first()


def wksbm_check(*, by, wksbm: Wksbm) -> tuple[PemutakhiranCheck, bool]:
    """Confirms that `wksbm`'s data was checked ("Data sudah diperiksa") in the period open today for its area,
    by `by`, now. Returns the check and whether it is new: a WKSBM already checked in the period keeps its first
    check (sending twice, even at once, records once). Refused outside an open period and for a dissolved WKSBM."""
    if wksbm.status == WksbmStatus.BUBAR:
        raise ValidationError(DISSOLVED, code="pemutakhiran_check_dissolved")
    period = open_period_for(wksbm)
    if period is None:
        raise ValidationError(NO_OPEN_PERIOD, code="pemutakhiran_no_open_period")
    existing = PemutakhiranCheck.objects.filter(period=period, wksbm=wksbm).first()
    if existing is not None:
        return existing, False
    check = PemutakhiranCheck(period=period, wksbm=wksbm, checked_by=by, checked_at=timezone.now())
    check._history_user = by
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:
        # The same confirmation sent at once: the first one is kept.
        return PemutakhiranCheck.objects.get(period=period, wksbm=wksbm), False
    return check, True


def close_ended_periods(*, on: datetime.date | None = None) -> list[PemutakhiranPeriod]:
    """Closes, as the system (`period_close` with `by` None), every period still open whose last day is before
    `on` (today), each with its frozen rekap, oldest first; returns those closed. Running it again closes nothing
    more: a closed period is left as it is. A period whose close fails is left open and the error raised, those
    closed before it stay closed (each closes in its own transaction)."""
    on = on or dates.today()
    ended = PemutakhiranPeriod.objects.filter(closed_at__isnull=True, ends_on__lt=on).order_by("ends_on", "pk")
    closed = []
    for period in ended.select_related("wilayah"):
        closed.append(period_close(by=None, period=period))
    return closed
