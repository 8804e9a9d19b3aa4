"""The Forum Komunikasi WKSBM on the field pages, read-only (the office keeps them in the admin): the forums the
user sees, and one forum's SK, board, member WKSBM and meetings with the WKSBM that attended."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from registry import dates
from registry.models import ForumAttendance, ForumKomunikasi
from registry.reports.profile import board
from registry.scoping import in_area, shown_name

# Meetings shown on a forum's page, newest first.
MEETINGS_SHOWN = 20


@login_required
def forum_list(request):
    """The forums the user sees (`ForumQuerySet.for_user`), by wilayah, with their current member count. One
    query whatever their number."""
    forums = (
        ForumKomunikasi.objects.for_user(request.user)
        .select_related("wilayah")
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("wilayah_id", "name", "pk")
    )
    return render(request, "registry/network/forum_list.html", {"forums": list(forums)})


@login_required
def forum_detail(request, pk: int):
    """A forum the user sees (404 otherwise): SK, level, wilayah, its board (current and past, with the required
    roles nobody holds, by the WKSBM board's rule), member WKSBM with their join and leave dates, and the latest
    `MEETINGS_SHOWN` meetings with the WKSBM that attended. A member WKSBM outside the user's area is named
    "(di luar wilayah Anda)", unlinked. A fixed number of queries whatever the rows."""
    user = request.user
    forum = get_object_or_404(ForumKomunikasi.objects.for_user(user).select_related("wilayah__parent"), pk=pk)
    people = list(forum.pengurus.select_related("role").order_by("role__sort_order", "name", "pk"))
    members = list(forum.members.select_related("wksbm__wilayah").order_by("left_on", "wksbm__name", "pk"))
    for member in members:
        member.shown = shown_name(user, member.wksbm)
        member.linked = in_area(user, member.wksbm.wilayah_id)
    attendance = ForumAttendance.objects.select_related("wksbm").order_by("wksbm__name", "pk")
    meetings = list(
        forum.meetings.select_related("kind").prefetch_related(Prefetch("attendance", queryset=attendance))[
            :MEETINGS_SHOWN
        ]
    )
    for meeting in meetings:
        for present in meeting.attendance.all():
            present.shown = shown_name(user, present.wksbm)
    context = {
        "forum": forum,
        **board(people, on=dates.today()),
        "current_members": [m for m in members if m.left_on is None],
        "past_members": [m for m in members if m.left_on is not None],
        "meetings": meetings,
    }
    return render(request, "registry/network/forum_detail.html", context)
