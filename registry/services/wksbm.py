"""Writes to WKSBM, their boards, members and reports. Every function is keyword-only and takes the acting user.

Each validates with the models' rules (`full_clean`), writes in one transaction and leaves history; on a broken
rule it raises ValidationError with Indonesian messages and nothing is saved.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.enums import Role
from registry.models import (
    ActivityKind,
    ActivityReport,
    AidDistribution,
    AidPurpose,
    FundCollection,
    FundSource,
    Kps,
    KpsKind,
    KpsMembership,
    Pengurus,
    PengurusRole,
    Wilayah,
    Wksbm,
)
from registry.roles import role_of
from registry.services.base import delete_recorded, save_validated

# A penyuluh removes a report they entered by mistake within this many days of its entry; operators any time.
REPORT_REMOVAL_DAYS = 7


def wksbm_create(*, by, name: str, wilayah: Wilayah, **fields) -> Wksbm:
    """Creates a WKSBM in `wilayah` (a desa/kelurahan or kecamatan); other fields as on the model."""
    return save_validated(Wksbm(name=name, wilayah=wilayah, **fields), by=by)


def wksbm_update(*, by, wksbm: Wksbm, **changes) -> Wksbm:
    """Changes the given fields of `wksbm`. A status change without its date is dated today."""
    previous_status = wksbm.status
    for field, value in changes.items():
        setattr(wksbm, field, value)
    wksbm.date_status_change(previous_status, changes.get("status_changed_on"))
    return save_validated(wksbm, by=by)


def pengurus_add(
    *,
    by,
    wksbm: Wksbm,
    name: str,
    role: PengurusRole,
    phone: str = "",
    nik: str = "",
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
) -> Pengurus:
    """Adds a person to the board of `wksbm` in `role`."""
    pengurus = Pengurus(
        wksbm=wksbm, name=name, role=role, phone=phone, nik=nik, period_from=period_from, period_to=period_to
    )
    return save_validated(pengurus, by=by)


def row_update(*, by, row, **changes):
    """Changes the given fields of `row` (a pengurus, a KPS, a membership, a report), validated, with history."""
    for field, value in changes.items():
        setattr(row, field, value)
    return save_validated(row, by=by)


def pengurus_end_term(*, by, pengurus: Pengurus, on: datetime.date | None = None) -> Pengurus:
    """Ends the term of `pengurus` on `on` (today by default): from that day they are a past pengurus."""
    pengurus.period_to = on or dates.today()
    return save_validated(pengurus, by=by)


def kps_create(*, by, name: str, kind: KpsKind, wilayah: Wilayah, **fields) -> Kps:
    """Creates a KPS in `wilayah`; other fields as on the model."""
    return save_validated(Kps(name=name, kind=kind, wilayah=wilayah, **fields), by=by)


def membership_add(*, by, kps: Kps, wksbm: Wksbm, joined_on: datetime.date | None = None) -> KpsMembership:
    """Makes `kps` a current member of `wksbm`; refused while it is a current member of another one."""
    return save_validated(KpsMembership(kps=kps, wksbm=wksbm, joined_on=joined_on), by=by)


def membership_end(*, by, membership: KpsMembership, on: datetime.date | None = None) -> KpsMembership:
    """Ends a membership on `on` (today by default)."""
    membership.left_on = on or dates.today()
    return save_validated(membership, by=by)


def report_create(
    *,
    by,
    wksbm: Wksbm,
    date: datetime.date,
    kind: ActivityKind,
    description: str = "",
    collected: list[tuple[FundSource, int]] = (),
    distributed: list[tuple[AidPurpose, int, int]] = (),
) -> ActivityReport:
    """Records an activity of `wksbm` with its funds `collected` (source, amount[, mitra it came from]) and help
    `distributed` (purpose, amount, beneficiaries[, mitra referred to, number referred]), all or nothing."""
    with transaction.atomic():
        report = save_validated(ActivityReport(wksbm=wksbm, date=date, kind=kind, description=description), by=by)
        for line in collected:
            save_validated(FundCollection(report=report, **fund_line_fields(line)), by=by)
        for line in distributed:
            save_validated(AidDistribution(report=report, **aid_line_fields(line)), by=by)
    return report


def fund_line_fields(line: tuple) -> dict:
    """A fund line's fields from (source, amount) or (source, amount, mitra): the mitra is optional."""
    source, amount, *rest = line
    return {"source": source, "amount": amount, "mitra": rest[0] if rest else None}


def aid_line_fields(line: tuple) -> dict:
    """An aid line's fields from (purpose, amount, beneficiaries) or with a referral (…, mitra, number referred)."""
    purpose, amount, beneficiaries, *referral = line
    referred_to, referred_count = (*referral, None, None)[:2]
    return {
        "purpose": purpose,
        "amount": amount,
        "beneficiaries": beneficiaries,
        "referred_to": referred_to,
        "referred_count": referred_count,
    }


def report_update(
    *,
    by,
    report: ActivityReport,
    collected: list[tuple[FundSource, int]] = (),
    distributed: list[tuple[AidPurpose, int, int]] = (),
    **changes,
) -> ActivityReport:
    """Changes `report`'s own fields and makes its lines exactly `collected` and `distributed` (as in
    `report_create`): a line of a source or purpose kept is updated, a new one added, one left out deleted; all or
    nothing, each write with history."""
    with transaction.atomic():
        row_update(by=by, row=report, **changes)
        _replace_lines(
            by=by,
            stored={line.source_id: line for line in report.collections.all()},
            wanted={line[0].pk: fund_line_fields(line) for line in collected},
            make=lambda values: FundCollection(report=report, **values),
        )
        _replace_lines(
            by=by,
            stored={line.purpose_id: line for line in report.distributions.all()},
            wanted={line[0].pk: aid_line_fields(line) for line in distributed},
            make=lambda values: AidDistribution(report=report, **values),
        )
    return report


def _replace_lines(*, by, stored: dict, wanted: dict, make) -> None:
    """Makes a report's lines of one kind (by key: source or purpose) the `wanted` values."""
    for key, line in stored.items():
        if key not in wanted:
            delete_recorded(line, by=by)
    for key, values in wanted.items():
        line = stored.get(key)
        if line is None:
            save_validated(make(values), by=by)
        elif any(getattr(line, name) != value for name, value in values.items()):
            row_update(by=by, row=line, **values)


def reports_entered_at(pks) -> dict[int, datetime.datetime]:
    """When each report of `pks` was entered, as its history records it (one query); a report whose history has
    no creation is left out."""
    created = ActivityReport.history.filter(id__in=list(pks), history_type="+").order_by("history_date")
    return dict(reversed(created.values_list("id", "history_date")))


def report_entered_at(report: ActivityReport) -> datetime.datetime | None:
    """When `report` was entered (`reports_entered_at`), or None."""
    return reports_entered_at([report.pk]).get(report.pk)


def report_removal_refused(*, role: Role | None, entered_at: datetime.datetime | None) -> str | None:
    """The one rule of removing a report entered by mistake: why a user of `role` (`registry.roles.role_of`) may not
    remove a report entered at `entered_at` (`report_entered_at`), or None when they may. A penyuluh may within
    `REPORT_REMOVAL_DAYS` days of its entry; an operator or admin with the permission any time. The permission
    and the area are the caller's to check (403, 404)."""
    if role != Role.PENYULUH:
        return None
    if entered_at is not None and timezone.now() - entered_at <= datetime.timedelta(days=REPORT_REMOVAL_DAYS):
        return None
    return _(
        "Laporan ini dicatat lebih dari %(days)d hari yang lalu%(when)s; penyuluh hanya dapat menghapus laporan "
        "dalam %(days)d hari setelah dicatat. Minta operator kabupaten/kota menghapusnya."
    ) % {
        "days": REPORT_REMOVAL_DAYS,
        "when": f" ({date_format(timezone.localtime(entered_at), 'j F Y')})" if entered_at else "",
    }


def report_delete(*, by, report: ActivityReport) -> None:
    """Removes a report entered by mistake with its lines, the history keeping each deletion; refused with the
    rule's message (`report_removal_refused`) as a ValidationError."""
    if refusal := report_removal_refused(role=role_of(by), entered_at=report_entered_at(report)):
        raise ValidationError(refusal, code="report_removal_refused")
    with transaction.atomic():
        for line in [*report.collections.all(), *report.distributions.all()]:
            delete_recorded(line, by=by)
        delete_recorded(report, by=by)
