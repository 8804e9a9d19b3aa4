"""The area a rekap covers, and the rows it breaks down into (provinsi → kabupaten → kecamatan → desa).

A rekap covers one wilayah of the user's area (a drill-down), or, at the top, the user's whole area: all
Indonesia for a superuser, else their area wilayah. Every read goes through `for_user` first and is then
narrowed to the wilayah, so a figure never counts what the user may not see.

The area also says which data the rekap counts (`verified_only`, the page's `?data=terverifikasi`): everything
recorded, as it always did, or only what an operator has verified (issue 20). `scoped` applies it, so every
section that reads through `scoped` follows the switch without a parameter of its own and without a query more.
"""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from registry.enums import VerificationState, WilayahLevel
from registry.models import VerifiedRecord, Wilayah
from registry.scoping import area_codes, code_prefix_q, in_area

# What the printed rekap, the downloads and a frozen snapshot say about the data they count.
ALL_DATA = _("Data: semua, termasuk yang menunggu verifikasi")
VERIFIED_DATA = _("Data: hanya yang terverifikasi")
# The value of `?data=` that switches the rekap to verified data only.
VERIFIED_PARAM = "terverifikasi"


def verified_path(model) -> str | None:
    """The lookup path of the verification state that decides whether a row of `model` counts as verified: the
    record's own (`VerifiedRecord`), or for a part of a verified record the whole's, named by the model's
    `verified_through` (a report's fund and aid lines: "report"; a visit's follow-ups: "visit"); None for a model
    not verified at all (a wilayah, a program, a forum)."""
    if issubclass(model, VerifiedRecord):
        return "verification"
    through = getattr(model, "verified_through", None)
    return f"{through}__verification" if through else None


def verified_q(model, prefix: str = "") -> Q:
    """A Q keeping the verified rows of `model` (reached from the queried model through `prefix`, e.g.
    "wksbm__"); an empty Q for a model not verified."""
    path = verified_path(model)
    return Q(**{f"{prefix}{path}": VerificationState.TERVERIFIKASI}) if path else Q()


@dataclass
class RekapArea:
    """What a rekap covers for `user`: `wilayah` (None for the user's whole area) and its breakdown `children`.

    `children` are the rows of the breakdown: the wilayah's direct children, or at the top the provinsi (for a
    superuser) or the user's area wilayah. A desa has none. With `verified_only` the rekap counts only verified
    records (`verified`).
    """

    user: object
    wilayah: Wilayah | None
    children: list[Wilayah] = field(default_factory=list)
    verified_only: bool = False

    @property
    def code(self) -> str | None:
        return self.wilayah.code if self.wilayah else None

    @property
    def data_label(self) -> str:
        """Which data the rekap counts, in words ("Data: hanya yang terverifikasi")."""
        return VERIFIED_DATA if self.verified_only else ALL_DATA

    @property
    def data_query(self) -> str:
        """The query parameter that keeps the data switch on a link ("data=terverifikasi", or "")."""
        return f"data={VERIFIED_PARAM}" if self.verified_only else ""

    def scoped(self, queryset: QuerySet) -> QuerySet:
        """`queryset` (of a scoped model) limited to the user's area, then to the wilayah, then to verified rows
        when the rekap counts verified data only (`verified`)."""
        rows = queryset.for_user(self.user)
        if self.wilayah is not None:
            rows = rows.filter(code_prefix_q(rows.area_field, [self.wilayah.code]))
        return self.verified(rows)

    def verified(self, queryset: QuerySet, prefix: str = "") -> QuerySet:
        """`queryset` as the rekap counts it: every row, or with `verified_only` the verified ones of its model
        (`verified_path`; a model not verified is left as it is). `prefix` reaches a related model's state
        instead ("wksbm__"). A filter only: no query more."""
        if not self.verified_only:
            return queryset
        model = queryset.model
        if prefix:
            for name in prefix.strip("_").split("__"):
                model = model._meta.get_field(name).related_model
        return queryset.filter(verified_q(model, prefix))

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


def rekap_area(user, code: str | None = None, *, verified_only: bool = False) -> RekapArea:
    """The area of the rekap of `code` (None: the user's whole area) for `user`, in one or two queries, counting
    only verified records when `verified_only`.

    Raises Http404 for a wilayah outside the user's area or unknown, exactly like one that does not exist.
    """
    if code is None:
        codes = area_codes(user)
        if codes is None:
            children = Wilayah.objects.filter(level=WilayahLevel.PROVINSI)
        else:
            children = Wilayah.objects.filter(code__in=codes).select_related("parent__parent")
        return RekapArea(user=user, wilayah=None, children=list(children.order_by("code")), verified_only=verified_only)
    if not in_area(user, code):
        raise Http404
    rows = list(
        (Wilayah.objects.filter(code=code) | Wilayah.objects.children_of(code))
        .select_related("parent__parent__parent")
        .order_by("code")
    )
    if not rows or rows[0].code != code:
        raise Http404
    return RekapArea(user=user, wilayah=rows[0], children=rows[1:], verified_only=verified_only)


def ancestors(wilayah: Wilayah | None, user) -> list[Wilayah]:
    """The wilayah above `wilayah` that lie in the user's area, top first: the drill-down's way back up."""
    chain = []
    current = wilayah.parent if wilayah else None
    while current is not None and in_area(user, current.code):
        chain.append(current)
        current = current.parent if current.level > WilayahLevel.PROVINSI else None
    return chain[::-1]
