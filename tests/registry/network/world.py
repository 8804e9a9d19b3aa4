"""The network's records of the access matrix's world (`tests/test_access_matrix.py`): one of each record the
network's admin registers, all in the world's area (Candirejo, Semanu, Gunungkidul), by admin model name."""

import datetime

from registry.models import JejaringKind, MitraKind, Wilayah
from tests.registry.network.factories import (
    ForumAttendanceFactory,
    ForumFactory,
    ForumMeetingFactory,
    ForumMemberFactory,
    ForumPengurusFactory,
    JejaringFactory,
    MitraContactFactory,
    MitraFactory,
)


def network_world(wksbm) -> dict:
    """A kabupaten-level mitra seated in the WKSBM's desa with a contact, its tie with `wksbm`, and the kecamatan's
    forum with a board member, `wksbm` as member, and a meeting it attended."""
    mitra = MitraFactory(name="Mitra Matriks", wilayah=wksbm.wilayah)
    MitraContactFactory(mitra=mitra)
    tie = JejaringFactory(wksbm=wksbm, mitra=mitra)
    forum = ForumFactory(name="Forum Matriks", wilayah=Wilayah.objects.get(code=wksbm.wilayah.parent_id))
    ForumPengurusFactory(forum=forum)
    ForumMemberFactory(forum=forum, wksbm=wksbm, joined_on=datetime.date(2020, 4, 1))
    meeting = ForumMeetingFactory(forum=forum)
    ForumAttendanceFactory(meeting=meeting, wksbm=wksbm)
    return {
        "mitra": mitra,
        "jejaring": tie,
        "forumkomunikasi": forum,
        "forummeeting": meeting,
        "mitrakind": MitraKind.objects.first(),
        "jejaringkind": JejaringKind.objects.first(),
    }
