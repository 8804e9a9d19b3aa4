"""Reads of the update cycle.

A period covers the province ("34") or one kabupaten ("34.03"): a WKSBM lies in a period's area when its wilayah's
code starts with the period's. Whether a period is open on a day: it started, has not ended, and was not closed by
the admin provinsi (`closed_at`). A period is over ("closed") once closed or past its end.

Who sees a period: every user whose area lies in it or holds it (an operator of Gunungkidul sees the province's
periods and Gunungkidul's, not Sleman's). A check is seen by the users whose area holds its WKSBM.
"""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Substr

from registry.enums import WksbmStatus
from registry.network.querysets import codes_and_ancestors
from registry.scoping import ScopedQuerySetMixin, area_codes, area_q, code_prefix_q
from registry.wilayah_codes import KABUPATEN_CODE_LENGTH, PROVINSI_CODE_LENGTH


def _model(name: str):
    from django.apps import apps

    return apps.get_model("registry", name)


def open_q(on: datetime.date, prefix: str = "") -> Q:
    """Periods open on `on` (at the lookup path `prefix`, e.g. "period__")."""
    return Q(**{f"{prefix}starts_on__lte": on, f"{prefix}ends_on__gte": on, f"{prefix}closed_at__isnull": True})


def over_q(on: datetime.date) -> Q:
    """Periods over by `on`: closed by the admin provinsi, or past their last day."""
    return Q(closed_at__isnull=False) | Q(ends_on__lt=on)


def covering_q(code) -> Q:
    """Periods whose area holds the wilayah `code` (a string, or an expression such as `OuterRef("wilayah_id")`):
    the province's, or its kabupaten's."""
    if isinstance(code, str):
        return Q(wilayah_id__in=[code[:PROVINSI_CODE_LENGTH], code[:KABUPATEN_CODE_LENGTH]])
    return Q(wilayah_id=Substr(code, 1, PROVINSI_CODE_LENGTH)) | Q(wilayah_id=Substr(code, 1, KABUPATEN_CODE_LENGTH))


class PeriodQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wilayah__code"

    def for_user(self, user) -> "PeriodQuerySet":
        """The periods `user` sees: those of their area and below it, and those whose area holds theirs."""
        codes = area_codes(user)
        if codes is None:
            return self.all()
        if not codes:
            return self.none()
        return self.filter(area_q(user, self.area_field) | Q(wilayah_id__in=codes_and_ancestors(codes)))

    def open_on(self, on: datetime.date) -> "PeriodQuerySet":
        return self.filter(open_q(on))

    def over_by(self, on: datetime.date) -> "PeriodQuerySet":
        return self.filter(over_q(on))

    def covering(self, code) -> "PeriodQuerySet":
        """The periods whose area holds the wilayah `code` (see `covering_q`)."""
        return self.filter(covering_q(code))

    def related_areas(self, code: str) -> "PeriodQuerySet":
        """The periods of the same area as one on the wilayah `code`: the same wilayah, the province above a
        kabupaten, or the kabupaten under a province; those are the periods a WKSBM could belong to twice."""
        return self.filter(Q(wilayah_id=code[:PROVINSI_CODE_LENGTH]) | code_prefix_q("wilayah__code", [code]))


class CheckQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wksbm__wilayah__code"


def expected_q(period, prefix: str = "") -> Q:
    """The WKSBM expected to be checked in `period` (at the lookup path `prefix` of a WKSBM): in its area, not
    dissolved, and existing at its start or formed during it (a WKSBM without a formation date counts)."""
    return (
        code_prefix_q(f"{prefix}wilayah__code", [period.wilayah_id])
        & ~Q(**{f"{prefix}status": WksbmStatus.BUBAR})
        & (Q(**{f"{prefix}formed_on__isnull": True}) | Q(**{f"{prefix}formed_on__lte": period.ends_on}))
    )


def checked_in(period_ref) -> Exists:
    """Whether the WKSBM row `OuterRef("pk")` was checked in the period `period_ref` (a pk or an expression)."""
    return Exists(_model("PemutakhiranCheck").objects.filter(period=period_ref, wksbm=OuterRef("pk")))


def open_period_of(on: datetime.date, field: str = "pk") -> Subquery:
    """`field` (the pk) of the period open on `on` for the WKSBM row `OuterRef(...)`, or NULL; at most one is (the
    rule of no overlapping periods for the same area)."""
    periods = _model("PemutakhiranPeriod").objects.open_on(on).covering(OuterRef("wilayah_id"))
    return Subquery(periods.order_by("-starts_on").values(field)[:1])


def last_over_period(on: datetime.date, field: str = "pk") -> Subquery:
    """`field` of the latest period over by `on` whose area holds the WKSBM row `OuterRef(...)`, or NULL."""
    periods = _model("PemutakhiranPeriod").objects.over_by(on).covering(OuterRef("wilayah_id"))
    return Subquery(periods.order_by("-ends_on", "-pk").values(field)[:1])


def missed_last_cycle(wksbm, on: datetime.date):
    """The WKSBM of the queryset `wksbm` not checked in the last cycle of their area over by `on`: the latest
    period over by then whose area holds them, which expected them (existing by its end; not dissolved today)."""
    return (
        wksbm.annotate(last_period=last_over_period(on), last_period_end=last_over_period(on, "ends_on"))
        .filter(last_period__isnull=False)
        .exclude(status=WksbmStatus.BUBAR)
        .filter(Q(formed_on__isnull=True) | Q(formed_on__lte=models.F("last_period_end")))
        .exclude(checked_in(OuterRef("last_period")))
    )
