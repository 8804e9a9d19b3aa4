"""Who sees the network's records (`for_user`) and who may change them.

- A **mitra** is seen by the users whose area holds its seat; by every user whose area lies in its working area
  (its seat's wilayah at the mitra's level: a kabupaten's Baznas by everyone of that kabupaten, a provincial
  mitra by everyone of the province); a national mitra by every user with an area; and by the users whose WKSBM
  have a tie with it. It is changed only by the users whose area holds its seat (`seated_in_area`). A partner
  organisation's name is not personal data (its contacts are, shown on its own page only): it is named wherever
  a record of the user's area links to it (`public_names`).
- A **tie** is seen by the users whose area holds either of its WKSBM (a tie between two WKSBM shows on both).
- A **forum** is seen by the users whose area holds its wilayah, and by those whose area holds one of its member
  WKSBM (a penyuluh sees the kabupaten forum of their WKSBM); it is changed by the users of its wilayah
  (`in_wilayah`). Its board, members and meetings follow the forum.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from registry.enums import MitraLevel
from registry.scoping import ScopedQuerySetMixin, area_codes, area_q
from registry.wilayah_codes import ancestor_code, level_of


def _model(name: str):
    from django.apps import apps

    return apps.get_model("registry", name)


def codes_and_ancestors(codes) -> set[str]:
    """Every code of `codes` and every wilayah above each one."""
    return {ancestor_code(code, level) for code in codes for level in range(1, level_of(code) + 1)}


class MitraQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wilayah__code"
    public_names = True

    def for_user(self, user) -> "MitraQuerySet":
        """The mitra `user` sees (see the module docstring)."""
        codes = area_codes(user)
        if codes is None:
            return self.all()
        if not codes:
            return self.none()
        # A tie that names a mitra has no partner WKSBM (the constraint `jejaring_one_other_end`), so its WKSBM end
        # alone decides. Testing the partner's area too joined every tie to two WKSBM and read the whole table
        # (120 ms at national scale, bench/admin_lists.py); the WKSBM end alone is read through the indexes.
        ties = _model("Jejaring").objects.filter(mitra=OuterRef("pk")).filter(area_q(user, "wksbm__wilayah__code"))
        return self.filter(
            area_q(user, self.area_field)
            | Q(level=MitraLevel.NASIONAL)
            | Q(reach__in=codes_and_ancestors(codes))
            | Exists(ties)
        )

    def seated_in_area(self, user) -> "MitraQuerySet":
        """The mitra whose seat lies in `user`'s area: those the user may change."""
        return self.filter(area_q(user, self.area_field))


class MitraContactQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "mitra__wilayah__code"

    def for_user(self, user):
        return self.filter(mitra__in=_model("Mitra").objects.for_user(user).values("pk"))


class JejaringQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wksbm__wilayah__code"

    def for_user(self, user) -> "JejaringQuerySet":
        """The ties of a WKSBM in `user`'s area, at either end."""
        if area_codes(user) is None:
            return self.all()
        return self.filter(area_q(user, "wksbm__wilayah__code") | area_q(user, "partner_wksbm__wilayah__code"))

    def of_wksbm(self, wksbm) -> "JejaringQuerySet":
        """The ties of `wksbm`, at either end."""
        return self.filter(Q(wksbm=wksbm) | Q(partner_wksbm=wksbm))

    def active(self, on=None) -> "JejaringQuerySet":
        """The ties active on `on` (today by default; `registry.network.rules.active_q`)."""
        from registry import dates
        from registry.network.rules import active_q

        return self.filter(active_q(on or dates.today()))

    def past(self, on=None) -> "JejaringQuerySet":
        from registry import dates
        from registry.network.rules import active_q

        return self.exclude(active_q(on or dates.today()))


class ForumQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wilayah__code"
    public_names = True

    def for_user(self, user) -> "ForumQuerySet":
        """The forums of `user`'s area, and those with a member WKSBM there (see the module docstring)."""
        if area_codes(user) is None:
            return self.all()
        members = _model("ForumMember").objects.filter(area_q(user, "wksbm__wilayah__code")).values("forum_id")
        return self.filter(area_q(user, self.area_field) | Q(pk__in=members))

    def in_wilayah(self, user) -> "ForumQuerySet":
        """The forums whose wilayah lies in `user`'s area: those the user may change."""
        return self.filter(area_q(user, self.area_field))


class ForumPartQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of what hangs off a forum (board, members, meetings, attendance): seen by whoever sees the forum."""

    area_field = "forum__wilayah__code"
    forum_path = "forum"

    def for_user(self, user):
        return self.filter(**{f"{self.forum_path}__in": _model("ForumKomunikasi").objects.for_user(user).values("pk")})

    def in_wilayah(self, user):
        return self.filter(area_q(user, self.area_field))


class ForumAttendanceQuerySet(ForumPartQuerySet):
    area_field = "meeting__forum__wilayah__code"
    forum_path = "meeting__forum"
