"""Writes to WKSBM, their boards, members and reports. Every function is keyword-only and takes the acting user.

Each validates with the models' rules (`full_clean`), writes in one transaction and leaves history; on a broken
rule it raises ValidationError with Indonesian messages and nothing is saved.
"""

import datetime

from django.db import transaction

from registry import dates
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
from registry.services.base import save_validated


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


def pengurus_end_term(*, by, pengurus: Pengurus, on: datetime.date | None = None) -> Pengurus:
    """Ends the term of `pengurus` on `on` (today by default)."""
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
    """Records an activity of `wksbm` with its funds `collected` (source, amount) and help `distributed`
    (purpose, amount, beneficiaries), all or nothing."""
    with transaction.atomic():
        report = save_validated(ActivityReport(wksbm=wksbm, date=date, kind=kind, description=description), by=by)
        for source, amount in collected:
            save_validated(FundCollection(report=report, source=source, amount=amount), by=by)
        for purpose, amount, beneficiaries in distributed:
            save_validated(
                AidDistribution(report=report, purpose=purpose, amount=amount, beneficiaries=beneficiaries), by=by
            )
    return report
