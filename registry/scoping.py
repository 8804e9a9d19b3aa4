"""Area scoping: the one place that decides which records a user may see, failing closed.

A superuser sees everything. Any other user sees the records whose wilayah is one of their areas or lies under
one (a kabupaten operator with area 34.03 sees everything coded 34.03.…). A user without an area, an inactive
user or an anonymous one sees nothing. Every scoped queryset's `for_user(user)` goes through `area_q`, and every
page naming a related record goes through `shown_name` (a record outside the area is never named).
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from registry.wilayah_codes import lies_within

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
    return any(lies_within(code, area) for area in codes)


class ScopedQuerySetMixin:
    """Adds `for_user(user)` to a queryset whose model reaches its wilayah code by the lookup path `area_field`.

    `public_names` marks a model whose names everyone may read although `for_user` narrows what is offered (the
    official wilayah tree): `shown_name` names such records wherever they lie.
    """

    area_field: str = "wilayah__code"
    public_names: bool = False

    def for_user(self, user):
        """The rows `user` may see (see the module docstring)."""
        return self.filter(area_q(user, self.area_field))


OUTSIDE_AREA_LABEL = _("(di luar wilayah Anda)")


def area_code_of(obj) -> str | None:
    """The wilayah code that scopes `obj` (its queryset's `area_field`), read through the relations loaded with it;
    None for a record not scoped by area or whose names are public.

    Load the relations on the way with `select_related` (`wksbm` for a pengurus) to keep it free of queries.
    """
    queryset = type(obj)._default_manager.all()
    path = getattr(queryset, "area_field", None)
    if path is None or getattr(queryset, "public_names", False):
        return None
    *relations, field = path.split("__")
    if not relations:
        return getattr(obj, field)
    for relation in relations[:-1]:
        obj = getattr(obj, relation)
        if obj is None:
            return None
    # The last relation is the wilayah; its foreign key column holds the code itself.
    return getattr(obj, f"{relations[-1]}_id")


def shown_name(user, obj, name=None):
    """What a page shows `user` to name the record `obj`: `name` (by default `str(obj)`) when `obj` lies in the
    user's area or is not scoped by area, else `OUTSIDE_AREA_LABEL`; None for no record.

    The rule for records outside the user's area, on every page (admin, field pages, program pages, profil):
    - a list of records (admin lists, inline rows, a program's events, an event's outcomes) reads through
      `for_user` and leaves them out;
    - a single record named from a record in the area (the value of a select box or autocomplete, the program
      of an event, the current WKSBM of a KPS, the KPS or pengurus a participant represents, a related row on a
      delete page) is shown as "(di luar wilayah Anda)", never linked; a form keeps the stored value as it is;
    - wilayah names are the official, public list and are always shown.
    Where a column is computed in SQL, `scoped_subquery` gives the same answer.
    """
    if obj is None:
        return None
    if lies_outside(user, obj):
        return OUTSIDE_AREA_LABEL
    return str(obj) if name is None else name


def lies_outside(user, obj) -> bool:
    """True when the record `obj` is scoped by area and lies outside `user`'s (see `shown_name`)."""
    if area_codes(user) is None:
        return False  # a superuser: nothing lies outside, and no relation needs reading
    code = area_code_of(obj)
    return code is not None and not in_area(user, code)


def scoped_subquery(user, queryset, key: str, field: str = "name") -> Subquery:
    """`field` of the row of `queryset` (a scoped model's) whose pk is the outer row's `key`, when it lies in
    `user`'s area, else NULL: a column naming a related record in SQL, one subquery and no query per row. Show
    NULL beside a set `key` as `OUTSIDE_AREA_LABEL` (the rule of `shown_name`)."""
    return Subquery(queryset.for_user(user).filter(pk=OuterRef(key)).values(field)[:1])


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
