"""The area a rekap covers, and the rows it breaks down into (provinsi → kabupaten → kecamatan → desa).

A rekap covers one wilayah of the user's area (a drill-down), or, at the top, the user's whole area: all
Indonesia for a superuser, else their area wilayah. Every read goes through `for_user` first and is then
narrowed to the wilayah, so a figure never counts what the user may not see.
"""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Substr
from django.http import Http404

from registry.enums import WilayahLevel
from registry.models import Wilayah
from registry.scoping import area_codes, code_prefix_q, in_area


@dataclass
class RekapArea:
    """What a rekap covers for `user`: `wilayah` (None for the user's whole area) and its breakdown `children`.

    `children` are the rows of the breakdown: the wilayah's direct children, or at the top the provinsi (for a
    superuser) or the user's area wilayah. A desa has none.
    """

    user: object
    wilayah: Wilayah | None
    children: list[Wilayah] = field(default_factory=list)

    @property
    def code(self) -> str | None:
        return self.wilayah.code if self.wilayah else None

    def scoped(self, queryset: QuerySet) -> QuerySet:
        """`queryset` (of a scoped model) limited to the user's area, then to the wilayah."""
        rows = queryset.for_user(self.user)
        if self.wilayah is not None:
            rows = rows.filter(code_prefix_q(rows.area_field, [self.wilayah.code]))
        return rows

    def row_key(self, code_field: str):
        """An expression naming, for each row, the code of the breakdown row it counts in; rows at the wilayah's
        own level (a kecamatan-level WKSBM in a kecamatan) get the wilayah's code.

        `code_field` is a wilayah code column (`wilayah_id`, `code`, `event__wilayah_id`). When every breakdown
        row has the same level the key is a prefix of the code (one cheap expression whatever the number of
        rows); a user whose areas have different levels gets one condition per area.
        """
        if not self.children:
            return Value(self.code or "", output_field=CharField())
        lengths = {len(child.code) for child in self.children}
        if len(lengths) == 1:
            return Substr(F(code_field), 1, lengths.pop())
        whens = [When(code_prefix_q(code_field, [child.code]), then=Value(child.code)) for child in self.children]
        return Case(*whens, default=Value(""), output_field=CharField())


def rekap_area(user, code: str | None = None) -> RekapArea:
    """The area of the rekap of `code` (None: the user's whole area) for `user`, in one or two queries.

    Raises Http404 for a wilayah outside the user's area or unknown, exactly like one that does not exist.
    """
    if code is None:
        codes = area_codes(user)
        if codes is None:
            children = Wilayah.objects.filter(level=WilayahLevel.PROVINSI)
        else:
            children = Wilayah.objects.filter(code__in=codes).select_related("parent__parent")
        return RekapArea(user=user, wilayah=None, children=list(children.order_by("code")))
    if not in_area(user, code):
        raise Http404
    rows = list(
        (Wilayah.objects.filter(code=code) | Wilayah.objects.children_of(code))
        .select_related("parent__parent__parent")
        .order_by("code")
    )
    if not rows or rows[0].code != code:
        raise Http404
    return RekapArea(user=user, wilayah=rows[0], children=rows[1:])


def ancestors(wilayah: Wilayah | None, user) -> list[Wilayah]:
    """The wilayah above `wilayah` that lie in the user's area, top first: the drill-down's way back up."""
    chain = []
    current = wilayah.parent if wilayah else None
    while current is not None and in_area(user, current.code):
        chain.append(current)
        current = current.parent if current.level > WilayahLevel.PROVINSI else None
    return chain[::-1]
