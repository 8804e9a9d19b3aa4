"""Date helpers for the registry's rules."""

import datetime

from django.utils import timezone

# A WKSBM with no report for this many months is flagged as possibly dormant (mati suri).
DORMANT_AFTER_MONTHS = 12


def today() -> datetime.date:
    """Today in the project's time zone (Asia/Jakarta), not the server's."""
    return timezone.localdate()


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
