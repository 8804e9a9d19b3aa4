"""The network's records in the tests that cover every admin: the access matrix's world (`tests/test_access_matrix.py`:
one of each record the network's admin registers, all in the world's area, Candirejo, Semanu, Gunungkidul, by admin
model name) and the stale pages of `tests/registry/test_admin_edit_conflicts.py`."""

import datetime

from registry.models import (
    ForumAttendance,
    ForumKomunikasi,
    ForumMeeting,
    ForumMember,
    ForumPengurus,
    Jejaring,
    JejaringKind,
    Mitra,
    MitraContact,
    MitraKind,
    Wilayah,
)
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
    contact = MitraContactFactory(mitra=mitra)
    tie = JejaringFactory(wksbm=wksbm, mitra=mitra)
    forum = ForumFactory(name="Forum Matriks", wilayah=Wilayah.objects.get(code=wksbm.wilayah.parent_id))
    ForumPengurusFactory(forum=forum)
    ForumMemberFactory(forum=forum, wksbm=wksbm, joined_on=datetime.date(2020, 4, 1))
    meeting = ForumMeetingFactory(forum=forum)
    ForumAttendanceFactory(meeting=meeting, wksbm=wksbm)
    return {
        "mitra": mitra,
        "mitracontact": contact,
        "jejaring": tie,
        "forumkomunikasi": forum,
        "forummeeting": meeting,
        "mitrakind": MitraKind.objects.first(),
        "jejaringkind": JejaringKind.objects.first(),
    }


def reference_entry(model):
    return model.objects.create(name="Entri uji", slug="entri-uji", sort_order=900)


def attended(meeting):
    """A member WKSBM of the meeting's forum, present at it."""
    return ForumAttendanceFactory(meeting=meeting, wksbm=ForumMemberFactory(forum=meeting.forum).wksbm)


# The network's admins for `tests/registry/test_admin_edit_conflicts.py`: how to make each record, the text field
# someone else changes; each inline's parent, and how to make a row with the field someone else changes and to what.
EDIT_CONFLICT_OBJECTS = {
    Mitra: (MitraFactory, "address"),
    Jejaring: (JejaringFactory, "description"),
    MitraKind: (lambda: reference_entry(MitraKind), "name"),
    JejaringKind: (lambda: reference_entry(JejaringKind), "name"),
    ForumKomunikasi: (ForumFactory, "address"),
    ForumMeeting: (ForumMeetingFactory, "place"),
}
EDIT_CONFLICT_PARENTS = {Mitra: MitraFactory, ForumKomunikasi: ForumFactory, ForumMeeting: ForumMeetingFactory}
EDIT_CONFLICT_ROWS = {
    # A phone stored as a form stores it (E.164), so that saving the page again leaves it as it is.
    (Mitra, MitraContact): (
        lambda parent: MitraContactFactory(mitra=parent, phone="+6281234567890"),
        "position",
        "Diubah di tempat lain",
    ),
    (ForumKomunikasi, ForumPengurus): (lambda parent: ForumPengurusFactory(forum=parent), "name", "Diubah lain"),
    (ForumKomunikasi, ForumMember): (
        lambda parent: ForumMemberFactory(forum=parent),
        "left_on",
        datetime.date(2024, 1, 31),
    ),
    (ForumKomunikasi, ForumMeeting): (lambda parent: ForumMeetingFactory(forum=parent), "place", "Diubah lain"),
    (ForumMeeting, ForumAttendance): (attended, "persons", 9),
}
