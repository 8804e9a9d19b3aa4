"""Scoped reads of the trainings app and its derived figures.

Every figure is a correlated subquery annotated on the rows (one per figure, never one query per row), so a
list of events or programs costs one query however long it is.
"""

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from registry.reports.percent import whole_percent
from registry.scoping import ScopedQuerySetMixin
from trainings.enums import OutcomeKind


def _model(name: str):
    from django.apps import apps

    return apps.get_model("trainings", name)


def _aggregate(rows: models.QuerySet, group_by: str, aggregate) -> Coalesce:
    """`aggregate` over `rows` (already narrowed to one outer row) as an integer subquery, 0 when none match.

    `group_by` names a column that has a single value among `rows`, so the subquery yields at most one row.
    """
    subquery = rows.order_by().values(group_by).annotate(figure=aggregate).values("figure")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), Value(0))


def achievement_percent(achieved: int | None, target: int | None) -> int | None:
    """`achieved` as a whole percentage of `target`, rounded down (100% only when the target is met); None
    without a positive target."""
    return whole_percent(achieved, target)


class PenyuluhanQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of events. `for_user` keeps the events held in a user's areas, by the event's wilayah."""

    area_field = "wilayah__code"

    def with_totals(self) -> "PenyuluhanQuerySet":
        """Annotates `named_count` (peserta by name), `counted_total` (sum of counts per unsur),
        `participant_total` (both), `narasumber_count` and `formed_count` (WKSBM formed after the event)."""
        named = _aggregate(_model("Peserta").objects.filter(event=OuterRef("pk")), "event", Count("pk"))
        counted = _aggregate(_model("PesertaCount").objects.filter(event=OuterRef("pk")), "event", Sum("count"))
        narasumber = _aggregate(_model("Narasumber").objects.filter(event=OuterRef("pk")), "event", Count("pk"))
        formed = _aggregate(
            _model("Outcome").objects.filter(event=OuterRef("pk"), kind=OutcomeKind.FORMED), "event", Count("wksbm")
        )
        return self.annotate(
            named_count=named,
            counted_total=counted,
            participant_total=named + counted,
            narasumber_count=narasumber,
            formed_count=formed,
        )

    def in_year(self, year: int) -> "PenyuluhanQuerySet":
        """Events that started in `year`."""
        return self.filter(starts_on__year=year)


class ProgramQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of programs, scoped by the wilayah a program covers."""

    area_field = "wilayah__code"

    def with_figures(self) -> "ProgramQuerySet":
        """Annotates `event_count`, `participant_total` (named peserta plus counts, over all its events),
        `narasumber_count` (appearances: one person at three events counts three times), and `formed_count` /
        `revived_count`: distinct WKSBM with an outcome of that kind linked to the program or to one of its
        events (a WKSBM recorded after two of its events counts once). See `Program.achievement_percent`."""

        def outcomes(kind):
            # The program's events as a subquery rather than a join: joined, PostgreSQL scanned every event for
            # each program (5 ms a program over 20,000 events, bench/report_speed.py).
            events = _model("Penyuluhan").objects.filter(program=OuterRef(OuterRef("pk"))).values("pk")
            rows = _model("Outcome").objects.filter(Q(program=OuterRef("pk")) | Q(event__in=events), kind=kind)
            return _aggregate(rows, "kind", Count("wksbm", distinct=True))

        in_program = {"event__program": OuterRef("pk")}
        named = _aggregate(_model("Peserta").objects.filter(**in_program), "event__program", Count("pk"))
        counted = _aggregate(_model("PesertaCount").objects.filter(**in_program), "event__program", Sum("count"))
        return self.annotate(
            event_count=_aggregate(_model("Penyuluhan").objects.filter(program=OuterRef("pk")), "program", Count("pk")),
            participant_total=named + counted,
            narasumber_count=_aggregate(
                _model("Narasumber").objects.filter(**in_program), "event__program", Count("pk")
            ),
            formed_count=outcomes(OutcomeKind.FORMED),
            revived_count=outcomes(OutcomeKind.REVIVED),
        )


class EventPartQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of what hangs off an event (narasumber, peserta, counts), scoped by the event's wilayah."""

    area_field = "event__wilayah__code"


class OutcomeQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of outcomes, scoped by the wilayah of the WKSBM formed or revived."""

    area_field = "wksbm__wilayah__code"
