"""Writes to the Forum Komunikasi WKSBM: the forum itself, its board (`ForumPengurus`), its member WKSBM, its
meetings and their attendance. Every function is keyword-only and takes `by`, the acting user; the admin calls them.

Each validates with the models' rules (`registry.models.forum`: named constraints and `clean()`, with Indonesian
messages), writes in one transaction and leaves history naming `by`; on a broken rule it raises ValidationError
and saves nothing. Who may write (`ForumQuerySet.in_wilayah`, the roles) is the caller's check.
"""

import datetime

from registry import dates
from registry.models import ForumAttendance, ForumKomunikasi, ForumMeeting, ForumMember, ForumPengurus
from registry.services.base import delete_recorded, save_validated

# What hangs off a forum and is written row by row: the board, the members, the meetings and their attendance.
ForumPart = ForumPengurus | ForumMember | ForumMeeting | ForumAttendance


def forum_create(*, by, **fields) -> ForumKomunikasi:
    """Creates a forum from the model's `fields` (name, wilayah, formed_on, sk_number, sk_date, sk_signed_by,
    address, notes)."""
    return save_validated(ForumKomunikasi(**fields), by=by)


def forum_update(*, by, forum: ForumKomunikasi, **changes) -> ForumKomunikasi:
    """Changes the given fields of `forum` (none: saves it as it stands, validated)."""
    for name, value in changes.items():
        setattr(forum, name, value)
    return save_validated(forum, by=by)


def forum_delete(*, by, forum: ForumKomunikasi) -> None:
    """Deletes `forum` with its board, members and meetings (history keeps them)."""
    delete_recorded(forum, by=by)


def forum_part_save(*, by, part: ForumPart, **changes) -> ForumPart:
    """Adds or changes one board member, member WKSBM, meeting or attendance of a forum (`part`, with its forum or
    meeting set), with the given field `changes`."""
    for name, value in changes.items():
        setattr(part, name, value)
    return save_validated(part, by=by)


def forum_part_delete(*, by, part: ForumPart) -> None:
    """Removes one board member, member, meeting (with its attendance) or attendance entered by mistake."""
    delete_recorded(part, by=by)


def member_leave(*, by, member: ForumMember, on: datetime.date | None = None) -> ForumMember:
    """Records that a WKSBM left the forum on `on` (today by default)."""
    return forum_part_save(by=by, part=member, left_on=on or dates.today())
