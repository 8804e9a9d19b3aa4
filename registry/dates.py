"""Date helpers for the registry's rules."""

import contextlib
import contextvars
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The violation code of a date after today: a form may word its message by this code (`Meta.error_messages`).
FUTURE_DATE = "future_date"
IN_FUTURE = _("Tanggal tidak boleh di masa depan.")

# A WKSBM with no report for this many months is flagged as possibly dormant (mati suri).
DORMANT_AFTER_MONTHS = 12


_pinned_today: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar("pinned_today", default=None)


def today() -> datetime.date:
    """Today in the project's time zone (Asia/Jakarta), not the server's; within `one_day()`, the day it began."""
    pinned = _pinned_today.get()
    return timezone.localdate() if pinned is None else pinned


@contextlib.contextmanager
def one_day():
    """Within this block `today()` stays the day the block began on: a whole-file import judges every row, and
    every model rule it runs, as of one day (even across midnight), and reads the clock once, not once a row
    (the time zone lookup behind it costs more than the rest of a row's date rules). A nested block keeps the
    outer day."""
    if _pinned_today.get() is not None:
        yield
        return
    token = _pinned_today.set(timezone.localdate())
    try:
        yield
    finally:
        _pinned_today.reset(token)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier, clamped to the month's end (29 Feb → 28 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def dormant_cutoff(on: datetime.date | None = None) -> datetime.date:
    """Reports dated before this day do not keep a WKSBM from being flagged as possibly dormant."""
    return months_before(on or today(), DORMANT_AFTER_MONTHS)


def future_date_errors(instance, fields, message=IN_FUTURE) -> dict[str, ValidationError]:
    """The one rule "not in the future": {field: error (code `FUTURE_DATE`)} for each of `fields` of `instance`
    dated after `today()`; empty when none is."""
    return {
        field: ValidationError(message, code=FUTURE_DATE)
        for field in fields
        if getattr(instance, field) is not None and getattr(instance, field) > today()
    }
