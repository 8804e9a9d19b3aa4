"""The network on the Profil WKSBM: the WKSBM's active and past ties, and the forums it belongs or belonged to.

A registry section of the Profil, shown through `registry.extensions.profile_sections` after the board, the
members and the reports. The other end of a tie is named only when it lies in the reader's area
(`registry.scoping.shown_name`: a WKSBM elsewhere reads "(di luar wilayah Anda)"; a mitra's name is public).
"""

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.models import ForumMember, Jejaring, Wksbm
from registry.scoping import shown_name


@dataclass(frozen=True)
class TieLine:
    """One tie seen from the WKSBM: who is at the other end (its name as the reader may see it and what it is: a
    mitra kind or "WKSBM"), the tie's kind, its period and its basis (MoU/PKS)."""

    other: str
    other_kind: str
    kind: str
    started_on: datetime.date
    ended_on: datetime.date | None
    basis_number: str
    basis_date: datetime.date | None


def tie_line(tie: Jejaring, wksbm: Wksbm, user) -> TieLine:
    """`tie` seen from `wksbm`, named for `user` (no query: load the other end with the tie)."""
    other = tie.other_end(wksbm)
    return TieLine(
        other=shown_name(user, other),
        other_kind=str(other.kind) if tie.mitra_id else str(_("WKSBM")),
        kind=str(tie.kind),
        started_on=tie.started_on,
        ended_on=tie.ended_on,
        basis_number=tie.basis_number,
        basis_date=tie.basis_date,
    )


def network_profile(wksbm: Wksbm, user, *, on: datetime.date | None = None) -> dict:
    """The network of `wksbm` (already scoped by the caller) as `user` may read it on the day `on` (today by
    default): `active_ties` and `past_ties` (`TieLine`, newest first) and `forum_memberships` (current first).
    Two queries."""
    on = on or dates.today()
    ties = (
        Jejaring.objects.for_user(user)
        .of_wksbm(wksbm)
        .select_related("kind", "mitra__kind", "wksbm__wilayah", "partner_wksbm__wilayah")
        .order_by("-started_on", "-pk")
    )
    lines = [(tie.is_active(on), tie_line(tie, wksbm, user)) for tie in ties]
    memberships = (
        ForumMember.objects.for_user(user)
        .filter(wksbm=wksbm)
        .select_related("forum__wilayah")
        .order_by(F("left_on").desc(nulls_first=True), "-joined_on", "forum__name", "pk")
    )
    return {
        "active_ties": [line for active, line in lines if active],
        "past_ties": [line for active, line in lines if not active],
        "forum_memberships": list(memberships),
    }


SECTION = extensions.ProfileSection(
    key="jejaring",
    title=_("Jejaring"),
    order=50,
    template="registry/network/profile_section.html",
    context=network_profile,
)
