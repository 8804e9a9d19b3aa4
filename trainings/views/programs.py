"""Server-rendered pages of the trainings app: programs, the event report and the printable attendance sheet.

Every page needs a login and reads through `for_user`, so an object outside the user's areas answers 404
exactly like one that does not exist.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from registry.attachments.photos import LATEST_PHOTOS, latest_photos
from registry.documents import printed_document
from trainings import reports
from trainings.models import Penyuluhan, Program


def _program(request, pk: int) -> Program:
    programs = Program.objects.for_user(request.user).with_figures().select_related("wilayah__parent")
    return get_object_or_404(programs, pk=pk)


def _event(request, pk: int, *, held: bool = False) -> Penyuluhan:
    """The event `pk` the user sees (`for_user`), or with `held` only one held in their area (a document naming
    every participant); 404 otherwise."""
    events = Penyuluhan.objects.held_in_area(request.user) if held else Penyuluhan.objects.for_user(request.user)
    return get_object_or_404(events.with_totals().select_related(*reports.EVENT_RELATED), pk=pk)


@login_required
def program_list(request):
    """The programs in the user's areas, newest first, with their figures."""
    programs = Program.objects.for_user(request.user).with_figures().select_related("wilayah__parent")
    return render(request, "trainings/program_list.html", {"programs": programs})


@login_required
def program_detail(request, pk: int):
    """A program: its events with their totals, participants by unsur, and target against WKSBM formed."""
    report = reports.program_report(_program(request, pk), user=request.user)
    return render(request, "trainings/program_detail.html", {"report": report, "program": report.program})


@login_required
def program_report(request, pk: int):
    """The printable report of a program (A4, under the kop surat, with a signature block)."""
    report = reports.program_report(_program(request, pk), user=request.user)
    context = {"report": report, "program": report.program, **printed_document(request, report.program.wilayah)}
    return render(request, "trainings/program_report.html", context)


@login_required
def event_report(request, pk: int):
    """The printable report of an event (A4, under the kop surat, with a signature block): who came by unsur,
    narasumber, outcomes, stage notes, its latest photos."""
    report = reports.event_report(_event(request, pk), user=request.user)
    context = {
        "report": report,
        "event": report.event,
        "photos": latest_photos(report.event, LATEST_PHOTOS),
        **printed_document(request, report.event.wilayah),
    }
    return render(request, "trainings/event_report.html", context)


@login_required
def attendance_sheet(request, pk: int):
    """The printable attendance sheet (*daftar hadir*) of an event (A4, under the kop surat, with a signature
    block): numbered lines to sign."""
    event = _event(request, pk, held=True)
    context = {"event": event, "rows": reports.attendance_rows(event), **printed_document(request, event.wilayah)}
    return render(request, "trainings/attendance_sheet.html", context)
