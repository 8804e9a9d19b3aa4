"""What the program page, the event report and the attendance sheet show, each in a fixed number of queries.

The functions take objects the caller has already scoped (`for_user`), and the user: what hangs off those objects
may lie elsewhere (an event's outcome WKSBM in another kecamatan of its kabupaten, an event of another kecamatan
left in a program narrowed since), so the lists they return keep only what lies in the user's area
(`registry.scoping.shown_name`). Figures count everything.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from trainings.models import Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Program, Unsur

# What an event row needs to name its place and kind without further queries.
EVENT_RELATED = ("kind", "program", "wilayah__parent__parent")


@dataclass(frozen=True)
class UnsurRow:
    """Participants of one unsur: `named` by name, `counted` by headcount."""

    unsur: Unsur
    named: int
    counted: int

    @property
    def total(self) -> int:
        return self.named + self.counted


@dataclass(frozen=True)
class AttendanceRow:
    """One numbered line of the attendance sheet; a blank line has no `peserta`."""

    number: int
    peserta: Peserta | None = None


@dataclass
class EventReport:
    """An event with its totals, who came by unsur, its narasumber and the WKSBM it formed or revived."""

    event: Penyuluhan
    by_unsur: list[UnsurRow]
    narasumber: list[Narasumber]
    outcomes: list[Outcome]


@dataclass
class ProgramReport:
    """A program with its figures (`Program.with_figures`), its events with their totals, and the totals by unsur."""

    program: Program
    events: list[Penyuluhan]
    by_unsur: list[UnsurRow]
    outcomes: list[Outcome]


def participants_by_unsur(events) -> list[UnsurRow]:
    """Named participants and headcounts per unsur over the queryset `events`, in the list's order (3 queries).

    Unsur nobody came from are left out.
    """
    named = dict(Peserta.objects.filter(event__in=events).order_by().values_list("unsur").annotate(n=Count("pk")))
    counted = dict(
        PesertaCount.objects.filter(event__in=events).order_by().values_list("unsur").annotate(n=Sum("count"))
    )
    rows = [UnsurRow(unsur, named.get(unsur.pk, 0), counted.get(unsur.pk, 0)) for unsur in Unsur.objects.all()]
    return [row for row in rows if row.total]


def _in_area(queryset, user):
    """`queryset` as `user` may see it; everything when there is no user (a command, a test of the figures)."""
    return queryset if user is None else queryset.for_user(user)


def event_report(event: Penyuluhan, *, user=None) -> EventReport:
    """The printable report of `event`, which must come from `Penyuluhan.objects.with_totals()`; its outcomes
    those in `user`'s area."""
    events = Penyuluhan.objects.filter(pk=event.pk)
    outcomes = _in_area(event.outcomes.all(), user).select_related("wksbm__wilayah__parent__parent")
    return EventReport(
        event=event,
        by_unsur=participants_by_unsur(events),
        narasumber=list(event.narasumber.all()),
        outcomes=list(outcomes.order_by("kind", "wksbm__name")),
    )


def attendance_rows(event: Penyuluhan) -> list[AttendanceRow]:
    """The lines of the attendance sheet of `event` (from `with_totals()`): named participants, then blanks.

    Blank lines fill the sheet up to the expected number of participants, or when none is set the number
    recorded so far (headcounts included), so that people known only by count have a line to sign.
    """
    peserta = list(event.peserta.select_related("unsur", "origin").order_by("pk"))
    expected = max(event.expected_participants or 0, event.participant_total, len(peserta))
    rows = [AttendanceRow(number, person) for number, person in enumerate(peserta, start=1)]
    rows += [AttendanceRow(number) for number in range(len(peserta) + 1, expected + 1)]
    return rows


def program_report(program: Program, *, user=None) -> ProgramReport:
    """The page and report of `program`, which must come from `Program.objects.with_figures()`; its events and
    outcomes those in `user`'s area."""
    events = Penyuluhan.objects.filter(program=program)
    outcomes = (
        _in_area(Outcome.objects.filter(Q(program=program) | Q(event__program=program)), user)
        .select_related("wksbm__wilayah__parent__parent", "event")
        .order_by("kind", "wksbm__wilayah_id", "wksbm__name")
    )
    return ProgramReport(
        program=program,
        events=list(_in_area(events, user).with_totals().select_related(*EVENT_RELATED)),
        by_unsur=participants_by_unsur(events),
        outcomes=list(outcomes),
    )
