"""Area scoping: the one place that decides which records a user may see, failing closed.

A superuser sees everything. Any other user sees the records whose wilayah is one of their areas or lies under
one (a kabupaten operator with area 34.03 sees everything coded 34.03.…). A user without an area, an inactive
user or an anonymous one sees nothing. Every scoped queryset's `for_user(user)` goes through `area_q`.
"""

from django.db.models import Exists, OuterRef, Q

NOTHING = Q(pk__in=[])


def code_prefix_q(field: str, codes) -> Q:
    """A Q matching rows whose wilayah code `field` is one of `codes` or lies under one of them.

    `field` is a lookup path ending at the code itself (`"code"`, `"wilayah__code"`; Django reads the foreign
    key column without joining the wilayah table). `code_prefix_q("wilayah__code", ["34.03"])` matches `34.03`
    and `34.03.08.2004` but not `34.031…`-like siblings, because the prefix always ends at a dot. An empty
    `codes` matches nothing.
    """
    condition = NOTHING
    for code in codes:
        condition |= Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})
    return condition


def area_codes(user) -> list[str] | None:
    """The wilayah codes `user` works in; None means everywhere (superuser), [] means nowhere.

    Cached on the user object for the request, so scoping many querysets costs one query.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cached = getattr(user, "_area_codes", None)
    if cached is None:
        cached = list(user.areas.values_list("wilayah_id", flat=True))
        user._area_codes = cached
    return cached


def area_q(user, field: str) -> Q:
    """A Q keeping the rows whose wilayah code (at the lookup path `field`) lies in `user`'s areas."""
    codes = area_codes(user)
    if codes is None:
        return Q()
    return code_prefix_q(field, codes) if codes else NOTHING


def in_area(user, code: str) -> bool:
    """True when the wilayah `code` lies in one of `user`'s areas (the check for a single submitted value)."""
    codes = area_codes(user)
    if codes is None:
        return True
    return any(code == area or code.startswith(area + ".") for area in codes)


class ScopedQuerySetMixin:
    """Adds `for_user(user)` to a queryset whose model reaches its wilayah code by the lookup path `area_field`."""

    area_field: str = "wilayah__code"

    def for_user(self, user):
        """The rows `user` may see (see the module docstring)."""
        return self.filter(area_q(user, self.area_field))


def users_within_q(editor) -> Q:
    """A Q on the user model keeping the users `editor` may see and manage: every one of their areas lies in
    one of `editor`'s areas, and they have at least one.

    A superuser editor manages everyone (an empty Q). Anyone else never sees a superuser, a user without an
    area (who works nowhere, so in nobody's area) or a user with even one area outside the editor's: an Admin
    provinsi of DIY may not open, promote or give a new password to someone who also works in Jawa Tengah.
    This is the one rule; the users admin's list, every object page and action, and the area choices go
    through it.
    """
    from registry.models import UserArea

    codes = area_codes(editor)
    if codes is None:
        return Q()
    if not codes:
        return NOTHING
    areas = UserArea.objects.filter(user=OuterRef("pk"))
    outside = areas.exclude(code_prefix_q("wilayah__code", codes))
    return Q(Exists(areas), ~Exists(outside), is_superuser=False)
