"""What the registry already knows about a WKSBM, as the facts an evaluation's answers are pre-filled from.

For a WKSBM, or a list of them in a fixed number of queries (`facts_for_many`, four), the value of each
`Fact` as a whole number, or None when unknown:

- SK present: 1 when the WKSBM has an SK number or date, else 0;
- board complete: 1 when every required role (ketua, sekretaris) has a current holder (the registry's rule,
  `VacantRequiredRole`), else 0;
- months since the last report or visit: whole months since `last_contact_dates` (the latest activity report or
  visit), or since the WKSBM was formed when it never reported; None when neither is known;
- funds raised from the community this year: Rupiah collected from `COMMUNITY_FUND_SOURCES` in the WKSBM's
  reports dated this year;
- share of the current pengurus who attended a training: a whole percentage of the current pengurus linked to a
  participant of a penyuluhan event (`Peserta.pengurus`); None without current pengurus.

`prefill` maps the facts to the indicators' options (`AnswerOption.stands_for`).
"""

import datetime
from collections import defaultdict

from django.db.models import BooleanField, ExpressionWrapper, Max, Q, Sum

from registry import dates
from registry.models import ActivityReport, FundCollection, Pengurus, Wksbm
from registry.querysets import VacantRequiredRole
from registry.reports.percent import whole_percent
from trainings.models import Kunjungan, Peserta
from trainings.models.evaluation import AnswerOption, Fact, Indicator

# Fund sources (slugs of `FundSource`) that are the community's own money, not government or company money.
COMMUNITY_FUND_SOURCES = ("swadaya", "perantau")


def whole_months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from `earlier` to `later` (0 within the first month; never negative)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (1 if later.day < earlier.day else 0)
    return max(months, 0)


def last_contact_dates(wksbm_ids) -> dict[int, datetime.date]:
    """The date of each WKSBM's last activity report or visit (kunjungan), for those with one. One query."""
    ids = list(wksbm_ids)
    reports = ActivityReport.objects.filter(wksbm_id__in=ids).values_list("wksbm_id").annotate(last=Max("date"))
    visits = Kunjungan.objects.filter(wksbm_id__in=ids).values_list("wksbm_id").annotate(last=Max("date"))
    latest = {}
    for wksbm_id, last in reports.order_by().union(visits.order_by(), all=True):
        latest[wksbm_id] = max(last, latest.get(wksbm_id, last))
    return latest


def facts_for_many(wksbm_ids, on: datetime.date | None = None) -> dict[int, dict[str, int | None]]:
    """The facts (`Fact` code → value) of each WKSBM of `wksbm_ids` on the day `on` (today). Four queries."""
    on = on or dates.today()
    ids = list(wksbm_ids)
    forums = Wksbm.objects.filter(pk__in=ids).annotate(vacant=VacantRequiredRole(on, for_each_row=True))
    base = {row["pk"]: row for row in forums.values("pk", "sk_number", "sk_date", "formed_on", "vacant")}
    contact = last_contact_dates(ids)
    funds = (
        FundCollection.objects.filter(
            report__wksbm_id__in=ids, report__date__year=on.year, source__slug__in=COMMUNITY_FUND_SOURCES
        )
        .values("report__wksbm_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    funds_by = {row["report__wksbm_id"]: row["total"] for row in funds}
    trained_ids = Peserta.objects.filter(pengurus__isnull=False).values("pengurus_id")
    board = defaultdict(lambda: [0, 0])
    current = Pengurus.objects.current(on).filter(wksbm_id__in=ids)
    for wksbm_id, trained in _trained_rows(current, trained_ids):
        board[wksbm_id][0] += 1
        board[wksbm_id][1] += trained
    facts = {}
    for pk, row in base.items():
        since = contact.get(pk) or row["formed_on"]
        people, trained = board.get(pk, (0, 0))
        facts[pk] = {
            Fact.SK_PRESENT: int(bool(row["sk_number"] or row["sk_date"])),
            Fact.BOARD_COMPLETE: int(not row["vacant"]),
            Fact.MONTHS_SINCE_CONTACT: None if since is None else whole_months_between(since, on),
            Fact.FUNDS_THIS_YEAR: funds_by.get(pk) or 0,
            Fact.TRAINED_SHARE: whole_percent(trained, people) if people else None,
        }
    return facts


def _trained_rows(current, trained_ids):
    """(wksbm id, 1 or 0) for each current pengurus: whether they attended a training."""
    rows = current.annotate(trained=ExpressionWrapper(Q(pk__in=trained_ids), output_field=BooleanField()))
    rows = rows.values_list("wksbm_id", "trained").order_by()
    return ((wksbm_id, int(bool(trained))) for wksbm_id, trained in rows)


def facts_for(wksbm: Wksbm, on: datetime.date | None = None) -> dict[str, int | None]:
    """The facts of one WKSBM (`facts_for_many`)."""
    return facts_for_many([wksbm.pk], on)[wksbm.pk]


def option_for_fact(options, value: int | None) -> AnswerOption | None:
    """The first of `options` (in their order) that stands for the fact `value`, or None."""
    return next((option for option in options if option.stands_for(value)), None)


def prefill(indicators: list[Indicator], facts: dict[str, int | None]) -> dict[int, AnswerOption]:
    """The pre-filled option of each indicator (by pk) that names a fact whose value one of its options stands
    for. Reads the indicators' prefetched `options`; no query."""
    found = {}
    for indicator in indicators:
        if indicator.fact:
            option = option_for_fact(list(indicator.options.all()), facts.get(indicator.fact))
            if option is not None:
                found[indicator.pk] = option
    return found
