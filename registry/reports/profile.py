"""What a WKSBM's page and its printable Profil show: its board, members and latest reports with their money. One
read each, whatever the number of rows. Other apps' sections of the Profil are `registry.extensions`'."""

from dataclasses import dataclass

from django.db.models import Prefetch

from registry import dates
from registry.enums import VerificationState
from registry.models import AidDistribution, FundCollection, Pengurus, PengurusRole, Wksbm

LATEST_REPORTS = 10


@dataclass
class WksbmProfile:
    """A WKSBM's board (current and past, with the required roles nobody holds), its member KPS (current and
    past) and its latest reports with the funds collected and the help distributed."""

    current_pengurus: list[Pengurus]
    past_pengurus: list[Pengurus]
    missing_roles: list[PengurusRole]
    current_members: list
    past_members: list
    reports: list

    def context(self) -> dict:
        return dict(self.__dict__)


def board(people, *, on) -> dict:
    """A board's people (a WKSBM's pengurus, a forum's) split by the one rule on the day `on`: `current_pengurus`,
    `past_pengurus` and the required roles nobody holds (`missing_roles`, "kepengurusan belum lengkap"). One query
    (the required roles)."""
    current = [p for p in people if p.is_current(on)]
    held = {p.role_id for p in current}
    return {
        "current_pengurus": current,
        "past_pengurus": [p for p in people if not p.is_current(on)],
        "missing_roles": [role for role in PengurusRole.objects.filter(required=True) if role.pk not in held],
    }


def wksbm_profile(wksbm: Wksbm, *, on=None, verified_only: bool = False) -> WksbmProfile:
    """The profile of `wksbm` (already scoped by the caller) on the day `on` (today by default). Five queries.
    With `verified_only` only verified pengurus, memberships and reports (with their lines) are shown."""
    on = on or dates.today()
    state = {"verification": VerificationState.TERVERIFIKASI} if verified_only else {}
    pengurus = list(wksbm.pengurus.filter(**state).select_related("role").order_by("role__sort_order", "name", "pk"))
    memberships = list(
        wksbm.memberships.filter(**state).select_related("kps__kind", "kps__wilayah").order_by("kps__name", "pk")
    )
    reports = (
        wksbm.reports.filter(**state)
        .select_related("kind")
        .prefetch_related(
            Prefetch("collections", queryset=FundCollection.objects.select_related("source", "mitra").order_by("pk")),
            Prefetch(
                "distributions",
                queryset=AidDistribution.objects.select_related("purpose", "referred_to").order_by("pk"),
            ),
        )
    )
    return WksbmProfile(
        **board(pengurus, on=on),
        current_members=[m for m in memberships if m.left_on is None],
        past_members=[m for m in memberships if m.left_on is not None],
        reports=list(reports[:LATEST_REPORTS]),
    )
