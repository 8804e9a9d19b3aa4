"""The forums on the field pages, read-only: the list of those the user sees, and a forum's SK, board, members and
meetings with attendance."""

import datetime

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.models import PengurusRole, Wilayah
from tests.factories import WksbmFactory
from tests.registry.network.conftest import GUNUNGKIDUL, SEMANU_CANDIREJO, SEMIN, SEMIN_CANDIREJO, SLEMAN
from tests.registry.network.factories import (
    ForumAttendanceFactory,
    ForumFactory,
    ForumMeetingFactory,
    ForumMemberFactory,
    ForumPengurusFactory,
)

pytestmark = pytest.mark.usefixtures("diy")


def place(code):
    return Wilayah.objects.get(code=code)


def role(slug):
    return PengurusRole.objects.get(slug=slug)


@pytest.fixture
def forum():
    """The Gunungkidul forum: a ketua only (incomplete board), a past secretary, members from Semanu and Semin, one
    meeting attended by both."""
    forum = ForumFactory(name="Forum WKSBM Gunungkidul", wilayah=place(GUNUNGKIDUL), sk_number="188/12/KPTS/2020")
    ForumPengurusFactory(forum=forum, name="Haryanto", role=role("ketua"))
    ForumPengurusFactory(forum=forum, name="Sri Lestari", role=role("sekretaris"), period_to=datetime.date(2023, 1, 1))
    semanu = ForumMemberFactory(
        forum=forum, wksbm__name="WKSBM Candirejo Semanu", wksbm__wilayah=place(SEMANU_CANDIREJO)
    )
    semin = ForumMemberFactory(forum=forum, wksbm__name="WKSBM Candirejo Semin", wksbm__wilayah=place(SEMIN_CANDIREJO))
    meeting = ForumMeetingFactory(forum=forum, date=datetime.date(2025, 6, 17))
    ForumAttendanceFactory(meeting=meeting, wksbm=semanu.wksbm, persons=3)
    ForumAttendanceFactory(meeting=meeting, wksbm=semin.wksbm, persons=2)
    return forum


def test_the_forum_page_shows_sk_board_members_and_meetings(client, penyuluh, forum):
    client.force_login(penyuluh)

    response = client.get(reverse("forum_detail", args=[forum.pk]))

    body = response.content.decode()
    assert "188/12/KPTS/2020" in body
    assert [p.name for p in response.context["current_pengurus"]] == ["Haryanto"]
    assert [p.name for p in response.context["past_pengurus"]] == ["Sri Lestari"]
    assert "Kepengurusan belum lengkap" in body
    assert [m.shown for m in response.context["current_members"]] == [
        "WKSBM Candirejo Semanu",
        "(di luar wilayah Anda)",
    ]
    assert "WKSBM Candirejo Semin" not in body
    assert "WKSBM Candirejo Semanu (3 orang)" in body


def test_the_forum_list_holds_the_forums_the_user_sees(client, make_user, forum):
    ForumFactory(name="Forum WKSBM Sleman", wilayah=place(SLEMAN))
    semin = ForumFactory(name="Forum WKSBM Kapanewon Semin", wilayah=place(SEMIN))
    client.force_login(make_user("penyuluh_semin", Role.PENYULUH, SEMIN))

    response = client.get(reverse("forum_list"))

    assert [(f.name, f.member_count) for f in response.context["forums"]] == [
        ("Forum WKSBM Gunungkidul", 2),
        (semin.name, 0),
    ]


def test_a_forum_outside_the_area_answers_404(client, make_user, forum):
    client.force_login(make_user("operator_sleman", Role.KABUPATEN, SLEMAN))

    assert client.get(reverse("forum_detail", args=[forum.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 6])
def test_the_forum_page_costs_the_same_queries_for_few_or_many_rows(
    client, penyuluh, forum, django_assert_num_queries, count
):
    for _number in range(count):
        member = ForumMemberFactory(forum=forum, wksbm=WksbmFactory(wilayah=place(SEMANU_CANDIREJO)))
        ForumPengurusFactory(forum=forum)
        meeting = ForumMeetingFactory(forum=forum)
        ForumAttendanceFactory(meeting=meeting, wksbm=member.wksbm)
    client.force_login(penyuluh)

    # Savepoint and release, session, user, areas, the forum, its board, the required roles, its members, its
    # meetings and their attendance, the permissions (user's, groups') for the menu; the attachments section one
    # (`{% attachment_section %}`: the attachments; a penyuluh may not change a forum, so no check of its area).
    with django_assert_num_queries(14 + 1):
        client.get(reverse("forum_detail", args=[forum.pk]))
    # The list: the same up to the areas, then the forums with their member counts, and the permissions.
    with django_assert_num_queries(9):
        client.get(reverse("forum_list"))
