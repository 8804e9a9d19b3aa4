"""The registry models' querysets: reads scoped to a user's areas (`for_user`), the wilayah tree's reads, current
terms and memberships, and the WKSBM's derived facts (`with_summary`; "kepengurusan belum lengkap" written in SQL,
`VacantRequiredRole`)."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry import extensions, wilayah_codes
from registry.scoping import ScopedQuerySetMixin, code_prefix_q


class WilayahQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of the wilayah tree; `for_user` keeps a user's areas and what lies under them. Wilayah names are the
    official, public list: shown wherever they lie (`public_names`)."""

    area_field = "code"
    public_names = True

    def within(self, codes) -> "WilayahQuerySet":
        """The wilayah with any of `codes` and everything under them."""
        return self.filter(code_prefix_q("code", codes))

    def children_of(self, code: str) -> "WilayahQuerySet":
        """The direct children of the wilayah `code`, by code prefix (served by the primary key index)."""
        return self.within([code]).filter(level=wilayah_codes.level_of(code) + 1)


def _model(name: str):
    from django.apps import apps

    return apps.get_model("registry", name)


def current_term_q(on, prefix: str = "") -> Q:
    """The one rule of a current term (`period_from`/`period_to`) on the day `on`: begun by then (or undated), and
    not ended by then. A term's end date is the day it was ended ("Akhiri masa bakti"): from that day the person is
    a past pengurus; an end date after `on` (a term planned to end later) or none keeps them current.
    `term_is_current` is the same rule on one row in memory."""
    return (Q(**{f"{prefix}period_from__isnull": True}) | Q(**{f"{prefix}period_from__lte": on})) & (
        Q(**{f"{prefix}period_to__isnull": True}) | Q(**{f"{prefix}period_to__gt": on})
    )


def term_is_current(period_from, period_to, on) -> bool:
    """`current_term_q` for one term in memory (a row already read): True when it is current on `on`."""
    return (period_from is None or period_from <= on) and (period_to is None or period_to > on)


class PengurusQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wksbm__wilayah__code"

    def current(self, on=None) -> "PengurusQuerySet":
        """Pengurus whose term is current on `on` (today by default; `current_term_q`)."""
        from registry import dates

        return self.filter(current_term_q(on or dates.today()))

    def past(self, on=None) -> "PengurusQuerySet":
        """Pengurus whose term is not current on `on` (today by default): "Pengurus terdahulu"."""
        from registry import dates

        return self.exclude(current_term_q(on or dates.today()))


class MembershipQuerySet(ScopedQuerySetMixin, models.QuerySet):
    area_field = "wksbm__wilayah__code"

    def current(self) -> "MembershipQuerySet":
        """Memberships not yet ended. A leave date is never after today (`KpsMembership.clean`), so a membership
        with one is over: the KPS is listed among the past members from that day."""
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
        return self.annotate(
            board_complete=~VacantRequiredRole(on, for_each_row=True),
            kps_count=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)),
            last_activity_on=latest_report_date(),
        )

    def with_last_contact(self) -> "WksbmQuerySet":
        """Annotates `contact_<key>` for each kind of contact of `registry.extensions.contact_dates` (its latest
        date, or None) and `last_contact_on`, the latest of them ("Kontak terakhir"): one subquery per kind."""
        from django.db.models import DateField, Value
        from django.db.models.functions import Coalesce, Greatest, NullIf

        kinds = list(extensions.contact_dates.values())
        annotated = self.annotate(**{f"contact_{kind.key}": kind.latest() for kind in kinds})
        # NULL-free for GREATEST, which PostgreSQL and SQLite treat differently when a value is NULL.
        dates = [Coalesce(models.F(f"contact_{kind.key}"), Value(NO_CONTACT)) for kind in kinds]
        if not dates:
            return annotated.annotate(last_contact_on=Value(None, output_field=DateField()))
        latest = Greatest(*dates, output_field=DateField()) if len(dates) > 1 else dates[0]
        return annotated.annotate(last_contact_on=NullIf(latest, Value(NO_CONTACT), output_field=DateField()))

    def having_member_kind(self, kind_id) -> "WksbmQuerySet":
        """WKSBM with a current member KPS of the kind `kind_id` (Karang Taruna, PKK…), read from the kind the database
        copies onto each membership (`KpsMembership.kind`), through the partial index of current memberships by
        kind rather than joining every current membership to its KPS. Pass the kind's id as a constant: it spares
        the database a join (and a worse plan) over every membership."""
        members = _model("KpsMembership").objects.current().filter(wksbm=models.OuterRef("pk"), kind_id=kind_id)
        return self.filter(models.Exists(members))

    def incomplete_board(self, on=None) -> "WksbmQuerySet":
        """WKSBM lacking a current holder of a required role (ketua, sekretaris): "kepengurusan belum lengkap"."""
        return self.filter(self.incomplete_board_condition(on))

    def complete_board(self, on=None) -> "WksbmQuerySet":
        return self.exclude(self.incomplete_board_condition(on))

    def possibly_dormant(self, on=None, *, verified_only: bool = False) -> "WksbmQuerySet":
        """Active WKSBM formed before the cutoff with no report since it (12 months before `on`); with
        `verified_only`, no verified report (the rekap's "hanya data terverifikasi")."""
        return self.filter(self.possibly_dormant_condition(on, verified_only=verified_only))

    @staticmethod
    def incomplete_board_condition(on=None) -> "VacantRequiredRole":
        """The condition of `incomplete_board` on the outer WKSBM, for a filter or a conditional count."""
        return VacantRequiredRole(on)

    @staticmethod
    def possibly_dormant_condition(on=None, *, verified_only: bool = False) -> Q:
        """The condition of `possibly_dormant` on the outer WKSBM, for a filter or a conditional count; with
        `verified_only` only verified reports count as activity."""
        from registry import dates
        from registry.enums import VerificationState

        cutoff = dates.dormant_cutoff(on)
        recent = _model("ActivityReport").objects.filter(wksbm=models.OuterRef("pk"), date__gte=cutoff)
        if verified_only:
            recent = recent.filter(verification=VerificationState.TERVERIFIKASI)
        return _old_and_active(cutoff) & ~models.Exists(recent)

    def with_dormant_flag(self, on=None) -> "WksbmQuerySet":
        """Annotates `possibly_dormant`, the flag of `possibly_dormant` for each row, read from the latest report
        (`last_activity_on`, annotated here unless `with_summary` did): no report since the cutoff is a latest
        report before it. One index lookup a row: the condition's NOT EXISTS as a column is planned by PostgreSQL
        as a hash of every report since the cutoff, a scan of the whole table for a page of 100."""
        from registry import dates

        cutoff = dates.dormant_cutoff(on)
        rows = self
        if "last_activity_on" not in self.query.annotations:
            rows = rows.annotate(last_activity_on=latest_report_date())
        quiet = Q(last_activity_on__isnull=True) | Q(last_activity_on__lt=cutoff)
        flag = models.ExpressionWrapper(_old_and_active(cutoff) & quiet, output_field=models.BooleanField())
        return rows.annotate(possibly_dormant=flag)


def _old_and_active(cutoff: datetime.date) -> Q:
    """The WKSBM that may be flagged "mungkin vakum": active, and formed before `cutoff` or undated."""
    from registry.enums import WksbmStatus

    return (Q(formed_on__isnull=True) | Q(formed_on__lt=cutoff)) & Q(status=WksbmStatus.AKTIF)


# The date standing for "no contact" inside `with_last_contact` (never shown: it is turned back into NULL).
NO_CONTACT = datetime.date(1900, 1, 1)


def latest_report_date():
    """The date of the latest activity report of the WKSBM row `OuterRef("pk")`: the registry's own kind of
    contact (`registry.extensions.contact_dates`)."""
    return models.Subquery(
        _model("ActivityReport").objects.filter(wksbm=models.OuterRef("pk")).order_by("-date").values("date")[:1]
    )


def dormant_rule() -> str:
    """The rule of the "mungkin vakum" flag (`WksbmQuerySet.possibly_dormant_condition`) in one sentence."""
    from registry import dates

    return _(
        "Ditandai mungkin vakum: WKSBM aktif yang dibentuk lebih dari %(months)d bulan lalu (atau tanpa tanggal "
        "pembentukan) dan tidak punya laporan kegiatan dalam %(months)d bulan terakhir."
    ) % {"months": dates.DORMANT_AFTER_MONTHS}


extensions.contact_dates.register(
    extensions.ContactDate(key="laporan", order=0, label=_("laporan kegiatan"), latest=latest_report_date)
)


class VacantRequiredRole(models.Expression):
    """True for a WKSBM (the row the expression stands in) with a required role (ketua, sekretaris…) that no
    pengurus holds on the day `on` (today by default): its board is "belum lengkap".

    Written in SQL, in one of two shapes, because PostgreSQL plans them very differently at national scale
    (50,000 WKSBM, bench/admin_lists.py). As a filter (the default), the WKSBM is paired with every required
    role and a pair without a current holder is looked for:

        EXISTS (SELECT 1 FROM wksbm board_w CROSS JOIN role board_r
                WHERE board_w.id = <the row's id> AND board_r.required
                AND NOT EXISTS (SELECT 1 FROM (<current holders of required roles>) board_p
                                WHERE board_p.wksbm_id = board_w.id AND board_p.role_id = board_r.id))

    Every table the inner NOT EXISTS names is in the subquery's own FROM, so PostgreSQL flattens both levels
    into joins and plans them for the query at hand: a list page walks its order and probes the pengurus index
    for the few rows it shows (5 ms for a page of 50), while the count hashes the holders once. The same
    condition with the row's id inside the inner NOT EXISTS (the ORM's nested `Exists`) cannot be flattened and
    runs as a hashed subplan over every current holder, for a page of 50 as for the count (about 80 ms each).

    `for_each_row=True` gives that second shape, for a column computed on the rows shown: there the flattenable
    shape would be hashed over all 50,000 WKSBM before the page is cut, the nested one probes the index for
    each row shown. Standard SQL: SQLite runs both. With `verified_only` only verified pengurus hold a role (the
    rekap's "hanya data terverifikasi").
    """

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, on=None, *, for_each_row: bool = False, wksbm=None, verified_only: bool = False):
        super().__init__()
        self.on, self.for_each_row, self.verified_only = on, for_each_row, verified_only
        self.wksbm = wksbm if wksbm is not None else models.F("pk")

    def get_source_expressions(self):
        return [self.wksbm]

    def set_source_expressions(self, exprs):
        (self.wksbm,) = exprs

    def as_sql(self, compiler, connection):
        from registry import dates

        wksbm_sql, wksbm_params = compiler.compile(self.wksbm)
        # Current holders of required roles, by the one rule for a current term (`current_term_q`).
        holders = (
            _model("Pengurus")
            .objects.filter(current_term_q(self.on or dates.today()), role__required=True)
            .order_by()
            .values("wksbm_id", "role_id")
        )
        if self.verified_only:
            from registry.enums import VerificationState

            holders = holders.filter(verification=VerificationState.TERVERIFIKASI)
        holders_sql, holders_params = holders.query.get_compiler(connection=connection).as_sql()
        quote = connection.ops.quote_name
        wksbm, role = _model("Wksbm")._meta, _model("PengurusRole")._meta
        role_table, role_id, wksbm_id = quote(role.db_table), quote(role.pk.column), quote(wksbm.pk.column)
        # The WKSBM whose holders are looked for: the row itself, or its copy paired with the roles.
        holder_of = wksbm_sql if self.for_each_row else f"board_w.{wksbm_id}"
        vacant = (
            f"NOT EXISTS (SELECT 1 FROM ({holders_sql}) board_p"
            f" WHERE board_p.role_id = board_r.{role_id} AND board_p.wksbm_id = {holder_of})"
        )
        if self.for_each_row:
            sql = f"EXISTS (SELECT 1 FROM {role_table} board_r WHERE board_r.required = %s AND {vacant})"
            return sql, (True, *holders_params, *wksbm_params)
        sql = (
            f"EXISTS (SELECT 1 FROM {quote(wksbm.db_table)} board_w CROSS JOIN {role_table} board_r"
            f" WHERE board_w.{wksbm_id} = {wksbm_sql} AND board_r.required = %s AND {vacant})"
        )
        return sql, (*wksbm_params, True, *holders_params)
