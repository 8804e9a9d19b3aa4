"""When a tie (jejaring) or a forum membership is active: the one rule, in SQL and on a row in memory.

A tie runs from `started_on` to `ended_on`. Its end date is the day it ended ("Akhiri jejaring"): from that day it
is past. An end date ahead (an MoU that runs until a later date) keeps it active until then; a tie whose start
is ahead is not yet active.
"""

from django.db.models import Q


def active_q(on, prefix: str = "") -> Q:
    """The ties (at the lookup `prefix`) active on the day `on`."""
    return Q(**{f"{prefix}started_on__lte": on}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": on})
    )


def is_active(started_on, ended_on, on) -> bool:
    """`active_q` for one tie in memory."""
    return started_on is not None and started_on <= on and (ended_on is None or ended_on > on)


def periods_overlap(start_a, end_a, start_b, end_b) -> bool:
    """Whether two periods (an end of None runs on) share a day before either's end: [start, end) intervals."""
    return (end_b is None or start_a < end_b) and (end_a is None or start_b < end_a)
