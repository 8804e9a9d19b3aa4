"""Scoped reads of the trainings app and its derived figures.

Every figure is a correlated subquery annotated on the rows (one per figure, never one query per row), so a
list of events or programs costs one query however long it is.
"""

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from registry.reports.percent import whole_percent
from registry.scoping import ScopedQuerySetMixin, area_codes, area_q
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


def linked_in_area_q(user, prefix: str = "") -> Q:
    """Participants (`Peserta`, at the lookup `prefix`) linked to a pengurus of a WKSBM, or to a KPS, lying in
    `user`'s area: the people of the area who took part."""
    return area_q(user, f"{prefix}pengurus__wksbm__wilayah__code") | area_q(user, f"{prefix}kps__wilayah__code")


class PenyuluhanQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of events.

    Who sees an event (`for_user`): the users whose area holds the event's place (`held_in_area`), and the users
    whose area holds the WKSBM of one of its participants (a participant linked to a pengurus of a WKSBM, or to
    a KPS, in the area): a Gunungkidul operator sees the provincial bimtek its pengurus attended. What such a user
    sees of the participants is `PesertaQuerySet.for_user`: those of their area by name, the others only as
    counts. Writing to an event (participants, counts, narasumber, outcomes, its attendance sheet and import)
    stays with the users of its place (`held_in_area`), and the rekap counts an event once, where it was held
    (`area_field`, the place).
    """

    area_field = "wilayah__code"

    def held_in_area(self, user) -> "PenyuluhanQuerySet":
        """The events held in `user`'s areas, by the event's wilayah (a provinsi-level event: by the province)."""
        return self.filter(area_q(user, self.area_field))

    def for_user(self, user) -> "PenyuluhanQuerySet":
        """The events held in `user`'s areas or attended by a participant of their area (see the class)."""
        if area_codes(user) is None:
            return self.all()  # a superuser: everything (an empty Q would vanish from the OR below)
        # `pk IN (events of the area's linked participants)` rather than an EXISTS per event: PostgreSQL reads the
        # area's participants once (from its pengurus and KPS) instead of probing each event of the table.
        attended = _model("Peserta").objects.filter(linked_in_area_q(user)).values("event_id")
        return self.filter(area_q(user, self.area_field) | Q(pk__in=attended))

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
    """Reads of what hangs off an event (narasumber, counts): seen by whoever sees the event
    (`PenyuluhanQuerySet.for_user`). `area_field` is the event's place: a part outside the user's area is named
    as such (`registry.scoping.shown_name`)."""

    area_field = "event__wilayah__code"

    def for_user(self, user):
        return self.filter(event__in=_model("Penyuluhan").objects.for_user(user).values("pk"))

    def held_in_area(self, user):
        """The parts of the events held in `user`'s area."""
        return self.filter(area_q(user, self.area_field))


class PesertaQuerySet(EventPartQuerySet):
    """Reads of named participants, which are personal data.

    `for_user`: every participant of an event held in the user's area; of any other event the user sees (one
    attended by people of their area), only the participants linked to a pengurus or a KPS of their area. The
    other participants are shown to that user only as counts (`Penyuluhan.with_totals`), never by name.
    """

    def for_user(self, user):
        if area_codes(user) is None:
            return self.all()
        return self.filter(area_q(user, self.area_field) | linked_in_area_q(user))


class OutcomeQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of outcomes, scoped by the wilayah of the WKSBM formed or revived."""

    area_field = "wksbm__wilayah__code"
