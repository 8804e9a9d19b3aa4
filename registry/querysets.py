"""Reusable reads of the registry's models."""

from django.db import models
from django.db.models import Q

from registry.scoping import ScopedQuerySetMixin, code_prefix_q


class WilayahQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of the wilayah tree; `for_user` keeps a user's areas and what lies under them."""

    area_field = "code"

    def within(self, codes) -> "WilayahQuerySet":
        """The wilayah with any of `codes` and everything under them."""
        return self.filter(code_prefix_q("code", codes))

    def children_of(self, code: str) -> "WilayahQuerySet":
        """The direct children of the wilayah `code`, by code prefix (served by the primary key index)."""
        return self.filter(code__startswith=f"{code}.", level=code.count(".") + 2)


def _model(name: str):
    from django.apps import apps

    return apps.get_model("registry", name)


def current_term_q(on, prefix: str = "") -> Q:
    """Rows of a dated term (`period_from`/`period_to`) that cover the day `on`; open ends count as covering."""
    return (Q(**{f"{prefix}period_from__isnull": True}) | Q(**{f"{prefix}period_from__lte": on})) & (
        Q(**{f"{prefix}period_to__isnull": True}) | Q(**{f"{prefix}period_to__gte": on})
    )


class PengurusQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wksbm__wilayah__code"

    def current(self, on=None) -> "PengurusQuerySet":
        """Pengurus whose term covers `on` (today by default)."""
        from registry import dates

        return self.filter(current_term_q(on or dates.today()))


class MembershipQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wksbm__wilayah__code"

    def current(self) -> "MembershipQuerySet":
        """Memberships not yet ended."""
        return self.filter(left_on__isnull=True)


class KpsQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wilayah__code"


class ReportQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wksbm__wilayah__code"


class ReportLineQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "report__wksbm__wilayah__code"


class UserAreaQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wilayah__code"


class WksbmQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of WKSBM with their derived facts, each one subquery per row so a page costs one query."""

    area_field = "wilayah__code"

    def with_summary(self, on=None) -> "WksbmQuerySet":
        """Annotates `board_complete`, `kps_count` (current members) and `last_activity_on` (latest report)."""
        from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
        from django.db.models.functions import Coalesce

        members = (
            _model("KpsMembership")
            .objects.filter(wksbm=OuterRef("pk"), left_on__isnull=True)
            .order_by()
            .values("wksbm")
            .annotate(total=Count("pk"))
            .values("total")
        )
        latest = _model("ActivityReport").objects.filter(wksbm=OuterRef("pk")).order_by("-date").values("date")[:1]
        return self.annotate(
            board_complete=~models.Exists(self._missing_required_roles(on)),
            kps_count=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)),
            last_activity_on=Subquery(latest),
        )

    def incomplete_board(self, on=None) -> "WksbmQuerySet":
        """WKSBM lacking a current holder of a required role (ketua, sekretaris): "kepengurusan belum lengkap"."""
        return self.filter(self.incomplete_board_condition(on))

    def complete_board(self, on=None) -> "WksbmQuerySet":
        return self.exclude(self.incomplete_board_condition(on))

    def possibly_dormant(self, on=None) -> "WksbmQuerySet":
        """Active WKSBM formed before the cutoff with no report since it (12 months before `on`)."""
        return self.filter(self.possibly_dormant_condition(on))

    @classmethod
    def incomplete_board_condition(cls, on=None) -> models.Exists:
        """The condition of `incomplete_board` on the outer WKSBM, for a filter or a conditional count."""
        return models.Exists(cls._missing_required_roles(on))

    @staticmethod
    def possibly_dormant_condition(on=None) -> Q:
        """The condition of `possibly_dormant` on the outer WKSBM, for a filter or a conditional count."""
        from registry import dates
        from registry.enums import WksbmStatus

        cutoff = dates.dormant_cutoff(on)
        recent = _model("ActivityReport").objects.filter(wksbm=models.OuterRef("pk"), date__gte=cutoff)
        return (
            (Q(formed_on__isnull=True) | Q(formed_on__lt=cutoff)) & Q(status=WksbmStatus.AKTIF) & ~models.Exists(recent)
        )

    @staticmethod
    def _missing_required_roles(on):
        """The required roles without a current holder in the outer WKSBM.

        Over a whole table (the "kepengurusan belum lengkap" filter, its count and its page) PostgreSQL answers
        this by hashing the (role, WKSBM) pairs of current pengurus once. `role__required` repeats the outer
        condition so that only holders of required roles are hashed (ketua and sekretaris: half of 174,000
        pengurus): over 50,000 WKSBM the count went from 112 to 94 ms and the page from 84 to 72 ms. A grouped
        count of holders per WKSBM (GROUP BY … HAVING COUNT(DISTINCT role) = required roles) took 140 ms for
        each. (JIT off, see wksbm/settings.py; with JIT the nested form had cost 400 ms.)
        """
        from registry import dates

        holders = _model("Pengurus").objects.filter(
            current_term_q(on or dates.today()),
            wksbm=models.OuterRef(models.OuterRef("pk")),
            role=models.OuterRef("pk"),
            role__required=True,
        )
        return _model("PengurusRole").objects.filter(required=True).exclude(models.Exists(holders))
